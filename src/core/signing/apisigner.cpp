#include "apisigner.h"

#include "clock.h"
#include "jscoercion.h"

#include <QCollator>
#include <QJsonArray>
#include <QLocale>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

// UTF-8 as JavaScript's crypto hashes a string: an unpaired surrogate becomes U+FFFD (QString's
// encoder would write '?'), so a signature over such text matches the SDK's.
QByteArray wellFormedUtf8(QString text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
        } else if (c.isSurrogate()) {
            text[i] = QChar(QChar::ReplacementCharacter);
        }
    }
    return text.toUtf8();
}

} // namespace

namespace {

// The Node SDK sorts parameter names with String.prototype.localeCompare(), i.e. ICU collation in
// Node's default locale. That is en-US under a C/POSIX or English environment, so we pin en-US
// rather than follow the user's locale: a signature must not depend on where it is computed.
// One collator per thread because QCollator initialises lazily inside compare().
const QCollator &nameCollator()
{
    thread_local const QCollator collator = [] {
        QCollator c {QLocale(QLocale::English, QLocale::UnitedStates)};
        c.setCaseSensitivity(Qt::CaseSensitive);
        c.setNumericMode(false);
        c.setIgnorePunctuation(false);
        return c;
    }();
    return collator;
}

// JavaScript orders the own keys of an object with the array-index-like ones ("0", "17", not
// "017") first, ascending, then the rest in insertion order (which a QJsonObject does not keep;
// it only matters for names that collate equal). localeCompare's sort is stable, so this order
// decides between names the collator cannot tell apart.
QStringList namesInJavaScriptOrder(const QJsonObject &params)
{
    QStringList indexes;
    QStringList others;
    for (auto it = params.begin(); it != params.end(); ++it)
        (jsIsArrayIndex(it.key()) ? indexes : others).append(it.key());
    std::sort(indexes.begin(), indexes.end(),
              [](const QString &a, const QString &b) { return a.toULongLong() < b.toULongLong(); });
    return indexes + others;
}

// Sent with a signed request but never part of its signature (§b of the API reference).
constexpr QStringView kUnsignedKeys[] = {u"file", u"cloud_name", u"resource_type", u"api_key", u"signature"};

} // namespace

Result<ApiSigner> ApiSigner::fromSdkConfig(const QJsonObject &config)
{
    ApiSigner signer;
    const QJsonValue algorithm = config.value(u"signature_algorithm");
    if (jsTruthy(algorithm)) {
        const auto parsed = algorithm.isString() ? signatureAlgorithmFromName(algorithm.toString())
                                                 : std::optional<SignatureAlgorithm>();
        if (!parsed)
            return Error::because(Error::Kind::InvalidInput, ErrorReason::SignatureAlgorithmUnsupported,
                                  jsToString(algorithm));
        signer.m_algorithm = *parsed;
    }
    const QJsonValue version = config.value(u"signature_version");
    if (jsTruthy(version))
        signer.m_version = jsToNumber(version) >= 2 ? SignatureVersion::V2 : SignatureVersion::V1;
    return signer;
}

QString ApiSigner::stringToSign(const QJsonObject &params, SignatureVersion version)
{
    struct Pair
    {
        QString name;
        QString value;
    };
    QList<Pair> pairs;
    pairs.reserve(params.size());
    for (const QString &name : namesInJavaScriptOrder(params)) {
        const QJsonValue value = params.value(name);
        if (value.isNull() || value.isUndefined())
            continue;
        QString text = jsToString(value);
        if (text.isEmpty())
            continue;
        pairs.append({name, std::move(text)});
    }

    const QCollator &collator = nameCollator();
    std::stable_sort(pairs.begin(), pairs.end(), [&collator](const Pair &a, const Pair &b) {
        return collator.compare(a.name, b.name) < 0;
    });

    QStringList joined;
    joined.reserve(pairs.size());
    for (const Pair &pair : std::as_const(pairs)) {
        QString nameValue = pair.name + u'=' + pair.value;
        if (version == SignatureVersion::V2)
            nameValue.replace(u'&', u"%26"_s);
        joined.append(nameValue);
    }
    return joined.join(u'&');
}

QString ApiSigner::sign(const QJsonObject &params, QStringView apiSecret) const
{
    return secretSuffixedHexDigest(wellFormedUtf8(stringToSign(params, m_version)), apiSecret, m_algorithm);
}

QJsonObject ApiSigner::signRequest(QJsonObject params, QStringView apiKey, QStringView apiSecret,
                                   const Clock &clock) const
{
    params = blankValuesRemoved(params);
    if (!params.contains(u"timestamp"))
        params.insert(u"timestamp"_s, clock.unixTimestamp());
    params.insert(u"signature"_s, sign(paramsToSign(params), apiSecret));
    params.insert(u"api_key"_s, apiKey.toString());
    return params;
}

QJsonObject ApiSigner::paramsToSign(QJsonObject params)
{
    for (const QStringView key : kUnsignedKeys)
        params.remove(key);
    return params;
}

QJsonObject ApiSigner::blankValuesRemoved(const QJsonObject &params)
{
    QJsonObject result;
    for (auto it = params.begin(); it != params.end(); ++it) {
        const QJsonValue value = it.value();
        if (value.isNull() || value.isUndefined() || jsToString(value).isEmpty())
            continue;
        if (value.isArray()) {
            QJsonArray kept;
            for (const QJsonValue element : value.toArray()) {
                if (jsTruthy(element))
                    kept.append(element);
            }
            result.insert(it.key(), kept);
        } else {
            result.insert(it.key(), value);
        }
    }
    return result;
}

QString ApiSigner::responseSignature(QStringView publicId, const QJsonValue &version, QStringView apiSecret,
                                     SignatureAlgorithm algorithm)
{
    const QJsonObject params {{u"public_id"_s, publicId.toString()}, {u"version"_s, version}};
    return ApiSigner(algorithm, SignatureVersion::V1).sign(params, apiSecret);
}

bool ApiSigner::verifyResponseSignature(QStringView publicId, const QJsonValue &version,
                                        QStringView signature, QStringView apiSecret,
                                        SignatureAlgorithm algorithm)
{
    const QString expected = responseSignature(publicId, version, apiSecret, algorithm);
    return signaturesEqual(expected.toUtf8(), signature.toUtf8());
}

} // namespace stratus::core
