// Expression::parse: a recursive-descent parser reading characters directly (no separate token
// stream), because whether `-`, `*` or `TO` is an operator depends on where it stands.

#include "searchexpression.h"
#include "searchliterals.h"
#include "searchterms.h"

namespace stratus::core::search {

namespace {

using namespace Qt::StringLiterals;
using detail::isBareChar;
using detail::operatorText;
using detail::RawValue;

constexpr int kMaxDepth = 64;

// Inside `field:( … )` every bare value belongs to this field.
struct FieldContext
{
    Field field;
    QString key;
    QString name;
    Operator op;
};

class Parser
{
public:
    explicit Parser(QStringView text)
        : m_text(text)
    {
    }

    // The root, or nullopt with error() set. An empty input gives a Node-less success via m_empty.
    std::optional<Node> parseAll()
    {
        skipSpace();
        if (atEnd()) {
            m_empty = true;
            return std::nullopt;
        }
        auto root = parseOr(nullptr, true);
        if (!root)
            return std::nullopt;
        skipSpace();
        if (!atEnd())
            return fail(m_pos,
                        peek() == u')' ? ErrorReason::SearchUnbalancedParenthesis
                                       : ErrorReason::SearchUnexpectedText);
        return root;
    }

    [[nodiscard]] bool isEmptyExpression() const { return m_empty; }
    [[nodiscard]] const Error &error() const { return m_error; }

private:
    QStringView m_text;
    qsizetype m_pos = 0;
    int m_depth = 0;
    bool m_empty = false;
    Error m_error;

    // ---- character level ----------------------------------------------------------------------

    [[nodiscard]] bool atEnd() const { return m_pos >= m_text.size(); }
    [[nodiscard]] QChar peek(qsizetype offset = 0) const
    {
        const qsizetype i = m_pos + offset;
        return i < m_text.size() ? m_text[i] : QChar();
    }
    void skipSpace()
    {
        while (!atEnd() && peek().isSpace())
            ++m_pos;
    }

    // A whole bare word equal to @p word (not a prefix of a longer word).
    [[nodiscard]] bool atWord(QLatin1String word) const
    {
        if (!m_text.sliced(m_pos).startsWith(word))
            return false;
        const qsizetype after = m_pos + word.size();
        return after >= m_text.size() || !(isBareChar(m_text[after]) || m_text[after] == u'\\');
    }
    [[nodiscard]] bool atAndOperator() const
    {
        return atWord("AND"_L1) || (peek() == u'&' && peek(1) == u'&');
    }
    [[nodiscard]] bool atOrOperator() const { return atWord("OR"_L1) || (peek() == u'|' && peek(1) == u'|'); }
    [[nodiscard]] bool atTermEnd() const
    {
        return atEnd() || peek() == u')' || atAndOperator() || atOrOperator();
    }

    // The first error found is the one reported.
    std::nullopt_t fail(Error error)
    {
        if (m_error.reason == ErrorReason::None)
            m_error = std::move(error);
        return std::nullopt;
    }
    std::nullopt_t fail(qsizetype pos, ErrorReason reason, QString subject = {}, QString typed = {})
    {
        return fail(detail::searchError(reason, pos, std::move(subject), std::move(typed)));
    }

    std::nullopt_t failUnexpected(qsizetype pos)
    {
        const QChar c = pos < m_text.size() ? m_text[pos] : QChar();
        const QString shown = c.isNull() ? QString() : QString(c);
        switch (c.unicode()) {
        case u'&':
            return fail(pos, ErrorReason::SearchAmpersand);
        case u'|':
            return fail(pos, ErrorReason::SearchBar);
        case u'^':
        case u'~':
        case u'?':
        case u'!':
            return fail(pos, ErrorReason::SearchCharacterUnsupported, shown);
        case u':':
        case u'=':
        case u'<':
        case u'>':
            return fail(pos, ErrorReason::SearchOperatorCharacter, shown);
        case u'[':
        case u'{':
            return fail(pos, ErrorReason::SearchRangeWithoutField, shown);
        default: // ']', '}' and the rest
            return fail(pos, ErrorReason::SearchUnexpectedCharacter, shown);
        }
    }

    bool enterNesting(qsizetype pos)
    {
        if (++m_depth > kMaxDepth) {
            fail(pos, ErrorReason::SearchNestedTooDeeply, QString::number(kMaxDepth));
            return false;
        }
        return true;
    }
    void leaveNesting() { --m_depth; }

    // A bare word: bare characters and backslash escapes, optionally ending in an unescaped `*`.
    std::optional<RawValue> readWord()
    {
        RawValue word;
        word.pos = m_pos;
        while (!atEnd()) {
            const QChar c = peek();
            if (c == u'\\') {
                if (m_pos + 1 >= m_text.size())
                    return fail(m_pos, ErrorReason::SearchDanglingBackslash);
                word.text.append(peek(1));
                word.escaped = true;
                m_pos += 2;
                continue;
            }
            if (c == u'*') {
                const QChar next = peek(1);
                if (m_pos + 1 < m_text.size() && next != u'"'
                    && (isBareChar(next) || next == u'\\' || next == u'*'))
                    return fail(m_pos, ErrorReason::SearchWildcardNotTrailing);
                word.prefix = true;
                ++m_pos;
                break;
            }
            if (!isBareChar(c))
                break;
            word.text.append(c);
            ++m_pos;
        }
        return word;
    }

    // A quoted value; inside, a backslash escapes any character and `*` is only allowed last.
    std::optional<RawValue> readQuoted()
    {
        RawValue value;
        value.pos = m_pos;
        value.quoted = true;
        ++m_pos; // opening quote
        while (true) {
            if (atEnd())
                return fail(value.pos, ErrorReason::SearchUnterminatedQuote);
            const QChar c = peek();
            if (c == u'"') {
                ++m_pos;
                return value;
            }
            if (c == u'\\') {
                if (m_pos + 1 >= m_text.size())
                    return fail(value.pos, ErrorReason::SearchUnterminatedQuote);
                value.text.append(peek(1));
                value.escaped = true;
                m_pos += 2;
                continue;
            }
            if (c == u'*') {
                if (peek(1) != u'"')
                    return fail(m_pos, ErrorReason::SearchQuotedWildcardNotTrailing);
                value.prefix = true;
                ++m_pos;
                continue;
            }
            value.text.append(c);
            ++m_pos;
        }
    }

    std::optional<RawValue> readValue()
    {
        if (peek() == u'"')
            return readQuoted();
        return readWord();
    }

    // ---- grammar ------------------------------------------------------------------------------

    static Node combine(Node::Kind kind, std::vector<Node> nodes)
    {
        if (nodes.size() == 1)
            return std::move(nodes.front());
        Node node;
        node.kind = kind;
        for (Node &child : nodes) {
            if (child.kind == kind) {
                for (Node &grandChild : child.children)
                    node.children.push_back(std::move(grandChild));
            } else {
                node.children.push_back(std::move(child));
            }
        }
        return node;
    }

    static Node negate(Node child)
    {
        Node node;
        node.kind = Node::Kind::Not;
        node.children.push_back(std::move(child));
        return node;
    }

    std::optional<Node> parseOr(const FieldContext *context, bool groupStart)
    {
        std::vector<Node> nodes;
        auto first = parseAnd(context, groupStart);
        if (!first)
            return std::nullopt;
        nodes.push_back(std::move(*first));
        while (true) {
            skipSpace();
            if (!atOrOperator())
                break;
            const qsizetype opPos = m_pos;
            m_pos += 2;
            skipSpace();
            if (atTermEnd())
                return fail(opPos, ErrorReason::SearchTermMissingAfter, u"OR"_s);
            auto next = parseAnd(context, false);
            if (!next)
                return std::nullopt;
            nodes.push_back(std::move(*next));
        }
        return combine(Node::Kind::Or, std::move(nodes));
    }

    std::optional<Node> parseAnd(const FieldContext *context, bool groupStart)
    {
        std::vector<Node> nodes;
        auto first = parseUnary(context, groupStart);
        if (!first)
            return std::nullopt;
        nodes.push_back(std::move(*first));
        while (true) {
            skipSpace();
            if (atEnd() || peek() == u')' || atOrOperator())
                break;
            if (atAndOperator()) {
                const qsizetype opPos = m_pos;
                m_pos += peek() == u'&' ? 2 : 3;
                skipSpace();
                if (atTermEnd())
                    return fail(opPos, ErrorReason::SearchTermMissingAfter, u"AND"_s);
            }
            auto next = parseUnary(context, false);
            if (!next)
                return std::nullopt;
            nodes.push_back(std::move(*next));
        }
        return combine(Node::Kind::And, std::move(nodes));
    }

    std::optional<Node> parseUnary(const FieldContext *context, bool groupStart)
    {
        skipSpace();
        const qsizetype pos = m_pos;
        if (atWord("NOT"_L1)) {
            if (groupStart) {
                return fail(
                    pos, m_depth == 0 ? ErrorReason::SearchNotAtStart : ErrorReason::SearchNotAtGroupStart);
            }
            m_pos += 3;
            skipSpace();
            if (atTermEnd() || atWord("NOT"_L1))
                return fail(pos, ErrorReason::SearchTermMissingAfter, u"NOT"_s);
            if (!enterNesting(pos))
                return std::nullopt;
            auto child = parsePrimary(context);
            leaveNesting();
            if (!child)
                return std::nullopt;
            return negate(std::move(*child));
        }
        if (peek() == u'-' || peek() == u'+') {
            const bool negative = peek() == u'-';
            const QChar next = peek(1);
            if (m_pos + 1 >= m_text.size() || next.isSpace() || next == u')')
                return fail(pos, ErrorReason::SearchSignWithoutTerm, QString(peek()));
            ++m_pos;
            if (!negative)
                return parsePrimary(context);
            if (!enterNesting(pos))
                return std::nullopt;
            auto child = parsePrimary(context);
            leaveNesting();
            if (!child)
                return std::nullopt;
            return negate(std::move(*child));
        }
        if (atAndOperator())
            return fail(pos, ErrorReason::SearchTermMissingBefore, u"AND"_s);
        if (atOrOperator())
            return fail(pos, ErrorReason::SearchTermMissingBefore, u"OR"_s);
        return parsePrimary(context);
    }

    std::optional<Node> parsePrimary(const FieldContext *context)
    {
        skipSpace();
        const qsizetype pos = m_pos;
        if (atEnd())
            return fail(pos, ErrorReason::SearchTermExpected);
        if (peek() == u'(')
            return parseGroup(context);
        if (peek() == u')')
            return fail(pos, ErrorReason::SearchUnbalancedParenthesis);
        return parseTerm(context);
    }

    std::optional<Node> parseGroup(const FieldContext *context)
    {
        const qsizetype open = m_pos;
        ++m_pos;
        if (!enterNesting(open))
            return std::nullopt;
        skipSpace();
        if (peek() == u')')
            return fail(open, ErrorReason::SearchEmptyParentheses);
        if (atEnd())
            return fail(open, ErrorReason::SearchParenthesisNotClosed);
        auto body = parseOr(context, true);
        if (!body)
            return std::nullopt;
        skipSpace();
        if (peek() != u')')
            return fail(open, ErrorReason::SearchParenthesisNotClosed);
        ++m_pos;
        leaveNesting();
        return body;
    }

    std::optional<Node> parseTerm(const FieldContext *context)
    {
        const qsizetype start = m_pos;
        const QChar c = peek();
        if (c == u'"') {
            auto value = readQuoted();
            if (!value)
                return std::nullopt;
            return valueTerm(context, *value);
        }
        if (context && context->op == Operator::Match && (c == u'[' || c == u'{'))
            return parseRange(context->field, context->key, context->name, start);
        if (!isBareChar(c) && c != u'\\' && c != u'*')
            return failUnexpected(start);

        auto word = readWord();
        if (!word)
            return std::nullopt;
        const QChar next = peek();
        const bool isField = next == u':' || next == u'=' || next == u'<' || next == u'>';
        if (isField && !word->prefix && !word->text.isEmpty()) {
            if (context)
                return fail(start, ErrorReason::SearchFieldInFieldGroup,
                            context->name + operatorText(context->op));
            if (word->escaped)
                return fail(start, ErrorReason::SearchFieldNameInvalid, word->text);
            return parseFieldTerm(word->text, start);
        }
        return valueTerm(context, *word);
    }

    std::optional<Node> valueTerm(const FieldContext *context, const RawValue &value)
    {
        if (context)
            return termNode(
                detail::buildTerm(context->field, context->key, context->name, context->op, value));
        return termNode(detail::buildTerm(Field::FreeText, {}, {}, Operator::Match, value));
    }

    // The field a name stands for, and the key of context.KEY and metadata.KEY.
    std::optional<std::pair<Field, QString>> fieldNamed(const QString &name, qsizetype start)
    {
        const qsizetype dot = name.indexOf(u'.');
        const QString base = dot < 0 ? name : name.first(dot);
        if (base == "context"_L1 || base == "metadata"_L1) {
            QString key = dot < 0 ? QString() : name.sliced(dot + 1);
            if (key.isEmpty())
                return fail(start, ErrorReason::SearchFieldKeyMissing, base);
            return std::pair {base == "context"_L1 ? Field::Context : Field::Metadata, std::move(key)};
        }
        if (const auto known = fieldFromName(name))
            return std::pair {*known, QString()};
        if (isUnsupportedCloudinaryField(name))
            return fail(start, ErrorReason::SearchFieldUnsupported, name);
        return fail(start, ErrorReason::SearchFieldUnknown, name);
    }

    // `:`, `=`, `>`, `>=`, `<` or `<=`: the caller stands on the first character of one of them.
    Operator readOperator()
    {
        switch (peek().unicode()) {
        case u':':
            ++m_pos;
            return Operator::Match;
        case u'=':
            ++m_pos;
            return Operator::Equals;
        case u'>': {
            const Operator op = peek(1) == u'=' ? Operator::GreaterOrEqual : Operator::Greater;
            m_pos += op == Operator::Greater ? 1 : 2;
            return op;
        }
        default: { // '<'
            const Operator op = peek(1) == u'=' ? Operator::LessOrEqual : Operator::Less;
            m_pos += op == Operator::Less ? 1 : 2;
            return op;
        }
        }
    }

    std::optional<Node> parseFieldTerm(const QString &name, qsizetype start)
    {
        const auto named = fieldNamed(name, start);
        if (!named)
            return std::nullopt;
        const auto &[field, key] = *named;
        const Operator op = readOperator();
        const QString written = name + operatorText(op);

        skipSpace();
        const QChar c = peek();
        if (op == Operator::Match && (c == u'[' || c == u'{'))
            return parseRange(field, key, name, start);
        if ((op == Operator::Match || op == Operator::Equals) && c == u'(') {
            const FieldContext context {field, key, name, op};
            return parseGroup(&context);
        }
        if (atEnd() || !(isBareChar(c) || c == u'"' || c == u'\\' || c == u'*'))
            return fail(m_pos, ErrorReason::SearchValueMissing, written);
        auto value = readValue();
        if (!value)
            return std::nullopt;
        if (!value->quoted && !value->escaped && !value->prefix
            && (value->text == "AND"_L1 || value->text == "OR"_L1 || value->text == "NOT"_L1))
            return fail(value->pos, ErrorReason::SearchValueIsOperator, written, value->text);
        value->pos = start;
        return termNode(detail::buildTerm(field, key, name, op, *value));
    }

    std::optional<RawValue> readBound()
    {
        skipSpace();
        const QChar c = peek();
        if (atEnd() || !(isBareChar(c) || c == u'"' || c == u'\\' || c == u'*'))
            return fail(m_pos, ErrorReason::SearchRangeBoundMissing);
        return readValue();
    }

    std::optional<Node> parseRange(Field field, const QString &key, const QString &name, qsizetype start)
    {
        const qsizetype open = m_pos;
        const bool lowerInclusive = peek() == u'[';
        ++m_pos;
        auto lower = readBound();
        if (!lower)
            return std::nullopt;
        skipSpace();
        if (!atWord("TO"_L1))
            return fail(m_pos, ErrorReason::SearchRangeToMissing);
        m_pos += 2;
        auto upper = readBound();
        if (!upper)
            return std::nullopt;
        skipSpace();
        if (peek() != u']' && peek() != u'}')
            return fail(open, ErrorReason::SearchRangeUnterminated);
        const bool upperInclusive = peek() == u']';
        ++m_pos;
        return termNode(
            detail::buildRange(field, key, name, start, *lower, lowerInclusive, *upper, upperInclusive));
    }

    std::optional<Node> termNode(detail::TermResult result)
    {
        if (auto *termError = std::get_if<Error>(&result))
            return fail(std::move(*termError));
        Node node;
        node.kind = Node::Kind::Term;
        node.term = std::get<Term>(std::move(result));
        return node;
    }
};

} // namespace

Result<Expression> Expression::parse(QStringView text)
{
    Parser parser(text);
    auto root = parser.parseAll();
    if (parser.isEmptyExpression())
        return Expression();
    if (!root)
        return parser.error();
    return Expression(std::make_shared<const Node>(std::move(*root)));
}

} // namespace stratus::core::search
