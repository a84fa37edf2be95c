#pragma once

#include <QString>

namespace stratus::core {

/// Formats a double exactly as JavaScript's Number.prototype.toString() does (ECMA-262
/// Number::toString): shortest round-trip digits, exponent form below 1e-6 and from 1e21.
/// The official Node SDK stringifies numbers this way, and our URLs must match it byte for byte.
[[nodiscard]] QString jsNumberToString(double value);

} // namespace stratus::core
