#include "searchliterals.h"

#include <QDate>

#include <cmath>

namespace stratus::core::search::detail {

using namespace Qt::StringLiterals;

bool isKeyword(QStringView word)
{
    return word == "AND"_L1 || word == "OR"_L1 || word == "NOT"_L1 || word == "TO"_L1;
}

QStringView nextToken(QStringView text, qsizetype &pos)
{
    const qsizetype size = text.size();
    qsizetype length = 0;
    while (pos < size && !isTokenChar(codePointAt(text, pos, &length)))
        pos += length;
    const qsizetype start = pos;
    while (pos < size && isTokenChar(codePointAt(text, pos, &length)))
        pos += length;
    return text.sliced(start, pos - start);
}

QStringList foldedTokens(QStringView text)
{
    QStringList tokens;
    qsizetype pos = 0;
    for (QStringView token = nextToken(text, pos); !token.isEmpty(); token = nextToken(text, pos))
        tokens.append(token.toString().toCaseFolded());
    return tokens;
}

namespace {

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool allDigits(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        if (!isAsciiDigit(c))
            return false;
    }
    return true;
}

// Reads a fixed-width decimal field; -1 when the characters are not all digits.
int digitsAt(QStringView text, qsizetype index, qsizetype count)
{
    if (index + count > text.size())
        return -1;
    int value = 0;
    for (qsizetype i = index; i < index + count; ++i) {
        if (!isAsciiDigit(text[i]))
            return -1;
        value = value * 10 + (text[i].unicode() - u'0');
    }
    return value;
}

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr qint64 kWeek = 7 * kDay;

} // namespace

std::optional<double> parseNumber(QStringView text)
{
    qsizetype i = 0;
    if (i < text.size() && (text[i] == u'+' || text[i] == u'-'))
        ++i;
    qsizetype digits = 0;
    while (i < text.size() && isAsciiDigit(text[i])) {
        ++i;
        ++digits;
    }
    if (i < text.size() && text[i] == u'.') {
        ++i;
        while (i < text.size() && isAsciiDigit(text[i])) {
            ++i;
            ++digits;
        }
    }
    if (digits == 0 || i != text.size())
        return std::nullopt;
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<double> parseByteCount(QStringView text)
{
    struct Unit
    {
        QLatin1String suffix;
        double factor;
    };
    static constexpr Unit kUnits[] = {
        {"kb"_L1, 1024.0}, {"mb"_L1, 1024.0 * 1024.0}, {"gb"_L1, 1024.0 * 1024.0 * 1024.0},
        {"k"_L1, 1024.0},  {"m"_L1, 1024.0 * 1024.0},  {"g"_L1, 1024.0 * 1024.0 * 1024.0},
        {"b"_L1, 1.0},
    };
    for (const Unit &unit : kUnits) {
        if (text.size() > unit.suffix.size() && text.endsWith(unit.suffix, Qt::CaseInsensitive)) {
            const auto number = parseNumber(text.chopped(unit.suffix.size()));
            if (!number)
                return std::nullopt;
            return *number * unit.factor;
        }
    }
    return parseNumber(text);
}

std::optional<double> parseAspectRatio(QStringView text)
{
    const qsizetype colon = text.indexOf(u':');
    if (colon < 0)
        return parseNumber(text);
    const auto width = parseNumber(text.first(colon));
    const auto height = parseNumber(text.sliced(colon + 1));
    if (!width || !height || *height == 0)
        return std::nullopt;
    return *width / *height;
}

namespace {

// An age, as in 12h, 3d or 2w.
std::optional<DateLiteral> relativeAge(QStringView text)
{
    qint64 unit = 0;
    switch (text.back().unicode()) {
    case u'h':
        unit = kHour;
        break;
    case u'd':
        unit = kDay;
        break;
    case u'w':
        unit = kWeek;
        break;
    default:
        return std::nullopt;
    }
    return DateLiteral {true, text.chopped(1).toLongLong() * unit, 0};
}

// The time of day, from the 'T' at text[10] on: THH:MM[:SS[.fff…]].
struct TimeOfDay
{
    qint64 msecs = 0;
    qint64 precision = kMinute;
    qsizetype end = 16; ///< where the time ends in text
};

// Milliseconds from a fraction of a second (digits after the '.', any number of them, at least
// one); pos moves past them.
std::optional<qint64> fractionMillis(QStringView text, qsizetype &pos)
{
    const qsizetype fractionStart = pos;
    qint64 millis = 0;
    while (pos < text.size() && isAsciiDigit(text[pos])) {
        if (pos - fractionStart < 3)
            millis = millis * 10 + (text[pos].unicode() - u'0');
        ++pos;
    }
    const qsizetype fractionDigits = pos - fractionStart;
    if (fractionDigits == 0)
        return std::nullopt;
    for (qsizetype d = fractionDigits; d < 3; ++d)
        millis *= 10;
    return millis;
}

std::optional<TimeOfDay> timeOfDay(QStringView text)
{
    if (text[10] != u'T')
        return std::nullopt;
    const int hour = digitsAt(text, 11, 2);
    const int minute = digitsAt(text, 14, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || text.size() < 16 || text[13] != u':')
        return std::nullopt;
    TimeOfDay time;
    time.msecs = hour * kHour + minute * kMinute;
    qsizetype &i = time.end;
    if (i < text.size() && text[i] == u':') {
        const int second = digitsAt(text, i + 1, 2);
        if (second < 0 || second > 59)
            return std::nullopt;
        time.msecs += second * kSecond;
        time.precision = kSecond;
        i += 3;
        if (i < text.size() && text[i] == u'.') {
            ++i;
            const std::optional<qint64> millis = fractionMillis(text, i);
            if (!millis)
                return std::nullopt;
            time.msecs += *millis;
            time.precision = 1;
        }
    }
    return time;
}

// What to add to a local time to make it UTC, from Z, ±HH:MM, ±HHMM or ±HH.
std::optional<qint64> utcCorrection(QStringView zone)
{
    if (zone == u"Z")
        return 0;
    if (zone.front() != u'+' && zone.front() != u'-')
        return std::nullopt;
    const int offsetHours = digitsAt(zone, 1, 2);
    int offsetMinutes = 0;
    if (zone.size() == 6 && zone[3] == u':')
        offsetMinutes = digitsAt(zone, 4, 2);
    else if (zone.size() == 5)
        offsetMinutes = digitsAt(zone, 3, 2);
    else if (zone.size() != 3)
        return std::nullopt;
    if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59)
        return std::nullopt;
    const qint64 offset = offsetHours * kHour + offsetMinutes * kMinute;
    return zone.front() == u'+' ? -offset : offset;
}

} // namespace

std::optional<DateLiteral> parseDateLiteral(QStringView text)
{
    if (text.size() >= 2 && text.size() <= 8 && allDigits(text.chopped(1)))
        return relativeAge(text);
    if (allDigits(text)) {
        if (text.size() > 12) // beyond year 33658: not a timestamp anyone means
            return std::nullopt;
        return DateLiteral {false, text.toLongLong() * kSecond, kSecond};
    }

    // YYYY-MM-DD, then perhaps a time of day and a zone (none is UTC).
    const int year = digitsAt(text, 0, 4);
    const int month = digitsAt(text, 5, 2);
    const int day = digitsAt(text, 8, 2);
    if (year < 0 || month < 0 || day < 0 || text[4] != u'-' || text[7] != u'-')
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;
    const qint64 dayStart = QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    if (text.size() == 10)
        return DateLiteral {false, dayStart, kDay};
    const std::optional<TimeOfDay> time = timeOfDay(text);
    if (!time)
        return std::nullopt;
    qint64 msecs = dayStart + time->msecs;
    if (time->end < text.size()) {
        const std::optional<qint64> correction = utcCorrection(text.sliced(time->end));
        if (!correction)
            return std::nullopt;
        msecs += *correction;
    }
    return DateLiteral {false, msecs, time->precision};
}

} // namespace stratus::core::search::detail
