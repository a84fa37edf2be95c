#pragma once

// Internal to src/core/search: turning a field, an operator and the literal(s) the parser read into a
// validated Term. The parser owns the grammar; this file owns what each kind of field accepts.

#include "searchexpression.h"

#include <variant>

namespace stratus::core::search::detail {

/// A value as read, before the field decides what it means.
struct RawValue
{
    QString text; ///< escapes and quotes removed, without a trailing wildcard
    bool prefix = false; ///< ended in an unescaped `*`
    bool escaped = false;
    bool quoted = false;
    qsizetype pos = 0; ///< where errors about it point (0-based)
};

/// An InvalidInput error about the expression at @p pos (0-based): the reason, the part concerned
/// (a field, an operator) and the part as typed.
[[nodiscard]] Error searchError(ErrorReason reason, qsizetype pos, QString subject = {}, QString typed = {});

using TermResult = std::variant<Term, Error>;

/// `field op value`, or a free-text term for Field::FreeText (@p name and @p key empty).
[[nodiscard]] TermResult buildTerm(Field field, const QString &key, const QString &name, Operator op,
                                   const RawValue &raw);

/// `field:[lower TO upper]`; a bound that is a lone `*` is open. @p start is the term's position.
[[nodiscard]] TermResult buildRange(Field field, const QString &key, const QString &name, qsizetype start,
                                    const RawValue &lower, bool lowerInclusive, const RawValue &upper,
                                    bool upperInclusive);

/// ":", "=", ">", ">=", "<", "<=" as written.
[[nodiscard]] QString operatorText(Operator op);

} // namespace stratus::core::search::detail
