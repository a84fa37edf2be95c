#pragma once

// Internal to src/core/search: the lexical rules shared by the parser, the printer and the matcher,
// kept in one place so that what the parser reads, the printer writes and the matcher compares can
// never drift apart.

#include "searchexpression.h"

#include <QStringView>

#include <optional>

namespace stratus::core::search::detail {

/// Characters that end a bare word (besides whitespace) and must be escaped or quoted in a value.
[[nodiscard]] constexpr bool isReservedChar(char16_t c)
{
    switch (c) {
    case u'(':
    case u')':
    case u'[':
    case u']':
    case u'{':
    case u'}':
    case u'"':
    case u':':
    case u'=':
    case u'<':
    case u'>':
    case u'^':
    case u'~':
    case u'?':
    case u'!':
    case u'&':
    case u'|':
    case u'\\':
    case u'*':
        return true;
    default:
        return false;
    }
}

/// True when @p c may appear unescaped in a bare word.
[[nodiscard]] inline bool isBareChar(QChar c)
{
    return !c.isSpace() && !isReservedChar(c.unicode());
}

/// AND, OR, NOT and TO: words that need quotes to be values.
[[nodiscard]] bool isKeyword(QStringView word);

/// The code point at @p index and its length in UTF-16 units (a lone surrogate counts as itself).
[[nodiscard]] inline char32_t codePointAt(QStringView text, qsizetype index, qsizetype *length)
{
    const QChar c = text[index];
    if (c.isHighSurrogate() && index + 1 < text.size() && text[index + 1].isLowSurrogate()) {
        *length = 2;
        return QChar::surrogateToUcs4(c, text[index + 1]);
    }
    *length = 1;
    return c.unicode();
}

[[nodiscard]] inline bool isTokenChar(char32_t c)
{
    return QChar::isLetterOrNumber(c);
}

/// The next token of @p text at or after @p pos, advancing @p pos past it; an empty view at the end.
[[nodiscard]] QStringView nextToken(QStringView text, qsizetype &pos);

/// The case-folded tokens of @p text.
[[nodiscard]] QStringList foldedTokens(QStringView text);

/// A plain decimal number: [+-]digits[.digits] (no exponent, no inf/nan).
[[nodiscard]] std::optional<double> parseNumber(QStringView text);
/// A byte count: a number with an optional b, k/kb, m/mb, g/gb unit (case-insensitive, 1024-based).
[[nodiscard]] std::optional<double> parseByteCount(QStringView text);
/// An aspect ratio: a number or "W:H".
[[nodiscard]] std::optional<double> parseAspectRatio(QStringView text);
/// A date literal: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM], Unix seconds, or Nh/Nd/Nw.
[[nodiscard]] std::optional<DateLiteral> parseDateLiteral(QStringView text);

} // namespace stratus::core::search::detail
