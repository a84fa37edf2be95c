#pragma once

#include "core/auth/oauthconfig.h"
#include "core/auth/tokenpair.h"
#include "core/util/result.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;
class QStackedWidget;

namespace stratus::core {
class OAuthSignIn;
}

namespace stratus::gui {

/// "Sign in with Cloudinary" as a page of a dialog (Add Account's first way, Log In and Sign In
/// Again of an environment signed in that way). Four states, one shown at a time:
///
/// - start: a prominent button with one line on what happens (the browser opens; for people whose
///   role cannot see API keys), or, in a build without a client ID, the disabled button and why;
///   and "Sign In to the Local Sandbox" while the app's own sandbox runs;
/// - waiting: "Waiting for your browser…", the authorize link to copy or open again (for when no
///   browser opened) and Cancel;
/// - working: "Finishing sign-in…", then whatever the dialog says it does with the tokens
///   (showProgress(): testing, saving);
/// - failed: what went wrong (words::ErrorWords through ErrorPresenter, or the dialog's words) and
///   Try Again.
///
/// It runs one core::OAuthSignIn at a time and hands the tokens to its dialog (signedIn()), which
/// tests and stores them and tells the page how that went. The tokens pass through, never shown.
/// Owned by its dialog; the network must outlive it. GUI thread.
class SignInPage : public QWidget
{
    Q_OBJECT

public:
    explicit SignInPage(QNetworkAccessManager *network, QWidget *parent = nullptr);
    ~SignInPage() override;

    /// The ways the start page offers: Cloudinary's (from the build and the preferences; a config
    /// that cannot sign in shows why) and the Local sandbox's while it runs.
    void setConfigs(const core::OAuthConfig &cloudinary,
                    const std::optional<core::OAuthConfig> &localSandbox);
    /// The words above the buttons of the start page.
    void setIntro(const QString &text);
    /// Who is expected to sign in (an e-mail address), filled in on the login page; optional.
    void setLoginHint(const QString &hint) { m_loginHint = hint; }

    /// Starts signing in with `config`: opens the browser and waits for it.
    void begin(const core::OAuthConfig &config);
    /// Stops waiting (nothing is reported) and shows the start page again.
    void cancel();
    /// Waiting for the browser or for what the dialog does with the tokens.
    [[nodiscard]] bool isBusy() const;
    /// The config of the sign-in running or last run.
    [[nodiscard]] const core::OAuthConfig &currentConfig() const { return m_config; }
    /// The link the waiting page shows (empty before a sign-in started).
    [[nodiscard]] QUrl authorizeUrl() const { return m_authorizeUrl; }

    /// The dialog works with the tokens: the working state with `text`.
    void showProgress(const QString &text);
    /// Something went wrong: `richText` and Try Again (which begins again with the same config).
    void showFailure(const QString &richText);
    void showFailure(const core::Error &error);
    /// The start state.
    void showStart();

Q_SIGNALS:
    /// The browser came back and the tokens were fetched; the page shows "Finishing sign-in…" until
    /// the dialog says more.
    void signedIn(const stratus::core::TokenPair &tokens, const stratus::core::AccessTokenClaims &claims);
    /// isBusy() changed.
    void busyChanged(bool busy);
    /// "Use API Keys" (offered when this build cannot sign in): the dialog shows its API-key way.
    void apiKeysRequested();

private:
    enum State { Start, Waiting, Working, Failed };
    QWidget *buildStart();
    QWidget *buildWaiting();
    QWidget *buildWorking();
    QWidget *buildFailed();
    void setState(State state);
    void openBrowser();

    QPointer<QNetworkAccessManager> m_network;
    core::OAuthConfig m_cloudinary;
    std::optional<core::OAuthConfig> m_localSandbox;
    core::OAuthConfig m_config;
    QPointer<core::OAuthSignIn> m_signIn;
    QUrl m_authorizeUrl;
    QString m_loginHint;
    State m_state = Start;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_introLabel = nullptr;
    QPushButton *m_signInButton = nullptr;
    QLabel *m_unavailableLabel = nullptr;
    QPushButton *m_apiKeysButton = nullptr;
    QWidget *m_sandboxBox = nullptr;
    QPushButton *m_sandboxButton = nullptr;
    QLineEdit *m_linkEdit = nullptr;
    QLabel *m_browserStatusLabel = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QLabel *m_workingLabel = nullptr;
    QLabel *m_failureLabel = nullptr;
    QPushButton *m_tryAgainButton = nullptr;
};

} // namespace stratus::gui
