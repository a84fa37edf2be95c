#pragma once

// What the tests of the widget windows share (tst_cloudwidgets, tst_cloudwidgetpreviews): a real
// stratus-sandbox with sample media and an OAuth user, an environment added the way the app adds
// it (its session synced once), the accounts' web profiles, the environment's CloudWidgetWindows,
// every URL the pages ask for, and players injected into the widgets' frames.

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
#include "webenginetest.h"

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
#include <QWebEngineView>

using namespace Qt::StringLiterals;
using namespace stratus::gui;

namespace stratus::test {

inline const QString kSecret = u"cloud-widgets-secret-7d1e"_s;
inline const QString kEmail = u"ana@example.com"_s;
inline const QString kPassword = u"widgets-pw"_s;

using webtest::evaluate;
using webtest::RecordingInterceptor;

// Plays the person in the Upload widget's frame (an isolated world sharing its DOM): opens "Web
// address", pastes a URL and uploads it.
inline QString uploadPlayer(const QString &url)
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
inline constexpr char kEditorPlayer[] = R"JS(
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

/// The fixture: startFixture() in initTestCase(), stopFixture() in cleanupTestCase().
class CloudWidgetsFixture : public QObject
{
protected:
    // A failed check here fails initTestCase(), and then Qt Test runs none of the tests.
    void startFixture()
    {
        QVERIFY(m_home.isValid());
        QString error;
        QVERIFY2(m_sandbox.start({u"--seed"_s, u"16"_s, u"--environment"_s,
                                  u"cloudinary://612345:%1@widgetcloud"_s.arg(kSecret), u"--user"_s,
                                  kEmail + u':' + kPassword + u"@widgetcloud"_s, u"--record-requests"_s,
                                  u"20000"_s},
                                 1, false, &error),
                 qPrintable(error));
        auto secrets = std::make_shared<core::MemorySecretStore>();
        m_store = std::make_unique<core::AccountStore>(
            secrets,
            core::StorageLayout {m_home.filePath(u"accounts.ini"_s), m_home.filePath(u"data"_s),
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

    void stopFixture()
    {
        m_windows.reset();
        m_profiles.reset();
        m_sandbox.stop();
    }

    /// The first asset of `resourceType` the sandbox holds (not in the folders the tests write to).
    core::catalog::CatalogAsset asset(const QString &resourceType) const
    {
        for (const QJsonObject &json : m_assets) {
            const auto a = core::catalog::CatalogAsset::fromResourceJson(json);
            if (a.resourceType == resourceType && (a.type.isEmpty() || a.type == u"upload")
                && (resourceType != u"image" || MediaEditorWindow::canEdit(a)))
                return a;
        }
        return {};
    }
    QWebEngineProfile *profile(core::EnvironmentSession *session = nullptr)
    {
        return m_profiles->profile((session != nullptr ? session : m_session)->record().accountId);
    }
    /// Adds `source` to the profile's scripts, in every frame, in an isolated world.
    void addPlayer(const QString &name, const QString &source, core::EnvironmentSession *session = nullptr)
    {
        webtest::addFrameScript(profile(session)->scripts(), name, source);
    }
    void removePlayer(const QString &name, core::EnvironmentSession *session = nullptr)
    {
        for (const QWebEngineScript &script : profile(session)->scripts()->find(name))
            profile(session)->scripts()->remove(script);
    }
    /// "Sign in with Cloudinary" at the sandbox, the test playing the browser: a token environment of
    /// the same cloud; its session.
    core::EnvironmentSession *addTokenEnvironment()
    {
        core::OAuthSignIn signIn(&m_network, core::OAuthConfig::forSandbox(m_sandbox.baseUrl()));
        QSignalSpy succeeded(&signIn, &core::OAuthSignIn::succeeded);
        const auto url = signIn.start();
        if (!url)
            return nullptr;
        const QUrl redirect = m_sandbox.signInInBrowser(url.value(), kEmail, kPassword);
        if (m_sandbox.followRedirect(redirect).status != 200
            || !(succeeded.size() == 1 || succeeded.wait(10000)))
            return nullptr;
        const auto tokens = succeeded.first().at(0).value<core::TokenPair>();
        const QUrl base = m_sandbox.baseUrl();
        const auto environmentUrl = core::CloudinaryUrl::parse(
            u"cloudinary://widgetcloud?upload_prefix=%1&cname=%2&secure=false"_s.arg(
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
    /// Makes an upload preset with the environment's key and secret.
    bool createPreset(const QString &name, bool isUnsigned)
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
    /// Nothing the pages received, asked for or said holds the API secret.
    void checkNoSecret(WidgetHost *host)
    {
        for (const QUrl &url : std::as_const(m_requests.urls))
            QVERIFY2(!QUrl::fromPercentEncoding(url.toEncoded()).contains(kSecret),
                     qPrintable(url.toString()));
        QVERIFY(!m_console.join(u'\n').contains(kSecret));
        QVERIFY(host->page() != nullptr);
        QVERIFY(
            !evaluate(host->page(), u"document.documentElement.outerHTML"_s).toString().contains(kSecret));
        // And the bodies, which a request interceptor cannot see: the sandbox kept what every request
        // carried (--record-requests); the pages' requests have WebEngine's user agent.
        int pageRequests = 0;
        for (const QJsonValue &value : m_sandbox.recordedRequests()) {
            const QByteArray text = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
            QVERIFY2(!text.contains(kSecret.toUtf8()), text.constData());
            if (value.toObject().value(u"user-agent"_s).toString().contains(u"QtWebEngine"_s))
                ++pageRequests;
        }
        QVERIFY(pageRequests > 0);
    }

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

} // namespace stratus::test
