// Expression::toString: the canonical form. It must parse back to the same tree, so it only emits
// what the parser reads unambiguously: `-` for negation (NOT may not start a group), explicit AND/OR,
// parentheses only where precedence needs them, and a value bare only when the parser would read the
// same bare word back in that position.

#include "searchexpression.h"
#include "searchliterals.h"
#include "searchterms.h"

namespace stratus::core::search {

namespace {

using namespace Qt::StringLiterals;
using detail::operatorText;

enum class Position { FreeText, Value };

bool canBeBare(const QString &text, Position position)
{
    if (text.isEmpty() || detail::isKeyword(text))
        return false;
    if (position == Position::FreeText && (text.front() == u'-' || text.front() == u'+'))
        return false;
    for (const QChar c : text) {
        if (!detail::isBareChar(c))
            return false;
    }
    return true;
}

void appendValue(QString &out, const QString &text, bool prefix, Position position)
{
    if (canBeBare(text, position)) {
        out += text;
        if (prefix)
            out += u'*';
        return;
    }
    out += u'"';
    for (const QChar c : text) {
        if (c == u'"' || c == u'\\' || c == u'*')
            out += u'\\';
        out += c;
    }
    if (prefix)
        out += u'*';
    out += u'"';
}

QString fieldName(const Term &term)
{
    const QString name = fieldInfo(term.field).name;
    if (term.field == Field::Context || term.field == Field::Metadata)
        return name + u'.' + term.key;
    return name;
}

void appendBound(QString &out, const Bound &bound)
{
    if (!bound.value)
        out += u'*';
    else
        appendValue(out, bound.value->text, false, Position::Value);
}

void appendTerm(QString &out, const Term &term)
{
    if (term.field == Field::FreeText) {
        appendValue(out, term.value.text, term.value.prefix, Position::FreeText);
        return;
    }
    out += fieldName(term);
    out += operatorText(term.op);
    if (term.op == Operator::Range) {
        out += term.lower.inclusive ? u'[' : u'{';
        appendBound(out, term.lower);
        out += " TO "_L1;
        appendBound(out, term.upper);
        out += term.upper.inclusive ? u']' : u'}';
        return;
    }
    if (term.subtree)
        appendValue(out, term.value.text + u'/', true, Position::Value);
    else
        appendValue(out, term.value.text, term.value.prefix, Position::Value);
}

void appendNode(QString &out, const Node &node)
{
    switch (node.kind) {
    case Node::Kind::Term:
        appendTerm(out, node.term);
        return;
    case Node::Kind::Not: {
        const Node &child = node.children.front();
        out += u'-';
        if (child.kind == Node::Kind::Term) {
            appendTerm(out, child.term);
        } else {
            out += u'(';
            appendNode(out, child);
            out += u')';
        }
        return;
    }
    case Node::Kind::And:
    case Node::Kind::Or: {
        const bool isAnd = node.kind == Node::Kind::And;
        bool first = true;
        for (const Node &child : node.children) {
            if (!first)
                out += isAnd ? " AND "_L1 : " OR "_L1;
            first = false;
            const bool parenthesise = isAnd && child.kind == Node::Kind::Or;
            if (parenthesise)
                out += u'(';
            appendNode(out, child);
            if (parenthesise)
                out += u')';
        }
        return;
    }
    }
}

} // namespace

QString Expression::toString() const
{
    QString out;
    if (m_root)
        appendNode(out, *m_root);
    return out;
}

} // namespace stratus::core::search
