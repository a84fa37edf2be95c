#pragma once

#include "secretstore.h"

#include "core/net/secretsource.h"

#include <memory>

namespace stratus::core {

/// The keychain read behind an environment's jobs (AccountStore::secretSource()): asks the store
/// every time a job needs the secret and keeps nothing. A secret that is missing or empty is an Auth
/// error (the person enters it again). Shared by the jobs of one environment; GUI (or main) thread.
class StoredSecret final : public SecretSource
{
public:
    StoredSecret(std::shared_ptr<SecretStore> store, QString key, InsecureTransport transport);

    [[nodiscard]] InsecureTransport insecureTransport() const override { return m_transport; }
    void fetch(QObject *context, Callback done) const override;

private:
    std::shared_ptr<SecretStore> m_store;
    QString m_key;
    InsecureTransport m_transport;
};

} // namespace stratus::core
