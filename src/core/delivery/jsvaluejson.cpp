// JsValue::parseJson(): JSON.parse() semantics, tuned for many small documents (the CLI's batch mode).

#include "jsvalue.h"

#include <QtAlgorithms>

#include <charconv>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

class JsonParser
{
public:
    JsonParser(QStringView text, JsValue::StringStorage storage)
        : m_text(text)
        , m_borrow(storage == JsValue::StringStorage::Borrow)
    {
    }

    Result<JsValue> parse()
    {
        skipSpace();
        JsValue value = parseValue(0);
        m_members.clear();
        m_elements.clear();
        if (m_error == ErrorReason::None) {
            skipSpace();
            if (m_pos != m_text.size())
                fail(ErrorReason::JsonTextAfterValue);
        }
        if (m_error != ErrorReason::None)
            return Error::because(Error::Kind::InvalidInput, m_error, QString::number(m_pos));
        return value;
    }

private:
    static constexpr int kMaxDepth = 1000;

    // Keeps the first problem found: the others follow from it.
    void fail(ErrorReason reason)
    {
        if (m_error == ErrorReason::None)
            m_error = reason;
    }

    void skipSpace()
    {
        while (m_pos < m_text.size()) {
            const char16_t c = m_text[m_pos].unicode();
            if (c != u' ' && c != u'\t' && c != u'\n' && c != u'\r')
                break;
            ++m_pos;
        }
    }

    bool consumeLiteral(QStringView word)
    {
        if (m_text.mid(m_pos).startsWith(word)) {
            m_pos += word.size();
            return true;
        }
        fail(ErrorReason::JsonUnexpectedCharacter);
        return false;
    }

    JsValue parseValue(int depth)
    {
        if (depth > kMaxDepth) {
            fail(ErrorReason::JsonTooDeep);
            return {};
        }
        if (m_pos >= m_text.size()) {
            fail(ErrorReason::JsonUnexpectedEnd);
            return {};
        }
        switch (m_text[m_pos].unicode()) {
        case u'{':
            return parseObject(depth);
        case u'[':
            return parseArray(depth);
        case u'"': {
            QString text;
            if (!parseString(&text))
                return {};
            return JsValue::string(std::move(text));
        }
        case u't':
            return consumeLiteral(u"true") ? JsValue::boolean(true) : JsValue();
        case u'f':
            return consumeLiteral(u"false") ? JsValue::boolean(false) : JsValue();
        case u'n':
            return consumeLiteral(u"null") ? JsValue::null() : JsValue();
        default:
            return parseNumber();
        }
    }

    JsValue parseObject(int depth)
    {
        ++m_pos; // {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == u'}') {
            ++m_pos;
            return JsValue::object({});
        }
        // Members collect on a stack shared by all levels, so each object is allocated once at its
        // final size.
        const std::size_t mark = m_members.size();
        while (true) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != u'"') {
                fail(ErrorReason::JsonMemberNameExpected);
                return {};
            }
            QString key;
            if (!parseString(&key))
                return {};
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != u':') {
                fail(ErrorReason::JsonColonExpected);
                return {};
            }
            ++m_pos;
            skipSpace();
            JsValue value = parseValue(depth + 1);
            if (m_error != ErrorReason::None)
                return {};
            m_members.emplace_back(std::move(key), std::move(value));
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == u',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_text.size() && m_text[m_pos] == u'}') {
                ++m_pos;
                return JsValue::takeObject(m_members, mark);
            }
            fail(ErrorReason::JsonCommaOrBraceExpected);
            return {};
        }
    }

    JsValue parseArray(int depth)
    {
        ++m_pos; // [
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == u']') {
            ++m_pos;
            return JsValue::array({});
        }
        const std::size_t mark = m_elements.size();
        while (true) {
            skipSpace();
            JsValue value = parseValue(depth + 1);
            if (m_error != ErrorReason::None)
                return {};
            m_elements.push_back(std::move(value));
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == u',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_text.size() && m_text[m_pos] == u']') {
                ++m_pos;
                return JsValue::takeArray(m_elements, mark);
            }
            fail(ErrorReason::JsonCommaOrBracketExpected);
            return {};
        }
    }

    static int hexDigit(char16_t c)
    {
        if (c >= u'0' && c <= u'9')
            return c - u'0';
        if (c >= u'a' && c <= u'f')
            return c - u'a' + 10;
        if (c >= u'A' && c <= u'F')
            return c - u'A' + 10;
        return -1;
    }

    // The end of the run of characters that need no attention inside a string (no quote, backslash
    // or control character), four at a time.
    static qsizetype plainRunEnd(const QChar *data, qsizetype i, qsizetype size)
    {
        constexpr quint64 kOnes = 0x0001000100010001ULL;
        constexpr quint64 kHigh = 0x8000800080008000ULL;
        auto lanesBelow = [](quint64 v, quint64 n) {
            return (v - n * kOnes) & ~v & kHigh;
        };
        auto lanesEqual = [&](quint64 v, quint64 n) {
            return lanesBelow(v ^ (n * kOnes), 1);
        };
        while (i + 4 <= size) {
            quint64 lanes;
            std::memcpy(&lanes, data + i, sizeof lanes);
            const quint64 found
                = lanesBelow(lanes, 0x20) | lanesEqual(lanes, u'"') | lanesEqual(lanes, u'\\');
            // The lowest flagged lane is a real hit (a borrow can only flag lanes above one).
            if (found)
                return i + qCountTrailingZeroBits(found) / 16;
            i += 4;
        }
        while (i < size) {
            const char16_t c = data[i].unicode();
            if (c == u'"' || c == u'\\' || c < 0x20)
                break;
            ++i;
        }
        return i;
    }

    // QString::fromRawData(), inline: no allocation, no reference count.
    static QString borrowed(const QChar *data, qsizetype size)
    {
        char16_t *chars = const_cast<char16_t *>(reinterpret_cast<const char16_t *>(data));
        return QString(QString::DataPointer(nullptr, chars, size));
    }

    // The escape at data[i] ('\\' and at least one more character) appended to text; i moves past it.
    bool appendEscaped(const QChar *data, qsizetype size, qsizetype &i, QString &text)
    {
        const char16_t escape = data[i + 1].unicode();
        i += 2;
        switch (escape) {
        case u'"':
            text += u'"';
            return true;
        case u'\\':
            text += u'\\';
            return true;
        case u'/':
            text += u'/';
            return true;
        case u'b':
            text += u'\b';
            return true;
        case u'f':
            text += u'\f';
            return true;
        case u'n':
            text += u'\n';
            return true;
        case u'r':
            text += u'\r';
            return true;
        case u't':
            text += u'\t';
            return true;
        case u'u': {
            int code = 0;
            for (int k = 0; k < 4; ++k) {
                const int digit = i + k < size ? hexDigit(data[i + k].unicode()) : -1;
                if (digit < 0) {
                    m_pos = i;
                    fail(ErrorReason::JsonBadUnicodeEscape);
                    return false;
                }
                code = code * 16 + digit;
            }
            i += 4;
            text += QChar(char16_t(code));
            return true;
        }
        default:
            m_pos = i - 1;
            fail(ErrorReason::JsonBadEscape);
            return false;
        }
    }

    bool parseString(QString *out)
    {
        const qsizetype start = ++m_pos; // after the quote
        const qsizetype size = m_text.size();
        const QChar *data = m_text.data();
        qsizetype i = plainRunEnd(data, start, size);
        if (i < size && data[i] == u'"') {
            *out = m_borrow ? borrowed(data + start, i - start) : QString(data + start, i - start);
            m_pos = i + 1;
            return true;
        }
        QString text(data + start, i - start);
        while (i < size) {
            const char16_t c = data[i].unicode();
            if (c == u'"') {
                *out = std::move(text);
                m_pos = i + 1;
                return true;
            }
            if (c < 0x20) {
                m_pos = i;
                fail(ErrorReason::JsonControlCharacter);
                return false;
            }
            if (c != u'\\') {
                text += QChar(c);
                ++i;
                continue;
            }
            if (i + 1 >= size)
                break;
            if (!appendEscaped(data, size, i, text))
                return false;
        }
        m_pos = size;
        fail(ErrorReason::JsonUnterminatedString);
        return false;
    }

    JsValue parseNumber()
    {
        const qsizetype start = m_pos;
        const qsizetype size = m_text.size();
        auto digitAt = [&](qsizetype i) {
            return i < size && m_text[i] >= u'0' && m_text[i] <= u'9';
        };
        qsizetype i = m_pos;
        const bool negative = i < size && m_text[i] == u'-';
        if (negative)
            ++i;
        bool integerOnly = true;
        if (!digitAt(i)) {
            fail(ErrorReason::JsonUnexpectedCharacter);
            return {};
        }
        if (m_text[i] == u'0') {
            ++i;
        } else {
            while (digitAt(i))
                ++i;
        }
        if (i < size && m_text[i] == u'.') {
            integerOnly = false;
            ++i;
            if (!digitAt(i)) {
                m_pos = i;
                fail(ErrorReason::JsonBadNumber);
                return {};
            }
            while (digitAt(i))
                ++i;
        }
        if (i < size && (m_text[i] == u'e' || m_text[i] == u'E')) {
            integerOnly = false;
            ++i;
            if (i < size && (m_text[i] == u'+' || m_text[i] == u'-'))
                ++i;
            if (!digitAt(i)) {
                m_pos = i;
                fail(ErrorReason::JsonBadNumber);
                return {};
            }
            while (digitAt(i))
                ++i;
        }
        m_pos = i;

        // The grammar above admits only ASCII, so narrowing is lossless.
        const qsizetype length = i - start;
        if (integerOnly && length <= 16) {
            // Common case: a small integer, exact in a double.
            qint64 value = 0;
            qsizetype k = start + (negative ? 1 : 0);
            for (; k < i; ++k)
                value = value * 10 + (m_text[k].unicode() - u'0');
            return JsValue::number(negative ? -double(value) : double(value));
        }
        std::string heap;
        char stack[64];
        char *buffer = stack;
        if (length > qsizetype(sizeof stack)) {
            heap.resize(std::size_t(length));
            buffer = heap.data();
        }
        for (qsizetype k = 0; k < length; ++k)
            buffer[k] = char(m_text[start + k].unicode());
        double value = 0;
        const char *first = buffer + (negative ? 1 : 0);
        const auto result = std::from_chars(first, buffer + length, value);
        if (result.ec == std::errc::result_out_of_range)
            value = outOfRange(first, buffer + length);
        return JsValue::number(negative ? -value : value);
    }

    // from_chars refuses magnitudes a double cannot hold; JavaScript rounds them to Infinity or 0.
    static double outOfRange(const char *first, const char *last)
    {
        long long magnitude = 0; // position of the leading significant digit relative to the point
        bool seenPoint = false, seenSignificant = false;
        const char *p = first;
        for (; p != last && *p != 'e' && *p != 'E'; ++p) {
            if (*p == '.') {
                seenPoint = true;
                continue;
            }
            if (!seenSignificant && *p == '0') {
                if (seenPoint)
                    --magnitude;
                continue;
            }
            seenSignificant = true;
            if (!seenPoint)
                ++magnitude;
        }
        long long exponent = 0;
        if (p != last) {
            ++p;
            bool negative = false;
            if (*p == '+' || *p == '-')
                negative = *p++ == '-';
            for (; p != last && exponent < 100000; ++p)
                exponent = exponent * 10 + (*p - '0');
            if (negative)
                exponent = -exponent;
        }
        return magnitude + exponent > 0 ? INFINITY : 0.0;
    }

    QStringView m_text;
    qsizetype m_pos = 0;
    bool m_borrow = false;
    ErrorReason m_error = ErrorReason::None;
    // Scratch stacks, kept per thread so that parsing many small documents does not allocate them
    // again each time; always left empty.
    static thread_local std::vector<JsValue::Member> m_members;
    static thread_local std::vector<JsValue> m_elements;
};

thread_local std::vector<JsValue::Member> JsonParser::m_members;
thread_local std::vector<JsValue> JsonParser::m_elements;

} // namespace

Result<JsValue> JsValue::parseJson(QStringView text, StringStorage storage)
{
    return JsonParser(text, storage).parse();
}

} // namespace stratus::core
