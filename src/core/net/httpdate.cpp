#include "httpdate.h"

#include <QList>
#include <QLocale>

#include <array>

using namespace Qt::StringLiterals;

namespace stratus::core::HttpDate {

namespace {

int monthNumber(QByteArrayView name)
{
    static constexpr std::array<const char *, 12> kMonths
        = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    for (size_t i = 0; i < kMonths.size(); ++i) {
        if (name.compare(QByteArrayView(kMonths[i]), Qt::CaseInsensitive) == 0)
            return int(i) + 1;
    }
    return 0;
}

std::optional<int> number(QByteArrayView text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 0)
        return std::nullopt;
    return value;
}

std::optional<QTime> timeOfDay(QByteArrayView text)
{
    const QList<QByteArray> parts = text.toByteArray().split(':');
    if (parts.size() != 3)
        return std::nullopt;
    const auto h = number(parts[0]);
    const auto m = number(parts[1]);
    const auto s = number(parts[2]);
    if (!h || !m || !s)
        return std::nullopt;
    // A leap second (60) is legal in HTTP dates; QTime cannot hold it, so it becomes :59.
    const QTime time(*h, *m, qMin(*s, 59));
    if (!time.isValid())
        return std::nullopt;
    return time;
}

// Offset of a zone token in seconds: GMT/UTC/UT/Z, or ±hhmm.
std::optional<int> zoneOffset(QByteArrayView zone)
{
    if (zone.compare("GMT", Qt::CaseInsensitive) == 0 || zone.compare("UTC", Qt::CaseInsensitive) == 0
        || zone.compare("UT", Qt::CaseInsensitive) == 0 || zone.compare("Z", Qt::CaseInsensitive) == 0)
        return 0;
    if (zone.size() == 5 && (zone[0] == '+' || zone[0] == '-')) {
        const auto hh = number(zone.sliced(1, 2));
        const auto mm = number(zone.sliced(3, 2));
        if (!hh || !mm || *mm > 59)
            return std::nullopt;
        const int seconds = *hh * 3600 + *mm * 60;
        return zone[0] == '-' ? -seconds : seconds;
    }
    return std::nullopt;
}

std::optional<QDateTime> assemble(int year, int month, int day, QByteArrayView timeText, QByteArrayView zone)
{
    const QDate date(year, month, day);
    const auto time = timeOfDay(timeText);
    const auto offset = zoneOffset(zone);
    if (!date.isValid() || !time || !offset)
        return std::nullopt;
    return QDateTime(date, *time, Qt::UTC).addSecs(-*offset);
}

} // namespace

std::optional<QDateTime> parse(QByteArrayView text)
{
    const QByteArray simplified = text.toByteArray().simplified();
    QList<QByteArray> tokens = simplified.split(' ');
    if (tokens.size() == 6 && tokens[0].endsWith(',')) {
        // IMF-fixdate / RFC 1123 / RFC 2822: Sun, 06 Nov 1994 08:49:37 GMT
        const auto day = number(tokens[1]);
        const int month = monthNumber(tokens[2]);
        const auto year = number(tokens[3]);
        if (!day || month == 0 || !year || tokens[3].size() != 4)
            return std::nullopt;
        return assemble(*year, month, *day, tokens[4], tokens[5]);
    }
    if (tokens.size() == 4 && tokens[0].endsWith(',')) {
        // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT (two-digit years: RFC 9110 says to read a year
        // more than 50 years in the future as the past century; 70–99 → 19xx is close enough).
        const QList<QByteArray> dmy = tokens[1].split('-');
        if (dmy.size() != 3)
            return std::nullopt;
        const auto day = number(dmy[0]);
        const int month = monthNumber(dmy[1]);
        auto year = number(dmy[2]);
        if (!day || month == 0 || !year)
            return std::nullopt;
        if (dmy[2].size() == 2)
            *year += *year < 70 ? 2000 : 1900;
        return assemble(*year, month, *day, tokens[2], tokens[3]);
    }
    if (tokens.size() == 5) {
        // asctime: Sun Nov  6 08:49:37 1994 (always UTC)
        const int month = monthNumber(tokens[1]);
        const auto day = number(tokens[2]);
        const auto year = number(tokens[4]);
        if (!day || month == 0 || !year)
            return std::nullopt;
        return assemble(*year, month, *day, tokens[3], "GMT");
    }
    return std::nullopt;
}

QByteArray format(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
}

} // namespace stratus::core::HttpDate
