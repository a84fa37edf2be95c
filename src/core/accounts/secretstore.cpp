#include "secretstore.h"

#include "core/net/neterror.h"

#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::core {

MemorySecretStore::MemorySecretStore()
    : m_timers(std::make_unique<QObject>())
{
}

MemorySecretStore::~MemorySecretStore() = default;

void MemorySecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    ++m_calls;
    if (!context)
        return;
    settle([this, key, guard = QPointer<QObject>(context), done = std::move(done)] {
        Result<QString> answer = readNow(key);
        if (guard)
            done(std::move(answer));
    });
}

void MemorySecretStore::write(const QString &key, const QString &secret, QObject *context, DoneCallback done)
{
    ++m_calls;
    if (!context)
        return;
    settle([this, key, secret, guard = QPointer<QObject>(context), done = std::move(done)] {
        Result<Done> answer = writeNow(key, secret);
        if (guard)
            done(std::move(answer));
    });
}

void MemorySecretStore::remove(const QString &key, QObject *context, DoneCallback done)
{
    ++m_calls;
    if (!context)
        return;
    settle([this, key, guard = QPointer<QObject>(context), done = std::move(done)] {
        Result<Done> answer = removeNow(key);
        if (guard)
            done(std::move(answer));
    });
}

void MemorySecretStore::settle(std::function<void()> call)
{
    if (m_holding) {
        m_held.append(std::move(call));
        return;
    }
    if (m_delayMs > 0) {
        QTimer::singleShot(m_delayMs, m_timers.get(), std::move(call));
        return;
    }
    call();
}

int MemorySecretStore::release(int count)
{
    const qsizetype n = count < 0 ? m_held.size() : std::min<qsizetype>(count, m_held.size());
    const QList<std::function<void()>> answering = m_held.first(n);
    m_held.remove(0, n);
    for (const auto &call : answering)
        call();
    return int(n);
}

Result<QString> MemorySecretStore::readNow(const QString &key) const
{
    if (m_failure)
        return *m_failure;
    const auto it = m_entries.constFind(key);
    if (it == m_entries.constEnd())
        return Error::because(Error::Kind::NotFound, ErrorReason::KeychainEntryMissing);
    return *it;
}

Result<Done> MemorySecretStore::writeNow(const QString &key, const QString &secret)
{
    if (m_failure || m_writeFailure)
        return m_failure ? *m_failure : *m_writeFailure;
    m_entries.insert(key, secret);
    return Done {};
}

Result<Done> MemorySecretStore::removeNow(const QString &key)
{
    if (m_failure)
        return *m_failure;
    m_entries.remove(key);
    return Done {};
}

Error keychainUnavailableError(const QString &detail)
{
    return Error::because(Error::Kind::Unavailable, ErrorReason::KeychainUnavailable, {}, detail);
}

} // namespace stratus::core
