#pragma once

#include "core/accounts/accountstore.h"
#include "core/auth/oauthconfig.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QPushButton;
class QTreeWidgetItem;

namespace Ui {
class AccountsDialog;
}

namespace stratus::web {
class WebProfiles;
} // namespace stratus::web

namespace stratus::gui {

class CheckBatch;

/// Accounts…: the accounts and their product environments as a tree (label, cloud, folder mode,
/// logged in or out, credential: "Signed in with Cloudinary" or the API key; the app's embedded
/// sandbox as "Local sandbox (on this computer)") with the
/// actions on them, each a button with a keyboard shortcut: Add… (Ctrl+N), Edit Label (F2, inline),
/// Test Connection (Ctrl+T), Log Out… (Ctrl+Shift+L), Log In… (Ctrl+L), Remove… (Del). Log out and
/// removal are confirmed first; the embedded sandbox can be neither (its buttons are disabled and
/// say why). An account signed in with Cloudinary logs out by revoking its tokens at the server
/// (core::revokeAccountTokens) before they leave the keychain, and logs in by signing in again in the
/// browser (SignInDialog). Log Out and Remove of an account delete its web profile first (cookies and
/// storage of the embedded widgets); Console E-mail… keeps the address the Media Library signs in with.
///
/// Entries of accounts.ini that could not be read are listed above the tree, with why and that they
/// are kept. Names are shown escaped where they have characters that could break or disguise them;
/// an environment whose API is plain http on another computer says so, with a tick that allows it.
///
/// Created by the main window with the app's AccountStore and network, which must outlive it; GUI
/// thread. It follows AccountStore::changed(), so it may stay open while other parts change the
/// store. Nested dialogs and confirmations open window-modal (open()), never in a nested loop.
class AccountsDialog : public QDialog
{
    Q_OBJECT

public:
    AccountsDialog(core::AccountStore *store, QNetworkAccessManager *network, QWidget *parent = nullptr);
    ~AccountsDialog() override;

    /// Where "Sign in with Cloudinary" signs in (Preferences::oauthConfig()); the build's otherwise.
    void setOAuthConfig(const core::OAuthConfig &config) { m_oauth = config; }
    /// The accounts' web profiles (the embedded widgets' cookies and storage): Log Out and Remove of an
    /// account delete its profile first (WebProfiles::removeProfile), then change the store. Null: no
    /// profiles to delete (tests of the dialog alone).
    void setWebProfiles(web::WebProfiles *profiles);

    void selectAccount(const QString &accountId);
    void selectEnvironment(const QString &environmentId);

private:
    enum class Kind { Account, Environment };
    struct Selection
    {
        Kind kind;
        QString id;
        QString accountId;
    };

    [[nodiscard]] std::optional<Selection> selected() const;
    [[nodiscard]] QTreeWidgetItem *findItem(Kind kind, const QString &id) const;
    void rebuild();
    void updateActions();
    void showDetails();

    void addEnvironment();
    void editLabel();
    void labelEdited(QTreeWidgetItem *item, int column);
    void setInsecureTransportAllowed(bool allowed);
    void testConnection();
    void onTested(const CheckBatch &batch);
    void confirmLogOut();
    void logIn();
    /// Log In of an account signed in with Cloudinary: the browser again, for `env`.
    void signInAgain(const QString &accountId, const core::EnvironmentRecord &env);
    void confirmRemove();
    /// Deletes the account's web profile (closing its pages), then runs `next` with what went wrong
    /// (nothing when it is gone or there was none).
    void removeWebProfile(const QString &accountId, std::function<void(std::optional<core::Error>)> next);
    /// `storeChange` after the account's web profile is deleted; a profile that could not be deleted is
    /// said after the change's own words.
    void afterWebProfile(const QString &accountId, const QString &label,
                         std::function<void(core::AccountStore::DoneCallback)> storeChange,
                         core::AccountStore::DoneCallback done);
    /// Console E-mail…: asks for the account's console e-mail (the Media Library's automatic sign-in).
    void editConsoleEmail();
    /// Runs an AccountStore change (log out, remove) with the dialog busy, then says `success` or
    /// what went wrong.
    void storeCall(const QString &success, const std::function<void(core::AccountStore::DoneCallback)> &call);

    /// A window-modal question with `acceptText` and Cancel; `onAccept` runs if the user agrees.
    void confirm(const QString &name, const QString &title, const QString &text, const QString &acceptText,
                 std::function<void()> onAccept);
    void setBusy(bool busy);
    void showStatus(const QString &richText, bool isError);
    /// Offers `error`'s remedy under the status (words::ErrorWords): Retry runs `retry`, Re-enter
    /// Secret… asks for the secret of `environmentId` and tests it, Sign In Again… signs it in again
    /// in the browser and tests it; nothing for another remedy.
    void offerRemedy(const core::Error &error, const QString &environmentId, std::function<void()> retry);
    /// Asks for a new API secret of the environment, stores it and tests the connection again.
    void reenterSecret(const QString &environmentId);
    /// "Sign In Again…" for an environment signed in with Cloudinary: the browser, the new tokens
    /// to the keychain (replaceSecret), then the connection tested again.
    void renewSignIn(const QString &environmentId);

    std::unique_ptr<Ui::AccountsDialog> m_ui;
    core::AccountStore *m_store;
    QPointer<QNetworkAccessManager> m_network;
    QPointer<CheckBatch> m_batch;
    QStringList m_testedIds; ///< the environments of the running test, in its order
    QHash<QString, QString> m_lastResults; ///< environment id → what its last test in this dialog said
    bool m_rebuilding = false;
    bool m_editing = false; ///< a label editor is open (edits start only through editLabel())
    bool m_rebuildPending = false; ///< the store changed while editing
    bool m_storeBusy = false;
    std::function<void()> m_remedy; ///< what the remedy button does now
    core::OAuthConfig m_oauth = core::OAuthConfig::fromBuild();
    QPointer<web::WebProfiles> m_profiles;
};

} // namespace stratus::gui
