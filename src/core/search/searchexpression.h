#pragma once

// Cloudinary Search API expressions (`POST resources/search`, "expression"), parsed once into an
// immutable tree and evaluated over any storage through SearchRecord. stratus-sandbox answers the
// Search API with it; the catalogue and `stratus-cli find` evaluate the same expressions offline and
// must agree with the live API, so every choice below is one rule applied everywhere.
//
// Grammar (Lucene-like, Cloudinary's documented subset)
//   expr     := or
//   or       := and (("OR" | "||") and)*
//   and      := unary (("AND" | "&&")? unary)*          juxtaposition is AND
//   unary    := "NOT" primary | "-" primary | "+" primary | primary
//   primary  := "(" or ")" | term
//   term     := FIELD op value | FIELD (":" | "=") "(" or ")" | FIELD ":" range | value
//   op       := ":" | "=" | ">" | ">=" | "<" | "<="
//   range    := ("[" | "{") bound "TO" bound ("]" | "}")   [ ] inclusive, { } exclusive, "*" open
//   value    := bare word | "quoted"                          a trailing unescaped * is a prefix wildcard
// - Precedence: NOT/-/+ bind tightest, then AND (explicit or implied), then OR: `a OR b AND c` is
//   `a OR (b AND c)`. Operators are upper case only; `and`/`or`/`not` are ordinary words.
// - `NOT` may not start the expression or a parenthesised group (Cloudinary rejects that); `-x` may.
//   `a NOT b` means `a AND -b`.
// - `field:(a OR b)` applies the field and operator to every value inside (bare or quoted; ranges too
//   after `:`): `tags:(cat OR "big dog")` is `tags:cat OR tags:"big dog"`.
// - Reserved characters (whitespace ( ) [ ] { } " : = < > ^ ~ ? ! & | \ *) end a bare word; escape
//   them with a backslash or quote the value. Inside quotes only `"`, `\` and `*` need escaping.
//   Whitespace after an operator is allowed (`tags: cat`), as in Lucene.
// - Field names are case-sensitive. `context.KEY` and `metadata.KEY` take any key.
// - An empty (or all-blank) expression matches every asset, as an omitted expression does.
// - Nesting (parentheses and negations) is limited to 64 levels.
//
// Matching, per kind of field (FieldKind)
// - Tokens: a text is split into maximal runs of Unicode letters and digits; everything else
//   separates. `:` is case-insensitive; the query's tokens must appear consecutively in one value
//   (`tags:"sale 2024"` matches the tag "summer sale 2024"; `public_id:dogs/rex` matches "dogs/rex_1").
//   A value with no tokens at all (`"--"`) is compared whole, case-insensitively.
// - Prefix `x*` with `:`: case-insensitive; matches when the value, from its start or from the start
//   of any of its tokens, begins with x (`public_id:sample*` matches "dogs/sample_1";
//   `public_id:dogs/sa*` matches "dogs/sample").
// - `=` is exact: the whole value, case-sensitive (`tags=Cat` does not match the tag "cat"); with a
//   trailing `*` the whole value must start with the prefix, case-sensitively.
// - Text fields (public_id, filename, display_name), tags (any one tag), context.KEY and metadata.KEY
//   (any one value) follow these rules.
// - Keyword fields (asset_id, resource_type, type, format): `:` and `=` both compare the whole value,
//   case-insensitively; a prefix (asset_id, format only) must start the whole value.
// - Path fields (folder, asset_folder): `:` and `=` both mean "directly in this folder", compared
//   whole and case-sensitively; leading and trailing slashes are ignored; `""` is the root folder.
//   `folder:a/b/*` (a wildcard that is a whole last segment) means a/b and every folder below it.
//   Any other wildcard is rejected, as the Search API rejects prefix wildcards on folders.
// - Free text (no field): a `:` match over public_id, filename, display_name, every tag and every
//   context value.
// - Numbers (bytes, width, height, duration, aspect_ratio, pixels): `:`/`=` equal, `> >= < <=`,
//   ranges. bytes accepts units b, k/kb, m/mb, g/gb (1024-based): `bytes>1m`. aspect_ratio accepts
//   "16:9" and is equal within 0.001 (Cloudinary rounds stored ratios).
// - Dates (uploaded_at, created_at, updated_at): a date literal names a period: `2024-01-01` (that day, UTC),
//   `"2024-01-01T10:00:00Z"` (that second, or minute or millisecond as written; no offset means UTC), Unix
//   seconds `1704067200` (that second), or relative `1h`/`2d`/`1w` (the instant that long before `now`).
//   `:`/`=` mean "within the period" (relative: "at or after that instant", i.e. within the last …); `>`
//   after the period, `>=` from its start, `<` before its start, `<=` until its end; range bounds likewise.
//   So `uploaded_at>1d` is "uploaded within the last day" and `created_at:[2024-01-01 TO 2024-01-31]`
//   includes all of 31 January.
// - context.KEY / metadata.KEY with `> >= < <=` or a range compare as numbers when every literal is a
//   number, else as dates when every literal is a date, else as case-sensitive strings. A value that
//   does not parse as the literal's type never matches.
// - An asset without a value for the field never matches a positive term (so `-field:x` matches it).
//
// Errors: unknown or unsupported field, unbalanced parentheses, NOT at the start, a dangling
// operator, a wildcard where none is allowed (`tags:*` — the API has no "field exists" query),
// a malformed range, a literal of the wrong type. Each is an Error with a search reason
// (core/util/errorreason.h), the field or operator concerned, and Error::position (0-based);
// words::ErrorWords words it, naming the 1-based character position.

#include "core/util/result.h"
#include "searchfield.h"
#include "searchrecord.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace stratus::core::search {

/// A date literal: an absolute period, or an offset back from "now".
struct DateLiteral
{
    bool relative = false;
    qint64 msecs = 0; ///< absolute: start, ms since the epoch (UTC); relative: the offset
    qint64 precisionMSecs = 0; ///< absolute: the period's length (a day, a second, a millisecond)

    /// The first millisecond of the period.
    [[nodiscard]] qint64 start(qint64 nowMSecs) const { return relative ? nowMSecs - msecs : msecs; }
    /// The first millisecond after the period (equal to start() for a relative literal).
    [[nodiscard]] qint64 end(qint64 nowMSecs) const { return start(nowMSecs) + precisionMSecs; }
};

/// One literal, with every interpretation the parser could give it, computed once at parse time.
struct Value
{
    QString text; ///< as written, escapes and quotes removed, without a trailing wildcard
    QString folded; ///< text.toCaseFolded()
    QStringList tokens; ///< the case-folded tokens of text
    bool prefix = false; ///< written with a trailing unescaped `*`
    std::optional<double> number; ///< set when text is a number (with units for bytes)
    std::optional<DateLiteral> date; ///< set when text is a date literal
};

/// One end of a range; no value means open (`*`).
struct Bound
{
    std::optional<Value> value;
    bool inclusive = true;
};

enum class Operator : quint8 {
    Match, ///< `:`
    Equals, ///< `=`
    Greater, ///< `>`
    GreaterOrEqual, ///< `>=`
    Less, ///< `<`
    LessOrEqual, ///< `<=`
    Range, ///< `:[a TO b]`, bounds in Term::lower/upper
};

/// How comparisons and ranges treat the values of a term.
enum class CompareAs : quint8 { Text, Number, Date };

struct Term
{
    Field field = Field::FreeText;
    QString key; ///< context/metadata key, empty otherwise
    Operator op = Operator::Match;
    Value value; ///< unused for Range
    Bound lower; ///< Range only
    Bound upper; ///< Range only
    CompareAs compareAs = CompareAs::Text;
    bool subtree = false; ///< Path fields: `folder:a/b/*`; value.text is then "a/b"
};

/// A node of the expression tree. And/Or have two or more children (nested And in And, Or in Or are
/// flattened), Not has one, Term none.
struct Node
{
    enum class Kind : quint8 { And, Or, Not, Term };

    Kind kind = Kind::Term;
    std::vector<Node> children;
    Term term;
};

/// A parsed, immutable search expression. Cheap to copy (shares its tree) and safe to evaluate from
/// several threads at once.
class Expression
{
public:
    /// The empty expression: matches every asset.
    Expression() = default;

    /// Parses @p text; see the top of this header for grammar and semantics.
    [[nodiscard]] static Result<Expression> parse(QStringView text);

    [[nodiscard]] bool isEmpty() const { return !m_root; }
    /// The tree for translators (SQL); nullptr for the empty expression.
    [[nodiscard]] const Node *root() const { return m_root.get(); }

    /// Whether @p record matches; relative dates count back from @p now.
    [[nodiscard]] bool matches(const SearchRecord &record, const QDateTime &now) const;
    /// The same with "now" in ms since the epoch, for loops over many records.
    [[nodiscard]] bool matches(const SearchRecord &record, qint64 nowMSecsSinceEpoch) const;

    /// The canonical form: explicit AND/OR, `-` for negation, minimal parentheses, values bare when
    /// they can be and quoted otherwise. Parsing it gives the same tree, and printing that gives the
    /// same string. It is valid Search API syntax.
    [[nodiscard]] QString toString() const;

private:
    explicit Expression(std::shared_ptr<const Node> root)
        : m_root(std::move(root))
    {
    }

    std::shared_ptr<const Node> m_root;
};

/// Same as Expression::parse.
[[nodiscard]] inline Result<Expression> parseSearchExpression(QStringView text)
{
    return Expression::parse(text);
}

} // namespace stratus::core::search
