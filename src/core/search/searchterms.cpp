#include "searchterms.h"

#include "searchliterals.h"

namespace stratus::core::search::detail {

using namespace Qt::StringLiterals;

QString operatorText(Operator op)
{
    switch (op) {
    case Operator::Match:
    case Operator::Range:
        return u":"_s;
    case Operator::Equals:
        return u"="_s;
    case Operator::Greater:
        return u">"_s;
    case Operator::GreaterOrEqual:
        return u">="_s;
    case Operator::Less:
        return u"<"_s;
    case Operator::LessOrEqual:
        return u"<="_s;
    }
    return {};
}

Error searchError(ErrorReason reason, qsizetype pos, QString subject, QString typed)
{
    Error error = Error::because(Error::Kind::InvalidInput, reason, std::move(subject), std::move(typed));
    error.position = pos;
    return error;
}

namespace {

QString stripSlashes(const QString &path)
{
    qsizetype begin = 0;
    qsizetype end = path.size();
    while (begin < end && path[begin] == u'/')
        ++begin;
    while (end > begin && path[end - 1] == u'/')
        --end;
    return path.sliced(begin, end - begin);
}

CompareAs compareAsFor(FieldKind kind, bool isNumber, bool isDate)
{
    if (kind == FieldKind::Number || (kind != FieldKind::Date && isNumber))
        return CompareAs::Number;
    if (kind == FieldKind::Date || isDate)
        return CompareAs::Date;
    return CompareAs::Text;
}

// Every interpretation the field can give the literal, computed once here so matching never parses.
Value makeValue(Field field, const RawValue &raw)
{
    Value value;
    value.text = raw.text;
    value.prefix = raw.prefix;
    switch (fieldInfo(field).kind) {
    case FieldKind::Number:
        if (field == Field::Bytes)
            value.number = parseByteCount(raw.text);
        else if (field == Field::AspectRatio)
            value.number = parseAspectRatio(raw.text);
        else
            value.number = parseNumber(raw.text);
        break;
    case FieldKind::Date:
        value.date = parseDateLiteral(raw.text);
        break;
    case FieldKind::Context:
    case FieldKind::Metadata:
        value.number = parseNumber(raw.text);
        value.date = parseDateLiteral(raw.text);
        value.folded = raw.text.toCaseFolded();
        value.tokens = foldedTokens(raw.text);
        break;
    default:
        value.folded = raw.text.toCaseFolded();
        value.tokens = foldedTokens(raw.text);
        break;
    }
    return value;
}

Error numberExpected(qsizetype pos, const QString &name, const QString &text)
{
    if (name == "bytes"_L1)
        return searchError(ErrorReason::SearchSizeExpected, pos, name, text);
    return searchError(ErrorReason::SearchNumberExpected, pos, name, text);
}

} // namespace

TermResult buildTerm(Field field, const QString &key, const QString &name, Operator op, const RawValue &raw)
{
    const FieldInfo &info = fieldInfo(field);
    const qsizetype pos = raw.pos;
    const bool comparison = op != Operator::Match && op != Operator::Equals;

    if (raw.prefix && raw.text.isEmpty()) {
        if (field == Field::FreeText)
            return searchError(ErrorReason::SearchWildcardAlone, pos);
        return searchError(ErrorReason::SearchFieldExistsQuery, pos, name + operatorText(op));
    }
    if (raw.prefix && (comparison || !info.prefixAllowed) && info.kind != FieldKind::Path) {
        if (comparison)
            return searchError(ErrorReason::SearchWildcardWithComparison, pos, operatorText(op));
        return searchError(ErrorReason::SearchWildcardUnsupported, pos, name);
    }

    Term term;
    term.field = field;
    term.key = key;
    term.op = op;
    term.value = makeValue(field, raw);

    switch (info.kind) {
    case FieldKind::FreeText:
        if (raw.text.isEmpty())
            return searchError(ErrorReason::SearchTermEmpty, pos);
        break;
    case FieldKind::Text:
    case FieldKind::Keyword:
    case FieldKind::Tags:
        if (comparison)
            return searchError(ErrorReason::SearchOperatorUnsupported, pos, name, operatorText(op));
        if (raw.text.isEmpty())
            return searchError(ErrorReason::SearchValueEmpty, pos, name);
        break;
    case FieldKind::Path:
        if (comparison)
            return searchError(ErrorReason::SearchOperatorUnsupported, pos, name, operatorText(op));
        if (raw.prefix) {
            if (!raw.text.endsWith(u'/'))
                return searchError(ErrorReason::SearchFolderWildcard, pos, name);
            term.subtree = true;
        }
        term.value.text = stripSlashes(raw.text);
        term.value.prefix = false;
        if (term.subtree && term.value.text.isEmpty())
            return searchError(ErrorReason::SearchEveryFolder, pos, name);
        term.value.folded = term.value.text.toCaseFolded();
        term.value.tokens = foldedTokens(term.value.text);
        break;
    case FieldKind::Context:
    case FieldKind::Metadata:
        if (raw.text.isEmpty())
            return searchError(ErrorReason::SearchValueEmpty, pos, name);
        break;
    case FieldKind::Number:
        if (!term.value.number)
            return numberExpected(pos, name, raw.text);
        break;
    case FieldKind::Date:
        if (!term.value.date)
            return searchError(ErrorReason::SearchDateExpected, pos, name, raw.text);
        break;
    }
    term.compareAs = compareAsFor(info.kind, term.value.number.has_value(), term.value.date.has_value());
    return term;
}

TermResult buildRange(Field field, const QString &key, const QString &name, qsizetype start,
                      const RawValue &lower, bool lowerInclusive, const RawValue &upper, bool upperInclusive)
{
    const FieldInfo &info = fieldInfo(field);
    const bool comparable = info.kind == FieldKind::Number || info.kind == FieldKind::Date
        || info.kind == FieldKind::Context || info.kind == FieldKind::Metadata;
    if (!comparable)
        return searchError(ErrorReason::SearchRangeUnsupported, start, name);

    Term term;
    term.field = field;
    term.key = key;
    term.op = Operator::Range;
    term.lower.inclusive = lowerInclusive;
    term.upper.inclusive = upperInclusive;

    bool allNumbers = true;
    bool allDates = true;
    for (const auto &[raw, bound] : {std::pair {&lower, &term.lower}, std::pair {&upper, &term.upper}}) {
        if (raw->prefix && raw->text.isEmpty())
            continue; // a lone `*`: open
        if (raw->prefix)
            return searchError(ErrorReason::SearchRangeWildcard, raw->pos);
        Value value = makeValue(field, *raw);
        if (info.kind == FieldKind::Number && !value.number)
            return numberExpected(raw->pos, name, raw->text);
        if (info.kind == FieldKind::Date && !value.date)
            return searchError(ErrorReason::SearchDateExpected, raw->pos, name, raw->text);
        allNumbers = allNumbers && value.number.has_value();
        allDates = allDates && value.date.has_value();
        bound->value = std::move(value);
    }
    if (!term.lower.value && !term.upper.value)
        return searchError(ErrorReason::SearchRangeOpen, start);
    term.compareAs = compareAsFor(info.kind, allNumbers, allDates);
    return term;
}

} // namespace stratus::core::search::detail
