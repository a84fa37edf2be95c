#include "keychainsecretstore.h"

#include "core/net/neterror.h"

#include <qt6keychain/keychain.h>

#include <QPointer>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

Error errorOf(const QKeychain::Job &job)
{
    switch (job.error()) {
    case QKeychain::NoError:
        break;
    case QKeychain::EntryNotFound:
        return Error::because(Error::Kind::NotFound, ErrorReason::KeychainEntryMissing);
    case QKeychain::AccessDeniedByUser:
        return Error::because(Error::Kind::Permission, ErrorReason::KeychainDenied);
    case QKeychain::AccessDenied:
        return Error::because(Error::Kind::Permission, ErrorReason::KeychainDenied, {}, job.errorString());
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return keychainUnavailableError(job.errorString());
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    // A locked keyring that cannot prompt, a dead D-Bus daemon: nothing the user can fix here but
    // unlocking or starting the keychain.
    return keychainUnavailableError(job.errorString());
}

// Starts `job` and calls `finish` with it once, in `context`'s thread, unless context died.
template<typename JobType, typename Finish> void run(JobType *job, QObject *context, Finish finish)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    QPointer<QObject> guard(context);
    QObject::connect(job, &QKeychain::Job::finished, context, [job, guard, finish](QKeychain::Job *) {
        if (guard)
            finish(*job);
    });
    job->start();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service)
    : m_service(std::move(service))
{
}

void KeychainSecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    if (!context)
        return;
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    run(job, context, [done](const QKeychain::ReadPasswordJob &finished) {
        if (finished.error() != QKeychain::NoError)
            done(errorOf(finished));
        else
            done(finished.textData());
    });
}

void KeychainSecretStore::write(const QString &key, const QString &secret, QObject *context,
                                DoneCallback done)
{
    if (!context)
        return;
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setTextData(secret);
    run(job, context, [done](const QKeychain::WritePasswordJob &finished) {
        if (finished.error() != QKeychain::NoError)
            done(errorOf(finished));
        else
            done(Done {});
    });
}

void KeychainSecretStore::remove(const QString &key, QObject *context, DoneCallback done)
{
    if (!context)
        return;
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    run(job, context, [done](const QKeychain::DeletePasswordJob &finished) {
        if (finished.error() == QKeychain::NoError || finished.error() == QKeychain::EntryNotFound)
            done(Done {});
        else
            done(errorOf(finished));
    });
}

} // namespace stratus::core
