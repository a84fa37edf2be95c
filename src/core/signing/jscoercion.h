#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringView>

namespace stratus::core {

// JavaScript's conversions of JSON values, as the official Node SDK applies them to its options
// and to the parameters it signs. Kept in one place so "what would Node do" has one answer.

/// JavaScript's `String(value)` / `${value}`: strings as they are, numbers as
/// Number.prototype.toString(), `true`/`false`, arrays as Array.prototype.join(",") (null
/// elements as empty text, nested arrays flattened the same way), other objects as
/// `[object Object]`, and `null` / `undefined` spelled out.
[[nodiscard]] QString jsToString(const QJsonValue &value);

/// JavaScript's Boolean(value): false for undefined, null, false, 0, NaN and the empty string;
/// true for everything else, including the strings "false" and "0".
[[nodiscard]] bool jsTruthy(const QJsonValue &value);

/// JavaScript's Number(value): text is read as a StringNumericLiteral (surrounding white space
/// allowed, empty text is 0, `Infinity`, 0x/0o/0b prefixes, anything else NaN).
[[nodiscard]] double jsToNumber(const QJsonValue &value);

/// Whether `name` is an array index ("0", "17"; not "017", not 2^32 - 1 or more). JavaScript lists
/// such own keys of an object first, in numeric order, before the others in insertion order.
[[nodiscard]] bool jsIsArrayIndex(QStringView name);

/// The own properties every plain JavaScript object inherits from Object.prototype
/// ("constructor", "toString", "__proto__", …). Reading one of them from an object that does not
/// define it yields a function or the prototype, never undefined.
[[nodiscard]] bool jsIsObjectPrototypeMember(QStringView name);

} // namespace stratus::core
