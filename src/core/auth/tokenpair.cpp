#include "tokenpair.h"

#include "core/util/secretmemory.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

// The stored text's version: a later Stratus that changes the shape reads this one still.
constexpr int kStoredVersion = 1;

Error unreadable()
{
    return Error::because(Error::Kind::Auth, ErrorReason::TokenUnreadable);
}

// A URL the stored text may name: http(s) with a host, or nothing.
bool usableEndpoint(const QUrl &url)
{
    return url.isEmpty()
        || (url.isValid() && (url.scheme() == u"https" || url.scheme() == u"http") && !url.host().isEmpty());
}

QDateTime fromSeconds(const QJsonValue &value)
{
    if (!value.isDouble())
        return {};
    return QDateTime::fromSecsSinceEpoch(qint64(value.toDouble()), Qt::UTC);
}

} // namespace

TokenPair::~TokenPair()
{
    wipe(accessToken);
    wipe(refreshToken);
}

bool TokenPair::isExpired(const QDateTime &now, int marginSeconds) const
{
    if (!expiresAt.isValid())
        return false; // the server did not say: the answer to a call will
    return now.addSecs(marginSeconds) >= expiresAt;
}

QString TokenPair::toStoredText() const
{
    QJsonObject object {
        {u"version"_s, kStoredVersion},
        {u"access_token"_s, accessToken},
        {u"token_url"_s, tokenUrl.toString(QUrl::FullyEncoded)},
        {u"revoke_url"_s, revokeUrl.toString(QUrl::FullyEncoded)},
        {u"client_id"_s, clientId},
    };
    if (!refreshToken.isEmpty())
        object.insert(u"refresh_token"_s, refreshToken);
    if (expiresAt.isValid())
        object.insert(u"expires_at"_s, expiresAt.toUTC().toString(Qt::ISODate));
    if (!scope.isEmpty())
        object.insert(u"scope"_s, scope);
    QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    QString text = QString::fromUtf8(json);
    wipe(json);
    return text;
}

Result<TokenPair> TokenPair::fromStoredText(const QString &text)
{
    QByteArray json = text.toUtf8();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    wipe(json);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return unreadable();
    const QJsonObject object = document.object();
    if (object.value(u"version"_s).toInt() != kStoredVersion)
        return unreadable();
    const QJsonValue access = object.value(u"access_token"_s);
    const QJsonValue refresh = object.value(u"refresh_token"_s);
    if (!access.isString() || access.toString().isEmpty() || !(refresh.isString() || refresh.isUndefined()))
        return unreadable();
    TokenPair pair;
    pair.accessToken = access.toString();
    pair.refreshToken = refresh.toString();
    pair.scope = object.value(u"scope"_s).toString();
    pair.clientId = object.value(u"client_id"_s).toString();
    pair.tokenUrl = QUrl(object.value(u"token_url"_s).toString(), QUrl::StrictMode);
    pair.revokeUrl = QUrl(object.value(u"revoke_url"_s).toString(), QUrl::StrictMode);
    if (!usableEndpoint(pair.tokenUrl) || !usableEndpoint(pair.revokeUrl))
        return unreadable();
    if (const QJsonValue expires = object.value(u"expires_at"_s); !expires.isUndefined()) {
        pair.expiresAt = QDateTime::fromString(expires.toString(), Qt::ISODate);
        if (!pair.expiresAt.isValid())
            return unreadable();
        pair.expiresAt = pair.expiresAt.toUTC();
    }
    return pair;
}

Result<AccessTokenClaims> readAccessTokenClaims(const QString &jwt)
{
    const auto unusable = [](const QString &why) {
        return Error::because(Error::Kind::InvalidInput, ErrorReason::SignInAnswerUnusable, QString(), why);
    };
    const QStringList parts = jwt.split(u'.');
    if (parts.size() != 3 || parts.at(1).isEmpty())
        return unusable(u"the access token is not a JWT"_s);
    const auto decoded = QByteArray::fromBase64Encoding(
        parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return unusable(u"the access token is not a JWT"_s);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*decoded, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return unusable(u"the access token's claims are not JSON"_s);
    const QJsonObject claims = document.object();
    AccessTokenClaims read;
    read.cloudName = claims.value(u"ext"_s).toObject().value(u"cloud_name"_s).toString().trimmed();
    if (read.cloudName.isEmpty())
        return unusable(u"the access token names no product environment (ext.cloud_name)"_s);
    // It becomes the host of a cloudinary:// URL and a path segment of every API call: only what a
    // cloud name is made of, never a character that could point them elsewhere.
    static const QRegularExpression cloudName(u"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$"_s);
    if (!cloudName.match(read.cloudName).hasMatch())
        return unusable(u"the access token's ext.cloud_name is not a cloud name"_s);
    read.issuer = claims.value(u"iss"_s).toString();
    read.subject = claims.value(u"sub"_s).toString();
    read.issuedAt = fromSeconds(claims.value(u"iat"_s));
    read.expiresAt = fromSeconds(claims.value(u"exp"_s));
    return read;
}

} // namespace stratus::core
