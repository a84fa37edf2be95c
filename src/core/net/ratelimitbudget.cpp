#include "ratelimitbudget.h"

#include "httpdate.h"
#include "httpreply.h"

namespace stratus::core {

RateLimitBudget::RateLimitBudget(QObject *parent)
    : QObject(parent)
{
}

bool RateLimitBudget::isExhausted(const QDateTime &now) const
{
    return m_known && m_remaining <= 0 && m_resetAt.isValid() && now < m_resetAt;
}

void RateLimitBudget::update(const HttpReply &reply, const QDateTime &now)
{
    const QByteArray limitText = reply.header("X-FeatureRateLimit-Limit").trimmed();
    const QByteArray remainingText = reply.header("X-FeatureRateLimit-Remaining").trimmed();
    const auto reset = HttpDate::parse(reply.header("X-FeatureRateLimit-Reset"));
    bool limitOk = false;
    bool remainingOk = false;
    const int limit = limitText.toInt(&limitOk);
    const int remaining = remainingText.toInt(&remainingOk);

    const bool rateLimited = reply.status == 420 || reply.status == 429;
    if (!limitOk && !remainingOk && !reset) {
        if (rateLimited) {
            if (auto after = retryAfterHeader(reply, now))
                markExhausted(*after);
        }
        return;
    }
    set(true, limitOk ? limit : m_limit, rateLimited ? 0 : (remainingOk ? remaining : m_remaining),
        reset ? *reset : m_resetAt);
}

void RateLimitBudget::markExhausted(const QDateTime &resetAt)
{
    set(true, m_limit, 0, resetAt.toUTC());
}

void RateLimitBudget::set(bool known, int limit, int remaining, const QDateTime &resetAt)
{
    if (known == m_known && limit == m_limit && remaining == m_remaining && resetAt == m_resetAt)
        return;
    m_known = known;
    m_limit = limit;
    m_remaining = remaining;
    m_resetAt = resetAt;
    Q_EMIT changed();
}

} // namespace stratus::core
