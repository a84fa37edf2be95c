#pragma once

#include "core/accounts/accounts.h"
#include "core/auth/oauthconfig.h"
#include "core/auth/tokenpair.h"
#include "core/util/result.h"

#include <QDialog>
#include <QPointer>

#include <memory>
#include <optional>

class QNetworkAccessManager;
class QPushButton;

namespace Ui {
class AddEnvironmentDialog;
}

namespace stratus::core {
class AccountStore;
}

namespace stratus::gui {

class CheckBatch;
class ProvisioningPage;
class SignInPage;

/// Accounts → Add…: first way, "Sign in with Cloudinary" (SignInPage: the system browser, OAuth with
/// PKCE; for people whose role cannot see API keys): the environment named in the token is tested
/// with the token, then saved as a new account whose keychain entry holds the tokens
/// (EnvironmentRecord::credential AccessToken), named after its cloud. A build without a client ID
/// says so there; the Local sandbox, while it runs, offers its own sign-in. The second way: adds one
/// product environment from a pasted CLOUDINARY_URL or from cloud name,
/// API key and secret, or several from an account's provisioning credentials, to a new account or
/// an existing one. Every environment is tested (core::EnvironmentCheck) before anything is saved;
/// the test shows a busy indicator and Cancel stops it. Only after every test passed does it call
/// AccountStore::addAccount / addEnvironment, whose failure (e.g. a locked keychain) is shown
/// with nothing saved half-way. Secrets go to the keychain only; the fields holding them are
/// cleared when the dialog closes. An address that would send the secret unencrypted to another
/// computer (an http upload_prefix that is not loopback) is explained in words and needs a tick,
/// which the environment keeps (EnvironmentRecord::allowInsecureTransport); names and labels must
/// pass core::checkName().
///
/// Created by AccountsDialog (or the main window) with the app's AccountStore and network, both
/// of which must outlive it; GUI thread. Accepted once the environments are saved.
class AddEnvironmentDialog : public QDialog
{
    Q_OBJECT

public:
    AddEnvironmentDialog(core::AccountStore *store, QNetworkAccessManager *network,
                         QWidget *parent = nullptr);
    ~AddEnvironmentDialog() override;

    /// Preselects the (logged-in) account to add to; an empty or unknown id: a new account.
    void setTargetAccount(const QString &accountId);
    /// Where "Sign in with Cloudinary" signs in (the build's, with the preferences' overrides;
    /// Preferences::oauthConfig()). Without it, the build's.
    void setOAuthConfig(const core::OAuthConfig &config);
    /// The environments saved, once accepted.
    [[nodiscard]] QStringList addedEnvironmentIds() const { return m_added; }
    /// A test, a listing or the saving is in progress.
    [[nodiscard]] bool isBusy() const;

    void done(int result) override;
    /// Cancel (and Esc) first stops a test in progress; the next one closes the dialog.
    void reject() override;

Q_SIGNALS:
    /// The environments were tested and saved; the dialog is about to close.
    void environmentsAdded(const QStringList &environmentIds);

private:
    struct Pending
    {
        core::EnvironmentRecord record;
        QString secret;
    };
    /// What "Sign in with Cloudinary" brought, while it is tested and saved.
    struct SignedIn
    {
        core::AccountRecord account;
        core::EnvironmentRecord record;
        core::TokenPair tokens;
    };
    struct Plan
    {
        core::AccountRecord account;
        bool newAccount = true;
        QList<Pending> environments;
        QString provisioningSecret;
    };

    [[nodiscard]] core::Result<Plan> makePlan() const;
    [[nodiscard]] core::Result<Pending> singleEnvironment() const;
    [[nodiscard]] QString enteredCloudName() const;
    /// The host the entered address would send the API secret to unencrypted (plain http, not this
    /// computer); empty when it would not.
    [[nodiscard]] QString insecureHost() const;
    void updateTransportWarning();
    [[nodiscard]] bool onProvisioningPage() const;
    [[nodiscard]] bool onSignInPage() const;
    /// The Local sandbox's authorization server while it runs in this app; none otherwise.
    [[nodiscard]] std::optional<core::OAuthConfig> localSandboxSignIn() const;
    void updateSignInWays();

    void onSignedIn(const core::TokenPair &tokens, const core::AccessTokenClaims &claims);
    void onSignInChecked(const CheckBatch &batch);
    void saveSignedIn();
    /// The sign-in's tokens are not kept: the server is told to forget them; `richText` on the page.
    void dropSignedIn(const QString &richText);

    void add();
    void onChecked(const CheckBatch &batch);
    void save();
    void saveInto(QList<Pending> remaining, QStringList added);
    void undoAndFail(QStringList added, const core::Error &error);
    void saved(const QStringList &environmentIds);
    void failed(const QString &richText);

    void setBusy(bool busy);
    void showStatus(const QString &richText, bool isError);
    void inputChanged();
    void updateForPage();
    void fillAccounts();
    void clearSecrets();

    std::unique_ptr<Ui::AddEnvironmentDialog> m_ui;
    core::AccountStore *m_store;
    QPointer<QNetworkAccessManager> m_network;
    ProvisioningPage *m_provisioning = nullptr;
    SignInPage *m_signIn = nullptr;
    core::OAuthConfig m_oauth;
    std::optional<SignedIn> m_signedIn; ///< being tested or saved; holds the tokens until then
    QPushButton *m_addButton = nullptr;
    QPointer<CheckBatch> m_batch;
    std::optional<Plan> m_plan; ///< being tested or saved; holds the secrets until then
    bool m_saving = false;
    bool m_acceptLimited = false; ///< the user saw the 403 explanation and may add anyway
    bool m_nameEdited = false;
    QString m_insecureHost; ///< what the warning and the tick are about now
    QStringList m_added;
};

} // namespace stratus::gui
