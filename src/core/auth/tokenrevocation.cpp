#include "tokenrevocation.h"

#include "tokenendpoint.h"
#include "tokenpair.h"

#include "core/accounts/accountstore.h"

#include "core/net/ratelimitbudget.h"

#include <QNetworkAccessManager>
#include <QPointer>

#include <memory>
#include <optional>

namespace stratus::core {

namespace {

// One revocation run: the keychain keys of the account's token environments, taken one after the
// other; each pair revoked at its own server. Lives as a child of the caller's context, so it ends
// (unanswered) with it.
class Revocation final : public QObject
{
public:
    Revocation(std::shared_ptr<SecretStore> secrets, QStringList keys, QNetworkAccessManager *network,
               QObject *context, std::function<void(Result<Done>)> done)
        : QObject(context)
        , m_secrets(std::move(secrets))
        , m_keys(std::move(keys))
        , m_network(network)
        , m_done(std::move(done))
    {
    }

    void next()
    {
        if (m_keys.isEmpty()) {
            finish();
            return;
        }
        const QString key = m_keys.takeFirst();
        m_secrets->read(key, this, [this](Result<QString> text) {
            if (!text) {
                // Nothing in the keychain (logged out already) leaves nothing to revoke.
                if (text.error().kind != Error::Kind::NotFound)
                    note(text.error());
                next();
                return;
            }
            Result<TokenPair> pair = TokenPair::fromStoredText(text.value());
            if (!pair) {
                note(pair.error());
                next();
                return;
            }
            revoke(std::move(pair).value());
        });
    }

private:
    // The refresh token first (it ends the grant), then the access token, which a server that does
    // not tie the two together would otherwise accept until it expires.
    void revoke(TokenPair pair)
    {
        if (!m_network) {
            note(Error::because(Error::Kind::Internal, ErrorReason::NetworkManagerGone));
            next();
            return;
        }
        auto *job = new RevokeTokenJob(m_network, pair, this);
        TokenPair accessOnly;
        if (!pair.refreshToken.isEmpty()) {
            accessOnly = pair;
            accessOnly.refreshToken.clear();
        }
        connect(job, &Job::finished, this, [this, job, accessOnly] {
            job->deleteLater();
            if (job->error())
                note(*job->error());
            if (accessOnly.accessToken.isEmpty()) {
                next();
                return;
            }
            auto *second = new RevokeTokenJob(m_network, accessOnly, this);
            connect(second, &Job::finished, this, [this, second] {
                second->deleteLater();
                if (second->error())
                    note(*second->error());
                next();
            });
            second->start();
        });
        job->start();
    }

    void note(const Error &error)
    {
        if (!m_error)
            m_error = error;
    }

    void finish()
    {
        const auto done = std::move(m_done);
        const std::optional<Error> error = m_error;
        deleteLater();
        if (error)
            done(*error);
        else
            done(Done {});
    }

    std::shared_ptr<SecretStore> m_secrets;
    QStringList m_keys;
    QPointer<QNetworkAccessManager> m_network;
    std::function<void(Result<Done>)> m_done;
    std::optional<Error> m_error;
};

} // namespace

void revokeAccountTokens(AccountStore &store, const QString &accountId, QNetworkAccessManager *network,
                         QObject *context, std::function<void(Result<Done>)> done)
{
    QStringList keys;
    for (const EnvironmentRecord &environment : store.environmentsOf(accountId)) {
        if (environment.usesToken() && !environment.embeddedSandbox)
            keys.append(environment.secretKey());
    }
    auto *revocation
        = new Revocation(store.secretStore(), std::move(keys), network, context, std::move(done));
    revocation->next();
}

} // namespace stratus::core
