// The web platform every Cloudinary widget shares (issue 15, point 5), on a real offscreen WebEngine:
// the host page's https origin, the main-frame allow-list, one profile per account and its deletion,
// pop-ups in the same profile, downloads through the save hook, and the bridge's path from the page's
// main world through the isolated relay to C++.

#include "core/storage/storagelayout.h"
#include "web/webprofiles.h"
#include "web/widgetbridge.h"
#include "web/widgetpage.h"
#include "web/widgetview.h"
#include "webenginetest.h"

#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebEngineProfile>
#include <QWebEngineScript>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace stratus;
using webtest::evaluate;
using webtest::RecordingInterceptor;

namespace {

const QUrl hostOrigin(u"https://host.stratus.invalid/media-library.html"_s);
const QString hostHtml
    = u"<!doctype html><html><head><title>host</title></head><body><p>host</p></body></html>"_s;

/// The demo bridge: one method, `greet`, taking `{"name": <1 to 100 characters>}`.
class GreetingBridge : public web::WidgetBridge
{
public:
    QStringList methods() const override { return {u"greet"_s}; }
    QString lastName;

protected:
    void handle(const QString &method, const QJsonValue &argument, Reply reply) override
    {
        Q_UNUSED(method)
        const QJsonValue name = argument.toObject().value(u"name"_s);
        if (!argument.isObject() || argument.toObject().size() != 1 || !name.isString()
            || name.toString().isEmpty() || name.toString().size() > 100) {
            reply(Answer::failure(u"bad-argument"_s));
            return;
        }
        lastName = name.toString();
        reply(Answer::success(QString(u"Hello, "_s + lastName)));
    }
};

/// Runs `script`, which stores its (possibly asynchronous) outcome in `window.__outcome`, and waits
/// for that outcome.
QString outcomeOf(QWebEnginePage *page, const QString &script)
{
    evaluate(page, u"window.__outcome = undefined;"_s + script);
    QString outcome;
    (void)QTest::qWaitFor(
        [&] {
            const QVariant value = evaluate(page, u"window.__outcome"_s);
            if (!value.isValid() || value.isNull())
                return false;
            outcome = value.toString();
            return true;
        },
        10000);
    return outcome;
}

bool loadHost(web::WidgetPage *page)
{
    QSignalSpy loaded(page, &QWebEnginePage::loadFinished);
    page->loadHost(hostHtml, hostOrigin);
    return loaded.wait(20000) && loaded.first().first().toBool();
}

} // namespace

class TestWebPlatform : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void allowList_data();
    void allowList();
    void noProfileBeforeFirstUse();
    void hostHasHttpsOrigin();
    void unknownHostIsBlocked();
    void certificateErrorIsRejected();
    void popupOpensInSameProfile();
    void popupShowsInItsOwnWindow();
    void cameraAndMicrophoneAskTheUser();
    void profilesAreSeparate();
    void profileIsDiskBacked();
    void removingProfileDeletesItsData();
    void downloadAsksWhereToSave();
    void bridgeReachesCpp();
    void bridgeRefusesBadArguments();
    void mainWorldSeesNoChannel();
    void bridgeOnlyInHostDocument();
    void requestsCanBeRecorded();

private:
    std::unique_ptr<web::WebProfiles> m_profiles;
    QTemporaryDir m_root;
    core::StorageLayout m_layout;
    QList<QUrl> m_external;
    // Reused across tests (kept few: each WebEngine page costs a renderer).
    std::unique_ptr<web::WidgetPage> m_pageA;
    std::unique_ptr<GreetingBridge> m_bridge;
    std::unique_ptr<web::WidgetPage> m_bridgePage;
};

void TestWebPlatform::initTestCase()
{
    QVERIFY(m_root.isValid());
    m_layout = core::StorageLayout::under(m_root.path());
    m_profiles = std::make_unique<web::WebProfiles>(m_layout);
}

void TestWebPlatform::allowList_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("host") << QUrl(u"https://host.stratus.invalid/other.html"_s) << true;
    QTest::newRow("host, explicit port") << QUrl(u"https://host.stratus.invalid:443/x"_s) << true;
    QTest::newRow("host, other port") << QUrl(u"https://host.stratus.invalid:8443/x"_s) << false;
    QTest::newRow("widget host") << QUrl(u"https://console.cloudinary.com/console/media_library"_s) << true;
    QTest::newRow("widget host over http") << QUrl(u"http://console.cloudinary.com/"_s) << false;
    QTest::newRow("loopback sandbox") << QUrl(u"http://127.0.0.1:4567/widgets/ml.html"_s) << true;
    QTest::newRow("loopback, other port") << QUrl(u"http://127.0.0.1:4568/"_s) << false;
    QTest::newRow("look-alike") << QUrl(u"https://console.cloudinary.com.evil.example/"_s) << false;
    QTest::newRow("other host") << QUrl(u"https://example.com/"_s) << false;
    QTest::newRow("file") << QUrl(u"file:///etc/passwd"_s) << false;
    QTest::newRow("javascript") << QUrl(u"javascript:alert(1)"_s) << false;
    QTest::newRow("about:blank") << QUrl(u"about:blank"_s) << true;
}

void TestWebPlatform::allowList()
{
    QFETCH(QUrl, url);
    QFETCH(bool, allowed);
    // No page is loaded: the allow-list alone.
    web::WidgetPage page(m_profiles->profile(u"acct-a"_s));
    page.allowOrigin(hostOrigin);
    page.allowOrigin(QUrl(u"https://console.cloudinary.com"_s));
    page.allowOrigin(QUrl(u"http://127.0.0.1:4567"_s));
    QTest::ignoreMessage(QtWarningMsg, "not allowing a non-https origin \"example.org\"");
    page.allowOrigin(QUrl(u"http://example.org"_s)); // refused: not https, not loopback
    QCOMPARE(page.isAllowed(url), allowed);
    QVERIFY(!page.isAllowed(QUrl(u"http://example.org/"_s)));
}

void TestWebPlatform::noProfileBeforeFirstUse()
{
    // allowList() opened acct-a's profile on purpose; a new WebProfiles opens nothing until asked.
    web::WebProfiles fresh(core::StorageLayout::under(m_root.filePath(u"fresh"_s)));
    QCOMPARE(fresh.openCount(), 0);
    QVERIFY(!QDir(m_root.filePath(u"fresh"_s)).exists());
    QVERIFY(!fresh.profile(u"../escape"_s));
    QVERIFY(!fresh.profile(QString()));
    QCOMPARE(fresh.openCount(), 0);
}

void TestWebPlatform::hostHasHttpsOrigin()
{
    m_pageA = std::make_unique<web::WidgetPage>(m_profiles->profile(u"acct-a"_s));
    m_pageA->setExternalLinkHook([this](const QUrl &url) { m_external.append(url); });
    QVERIFY(loadHost(m_pageA.get()));
    QCOMPARE(evaluate(m_pageA.get(), u"location.origin"_s).toString(), u"https://host.stratus.invalid"_s);
    QCOMPARE(evaluate(m_pageA.get(), u"window.isSecureContext"_s).toBool(), true);
    QSignalSpy console(m_pageA.get(), &web::WidgetPage::consoleMessage);
    evaluate(m_pageA.get(), u"console.warn('from the host page')"_s);
    QTRY_COMPARE_WITH_TIMEOUT(console.size(), 1, 10000);
    QCOMPARE(console.first().at(1).toString(), u"from the host page"_s);
    QCOMPARE(m_pageA->profile()->persistentStoragePath(),
             m_layout.webProfileDirectory(u"acct-a"_s) + u"/storage"_s);
    QVERIFY(!m_pageA->profile()->isOffTheRecord());
}

void TestWebPlatform::unknownHostIsBlocked()
{
    QVERIFY(m_pageA);
    m_external.clear();
    QSignalSpy blocked(m_pageA.get(), &web::WidgetPage::navigationBlocked);
    // A link the user clicks, and a script that sends the page elsewhere.
    evaluate(m_pageA.get(),
             u"const a = document.createElement('a'); a.href = 'https://unknown.example/page';"
             "document.body.appendChild(a); a.click();"_s);
    QTRY_COMPARE_WITH_TIMEOUT(blocked.size(), 1, 10000);
    QCOMPARE(blocked.first().first().toUrl(), QUrl(u"https://unknown.example/page"_s));
    QCOMPARE(m_external, QList<QUrl> {QUrl(u"https://unknown.example/page"_s)});

    evaluate(m_pageA.get(), u"location.href = 'file:///etc/passwd'"_s);
    QTRY_COMPARE_WITH_TIMEOUT(blocked.size(), 2, 10000);
    QCOMPARE(m_external.size(), 1); // not http(s): refused, not handed to the system browser

    // A script that keeps sending the page elsewhere: blocked every time, handed out once a second.
    evaluate(m_pageA.get(), u"location.href = 'https://unknown.example/one'"_s);
    QTRY_COMPARE_WITH_TIMEOUT(blocked.size(), 3, 10000);
    const qsizetype handedOut = m_external.size(); // 1 or 2, depending on the time since the click
    evaluate(m_pageA.get(), u"location.href = 'https://unknown.example/two'"_s);
    QTRY_COMPARE_WITH_TIMEOUT(blocked.size(), 4, 10000);
    QCOMPARE(m_external.size(), handedOut);
    QTest::qWait(web::WidgetPage::handOutIntervalMs);
    evaluate(m_pageA.get(), u"location.href = 'https://unknown.example/later'"_s);
    QTRY_COMPARE_WITH_TIMEOUT(blocked.size(), 5, 10000);
    QCOMPARE(m_external.size(), handedOut + 1);
    QCOMPARE(m_external.last(), QUrl(u"https://unknown.example/later"_s));

    // A link for a new tab goes to the system browser too, and opens no pop-up.
    QSignalSpy popups(m_pageA.get(), &web::WidgetPage::popupCreated);
    evaluate(m_pageA.get(),
             u"const t = document.createElement('a'); t.href = 'https://docs.example/help';"
             "t.target = '_blank'; document.body.appendChild(t); t.click();"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_external.size(), handedOut + 2, 10000);
    QCOMPARE(m_external.last(), QUrl(u"https://docs.example/help"_s));
    QCOMPARE(popups.size(), 0);

    QTest::qWait(200);
    QCOMPARE(evaluate(m_pageA.get(), u"location.origin + document.title"_s).toString(),
             u"https://host.stratus.invalidhost"_s);
}

void TestWebPlatform::certificateErrorIsRejected()
{
    // A TLS server on loopback with a self-signed certificate (tests/web/data, test-only): the page
    // must refuse it, not show what it serves.
    QFile certificateFile(QStringLiteral(STRATUS_SOURCE_DIR "/tests/web/data/selfsigned.crt"));
    QFile keyFile(QStringLiteral(STRATUS_SOURCE_DIR "/tests/web/data/selfsigned.key"));
    QVERIFY(certificateFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(certificateFile.readAll(), QSsl::Pem));
    tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa, QSsl::Pem));
    QSslServer server;
    server.setSslConfiguration(tls);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    int served = 0;
    connect(&server, &QSslServer::pendingConnectionAvailable, this, [&] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [socket, &served] {
                socket->readAll();
                ++served;
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 21\r\n\r\n"
                              "<title>served</title>");
            });
        }
    });

    web::WidgetPage page(m_profiles->profile(u"acct-b"_s));
    const QUrl url(u"https://localhost:%1/widget.html"_s.arg(server.serverPort()));
    page.allowOrigin(url);
    QSignalSpy rejected(&page, &web::WidgetPage::certificateRejected);
    QSignalSpy loaded(&page, &QWebEnginePage::loadFinished);
    page.load(url);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(loaded.first().first().toBool(), false);
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.first().first().toUrl(), url);
    QCOMPARE(served, 0);
    QVERIFY(page.title() != u"served"_s);
}

void TestWebPlatform::popupOpensInSameProfile()
{
    QVERIFY(m_pageA);
    QSignalSpy popups(m_pageA.get(), &web::WidgetPage::popupCreated);
    evaluate(m_pageA.get(),
             u"window.__popup = window.open('about:blank', 'signin', 'width=400,height=300');"_s);
    QTRY_COMPARE_WITH_TIMEOUT(popups.size(), 1, 10000);
    auto *popup = popups.first().first().value<web::WidgetPage *>();
    QVERIFY(popup);
    QCOMPARE(popup->profile(), m_pageA->profile());
    // An identity provider's page may show in the pop-up; the opener is kept.
    QVERIFY(popup->isAllowed(QUrl(u"https://idp.example/saml"_s)));
    QVERIFY(!popup->isAllowed(QUrl(u"http://idp.example/saml"_s)));
    QTRY_COMPARE_WITH_TIMEOUT(evaluate(popup, u"window.opener !== null"_s).toBool(), true, 10000);
    delete popup;
}

void TestWebPlatform::popupShowsInItsOwnWindow()
{
    // As a widget's host does it: the view and its page first, then the host page.
    auto view = std::make_unique<web::WidgetView>();
    web::WidgetPage page(m_profiles->profile(u"acct-b"_s));
    view->setWidgetPage(&page);
    view->resize(400, 300);
    view->show();
    QVERIFY(loadHost(&page));
    QSignalSpy shown(view.get(), &web::WidgetView::popupShown);
    evaluate(&page, u"window.__signin = window.open('about:blank', 'sso', 'width=400,height=300');"_s);
    QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 10000);
    QCOMPARE(view->popupWindows().size(), 1);
    QWebEngineView *window = view->popupWindows().first();
    QVERIFY(window->isWindow());
    QVERIFY(window->isVisible());
    QCOMPARE(window->page()->profile(), page.profile());
    // The sign-in is over: its script closes the pop-up, and the window goes with its page.
    QPointer<QWebEnginePage> popupPage = window->page();
    evaluate(&page, u"window.__signin.close();"_s);
    QTRY_VERIFY_WITH_TIMEOUT(view->popupWindows().isEmpty(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!popupPage, 10000);
    view.reset();
}

void TestWebPlatform::cameraAndMicrophoneAskTheUser()
{
    QVERIFY(m_pageA);
    QList<QPair<QUrl, QWebEnginePage::Feature>> asked;
    m_pageA->setPermissionHook(
        [&](const QUrl &origin, QWebEnginePage::Feature feature, const std::function<void(bool)> &answer) {
            asked.append({origin, feature});
            answer(false); // the user says no
        });
    const QString report
        = u".then(() => window.__outcome = 'granted', e => window.__outcome = 'refused:' + e.name);"_s;
    QCOMPARE(outcomeOf(m_pageA.get(), u"navigator.mediaDevices.getUserMedia({audio: true})"_s + report),
             u"refused:NotAllowedError"_s);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().first, QUrl(u"https://host.stratus.invalid/"_s));
    QCOMPARE(asked.first().second, QWebEnginePage::MediaAudioCapture);
    // The user's yes is what the page gets, too.
    m_pageA->setPermissionHook(
        [&](const QUrl &origin, QWebEnginePage::Feature feature, const std::function<void(bool)> &answer) {
            asked.append({origin, feature});
            answer(true);
        });
    QCOMPARE(outcomeOf(m_pageA.get(),
                       u"navigator.mediaDevices.getUserMedia({video: true})"
                       ".then(s => { s.getTracks().forEach(t => t.stop()); return s; })"_s
                           + report),
             u"granted"_s);
    QCOMPARE(asked.size(), 2);
    QCOMPARE(asked.last().second, QWebEnginePage::MediaVideoCapture);
    // Anything else is refused without asking.
    QCOMPARE(outcomeOf(m_pageA.get(), u"Notification.requestPermission().then(p => window.__outcome = p);"_s),
             u"denied"_s);
    QCOMPARE(asked.size(), 2);
    m_pageA->setPermissionHook({});
}

void TestWebPlatform::profilesAreSeparate()
{
    QVERIFY(m_pageA);
    evaluate(m_pageA.get(),
             u"document.cookie = 'session=account-a; Secure; Max-Age=3600';"
             "localStorage.setItem('who', 'account-a');"_s);
    QCOMPARE(evaluate(m_pageA.get(), u"document.cookie"_s).toString(), u"session=account-a"_s);
    QCOMPARE(evaluate(m_pageA.get(), u"localStorage.getItem('who')"_s).toString(), u"account-a"_s);

    web::WidgetPage pageB(m_profiles->profile(u"acct-b"_s));
    QVERIFY(loadHost(&pageB));
    QCOMPARE(evaluate(&pageB, u"location.origin"_s).toString(), u"https://host.stratus.invalid"_s);
    QCOMPARE(evaluate(&pageB, u"document.cookie"_s).toString(), QString());
    QCOMPARE(evaluate(&pageB, u"String(localStorage.getItem('who'))"_s).toString(), u"null"_s);
    QVERIFY(pageB.profile() != m_pageA->profile());
}

void TestWebPlatform::profileIsDiskBacked()
{
    // Account A's cookie and storage survive closing every profile and opening them again.
    m_pageA.reset();
    m_profiles = std::make_unique<web::WebProfiles>(m_layout);
    m_pageA = std::make_unique<web::WidgetPage>(m_profiles->profile(u"acct-a"_s));
    QVERIFY(loadHost(m_pageA.get()));
    QCOMPARE(evaluate(m_pageA.get(), u"localStorage.getItem('who')"_s).toString(), u"account-a"_s);
    QCOMPARE(evaluate(m_pageA.get(), u"document.cookie"_s).toString(), u"session=account-a"_s);
}

void TestWebPlatform::removingProfileDeletesItsData()
{
    QVERIFY(m_pageA);
    QSignalSpy closing(m_profiles.get(), &web::WebProfiles::profileClosing);
    connect(m_profiles.get(), &web::WebProfiles::profileClosing, this, [this](const QString &accountId) {
        if (accountId == u"acct-a"_s)
            m_pageA.reset();
    });
    std::optional<bool> removed;
    m_profiles->removeProfile(u"acct-a"_s, this,
                              [&](const core::Result<core::Done> &result) { removed = result.ok(); });
    QCOMPARE(closing.size(), 1);
    QVERIFY(!m_pageA);
    QVERIFY(!m_profiles->isOpen(u"acct-a"_s));
    QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(),
                             web::WebProfiles::removalTimeoutMs + web::WebProfiles::settleMs + 2000);
    QVERIFY(*removed);
    // Nothing of Chromium writes the profile back a moment later.
    QTest::qWait(500);
    if (QFileInfo::exists(m_layout.webProfileDirectory(u"acct-a"_s))) {
        QDirIterator it(m_layout.webProfileDirectory(u"acct-a"_s), QDirIterator::Subdirectories);
        while (it.hasNext())
            qWarning() << "left:" << it.next();
    }
    QVERIFY(!QFileInfo::exists(m_layout.webProfileDirectory(u"acct-a"_s)));

    m_pageA = std::make_unique<web::WidgetPage>(m_profiles->profile(u"acct-a"_s));
    m_pageA->setExternalLinkHook([this](const QUrl &url) { m_external.append(url); });
    QVERIFY(loadHost(m_pageA.get()));
    QCOMPARE(evaluate(m_pageA.get(), u"document.cookie"_s).toString(), QString());
    QCOMPARE(evaluate(m_pageA.get(), u"String(localStorage.getItem('who'))"_s).toString(), u"null"_s);
}

void TestWebPlatform::downloadAsksWhereToSave()
{
    QVERIFY(m_pageA);
    QStringList suggested;
    const QString target = m_root.filePath(u"chosen/picture-of-a.txt"_s);
    QDir().mkpath(m_root.filePath(u"chosen"_s));
    m_profiles->setSavePathHook([&](const QString &path) {
        suggested.append(path);
        return target;
    });
    QSignalSpy finished(m_profiles.get(), &web::WebProfiles::downloadFinished);
    evaluate(m_pageA.get(),
             u"const b = new Blob(['exported'], {type: 'text/plain'});"
             "const d = document.createElement('a'); d.href = URL.createObjectURL(b);"
             "d.download = 'export.txt'; document.body.appendChild(d); d.click();"_s);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    QCOMPARE(suggested.size(), 1);
    QVERIFY2(suggested.first().endsWith(u"export.txt"_s), qPrintable(suggested.first()));
    QCOMPARE(finished.first().at(1).toString(), target);
    QVERIFY(finished.first().at(2).toBool());
    QFile saved(target);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), "exported"_ba);

    // No answer: cancelled, nothing written.
    m_profiles->setSavePathHook([](const QString &) { return QString(); });
    evaluate(m_pageA.get(), u"d.download = 'second.txt'; d.click();"_s);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 15000);
    QVERIFY(!finished.at(1).at(2).toBool());
    m_profiles->setSavePathHook({});
}

void TestWebPlatform::bridgeReachesCpp()
{
    m_bridge = std::make_unique<GreetingBridge>();
    m_bridgePage = std::make_unique<web::WidgetPage>(m_profiles->profile(u"acct-b"_s));
    m_bridgePage->setBridge(m_bridge.get());
    QVERIFY(loadHost(m_bridgePage.get()));
    const QString outcome = outcomeOf(
        m_bridgePage.get(),
        u"stratusBridge.call('greet', {name: 'Ada'})"
        ".then(v => window.__outcome = 'ok:' + v, e => window.__outcome = 'error:' + e.message);"_s);
    QCOMPARE(outcome, u"ok:Hello, Ada"_s);
    QCOMPARE(m_bridge->lastName, u"Ada"_s);
    QCOMPARE(m_bridge->handledCalls(), 1);
}

void TestWebPlatform::bridgeRefusesBadArguments()
{
    QVERIFY(m_bridgePage);
    const QString report
        = u".then(v => window.__outcome = 'ok:' + v, e => window.__outcome = 'error:' + e.message);"_s;
    // A wrong shape reaches the bridge's own check.
    QCOMPARE(outcomeOf(m_bridgePage.get(), u"stratusBridge.call('greet', {name: 42})"_s + report),
             u"error:bad-argument"_s);
    QCOMPARE(
        outcomeOf(m_bridgePage.get(), u"stratusBridge.call('greet', {name: 'x'.repeat(101)})"_s + report),
        u"error:bad-argument"_s);
    // A method the bridge does not offer never leaves the relay (QObject's own slots included).
    QCOMPARE(outcomeOf(m_bridgePage.get(), u"stratusBridge.call('deleteLater', {})"_s + report),
             u"error:unknown-method"_s);
    // A hand-made request that skips the shim: text that is not JSON, refused by the base.
    const QString raw = outcomeOf(m_bridgePage.get(), uR"(
        window.addEventListener('message', e => {
            if (e.data && e.data.stratusBridgeReply === 1 && e.data.id === 7777) window.__outcome = e.data.answer;
        });
        window.postMessage({stratusBridgeCall: 1, id: 7777, method: 'greet', argument: '{"name":'}, location.origin);)"_s);
    QCOMPARE(raw, u"{\"error\":\"bad-argument\",\"id\":7777,\"ok\":false}"_s);
    // A frame of the page (a widget's iframe, or anything it loads) is not the page: its requests are
    // ignored by the relay, even from the same origin.
    evaluate(m_bridgePage.get(), uR"(
        const f = document.createElement('iframe');
        f.srcdoc = '<script>parent.postMessage({stratusBridgeCall: 1, id: 555, method: "greet", argument: "{\\"name\\":\\"Eve\\"}"}, "*");</script>';
        document.body.appendChild(f);)"_s);
    QTRY_COMPARE_WITH_TIMEOUT(
        evaluate(m_bridgePage.get(), u"document.querySelector('iframe').contentDocument.readyState"_s)
            .toString(),
        u"complete"_s, 10000);
    QTest::qWait(300);
    QCOMPARE(m_bridge->lastName, u"Ada"_s);
    QCOMPARE(m_bridge->handledCalls(), 3); // greet(Ada) and the two wrong shapes
    QCOMPARE(m_bridge->refusedCalls(), 3); // the two wrong shapes and the unparsable text
}

void TestWebPlatform::mainWorldSeesNoChannel()
{
    QVERIFY(m_bridgePage);
    // The page's scripts (the main world) have the shim only: no transport, no channel, no object.
    QCOMPARE(evaluate(m_bridgePage.get(), u"typeof qt"_s).toString(), u"undefined"_s);
    QCOMPARE(evaluate(m_bridgePage.get(), u"typeof QWebChannel"_s).toString(), u"undefined"_s);
    QCOMPARE(evaluate(m_bridgePage.get(), u"typeof window.__stratusRelay"_s).toString(), u"undefined"_s);
    QCOMPARE(evaluate(m_bridgePage.get(), u"Object.isFrozen(window.stratusBridge)"_s).toBool(), true);
    // …while the isolated world has them (so the test above is not vacuous).
    QVariant isolated;
    bool done = false;
    m_bridgePage->runJavaScript(u"typeof qt.webChannelTransport"_s, QWebEngineScript::ApplicationWorld,
                                [&](const QVariant &value) {
                                    isolated = value;
                                    done = true;
                                });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QCOMPARE(isolated.toString(), u"object"_s);
    m_bridgePage.reset();
    m_bridge.reset();
    m_pageA.reset();
}

void TestWebPlatform::bridgeOnlyInHostDocument()
{
    // Another allowed page shown in the main frame (a sign-in page on a widget host; here a
    // loopback server) gets neither the shim nor the relay.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QTcpServer::newConnection, this, [&server] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 22\r\n"
                              "Connection: close\r\n\r\n<title>signin</title>\n");
                socket->disconnectFromHost();
            });
        }
    });
    GreetingBridge bridge;
    web::WidgetPage page(m_profiles->profile(u"acct-b"_s));
    page.setBridge(&bridge);
    QVERIFY(loadHost(&page));
    QCOMPARE(evaluate(&page, u"typeof window.stratusBridge"_s).toString(), u"object"_s);
    const QUrl other(u"http://127.0.0.1:%1/signin"_s.arg(server.serverPort()));
    page.allowOrigin(other);
    QSignalSpy loaded(&page, &QWebEnginePage::loadFinished);
    evaluate(&page, u"location.href = '%1'"_s.arg(other.toString()));
    QVERIFY(loaded.wait(20000));
    QCOMPARE(page.title(), u"signin"_s);
    QCOMPARE(evaluate(&page, u"typeof window.stratusBridge"_s).toString(), u"undefined"_s);
    QVariant relay;
    bool done = false;
    page.runJavaScript(u"typeof window.__stratusRelay"_s, QWebEngineScript::ApplicationWorld,
                       [&](const QVariant &value) {
                           relay = value;
                           done = true;
                       });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QCOMPARE(relay.toString(), u"undefined"_s);
}

void TestWebPlatform::requestsCanBeRecorded()
{
    RecordingInterceptor recorder;
    m_profiles->setRequestInterceptor(&recorder);
    web::WidgetPage page(m_profiles->profile(u"acct-b"_s));
    QVERIFY(loadHost(&page));
    evaluate(&page, u"fetch('https://host.stratus.invalid/probe?x=1').catch(() => {})"_s);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.urls.contains(QUrl(u"https://host.stratus.invalid/probe?x=1"_s)),
                             10000);
    m_profiles->setRequestInterceptor(nullptr);
}

int main(int argc, char **argv)
{
    // WebEngine shares its OpenGL context with the widgets; set before the application exists.
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    // A fake camera and microphone, so that a page's request reaches the permission question (with no
    // device Chromium answers NotFoundError without asking). Not the fake UI, which would grant it.
    qputenv("QTWEBENGINE_CHROMIUM_FLAGS", "--use-fake-device-for-media-stream");
    QApplication app(argc, argv);
    TestWebPlatform test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_webplatform.moc"
