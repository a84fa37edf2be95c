#include "storedsecret.h"

#include <utility>

namespace stratus::core {

StoredSecret::StoredSecret(std::shared_ptr<SecretStore> store, QString key, InsecureTransport transport)
    : m_store(std::move(store))
    , m_key(std::move(key))
    , m_transport(transport)
{
}

void StoredSecret::fetch(QObject *context, Callback done) const
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

} // namespace stratus::core
