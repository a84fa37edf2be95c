#include "catalogprefilter_p.h"

#include "core/search/searchfield.h"

using namespace Qt::StringLiterals;

namespace stratus::core::catalog::sql {

namespace {

using search::Field;
using search::FieldKind;
using search::Node;
using search::Operator;
using search::Term;

bool isAsciiText(QStringView text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

bool isAsciiToken(QStringView token)
{
    if (token.isEmpty())
        return false;
    for (const QChar c : token) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9')))
            return false;
    }
    return true;
}

QString likePattern(const QString &prefix)
{
    QString escaped = prefix;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
    return escaped + u'%';
}

std::optional<Condition> keywordCondition(QLatin1StringView column, const Term &term)
{
    if ((term.op != Operator::Match && term.op != Operator::Equals) || !isAsciiText(term.value.text))
        return std::nullopt;
    // SQLite's NOCASE and LIKE fold ASCII only: exact for ASCII literals, which is why others are left out.
    if (term.value.prefix)
        return Condition {u"%1 LIKE ? ESCAPE '\\'"_s.arg(column), {likePattern(term.value.text)}};
    return Condition {u"%1 = ? COLLATE NOCASE"_s.arg(column), {term.value.text}};
}

std::optional<Condition> pathCondition(const Term &term)
{
    if (term.op != Operator::Match && term.op != Operator::Equals)
        return std::nullopt;
    // Both folder fields mean the folder of the catalogue's mode, which the `folder` column holds.
    const QString &path = term.value.text;
    if (!term.subtree)
        return Condition {u"trim(folder, '/') = ?"_s, {path}};
    if (path.isEmpty())
        return std::nullopt; // the root and everything below it
    return Condition {u"(trim(folder, '/') = ? OR substr(trim(folder, '/'), 1, ?) = ?)"_s,
                      {path, qlonglong(path.size() + 1), QString(path + u'/')}};
}

QString comparison(QStringView column, Operator op)
{
    switch (op) {
    case Operator::Match:
    case Operator::Equals:
        return u"%1 = ?"_s.arg(column);
    case Operator::Greater:
        return u"%1 > ?"_s.arg(column);
    case Operator::GreaterOrEqual:
        return u"%1 >= ?"_s.arg(column);
    case Operator::Less:
        return u"%1 < ?"_s.arg(column);
    case Operator::LessOrEqual:
        return u"%1 <= ?"_s.arg(column);
    case Operator::Range:
        break;
    }
    return {};
}

std::optional<Condition> numberCondition(const Term &term)
{
    QString column;
    QString present; // the evaluator sees no value (and so never matches) where this is false
    switch (term.field) {
    case Field::Bytes:
        column = u"bytes"_s;
        break;
    case Field::Width:
    case Field::Height:
        column = term.field == Field::Width ? u"width"_s : u"height"_s;
        present = column + u" > 0"_s;
        break;
    case Field::Duration:
        column = u"duration"_s;
        present = u"duration IS NOT NULL"_s;
        break;
    case Field::Pixels:
        column = u"(width * height)"_s;
        present = u"width > 0 AND height > 0"_s;
        break;
    default:
        return std::nullopt; // aspect_ratio compares within a tolerance
    }
    QStringList parts;
    QVariantList binds;
    if (!present.isEmpty())
        parts << present;
    if (term.op == Operator::Range) {
        if (const auto &lower = term.lower.value; lower && lower->number) {
            parts << u"%1 %2 ?"_s.arg(column, term.lower.inclusive ? u">="_s : u">"_s);
            binds << *lower->number;
        }
        if (const auto &upper = term.upper.value; upper && upper->number) {
            parts << u"%1 %2 ?"_s.arg(column, term.upper.inclusive ? u"<="_s : u"<"_s);
            binds << *upper->number;
        }
    } else if (term.value.number) {
        parts << comparison(column, term.op);
        binds << *term.value.number;
    }
    if (parts.isEmpty())
        return std::nullopt;
    return Condition {u"(%1)"_s.arg(parts.join(u" AND "_s)), binds};
}

std::optional<Condition> dateCondition(const Term &term, qint64 now)
{
    QString column;
    if (term.field == Field::CreatedAt)
        column = u"created_at"_s;
    else if (term.field == Field::UploadedAt)
        column = u"uploaded_at"_s;
    else
        return std::nullopt; // updated_at: the evaluator also looks at uploaded_at
    // The same periods as the evaluator: a literal names [start, end).
    QStringList parts;
    QVariantList binds;
    const auto bound = [&](const QString &op, qint64 ms) {
        parts << u"%1 %2 ?"_s.arg(column, op);
        binds << ms;
    };
    if (term.op == Operator::Range) {
        if (const auto &lower = term.lower.value; lower && lower->date)
            bound(u">="_s, term.lower.inclusive ? lower->date->start(now) : lower->date->end(now));
        if (const auto &upper = term.upper.value; upper && upper->date)
            bound(u"<"_s, term.upper.inclusive ? upper->date->end(now) : upper->date->start(now));
    } else if (const auto &date = term.value.date) {
        switch (term.op) {
        case Operator::Match:
        case Operator::Equals:
            bound(u">="_s, date->start(now));
            if (!date->relative)
                bound(u"<"_s, date->end(now));
            break;
        case Operator::Greater:
            bound(u">="_s, date->end(now));
            break;
        case Operator::GreaterOrEqual:
            bound(u">="_s, date->start(now));
            break;
        case Operator::Less:
            bound(u"<"_s, date->start(now));
            break;
        case Operator::LessOrEqual:
            bound(u"<"_s, date->end(now));
            break;
        case Operator::Range:
            break;
        }
    }
    if (parts.isEmpty())
        return std::nullopt;
    return Condition {u"(%1)"_s.arg(parts.join(u" AND "_s)), binds};
}

std::optional<Condition> ftsCondition(const Term &term)
{
    if (term.op != Operator::Match && term.op != Operator::Equals)
        return std::nullopt; // context/metadata comparisons are numeric or by date
    QString columns;
    switch (term.field) {
    case Field::PublicId:
    case Field::Filename: // the public id's last segment: its tokens are the public id's
        columns = u"public_id"_s;
        break;
    case Field::DisplayName:
        columns = u"display_name"_s;
        break;
    case Field::Tags:
        columns = u"tags"_s;
        break;
    case Field::Context:
        columns = u"context"_s; // every value of every key: a superset of one key's
        break;
    case Field::Metadata:
        columns = u"metadata"_s;
        break;
    case Field::FreeText:
        columns = u"{public_id display_name tags context}"_s;
        break;
    default:
        return std::nullopt;
    }
    // Whole tokens, in any order and any value of the column: implied by "consecutive in one value".
    // With a trailing wildcard every token may be the start of a longer one.
    const QStringList &tokens = term.value.tokens;
    if (tokens.isEmpty())
        return std::nullopt;
    QStringList parts;
    for (const QString &token : tokens) {
        if (!isAsciiToken(token))
            return std::nullopt;
        parts << (term.value.prefix ? u"\"%1\"*"_s.arg(token) : u"\"%1\""_s.arg(token));
    }
    return Condition {u"assets.rowid IN (SELECT rowid FROM assets_fts WHERE assets_fts MATCH ?)"_s,
                      {u"%1 : (%2)"_s.arg(columns, parts.join(u" AND "_s))}};
}

std::optional<Condition> termCondition(const Term &term, qint64 now)
{
    switch (search::fieldInfo(term.field).kind) {
    case FieldKind::Keyword: {
        static constexpr std::pair<Field, QLatin1StringView> kColumns[] = {
            {Field::AssetId, "asset_id"_L1},
            {Field::ResourceType, "resource_type"_L1},
            {Field::Type, "type"_L1},
            {Field::Format, "format"_L1},
        };
        for (const auto &[field, column] : kColumns) {
            if (field == term.field)
                return keywordCondition(column, term);
        }
        return std::nullopt;
    }
    case FieldKind::Path:
        return pathCondition(term);
    case FieldKind::Number:
        return numberCondition(term);
    case FieldKind::Date:
        return dateCondition(term, now);
    case FieldKind::FreeText:
    case FieldKind::Text:
    case FieldKind::Tags:
    case FieldKind::Context:
    case FieldKind::Metadata:
        return ftsCondition(term);
    }
    return std::nullopt;
}

// SQLite parses `a OR b OR c …` into a tree as deep as the list is long and refuses one deeper
// than 1000 (SQLITE_MAX_EXPR_DEPTH), which a Search API expression of a thousand terms reaches.
// Grouped in halves, the depth grows with the logarithm of the count instead. Order is kept, so
// the positional binds still line up.
QString balancedJoin(const QStringList &parts, qsizetype from, qsizetype to, QStringView op)
{
    if (to - from == 1)
        return parts.at(from);
    const qsizetype middle = from + (to - from) / 2;
    return u'(' + balancedJoin(parts, from, middle, op) + op + balancedJoin(parts, middle, to, op) + u')';
}

std::optional<Condition> nodeCondition(const Node &node, qint64 now)
{
    switch (node.kind) {
    case Node::Kind::Term:
        return termCondition(node.term, now);
    case Node::Kind::Not:
        return std::nullopt; // the complement of a superset says nothing
    case Node::Kind::And:
    case Node::Kind::Or: {
        const bool isAnd = node.kind == Node::Kind::And;
        QStringList parts;
        QVariantList binds;
        for (const Node &child : node.children) {
            auto condition = nodeCondition(child, now);
            if (!condition) {
                if (isAnd)
                    continue; // the other children still narrow
                return std::nullopt; // one unrestricted alternative: anything may match
            }
            parts << condition->sql;
            binds << condition->binds;
        }
        if (parts.isEmpty())
            return std::nullopt;
        return Condition {balancedJoin(parts, 0, parts.size(), isAnd ? u" AND "_s : u" OR "_s), binds};
    }
    }
    return std::nullopt;
}

} // namespace

std::optional<Condition> prefilter(const search::Node *root, qint64 nowMSecs)
{
    if (root == nullptr)
        return std::nullopt;
    auto condition = nodeCondition(*root, nowMSecs);
    // Past SQLite's limit of bound values a statement cannot be prepared; reading every row is
    // slower but right.
    constexpr qsizetype kMaxBinds = 32766; // SQLITE_MAX_VARIABLE_NUMBER since SQLite 3.32
    if (condition && condition->binds.size() > kMaxBinds)
        return std::nullopt;
    return condition;
}

} // namespace stratus::core::catalog::sql
