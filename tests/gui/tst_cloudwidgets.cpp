// Cloudinary's widgets in Stratus's own windows (issue 15, points 2–4), in real offscreen Qt WebEngine
// against a real stratus-sandbox (its stand-ins), over an environment added the way the app adds it:
//
// - the Upload widget window: an upload of a web address is signed by C++ (counted), lands in the
//   sandbox in the folder shown and is in the catalogue at once; tampered parameters sent from the
//   page's own script (another folder, a two-hour-old timestamp, an added notification_url) are
//   refused and nothing is signed;
// - the Media Editor window: the export's transformation and URL reach C++ and show with their
//   buttons; Save as New Asset… uploads the derived URL and the new asset is in the sandbox and the
//   catalogue;
// - the Video Player and Product Gallery windows show their widget, and their snippets carry the
//   cloud name and the public ids; the HTML snippet, alone in a page, makes the widget against the
//   sandbox.
//
// Each test also scans what the pages were sent and said for the API secret.
#include "sandboxaccount.h"
#include "sandboxprocess.h"

#include "core/accounts/accountstore.h"
#include "core/accounts/secretstore.h"
#include "core/api/adminapi.h"
#include "core/auth/oauthconfig.h"
#include "core/auth/oauthsignin.h"
#include "core/auth/tokenpair.h"
#include "core/catalog/catalog.h"
#include "core/session/environmentsession.h"
#include "core/widgets/uploadwidgetsigner.h"
#include "gui/browser/browsercommands.h"
#include "gui/browser/detailspanel.h"
#include "gui/cloudwidgets/cloudwidgetwindows.h"
#include "gui/cloudwidgets/mediaeditorwindow.h"
#include "gui/cloudwidgets/previewwindow.h"
#include "gui/cloudwidgets/snippetpanel.h"
#include "gui/cloudwidgets/uploadwidgetwindow.h"
#include "gui/cloudwidgets/widgethost.h"
#include "gui/mainwindow/mainwindow.h"
#include "gui/settings/preferences.h"
#include "gui/upload/uploadcontroller.h"
#include "web/mediaeditorbridge.h"
#include "web/previewbridge.h"
#include "web/uploadwidgetbridge.h"
#include "web/webprofiles.h"
#include "web/widgetpage.h"
#include "web/widgetview.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QWebEngineProfile>
#include <QWebEngineScript>
#include <QWebEngineScriptCollection>
#include <QWebEngineUrlRequestInterceptor>
#include <QWebEngineView>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::gui;

namespace {

const QString kSecret = u"cloud-widgets-secret-7d1e"_s;
const QString kEmail = u"ana@example.com"_s;
const QString kPassword = u"widgets-pw"_s;

QVariant evaluate(QWebEnginePage *page, const QString &script,
                  QWebEngineScript::ScriptWorldId world = QWebEngineScript::MainWorld)
{
    QVariant result;
    QEventLoop loop;
    page->runJavaScript(script, world, [&](const QVariant &value) {
        result = value;
        loop.quit();
    });
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    return result;
}

// Every URL the pages of a profile ask for.
class RecordingInterceptor : public QWebEngineUrlRequestInterceptor
{
public:
    QList<QUrl> urls;
    void interceptRequest(QWebEngineUrlRequestInfo &info) override { urls.append(info.requestUrl()); }
};

// Plays the person in the Upload widget's frame (an isolated world sharing its DOM): opens "Web
// address", pastes a URL and uploads it.
QString uploadPlayer(const QString &url)
{
    return uR"JS(
(function () {
    if (location.pathname !== "/widgets/upload-widget/frame/index.html")
        return;
    var timer = setInterval(function () {
        var w = document.getElementById("widget");
        if (!w || w.hidden)
            return;
        clearInterval(timer);
        document.getElementById("tab-url").click();
        document.getElementById("url-input").value = %1;
        document.getElementById("url-upload").click();
    }, 100);
})();
)JS"_s.arg(
        QString::fromUtf8(QJsonDocument(QJsonArray {url}).toJson(QJsonDocument::Compact)).mid(1).chopped(1));
}

// Plays the person in the Media Editor's frame: a crop dragged over the middle of the picture, PNG,
// Export.
const char kEditorPlayer[] = R"JS(
(function () {
    if (location.pathname !== "/widgets/media-editor/editor.html")
        return;
    function $(id) { return document.getElementById(id); }
    function pointer(type, x, y, target) {
        (target || document).dispatchEvent(new PointerEvent(type, {clientX: x, clientY: y, bubbles: true,
                                                                   button: 0, pointerId: 1, isPrimary: true}));
    }
    var timer = setInterval(function () {
        if (document.body.dataset.state !== "ready")
            return;
        clearInterval(timer);
        setTimeout(function () {
            var box = $("picture").getBoundingClientRect();
            var x1 = box.left + box.width * 0.25, y1 = box.top + box.height * 0.25;
            var x2 = box.left + box.width * 0.75, y2 = box.top + box.height * 0.75;
            pointer("pointerdown", x1, y1, document.elementFromPoint(x1, y1));
            pointer("pointermove", (x1 + x2) / 2, (y1 + y2) / 2);
            pointer("pointermove", x2, y2);
            pointer("pointerup", x2, y2);
            $("format").value = "png";
            $("format").dispatchEvent(new Event("change", {bubbles: true}));
            setTimeout(function () { $("export").click(); }, 100);
        }, 50);
    }, 50);
})();
)JS";

} // namespace

class TestCloudWidgets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void uploadWidgetUploadIsSignedAndCatalogued();
    void uploadWidgetRefusesTamperedParameters();
    void tokenEnvironmentUploadsThroughAnUnsignedPreset();
    void mediaEditorExportsAndSavesANewAsset();
    void videoPlayerShowsAndItsSnippetWorks();
    void productGalleryShowsAndItsSnippetWorks();
    void mainWindowOffersTheWidgets();
    void windowsGrabWithTheirWidget_data();
    void windowsGrabWithTheirWidget();

private:
    /// The first asset of `resourceType` the sandbox holds (not in the folders the tests write to).
    core::catalog::CatalogAsset asset(const QString &resourceType) const;
    QWebEngineProfile *profile(core::EnvironmentSession *session = nullptr)
    {
        return m_profiles->profile((session != nullptr ? session : m_session)->record().accountId);
    }
    /// Adds `source` to the profile's scripts, in every frame, in an isolated world.
    void addPlayer(const QString &name, const QString &source, core::EnvironmentSession *session = nullptr);
    void removePlayer(const QString &name, core::EnvironmentSession *session = nullptr);
    /// "Sign in with Cloudinary" at the sandbox, the test playing the browser: a token environment of
    /// the same cloud; its session.
    core::EnvironmentSession *addTokenEnvironment();
    /// Makes an upload preset with the environment's key and secret.
    bool createPreset(const QString &name, bool isUnsigned);
    /// Nothing the pages received, asked for or said holds the API secret.
    void checkNoSecret(WidgetHost *host);

    test::SandboxProcess m_sandbox;
    QTemporaryDir m_home;
    QNetworkAccessManager m_network;
    std::unique_ptr<core::AccountStore> m_store;
    core::EnvironmentSession *m_session = nullptr;
    std::unique_ptr<web::WebProfiles> m_profiles;
    std::unique_ptr<CloudWidgetWindows> m_windows;
    RecordingInterceptor m_requests;
    QStringList m_console;
    QList<QJsonObject> m_assets;
};

void TestCloudWidgets::initTestCase()
{
    QVERIFY(m_home.isValid());
    QString error;
    QVERIFY2(m_sandbox.start({u"--seed"_s, u"16"_s, u"--environment"_s,
                              u"cloudinary://612345:%1@widgetcloud"_s.arg(kSecret), u"--user"_s,
                              kEmail + u':' + kPassword + u"@widgetcloud"_s},
                             1, false, &error),
             qPrintable(error));
    auto secrets = std::make_shared<core::MemorySecretStore>();
    m_store = std::make_unique<core::AccountStore>(secrets,
                                                   core::StorageLayout {m_home.filePath(u"accounts.ini"_s),
                                                                        m_home.filePath(u"data"_s),
                                                                        m_home.filePath(u"cache"_s)});
    QVERIFY(test::addSandboxEnvironment(*m_store, m_network, m_sandbox.cloudinaryUrls().constFirst(),
                                        u"Widgets"_s));
    const QList<core::EnvironmentRecord> environments = m_store->activeEnvironments();
    QCOMPARE(environments.size(), 1);
    m_session
        = new core::EnvironmentSession(m_store.get(), environments.first().id, &m_network, m_store.get());
    QVERIFY(m_session->apiContext().ok());
    QVERIFY(m_session->catalog() != nullptr);
    // A first sync, as the app makes one: the catalogue learns the folder mode.
    QSignalSpy synced(m_session, &core::EnvironmentSession::catalogSynced);
    m_session->syncCatalog();
    QVERIFY(synced.wait(30000));
    QVERIFY(!m_session->lastSyncError());
    QVERIFY(m_session->catalog()->folderMode() != core::FolderMode::Unknown);
    m_profiles = std::make_unique<web::WebProfiles>(m_store->layout());
    m_windows = std::make_unique<CloudWidgetWindows>(m_profiles.get(), m_session, nullptr);
    profile()->setUrlRequestInterceptor(&m_requests);
    const auto everything = m_sandbox.searchEverything(0);
    QCOMPARE(everything.status, 200);
    for (const QJsonValue &resource :
         QJsonDocument::fromJson(everything.body).object().value(u"resources"_s).toArray())
        m_assets.append(resource.toObject());
    QVERIFY(!m_assets.isEmpty());
}

void TestCloudWidgets::cleanupTestCase()
{
    m_windows.reset();
    m_profiles.reset();
    m_sandbox.stop();
}

core::catalog::CatalogAsset TestCloudWidgets::asset(const QString &resourceType) const
{
    for (const QJsonObject &json : m_assets) {
        const auto a = core::catalog::CatalogAsset::fromResourceJson(json);
        if (a.resourceType == resourceType && (a.type.isEmpty() || a.type == u"upload")
            && (resourceType != u"image" || MediaEditorWindow::canEdit(a)))
            return a;
    }
    return {};
}

void TestCloudWidgets::addPlayer(const QString &name, const QString &source,
                                 core::EnvironmentSession *session)
{
    QWebEngineScript script;
    script.setName(name);
    script.setSourceCode(source);
    script.setInjectionPoint(QWebEngineScript::DocumentReady);
    script.setWorldId(QWebEngineScript::ApplicationWorld);
    script.setRunsOnSubFrames(true);
    profile(session)->scripts()->insert(script);
}

void TestCloudWidgets::removePlayer(const QString &name, core::EnvironmentSession *session)
{
    for (const QWebEngineScript &script : profile(session)->scripts()->find(name))
        profile(session)->scripts()->remove(script);
}

core::EnvironmentSession *TestCloudWidgets::addTokenEnvironment()
{
    core::OAuthSignIn signIn(&m_network, core::OAuthConfig::forSandbox(m_sandbox.baseUrl()));
    QSignalSpy succeeded(&signIn, &core::OAuthSignIn::succeeded);
    const auto url = signIn.start();
    if (!url)
        return nullptr;
    const QUrl redirect = m_sandbox.signInInBrowser(url.value(), kEmail, kPassword);
    if (m_sandbox.followRedirect(redirect).status != 200 || !(succeeded.size() == 1 || succeeded.wait(10000)))
        return nullptr;
    const auto tokens = succeeded.first().at(0).value<core::TokenPair>();
    const QUrl base = m_sandbox.baseUrl();
    const auto environmentUrl
        = core::CloudinaryUrl::parse(u"cloudinary://widgetcloud?upload_prefix=%1&cname=%2&secure=false"_s.arg(
            base.toString(QUrl::RemovePath | QUrl::StripTrailingSlash), base.authority()));
    if (!environmentUrl)
        return nullptr;
    core::AccountRecord account;
    account.id = core::AccountStore::newId();
    account.label = u"Signed in"_s;
    core::EnvironmentRecord env;
    env.id = core::AccountStore::newId();
    env.accountId = account.id;
    env.name = u"Signed in widgets"_s;
    env.url = environmentUrl.value();
    env.credential = core::CredentialKind::AccessToken;
    std::optional<bool> added;
    m_store->addAccount(account, {{env, tokens.toStoredText()}}, {}, this,
                        [&](core::Result<core::Done> result) { added = result.ok(); });
    if (!QTest::qWaitFor([&] { return added.has_value(); }, 10000) || !*added)
        return nullptr;
    return new core::EnvironmentSession(m_store.get(), env.id, &m_network, m_store.get());
}

bool TestCloudWidgets::createPreset(const QString &name, bool isUnsigned)
{
    auto *call
        = core::AdminApi(m_session->apiContext().value())
              .createUploadPreset({name, isUnsigned, QJsonObject {{u"tags"_s, u"from-preset"_s}}}, this);
    QSignalSpy finished(call, &core::Job::finished);
    call->start();
    const bool ok = (finished.size() == 1 || finished.wait(10000)) && call->result().ok();
    call->deleteLater();
    return ok;
}

void TestCloudWidgets::checkNoSecret(WidgetHost *host)
{
    for (const QUrl &url : std::as_const(m_requests.urls))
        QVERIFY2(!QUrl::fromPercentEncoding(url.toEncoded()).contains(kSecret), qPrintable(url.toString()));
    QVERIFY(!m_console.join(u'\n').contains(kSecret));
    QVERIFY(host->page() != nullptr);
    QVERIFY(!evaluate(host->page(), u"document.documentElement.outerHTML"_s).toString().contains(kSecret));
}

void TestCloudWidgets::uploadWidgetUploadIsSignedAndCatalogued()
{
    // The URL of one of the sandbox's pictures, as a person would paste it.
    const core::catalog::CatalogAsset source = asset(u"image"_s);
    QVERIFY(!source.publicId.isEmpty());
    const QString sourceUrl = m_sandbox.baseUrl().toString(QUrl::StripTrailingSlash)
        + u"/widgetcloud/image/upload/"_s + source.publicId + u'.' + source.format;
    addPlayer(u"upload-player"_s, uploadPlayer(sourceUrl));
    const auto cleanup = qScopeGuard([this] { removePlayer(u"upload-player"_s); });

    UploadWidgetWindow *window = m_windows->uploadWidget();
    QSignalSpy written(m_windows.get(), &CloudWidgetWindows::assetsWritten);
    m_windows->openUploadWidget(u"from-widget/urls"_s);
    QVERIFY(window->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(window->host()->isReady(), 20000);
    connect(window->host()->page(), &web::WidgetPage::consoleMessage, this,
            [this](auto, const QString &message) { m_console.append(message); });
    QVERIFY(window->signer() != nullptr);
    QCOMPARE(window->signer()->choice().folder, u"from-widget/urls"_s);

    QTRY_COMPARE_WITH_TIMEOUT(window->bridge()->uploadCount(), 1, 30000);
    QCOMPARE(window->signer()->signatureCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 10000);
    const QString assetId = written.first().first().toStringList().value(0);
    QVERIFY(!assetId.isEmpty());

    // In the catalogue at once, in the folder shown.
    const auto stored = m_session->catalog()->asset(assetId);
    QVERIFY(stored.ok());
    QVERIFY(stored->has_value());
    QVERIFY2((*stored)->publicId.startsWith(u"from-widget/urls/"_s), qPrintable((*stored)->publicId));
    QCOMPARE((*stored)->bytes, source.bytes);
    // And in the sandbox.
    const auto answer = m_sandbox.raw(
        "GET", u"/widgetcloud/image/upload/%1.%2"_s.arg((*stored)->publicId, (*stored)->format), {}, {});
    QCOMPARE(answer.status, 200);

    // Esc closes the window, also from inside the page; the same window again for the same folder
    // shows the same page, not a new one.
    WidgetHost *host = window->host();
    web::WidgetPage *page = host->page();
    QWidget *inPage = host->view()->focusProxy() != nullptr ? host->view()->focusProxy() : host->view();
    inPage->setFocus();
    QTest::keyClick(inPage, Qt::Key_Escape);
    QTRY_VERIFY(!window->isVisible());
    m_windows->openUploadWidget(u"from-widget/urls"_s);
    QCOMPARE(host->page(), page);
    checkNoSecret(host);
}

void TestCloudWidgets::uploadWidgetRefusesTamperedParameters()
{
    UploadWidgetWindow *window = m_windows->uploadWidget();
    m_windows->openUploadWidget(u"from-widget/tamper"_s);
    QTRY_VERIFY_WITH_TIMEOUT(window->host()->isReady(), 20000);
    core::UploadWidgetSigner *signer = window->signer();
    QVERIFY(signer != nullptr);
    const int signatures = signer->signatureCount();
    const int refusals = signer->refusalCount();
    // A script of the page asks C++ directly, as any script there could.
    evaluate(window->host()->page(), uR"JS(
        window.__answers = [];
        var now = Math.floor(Date.now() / 1000);
        [{source: "uw", timestamp: now, folder: "private"},
         {source: "uw", timestamp: now - 2 * 3600, folder: "from-widget/tamper"},
         {source: "uw", timestamp: now, folder: "from-widget/tamper", notification_url: "https://attacker.example/hook"},
         {source: "uw", timestamp: now, folder: "from-widget/tamper"}].forEach(function (params, i) {
            window.stratusBridge.call("signature", params).then(
                function (signature) { window.__answers[i] = "signed:" + signature.length; },
                function (error) { window.__answers[i] = "refused:" + error.message; });
        });
    )JS"_s);
    QTRY_COMPARE_WITH_TIMEOUT(
        evaluate(window->host()->page(), u"window.__answers.filter(Boolean).length"_s).toInt(), 4, 10000);
    const QStringList answers = evaluate(window->host()->page(), u"window.__answers"_s).toStringList();
    QCOMPARE(answers.mid(0, 3),
             (QStringList {u"refused:refused"_s, u"refused:refused"_s, u"refused:refused"_s}));
    // The untampered request is signed — and only its hex goes back.
    QCOMPARE(answers.value(3), u"signed:%1"_s.arg(signer->choice().folder.isEmpty() ? 0 : 40));
    QCOMPARE(signer->signatureCount(), signatures + 1);
    QCOMPARE(signer->refusalCount(), refusals + 3);
    QVERIFY(window->bridge()->refusedCalls() >= 3);
}

void TestCloudWidgets::tokenEnvironmentUploadsThroughAnUnsignedPreset()
{
    core::EnvironmentSession *session = addTokenEnvironment();
    QVERIFY(session != nullptr);
    const auto context = session->apiContext();
    QVERIFY(context.ok());
    QCOMPARE(context->secret->kind(), core::CredentialKind::AccessToken);
    CloudWidgetWindows windows(m_profiles.get(), session, nullptr);
    UploadWidgetWindow *window = windows.uploadWidget();
    QStringList notices;
    window->setNotice([&](const QString &, const QString &text) { notices << text; });
    QStringList offered;
    window->setPresetChooser([&](QWidget *, const QStringList &presets) {
        offered = presets;
        return presets.contains(u"unsigned-b"_s) ? u"unsigned-b"_s : QString();
    });

    // No unsigned preset (a signed one does not count): the person is told what can be done.
    QVERIFY(createPreset(u"signed-only"_s, false));
    windows.openUploadWidget(u"tokens"_s);
    QTRY_COMPARE_WITH_TIMEOUT(notices.size(), 1, 10000);
    QVERIFY2(notices.first().contains(u"unsigned upload preset"_s), qPrintable(notices.first()));
    QVERIFY(notices.first().contains(u"Upload button"_s));
    QVERIFY(!window->isVisible());
    QVERIFY(window->host()->page() == nullptr);

    // Two: the person picks one; the widget uploads through it, and nothing is signed.
    QVERIFY(createPreset(u"unsigned-a"_s, true));
    QVERIFY(createPreset(u"unsigned-b"_s, true));
    const core::catalog::CatalogAsset source = asset(u"image"_s);
    const QString sourceUrl = m_sandbox.baseUrl().toString(QUrl::StripTrailingSlash)
        + u"/widgetcloud/image/upload/"_s + source.publicId + u'.' + source.format;
    addPlayer(u"token-upload-player"_s, uploadPlayer(sourceUrl), session);
    const auto cleanup = qScopeGuard([&] { removePlayer(u"token-upload-player"_s, session); });
    QSignalSpy written(&windows, &CloudWidgetWindows::assetsWritten);
    windows.openUploadWidget(u"tokens"_s);
    QTRY_VERIFY_WITH_TIMEOUT(window->isVisible(), 10000);
    QCOMPARE(offered, (QStringList {u"unsigned-a"_s, u"unsigned-b"_s}));
    QCOMPARE(window->unsignedPreset(), u"unsigned-b"_s);
    QVERIFY(window->signer() == nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(window->host()->isReady(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(window->bridge()->uploadCount(), 1, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 10000);
    const auto stored = session->catalog()->asset(written.first().first().toStringList().value(0));
    QVERIFY(stored.ok() && stored->has_value());
    QVERIFY2((*stored)->publicId.startsWith(u"tokens/"_s), qPrintable((*stored)->publicId));
    QCOMPARE((*stored)->tags, QStringList {u"from-preset"_s});
    // A signature asked for on this route is refused: there is nothing to sign with.
    evaluate(window->host()->page(), uR"JS(
        window.__answer = "";
        window.stratusBridge.call("signature", {source: "uw", timestamp: Math.floor(Date.now() / 1000), folder: "tokens"})
            .then(function () { window.__answer = "signed"; }, function (e) { window.__answer = e.message; });
    )JS"_s);
    QTRY_COMPARE_WITH_TIMEOUT(evaluate(window->host()->page(), u"window.__answer"_s).toString(),
                              u"unsigned"_s, 10000);
}

void TestCloudWidgets::mediaEditorExportsAndSavesANewAsset()
{
    const core::catalog::CatalogAsset picture = asset(u"image"_s);
    QVERIFY(!picture.publicId.isEmpty());
    addPlayer(u"editor-player"_s, QString::fromUtf8(kEditorPlayer));
    const auto cleanup = qScopeGuard([this] { removePlayer(u"editor-player"_s); });

    MediaEditorWindow *window = m_windows->mediaEditor();
    QSignalSpy exported(window, &MediaEditorWindow::exported);
    QVERIFY(m_windows->openMediaEditor(picture));
    QVERIFY(window->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(window->host()->isReady(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 30000);
    const auto result = window->lastExport();
    QVERIFY(result.has_value());
    QVERIFY2(result->transformation.contains(u"c_crop,"_s), qPrintable(result->transformation));
    QVERIFY2(result->transformation.contains(u"f_png"_s), qPrintable(result->transformation));
    QVERIFY2(result->url.toString().contains(result->transformation), qPrintable(result->url.toString()));
    QVERIFY(result->url.toString().contains(picture.publicId));
    QCOMPARE(window->findChild<QLineEdit *>(u"exportTransformation"_s)->text(), result->transformation);
    QVERIFY(window->findChild<QWidget *>(u"exportResult"_s)->isVisible());
    // No studio yet: its button is not offered.
    QVERIFY(!window->findChild<QPushButton *>(u"transformationStudioButton"_s)->isVisible());

    window->copyTransformation();
    QCOMPARE(QGuiApplication::clipboard()->text(), result->transformation);
    window->copyUrl();
    QCOMPARE(QGuiApplication::clipboard()->text(), result->url.toString());

    // Save as New Asset…: a folder and a name chosen, the derived picture uploaded from its URL.
    window->setNewAssetQuestion([](QWidget *, const QString &, const QString &) {
        return std::optional<std::pair<QString, QString>>({u"edited"_s, u"cropped_square"_s});
    });
    QSignalSpy saved(window, &MediaEditorWindow::saveFinished);
    QSignalSpy written(m_windows.get(), &CloudWidgetWindows::assetsWritten);
    window->saveAsNewAsset();
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 30000);
    QVERIFY2(saved.first().at(1).toString().isEmpty(), qPrintable(saved.first().at(1).toString()));
    const QString publicId = saved.first().at(0).toString();
    QCOMPARE(written.size(), 1);
    const auto stored = m_session->catalog()->asset(written.first().first().toStringList().value(0));
    QVERIFY(stored.ok() && stored->has_value());
    QCOMPARE((*stored)->publicId, publicId);
    const core::FolderMode mode = m_session->catalog()->folderMode();
    QCOMPARE((*stored)->folder(mode), u"edited"_s);
    QCOMPARE((*stored)->name(mode), u"cropped_square"_s);
    QCOMPARE((*stored)->format, u"png"_s);
    // The new asset is the cropped picture: half the original's size each way.
    QVERIFY2(qAbs((*stored)->width - picture.width / 2) <= 1, qPrintable(QString::number((*stored)->width)));
    QVERIFY2(qAbs((*stored)->height - picture.height / 2) <= 1,
             qPrintable(QString::number((*stored)->height)));
    checkNoSecret(window->host());
}

void TestCloudWidgets::videoPlayerShowsAndItsSnippetWorks()
{
    const core::catalog::CatalogAsset video = asset(u"video"_s);
    QVERIFY(!video.publicId.isEmpty());
    PreviewWindow *window = m_windows->videoPlayer();
    QVERIFY(!window->canPreview({asset(u"image"_s)}));
    QSignalSpy shown(window->bridge(), &web::PreviewBridge::shown);
    QVERIFY(m_windows->openVideoPlayer(video));
    QTRY_VERIFY_WITH_TIMEOUT(window->host()->isReady(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 10000);
    // The player is there, with the sandbox's video as its source.
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(window->host()->page(), u"document.querySelector('.cld-video-player video') !== null"_s)
            .toBool(),
        10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(window->host()->page(), u"player.currentPublicId()"_s).toString() == video.publicId, 10000);

    const EmbedSnippet snippet = window->snippet();
    for (const QString &text : {snippet.html, snippet.javascript}) {
        QVERIFY2(text.contains(u"\"cloudName\": \"widgetcloud\""_s), qPrintable(text));
        QVERIFY2(text.contains(u'"' + video.publicId + u'"'), qPrintable(text));
    }
    QVERIFY(snippet.html.contains(m_sandbox.baseUrl().toString(QUrl::StripTrailingSlash)
                                  + u"/widgets/video-player/player.min.js"_s));
    QVERIFY(snippet.html.contains(u"player.min.css"_s));
    window->snippetPanel()->copy();
    QCOMPARE(QGuiApplication::clipboard()->text(), snippet.html);

    // The HTML snippet alone, in a page of another site, makes the player against the sandbox.
    QWebEngineProfile offTheRecord;
    QWebEnginePage page(&offTheRecord);
    QWebEngineView view;
    view.setPage(&page);
    QSignalSpy loaded(&page, &QWebEnginePage::loadFinished);
    page.setHtml(u"<!DOCTYPE html><html><body>"_s + snippet.html + u"</body></html>"_s,
                 QUrl(u"https://shop.example/"_s));
    QVERIFY(loaded.wait(20000));
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(&page, u"typeof player === 'object' && player.currentPublicId()"_s).toString()
            == video.publicId,
        10000);
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(&page, u"document.querySelector('video').readyState >= 1"_s).toBool(),
                             20000);
    checkNoSecret(window->host());
}

void TestCloudWidgets::productGalleryShowsAndItsSnippetWorks()
{
    QList<core::catalog::CatalogAsset> chosen;
    for (const QJsonObject &json : std::as_const(m_assets)) {
        const auto a = core::catalog::CatalogAsset::fromResourceJson(json);
        if ((a.resourceType == u"image" && MediaEditorWindow::canEdit(a))
            && (a.type.isEmpty() || a.type == u"upload") && chosen.size() < 3)
            chosen.append(a);
    }
    chosen.append(asset(u"video"_s));
    QCOMPARE(chosen.size(), 4);
    PreviewWindow *window = m_windows->productGallery();
    QSignalSpy shown(window->bridge(), &web::PreviewBridge::shown);
    QVERIFY(m_windows->openProductGallery(chosen));
    QTRY_VERIFY_WITH_TIMEOUT(window->host()->isReady(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(
        evaluate(window->host()->page(), u"document.querySelectorAll('.cld-pg-thumb').length"_s).toInt(), 4,
        10000);

    const EmbedSnippet snippet = window->snippet();
    for (const QString &text : {snippet.html, snippet.javascript}) {
        QVERIFY2(text.contains(u"\"cloudName\": \"widgetcloud\""_s), qPrintable(text));
        for (const core::catalog::CatalogAsset &a : std::as_const(chosen))
            QVERIFY2(text.contains(u"\"publicId\": \""_s + a.publicId + u'"'), qPrintable(a.publicId));
        QVERIFY(text.contains(u"\"mediaType\": \"video\""_s));
    }

    QWebEngineProfile offTheRecord;
    QWebEnginePage page(&offTheRecord);
    QWebEngineView view;
    view.setPage(&page);
    QSignalSpy loaded(&page, &QWebEnginePage::loadFinished);
    page.setHtml(u"<!DOCTYPE html><html><body>"_s + snippet.html + u"</body></html>"_s,
                 QUrl(u"https://shop.example/"_s));
    QVERIFY(loaded.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(evaluate(&page, u"document.querySelectorAll('.cld-pg-thumb').length"_s).toInt(),
                              4, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(&page,
                                      u"(function () { var i = document.querySelector('.cld-pg-main img');"
                                      " return !!i && i.complete && i.naturalWidth > 0; })()"_s)
                                 .toBool(),
                             20000);
    checkNoSecret(window->host());
}

// The main window with web profiles, as main() makes it: File → "Upload from a URL, Camera or Cloud
// Storage…" and the Upload button's menu open the Upload widget, the browser's commands and the
// details panel offer the Media Editor and the previews for what is selected. Its own store and
// profiles, so that nothing here shares a catalogue with the tests above.
void TestCloudWidgets::mainWindowOffersTheWidgets()
{
    QTemporaryDir home;
    core::AccountStore store(std::make_shared<core::MemorySecretStore>(),
                             core::StorageLayout {home.filePath(u"accounts.ini"_s), home.filePath(u"data"_s),
                                                  home.filePath(u"cache"_s)});
    QVERIFY(
        test::addSandboxEnvironment(store, m_network, m_sandbox.cloudinaryUrls().constFirst(), u"Window"_s));
    web::WebProfiles profiles(store.layout());
    Preferences preferences(home.filePath(u"stratus.conf"_s));
    MainWindow window(&store, &m_network, &preferences);
    window.setWebProfiles(&profiles);
    window.resize(1100, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    core::EnvironmentSession *session = window.session(window.currentEnvironmentId());
    QVERIFY(session != nullptr);
    QTRY_COMPARE_WITH_TIMEOUT(session->connection(), core::EnvironmentSession::Connection::Online, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(session->catalog()->folderMode() != core::FolderMode::Unknown, 30000);

    // File menu, below Upload Folder…
    auto *fileItem = window.findChild<QAction *>(u"uploadWidgetAction"_s);
    QVERIFY(fileItem != nullptr);
    auto *fileMenu = qobject_cast<QMenu *>(fileItem->associatedObjects().value(0));
    QVERIFY(fileMenu != nullptr);
    Q_EMIT fileMenu->aboutToShow();
    QVERIFY(fileItem->isEnabled());
    fileItem->trigger();
    auto *upload = window.findChild<UploadWidgetWindow *>();
    QVERIFY(upload != nullptr);
    QVERIFY(upload->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(upload->host()->isReady(), 20000);
    QVERIFY(upload->signer() != nullptr);
    upload->hide();

    // The Upload button's menu gets the same item once the window has profiles.
    auto *uploadMenu = window.findChild<QMenu *>(u"uploadMenu"_s);
    QVERIFY(uploadMenu != nullptr);
    Q_EMIT uploadMenu->aboutToShow();
    auto *buttonItem = window.findChild<QAction *>(u"uploadWidgetButtonAction"_s);
    QVERIFY(buttonItem != nullptr);
    QVERIFY(uploadMenu->actions().contains(buttonItem));
    buttonItem->trigger();
    QVERIFY(upload->isVisible());
    upload->hide();

    // The browser's commands for a picture: Edit in Media Editor…, Preview as Product Gallery; not the
    // Video Player. The details panel shows the same as buttons.
    auto *commands = window.findChild<BrowserCommands *>();
    QVERIFY(commands != nullptr);
    const core::catalog::CatalogAsset picture = asset(u"image"_s);
    commands->setSelection({picture});
    QAction *edit = commands->action(BrowserCommands::Command::EditInMediaEditor);
    QAction *player = commands->action(BrowserCommands::Command::PreviewInVideoPlayer);
    QAction *gallery = commands->action(BrowserCommands::Command::PreviewAsProductGallery);
    QVERIFY(edit->isVisible() && edit->isEnabled());
    QVERIFY(gallery->isVisible() && gallery->isEnabled());
    QVERIFY(player->isVisible() && !player->isEnabled());
    auto *details = window.findChild<DetailsPanel *>();
    QVERIFY(details != nullptr);
    auto *row = details->findChild<QWidget *>(u"assetActions"_s);
    QVERIFY(row != nullptr);
    QCOMPARE(row->findChildren<QToolButton *>().size(), 3);
    edit->trigger();
    auto *editor = window.findChild<MediaEditorWindow *>();
    QVERIFY(editor != nullptr);
    QVERIFY(editor->isVisible());
    QCOMPARE(editor->asset().assetId, picture.assetId);
    QTRY_VERIFY_WITH_TIMEOUT(editor->host()->isReady(), 20000);
    editor->hide();

    // A video: the Video Player too.
    commands->setSelection({asset(u"video"_s)});
    QVERIFY(player->isEnabled());
    player->trigger();
    PreviewWindow *preview = nullptr;
    for (PreviewWindow *candidate : window.findChildren<PreviewWindow *>()) {
        if (candidate->isVisible())
            preview = candidate;
    }
    QVERIFY(preview != nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(preview->bridge()->isShown(), 20000);
    preview->hide();
}

void TestCloudWidgets::windowsGrabWithTheirWidget_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("upload-widget") << u"upload-widget"_s;
    QTest::newRow("media-editor") << u"media-editor"_s;
    QTest::newRow("video-player") << u"video-player"_s;
    QTest::newRow("product-gallery") << u"product-gallery"_s;
}

// The windows the tests above opened, grabbed as a person sees them: the web content is in the
// picture (not a blank view), and with STRATUS_SCREENSHOTS set the pictures are saved there
// (docs/screenshots/).
void TestCloudWidgets::windowsGrabWithTheirWidget()
{
    QFETCH(QString, name);
    WidgetWindow *window = nullptr;
    if (name == u"upload-widget")
        window = m_windows->uploadWidget();
    else if (name == u"media-editor")
        window = m_windows->mediaEditor();
    else if (name == u"video-player")
        window = m_windows->videoPlayer();
    else
        window = m_windows->productGallery();
    if (name == u"upload-widget") {
        // Fresh, as a person opens it: another folder loads it again.
        m_windows->openUploadWidget(u"samples"_s);
        QTRY_VERIFY_WITH_TIMEOUT(window->host()->isReady(), 20000);
    }
    window->present();
    QVERIFY(window->host()->isReady());
    // The page paints after it was shown; the pixels are there once the view's picture has colour
    // (the view alone: the window's own widgets have colours of their own).
    QImage picture;
    const auto colourful = [&] {
        picture = window->host()->grab().toImage();
        QSet<QRgb> colours;
        for (int y = 0; y < picture.height(); y += 7) {
            for (int x = 0; x < picture.width(); x += 7)
                colours.insert(picture.pixel(x, y));
        }
        return colours.size() > 40;
    };
    QTRY_VERIFY_WITH_TIMEOUT(colourful(), 10000);
    const QString directory = qEnvironmentVariable("STRATUS_SCREENSHOTS");
    if (!directory.isEmpty())
        QVERIFY(window->grab().toImage().save(QDir(directory).filePath(name + u".png"_s)));
}

QTEST_MAIN(TestCloudWidgets)
#include "tst_cloudwidgets.moc"
