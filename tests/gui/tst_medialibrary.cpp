// The Media Library view of an environment page (issue 15, points 1, 5 and 7) over a real
// stratus-sandbox, in a real offscreen Qt WebEngine: the view starts WebEngine only when first shown;
// with a console e-mail the console is signed in by the signed login computed in C++; a script in the
// console frame (the sandbox's widgets origin) plays the person — inserting two assets, uploading a
// file, deleting it, signing in with the console's own form — and what reaches C++ is checked: the
// inserted assets' JSON in the Use-in-Stratus bar (Copy URLs, Show in Browser), uploads and deletions
// in the catalogue at once, two accounts' profiles that share nothing, Log Out in the Accounts dialog
// deleting the profile's directory, navigation to an unknown host blocked, no API secret in anything
// the pages received, and a Cloudinary environment while offline saying it needs the internet.
#include "sandboxprocess.h"

#include "core/accounts/accountstore.h"
#include "core/auth/oauthconfig.h"
#include "core/auth/oauthsignin.h"
#include "core/auth/tokenpair.h"
#include "core/catalog/catalog.h"
#include "core/session/environmentsession.h"
#include "core/transfers/downloadqueue.h"
#include "gui/accounts/accountsdialog.h"
#include "gui/browser/browsercommands.h"
#include "gui/browser/browserpage.h"
#include "gui/cloudwidgets/medialibraryinsertbar.h"
#include "gui/cloudwidgets/medialibraryview.h"
#include "gui/cloudwidgets/widgethost.h"
#include "gui/environment/environmentpage.h"
#include "gui/settings/preferences.h"
#include "gui/shell/infobar.h"
#include "web/medialibrarybridge.h"
#include "web/webprofiles.h"
#include "web/widgetpage.h"
#include "webenginetest.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QDir>
#include <QEventLoop>
#include <QImage>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QNetworkCookie>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebEngineCookieStore>
#include <QWebEngineProfile>
#include <QWebEngineScript>
#include <QWebEngineScriptCollection>

#include <memory>

using namespace Qt::StringLiterals;
using namespace stratus;
using webtest::evaluate;
using webtest::RecordingInterceptor;

namespace {

const QString kCloud = u"mlgui"_s;
const QString kSecret = u"ml-gui-secret-5d1e7a"_s;
const QString kEmail = u"editor@example.com"_s;
const QString kPassword = u"console-pw-31"_s;

QString html(QWebEnginePage *page)
{
    QString text;
    QEventLoop loop;
    page->toHtml([&](const QString &value) {
        text = value;
        loop.quit();
    });
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    return text;
}

// What the person does in the console frame: `%1` is one of the actions below. Runs in an isolated
// world of the console document only (the DOM, and so the console's handlers, are shared).
constexpr auto kPlayer = R"JS(
(function () {
    if (location.pathname !== "/console/media_library/cms")
        return;
    function $(id) { return document.getElementById(id); }
    function cards() { return Array.prototype.slice.call(document.querySelectorAll("#grid .card")); }
    function when(test, then) {
        var timer = setInterval(function () { if (test()) { clearInterval(timer); then(); } }, 100);
    }
    function ready() { return !document.body.classList.contains("signing-in") && document.querySelector("#folders a"); }
    %1
})();
)JS";

// Folders one after another until one shows two pictures; those two, then "Use in Stratus".
constexpr auto kInsertTwo = R"JS(
    when(ready, function () {
        var links = document.querySelectorAll("#folders a");
        var at = 0;
        function next() {
            var pictures = cards().filter(function (c) { return c.querySelector("img"); });
            if (pictures.length >= 2) {
                pictures[0].click();
                pictures[1].click();
                $("insert").click();
                return;
            }
            if (++at < links.length) {
                links[at].click();
                setTimeout(next, 700);
            }
        }
        setTimeout(next, 700);
    });
)JS";

// Chooses a file (a small PNG, %2 in base64) for the console's Upload.
constexpr auto kUpload = R"JS(
    when(ready, function () {
        var bytes = Uint8Array.from(atob("%2"), function (c) { return c.charCodeAt(0); });
        var transfer = new DataTransfer();
        transfer.items.add(new File([bytes], "ml-gui-upload.png", { type: "image/png" }));
        $("file").files = transfer.files;
        $("file").dispatchEvent(new Event("change"));
    });
)JS";

// Finds the uploaded file, selects it, Delete…, and confirms.
constexpr auto kDeleteUpload = R"JS(
    when(ready, function () {
        $("search").value = "ml-gui-upload";
        $("search").dispatchEvent(new Event("input"));
        function mine() { return cards().filter(function (c) { return c.dataset.publicId.indexOf("ml-gui-upload") >= 0; }); }
        when(function () { return mine().length > 0; }, function () {
            mine().forEach(function (c) { c.click(); });
            $("delete").click();
            when(function () { return !$("confirm").hidden; }, function () { $("confirm-delete").click(); });
        });
    });
)JS";

// The console's own sign-in form.
constexpr auto kSignIn = R"JS(
    if (!$("signin").hidden) {
        $("signin-email").value = "%2";
        $("signin-password").value = "%3";
        $("signin-submit").click();
    }
)JS";

} // namespace

class TestMediaLibrary : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void signedLoginInsertsIntoStratus();
    void closedLibraryIsShownAgain();
    void uploadAndDeleteReachCatalogue();
    void ownSignInIsKeptPerAccount();
    void navigationToUnknownHostIsBlocked();
    void tokenEnvironmentSignsInWithItsToken();
    void noApiSecretReachesThePages();
    void logOutDeletesTheProfile();
    void cloudinaryOfflineNeedsInternet();

private:
    /// An account with one environment (`url`, `secret`), its session and its page (not shown).
    struct Environment
    {
        QString accountId;
        QString environmentId;
        std::unique_ptr<core::EnvironmentSession> session;
        std::unique_ptr<gui::EnvironmentPage> page;
        [[nodiscard]] gui::MediaLibraryView *view() const { return page->mediaLibrary(); }
        [[nodiscard]] web::WidgetPage *webPage() const { return view()->host()->page(); }
    };
    bool addEnvironment(Environment &env, const QString &label, const QString &url, const QString &secret,
                        core::CredentialKind credential = core::CredentialKind::ApiSecret);
    /// Sets what the person does in the account's console frames from now on.
    void play(const Environment &env, const QString &action);
    /// Shows the page's Media Library view (or loads it again) and waits for the widget.
    bool showMediaLibrary(Environment &env);
    void record(const Environment &env);

    test::SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    std::shared_ptr<core::MemorySecretStore> m_secrets = std::make_shared<core::MemorySecretStore>();
    std::unique_ptr<core::AccountStore> m_store;
    QNetworkAccessManager m_network;
    std::unique_ptr<gui::Preferences> m_preferences;
    RecordingInterceptor m_requests; // outlives the profiles
    std::unique_ptr<web::WebProfiles> m_profiles;
    Environment m_agency; // console e-mail: the signed login
    Environment m_studio; // no e-mail: the console's own sign-in
    Environment m_remote; // a Cloudinary environment (no internet here)
    Environment m_signed; // signed in with Cloudinary: the access token
    QStringList m_consoleMessages;
    QSet<const QObject *> m_recorded;
    QHash<QString, QStringList> m_cookies; ///< account id → names of the cookies its profile was given
    QString m_pngBase64;
};

bool TestMediaLibrary::addEnvironment(Environment &env, const QString &label, const QString &url,
                                      const QString &secret, core::CredentialKind credential)
{
    core::AccountRecord account;
    account.label = label;
    core::EnvironmentRecord record;
    record.name = label + u" ML"_s;
    record.url = core::CloudinaryUrl::parse(url).value();
    record.credential = credential;
    bool ok = false;
    bool done = false;
    m_store->addAccount(account, {{record, secret}}, QString(), &m_network,
                        [&](core::Result<core::Done> result) {
                            ok = result.ok();
                            done = true;
                        });
    if (!QTest::qWaitFor([&] { return done; }, 10000) || !ok)
        return false;
    env.accountId = m_store->accountByLabel(label)->id;
    env.environmentId = m_store->environmentsOf(env.accountId).constFirst().id;
    env.session = std::make_unique<core::EnvironmentSession>(m_store.get(), env.environmentId, &m_network);
    gui::EnvironmentPageServices services;
    services.store = m_store.get();
    services.preferences = m_preferences.get();
    services.webProfiles = m_profiles.get();
    env.page = std::make_unique<gui::EnvironmentPage>(env.session.get(), services);
    env.page->resize(1280, 820);
    return true;
}

void TestMediaLibrary::play(const Environment &env, const QString &action)
{
    QWebEngineProfile *profile = m_profiles->profile(env.accountId);
    // Every cookie the account's profile is given, from its first use on.
    if (!m_cookies.contains(env.accountId)) {
        m_cookies.insert(env.accountId, {});
        connect(profile->cookieStore(), &QWebEngineCookieStore::cookieAdded, this,
                [this, id = env.accountId](const QNetworkCookie &cookie) {
                    m_cookies[id].append(QString::fromLatin1(cookie.name()));
                });
    }
    QWebEngineScriptCollection *scripts = profile->scripts();
    for (const QWebEngineScript &old : scripts->find(u"player"_s))
        scripts->remove(old);
    webtest::addFrameScript(scripts, u"player"_s, QString::fromLatin1(kPlayer).arg(action));
}

void TestMediaLibrary::record(const Environment &env)
{
    // The page is made when the view loads; its console messages from then on.
    connect(env.view()->host(), &gui::WidgetHost::ready, this, [this, view = env.view()] {
        web::WidgetPage *page = view->host()->page();
        if (page == nullptr || m_recorded.contains(page))
            return;
        m_recorded.insert(page);
        connect(page, &web::WidgetPage::consoleMessage, this,
                [this](auto, const QString &message) { m_consoleMessages.append(message); });
    });
}

bool TestMediaLibrary::showMediaLibrary(Environment &env)
{
    QSignalSpy ready(env.view()->host(), &gui::WidgetHost::ready);
    if (!env.page->isVisible()) {
        env.page->show();
        if (!QTest::qWaitForWindowExposed(env.page.get()))
            return false;
    }
    const bool started = env.view()->isStarted();
    env.page->showView(gui::EnvironmentPage::View::MediaLibrary);
    if (started)
        env.view()->start(); // again, with the player set now
    return !ready.isEmpty() || ready.wait(30000);
}

void TestMediaLibrary::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(
        m_sandbox.start({u"--seed"_s, u"24"_s, u"--environment"_s,
                         u"cloudinary://246810:%1@%2?name=ML"_s.arg(kSecret, kCloud), u"--user"_s,
                         u"%1:%2@%3"_s.arg(kEmail, kPassword, kCloud), u"--record-requests"_s, u"20000"_s},
                        1, false, &error),
        qPrintable(error));
    m_store = std::make_unique<core::AccountStore>(m_secrets,
                                                   core::StorageLayout {m_dir.filePath(u"accounts.ini"_s),
                                                                        m_dir.filePath(u"data"_s),
                                                                        m_dir.filePath(u"cache"_s)});
    m_preferences = std::make_unique<gui::Preferences>(m_dir.filePath(u"stratus.conf"_s));
    m_profiles = std::make_unique<web::WebProfiles>(m_store->layout());
    m_profiles->setRequestInterceptor(&m_requests);
    const QString url = m_sandbox.cloudinaryUrls().constFirst();
    QVERIFY(url.contains(kSecret));
    QVERIFY(addEnvironment(m_agency, u"Agency"_s, url, kSecret));
    QVERIFY(addEnvironment(m_studio, u"Studio"_s, url, kSecret));
    QVERIFY(addEnvironment(m_remote, u"Remote"_s, u"cloudinary://135790:remote-secret-22@stratus-offline"_s,
                           u"remote-secret-22"_s));
    QVERIFY(m_store->setConsoleEmail(m_agency.accountId, kEmail).ok());
    QVERIFY(!m_store->setConsoleEmail(m_agency.accountId, u"not an address"_s).ok());
    QCOMPARE(m_store->account(m_agency.accountId)->consoleEmail, kEmail);
    // The catalogue as a first sync fills it.
    QSignalSpy synced(m_agency.session.get(), &core::EnvironmentSession::catalogSynced);
    m_agency.session->refresh();
    QVERIFY(synced.wait(60000));
    QVERIFY(!m_agency.session->lastSyncError());
    QCOMPARE(m_agency.session->catalog()->assetCount(), 24);
    for (Environment *env : {&m_agency, &m_studio, &m_remote})
        record(*env);

    QImage image(12, 9, QImage::Format_RGB32);
    image.fill(QColor(200, 90, 40));
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    m_pngBase64 = QString::fromLatin1(png.toBase64());
}

void TestMediaLibrary::cleanupTestCase()
{
    // Pages before their profiles, profiles before the interceptor.
    for (Environment *env : {&m_agency, &m_studio, &m_remote, &m_signed}) {
        env->page.reset();
        env->session.reset();
    }
    m_profiles.reset();
}

void TestMediaLibrary::signedLoginInsertsIntoStratus()
{
    // Nothing of WebEngine before the view is shown.
    m_agency.page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_agency.page.get()));
    QCOMPARE(m_profiles->openCount(), 0);
    QVERIFY(!m_agency.view()->isStarted());
    play(m_agency, QString::fromLatin1(kInsertTwo));
    QSignalSpy inserted(m_agency.view()->bridge(), &web::MediaLibraryBridge::inserted);
    QSignalSpy identified(m_agency.view()->bridge(), &web::MediaLibraryBridge::identified);
    QVERIFY(showMediaLibrary(m_agency));
    QVERIFY(m_agency.view()->isStarted());
    QCOMPARE(m_agency.view()->host()->noticeTitle(), QString());

    // The configuration: the signed login for the console e-mail, the integration, "Use in Stratus".
    const QJsonObject options = m_agency.view()->options();
    QCOMPARE(options[u"cloud_name"].toString(), kCloud);
    QCOMPARE(options[u"username"].toString(), kEmail);
    QVERIFY(options[u"timestamp"].toInteger() > 0);
    QVERIFY(options.contains(u"signature"_s));
    QCOMPARE(options[u"integration"][u"type"].toString(), u"stratus_desktop"_s);
    QVERIFY(options[u"integration"][u"platform"].toString().startsWith(u"Qt 6."_s));
    QCOMPARE(options[u"insert_caption"].toString(), u"Use in Stratus"_s);
    QCOMPARE(options[u"multiple"].toBool(), true);
    QVERIFY(!m_agency.view()->signInBar()->isVisible()); // it has an e-mail
    QCOMPARE(evaluate(m_agency.webPage(), u"location.origin"_s).toString(),
             u"https://media-library.stratus.invalid"_s);

    // Two assets inserted in the console reach C++ with their JSON, and the bar offers them.
    QTRY_VERIFY2_WITH_TIMEOUT(!inserted.isEmpty(), qPrintable(m_consoleMessages.join(u'\n')), 40000);
    const auto assets = inserted.constFirst().constFirst().value<QList<web::MediaLibraryAsset>>();
    QCOMPARE(assets.size(), 2);
    for (const web::MediaLibraryAsset &asset : assets) {
        QVERIFY(!asset.publicId.isEmpty());
        QCOMPARE(asset.resourceType, u"image"_s);
        QCOMPARE(asset.json[u"public_id"].toString(), asset.publicId);
        QVERIFY(asset.json[u"width"].toInt() > 0);
        QCOMPARE(asset.secureUrl.host(), u"127.0.0.1"_s);
        QVERIFY(!asset.assetId.isEmpty());
    }
    QTRY_COMPARE(identified.size(), 1);
    QCOMPARE(m_agency.view()->identity(), kEmail);
    gui::MediaLibraryInsertBar *bar = m_agency.view()->insertBar();
    QVERIFY(bar->isVisible());
    QCOMPARE(bar->summary(), u"2 asset(s) to use in Stratus"_s);
    QCOMPARE(bar->findChildren<QLabel *>(u"assetChip"_s).size(), 2);

    // Copy URLs puts both URLs on the clipboard, one a line.
    QApplication::clipboard()->clear();
    bar->copyButton()->click();
    const QStringList copied = QApplication::clipboard()->text().split(u'\n');
    QCOMPARE(copied,
             (QStringList {assets.at(0).secureUrl.toString(QUrl::FullyEncoded),
                           assets.at(1).secureUrl.toString(QUrl::FullyEncoded)}));

    if (const QString dir = qEnvironmentVariable("STRATUS_SCREENSHOT_DIR"); !dir.isEmpty()) {
        const QImage shot = m_agency.page->grab().toImage();
        QVERIFY(shot.save(QDir(dir).filePath(u"media-library.png"_s)));
        // Whether the web content is in the grab: the console's dark header is, or is not, there.
        int dark = 0;
        const int top = m_agency.view()->host()->mapTo(m_agency.page.get(), QPoint(0, 0)).y();
        for (int x = 0; x < shot.width(); x += 4)
            dark += qGray(shot.pixel(x, top + 12)) < 60 ? 1 : 0;
        qInfo("screenshot saved; dark header pixels at the top of the web view: %d", dark);
    }

    // Download…: the browser's downloads save both originals where the person chose.
    QTemporaryDir downloads;
    gui::BrowserCommands *commands = m_agency.page->browser()->commands();
    commands->setDirectoryChooser([&downloads](QWidget *) { return downloads.path(); });
    QSignalSpy saved(commands->downloads(), &core::transfers::DownloadQueue::fileSaved);
    bar->downloadButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 2, 30000);
    QCOMPARE(QDir(downloads.path()).entryList(QDir::Files).size(), 2);
    QCOMPARE(m_agency.page->currentView(), gui::EnvironmentPage::View::MediaLibrary);

    // Show in Browser: the Browse view with those two assets selected.
    bar->showButton()->click();
    QTRY_COMPARE(m_agency.page->currentView(), gui::EnvironmentPage::View::Browse);
    QStringList selected = m_agency.page->browser()->selectedAssetIds();
    selected.sort();
    QStringList expected {assets.at(0).assetId, assets.at(1).assetId};
    expected.sort();
    QCOMPARE(selected, expected);
}

void TestMediaLibrary::closedLibraryIsShownAgain()
{
    // The console's close button hides an inline library (the loader emits `hide`, as for hide()):
    // the view would be blank, so it shows the library again.
    QWebEnginePage *page = m_agency.webPage();
    QCOMPARE(evaluate(page, u"window.stratusMediaLibrary.iframe.style.display"_s).toString(), u"block"_s);
    evaluate(page, u"window.stratusMediaLibrary.hide(); window.stratusMediaLibrary.iframe.style.display"_s);
    QTRY_COMPARE_WITH_TIMEOUT(evaluate(page, u"window.stratusMediaLibrary.iframe.style.display"_s).toString(),
                              u"block"_s, 10000);
}

void TestMediaLibrary::uploadAndDeleteReachCatalogue()
{
    core::catalog::Catalog *catalog = m_agency.session->catalog();
    const auto uploaded = [catalog]() -> QString {
        core::catalog::CatalogQuery query;
        query.text = u"ml-gui-upload"_s;
        const auto page = catalog->search(query);
        for (const auto &asset : page ? page->assets : QList<core::catalog::CatalogAsset>())
            if (asset.publicId.contains(u"ml-gui-upload"_s))
                return asset.assetId;
        return {};
    };
    QVERIFY(uploaded().isEmpty());
    const qint64 before = catalog->assetCount();
    QSignalSpy changed(m_agency.view(), &gui::MediaLibraryView::catalogChanged);

    // An upload in the console: in the catalogue at once (fetched through the Admin API).
    play(m_agency, QString::fromLatin1(kUpload).arg(m_pngBase64));
    QVERIFY(showMediaLibrary(m_agency));
    QTRY_VERIFY2_WITH_TIMEOUT(!uploaded().isEmpty(), qPrintable(m_consoleMessages.join(u'\n')), 40000);
    QCOMPARE(catalog->assetCount(), before + 1);
    const QString assetId = uploaded();
    const auto asset = catalog->asset(assetId);
    QVERIFY(asset && asset.value());
    QCOMPARE(asset.value()->width, 12);
    QVERIFY(changed.size() >= 1);

    // Deleted in the console: gone from the catalogue at once.
    play(m_agency, QString::fromLatin1(kDeleteUpload));
    QVERIFY(showMediaLibrary(m_agency));
    QTRY_VERIFY2_WITH_TIMEOUT(uploaded().isEmpty(), qPrintable(m_consoleMessages.join(u'\n')), 40000);
    QCOMPARE(catalog->assetCount(), before);
    const auto gone = catalog->asset(assetId);
    QVERIFY(gone && !gone.value());
}

void TestMediaLibrary::ownSignInIsKeptPerAccount()
{
    // Studio has no console e-mail: the view offers automatic sign-in, and the console its own form.
    play(m_studio, QString::fromLatin1(kSignIn).arg(kEmail, kPassword));
    QSignalSpy identified(m_studio.view()->bridge(), &web::MediaLibraryBridge::identified);
    QVERIFY(showMediaLibrary(m_studio));
    QVERIFY(m_studio.view()->signInBar()->isVisible());
    QVERIFY(!m_studio.view()->options().contains(u"signature"_s));
    QVERIFY(!m_studio.view()->options().contains(u"username"_s));
    QTRY_VERIFY2_WITH_TIMEOUT(identified.size() == 1, qPrintable(m_consoleMessages.join(u'\n')), 40000);
    QCOMPARE(m_studio.view()->identity(), kEmail);

    // The console's session cookie is in Studio's profile, not in Agency's; the host page's local
    // storage (same origin in both) is not shared either.
    QTRY_VERIFY(m_cookies.value(m_studio.accountId).contains(u"cld_ml_session"_s));
    QVERIFY(!m_cookies.value(m_agency.accountId).contains(u"cld_ml_session"_s));
    evaluate(m_studio.webPage(), u"localStorage.setItem('stratus-test', 'studio')"_s);
    QCOMPARE(evaluate(m_studio.webPage(), u"localStorage.getItem('stratus-test')"_s).toString(), u"studio"_s);
    m_agency.page->showView(gui::EnvironmentPage::View::MediaLibrary);
    QVERIFY(evaluate(m_agency.webPage(), u"localStorage.getItem('stratus-test')"_s).isNull());

    // Opened again (no form played now): signed in by the cookie.
    play(m_studio, u"/* nothing */"_s);
    QVERIFY(showMediaLibrary(m_studio));
    QTRY_VERIFY2_WITH_TIMEOUT(identified.size() == 2, qPrintable(m_consoleMessages.join(u'\n')), 40000);
}

void TestMediaLibrary::navigationToUnknownHostIsBlocked()
{
    web::WidgetPage *page = m_agency.webPage();
    QVERIFY(page);
    QList<QUrl> handedOut;
    page->setExternalLinkHook([&handedOut](const QUrl &url) { handedOut.append(url); });
    QSignalSpy blocked(page, &web::WidgetPage::navigationBlocked);
    evaluate(page, u"location.href = 'https://unknown-host.example/steal'"_s);
    QTRY_COMPARE_WITH_TIMEOUT(blocked.size(), 1, 10000);
    QCOMPARE(blocked.constFirst().constFirst().toUrl().host(), u"unknown-host.example"_s);
    QCOMPARE(handedOut.size(), 1);
    QTest::qWait(300);
    QCOMPARE(page->url().host(), u"media-library.stratus.invalid"_s);
}

void TestMediaLibrary::tokenEnvironmentSignsInWithItsToken()
{
    // "Sign in with Cloudinary" against the sandbox, the test playing the browser.
    core::OAuthSignIn signIn(&m_network, core::OAuthConfig::forSandbox(m_sandbox.baseUrl()));
    QSignalSpy succeeded(&signIn, &core::OAuthSignIn::succeeded);
    const auto authorize = signIn.start();
    QVERIFY(authorize.ok());
    const QUrl redirect = m_sandbox.signInInBrowser(authorize.value(), kEmail, kPassword);
    QCOMPARE(m_sandbox.followRedirect(redirect).status, 200);
    QVERIFY(succeeded.size() == 1 || succeeded.wait(10000));
    const auto tokens = succeeded.constFirst().constFirst().value<core::TokenPair>();
    QVERIFY(!tokens.accessToken.isEmpty());
    const QUrl base = m_sandbox.baseUrl();
    QVERIFY(addEnvironment(m_signed, u"Signed"_s,
                           u"cloudinary://%1?upload_prefix=%2&cname=%3&secure=false"_s.arg(
                               kCloud, base.toString(QUrl::RemovePath), base.authority()),
                           tokens.toStoredText(), core::CredentialKind::AccessToken));
    record(m_signed);

    // The view passes the access token (no signed login, no sign-in offer) and the console takes it.
    play(m_signed, QString::fromLatin1(kInsertTwo));
    QSignalSpy inserted(m_signed.view()->bridge(), &web::MediaLibraryBridge::inserted);
    QVERIFY(showMediaLibrary(m_signed));
    const QJsonObject options = m_signed.view()->options();
    QVERIFY(options.contains(u"access_token"_s));
    QVERIFY(!options.contains(u"signature"_s));
    QVERIFY(!options.contains(u"username"_s));
    QVERIFY(!m_signed.view()->signInBar()->isVisible());
    QTRY_VERIFY2_WITH_TIMEOUT(!inserted.isEmpty(), qPrintable(m_consoleMessages.join(u'\n')), 40000);
    QCOMPARE(inserted.constFirst().constFirst().value<QList<web::MediaLibraryAsset>>().size(), 2);
    bool hopped = false;
    for (const QUrl &url : std::as_const(m_requests.urls))
        hopped = hopped || url.path() == u"/console/api/v1/auth/login_with_oauth_token";
    QVERIFY(hopped);
}

void TestMediaLibrary::noApiSecretReachesThePages()
{
    QVERIFY(m_requests.urls.size() > 10);
    bool sawConsole = false;
    for (const QUrl &url : std::as_const(m_requests.urls)) {
        QVERIFY2(!url.toString().contains(kSecret), qPrintable(url.toString()));
        sawConsole = sawConsole || url.path() == u"/console/media_library/cms";
    }
    QVERIFY(sawConsole);
    for (const QString &message : std::as_const(m_consoleMessages))
        QVERIFY2(!message.contains(kSecret), qPrintable(message));
    for (const Environment *env : {&m_agency, &m_studio}) {
        const QString page = html(env->webPage());
        QVERIFY(page.contains(u"createMediaLibrary"_s));
        QVERIFY(!page.contains(kSecret));
    }
    // The bodies too, which a request interceptor cannot see: the sandbox kept every request's
    // parameters and JSON (--record-requests). Those the pages sent carry WebEngine's user agent.
    const QJsonArray records = m_sandbox.recordedRequests();
    int fromPages = 0;
    int pageBodies = 0;
    for (const QJsonValue &value : records) {
        const QJsonObject record = value.toObject();
        const QByteArray text = QJsonDocument(record).toJson(QJsonDocument::Compact);
        QVERIFY2(!text.contains(kSecret.toUtf8()), text.constData());
        if (record[u"user-agent"_s].toString().contains(u"QtWebEngine"_s)) {
            ++fromPages;
            if (!record[u"params"_s].toArray().isEmpty() || record.contains(u"json"_s))
                ++pageBodies;
        }
    }
    QVERIFY2(fromPages > 10, qPrintable(QString::number(fromPages)));
    QVERIFY2(pageBodies > 0, qPrintable(QString::number(pageBodies)));
}

void TestMediaLibrary::logOutDeletesTheProfile()
{
    // "Sign in automatically…" asks for the console e-mail, keeps it, and signs in with it.
    QVERIFY(m_studio.view()->signInBar()->isVisible());
    m_studio.view()->askForConsoleEmail();
    QInputDialog *ask = nullptr;
    QTRY_VERIFY((ask = m_studio.view()->findChild<QInputDialog *>(u"consoleEmailDialog"_s)) != nullptr);
    QSignalSpy ready(m_studio.view()->host(), &gui::WidgetHost::ready);
    ask->setTextValue(u" studio@example.com "_s);
    ask->accept();
    QCOMPARE(m_store->account(m_studio.accountId)->consoleEmail, u"studio@example.com"_s);
    QTRY_VERIFY(!m_studio.view()->signInBar()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), 30000);
    QCOMPARE(m_studio.view()->options()[u"username"].toString(), u"studio@example.com"_s);

    const QString directory = m_store->layout().webProfileDirectory(m_studio.accountId);
    QVERIFY(QDir(directory).exists());
    QSignalSpy closed(m_studio.view()->host(), &gui::WidgetHost::closedByProfile);
    gui::AccountsDialog dialog(m_store.get(), &m_network);
    dialog.setWebProfiles(m_profiles.get());
    dialog.selectAccount(m_studio.accountId);
    dialog.show();
    auto *logOut = dialog.findChild<QPushButton *>(u"logOutButton"_s);
    QVERIFY(logOut && logOut->isEnabled());
    logOut->click();
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = dialog.findChild<QMessageBox *>(u"confirmLogOut"_s)) != nullptr);
    confirm->findChild<QPushButton *>(u"confirmButton"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_store->account(m_studio.accountId)->loggedIn,
                             web::WebProfiles::removalTimeoutMs + web::WebProfiles::settleMs + 5000);
    QVERIFY(!QDir(directory).exists());
    QVERIFY(!m_profiles->isOpen(m_studio.accountId));
    QVERIFY(m_studio.view()->host()->noticeTitle().contains(u"closed"_s));
    // The other account's profile is untouched.
    QVERIFY(m_profiles->isOpen(m_agency.accountId));
    QVERIFY(QDir(m_store->layout().webProfileDirectory(m_agency.accountId)).exists());
}

void TestMediaLibrary::cloudinaryOfflineNeedsInternet()
{
    // A Cloudinary environment: its loader comes from media-library.cloudinary.com, which cannot be
    // reached here (no internet), exactly the offline case.
    QSignalSpy unavailable(m_remote.view()->host(), &gui::WidgetHost::unavailable);
    m_remote.page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_remote.page.get()));
    m_remote.page->showView(gui::EnvironmentPage::View::MediaLibrary);
    QTRY_VERIFY_WITH_TIMEOUT(!unavailable.isEmpty(), 60000);
    QVERIFY2(m_remote.view()->host()->noticeTitle().contains(u"needs an internet connection"_s),
             qPrintable(m_remote.view()->host()->noticeTitle()));
    QVERIFY(m_remote.view()->host()->noticeText().contains(u"media-library.cloudinary.com"_s));
}

STRATUS_WEBENGINE_TEST_MAIN(TestMediaLibrary)

#include "tst_medialibrary.moc"
