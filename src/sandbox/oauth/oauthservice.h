#pragma once

#include "grantstore.h"
#include "http/apirequest.h"
#include "http/apiresponse.h"
#include "sandbox/environmentconfig.h"
#include "sandbox/userconfig.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace stratus::sandbox {

/// The sandbox as an OAuth 2.0 authorization server for native apps (Authorization Code with PKCE
/// S256, RFC 6749, 7636, 8252), standing in for oauth.cloudinary.com:
///
/// - `GET /oauth2/auth` checks the client and its loopback redirect URI, then shows a login page
///   for the configured users and a consent page; the forms post back to `/oauth2/auth` with the
///   id of the pending request (its PKCE challenge and state stay here). Allow answers 302 to the
///   redirect URI with a code (single use, 60 s, bound to client, redirect URI and challenge).
/// - `POST /oauth2/token` exchanges a code with its verifier, and refreshes with rotation: each
///   refresh token works once; a used one is refused and revokes its whole grant (reuse detection).
/// - `POST /oauth2/revoke` (RFC 7009) revokes the grant of a refresh or access token.
/// - Access tokens are HS256 JWTs (iat, exp, iss, sub, aud, client_id, scope, ext.cloud_name, jti,
///   sid = the grant), signed with the GrantStore's key; checkBearer() judges them for API calls.
///
/// Grants and refresh tokens (hashed) persist in the data directory; pending sign-ins and codes
/// are memory only. Used on the sandbox's thread.
class OAuthService
{
public:
    enum class Scope { AssetManagement, Upload };

    /// Counts since start, for tests (GET /_sandbox/oauth/stats).
    struct Stats
    {
        int codeExchanges = 0; ///< codes exchanged for tokens
        int refreshes = 0; ///< refresh tokens exchanged
        int refusedRefreshes = 0; ///< refresh requests answered invalid_grant
        int reusedRefreshTokens = 0; ///< of those, a used refresh token presented again
        int revocations = 0; ///< grants revoked through /oauth2/revoke
    };

    /// The client ID the sandbox always knows: Stratus's (core::OAuthConfig::sandboxClientId()).
    static constexpr auto kStratusClientId = "stratus-desktop";

    bool open(const QString &dataDirectory, QString *error);
    /// Users (their clouds must be among `environments`), extra clients and the token lifetime.
    bool configure(const AuthorizationSettings &settings, const QList<EnvironmentConfig> &environments,
                   QString *error);

    /// A request under /oauth2/. `baseUrl` is the sandbox's (the tokens' `iss`).
    [[nodiscard]] ApiResponse handle(const ApiRequest &request, const QString &baseUrl, const QDateTime &now);

    /// For an API call of `cloud` with `Authorization: Bearer …`: the 401 (bad, expired, revoked,
    /// another cloud's token) or 403 (scope) answer, or nothing when the token is good.
    [[nodiscard]] std::optional<ApiResponse> checkBearer(const ApiRequest &request, const QString &cloud,
                                                         Scope scope, const QDateTime &now) const;

    [[nodiscard]] QJsonObject statsJson() const;

    /// The sandbox's own console sign-in (the Media Library stand-in's form): whether `email` is a user
    /// whose password is `password` and who may use `cloud`. Constant-time password comparison.
    [[nodiscard]] bool checkUser(const QString &email, const QString &password, const QString &cloud) const;
    /// The demonstration user (UserConfig::demo) and their password, when there is one who may use
    /// `cloud`: pages fill it in and show the password as a hint.
    [[nodiscard]] std::optional<std::pair<QString, QString>> demoUser(const QString &cloud) const;

private:
    struct PendingRequest
    {
        QString clientId;
        QString redirectUri;
        QString state;
        bool hasState = false;
        QString codeChallenge;
        QStringList scopes;
        QString loginHint;
        QString user; ///< the e-mail once the password was right
        QDateTime expiresAt;
    };
    struct AuthorizationCode
    {
        QString clientId;
        QString redirectUri;
        QString codeChallenge;
        QString user;
        QString cloud;
        QString scope;
        QDateTime expiresAt;
        bool used = false;
        QString grantId; ///< once exchanged: the grant a replay revokes
    };

    ApiResponse authorize(const ApiRequest &request, const QDateTime &now);
    ApiResponse authorizeForm(const ApiRequest &request, const QDateTime &now);
    ApiResponse token(const ApiRequest &request, const QString &baseUrl, const QDateTime &now);
    ApiResponse exchangeCode(const ApiRequest &request, const QString &clientId, const QString &baseUrl,
                             const QDateTime &now);
    ApiResponse refresh(const ApiRequest &request, const QString &clientId, const QString &baseUrl,
                        const QDateTime &now);
    ApiResponse revoke(const ApiRequest &request, const QDateTime &now);
    /// The token answer for `grant`: a new access token and, with offline_access, a new refresh
    /// token.
    ApiResponse issueTokens(const Grant &grant, const QString &baseUrl, const QDateTime &now);

    ApiResponse loginPage(const QString &requestId, const PendingRequest &pending, const QString &email,
                          const QString &error) const;
    ApiResponse consentPage(const QString &requestId, const PendingRequest &pending) const;
    [[nodiscard]] const UserConfig *user(const QString &email) const;
    [[nodiscard]] bool knowsClient(const QString &clientId) const;
    [[nodiscard]] QString clientName(const QString &clientId) const;
    [[nodiscard]] QString cloudLabel(const QString &cloud) const;
    void forgetExpired(const QDateTime &now);

    GrantStore m_grants;
    AuthorizationSettings m_settings;
    QHash<QString, QString> m_cloudLabels;
    QHash<QString, PendingRequest> m_pending;
    QHash<QByteArray, AuthorizationCode> m_codes; ///< by SHA-256 of the code
    Stats m_stats;
};

} // namespace stratus::sandbox
