#include "oauthservice.h"

#include "jwt.h"
#include "oauthpages.h"

#include "core/signing/signaturealgorithm.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace stratus::sandbox {

namespace {

constexpr qint64 kCodeLifetimeSeconds = 60;
constexpr qint64 kPendingLifetimeSeconds = 10 * 60;
// Sign-ins begun and not finished, at most: each costs memory until it expires.
constexpr qsizetype kMaxPending = 1000;

const QStringList kKnownScopes = {u"openid"_s, u"offline_access"_s, u"asset_management"_s, u"upload"_s};

// 32 random bytes, base64url: codes, refresh tokens, ids of pending sign-ins.
QString randomToken()
{
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof words)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString randomId()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex());
}

// RFC 6749 §5.2: {"error", "error_description"}, 400 (401 for invalid_client); never cached.
ApiResponse oauthError(int status, const QString &error, const QString &description)
{
    ApiResponse response
        = ApiResponse::json({{u"error"_s, error}, {u"error_description"_s, description}}, status);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    return response;
}

// RFC 8252 §7.3: a loopback redirect over http, to 127.0.0.1 (or localhost, [::1]) on any port.
bool isLoopbackRedirect(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != u"http" || url.port() <= 0 || !url.userInfo().isEmpty()
        || url.hasFragment())
        return false;
    const QString host = url.host();
    return host == u"127.0.0.1" || host == u"localhost" || host == u"::1";
}

bool isBase64Url(QStringView text)
{
    for (const QChar c : text) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'-' && c != u'_')
            return false;
    }
    return true;
}

// RFC 7636 §4.1: 43 to 128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~".
bool isVerifier(QStringView text)
{
    if (text.size() < 43 || text.size() > 128)
        return false;
    for (const QChar c : text) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'-' && c != u'.' && c != u'_' && c != u'~')
            return false;
    }
    return true;
}

QString s256(const QString &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString scopeWords(const QString &scope)
{
    if (scope == u"asset_management")
        return u"asset management: browse, search and change your assets"_s;
    if (scope == u"upload")
        return u"upload: add new assets"_s;
    if (scope == u"offline_access")
        return u"stay signed in until you sign out"_s;
    return {};
}

// The client's redirect URI with `items` added to its query.
QUrl redirectWith(const QString &redirectUri, const QList<std::pair<QString, QString>> &items)
{
    QUrl url(redirectUri);
    QUrlQuery query(url);
    for (const auto &[key, value] : items)
        query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    url.setQuery(query);
    return url;
}

QString bearerToken(const ApiRequest &request)
{
    const QByteArray header = request.header("authorization").trimmed();
    if (header.size() < 7 || QByteArrayView(header).first(7).compare("Bearer ", Qt::CaseInsensitive) != 0)
        return {};
    return QString::fromLatin1(header.mid(7).trimmed());
}

// Cloudinary's error shape, with RFC 6750's challenge.
ApiResponse bearerRefusal(int status, const QString &message, const QByteArray &error)
{
    ApiResponse response = ApiResponse::error(status, message);
    response.setHeader("WWW-Authenticate", "Bearer error=\"" + error + "\"");
    return response;
}

} // namespace

bool OAuthService::open(const QString &dataDirectory, QString *error)
{
    return m_grants.open(dataDirectory, error);
}

bool OAuthService::configure(const AuthorizationSettings &settings,
                             const QList<EnvironmentConfig> &environments, QString *error)
{
    m_cloudLabels.clear();
    for (const EnvironmentConfig &env : environments)
        m_cloudLabels.insert(env.cloudName, env.name.isEmpty() ? env.cloudName : env.name);
    for (const UserConfig &user : settings.users) {
        for (const QString &cloud : user.clouds) {
            if (!m_cloudLabels.contains(cloud)) {
                *error = u"the user %1 names %2, which is no product environment of this sandbox"_s.arg(
                    user.email, cloud);
                return false;
            }
        }
    }
    if (settings.tokenLifetimeSeconds < 1) {
        *error = u"the token lifetime must be at least one second"_s;
        return false;
    }
    m_settings = settings;
    return true;
}

ApiResponse OAuthService::handle(const ApiRequest &request, const QString &baseUrl, const QDateTime &now)
{
    forgetExpired(now);
    const QString endpoint = request.segments.value(1);
    if (request.segments.size() == 2 && endpoint == u"auth") {
        if (request.method == "GET")
            return authorize(request, now);
        if (request.method == "POST")
            return authorizeForm(request, now);
    } else if (request.segments.size() == 2 && endpoint == u"token" && request.method == "POST") {
        return token(request, baseUrl, now);
    } else if (request.segments.size() == 2 && endpoint == u"revoke" && request.method == "POST") {
        return revoke(request, now);
    }
    return ApiResponse::error(404, u"Unknown OAuth endpoint"_s);
}

void OAuthService::forgetExpired(const QDateTime &now)
{
    for (auto it = m_pending.begin(); it != m_pending.end();)
        it = it->expiresAt <= now ? m_pending.erase(it) : std::next(it);
    // Used codes stay a while after they expired, so that a late replay still revokes its grant.
    for (auto it = m_codes.begin(); it != m_codes.end();)
        it = it->expiresAt.addSecs(kPendingLifetimeSeconds) <= now ? m_codes.erase(it) : std::next(it);
}

const UserConfig *OAuthService::user(const QString &email) const
{
    for (const UserConfig &user : m_settings.users) {
        if (user.email.compare(email.trimmed(), Qt::CaseInsensitive) == 0)
            return &user;
    }
    return nullptr;
}

bool OAuthService::checkUser(const QString &email, const QString &password, const QString &cloud) const
{
    const UserConfig *account = user(email);
    const bool right = account && core::signaturesEqual(account->password.toUtf8(), password.toUtf8());
    return right && account->clouds.contains(cloud);
}

std::optional<std::pair<QString, QString>> OAuthService::demoUser(const QString &cloud) const
{
    for (const UserConfig &candidate : m_settings.users) {
        if (candidate.demo && candidate.clouds.contains(cloud))
            return std::make_pair(candidate.email, candidate.password);
    }
    return std::nullopt;
}

bool OAuthService::knowsClient(const QString &clientId) const
{
    return clientId == QLatin1StringView(kStratusClientId) || m_settings.extraClients.contains(clientId);
}

QString OAuthService::clientName(const QString &clientId) const
{
    return clientId == QLatin1StringView(kStratusClientId) ? u"Stratus"_s : clientId;
}

QString OAuthService::cloudLabel(const QString &cloud) const
{
    return m_cloudLabels.value(cloud, cloud);
}

ApiResponse OAuthService::authorize(const ApiRequest &request, const QDateTime &now)
{
    // Until the client and its redirect URI are known good, errors stay in the browser (RFC 6749
    // §4.1.2.1): never redirect to a URI nobody vouched for.
    const QString clientId = request.param(u"client_id"_s);
    if (clientId.isEmpty() || !knowsClient(clientId))
        return oauthpages::error(400, u"Unknown application"_s,
                                 u"The application that sent you here is not known to this sandbox "
                                 "(client_id \"%1\")."_s.arg(clientId));
    const QString redirectUri = request.param(u"redirect_uri"_s);
    if (!isLoopbackRedirect(redirectUri))
        return oauthpages::error(400, u"Invalid redirect address"_s,
                                 u"The application asked to return to an address that is not a loopback "
                                 "one (http://127.0.0.1:PORT/…)."_s);
    if (m_settings.users.isEmpty())
        return oauthpages::error(503, u"No users"_s,
                                 u"This sandbox has no users to sign in with. Start it with --user "
                                 "EMAIL:PASSWORD@CLOUD to add one."_s);

    if (m_pending.size() >= kMaxPending)
        return oauthpages::error(503, u"Too many sign-ins"_s,
                                 u"Too many sign-ins are in progress. Try again in a few minutes."_s);

    PendingRequest pending;
    pending.clientId = clientId;
    pending.redirectUri = redirectUri;
    pending.hasState = request.hasParam(u"state"_s);
    pending.state = request.param(u"state"_s);
    auto refuse = [&](const QString &error, const QString &description) {
        QList<std::pair<QString, QString>> items {{u"error"_s, error}, {u"error_description"_s, description}};
        if (pending.hasState)
            items.append({u"state"_s, pending.state});
        return oauthpages::redirect(redirectWith(redirectUri, items));
    };
    if (request.param(u"response_type"_s) != u"code")
        return refuse(u"unsupported_response_type"_s, u"Only response_type=code is supported"_s);
    if (request.param(u"code_challenge_method"_s) != u"S256")
        return refuse(u"invalid_request"_s, u"PKCE with code_challenge_method=S256 is required"_s);
    pending.codeChallenge = request.param(u"code_challenge"_s);
    if (pending.codeChallenge.size() != 43 || !isBase64Url(pending.codeChallenge))
        return refuse(u"invalid_request"_s, u"code_challenge must be a base64url SHA-256 digest"_s);
    const QString scope = request.param(u"scope"_s);
    pending.scopes = scope.split(u' ', Qt::SkipEmptyParts);
    for (const QString &name : std::as_const(pending.scopes)) {
        if (!kKnownScopes.contains(name))
            return refuse(u"invalid_scope"_s, u"Unknown scope %1"_s.arg(name));
    }
    if (!pending.scopes.contains(u"asset_management"_s) && !pending.scopes.contains(u"upload"_s))
        pending.scopes += {u"asset_management"_s, u"upload"_s};
    pending.scopes.removeDuplicates();
    pending.loginHint = request.param(u"login_hint"_s);
    pending.expiresAt = now.addSecs(kPendingLifetimeSeconds);

    const QString id = randomToken();
    m_pending.insert(id, pending);
    return loginPage(id, pending, pending.loginHint, {});
}

ApiResponse OAuthService::loginPage(const QString &requestId, const PendingRequest &pending,
                                    const QString &email, const QString &error) const
{
    oauthpages::LoginPage page;
    page.requestId = requestId;
    page.clientName = clientName(pending.clientId);
    page.email = email;
    page.error = error;
    // The Local sandbox's demo user: filled in, its password shown.
    for (const UserConfig &user : m_settings.users) {
        if (user.demo) {
            if (page.email.isEmpty())
                page.email = user.email;
            if (page.email.compare(user.email, Qt::CaseInsensitive) == 0)
                page.demoPassword = user.password;
            break;
        }
    }
    return oauthpages::login(page);
}

ApiResponse OAuthService::consentPage(const QString &requestId, const PendingRequest &pending) const
{
    oauthpages::ConsentPage page;
    page.requestId = requestId;
    page.clientName = clientName(pending.clientId);
    const UserConfig *account = user(pending.user);
    page.user = account ? account->displayName() : pending.user;
    if (account) {
        for (const QString &cloud : account->clouds)
            page.clouds.append({cloud, cloudLabel(cloud)});
    }
    for (const QString &scope : pending.scopes) {
        if (const QString words = scopeWords(scope); !words.isEmpty())
            page.scopes.append(words);
    }
    return oauthpages::consent(page);
}

ApiResponse OAuthService::authorizeForm(const ApiRequest &request, const QDateTime &now)
{
    const QString id = request.param(u"request_id"_s);
    const auto it = m_pending.find(id);
    if (id.isEmpty() || it == m_pending.end())
        return oauthpages::error(400, u"Sign-in expired"_s,
                                 u"This sign-in is no longer valid: it took too long or was finished "
                                 "already. Start again from the application."_s);
    PendingRequest &pending = *it;
    const QString action = request.param(u"action"_s);
    auto answer = [&](const QList<std::pair<QString, QString>> &items) {
        QList<std::pair<QString, QString>> all = items;
        if (pending.hasState)
            all.append({u"state"_s, pending.state});
        const QUrl location = redirectWith(pending.redirectUri, all);
        m_pending.erase(it);
        return oauthpages::redirect(location);
    };

    if (action == u"deny")
        return answer(
            {{u"error"_s, u"access_denied"_s}, {u"error_description"_s, u"The user denied access"_s}});

    if (action == u"login") {
        const QString email = request.param(u"email"_s).trimmed();
        const UserConfig *account = user(email);
        // Compared in constant time, and the same answer for an unknown e-mail and a wrong password.
        const QByteArray given = request.param(u"password"_s).toUtf8();
        const bool right = account && core::signaturesEqual(account->password.toUtf8(), given);
        if (!right) {
            pending.user.clear();
            return loginPage(id, pending, email, u"Wrong e-mail address or password."_s);
        }
        pending.user = account->email;
        return consentPage(id, pending);
    }

    if (action == u"allow") {
        const UserConfig *account = user(pending.user);
        if (!account)
            return loginPage(id, pending, {}, u"Sign in first."_s);
        QString cloud = request.param(u"cloud"_s);
        if (cloud.isEmpty() && account->clouds.size() == 1)
            cloud = account->clouds.constFirst();
        if (!account->clouds.contains(cloud))
            return consentPage(id, pending);
        AuthorizationCode code;
        code.clientId = pending.clientId;
        code.redirectUri = pending.redirectUri;
        code.codeChallenge = pending.codeChallenge;
        code.user = account->email;
        code.cloud = cloud;
        code.scope = pending.scopes.join(u' ');
        code.expiresAt = now.addSecs(kCodeLifetimeSeconds);
        const QString text = randomToken();
        m_codes.insert(GrantStore::hashOf(text), code);
        return answer({{u"code"_s, text}});
    }
    return oauthpages::error(400, u"Unknown action"_s, u"The form sent an action this page does not know."_s);
}

ApiResponse OAuthService::token(const ApiRequest &request, const QString &baseUrl, const QDateTime &now)
{
    // A public client names itself with client_id; client_secret_basic with an empty secret too.
    QString clientId = request.param(u"client_id"_s);
    const QByteArray authorization = request.header("authorization");
    if (clientId.isEmpty() && authorization.startsWith("Basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        clientId = QUrl::fromPercentEncoding(decoded.left(decoded.indexOf(':')));
    }
    if (clientId.isEmpty() || !knowsClient(clientId))
        return oauthError(401, u"invalid_client"_s, u"Unknown client"_s);
    const QString grantType = request.param(u"grant_type"_s);
    if (grantType == u"authorization_code")
        return exchangeCode(request, clientId, baseUrl, now);
    if (grantType == u"refresh_token")
        return refresh(request, clientId, baseUrl, now);
    if (grantType.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"Missing grant_type"_s);
    return oauthError(400, u"unsupported_grant_type"_s, u"Unsupported grant_type %1"_s.arg(grantType));
}

ApiResponse OAuthService::exchangeCode(const ApiRequest &request, const QString &clientId,
                                       const QString &baseUrl, const QDateTime &now)
{
    const QString text = request.param(u"code"_s);
    if (text.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"Missing code"_s);
    const auto it = m_codes.find(GrantStore::hashOf(text));
    if (it == m_codes.end() || it->expiresAt <= now)
        return oauthError(400, u"invalid_grant"_s, u"The authorization code is invalid or expired"_s);
    AuthorizationCode &code = *it;
    if (code.used) {
        // RFC 6749 §4.1.2: a code presented twice revokes what it gave.
        if (!code.grantId.isEmpty())
            m_grants.revokeGrant(code.grantId);
        return oauthError(400, u"invalid_grant"_s, u"The authorization code was used already"_s);
    }
    // The first presentation spends the code, whatever comes of it.
    code.used = true;
    if (code.clientId != clientId)
        return oauthError(400, u"invalid_grant"_s, u"The authorization code was issued to another client"_s);
    if (request.param(u"redirect_uri"_s) != code.redirectUri)
        return oauthError(400, u"invalid_grant"_s,
                          u"redirect_uri does not match the authorization request"_s);
    const QString verifier = request.param(u"code_verifier"_s);
    if (verifier.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"Missing code_verifier"_s);
    if (!isVerifier(verifier)
        || !core::signaturesEqual(code.codeChallenge.toLatin1(), s256(verifier).toLatin1()))
        return oauthError(400, u"invalid_grant"_s, u"code_verifier does not match the code_challenge"_s);

    Grant grant;
    grant.id = randomId();
    grant.clientId = clientId;
    grant.subject = code.user;
    grant.cloud = code.cloud;
    grant.scope = code.scope;
    grant.createdAt = now;
    if (!m_grants.addGrant(grant))
        return oauthError(500, u"server_error"_s, u"Cannot store the grant"_s);
    code.grantId = grant.id;
    ++m_stats.codeExchanges;
    return issueTokens(grant, baseUrl, now);
}

ApiResponse OAuthService::refresh(const ApiRequest &request, const QString &clientId, const QString &baseUrl,
                                  const QDateTime &now)
{
    const QString text = request.param(u"refresh_token"_s);
    if (text.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"Missing refresh_token"_s);
    const QByteArray hash = GrantStore::hashOf(text);
    const auto stored = m_grants.refreshToken(hash);
    auto refuse = [this](const QString &description) {
        ++m_stats.refusedRefreshes;
        return oauthError(400, u"invalid_grant"_s, description);
    };
    if (!stored)
        return refuse(u"The refresh token is invalid"_s);
    if (stored->used) {
        // Rotation's reuse detection: whoever holds the old token may be a thief, so the whole
        // grant goes, the newer tokens with it.
        ++m_stats.reusedRefreshTokens;
        m_grants.revokeGrant(stored->grantId);
        return refuse(u"The refresh token was used already; the grant is revoked"_s);
    }
    const Grant *grant = m_grants.grant(stored->grantId);
    if (!grant || grant->revoked)
        return refuse(u"The grant was revoked"_s);
    if (grant->clientId != clientId)
        return refuse(u"The refresh token was issued to another client"_s);
    const UserConfig *account = user(grant->subject);
    if (!account || !account->clouds.contains(grant->cloud))
        return refuse(u"The user no longer has access to %1"_s.arg(grant->cloud));
    if (!m_grants.markRefreshTokenUsed(hash))
        return oauthError(500, u"server_error"_s, u"Cannot store the refresh token"_s);
    ++m_stats.refreshes;
    return issueTokens(*grant, baseUrl, now);
}

ApiResponse OAuthService::issueTokens(const Grant &grant, const QString &baseUrl, const QDateTime &now)
{
    const qint64 issuedAt = now.toSecsSinceEpoch();
    const QJsonObject claims {
        {u"iss"_s, baseUrl},
        {u"sub"_s, grant.subject},
        {u"aud"_s, grant.clientId},
        {u"client_id"_s, grant.clientId},
        {u"scope"_s, grant.scope},
        {u"iat"_s, double(issuedAt)},
        {u"exp"_s, double(issuedAt + m_settings.tokenLifetimeSeconds)},
        {u"jti"_s, randomId()},
        {u"sid"_s, grant.id},
        {u"ext"_s, QJsonObject {{u"cloud_name"_s, grant.cloud}}},
    };
    QJsonObject answer {
        {u"access_token"_s, jwt::signHs256(claims, m_grants.signingKey())},
        {u"token_type"_s, u"Bearer"_s},
        {u"expires_in"_s, m_settings.tokenLifetimeSeconds},
        {u"scope"_s, grant.scope},
    };
    if (grant.scope.split(u' ').contains(u"offline_access"_s)) {
        const QString refreshToken = randomToken();
        if (!m_grants.addRefreshToken(GrantStore::hashOf(refreshToken), grant.id))
            return oauthError(500, u"server_error"_s, u"Cannot store the refresh token"_s);
        answer.insert(u"refresh_token"_s, refreshToken);
    }
    ApiResponse response = ApiResponse::json(answer);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    return response;
}

ApiResponse OAuthService::revoke(const ApiRequest &request, const QDateTime &now)
{
    Q_UNUSED(now)
    const QString clientId = request.param(u"client_id"_s);
    if (!clientId.isEmpty() && !knowsClient(clientId))
        return oauthError(401, u"invalid_client"_s, u"Unknown client"_s);
    const QString text = request.param(u"token"_s);
    if (text.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"Missing token"_s);

    // RFC 7009 §2.2: an unknown or already invalid token is answered 200 all the same.
    QString grantId;
    if (const auto stored = m_grants.refreshToken(GrantStore::hashOf(text)))
        grantId = stored->grantId;
    else if (const auto claims = jwt::verifyHs256(text, m_grants.signingKey()))
        grantId = claims->value(u"sid"_s).toString();
    const Grant *grant = m_grants.grant(grantId);
    if (grant && (clientId.isEmpty() || grant->clientId == clientId) && m_grants.revokeGrant(grantId))
        ++m_stats.revocations;
    ApiResponse response = ApiResponse::bytes({}, "application/json; charset=utf-8", 200);
    response.setHeader("Cache-Control", "no-store");
    return response;
}

std::optional<ApiResponse> OAuthService::checkBearer(const ApiRequest &request, const QString &cloud,
                                                     Scope scope, const QDateTime &now) const
{
    const QString text = bearerToken(request);
    const auto claims = jwt::verifyHs256(text, m_grants.signingKey());
    if (!claims)
        return bearerRefusal(401, u"Invalid token"_s, "invalid_token");
    if (claims->value(u"exp"_s).toDouble() <= double(now.toSecsSinceEpoch()))
        return bearerRefusal(401, u"Token expired"_s, "invalid_token");
    const Grant *grant = m_grants.grant(claims->value(u"sid"_s).toString());
    if (!grant || grant->revoked)
        return bearerRefusal(401, u"Token revoked"_s, "invalid_token");
    const QString tokenCloud = claims->value(u"ext"_s).toObject().value(u"cloud_name"_s).toString();
    if (tokenCloud != cloud || grant->cloud != cloud)
        return bearerRefusal(401, u"Invalid token for cloud_name %1"_s.arg(cloud), "invalid_token");
    const QString needed = scope == Scope::Upload ? u"upload"_s : u"asset_management"_s;
    if (!claims->value(u"scope"_s).toString().split(u' ').contains(needed))
        return bearerRefusal(403, u"The token's scope does not include %1"_s.arg(needed),
                             "insufficient_scope");
    return std::nullopt;
}

QJsonObject OAuthService::statsJson() const
{
    return {
        {u"code_exchanges"_s, m_stats.codeExchanges},
        {u"refreshes"_s, m_stats.refreshes},
        {u"refused_refreshes"_s, m_stats.refusedRefreshes},
        {u"reused_refresh_tokens"_s, m_stats.reusedRefreshTokens},
        {u"revocations"_s, m_stats.revocations},
    };
}

} // namespace stratus::sandbox
