#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <utility>

namespace stratus::core::ApiParams {

// How API parameters travel, in one place (reference §d, §e): the clients describe parameters as
// a QJsonObject; these functions turn them into query strings, form bodies and multipart fields.

using Pairs = QList<std::pair<QString, QString>>;

/// The text of one value as it is sent, and signed: JavaScript's String() for scalars
/// (booleans as `true`/`false` — upload booleans are given as "1"/"0" text by the clients),
/// compact JSON for objects.
[[nodiscard]] QString valueText(const QJsonValue &value);

/// Name/value pairs, sorted by name: arrays as one repeated `name[]` per element, objects as JSON
/// text, null and undefined values left out.
[[nodiscard]] Pairs toPairs(const QJsonObject &params);

/// `application/x-www-form-urlencoded` (also the query string): every byte but A–Z a–z 0–9 - . _ ~
/// percent-encoded, so `+`, `&` and `=` in values arrive intact.
[[nodiscard]] QByteArray formEncode(const Pairs &pairs);

/// `params` with object values replaced by their JSON text, so that what is signed is what is
/// sent.
[[nodiscard]] QJsonObject withObjectsAsText(QJsonObject params);

/// `key=value|key2=value2` for `context` (and text `metadata`), `=` and `|` inside values escaped
/// with a backslash as the SDKs do.
[[nodiscard]] QString contextText(const QMap<QString, QString> &context);

/// Structured metadata as `context`-style text: text values escaped, arrays (multi-select fields)
/// as JSON (`key=["a","b"]`), numbers as text.
[[nodiscard]] QString metadataText(const QJsonObject &metadata);

/// "1" / "0", the upload API's booleans.
[[nodiscard]] inline QString flag(bool value)
{
    return value ? QStringLiteral("1") : QStringLiteral("0");
}

} // namespace stratus::core::ApiParams
