// AccountStore: adding, removing, logging out and in, the changes that write or remove secrets
// (the keychain half is in accountstorekeychain.cpp, the file and queries in accountstore.cpp).
#include "accountstore.h"

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace stratus::core {

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
        // A token environment has no API key: the token says who calls.
        if (env.url.cloudName().isEmpty() || (env.url.apiKey().isEmpty() && !env.usesToken()))
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

} // namespace stratus::core
