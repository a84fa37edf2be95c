#include "httpreply.h"

#include "httpdate.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

// Transport failures that a later attempt may not see: the connection broke or never came up,
// or something on the way timed out. Everything else (TLS, protocol, bad URL, proxy auth) is
// permanent until a person changes something.
bool isTransientNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProtocolFailure:
        return true;
    default:
        return false;
    }
}

Error::NetworkCause networkCause(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
        return Error::NetworkCause::HostNotFound;
    case QNetworkReply::ConnectionRefusedError:
        return Error::NetworkCause::ConnectionRefused;
    case QNetworkReply::TimeoutError:
        return Error::NetworkCause::Timeout;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownProxyError:
        return Error::NetworkCause::Proxy;
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return Error::NetworkCause::ProxyAuth;
    case QNetworkReply::SslHandshakeFailedError:
        return Error::NetworkCause::Tls;
    default:
        return Error::NetworkCause::Other;
    }
}

QString statusText(const HttpReply &reply)
{
    const QString reason = QString::fromLatin1(reply.reasonPhrase).trimmed();
    return reason.isEmpty() ? u"HTTP %1"_s.arg(reply.status) : u"HTTP %1 %2"_s.arg(reply.status).arg(reason);
}

} // namespace

HttpReply HttpReply::fromReply(QNetworkReply &reply)
{
    HttpReply result;
    const QVariant status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute);
    result.status = status.isValid() ? status.toInt() : 0;
    result.reasonPhrase = reply.attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    result.headers = reply.rawHeaderPairs();
    result.body = reply.readAll();
    result.networkError = reply.error();
    if (result.status == 0 && result.networkError != QNetworkReply::NoError)
        result.networkErrorText = reply.errorString();
    return result;
}

QByteArray HttpReply::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpReply::hasHeader(QByteArrayView name) const
{
    for (const auto &pair : headers) {
        if (QByteArrayView(pair.first).compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString cloudinaryErrorMessage(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return {};
    const QJsonValue error = document.object().value(u"error");
    if (error.isObject())
        return error.toObject().value(u"message").toString();
    // A few endpoints answer {"error":"text"}; take that too.
    return error.toString();
}

std::optional<QDateTime> retryAfterHeader(const HttpReply &reply, const QDateTime &now)
{
    const QByteArray retryAfter = reply.header("Retry-After").trimmed();
    if (retryAfter.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = retryAfter.toLongLong(&ok);
    if (ok && seconds >= 0)
        return now.addSecs(seconds);
    return HttpDate::parse(retryAfter);
}

std::optional<QDateTime> retryAfterFromReply(const HttpReply &reply, const QDateTime &now)
{
    if (auto after = retryAfterHeader(reply, now))
        return after;
    if (auto reset = HttpDate::parse(reply.header("X-FeatureRateLimit-Reset")))
        return reset;
    return std::nullopt;
}

Error errorFromReply(const HttpReply &reply, const QDateTime &now)
{
    Error error;
    error.httpStatus = reply.status;
    if (reply.status == 0) {
        error.kind = Error::Kind::Network;
        error.retryable = isTransientNetworkError(reply.networkError);
        error.networkCause = networkCause(reply.networkError);
        error.message = reply.networkErrorText; // the system's words; kind and cause say the rest
        return error;
    }

    const int status = reply.status;
    if (status == 400)
        error.kind = Error::Kind::InvalidInput;
    else if (status == 401)
        error.kind = Error::Kind::Auth;
    else if (status == 403)
        error.kind = Error::Kind::Permission;
    else if (status == 404)
        error.kind = Error::Kind::NotFound;
    else if (status == 409)
        error.kind = Error::Kind::Conflict;
    else if (status == 420 || status == 429)
        error.kind = Error::Kind::RateLimited;
    else if (status == 408)
        error.kind = Error::Kind::Network;
    else if (status == 407) {
        error.kind = Error::Kind::Network;
        error.networkCause = Error::NetworkCause::ProxyAuth;
    } else if (status >= 500)
        error.kind = Error::Kind::Server;
    else if (status >= 400)
        error.kind = Error::Kind::InvalidInput;
    else
        error.kind = Error::Kind::Server; // 1xx/3xx where a final answer was expected

    // 5xx heal (except "not implemented"), rate limits reset, a request timeout may pass; a
    // redirect or another client error needs a change first.
    error.retryable = error.kind == Error::Kind::RateLimited || status == 408
        || (status >= 500 && status != 501 && status != 505);
    if (error.kind == Error::Kind::RateLimited)
        error.retryAfter = retryAfterFromReply(reply, now);
    else if (status == 503)
        error.retryAfter = retryAfterHeader(reply, now); // the rate-limit reset says nothing here

    const QString message = cloudinaryErrorMessage(reply.body);
    error.message = message.isEmpty() ? statusText(reply) : message;
    return error;
}

} // namespace stratus::core
