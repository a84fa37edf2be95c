// AccountStore and the keychain: secrets are written first and taken back out when the file cannot
// be saved, and removed one by one; jobs read them through a SecretSource when they need them.
#include "accountstore.h"

#include "storedsecret.h"
#include "storedtoken.h"

#include <QPointer>

#include <utility>

using namespace Qt::StringLiterals;

namespace stratus::core {

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
    const InsecureTransport transport
        = env && env->allowInsecureTransport ? InsecureTransport::Allowed : InsecureTransport::Refused;
    if (env && env->usesToken())
        return std::make_shared<StoredToken>(m_secrets, u"environment/"_s + environmentId,
                                             m_layout.tokenLockFile(environmentId), m_network, transport);
    return std::make_shared<StoredSecret>(m_secrets, u"environment/"_s + environmentId, transport);
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
