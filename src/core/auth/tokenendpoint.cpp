#include "tokenendpoint.h"

#include "core/net/httpreply.h"
#include "core/net/transportsecurity.h"
#include "core/util/secretmemory.h"

#include "core/net/ratelimitbudget.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

// application/x-www-form-urlencoded (RFC 6749 appendix B): everything but the unreserved characters
// percent-encoded, so a `+` or `&` in a token stays itself.
void addField(QByteArray &form, const char *name, const QString &value)
{
    if (!form.isEmpty())
        form += '&';
    form += name;
    form += '=';
    QByteArray utf8 = value.toUtf8();
    form += utf8.toPercentEncoding();
    wipe(utf8);
}

// Where tokens and codes may go: https, or plain http to this computer (a sandbox, a test). Never
// to another computer in clear, whatever an environment allows: no setting asks for that.
std::optional<Error> endpointProblem(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"https" && url.scheme() != u"http"))
        return Error::because(Error::Kind::InvalidInput, ErrorReason::EndpointMissing);
    return credentialTransportProblem(url, InsecureTransport::Refused);
}

QNetworkRequest formRequest(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    request.setRawHeader("Accept", "application/json");
    // Answers with tokens are not for any cache (RFC 6749 §5.1 asks the server; ask the client too).
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    return request;
}

// What a token endpoint says when it refuses (RFC 6749 §5.2): "invalid_grant: the description".
QString oauthErrorWords(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QString error = object.value(u"error"_s).toString().simplified().left(100);
    const QString description = object.value(u"error_description"_s).toString().simplified().left(300);
    if (error.isEmpty())
        return description;
    return description.isEmpty() ? error : u"%1: %2"_s.arg(error, description);
}

} // namespace

TokenRequestJob::TokenRequestJob(QNetworkAccessManager *network, Endpoints endpoints, QByteArray form,
                                 QString keptRefresh, QObject *parent)
    : NetworkJob(network, parent)
    , m_endpoints(std::move(endpoints))
    , m_form(std::move(form))
    , m_keptRefresh(std::move(keptRefresh))
{
    // A code is single-use and a refresh token is rotated: a request sent twice (the first answer
    // lost on the way) would be refused, and a reused refresh token revokes the whole grant at
    // servers that detect reuse. So no retries; the caller decides.
    RetryPolicy policy;
    policy.maxAttempts = 1;
    policy.waitForRateLimit = false;
    policy.stallTimeout = std::chrono::seconds(30);
    setRetryPolicy(policy);
}

TokenRequestJob::~TokenRequestJob()
{
    wipe(m_form);
    wipe(m_keptRefresh);
}

TokenRequestJob *TokenRequestJob::exchangeCode(QNetworkAccessManager *network, Endpoints endpoints,
                                               const QString &code, const QUrl &redirectUri,
                                               const QString &codeVerifier, QObject *parent)
{
    QByteArray form;
    addField(form, "grant_type", u"authorization_code"_s);
    addField(form, "code", code);
    addField(form, "redirect_uri", redirectUri.toString(QUrl::FullyEncoded));
    addField(form, "client_id", endpoints.clientId);
    addField(form, "code_verifier", codeVerifier);
    return new TokenRequestJob(network, std::move(endpoints), std::move(form), QString(), parent);
}

TokenRequestJob *TokenRequestJob::refresh(QNetworkAccessManager *network, const TokenPair &old,
                                          QObject *parent)
{
    QByteArray form;
    addField(form, "grant_type", u"refresh_token"_s);
    addField(form, "refresh_token", old.refreshToken);
    addField(form, "client_id", old.clientId);
    return new TokenRequestJob(network, Endpoints {old.tokenUrl, old.revokeUrl, old.clientId},
                               std::move(form), old.refreshToken, parent);
}

Result<NetworkJob::Outgoing> TokenRequestJob::buildRequest(const Attempt &attempt)
{
    Q_UNUSED(attempt);
    if (auto refused = endpointProblem(m_endpoints.tokenUrl))
        return *refused;
    Outgoing outgoing;
    outgoing.verb = "POST";
    outgoing.request = formRequest(m_endpoints.tokenUrl);
    outgoing.body = m_form;
    outgoing.hasBody = true;
    return outgoing;
}

std::optional<Error> TokenRequestJob::parseReply(const HttpReply &reply)
{
    const auto unusable = [](const QString &why) {
        return Error::because(Error::Kind::Auth, ErrorReason::SignInAnswerUnusable, QString(), why);
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(reply.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return unusable(u"not JSON"_s);
    const QJsonObject object = document.object();
    const QString accessToken = object.value(u"access_token"_s).toString();
    if (accessToken.isEmpty())
        return unusable(u"no access_token"_s);
    const QString type = object.value(u"token_type"_s).toString();
    if (type.compare(u"Bearer", Qt::CaseInsensitive) != 0)
        return unusable(u"token_type is not Bearer"_s);
    const QJsonValue refresh = object.value(u"refresh_token"_s);
    if (!refresh.isUndefined() && !refresh.isNull() && !refresh.isString())
        return unusable(u"refresh_token is not text"_s);
    const QJsonValue expiresIn = object.value(u"expires_in"_s);
    // Some servers send the number as text.
    const double seconds = expiresIn.isString() ? expiresIn.toString().toDouble() : expiresIn.toDouble(-1);

    TokenPair tokens;
    tokens.accessToken = accessToken;
    tokens.refreshToken = refresh.toString().isEmpty() ? m_keptRefresh : refresh.toString();
    if (seconds > 0)
        tokens.expiresAt = now().addSecs(qint64(seconds));
    tokens.scope = object.value(u"scope"_s).toString();
    tokens.tokenUrl = m_endpoints.tokenUrl;
    tokens.revokeUrl = m_endpoints.revokeUrl;
    tokens.clientId = m_endpoints.clientId;
    m_tokens = std::move(tokens);
    return std::nullopt;
}

void TokenRequestJob::describeFailure(const HttpReply &reply, Error &error)
{
    if (reply.status == 400 || reply.status == 401) {
        error.kind = Error::Kind::Auth;
        error.reason = ErrorReason::SignInGrantRefused;
        error.message = oauthErrorWords(reply.body);
        error.retryable = false;
    }
}

RevokeTokenJob::RevokeTokenJob(QNetworkAccessManager *network, const TokenPair &tokens, QObject *parent)
    : NetworkJob(network, parent)
    , m_url(tokens.revokeUrl)
{
    // The refresh token ends the whole grant; without one, the access token is all there is.
    const bool refresh = !tokens.refreshToken.isEmpty();
    addField(m_form, "token", refresh ? tokens.refreshToken : tokens.accessToken);
    addField(m_form, "token_type_hint", refresh ? u"refresh_token"_s : u"access_token"_s);
    if (!tokens.clientId.isEmpty())
        addField(m_form, "client_id", tokens.clientId);
    RetryPolicy policy;
    policy.maxAttempts = 2;
    policy.waitForRateLimit = false;
    policy.stallTimeout = std::chrono::seconds(20);
    setRetryPolicy(policy);
}

RevokeTokenJob::~RevokeTokenJob()
{
    wipe(m_form);
}

Result<NetworkJob::Outgoing> RevokeTokenJob::buildRequest(const Attempt &attempt)
{
    Q_UNUSED(attempt);
    if (auto refused = endpointProblem(m_url))
        return *refused;
    Outgoing outgoing;
    outgoing.verb = "POST";
    outgoing.request = formRequest(m_url);
    outgoing.body = m_form;
    outgoing.hasBody = true;
    return outgoing;
}

std::optional<Error> RevokeTokenJob::parseReply(const HttpReply &reply)
{
    Q_UNUSED(reply);
    return std::nullopt;
}

} // namespace stratus::core
