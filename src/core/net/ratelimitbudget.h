#pragma once

#include <QDateTime>
#include <QObject>

namespace stratus::core {

struct HttpReply;

/// The Admin API budget of one product environment (Admin and Search calls per hour), as the
/// server last reported it in `X-FeatureRateLimit-Limit`, `-Remaining` and `-Reset`.
///
/// One per environment, owned by whoever owns the environment's API clients (the composition
/// root); jobs hold a QPointer to it. NetworkJob updates it from every reply that carries the
/// headers and, when it is spent, waits for the reset before sending (RetryPolicy decides).
/// The status bar shows it. GUI thread only. changed() fires whenever a value changes.
class RateLimitBudget : public QObject
{
    Q_OBJECT

public:
    explicit RateLimitBudget(QObject *parent = nullptr);

    /// False until a reply with the headers arrived (or markExhausted() was called).
    [[nodiscard]] bool isKnown() const { return m_known; }
    [[nodiscard]] int limit() const { return m_limit; }
    [[nodiscard]] int remaining() const { return m_remaining; }
    /// When the server resets the budget (UTC); invalid when not reported.
    [[nodiscard]] QDateTime resetAt() const { return m_resetAt; }

    /// True when no call is left and the reset is still ahead of `now`.
    [[nodiscard]] bool isExhausted(const QDateTime &now) const;

    /// Takes the values from a reply's `X-FeatureRateLimit-*` headers; replies without them
    /// change nothing. A 420/429 marks the budget spent (until its `Retry-After`, resolved
    /// against `now`, when it has no reset header).
    void update(const HttpReply &reply, const QDateTime &now);

    /// The budget is spent until `resetAt` (a 420/429 whose headers gave no numbers).
    void markExhausted(const QDateTime &resetAt);

Q_SIGNALS:
    void changed();

private:
    void set(bool known, int limit, int remaining, const QDateTime &resetAt);

    bool m_known = false;
    int m_limit = 0;
    int m_remaining = 0;
    QDateTime m_resetAt;
};

} // namespace stratus::core
