#pragma once

#include <QtGlobal>

namespace stratus::core {

/// The source of "now" for everything that signs with a timestamp (API requests, notification
/// age checks). Injected so tests can pin time; production code uses SystemClock. Implementations
/// must be callable from any thread.
class Clock
{
public:
    virtual ~Clock() = default;

    /// Milliseconds since 1970-01-01T00:00:00Z.
    [[nodiscard]] virtual qint64 currentMSecsSinceEpoch() const = 0;

    /// Whole seconds since the epoch, rounded down: the `timestamp` parameter of signed requests
    /// (the Node SDK's utils.timestamp(), Math.floor(Date.now() / 1000)).
    [[nodiscard]] qint64 unixTimestamp() const;

protected:
    Clock() = default;
    Clock(const Clock &) = default;
    Clock &operator=(const Clock &) = default;
};

/// The wall clock (QDateTime::currentMSecsSinceEpoch()).
class SystemClock final : public Clock
{
public:
    [[nodiscard]] qint64 currentMSecsSinceEpoch() const override;
};

/// A clock that stands still until told otherwise; for tests. Not thread-safe to change while
/// another thread reads it.
class FixedClock final : public Clock
{
public:
    explicit FixedClock(qint64 msecsSinceEpoch = 0)
        : m_msecs(msecsSinceEpoch)
    {
    }

    [[nodiscard]] qint64 currentMSecsSinceEpoch() const override { return m_msecs; }
    void setCurrentMSecsSinceEpoch(qint64 msecs) { m_msecs = msecs; }
    void advanceSeconds(qint64 seconds) { m_msecs += seconds * 1000; }

private:
    qint64 m_msecs;
};

} // namespace stratus::core
