#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace stratus::core::JsonFields {

// Lenient readers for Cloudinary's JSON: a field may be missing, null, or of a neighbouring type
// (a number sent as text, a list sent as a comma-separated string); none of that is an error,
// the reader returns the fallback. DTOs use these so a new or changed field never breaks parsing.

/// Text; numbers and booleans as their text; empty for anything else.
[[nodiscard]] QString text(const QJsonObject &object, QStringView key);
/// A whole number from a number or numeric text.
[[nodiscard]] qint64 integer(const QJsonObject &object, QStringView key, qint64 fallback = 0);
[[nodiscard]] double number(const QJsonObject &object, QStringView key, double fallback = 0);
/// true/false, "true"/"false", "1"/"0", or a number (non-zero is true).
[[nodiscard]] bool boolean(const QJsonObject &object, QStringView key, bool fallback = false);
/// An array of text (other elements skipped), or one comma-separated text.
[[nodiscard]] QStringList textList(const QJsonObject &object, QStringView key);
/// An ISO 8601 date-time (UTC when it says Z); invalid when absent or unreadable.
[[nodiscard]] QDateTime dateTime(const QJsonObject &object, QStringView key);
[[nodiscard]] QJsonObject object(const QJsonObject &object, QStringView key);
[[nodiscard]] QJsonArray array(const QJsonObject &object, QStringView key);
/// The objects of an array (other elements skipped).
[[nodiscard]] QList<QJsonObject> objects(const QJsonObject &object, QStringView key);

} // namespace stratus::core::JsonFields
