#include "accountstore.h"

#include "core/net/neterror.h"
#include "core/net/secretsource.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <QSettings>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <utility>

using namespace Qt::StringLiterals;

namespace stratus::core {

Q_LOGGING_CATEGORY(lcAccounts, "stratus.core.accounts")

namespace {

// The keychain read behind an environment's jobs: asks the store every time a job needs the secret
// and keeps nothing.
class StoredSecret final : public SecretSource
{
public:
    StoredSecret(std::shared_ptr<SecretStore> store, QString key, InsecureTransport transport)
        : m_store(std::move(store))
        , m_key(std::move(key))
        , m_transport(transport)
    {
    }

    [[nodiscard]] InsecureTransport insecureTransport() const override { return m_transport; }

    void fetch(QObject *context, Callback done) const override
    {
        m_store->read(m_key, context, [done](Result<QString> secret) {
            if (!secret.ok() && secret.error().kind == Error::Kind::NotFound) {
                done(Error::because(Error::Kind::Auth, ErrorReason::SecretNotInKeychain));
                return;
            }
            if (secret.ok() && secret.value().isEmpty()) {
                done(Error::because(Error::Kind::Auth, ErrorReason::StoredSecretEmpty));
                return;
            }
            done(std::move(secret));
        });
    }

private:
    std::shared_ptr<SecretStore> m_store;
    QString m_key;
    InsecureTransport m_transport;
};

} // namespace

AccountStore::AccountStore(std::shared_ptr<SecretStore> secrets, StorageLayout layout, QObject *parent)
    : QObject(parent)
    , m_secrets(std::move(secrets))
    , m_layout(std::move(layout))
{
}

AccountStore::~AccountStore() = default;

QString AccountStore::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Result<Done> AccountStore::load()
{
    m_loadError.reset();
    m_accounts.clear();
    m_environments.clear();
    m_currentId.clear();
    m_secretKeys.clear();
    m_kept.clear();
    m_accountExtras.clear();
    m_environmentExtras.clear();
    m_problems.clear();

    if (!QFileInfo::exists(m_layout.settingsFile))
        return Done {};
    AccountsFileReader reader(m_layout.settingsFile);
    if (reader.error() || reader.settings().status() != QSettings::NoError) {
        // Whatever is in there must not be overwritten by what little could be read.
        m_loadError = reader.error().value_or(
            Error::because(Error::Kind::Io, ErrorReason::SettingsFileUnreadable, m_layout.settingsFile));
        return *m_loadError;
    }
    QSettings &settings = reader.settings();
    const int version = settings.value(u"version"_s, 0).toInt();
    if (version > kFormatVersion) {
        m_loadError = Error::because(Error::Kind::InvalidInput, ErrorReason::SettingsFileFromNewerVersion,
                                     m_layout.settingsFile);
        return *m_loadError;
    }

    AccountsFileContents contents = readAccountsFile(settings);
    m_accounts = std::move(contents.accounts);
    m_environments = std::move(contents.environments);
    m_secretKeys = std::move(contents.secretKeys);
    m_kept = std::move(contents.kept);
    m_accountExtras = std::move(contents.accountExtras);
    m_environmentExtras = std::move(contents.environmentExtras);
    m_problems = std::move(contents.problems);
    for (const SettingsProblem &problem : std::as_const(m_problems))
        qCWarning(lcAccounts).noquote() << m_layout.settingsFile << problem.location() << problem.reason();
    // A current environment whose entry is damaged stays current (and in the file): it is what the
    // person chose, and front ends say why it cannot be used rather than quietly using another.
    m_currentId = contents.currentId;
    if (!environment(m_currentId) && !damagedEnvironmentWithId(m_currentId))
        m_currentId.clear();
    return Done {};
}

AccountStore::State AccountStore::state() const
{
    return State {m_accounts, m_environments, m_currentId, m_secretKeys};
}

Result<Done> AccountStore::save(const State &next)
{
    if (m_loadError)
        return *m_loadError;
    QDir().mkpath(QFileInfo(m_layout.settingsFile).absolutePath());
    // Written whole to a new file that then takes the old one's place: QSettings never parses the
    // old file (see withoutTypedValues()), and a crash half-way leaves the old file as it was.
    const QString written = m_layout.settingsFile + u".new"_s;
    QFile::remove(written);
    bool ok = false;
    {
        QSettings settings(written, QSettings::IniFormat);
        writeAccountsFile(settings, kFormatVersion,
                          AccountsFileContents {next.accounts,
                                                next.environments,
                                                next.currentId,
                                                next.secretKeys,
                                                m_kept,
                                                m_accountExtras,
                                                m_environmentExtras,
                                                {}});
        settings.sync();
        ok = settings.status() == QSettings::NoError;
    }
    ok = ok && QFile::setPermissions(written, QFile::ReadOwner | QFile::WriteOwner)
        && ::rename(QFile::encodeName(written).constData(),
                    QFile::encodeName(m_layout.settingsFile).constData())
            == 0;
    if (!ok) {
        QFile::remove(written);
        return Error::because(Error::Kind::Io, ErrorReason::SettingsFileUnwritable, m_layout.settingsFile);
    }

    m_accounts = next.accounts;
    m_environments = next.environments;
    m_currentId = next.currentId;
    m_secretKeys = next.secretKeys;
    // The file's array sizes agree with its entries now; damaged entries are still there.
    m_problems.removeIf([](const SettingsProblem &problem) { return !problem.isDamagedEntry(); });
    Q_EMIT changed();
    return Done {};
}

QList<EnvironmentRecord> AccountStore::activeEnvironments() const
{
    QList<EnvironmentRecord> result;
    for (const AccountRecord &account : m_accounts) {
        if (account.loggedIn)
            result.append(environmentsOf(account.id));
    }
    return result;
}

QList<EnvironmentRecord> AccountStore::environmentsOf(const QString &accountId) const
{
    QList<EnvironmentRecord> result;
    for (const EnvironmentRecord &env : m_environments) {
        if (env.accountId == accountId)
            result.append(env);
    }
    return result;
}

namespace {

// The first record whose `field` equals `value`, or null.
template<typename Record>
const Record *findBy(const QList<Record> &records, QString Record::*field, const QString &value)
{
    const auto it = std::find_if(records.cbegin(), records.cend(),
                                 [&](const Record &record) { return record.*field == value; });
    return it == records.cend() ? nullptr : &*it;
}

} // namespace

const EnvironmentRecord *AccountStore::environment(const QString &id) const
{
    return findBy(m_environments, &EnvironmentRecord::id, id);
}

const EnvironmentRecord *AccountStore::environmentByName(const QString &name) const
{
    return findBy(m_environments, &EnvironmentRecord::name, name);
}

const AccountRecord *AccountStore::account(const QString &id) const
{
    return findBy(m_accounts, &AccountRecord::id, id);
}

const AccountRecord *AccountStore::accountByLabel(const QString &label) const
{
    return findBy(m_accounts, &AccountRecord::label, label);
}

QString AccountStore::currentEnvironmentId() const
{
    return environment(m_currentId) ? m_currentId : QString();
}

const SettingsProblem *AccountStore::damagedEnvironment(const QString &name) const
{
    const auto it = std::find_if(m_problems.cbegin(), m_problems.cend(), [&](const SettingsProblem &problem) {
        return problem.isDamagedEntry() && problem.array == u"environments" && !name.isEmpty()
            && problem.name == name;
    });
    return it == m_problems.cend() ? nullptr : &*it;
}

const SettingsProblem *AccountStore::damagedEnvironmentWithId(const QString &id) const
{
    const auto it = std::find_if(m_problems.cbegin(), m_problems.cend(), [&](const SettingsProblem &problem) {
        return problem.isDamagedEntry() && problem.array == u"environments" && !id.isEmpty()
            && problem.id == id;
    });
    return it == m_problems.cend() ? nullptr : &*it;
}

const SettingsProblem *AccountStore::damagedCurrent() const
{
    return environment(m_currentId) ? nullptr : damagedEnvironmentWithId(m_currentId);
}

Result<Done> AccountStore::setCurrentEnvironment(const QString &id)
{
    if (!id.isEmpty() && !environment(id))
        return Error::because(Error::Kind::NotFound, ErrorReason::NoSuchEnvironment);
    if (id == m_currentId)
        return Done {};
    State next = state();
    next.currentId = id;
    return save(next);
}

Result<Done> AccountStore::setAccountLabel(const QString &id, const QString &label)
{
    if (!account(id))
        return Error::because(Error::Kind::NotFound, ErrorReason::NoSuchAccount);
    if (label.trimmed().isEmpty())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::AccountLabelMissing);
    if (auto valid = validateName(label.trimmed(), ErrorReason::AccountLabelUnusable); !valid)
        return valid.error();
    State next = state();
    for (AccountRecord &account : next.accounts) {
        if (account.id == id)
            account.label = label.trimmed();
    }
    return save(next);
}

Result<Done> AccountStore::renameEnvironment(const QString &id, const QString &name)
{
    const EnvironmentRecord *env = environment(id);
    if (!env)
        return Error::because(Error::Kind::NotFound, ErrorReason::NoSuchEnvironment);
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::EnvironmentNameMissing);
    if (auto valid = validateName(trimmed, ErrorReason::EnvironmentNameUnusable); !valid)
        return valid.error();
    const EnvironmentRecord *other = environmentByName(trimmed);
    if ((other && other->id != id) || damagedEnvironment(trimmed))
        return Error::because(Error::Kind::Conflict, ErrorReason::EnvironmentNameTaken, trimmed);
    State next = state();
    for (EnvironmentRecord &e : next.environments) {
        if (e.id == id)
            e.name = trimmed;
    }
    return save(next);
}

Result<Done> AccountStore::setInsecureTransportAllowed(const QString &id, bool allowed)
{
    if (!environment(id))
        return Error::because(Error::Kind::NotFound, ErrorReason::NoSuchEnvironment);
    State next = state();
    for (EnvironmentRecord &e : next.environments) {
        if (e.id == id)
            e.allowInsecureTransport = allowed;
    }
    return save(next);
}

Result<Done> AccountStore::updateCheck(const EnvironmentRecord &checked)
{
    if (!environment(checked.id))
        return Error::because(Error::Kind::NotFound, ErrorReason::NoSuchEnvironment);
    State next = state();
    for (EnvironmentRecord &e : next.environments) {
        if (e.id == checked.id) {
            e.folderMode = checked.folderMode;
            e.deniedFeatures = checked.deniedFeatures;
            e.checkedAt = checked.checkedAt;
        }
    }
    return save(next);
}

CloudinaryUrl AccountStore::effectiveUrl(const QString &environmentId) const
{
    if (const auto it = m_runtime.constFind(environmentId); it != m_runtime.constEnd())
        return it->url.withoutSecret();
    const EnvironmentRecord *env = environment(environmentId);
    if (!env || env->embeddedSandbox)
        return {};
    return env->url;
}

void AccountStore::setRuntimeEnvironment(const QString &environmentId, const CloudinaryUrl &url,
                                         std::shared_ptr<const SecretSource> secret)
{
    m_runtime.insert(environmentId, Runtime {url.withoutSecret(), std::move(secret)});
    Q_EMIT changed();
}

bool AccountStore::isRuntimeAvailable(const QString &environmentId) const
{
    return m_runtime.contains(environmentId);
}

void AccountStore::deleteLocalData(const QString &accountId, const QList<EnvironmentRecord> &environments)
{
    // Called after save() announced the change, so whoever held these files open has let them go.
    // The record is gone already: a file that cannot be deleted is logged, not reported as a failed
    // removal of something that no longer exists.
    for (const EnvironmentRecord &env : environments) {
        if (env.embeddedSandbox)
            continue;
        if (auto removed = m_layout.removeEnvironmentData(env.id); !removed)
            qCWarning(lcAccounts).noquote() << "cannot delete" << removed.error().subject;
    }
    if (!accountId.isEmpty()) {
        if (auto removed = m_layout.removeAccountData(accountId); !removed)
            qCWarning(lcAccounts).noquote() << "cannot delete" << removed.error().subject;
    }
}

Result<Done>
AccountStore::validateNewNames(const QList<std::pair<EnvironmentRecord, QString>> &environments) const
{
    QStringList seen;
    for (const auto &[env, secret] : environments) {
        const QString name = env.name.trimmed();
        if (name.isEmpty())
            return Error::because(Error::Kind::InvalidInput, ErrorReason::EnvironmentNameMissing);
        if (auto valid = validateName(name, ErrorReason::EnvironmentNameUnusable); !valid)
            return valid.error();
        if (environmentByName(name) || damagedEnvironment(name) || seen.contains(name))
            return Error::because(Error::Kind::Conflict, ErrorReason::EnvironmentNameTaken, name);
        if (env.url.cloudName().isEmpty() || env.url.apiKey().isEmpty())
            return Error::because(Error::Kind::InvalidInput, ErrorReason::EnvironmentNeedsCloudAndKey, name);
        if (secret.isEmpty() && !env.embeddedSandbox)
            return Error::because(Error::Kind::InvalidInput, ErrorReason::EnvironmentNeedsSecret, name);
        seen.append(name);
    }
    return Done {};
}

void AccountStore::addAccount(AccountRecord account,
                              QList<std::pair<EnvironmentRecord, QString>> environments,
                              QString provisioningSecret, QObject *context, DoneCallback done)
{
    if (account.id.isEmpty())
        account.id = newId();
    if (account.label.trimmed().isEmpty()) {
        done(Error::because(Error::Kind::InvalidInput, ErrorReason::AccountLabelMissing));
        return;
    }
    if (auto valid = validateName(account.label.trimmed(), ErrorReason::AccountLabelUnusable); !valid) {
        done(valid.error());
        return;
    }
    if (AccountStore::account(account.id)) {
        done(Error::because(Error::Kind::Conflict, ErrorReason::AccountExists));
        return;
    }
    if (auto valid = validateNewNames(environments); !valid) {
        done(valid.error());
        return;
    }
    account.label = account.label.trimmed();
    account.loggedIn = true;
    account.hasProvisioning = account.hasProvisioning && !provisioningSecret.isEmpty();
    if (account.hasProvisioning)
        account.provisioningUrl = account.provisioningUrl.withoutSecret();

    QList<std::pair<QString, QString>> secrets;
    if (account.hasProvisioning)
        secrets.append({account.provisioningSecretKey(), provisioningSecret});
    QList<EnvironmentRecord> added;
    for (auto &[env, secret] : environments) {
        if (env.id.isEmpty())
            env.id = newId();
        env.accountId = account.id;
        env.name = env.name.trimmed();
        env.url = env.url.withoutSecret();
        if (!env.embeddedSandbox)
            secrets.append({env.secretKey(), secret});
        added.append(env);
    }
    QStringList keys;
    for (const auto &entry : std::as_const(secrets))
        keys.append(entry.first);
    Change change = [account, added, keys](State &next) {
        next.accounts.append(account);
        next.environments += added;
        if (next.currentId.isEmpty() && !added.isEmpty())
            next.currentId = added.first().id;
        addKeys(next, keys);
    };
    writeThenSave(std::move(secrets), std::move(change), context, std::move(done), keys);
}

void AccountStore::addEnvironment(EnvironmentRecord environment, QString secret, QObject *context,
                                  DoneCallback done)
{
    if (!account(environment.accountId)) {
        done(Error::because(Error::Kind::NotFound, ErrorReason::NoSuchAccount));
        return;
    }
    if (auto valid = validateNewNames({{environment, secret}}); !valid) {
        done(valid.error());
        return;
    }
    if (environment.id.isEmpty())
        environment.id = newId();
    environment.name = environment.name.trimmed();
    environment.url = environment.url.withoutSecret();
    QList<std::pair<QString, QString>> secrets;
    if (!environment.embeddedSandbox)
        secrets.append({environment.secretKey(), secret});
    const QStringList keys = secrets.isEmpty() ? QStringList {} : QStringList {environment.secretKey()};
    Change change = [environment, keys](State &next) {
        next.environments.append(environment);
        if (next.currentId.isEmpty())
            next.currentId = environment.id;
        addKeys(next, keys);
    };
    writeThenSave(std::move(secrets), std::move(change), context, std::move(done), keys);
}

void AccountStore::replaceSecret(const QString &environmentId, QString secret, QObject *context,
                                 DoneCallback done)
{
    const EnvironmentRecord *env = environment(environmentId);
    if (!env) {
        done(Error::because(Error::Kind::NotFound, ErrorReason::NoSuchEnvironment));
        return;
    }
    if (secret.isEmpty()) {
        done(Error::because(Error::Kind::InvalidInput, ErrorReason::EnvironmentNeedsSecret, env->name));
        return;
    }
    const QString key = env->secretKey();
    // The old secret is overwritten in place: nothing to undo if the index cannot be saved.
    writeThenSave({{key, secret}}, [key](State &next) { addKeys(next, {key}); }, context, std::move(done),
                  {});
}

void AccountStore::removeEnvironment(const QString &id, QObject *context, DoneCallback done)
{
    const EnvironmentRecord *env = environment(id);
    if (!env) {
        done(Error::because(Error::Kind::NotFound, ErrorReason::NoSuchEnvironment));
        return;
    }
    const EnvironmentRecord removed = *env;
    const QList<EnvironmentRecord> siblings = environmentsOf(removed.accountId);
    if (siblings.size() == 1) {
        removeAccount(removed.accountId, context, std::move(done));
        return;
    }
    // Finished even when the caller is gone by the time the keychain answers: the file follows what
    // the keychain did; only the answer is dropped.
    done = answerWhileAlive(context, std::move(done));
    removeSecrets({removed.secretKey()}, this, [this, removed, done](Result<Done> gone) {
        if (!gone) {
            done(gone.error());
            return;
        }
        State next = state();
        next.environments.removeIf([&](const EnvironmentRecord &e) { return e.id == removed.id; });
        next.secretKeys.removeAll(removed.secretKey());
        if (next.currentId == removed.id)
            next.currentId.clear();
        if (auto saved = save(next); !saved) {
            done(saved.error());
            return;
        }
        deleteLocalData(QString(), {removed});
        done(Done {});
    });
}

void AccountStore::removeAccount(const QString &id, QObject *context, DoneCallback done)
{
    const AccountRecord *found = account(id);
    if (!found) {
        done(Error::because(Error::Kind::NotFound, ErrorReason::NoSuchAccount));
        return;
    }
    const AccountRecord removed = *found;
    const QList<EnvironmentRecord> environments = environmentsOf(id);
    QStringList keys {removed.provisioningSecretKey()};
    for (const EnvironmentRecord &env : environments)
        keys.append(env.secretKey());
    done = answerWhileAlive(context, std::move(done)); // finished even when the caller is gone
    removeSecrets(keys, this, [this, id, keys, environments, done](Result<Done> gone) {
        if (!gone) {
            done(gone.error());
            return;
        }
        State next = state();
        next.accounts.removeIf([&](const AccountRecord &a) { return a.id == id; });
        next.environments.removeIf([&](const EnvironmentRecord &e) { return e.accountId == id; });
        for (const QString &key : keys)
            next.secretKeys.removeAll(key);
        if (!next.currentId.isEmpty()
            && std::none_of(next.environments.cbegin(), next.environments.cend(),
                            [&](const EnvironmentRecord &e) { return e.id == next.currentId; }))
            next.currentId.clear();
        if (auto saved = save(next); !saved) {
            done(saved.error());
            return;
        }
        deleteLocalData(id, environments);
        Q_EMIT accountLoggedOut(id);
        done(Done {});
    });
}

void AccountStore::logOut(const QString &accountId, QObject *context, DoneCallback done)
{
    const AccountRecord *found = account(accountId);
    if (!found) {
        done(Error::because(Error::Kind::NotFound, ErrorReason::NoSuchAccount));
        return;
    }
    const QList<EnvironmentRecord> environments = environmentsOf(accountId);
    QStringList keys {found->provisioningSecretKey()};
    for (const EnvironmentRecord &env : environments)
        keys.append(env.secretKey());
    done = answerWhileAlive(context, std::move(done)); // finished even when the caller is gone
    removeSecrets(keys, this, [this, accountId, keys, environments, done](Result<Done> gone) {
        if (!gone) {
            done(gone.error());
            return;
        }
        State next = state();
        for (AccountRecord &account : next.accounts) {
            if (account.id == accountId)
                account.loggedIn = false;
        }
        for (const QString &key : keys)
            next.secretKeys.removeAll(key);
        if (std::any_of(environments.cbegin(), environments.cend(),
                        [&](const EnvironmentRecord &e) { return e.id == next.currentId; }))
            next.currentId.clear();
        if (auto saved = save(next); !saved) {
            done(saved.error());
            return;
        }
        deleteLocalData(accountId, environments);
        Q_EMIT accountLoggedOut(accountId);
        done(Done {});
    });
}

void AccountStore::logIn(const QString &accountId, QHash<QString, QString> secrets,
                         QString provisioningSecret, QObject *context, DoneCallback done)
{
    const AccountRecord *found = account(accountId);
    if (!found) {
        done(Error::because(Error::Kind::NotFound, ErrorReason::NoSuchAccount));
        return;
    }
    QList<std::pair<QString, QString>> entries;
    const QList<EnvironmentRecord> environments = environmentsOf(accountId);
    for (const EnvironmentRecord &env : environments) {
        if (env.embeddedSandbox)
            continue;
        const QString secret = secrets.value(env.id);
        if (secret.isEmpty()) {
            done(Error::because(Error::Kind::InvalidInput, ErrorReason::EnvironmentNeedsSecret, env.name));
            return;
        }
        entries.append({env.secretKey(), secret});
    }
    if (found->hasProvisioning && !provisioningSecret.isEmpty())
        entries.append({found->provisioningSecretKey(), provisioningSecret});
    QStringList keys;
    QStringList newKeys;
    for (const auto &entry : std::as_const(entries)) {
        keys.append(entry.first);
        // Only secrets new to the index are undone when the file cannot be saved: one that is
        // already stored (logIn() on a logged-in account) is overwritten in place, as by
        // replaceSecret(), and must not vanish while the file still lists it.
        if (!m_secretKeys.contains(entry.first))
            newKeys.append(entry.first);
    }
    Change change = [accountId, keys](State &next) {
        addKeys(next, keys);
        for (AccountRecord &account : next.accounts) {
            if (account.id == accountId)
                account.loggedIn = true;
        }
    };
    writeThenSave(std::move(entries), std::move(change), context, std::move(done), newKeys);
}

AccountStore::DoneCallback AccountStore::answerWhileAlive(QObject *context, DoneCallback done)
{
    return [guard = QPointer<QObject>(context), done = std::move(done)](Result<Done> result) {
        if (guard)
            done(std::move(result));
    };
}

void AccountStore::addKeys(State &state, const QStringList &keys)
{
    for (const QString &key : keys) {
        if (!state.secretKeys.contains(key))
            state.secretKeys.append(key);
    }
}

void AccountStore::writeThenSave(QList<std::pair<QString, QString>> secrets, Change change, QObject *context,
                                 DoneCallback done, QStringList undoKeys)
{
    // Finished even when the caller is gone by the time the keychain answers (a dialog closed): a
    // secret written must reach the file's index, or no removal would ever find it.
    writeSecrets(std::move(secrets), this,
                 [this, change = std::move(change), answer = answerWhileAlive(context, std::move(done)),
                  undoKeys](Result<Done> written) {
                     if (!written) {
                         answer(written.error());
                         return;
                     }
                     finishWith(change, answer, undoKeys);
                 });
}

void AccountStore::finishWith(const Change &change, const DoneCallback &answer, const QStringList &undoKeys)
{
    // On the state as it is now: other changes may have been saved while the keychain was writing.
    State next = state();
    change(next);
    if (auto saved = save(next); !saved) {
        // The file could not be written: take the secrets back out so nothing is saved half-way.
        const Error error = saved.error();
        removeSecrets(undoKeys, this, [answer, error](Result<Done>) { answer(error); });
        return;
    }
    answer(Done {});
}

std::shared_ptr<const SecretSource> AccountStore::secretSource(const QString &environmentId) const
{
    if (const auto it = m_runtime.constFind(environmentId); it != m_runtime.constEnd())
        return it->secret;
    const EnvironmentRecord *env = environment(environmentId);
    return std::make_shared<StoredSecret>(m_secrets, u"environment/"_s + environmentId,
                                          env && env->allowInsecureTransport ? InsecureTransport::Allowed
                                                                             : InsecureTransport::Refused);
}

std::shared_ptr<const SecretSource> AccountStore::provisioningSecretSource(const QString &accountId) const
{
    return std::make_shared<StoredSecret>(m_secrets, u"account/"_s + accountId + u"/provisioning"_s,
                                          InsecureTransport::Refused);
}

void AccountStore::writeSecrets(QList<std::pair<QString, QString>> entries, QObject *context,
                                DoneCallback done)
{
    writeSecretsFrom(std::move(entries), {}, context, std::move(done));
}

void AccountStore::writeSecretsFrom(QList<std::pair<QString, QString>> entries, QStringList written,
                                    QObject *context, DoneCallback done)
{
    if (entries.isEmpty()) {
        done(Done {});
        return;
    }
    // Plain names, not a structured binding: clang 14 cannot capture those in a lambda.
    const std::pair<QString, QString> entry = entries.takeFirst();
    const QString key = entry.first;
    QPointer<QObject> guard(context);
    m_secrets->write(key, entry.second, this,
                     [this, entries, written, key, guard, done](Result<Done> result) mutable {
                         if (!guard)
                             return;
                         if (!result) {
                             // Undo the ones written before, then report the first failure.
                             const Error error = result.error();
                             removeSecrets(written, this, [guard, done, error](Result<Done>) {
                                 if (guard)
                                     done(error);
                             });
                             return;
                         }
                         written.append(key);
                         writeSecretsFrom(std::move(entries), std::move(written), guard, std::move(done));
                     });
}

void AccountStore::removeSecrets(QStringList keys, QObject *context, DoneCallback done)
{
    if (keys.isEmpty()) {
        done(Done {});
        return;
    }
    const QString key = keys.takeFirst();
    QPointer<QObject> guard(context);
    m_secrets->remove(key, this, [this, keys, guard, done](Result<Done> removed) {
        if (!guard)
            return;
        if (!removed) {
            done(removed.error());
            return;
        }
        removeSecrets(keys, guard, done);
    });
}

} // namespace stratus::core
