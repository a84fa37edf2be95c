// "Sign in with Cloudinary" in the app, driven as a person would, with the test playing the browser:
// QDesktopServices hands the authorize URL to the test, which follows it over HTTP against a real
// stratus-sandbox (its /oauth2 login and consent pages), and comes back to the app's loopback
// redirect. The tokens land in the real keychain (tests/run-headless.sh's Secret Service).
#include "gui/accounts/accountsdialog.h"
#include "gui/accounts/addenvironmentdialog.h"
#include "gui/accounts/signindialog.h"
#include "gui/accounts/signinpage.h"

#include "core/accounts/accountstore.h"
#include "core/accounts/keychainsecretstore.h"
#include "core/accounts/secretstore.h"
#include "core/auth/oauthconfig.h"
#include "core/auth/tokenpair.h"
#include "core/session/environmentsession.h"
#include "gui/environment/environmentpage.h"
#include "gui/errors/errorbanner.h"
#include "gui/settings/preferences.h"
#include "words/errorwords.h"

#include "../headlesssession.h"
#include "sandboxprocess.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QFile>
#include <QGroupBox>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUrlQuery>

#include <optional>

using namespace stratus;
using namespace stratus::gui;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeout = 30000;
const QString kEmail = u"alice@example.com"_s;
const QString kPassword = u"alice-password-7"_s;

// Stands in for the system browser: QDesktopServices::openUrl() hands it every http URL.
class BrowserStandIn : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> opened;

public Q_SLOTS:
    void open(const QUrl &url) { opened.append(url); }
};

struct Fixture
{
    QTemporaryDir dir;
    std::shared_ptr<core::SecretStore> secrets
        = std::make_shared<core::KeychainSecretStore>(u"StratusSignInTest"_s);
    std::unique_ptr<core::AccountStore> store;

    Fixture()
    {
        core::StorageLayout paths;
        paths.settingsFile = dir.filePath(u"accounts.ini"_s);
        paths.dataRoot = dir.filePath(u"data"_s);
        paths.cacheRoot = dir.filePath(u"cache"_s);
        store = std::make_unique<core::AccountStore>(secrets, paths);
    }

    [[nodiscard]] QByteArray settingsText() const
    {
        QFile file(store->layout().settingsFile);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // The keychain's answer for `key`, waited for.
    std::optional<core::Result<QString>> read(const QString &key) const
    {
        std::optional<core::Result<QString>> answer;
        QObject context;
        secrets->read(key, &context, [&answer](core::Result<QString> result) { answer = std::move(result); });
        [[maybe_unused]] const bool answered
            = QTest::qWaitFor([&answer] { return answer.has_value(); }, kTimeout);
        return answer;
    }
};

template<typename T> T *child(QObject *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qWarning("no child named %s", qPrintable(name));
    return found;
}

// The page of the sign-in page's stack that shows now ("signInStart", "signInWaiting", …).
QString shownState(QWidget *dialog)
{
    auto *page = dialog->findChild<SignInPage *>();
    auto *stack = page ? page->findChild<QStackedWidget *>() : nullptr;
    return stack && stack->currentWidget() ? stack->currentWidget()->objectName() : QString();
}

void saveShot(QWidget *widget, const QString &name)
{
    QDir().mkpath(u"/tmp/shots-g"_s);
    widget->grab().save(u"/tmp/shots-g/%1.png"_s.arg(name));
}

} // namespace

class TestSignIn : public QObject
{
    Q_OBJECT

private:
    test::SandboxProcess m_sandbox;
    BrowserStandIn m_browser;

    struct Answer
    {
        int status = 0;
        QByteArray location;
        QByteArray body;
        QString error;
    };

    // One request as a browser makes it, without following redirects (the test takes each hop).
    Answer request(const QByteArray &verb, const QUrl &url,
                   const QList<std::pair<QString, QString>> &form = {})
    {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QByteArray body;
        if (verb == "POST") {
            QUrlQuery query;
            for (const auto &[name, value] : form)
                query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
            body = query.toString(QUrl::FullyEncoded).toUtf8();
            request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
        }
        std::unique_ptr<QNetworkReply> reply(m_sandbox.network()->sendCustomRequest(request, verb, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        Answer answer;
        if (!reply->isFinished() && !finished.wait(kTimeout)) {
            answer.error = u"no answer"_s;
            return answer;
        }
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.location = reply->rawHeader("Location");
        answer.body = reply->readAll();
        if (reply->error() != QNetworkReply::NoError)
            answer.error = reply->errorString();
        return answer;
    }

    // Plays the browser from the authorize URL to the redirect the consent page answers with:
    // the login form, then `action` ("allow" or "deny") on the consent page. The loopback URL to
    // go back to, or an empty one (with a warning).
    QUrl consent(const QUrl &authorize, const QString &action)
    {
        return m_sandbox.signInInBrowser(authorize, kEmail, kPassword, action);
    }

    // The browser goes back to Stratus: the loopback page it is shown.
    QByteArray comeBack(const QUrl &loopback)
    {
        const Answer page = request("GET", loopback);
        if (page.status != 200)
            qWarning("loopback: %d %s %s", page.status, qPrintable(page.error), page.body.constData());
        return page.body;
    }

    QUrl waitForBrowser(int count)
    {
        if (!QTest::qWaitFor([&] { return m_browser.opened.size() >= count; }, kTimeout))
            return {};
        return m_browser.opened.at(count - 1);
    }

    [[nodiscard]] core::OAuthConfig sandboxConfig() const
    {
        return core::OAuthConfig::forSandbox(m_sandbox.baseUrl().adjusted(QUrl::RemovePath));
    }

    int stat(const QString &name)
    {
        const Answer answer = request("GET", m_sandbox.baseUrl().resolved(QUrl(u"/_sandbox/oauth/stats"_s)));
        return QJsonDocument::fromJson(answer.body).object().value(name).toInt(-1);
    }

    // A stored environment whose server is the sandbox, as the app's own Local sandbox is kept.
    QString addLocalSandbox(Fixture &fixture, bool running)
    {
        core::AccountRecord account;
        account.label = u"Local sandbox"_s;
        account.embeddedSandbox = true;
        core::EnvironmentRecord env;
        env.id = core::AccountStore::newId();
        env.name = u"Local sandbox"_s;
        env.url = *core::CloudinaryUrl::parse(u"cloudinary://111111@alpha"_s);
        env.embeddedSandbox = true;
        std::optional<bool> ok;
        fixture.store->addAccount(account, {{env, QString()}}, {}, fixture.store.get(),
                                  [&ok](core::Result<core::Done> result) { ok = result.ok(); });
        if (!QTest::qWaitFor([&ok] { return ok.has_value(); }, kTimeout) || !*ok)
            return {};
        if (running) {
            const auto url = core::CloudinaryUrl::parse(m_sandbox.cloudinaryUrls().at(0));
            fixture.store->setRuntimeEnvironment(env.id, *url,
                                                 std::make_shared<core::FixedSecret>(url->apiSecret()));
        }
        return env.id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        STRATUS_REQUIRE_HEADLESS_SESSION();
        QString error;
        QVERIFY2(
            m_sandbox.start({u"--environment"_s, u"cloudinary://111111:alpha-secret-1@alpha?name=Alpha"_s,
                             u"--user"_s, u"%1:%2@alpha"_s.arg(kEmail, kPassword)},
                            1, false, &error),
            qPrintable(error));
        QDesktopServices::setUrlHandler(u"http"_s, &m_browser, "open");
    }

    void cleanupTestCase() { QDesktopServices::unsetUrlHandler(u"http"_s); }

    void init() { m_browser.opened.clear(); }

    void signingInComesFirst()
    {
        Fixture fixture;
        AddEnvironmentDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.setOAuthConfig(sandboxConfig());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *tabs = child<QTabWidget>(&dialog, u"methodTabs"_s);
        QCOMPARE(tabs->currentIndex(), 0);
        QVERIFY(qobject_cast<SignInPage *>(tabs->currentWidget()));
        auto *signIn = child<QPushButton>(&dialog, u"signInButton"_s);
        QVERIFY(signIn->isVisible() && signIn->isEnabled());
        QVERIFY(signIn->isDefault());
        QVERIFY2(child<QLabel>(&dialog, u"signInIntro"_s)->text().contains(u"your role cannot see them"_s),
                 qPrintable(child<QLabel>(&dialog, u"signInIntro"_s)->text()));
        // Nothing to add by hand on this page: no Add, no name, no account.
        QVERIFY(!child<QPushButton>(&dialog, u"addButton"_s)->isVisible());
        QVERIFY(!child<QGroupBox>(&dialog, u"saveGroup"_s)->isVisible());
        QVERIFY(!child<QWidget>(&dialog, u"sandboxSignInBox"_s)->isVisible());
        QVERIFY(!child<QPushButton>(&dialog, u"useApiKeysButton"_s)->isVisible());
        saveShot(&dialog, u"add-account-first-page"_s);
        // The API keys are the second way, as before.
        tabs->setCurrentIndex(1);
        QVERIFY(child<QPushButton>(&dialog, u"addButton"_s)->isVisible());
        QVERIFY(child<QGroupBox>(&dialog, u"saveGroup"_s)->isVisible());
    }

    void aBuildWithoutClientIdSaysSo()
    {
        Fixture fixture;
        AddEnvironmentDialog dialog(fixture.store.get(), m_sandbox.network());
        core::OAuthConfig none = sandboxConfig();
        none.clientId.clear();
        dialog.setOAuthConfig(none);
        dialog.show();
        auto *signIn = child<QPushButton>(&dialog, u"signInButton"_s);
        QVERIFY(!signIn->isEnabled());
        QCOMPARE(signIn->text(), u"Sign in with Cloudinary is not available in this build"_s);
        auto *why = child<QLabel>(&dialog, u"signInUnavailableLabel"_s);
        QVERIFY(why->isVisible());
        QVERIFY2(why->text().contains(u"API key"_s), qPrintable(why->text()));
        signIn->click();
        QVERIFY(m_browser.opened.isEmpty());
        saveShot(&dialog, u"add-account-no-client-id"_s);
        // The keys are there to use, one button away.
        auto *keys = child<QPushButton>(&dialog, u"useApiKeysButton"_s);
        QVERIFY(keys->isVisible() && keys->isDefault());
        keys->click();
        QCOMPARE(child<QTabWidget>(&dialog, u"methodTabs"_s)->currentWidget(),
                 child<QWidget>(&dialog, u"urlPage"_s));
    }

    void theLocalSandboxIsOfferedWhileItRuns()
    {
        Fixture fixture;
        const QString stopped = addLocalSandbox(fixture, false);
        QVERIFY(!stopped.isEmpty());
        AddEnvironmentDialog dialog(fixture.store.get(), m_sandbox.network());
        core::OAuthConfig none = sandboxConfig();
        none.clientId.clear();
        dialog.setOAuthConfig(none);
        dialog.show();
        auto *box = child<QWidget>(&dialog, u"sandboxSignInBox"_s);
        QVERIFY(!box->isVisible());
        // It starts while the dialog is open.
        const auto url = core::CloudinaryUrl::parse(m_sandbox.cloudinaryUrls().at(0));
        fixture.store->setRuntimeEnvironment(stopped, *url,
                                             std::make_shared<core::FixedSecret>(url->apiSecret()));
        QTRY_VERIFY(box->isVisible());
        // The only way that works is the default.
        auto *sandboxButton = child<QPushButton>(&dialog, u"sandboxSignInButton"_s);
        QVERIFY(sandboxButton->isDefault());
        saveShot(&dialog, u"add-account-local-sandbox"_s);
        sandboxButton->click();
        const QUrl authorize = waitForBrowser(1);
        QCOMPARE(authorize.adjusted(QUrl::RemoveQuery),
                 m_sandbox.baseUrl().resolved(QUrl(u"/oauth2/auth"_s)));
        QCOMPARE(QUrlQuery(authorize).queryItemValue(u"client_id"_s), core::OAuthConfig::sandboxClientId());
        QCOMPARE(shownState(&dialog), u"signInWaiting"_s);
        child<QPushButton>(&dialog, u"cancelSignInButton"_s)->click();
        QCOMPARE(shownState(&dialog), u"signInStart"_s);
    }

    void theWaitingPageOffersTheLinkAndCancels()
    {
        Fixture fixture;
        AddEnvironmentDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.setOAuthConfig(sandboxConfig());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        child<QPushButton>(&dialog, u"signInButton"_s)->click();
        const QUrl authorize = waitForBrowser(1);
        QVERIFY(authorize.isValid());
        const QUrlQuery query(authorize);
        QCOMPARE(query.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
        QVERIFY(!query.queryItemValue(u"state"_s).isEmpty());
        const QUrl redirect(query.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded));
        QCOMPARE(redirect.host(), u"127.0.0.1"_s);

        QCOMPARE(shownState(&dialog), u"signInWaiting"_s);
        QVERIFY(dialog.isBusy());
        QCOMPARE(child<QLabel>(&dialog, u"waitingHeading"_s)->text(), u"Waiting for your browser…"_s);
        // The other ways wait while the browser is out.
        QVERIFY(!child<QTabWidget>(&dialog, u"methodTabs"_s)->tabBar()->isEnabled());
        auto *link = child<QLineEdit>(&dialog, u"signInLinkEdit"_s);
        QVERIFY(link->isReadOnly());
        QCOMPARE(QUrl(link->text()), authorize);
        saveShot(&dialog, u"sign-in-waiting"_s);

        child<QPushButton>(&dialog, u"copyLinkButton"_s)->click();
        QCOMPARE(QUrl(QGuiApplication::clipboard()->text()), authorize);
        child<QPushButton>(&dialog, u"openBrowserButton"_s)->click();
        QCOMPARE(waitForBrowser(2), authorize);
        // Keyboard: the buttons are reachable, Cancel has the focus.
        QVERIFY(dialog.focusWidget() == child<QPushButton>(&dialog, u"cancelSignInButton"_s));

        // Escape cancels the sign-in, not the dialog; the redirect is no longer listened to.
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(shownState(&dialog), u"signInStart"_s);
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.isBusy());
        QVERIFY(child<QTabWidget>(&dialog, u"methodTabs"_s)->tabBar()->isEnabled());
        QTRY_VERIFY(!request("GET", redirect).error.isEmpty());
        QVERIFY(fixture.store->environments().isEmpty());
    }

    void aDeniedConsentIsShownWithTryAgain()
    {
        Fixture fixture;
        AddEnvironmentDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.setOAuthConfig(sandboxConfig());
        dialog.show();
        child<QPushButton>(&dialog, u"signInButton"_s)->click();
        const QUrl loopback = consent(waitForBrowser(1), u"deny"_s);
        QVERIFY(loopback.isValid());
        QCOMPARE(QUrlQuery(loopback).queryItemValue(u"error"_s), u"access_denied"_s);
        const QByteArray page = comeBack(loopback);
        QVERIFY2(page.contains("Go back to Stratus"), page.constData());
        QTRY_COMPARE_WITH_TIMEOUT(shownState(&dialog), u"signInFailed"_s, kTimeout);
        const QString words = child<QLabel>(&dialog, u"signInFailureLabel"_s)->text();
        QVERIFY2(words.contains(u"Access was denied in the browser"_s), qPrintable(words));
        auto *again = child<QPushButton>(&dialog, u"tryAgainButton"_s);
        QVERIFY(again->isVisible());
        QVERIFY(dialog.focusWidget() == again);
        saveShot(&dialog, u"sign-in-denied"_s);
        QVERIFY(fixture.store->environments().isEmpty());

        // Try Again: a new sign-in (another state), in the browser again.
        again->click();
        const QUrl second = waitForBrowser(2);
        QVERIFY(second.isValid());
        QVERIFY(QUrlQuery(second).queryItemValue(u"state"_s)
                != QUrlQuery(loopback).queryItemValue(u"state"_s));
        QCOMPARE(shownState(&dialog), u"signInWaiting"_s);
        dialog.reject();
        QCOMPARE(shownState(&dialog), u"signInStart"_s);
    }

    void signingInAddsATokenEnvironmentThenLogsOutAndIn()
    {
        Fixture fixture;
        AddEnvironmentDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.setOAuthConfig(sandboxConfig());
        QSignalSpy added(&dialog, &AddEnvironmentDialog::environmentsAdded);
        dialog.show();
        child<QPushButton>(&dialog, u"signInButton"_s)->click();
        const QUrl authorize = waitForBrowser(1);
        const QString state = QUrlQuery(authorize).queryItemValue(u"state"_s, QUrl::FullyDecoded);
        const QUrl loopback = consent(authorize, u"allow"_s);
        QVERIFY(loopback.isValid());
        const QByteArray page = comeBack(loopback);
        QVERIFY2(page.contains("You are signed in"), page.constData());
        QVERIFY2(added.wait(kTimeout) || added.size() == 1,
                 qPrintable(child<QLabel>(&dialog, u"signInFailureLabel"_s)->text()));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        // One environment, named after its cloud, in an account of the person who signed in.
        QCOMPARE(fixture.store->environments().size(), 1);
        const core::EnvironmentRecord env = fixture.store->environments().first();
        QCOMPARE(added.first().first().toStringList(), QStringList {env.id});
        QCOMPARE(env.name, u"alpha"_s);
        QVERIFY(env.usesToken());
        QVERIFY(env.apiKey().isEmpty());
        QCOMPARE(QUrl(env.url.uploadPrefix()).port(), m_sandbox.baseUrl().port());
        QVERIFY(env.checkedAt.isValid()); // the connection test ran, with the token
        QCOMPARE(fixture.store->account(env.accountId)->label, kEmail);

        // The tokens are in the keychain, and nowhere in accounts.ini.
        const auto stored = fixture.read(env.secretKey());
        QVERIFY(stored && stored->ok());
        const auto tokens = core::TokenPair::fromStoredText(stored->value());
        QVERIFY(tokens.ok());
        QVERIFY(!tokens->accessToken.isEmpty());
        QVERIFY(!tokens->refreshToken.isEmpty());
        QCOMPARE(core::readAccessTokenClaims(tokens->accessToken)->cloudName, u"alpha"_s);
        const QByteArray settings = fixture.settingsText();
        QVERIFY(settings.contains("credential=token"));
        QVERIFY(!settings.contains(tokens->accessToken.toUtf8()));
        QVERIFY(!settings.contains(tokens->refreshToken.toUtf8()));
        QVERIFY(!settings.contains(state.toUtf8()));
        QVERIFY(!QGuiApplication::clipboard()->text().contains(tokens->accessToken));
        // Nor in any other file Stratus wrote (catalogue, caches, logs), nor in the dialog's fields.
        QDirIterator files(fixture.dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            QVERIFY2(!content.contains(tokens->accessToken.toUtf8())
                         && !content.contains(tokens->refreshToken.toUtf8()),
                     qPrintable(file.fileName()));
        }
        for (const QLineEdit *edit : dialog.findChildren<QLineEdit *>())
            QVERIFY(!edit->text().contains(tokens->accessToken)
                    && !edit->text().contains(tokens->refreshToken));

        // The accounts dialog says how it is signed in.
        AccountsDialog accounts(fixture.store.get(), m_sandbox.network());
        accounts.setOAuthConfig(sandboxConfig());
        accounts.show();
        auto *tree = child<QTreeWidget>(&accounts, u"accountTree"_s);
        QTRY_COMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->child(0)->text(4), u"Signed in with Cloudinary"_s);
        accounts.selectEnvironment(env.id);
        QVERIFY(child<QLabel>(&accounts, u"detailsLabel"_s)->text().contains(u"Signed in with Cloudinary"_s));
        saveShot(&accounts, u"accounts-token-environment"_s);

        // Log Out ends the sign-in at the server and takes the tokens out of the keychain.
        const int revocations = stat(u"revocations"_s);
        accounts.selectAccount(env.accountId);
        child<QPushButton>(&accounts, u"logOutButton"_s)->click();
        QMessageBox *box = nullptr;
        QVERIFY(QTest::qWaitFor([&] { return (box = accounts.findChild<QMessageBox *>(u"confirmLogOut"_s)); },
                                kTimeout));
        QVERIFY2(box->text().contains(u"ends its sign-in"_s), qPrintable(box->text()));
        box->findChild<QPushButton *>(u"confirmButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!fixture.store->account(env.accountId)->loggedIn, kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(&accounts, u"statusLabel"_s)->text().contains(u"Logged out"_s),
                                 kTimeout);
        QVERIFY(stat(u"revocations"_s) > revocations);
        const auto gone = fixture.read(env.secretKey());
        QVERIFY(gone && !gone->ok() && gone->error().kind == core::Error::Kind::NotFound);
        // The revoked refresh token no longer works.
        const Answer refused = request("POST", m_sandbox.baseUrl().resolved(QUrl(u"/oauth2/token"_s)),
                                       {{u"grant_type"_s, u"refresh_token"_s},
                                        {u"refresh_token"_s, tokens->refreshToken},
                                        {u"client_id"_s, core::OAuthConfig::sandboxClientId()}});
        QVERIFY2(refused.status >= 400, refused.body.constData());

        // Log In signs in again in the browser.
        const int opened = int(m_browser.opened.size());
        child<QPushButton>(&accounts, u"logInButton"_s)->click();
        SignInDialog *signIn = nullptr;
        QVERIFY(QTest::qWaitFor([&] { return (signIn = accounts.findChild<SignInDialog *>()) != nullptr; },
                                kTimeout));
        const QUrl again = waitForBrowser(opened + 1);
        QVERIFY(again.isValid());
        // The person who signed in before is expected again.
        QCOMPARE(QUrlQuery(again).queryItemValue(u"login_hint"_s, QUrl::FullyDecoded), kEmail);
        QCOMPARE(shownState(signIn), u"signInWaiting"_s);
        saveShot(signIn, u"log-in-waiting"_s);
        QVERIFY(comeBack(consent(again, u"allow"_s)).contains("You are signed in"));
        QTRY_VERIFY_WITH_TIMEOUT(fixture.store->account(env.accountId)->loggedIn, kTimeout);
        const auto renewed = fixture.read(env.secretKey());
        QVERIFY(renewed && renewed->ok());
        const auto newTokens = core::TokenPair::fromStoredText(renewed->value());
        QVERIFY(newTokens.ok());
        QVERIFY(newTokens->refreshToken != tokens->refreshToken);
        QTRY_VERIFY(child<QLabel>(&accounts, u"statusLabel"_s)->text().contains(u"Logged in"_s));
    }

    void anEndedSignInIsSignedInAgainFromThePage()
    {
        QTemporaryDir dir;
        auto secrets = std::make_shared<core::MemorySecretStore>();
        core::AccountStore store(secrets, core::StorageLayout::under(dir.path()));
        gui::Preferences preferences(dir.filePath(u"stratus.conf"_s));
        // A sign-in the server no longer knows (revoked elsewhere): its access token is refused, and
        // so is its refresh token.
        const QString base = m_sandbox.baseUrl().adjusted(QUrl::RemovePath).toString();
        core::TokenPair ended;
        ended.accessToken = u"not-a-token-the-sandbox-issued"_s;
        ended.refreshToken = u"not-a-refresh-token-either"_s;
        ended.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
        ended.tokenUrl = QUrl(base + u"/oauth2/token"_s);
        ended.revokeUrl = QUrl(base + u"/oauth2/revoke"_s);
        ended.clientId = core::OAuthConfig::sandboxClientId();
        core::AccountRecord account;
        account.label = kEmail;
        core::EnvironmentRecord env;
        env.name = u"alpha"_s;
        env.credential = core::CredentialKind::AccessToken;
        env.url
            = core::CloudinaryUrl::parse(u"cloudinary://alpha?upload_prefix=%1&cname=%2&secure=false"_s.arg(
                                             base, m_sandbox.baseUrl().authority()))
                  .value();
        std::optional<bool> added;
        store.addAccount(account, {{env, ended.toStoredText()}}, QString(), &store,
                         [&](core::Result<core::Done> result) { added = result.ok(); });
        QTRY_VERIFY(added.has_value());
        QVERIFY(*added);
        const QString id = store.environments().constFirst().id;

        core::EnvironmentSession session(&store, id, m_sandbox.network());
        gui::EnvironmentPageServices services;
        services.store = &store;
        services.preferences = &preferences;
        gui::EnvironmentPage page(&session, services);
        page.show();
        session.refresh();
        auto *banner = page.findChild<gui::ErrorBanner *>(u"errorBanner"_s);
        QVERIFY(banner);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible() && banner->error(), kTimeout);
        QCOMPARE(banner->error()->reason, core::ErrorReason::SignInExpired);
        auto *remedy = banner->findChild<QPushButton *>(u"errorBannerRemedy"_s);
        QVERIFY(remedy->isVisible());
        QCOMPARE(remedy->text(), words::ErrorWords::remedyLabel(words::Remedy::SignInAgain));

        // Sign In Again: the browser, then the new tokens in the keychain, then the test again.
        QTest::mouseClick(remedy, Qt::LeftButton);
        const QUrl authorize = waitForBrowser(1);
        QVERIFY(authorize.isValid());
        QVERIFY(page.findChild<SignInDialog *>());
        QVERIFY(comeBack(consent(authorize, u"allow"_s)).contains("You are signed in"));
        QTRY_VERIFY_WITH_TIMEOUT(session.connection() == core::EnvironmentSession::Connection::Online,
                                 kTimeout);
        QString stored;
        secrets->read(u"environment/"_s + id, &store,
                      [&](core::Result<QString> read) { stored = read ? read.value() : QString(); });
        QTRY_VERIFY(!stored.isEmpty());
        const auto renewed = core::TokenPair::fromStoredText(stored);
        QVERIFY(renewed.ok());
        QVERIFY(renewed->accessToken != ended.accessToken);
        QCOMPARE(core::readAccessTokenClaims(renewed->accessToken)->cloudName, u"alpha"_s);
        QTRY_VERIFY(!banner->isVisible());
    }

    void signingInAsSomeoneElseIsRefused()
    {
        // Sign In Again for an environment of another cloud: the tokens are for alpha, not for it.
        const auto url = core::CloudinaryUrl::parse(
            u"cloudinary://beta?upload_prefix=%1"_s.arg(m_sandbox.baseUrl().toString(QUrl::RemovePath)));
        QVERIFY(url.ok());
        bool stored = false;
        SignInDialog dialog(
            m_sandbox.network(), SignInDialog::configFor(*url, core::OAuthConfig {}), u"beta"_s,
            [&stored](const core::TokenPair &, std::function<void(core::Result<core::Done>)> done) {
                stored = true;
                done(core::Done {});
            });
        dialog.show();
        dialog.start();
        const QUrl authorize = waitForBrowser(1);
        QCOMPARE(QUrlQuery(authorize).queryItemValue(u"client_id"_s), core::OAuthConfig::sandboxClientId());
        QVERIFY(comeBack(consent(authorize, u"allow"_s)).contains("You are signed in"));
        QTRY_COMPARE_WITH_TIMEOUT(shownState(&dialog), u"signInFailed"_s, kTimeout);
        const QString words = child<QLabel>(&dialog, u"signInFailureLabel"_s)->text();
        QVERIFY2(words.contains(u"alpha"_s) && words.contains(u"beta"_s), qPrintable(words));
        QVERIFY(!stored);
        // Escape closes this dialog.
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }
};

QTEST_MAIN(TestSignIn)
#include "tst_signin.moc"
