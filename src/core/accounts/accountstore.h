#pragma once

#include "accounts.h"
#include "accountsfile.h"
#include "secretstore.h"

#include "core/storage/storagelayout.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace stratus::core {

class SecretSource;

/// The accounts and product environments Stratus knows, shared by the app and stratus-cli.
///
/// Everything but secrets lives in a versioned INI file (StorageLayout::settingsFile); secrets live in a
/// SecretStore (the keychain) under keys scoped to the account and environment, and the file keeps
/// an index of the keys written so that log out and removal leave nothing behind in it, and the
/// StorageLayout it is given says which files of an account and its environments to delete then. Changes that
/// involve a secret write the secret first and the file second, and undo the secret when the file
/// cannot be written: nothing is ever saved half-way. An entry of the file that cannot be used is
/// reported (problems()) and written back unchanged by every save, never dropped. GUI (or main)
/// thread only.
class AccountStore : public QObject
{
    Q_OBJECT
public:
    static constexpr int kFormatVersion = 1;

    using DoneCallback = SecretStore::DoneCallback;

    AccountStore(std::shared_ptr<SecretStore> secrets, StorageLayout layout, QObject *parent = nullptr);
    ~AccountStore() override;

    /// (Re)reads the file. Fails for a file written by a newer Stratus or one that cannot be read
    /// (then nothing is written until it is fixed). Damaged entries do not make it fail: they are
    /// set aside, kept, and listed in problems().
    Result<Done> load();

    /// What load() found wrong in the file: damaged entries (set aside, kept as they are) and array
    /// sizes that disagree with the entries (fixed by the next save). Empty for a sound file.
    [[nodiscard]] const QList<SettingsProblem> &problems() const { return m_problems; }
    /// The damaged environment entry stored under `name`, or null: such a name is taken, and a
    /// command that asks for it is told why it cannot have it.
    [[nodiscard]] const SettingsProblem *damagedEnvironment(const QString &name) const;
    /// The damaged environment entry the stored current environment is, or null.
    [[nodiscard]] const SettingsProblem *damagedCurrent() const;

    [[nodiscard]] const QList<AccountRecord> &accounts() const { return m_accounts; }
    [[nodiscard]] const QList<EnvironmentRecord> &environments() const { return m_environments; }
    /// The environments of logged-in accounts, grouped by account in the order they were added:
    /// what the switcher offers (and Ctrl+Alt+1…9 numbers).
    [[nodiscard]] QList<EnvironmentRecord> activeEnvironments() const;
    [[nodiscard]] QList<EnvironmentRecord> environmentsOf(const QString &accountId) const;
    [[nodiscard]] const EnvironmentRecord *environment(const QString &id) const;
    [[nodiscard]] const EnvironmentRecord *environmentByName(const QString &name) const;
    [[nodiscard]] const AccountRecord *account(const QString &id) const;
    [[nodiscard]] const AccountRecord *accountByLabel(const QString &label) const;

    /// The environment chosen last (app or `stratus-cli env use`); empty when none, or when its
    /// entry is damaged (damagedCurrent()).
    [[nodiscard]] QString currentEnvironmentId() const;
    Result<Done> setCurrentEnvironment(const QString &id);

    /// Adds an account with its environments (each with its API secret) and, optionally, its
    /// provisioning secret. Names must be free and non-empty.
    void addAccount(AccountRecord account, QList<std::pair<EnvironmentRecord, QString>> environments,
                    QString provisioningSecret, QObject *context, DoneCallback done);
    /// Adds an environment with its secret to an existing account.
    void addEnvironment(EnvironmentRecord environment, QString secret, QObject *context, DoneCallback done);
    /// Replaces an environment's secret (a rotated key pair, or after log out).
    void replaceSecret(const QString &environmentId, QString secret, QObject *context, DoneCallback done);
    /// Removes an environment, its secret and every file it left (StorageLayout::removeEnvironmentData:
    /// catalogue, upload journal, caches, token metadata); an account left without environments goes
    /// too, as by removeAccount().
    void removeEnvironment(const QString &id, QObject *context, DoneCallback done);
    /// Removes an account, its environments, their secrets and every file they left: the
    /// environments' as removeEnvironment() deletes them, and the account's web profile.
    void removeAccount(const QString &id, QObject *context, DoneCallback done);
    /// Takes the account's secrets out of the keychain, deletes every file it and its environments
    /// left (as removeAccount() does: a logged-out account keeps no copy of its assets' data), and
    /// hides its environments from the switcher until logIn(). The records stay, so that logging in
    /// again only asks for the secrets; the catalogue is then synced afresh.
    void logOut(const QString &accountId, QObject *context, DoneCallback done);
    /// Stores the secrets again (environment id → secret) and shows the account's environments.
    void logIn(const QString &accountId, QHash<QString, QString> secrets, QString provisioningSecret,
               QObject *context, DoneCallback done);

    /// Names and labels must pass checkName() and be free (damaged entries' names count).
    Result<Done> setAccountLabel(const QString &id, const QString &label);
    Result<Done> renameEnvironment(const QString &id, const QString &name);
    /// The account's console e-mail (AccountRecord::consoleEmail), trimmed; empty forgets it. Refused
    /// (InvalidInput) unless it looks like an address: one '@' with text on both sides, no spaces or
    /// control characters, at most 254 characters.
    Result<Done> setConsoleEmail(const QString &id, const QString &email);
    /// Lets (or no longer lets) the environment's credentials go over plain http to another
    /// computer; the person's explicit choice, made where they are warned.
    Result<Done> setInsecureTransportAllowed(const QString &id, bool allowed);
    /// Stores what a connection test learnt (folder mode, denied features, checkedAt); the id, name,
    /// account and URL of the stored record stay.
    Result<Done> updateCheck(const EnvironmentRecord &checked);

    /// The URL to call an environment with (no secret): the stored one, or for the embedded
    /// sandbox the one set at run time by setRuntimeEnvironment(). Empty when unknown.
    [[nodiscard]] CloudinaryUrl effectiveUrl(const QString &environmentId) const;
    /// For an environment whose server lives in this process (the app's "Local sandbox"): the URL
    /// with the port chosen at start-up, and a secret held in memory only. Never written anywhere.
    void setRuntimeEnvironment(const QString &environmentId, const CloudinaryUrl &url,
                               std::shared_ptr<const SecretSource> secret);
    [[nodiscard]] bool isRuntimeAvailable(const QString &environmentId) const;

    /// Where the environment's jobs fetch its API secret: the keychain, at the time they need it
    /// (the in-memory one for a runtime environment).
    [[nodiscard]] std::shared_ptr<const SecretSource> secretSource(const QString &environmentId) const;
    [[nodiscard]] std::shared_ptr<const SecretSource>
    provisioningSecretSource(const QString &accountId) const;
    [[nodiscard]] std::shared_ptr<SecretStore> secretStore() const { return m_secrets; }
    /// The network token environments refresh their sign-in over (not owned; the composition root
    /// sets it once). Without it a token that expires cannot be renewed.
    void setNetwork(QNetworkAccessManager *network) { m_network = network; }
    [[nodiscard]] QNetworkAccessManager *network() const { return m_network; }

    /// Where every account's and environment's files are: what EnvironmentSession opens, and what
    /// removal and log out delete.
    [[nodiscard]] const StorageLayout &layout() const { return m_layout; }
    /// The keychain keys Stratus has written and not yet removed.
    [[nodiscard]] QStringList secretKeys() const { return m_secretKeys; }

    [[nodiscard]] static QString newId();

Q_SIGNALS:
    /// The accounts or environments changed and were saved. Removal and log out emit it before they
    /// delete the files of what went: a listener that holds an environment's files open (the app's
    /// EnvironmentSession: catalogue, journal) must let them go before it returns, when the
    /// environment is no longer among activeEnvironments().
    void changed();
    /// After logOut() removed the account's secrets: drop its sessions and web views.
    void accountLoggedOut(const QString &accountId);

private:
    struct State
    {
        QList<AccountRecord> accounts;
        QList<EnvironmentRecord> environments;
        QString currentId;
        QStringList secretKeys;
    };

    [[nodiscard]] State state() const;
    [[nodiscard]] const SettingsProblem *damagedEnvironmentWithId(const QString &id) const;
    Result<Done> save(const State &next);
    Result<Done> validateNewNames(const QList<std::pair<EnvironmentRecord, QString>> &environments) const;
    /// Writes `entries` (key → secret) one after the other; on a failure removes those written and
    /// answers with the error.
    void writeSecrets(QList<std::pair<QString, QString>> entries, QObject *context, DoneCallback done);
    void writeSecretsFrom(QList<std::pair<QString, QString>> entries, QStringList written, QObject *context,
                          DoneCallback done);
    void removeSecrets(QStringList keys, QObject *context, DoneCallback done);
    /// A change of the state, applied to the state as it is once the keychain has answered (other
    /// changes may have been saved meanwhile).
    using Change = std::function<void(State &)>;
    /// `done`, called only while `context` lives (the work itself is finished either way).
    [[nodiscard]] static DoneCallback answerWhileAlive(QObject *context, DoneCallback done);
    static void addKeys(State &state, const QStringList &keys);
    /// writeSecrets(), then (unless it failed) finishWith().
    void writeThenSave(QList<std::pair<QString, QString>> secrets, Change change, QObject *context,
                       DoneCallback done, QStringList undoKeys);
    void finishWith(const Change &change, const DoneCallback &answer, const QStringList &undoKeys);
    void deleteLocalData(const QString &accountId, const QList<EnvironmentRecord> &environments);

    std::shared_ptr<SecretStore> m_secrets;
    QPointer<QNetworkAccessManager> m_network;
    StorageLayout m_layout;
    QList<AccountRecord> m_accounts;
    QList<EnvironmentRecord> m_environments;
    QString m_currentId; ///< as stored: may be a damaged entry's id
    QStringList m_secretKeys;
    struct Runtime
    {
        CloudinaryUrl url;
        std::shared_ptr<const SecretSource> secret;
    };
    QHash<QString, Runtime> m_runtime;
    QList<KeptSettings> m_kept; ///< damaged entries and unknown settings, written back as they were
    ExtraSettings m_accountExtras; ///< unknown keys of used entries, by id, written back with them
    ExtraSettings m_environmentExtras;
    QList<SettingsProblem> m_problems;
    std::optional<Error> m_loadError; ///< set: the file is from a newer Stratus or unreadable; never write it
};

} // namespace stratus::core
