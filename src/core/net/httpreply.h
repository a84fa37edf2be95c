#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QNetworkReply>
#include <QString>

#include <optional>
#include <utility>

class QNetworkReply;

namespace stratus::core {

/// What came back for one HTTP request, copied out of the QNetworkReply so that error mapping,
/// rate-limit bookkeeping and parsing are pure functions a test can feed directly. Plain value.
struct HttpReply
{
    int status = 0; ///< 0 when no HTTP answer arrived (transport error)
    QByteArray reasonPhrase;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorText; ///< QNetworkReply::errorString() for transport errors only

    /// Copies status, headers, body and error of a finished reply.
    [[nodiscard]] static HttpReply fromReply(QNetworkReply &reply);

    /// The value of a header (case-insensitive); empty when absent.
    [[nodiscard]] QByteArray header(QByteArrayView name) const;
    [[nodiscard]] bool hasHeader(QByteArrayView name) const;

    /// `X-Request-Id`: Cloudinary's id of this request, for logs and support tickets.
    [[nodiscard]] QByteArray requestId() const { return header("X-Request-Id"); }

    [[nodiscard]] bool isSuccess() const { return status >= 200 && status < 300; }
};

/// Cloudinary's own words from an error body `{"error":{"message":"…"}}`; an empty string when the
/// body is not that shape (HTML from a proxy, plain text, nothing).
[[nodiscard]] QString cloudinaryErrorMessage(const QByteArray &body);

/// When the server asks us to come back: `Retry-After` (seconds or an HTTP date), else
/// `X-FeatureRateLimit-Reset` (an HTTP date), else nothing. `now` resolves relative values.
[[nodiscard]] std::optional<QDateTime> retryAfterFromReply(const HttpReply &reply, const QDateTime &now);

/// `Retry-After` alone (seconds or an HTTP date), resolved against `now`.
[[nodiscard]] std::optional<QDateTime> retryAfterHeader(const HttpReply &reply, const QDateTime &now);

/// The Error for a reply that is not a success (2xx): 400 InvalidInput, 401 Auth, 403 Permission,
/// 404 NotFound, 409 Conflict, 420/429 RateLimited (retryable, with retryAfter), 5xx Server
/// (retryable), transport errors Network (retryable unless TLS or otherwise permanent). The message
/// is Cloudinary's when the body has one. Never contains a URL.
[[nodiscard]] Error errorFromReply(const HttpReply &reply, const QDateTime &now);

} // namespace stratus::core
