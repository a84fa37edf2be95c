// The words for the search area's error reasons (core/util/errorreason.h): Search API expressions,
// sort_by and aggregate. stratus-sandbox answers a refused search with them and stratus-cli find
// prints them, so they read like the Search API's own refusals (lower case, the expression's terms
// quoted as typed), followed by the 1-based character position the error points to.
#include "errorwords.h"

namespace stratus::words {

namespace {

using Reason = core::ErrorReason;

// An expression's error names where it is; sort_by and aggregate errors have no position.
QString atPosition(const QString &words, const core::Error &error)
{
    if (error.position < 0)
        return words;
    //: %1 what is wrong with a search expression, %2 the character position (1 is the first)
    return ErrorWords::tr("%1 at position %2").arg(words, QString::number(error.position + 1));
}

// The grammar: operators, parentheses, quotes, escapes.
std::optional<QString> syntaxText(const core::Error &error)
{
    const QString &subject = error.subject;
    switch (error.reason) {
    case Reason::SearchUnexpectedText:
        return ErrorWords::tr("unexpected text");
    case Reason::SearchUnbalancedParenthesis:
        return ErrorWords::tr("unbalanced ')'");
    case Reason::SearchUnexpectedCharacter:
        return ErrorWords::tr("unexpected '%1'").arg(subject);
    case Reason::SearchAmpersand:
        return ErrorWords::tr("unexpected '&'; write AND or &&");
    case Reason::SearchBar:
        return ErrorWords::tr("unexpected '|'; write OR or ||");
    case Reason::SearchCharacterUnsupported:
        return ErrorWords::tr("'%1' is not supported; quote the value or escape it with a backslash")
            .arg(subject);
    case Reason::SearchOperatorCharacter:
        return ErrorWords::tr("unexpected '%1'; quote values that contain it").arg(subject);
    case Reason::SearchRangeWithoutField:
        return ErrorWords::tr("unexpected '%1'; a range needs a field, as in bytes:[1 TO 100]").arg(subject);
    case Reason::SearchNestedTooDeeply:
        return ErrorWords::tr("the expression is nested too deeply (more than %1 levels)").arg(subject);
    case Reason::SearchDanglingBackslash:
        return ErrorWords::tr("dangling '\\' at the end");
    case Reason::SearchWildcardNotTrailing:
        return ErrorWords::tr("only a trailing '*' wildcard is supported");
    case Reason::SearchQuotedWildcardNotTrailing:
        return ErrorWords::tr("only a trailing '*' wildcard is supported; write \\* for a literal *");
    case Reason::SearchUnterminatedQuote:
        return ErrorWords::tr("unterminated quoted value");
    case Reason::SearchTermMissingAfter:
        //: %1 the operator as typed: AND, OR or NOT
        return ErrorWords::tr("'%1' needs a term after it").arg(subject);
    case Reason::SearchTermMissingBefore:
        //: %1 the operator as typed: AND or OR
        return ErrorWords::tr("'%1' needs a term before it").arg(subject);
    case Reason::SearchNotAtStart:
        return ErrorWords::tr("NOT cannot start an expression; write -field:value instead");
    case Reason::SearchNotAtGroupStart:
        return ErrorWords::tr("NOT cannot start a group; write -field:value instead");
    case Reason::SearchSignWithoutTerm:
        return ErrorWords::tr("'%1' must be followed directly by a term").arg(subject);
    case Reason::SearchTermExpected:
        return ErrorWords::tr("expected a search term");
    case Reason::SearchEmptyParentheses:
        return ErrorWords::tr("empty parentheses");
    case Reason::SearchParenthesisNotClosed:
        return ErrorWords::tr("missing ')' for this '('");
    default:
        return std::nullopt;
    }
}

// Fields and the values each accepts.
std::optional<QString> termText(const core::Error &error)
{
    const QString &subject = error.subject;
    const QString &typed = error.message;
    switch (error.reason) {
    case Reason::SearchFieldInFieldGroup:
        //: %1 a field and its operator, as in tags:(…)
        return ErrorWords::tr("'%1(…)' cannot contain another field").arg(subject);
    case Reason::SearchFieldNameInvalid:
        return ErrorWords::tr("invalid field name '%1'").arg(subject);
    case Reason::SearchFieldKeyMissing:
        return ErrorWords::tr("'%1' needs a key, as in %1.KEY").arg(subject);
    case Reason::SearchFieldUnsupported:
        return ErrorWords::tr("the field '%1' is not supported by Stratus' local search").arg(subject);
    case Reason::SearchFieldUnknown:
        return ErrorWords::tr("unknown field '%1'").arg(subject);
    case Reason::SearchValueMissing:
        //: %1 a field and its operator, as in tags:
        return ErrorWords::tr("expected a value after '%1'").arg(subject);
    case Reason::SearchValueIsOperator:
        //: %1 a field and its operator, as in tags: ; %2 the operator found instead of a value
        return ErrorWords::tr("expected a value after '%1', found %2").arg(subject, typed);
    case Reason::SearchRangeBoundMissing:
        return ErrorWords::tr("expected a range bound");
    case Reason::SearchRangeToMissing:
        return ErrorWords::tr("expected 'TO' in the range");
    case Reason::SearchRangeUnterminated:
        return ErrorWords::tr("unterminated range; close it with ']' or '}'");
    case Reason::SearchWildcardAlone:
        return ErrorWords::tr("'*' alone is not a search term");
    case Reason::SearchFieldExistsQuery:
        //: %1 a field and its operator, as in tags:
        return ErrorWords::tr("'%1*' is not supported: the Search API has no 'field exists' query")
            .arg(subject);
    case Reason::SearchWildcardWithComparison:
        return ErrorWords::tr("wildcards are not allowed with '%1'").arg(subject);
    case Reason::SearchWildcardUnsupported:
        return ErrorWords::tr("'%1' does not support wildcards").arg(subject);
    case Reason::SearchTermEmpty:
        return ErrorWords::tr("empty search term");
    case Reason::SearchOperatorUnsupported:
        //: %1 a field, %2 an operator such as > or <=
        return ErrorWords::tr("'%1' does not support '%2'").arg(subject, typed);
    case Reason::SearchValueEmpty:
        return ErrorWords::tr("empty value for '%1'").arg(subject);
    case Reason::SearchFolderWildcard:
        return ErrorWords::tr("'%1' supports only a wildcard for a whole folder level, as in %1:a/b/*")
            .arg(subject);
    case Reason::SearchEveryFolder:
        return ErrorWords::tr("'%1:/*' would match every asset; leave the term out").arg(subject);
    case Reason::SearchSizeExpected:
        //: %1 the value as typed after bytes
        return ErrorWords::tr("'bytes' needs a size such as 500, 20kb or 1m, not '%1'").arg(typed);
    case Reason::SearchNumberExpected:
        //: %1 a field, %2 the value as typed
        return ErrorWords::tr("'%1' needs a number, not '%2'").arg(subject, typed);
    case Reason::SearchDateExpected:
        //: %1 a field, %2 the value as typed
        return ErrorWords::tr(
                   "'%1' needs a date (2024-01-31, \"2024-01-31T12:00:00Z\", Unix seconds, or 1h/1d/1w), "
                   "not '%2'")
            .arg(subject, typed);
    case Reason::SearchRangeUnsupported:
        return ErrorWords::tr("'%1' does not support ranges").arg(subject);
    case Reason::SearchRangeWildcard:
        return ErrorWords::tr("wildcards are not allowed in a range");
    case Reason::SearchRangeOpen:
        return ErrorWords::tr("a range needs at least one bound; the Search API has no 'field exists' query");
    default:
        return std::nullopt;
    }
}

std::optional<QString> sortingText(const core::Error &error)
{
    switch (error.reason) {
    case Reason::SortByNotArray:
        return ErrorWords::tr("sort_by must be an array such as [{\"created_at\":\"desc\"}]");
    case Reason::SortByEntryNotObject:
        return ErrorWords::tr("sort_by entries must be objects such as {\"created_at\":\"desc\"}");
    case Reason::SortByEntryNotOneField:
        return ErrorWords::tr(
            "sort_by: each entry must have exactly one field, as in {\"created_at\":\"desc\"}");
    case Reason::SortByFieldUnsortable:
        return ErrorWords::tr("sort_by: cannot sort by '%1'").arg(error.subject);
    case Reason::SortByDirectionInvalid:
        return ErrorWords::tr("sort_by: the direction for '%1' must be \"asc\" or \"desc\"")
            .arg(error.subject);
    case Reason::AggregateNotArray:
        return ErrorWords::tr("aggregate must be an array of field names");
    case Reason::AggregateRangeUnsupported:
        return ErrorWords::tr("aggregate: custom (range) aggregations are not supported");
    case Reason::AggregateFieldUnsupported:
        return ErrorWords::tr("aggregate: cannot aggregate on '%1' (supported: format, resource_type, type)")
            .arg(error.subject);
    default:
        return std::nullopt;
    }
}

} // namespace

std::optional<QString> ErrorWords::searchText(const core::Error &error)
{
    std::optional<QString> words = syntaxText(error);
    if (!words)
        words = termText(error);
    if (words)
        return atPosition(*words, error);
    return sortingText(error);
}

} // namespace stratus::words
