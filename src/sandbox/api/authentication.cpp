#include "authentication.h"

#include "core/signing/apisigner.h"
#include "core/signing/signaturealgorithm.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtNumeric>

#include <limits>

namespace stratus::sandbox {

namespace {

// The request's parameters as the client signed them: `name[]` fields joined with commas under
// their bare name, everything else as sent.
QJsonObject signedParams(const ApiRequest &request)
{
    QJsonObject params;
    QHash<QString, QStringList> arrays;
    for (const auto &[name, value] : request.params) {
        if (name.endsWith(QStringLiteral("[]")))
            arrays[name.chopped(2)].append(value);
        else
            params.insert(name, value);
    }
    for (auto it = arrays.cbegin(); it != arrays.cend(); ++it)
        params.insert(it.key(), it.value().join(u','));
    for (auto it = request.json.begin(); it != request.json.end(); ++it) {
        if (!params.contains(it.key()))
            params.insert(it.key(), it.value());
    }
    return core::ApiSigner::paramsToSign(params);
}

// Cloudinary accepts a request signed within the last hour. A signature from the future would stay
// valid (and replayable) until that time, so only a little clock skew is allowed ahead.
constexpr qint64 kMaxAgeSeconds = 3600;
constexpr qint64 kMaxAheadSeconds = 5 * 60;

// "2016-12-15 04:02:46 +0000", or the number itself when it is no date (QDateTime's arithmetic
// on seconds far beyond the year 9999 would overflow).
QString reportedTime(qint64 timestamp)
{
    constexpr qint64 kYear9999 = 253402300799;
    if (timestamp < -kYear9999 || timestamp > kYear9999)
        return QString::number(timestamp);
    return QDateTime::fromSecsSinceEpoch(timestamp, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss '+0000'"));
}

// The answer refusing a signed request's timestamp, or nothing. Only `now` (a clock) is added to
// or subtracted from, with overflow checks, never the client's number.
std::optional<ApiResponse> checkTimestamp(qint64 timestamp, qint64 now)
{
    qint64 earliest = 0;
    if (qSubOverflow(now, kMaxAgeSeconds, &earliest))
        earliest = std::numeric_limits<qint64>::min();
    qint64 latest = 0;
    if (qAddOverflow(now, kMaxAheadSeconds, &latest))
        latest = std::numeric_limits<qint64>::max();
    if (timestamp < earliest) {
        // Cloudinary's words: "Stale request - reported time is 2016-12-15 04:02:46 +0000 which is
        // more than 1 hour ago", with HTTP 400.
        return ApiResponse::error(
            400,
            QStringLiteral("Stale request - reported time is %1 which is more than 1 hour ago")
                .arg(reportedTime(timestamp)));
    }
    if (timestamp > latest)
        return ApiResponse::error(
            400,
            QStringLiteral("Invalid timestamp - reported time is %1 which is more than %2 minutes ahead of "
                           "the server's clock")
                .arg(reportedTime(timestamp))
                .arg(kMaxAheadSeconds / 60));
    return std::nullopt;
}

} // namespace

std::optional<ApiResponse> checkBasicAuth(const ApiRequest &request, const QString &key,
                                          const QString &secret)
{
    const QByteArray header = request.header("authorization");
    if (!header.startsWith("Basic ")) {
        return ApiResponse::error(401, QStringLiteral("Must supply api_key"));
    }
    const QByteArray decoded = QByteArray::fromBase64(header.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    const QString givenKey = QString::fromUtf8(decoded.left(colon));
    const QByteArray givenSecret = colon < 0 ? QByteArray() : decoded.mid(colon + 1);
    if (givenKey != key)
        return ApiResponse::error(401, QStringLiteral("Unknown API key %1").arg(givenKey));
    if (!core::signaturesEqual(secret.toUtf8(), givenSecret))
        return ApiResponse::error(401, QStringLiteral("Invalid credentials"));
    return std::nullopt;
}

std::optional<ApiResponse> checkUploadAuth(const ApiRequest &request, const ApiContext &ctx,
                                           bool allowUnsigned, UploadAuth *mode)
{
    if (ctx.tokenVerified) {
        *mode = UploadAuth::Bearer;
        return std::nullopt;
    }
    const EnvironmentConfig &env = ctx.env;
    const QDateTime &now = ctx.now;
    const QString signature = request.param(QStringLiteral("signature"));
    if (signature.isEmpty()) {
        if (request.header("authorization").startsWith("Basic ")) {
            *mode = UploadAuth::Basic;
            return checkBasicAuth(request, env.apiKey, env.apiSecret);
        }
        if (allowUnsigned) {
            *mode = UploadAuth::Unsigned;
            return std::nullopt;
        }
        return ApiResponse::error(401, QStringLiteral("Must supply api_key"));
    }
    *mode = UploadAuth::Signed;
    const QString apiKey = request.param(QStringLiteral("api_key"));
    if (apiKey.isEmpty())
        return ApiResponse::error(401, QStringLiteral("Must supply api_key"));
    if (apiKey != env.apiKey)
        return ApiResponse::error(401, QStringLiteral("Unknown API key %1").arg(apiKey));
    const QString timestampText = request.param(QStringLiteral("timestamp"));
    if (timestampText.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Missing required parameter - timestamp"));
    bool ok = false;
    const qint64 timestamp = timestampText.toLongLong(&ok);
    if (!ok)
        return ApiResponse::error(400, QStringLiteral("Invalid timestamp - %1").arg(timestampText));
    if (auto refused = checkTimestamp(timestamp, now.toSecsSinceEpoch()))
        return refused;

    // The digest's length tells the algorithm; both signature versions are accepted.
    core::SignatureAlgorithm algorithm;
    if (signature.size() == 40)
        algorithm = core::SignatureAlgorithm::Sha1;
    else if (signature.size() == 64)
        algorithm = core::SignatureAlgorithm::Sha256;
    else
        return ApiResponse::error(
            401,
            QStringLiteral("Invalid Signature %1. String to sign - '%2'.")
                .arg(signature,
                     core::ApiSigner::stringToSign(signedParams(request), core::SignatureVersion::V2)));
    const QJsonObject params = signedParams(request);
    const QByteArray given = signature.toLatin1().toLower();
    for (const auto version : {core::SignatureVersion::V2, core::SignatureVersion::V1}) {
        const QString expected = core::ApiSigner(algorithm, version).sign(params, env.apiSecret);
        if (core::signaturesEqual(expected.toLatin1(), given))
            return std::nullopt;
    }
    return ApiResponse::error(
        401,
        QStringLiteral("Invalid Signature %1. String to sign - '%2'.")
            .arg(signature, core::ApiSigner::stringToSign(params, core::SignatureVersion::V2)));
}

} // namespace stratus::sandbox
