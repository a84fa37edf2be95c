// Expression::matches: evaluates the tree against one record. Literals were folded, tokenised and
// converted at parse time, so this only walks the record's values; it allocates nothing beyond what
// the record's accessors return (shared Qt containers).

#include "searchexpression.h"
#include "searchliterals.h"

#include <cmath>

namespace stratus::core::search {

namespace {

using detail::codePointAt;
using detail::isTokenChar;
using detail::nextToken;

constexpr double kAspectRatioTolerance = 0.001;

bool tokenEquals(QStringView token, const QString &folded)
{
    // Simple case folding maps one UTF-16 unit to one, so lengths must agree.
    return token.size() == folded.size() && token.compare(folded, Qt::CaseInsensitive) == 0;
}

// The query's tokens appear consecutively among the value's tokens.
bool containsPhrase(QStringView value, const QStringList &tokens)
{
    qsizetype pos = 0;
    while (true) {
        const QStringView token = nextToken(value, pos);
        if (token.isEmpty())
            return false;
        if (!tokenEquals(token, tokens.front()))
            continue;
        qsizetype follow = pos;
        bool all = true;
        for (qsizetype i = 1; i < tokens.size(); ++i) {
            const QStringView next = nextToken(value, follow);
            if (next.isEmpty() || !tokenEquals(next, tokens[i])) {
                all = false;
                break;
            }
        }
        if (all)
            return true;
    }
}

// The value, from its start or from the start of one of its tokens, begins with the prefix.
bool hasPrefixAtWordStart(QStringView value, const QString &foldedPrefix)
{
    if (value.startsWith(foldedPrefix, Qt::CaseInsensitive))
        return true;
    bool previousIsToken = true; // position 0 was checked above
    qsizetype length = 0;
    for (qsizetype i = 0; i < value.size(); i += length) {
        const bool isToken = isTokenChar(codePointAt(value, i, &length));
        if (isToken && !previousIsToken && value.sliced(i).startsWith(foldedPrefix, Qt::CaseInsensitive))
            return true;
        previousIsToken = isToken;
    }
    return false;
}

// `:` on one text value (Text fields, a tag, a context or metadata value, free text).
bool tokenMatch(QStringView value, const Value &literal)
{
    if (value.isEmpty())
        return false;
    if (literal.prefix)
        return hasPrefixAtWordStart(value, literal.folded);
    if (literal.tokens.isEmpty())
        return value.compare(literal.folded, Qt::CaseInsensitive) == 0;
    return containsPhrase(value, literal.tokens);
}

// `=` on one text value: whole and case-sensitive.
bool exactMatch(QStringView value, const Value &literal)
{
    if (literal.prefix)
        return !value.isEmpty() && value.startsWith(literal.text);
    return !value.isEmpty() && value == literal.text;
}

bool textMatch(QStringView value, const Term &term)
{
    return term.op == Operator::Equals ? exactMatch(value, term.value) : tokenMatch(value, term.value);
}

bool keywordMatch(QStringView value, const Value &literal)
{
    if (value.isEmpty())
        return false;
    if (literal.prefix)
        return value.startsWith(literal.text, Qt::CaseInsensitive);
    return value.compare(literal.text, Qt::CaseInsensitive) == 0;
}

bool pathMatch(QStringView value, const Term &term)
{
    while (value.startsWith(u'/'))
        value = value.sliced(1);
    while (value.endsWith(u'/'))
        value.chop(1);
    const QString &path = term.value.text;
    if (!term.subtree)
        return value == path;
    return value.startsWith(path) && (value.size() == path.size() || value[path.size()] == u'/');
}

// Orders two values of the same type: negative, zero, positive.
template<typename T> int threeWay(T a, T b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

// Comparison with an absolute date period [start, end): `>` after it, `<=` until its end, and so on.
bool dateCompare(qint64 ms, Operator op, const DateLiteral &literal, qint64 now)
{
    const qint64 start = literal.start(now);
    const qint64 end = literal.end(now);
    switch (op) {
    case Operator::Match:
    case Operator::Equals:
        return literal.relative ? ms >= start : (ms >= start && ms < end);
    case Operator::Greater:
        return ms >= end;
    case Operator::GreaterOrEqual:
        return ms >= start;
    case Operator::Less:
        return ms < start;
    case Operator::LessOrEqual:
        return ms < end;
    case Operator::Range:
        break;
    }
    return false;
}

bool dateInRange(qint64 ms, const Term &term, qint64 now)
{
    if (const auto &lower = term.lower.value) {
        const DateLiteral &date = *lower->date;
        if (!(term.lower.inclusive ? ms >= date.start(now) : ms >= date.end(now)))
            return false;
    }
    if (const auto &upper = term.upper.value) {
        const DateLiteral &date = *upper->date;
        if (!(term.upper.inclusive ? ms < date.end(now) : ms < date.start(now)))
            return false;
    }
    return true;
}

bool numberEquals(double a, double b, Field field)
{
    if (field == Field::AspectRatio)
        return std::fabs(a - b) <= kAspectRatioTolerance;
    return a == b;
}

bool numberCompare(double value, Operator op, double literal, Field field)
{
    switch (op) {
    case Operator::Match:
    case Operator::Equals:
        return numberEquals(value, literal, field);
    case Operator::Greater:
        return value > literal;
    case Operator::GreaterOrEqual:
        return value >= literal;
    case Operator::Less:
        return value < literal;
    case Operator::LessOrEqual:
        return value <= literal;
    case Operator::Range:
        break;
    }
    return false;
}

bool numberInRange(double value, const Term &term)
{
    if (const auto &lower = term.lower.value) {
        if (!(term.lower.inclusive ? value >= *lower->number : value > *lower->number))
            return false;
    }
    if (const auto &upper = term.upper.value) {
        if (!(term.upper.inclusive ? value <= *upper->number : value < *upper->number))
            return false;
    }
    return true;
}

bool orderedCompare(int order, Operator op)
{
    switch (op) {
    case Operator::Greater:
        return order > 0;
    case Operator::GreaterOrEqual:
        return order >= 0;
    case Operator::Less:
        return order < 0;
    case Operator::LessOrEqual:
        return order <= 0;
    default:
        return order == 0;
    }
}

// A context or metadata value under `> >= < <=` or a range, typed by the literals.
bool typedValueCompare(QStringView value, const Term &term, qint64 now)
{
    switch (term.compareAs) {
    case CompareAs::Number: {
        const auto number = detail::parseNumber(value);
        if (!number)
            return false;
        return term.op == Operator::Range ? numberInRange(*number, term)
                                          : numberCompare(*number, term.op, *term.value.number, term.field);
    }
    case CompareAs::Date: {
        std::optional<DateLiteral> date = detail::parseDateLiteral(value);
        if (!date || date->relative) {
            const QDateTime parsed = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
            if (!parsed.isValid())
                return false;
            date = DateLiteral {false, parsed.toMSecsSinceEpoch(), 1};
        }
        return term.op == Operator::Range ? dateInRange(date->msecs, term, now)
                                          : dateCompare(date->msecs, term.op, *term.value.date, now);
    }
    case CompareAs::Text:
        break;
    }
    if (term.op != Operator::Range)
        return orderedCompare(threeWay(value.compare(term.value.text), 0), term.op);
    if (const auto &lower = term.lower.value) {
        const int order = value.compare(lower->text);
        if (term.lower.inclusive ? order < 0 : order <= 0)
            return false;
    }
    if (const auto &upper = term.upper.value) {
        const int order = value.compare(upper->text);
        if (term.upper.inclusive ? order > 0 : order >= 0)
            return false;
    }
    return true;
}

// Context and metadata: text semantics for `:`/`=`, typed comparisons otherwise.
bool keyedValueMatch(QStringView value, const Term &term, qint64 now)
{
    if (term.op == Operator::Match || term.op == Operator::Equals)
        return textMatch(value, term);
    return typedValueCompare(value, term, now);
}

bool freeTextMatch(const SearchRecord &record, const Term &term)
{
    for (const Field field : {Field::PublicId, Field::Filename, Field::DisplayName}) {
        if (tokenMatch(record.text(field), term.value))
            return true;
    }
    const QStringList tags = record.tags();
    for (const QString &tag : tags) {
        if (tokenMatch(tag, term.value))
            return true;
    }
    const QStringList contextValues = record.contextValues();
    for (const QString &value : contextValues) {
        if (tokenMatch(value, term.value))
            return true;
    }
    return false;
}

bool termMatches(const Term &term, const SearchRecord &record, qint64 now)
{
    switch (fieldInfo(term.field).kind) {
    case FieldKind::FreeText:
        return freeTextMatch(record, term);
    case FieldKind::Text:
        return textMatch(record.text(term.field), term);
    case FieldKind::Keyword:
        return keywordMatch(record.text(term.field), term.value);
    case FieldKind::Path: {
        const QString value = record.text(term.field);
        return pathMatch(value, term);
    }
    case FieldKind::Tags: {
        const QStringList tags = record.tags();
        for (const QString &tag : tags) {
            if (textMatch(tag, term))
                return true;
        }
        return false;
    }
    case FieldKind::Context: {
        const QString value = record.contextValue(term.key);
        return !value.isNull() && keyedValueMatch(value, term, now);
    }
    case FieldKind::Metadata: {
        const QStringList values = record.metadataValues(term.key);
        for (const QString &value : values) {
            if (keyedValueMatch(value, term, now))
                return true;
        }
        return false;
    }
    case FieldKind::Number: {
        const auto value = record.number(term.field);
        if (!value)
            return false;
        return term.op == Operator::Range ? numberInRange(*value, term)
                                          : numberCompare(*value, term.op, *term.value.number, term.field);
    }
    case FieldKind::Date: {
        const QDateTime value = record.dateTime(term.field);
        if (!value.isValid())
            return false;
        const qint64 ms = value.toMSecsSinceEpoch();
        return term.op == Operator::Range ? dateInRange(ms, term, now)
                                          : dateCompare(ms, term.op, *term.value.date, now);
    }
    }
    return false;
}

bool nodeMatches(const Node &node, const SearchRecord &record, qint64 now)
{
    switch (node.kind) {
    case Node::Kind::Term:
        return termMatches(node.term, record, now);
    case Node::Kind::Not:
        return !nodeMatches(node.children.front(), record, now);
    case Node::Kind::And:
        for (const Node &child : node.children) {
            if (!nodeMatches(child, record, now))
                return false;
        }
        return true;
    case Node::Kind::Or:
        for (const Node &child : node.children) {
            if (nodeMatches(child, record, now))
                return true;
        }
        return false;
    }
    return false;
}

} // namespace

bool Expression::matches(const SearchRecord &record, qint64 nowMSecsSinceEpoch) const
{
    return !m_root || nodeMatches(*m_root, record, nowMSecsSinceEpoch);
}

bool Expression::matches(const SearchRecord &record, const QDateTime &now) const
{
    return matches(record, now.toMSecsSinceEpoch());
}

} // namespace stratus::core::search
