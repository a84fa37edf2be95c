#pragma once

#include "core/util/result.h"

#include <QString>
#include <QStringView>

namespace stratus::core {

/// Why a name cannot be an environment's name or an account's label.
enum class NameProblem {
    None,
    Empty,
    ControlCharacter, ///< C0, DEL, C1, line or paragraph separator: breaks lines and columns
    DirectionControl, ///< a bidi embedding, override, isolate or mark: reorders what follows it
    BrokenText, ///< an unpaired UTF-16 surrogate: not text at all
};

/// What checkName() found: the first character it refuses, and where.
struct NameCheck
{
    NameProblem problem = NameProblem::None;
    char32_t character = 0;
    qsizetype position = -1; ///< in UTF-16 code units, from 0

    [[nodiscard]] bool ok() const { return problem == NameProblem::None; }
};

/// The one rule for the names people give environments and accounts (AccountStore, stratus-cli and
/// the dialogs all ask it): not empty, and none of the characters that would let a name break
/// `env list` or a menu into several lines or columns, or display as something it is not — C0
/// and C1 controls, DEL, U+2028/U+2029, the bidi controls U+202A–U+202E, U+2066–U+2069, U+200E,
/// U+200F, U+061C, and unpaired surrogates. Everything else, letters of any script included, is
/// fine. The caller trims first.
[[nodiscard]] NameCheck checkName(QStringView name);

/// checkName() as a Result: InvalidInput with `reason` (EnvironmentNameUnusable, AccountLabelUnusable)
/// and the name as the subject when it fails; words::ErrorWords says what checkName() found.
[[nodiscard]] Result<Done> validateName(QStringView name, ErrorReason reason);

/// "U+202E".
[[nodiscard]] QString codePointText(char32_t character);

/// `text` with every character checkName() refuses written as an escape — \n, \r, \t, else
/// \uXXXX — so that a name stored before the rule (or by hand) can neither break a line nor
/// reorder what follows it wherever it is shown. A backslash stays as it is.
[[nodiscard]] QString displaySafe(QStringView text);

} // namespace stratus::core
