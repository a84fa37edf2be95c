#include "jwt.h"

#include "core/signing/signaturealgorithm.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace stratus::sandbox::jwt {

namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray encode(const QByteArray &bytes)
{
    return bytes.toBase64(kBase64Url);
}

std::optional<QByteArray> decode(QByteArrayView text)
{
    auto decoded = QByteArray::fromBase64Encoding(text.toByteArray(),
                                                  kBase64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return decoded.decoded;
}

QByteArray mac(QByteArrayView signingInput, const QByteArray &key)
{
    return QMessageAuthenticationCode::hash(signingInput.toByteArray(), key, QCryptographicHash::Sha256);
}

} // namespace

QString signHs256(const QJsonObject &claims, const QByteArray &key)
{
    static const QByteArray header = encode(R"({"alg":"HS256","typ":"JWT"})");
    const QByteArray input = header + '.' + encode(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray token = input + '.' + encode(mac(input, key));
    return QString::fromLatin1(token);
}

std::optional<QJsonObject> verifyHs256(QStringView token, const QByteArray &key)
{
    if (token.size() > 8192)
        return std::nullopt;
    const QByteArray text = token.toLatin1();
    const qsizetype first = text.indexOf('.');
    const qsizetype last = text.lastIndexOf('.');
    if (first <= 0 || last <= first || text.indexOf('.', first + 1) != last)
        return std::nullopt;
    const auto header = decode(QByteArrayView(text).first(first));
    const auto payload = decode(QByteArrayView(text).sliced(first + 1, last - first - 1));
    const auto signature = decode(QByteArrayView(text).sliced(last + 1));
    if (!header || !payload || !signature)
        return std::nullopt;
    const QJsonObject head = QJsonDocument::fromJson(*header).object();
    if (head.value(QStringLiteral("alg")).toString() != u"HS256")
        return std::nullopt;
    if (!core::signaturesEqual(mac(QByteArrayView(text).first(last), key), *signature))
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument claims = QJsonDocument::fromJson(*payload, &error);
    if (error.error != QJsonParseError::NoError || !claims.isObject())
        return std::nullopt;
    return claims.object();
}

} // namespace stratus::sandbox::jwt
