#include "secretstore.h"

#include "core/net/neterror.h"

using namespace Qt::StringLiterals;

namespace stratus::core {

void MemorySecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    ++m_calls;
    if (!context)
        return;
    if (m_failure) {
        done(*m_failure);
        return;
    }
    const auto it = m_entries.constFind(key);
    if (it == m_entries.constEnd()) {
        done(makeError(Error::Kind::NotFound, u"No secret is stored under this key."_s));
        return;
    }
    done(*it);
}

void MemorySecretStore::write(const QString &key, const QString &secret, QObject *context, DoneCallback done)
{
    ++m_calls;
    if (!context)
        return;
    if (m_failure || m_writeFailure) {
        done(m_failure ? *m_failure : *m_writeFailure);
        return;
    }
    m_entries.insert(key, secret);
    done(Done {});
}

void MemorySecretStore::remove(const QString &key, QObject *context, DoneCallback done)
{
    ++m_calls;
    if (!context)
        return;
    if (m_failure) {
        done(*m_failure);
        return;
    }
    m_entries.remove(key);
    done(Done {});
}

Error keychainUnavailableError(const QString &detail)
{
    return makeError(Error::Kind::Unavailable,
                     detail.isEmpty() ? u"No keychain (Secret Service) answered."_s
                                      : u"No keychain (Secret Service) answered: %1"_s.arg(detail));
}

} // namespace stratus::core
