#include "errorreason.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

struct NamedReason
{
    ErrorReason reason;
    QLatin1StringView name;
};

constexpr NamedReason kReasons[] = {
#define STRATUS_ERROR_REASON_ROW(name) {ErrorReason::name, QLatin1StringView(#name)},
    STRATUS_ERROR_REASONS(STRATUS_ERROR_REASON_ROW)
#undef STRATUS_ERROR_REASON_ROW
};

} // namespace

QString errorReasonName(ErrorReason reason)
{
    for (const NamedReason &row : kReasons) {
        if (row.reason == reason)
            return row.name;
    }
    return {};
}

std::optional<ErrorReason> errorReasonFromName(QStringView name)
{
    for (const NamedReason &row : kReasons) {
        if (name == row.name)
            return row.reason;
    }
    return std::nullopt;
}

QList<ErrorReason> allErrorReasons()
{
    QList<ErrorReason> reasons;
    for (const NamedReason &row : kReasons)
        reasons.append(row.reason);
    return reasons;
}

} // namespace stratus::core
