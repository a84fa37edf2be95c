#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>

#include <optional>

namespace stratus::sandbox {

/// What a person allowed one client: access to one product environment with some scopes. Every
/// access and refresh token the sandbox issues belongs to one grant, and revoking the grant (Log
/// Out, /oauth2/revoke, a reused refresh token) refuses them all.
struct Grant
{
    QString id;
    QString clientId;
    QString subject; ///< the user's e-mail
    QString cloud;
    QString scope; ///< space-separated
    QDateTime createdAt;
    bool revoked = false;
};

/// The authorization server's lasting state, in `oauth.sqlite` of the data directory: the key that
/// signs access tokens (so a restarted sandbox still accepts its tokens), the grants, and the
/// refresh tokens — by their SHA-256 only, never the tokens themselves, each marked once used
/// (rotation). Authorization codes live 60 s and stay in memory (OAuthService). Kept in memory too
/// and written through; used from the sandbox's thread.
class GrantStore
{
public:
    GrantStore();
    ~GrantStore();
    GrantStore(const GrantStore &) = delete;
    GrantStore &operator=(const GrantStore &) = delete;

    bool open(const QString &directory, QString *error);

    [[nodiscard]] const QByteArray &signingKey() const { return m_signingKey; }

    [[nodiscard]] const Grant *grant(const QString &id) const;
    bool addGrant(const Grant &grant);
    /// Marks the grant revoked; false when there is none or it already was.
    bool revokeGrant(const QString &id);

    struct RefreshToken
    {
        QString grantId;
        bool used = false;
    };
    /// The refresh token whose SHA-256 (hex) is `hash`, or nothing.
    [[nodiscard]] std::optional<RefreshToken> refreshToken(const QByteArray &hash) const;
    bool addRefreshToken(const QByteArray &hash, const QString &grantId);
    bool markRefreshTokenUsed(const QByteArray &hash);

    /// SHA-256 in hex: how a token is looked up without being kept.
    [[nodiscard]] static QByteArray hashOf(const QString &token);

private:
    bool exec(const QString &sql, const QVariantList &values, QString *error = nullptr);

    QString m_connectionName;
    QByteArray m_signingKey;
    QHash<QString, Grant> m_grants;
    QHash<QByteArray, RefreshToken> m_refreshTokens;
};

} // namespace stratus::sandbox
