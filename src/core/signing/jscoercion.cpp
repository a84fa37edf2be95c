#include "jscoercion.h"

#include "core/util/jsnumber.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

int asciiDigitValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'z')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'Z')
        return u - u'A' + 10;
    return -1;
}

double parseRadixLiteral(QStringView digits, int radix)
{
    if (digits.isEmpty())
        return std::numeric_limits<double>::quiet_NaN();
    double result = 0;
    for (const QChar c : digits) {
        const int digit = asciiDigitValue(c);
        if (digit < 0 || digit >= radix)
            return std::numeric_limits<double>::quiet_NaN();
        result = result * radix + digit;
    }
    return result;
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// StrDecimalLiteral without the Infinity spelling: [+-] (digits [. digits] | . digits) [e [+-] digits]
bool isDecimalLiteral(QStringView text)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    if (i < n && (text[i] == u'+' || text[i] == u'-'))
        ++i;
    qsizetype mantissaDigits = 0;
    while (i < n && isAsciiDigit(text[i]))
        ++i, ++mantissaDigits;
    if (i < n && text[i] == u'.') {
        ++i;
        while (i < n && isAsciiDigit(text[i]))
            ++i, ++mantissaDigits;
    }
    if (mantissaDigits == 0)
        return false;
    if (i < n && (text[i] == u'e' || text[i] == u'E')) {
        ++i;
        if (i < n && (text[i] == u'+' || text[i] == u'-'))
            ++i;
        qsizetype exponentDigits = 0;
        while (i < n && isAsciiDigit(text[i]))
            ++i, ++exponentDigits;
        if (exponentDigits == 0)
            return false;
    }
    return i == n;
}

double stringToNumber(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return 0;
    if (trimmed == u"Infinity" || trimmed == u"+Infinity")
        return std::numeric_limits<double>::infinity();
    if (trimmed == u"-Infinity")
        return -std::numeric_limits<double>::infinity();
    if (trimmed.size() > 2 && trimmed[0] == u'0') {
        const QChar prefix = trimmed[1].toLower();
        const QStringView digits = QStringView(trimmed).mid(2);
        if (prefix == u'x')
            return parseRadixLiteral(digits, 16);
        if (prefix == u'o')
            return parseRadixLiteral(digits, 8);
        if (prefix == u'b')
            return parseRadixLiteral(digits, 2);
    }
    if (!isDecimalLiteral(trimmed))
        return std::numeric_limits<double>::quiet_NaN();
    // The literal is plain ASCII now; strtod-like parsing through Qt is locale independent.
    bool ok = false;
    const double value = trimmed.toDouble(&ok);
    if (ok)
        return value;
    // toDouble() refuses out-of-range literals; JavaScript rounds them to ±Infinity or ±0.
    const bool negative = trimmed.startsWith(u'-');
    const qsizetype e = trimmed.indexOf(u'e', 0, Qt::CaseInsensitive);
    const bool hugeExponent = e >= 0 && !QStringView(trimmed).mid(e + 1).startsWith(u'-');
    const double magnitude = hugeExponent ? std::numeric_limits<double>::infinity() : 0.0;
    return negative ? -magnitude : magnitude;
}

} // namespace

QString jsToString(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Undefined:
        return u"undefined"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return jsNumberToString(value.toDouble());
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array: {
        QString joined;
        bool first = true;
        for (const QJsonValue element : value.toArray()) {
            if (!first)
                joined += u',';
            first = false;
            if (!element.isNull() && !element.isUndefined())
                joined += jsToString(element);
        }
        return joined;
    }
    case QJsonValue::Object:
        return u"[object Object]"_s;
    }
    Q_UNREACHABLE();
}

bool jsTruthy(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return false;
    case QJsonValue::Bool:
        return value.toBool();
    case QJsonValue::Double: {
        const double number = value.toDouble();
        return number != 0 && !std::isnan(number);
    }
    case QJsonValue::String:
        return !value.toString().isEmpty();
    case QJsonValue::Array:
    case QJsonValue::Object:
        return true;
    }
    Q_UNREACHABLE();
}

double jsToNumber(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return 0;
    case QJsonValue::Undefined:
    case QJsonValue::Object:
        return std::numeric_limits<double>::quiet_NaN();
    case QJsonValue::Bool:
        return value.toBool() ? 1 : 0;
    case QJsonValue::Double:
        return value.toDouble();
    case QJsonValue::String:
        return stringToNumber(value.toString());
    case QJsonValue::Array:
        return stringToNumber(jsToString(value));
    }
    Q_UNREACHABLE();
}

bool jsIsArrayIndex(QStringView name)
{
    if (name.isEmpty() || name.size() > 10 || (name.size() > 1 && name.front() == u'0'))
        return false;
    quint64 value = 0;
    for (const QChar c : name) {
        if (!isAsciiDigit(c))
            return false;
        value = value * 10 + quint64(c.unicode() - u'0');
    }
    return value < 4294967295ULL;
}

bool jsIsObjectPrototypeMember(QStringView name)
{
    static constexpr QStringView kMembers[] = {
        u"__defineGetter__", u"__defineSetter__", u"__lookupGetter__",
        u"__lookupSetter__", u"__proto__",        u"constructor",
        u"hasOwnProperty",   u"isPrototypeOf",    u"propertyIsEnumerable",
        u"toLocaleString",   u"toString",         u"valueOf",
    };
    return std::find(std::begin(kMembers), std::end(kMembers), name) != std::end(kMembers);
}

} // namespace stratus::core
