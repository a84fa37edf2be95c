#include "clock.h"

#include <QDateTime>

namespace stratus::core {

qint64 Clock::unixTimestamp() const
{
    const qint64 msecs = currentMSecsSinceEpoch();
    // Floor, not truncation: a clock before 1970 must not round towards zero.
    return msecs >= 0 ? msecs / 1000 : -((-msecs + 999) / 1000);
}

qint64 SystemClock::currentMSecsSinceEpoch() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace stratus::core
