#pragma once

#include <QString>

namespace stratus::core {

/// Rewrites a Cloudinary expression the way the Node SDK's normalize_expression() does, so the
/// transformation composer can show what a user-typed condition or value will become:
///
/// - text of the form `!…!` (a quoted string) is returned unchanged;
/// - an operator directly followed by a space or `_` becomes its name (`>=` → `gte`, `*` → `mul`,
///   `&&` → `and`, …); `iw-20` keeps its `-`;
/// - a predefined variable written out is shortened (`width` → `w`, `initial_aspect_ratio` → `iar`,
///   `pageCount` → `pc`, …) unless it follows `:`; user variables (`$name…` up to the next space or
///   `_`) are never touched;
/// - every run of spaces and underscores becomes one `_`.
///
/// Note that the rules apply anywhere in the text: the SDK also rewrites free text such as the
/// prompt of a generative effect (`prompt_the width` → `prompt_the_w`). We copy that on purpose.
/// Returns \a expression itself (sharing its data) when nothing changes. Reentrant.
[[nodiscard]] QString normalizeExpression(const QString &expression);

/// The SDK's norm_range_value() for start_offset, end_offset and duration: a plain number with a
/// `%`, `p` or `P` suffix gets the suffix `p` (`30%` → `30p`); everything else is unchanged.
[[nodiscard]] QString normalizeRangeValue(const QString &value);

} // namespace stratus::core
