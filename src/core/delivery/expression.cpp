#include "expression.h"

#include <QStringView>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

bool isLineTerminator(QChar c)
{
    return c == u'\n' || c == u'\r' || c == u'\u2028' || c == u'\u2029';
}

// `!…!` marks literal text in Cloudinary expressions (e.g. a tag name); the SDK leaves it alone.
bool isQuotedText(QStringView text)
{
    if (text.size() < 3 || text.front() != u'!' || text.back() != u'!')
        return false;
    for (qsizetype i = 1; i + 1 < text.size(); ++i) {
        if (isLineTerminator(text[i]))
            return false;
    }
    return true;
}

bool isSeparator(QStringView text, qsizetype i)
{
    return i < text.size() && (text[i] == u' ' || text[i] == u'_');
}

// The operator written at text[i], if it is followed by a space or `_` (only then is it an operator
// rather than part of a value such as `iw-20`). Returns its length and sets *name.
int operatorAt(QStringView text, qsizetype i, QStringView *name)
{
    const QChar next = i + 1 < text.size() ? text[i + 1] : QChar();
    switch (text[i].unicode()) {
    case u'|':
        if (next == u'|' && isSeparator(text, i + 2))
            return *name = u"or", 2;
        return 0;
    case u'&':
        if (next == u'&' && isSeparator(text, i + 2))
            return *name = u"and", 2;
        return 0;
    case u'!':
        if (next == u'=' && isSeparator(text, i + 2))
            return *name = u"ne", 2;
        return 0;
    case u'>':
        if (next == u'=' && isSeparator(text, i + 2))
            return *name = u"gte", 2;
        if (isSeparator(text, i + 1))
            return *name = u"gt", 1;
        return 0;
    case u'<':
        if (next == u'=' && isSeparator(text, i + 2))
            return *name = u"lte", 2;
        if (isSeparator(text, i + 1))
            return *name = u"lt", 1;
        return 0;
    default:
        break;
    }
    if (!isSeparator(text, i + 1))
        return 0;
    switch (text[i].unicode()) {
    case u'=':
        return *name = u"eq", 1;
    case u'/':
        return *name = u"div", 1;
    case u'-':
        return *name = u"sub", 1;
    case u'^':
        return *name = u"pow", 1;
    case u'+':
        return *name = u"add", 1;
    case u'*':
        return *name = u"mul", 1;
    default:
        return 0;
    }
}

// A rewritten copy of a text, made only once the first change is known: until then nothing is
// allocated, and the result shares the original. The buffer is sized for the worst case up front,
// so characters are written without checks.
class Rewrite
{
public:
    Rewrite(const QString &text, qsizetype growthFactor)
        : m_text(text)
        , m_factor(growthFactor)
    {
    }

    [[nodiscard]] bool started() const { return m_to != nullptr; }
    // Starts the copy with the unchanged text before \a at.
    void start(qsizetype at)
    {
        m_out = QString(m_text.size() * m_factor, Qt::Uninitialized);
        m_to = std::copy(m_text.constBegin(), m_text.constBegin() + at, m_out.data());
    }
    void keep(qsizetype from, qsizetype to)
    {
        if (m_to)
            m_to = std::copy(m_text.constBegin() + from, m_text.constBegin() + to, m_to);
    }
    void put(QStringView text) { m_to = std::copy(text.begin(), text.end(), m_to); }
    void put(QChar c) { *m_to++ = c; }
    QString finish()
    {
        if (!m_to)
            return m_text;
        m_out.truncate(m_to - m_out.constData());
        return std::move(m_out);
    }

private:
    const QString &m_text;
    qsizetype m_factor;
    QString m_out;
    QChar *m_to = nullptr;
};

QString replaceOperators(const QString &text)
{
    Rewrite out(text, 3); // "/" (one character) becomes "div" (three)
    for (qsizetype i = 0; i < text.size();) {
        QStringView name;
        const int length = operatorAt(text, i, &name);
        if (length == 0) {
            out.keep(i, i + 1);
            ++i;
            continue;
        }
        if (!out.started())
            out.start(i);
        out.put(name);
        i += length;
    }
    return out.finish();
}

struct PredefinedVariable
{
    QStringView name;
    QStringView shortName;
};

// In the SDK's order: at one position the first name that matches wins.
constexpr PredefinedVariable kPredefined[] = {
    {u"aspect_ratio", u"ar"},
    {u"aspectRatio", u"ar"},
    {u"current_page", u"cp"},
    {u"currentPage", u"cp"},
    {u"duration", u"du"},
    {u"face_count", u"fc"},
    {u"faceCount", u"fc"},
    {u"height", u"h"},
    {u"initial_aspect_ratio", u"iar"},
    {u"initial_height", u"ih"},
    {u"initial_width", u"iw"},
    {u"initialAspectRatio", u"iar"},
    {u"initialHeight", u"ih"},
    {u"initialWidth", u"iw"},
    {u"initial_duration", u"idu"},
    {u"initialDuration", u"idu"},
    {u"page_count", u"pc"},
    {u"page_x", u"px"},
    {u"page_y", u"py"},
    {u"pageCount", u"pc"},
    {u"pageX", u"px"},
    {u"pageY", u"py"},
    {u"tags", u"tags"},
    {u"width", u"w"},
};

bool matchesAt(QStringView text, qsizetype i, QStringView word)
{
    if (text.size() - i < word.size())
        return false;
    const QChar *at = text.data() + i;
    for (qsizetype k = 0; k < word.size(); ++k) {
        if (at[k] != word[k])
            return false;
    }
    return true;
}

const PredefinedVariable *predefinedAt(QStringView text, qsizetype i)
{
    if (i + 1 >= text.size())
        return nullptr;
    // Every predefined name starts with one of these pairs; most positions are rejected here.
    const char16_t second = text[i + 1].unicode();
    switch (text[i].unicode()) {
    case u'a':
        if (second != u's')
            return nullptr;
        break;
    case u'c':
    case u'd':
        if (second != u'u')
            return nullptr;
        break;
    case u'f':
    case u'p':
    case u't':
        if (second != u'a')
            return nullptr;
        break;
    case u'h':
        if (second != u'e')
            return nullptr;
        break;
    case u'i':
        if (second != u'n')
            return nullptr;
        break;
    case u'w':
        if (second != u'i')
            return nullptr;
        break;
    default:
        return nullptr;
    }
    for (const PredefinedVariable &variable : kPredefined) {
        if (variable.name.front() == text[i] && matchesAt(text, i, variable.name))
            return &variable;
    }
    return nullptr;
}

QString replaceVariables(const QString &text)
{
    Rewrite out(text, 1); // names only get shorter
    for (qsizetype i = 0; i < text.size();) {
        const QChar c = text[i];
        if (c == u'$') {
            // A user variable runs to the next `_` or space and is never rewritten.
            qsizetype j = i + 1;
            while (j < text.size() && text[j] == u'_')
                ++j;
            if (j < text.size() && text[j] != u' ') {
                qsizetype k = j;
                while (k < text.size() && text[k] != u'_' && text[k] != u' ')
                    ++k;
                out.keep(i, k);
                i = k;
                continue;
            }
        } else if (c == u':') {
            // `:width` is a value (e.g. a named parameter), not the variable.
            if (const PredefinedVariable *variable = predefinedAt(text, i + 1)) {
                const qsizetype end = i + 1 + variable->name.size();
                out.keep(i, end);
                i = end;
                continue;
            }
        } else if (const PredefinedVariable *variable = predefinedAt(text, i)) {
            if (variable->name != variable->shortName) {
                if (!out.started())
                    out.start(i);
                out.put(variable->shortName);
            } else {
                out.keep(i, i + variable->name.size());
            }
            i += variable->name.size();
            continue;
        }
        out.keep(i, i + 1);
        ++i;
    }
    return out.finish();
}

QString collapseSeparators(const QString &text)
{
    Rewrite out(text, 1);
    for (qsizetype i = 0; i < text.size();) {
        const QChar c = text[i];
        if (c != u' ' && c != u'_') {
            out.keep(i, i + 1);
            ++i;
            continue;
        }
        qsizetype end = i + 1;
        while (end < text.size() && (text[end] == u' ' || text[end] == u'_'))
            ++end;
        if (!out.started() && (c == u' ' || end - i > 1))
            out.start(i);
        if (out.started())
            out.put(u'_');
        i = end;
    }
    return out.finish();
}

} // namespace

QString normalizeExpression(const QString &expression)
{
    if (expression.isEmpty() || isQuotedText(expression))
        return expression;
    // Operators are only rewritten before a separator, and only separators are collapsed: without
    // spaces and underscores (most values: "auto:good", "fill", "16:9") only names can change.
    const bool separators = expression.contains(u' ') || expression.contains(u'_');
    if (!separators)
        return replaceVariables(expression);
    return collapseSeparators(replaceVariables(replaceOperators(expression)));
}

QString normalizeRangeValue(const QString &value)
{
    const qsizetype size = value.size();
    qsizetype i = 0;
    while (i < size && value[i].isDigit() && value[i].unicode() < 128)
        ++i;
    const qsizetype integerDigits = i;
    if (i < size && value[i] == u'.') {
        const qsizetype fractionStart = ++i;
        while (i < size && value[i] >= u'0' && value[i] <= u'9')
            ++i;
        if (i == fractionStart)
            return value;
    } else if (integerDigits == 0) {
        return value;
    }
    if (i + 1 != size)
        return value;
    const QChar suffix = value[i];
    if (suffix == u'%' || suffix == u'P')
        return value.left(i) + u'p';
    return value;
}

} // namespace stratus::core
