#include "retrypolicy.h"

#include <QtGlobal>

#include <algorithm>

namespace stratus::core {

RetryPolicy::Milliseconds RetryPolicy::backoffDelay(int retry, double random) const
{
    const double base = double(baseDelay.count());
    const double cap = double(maxDelay.count());
    // 2^(retry-1), bounded so the shift never overflows; the cap takes over long before.
    const int exponent = std::clamp(retry - 1, 0, 30);
    const double full = std::min(cap, base * double(qint64(1) << exponent));
    const double share = std::clamp(jitter, 0.0, 1.0) * std::clamp(random, 0.0, 1.0);
    return Milliseconds(qint64(full * (1.0 - share)));
}

RetryPolicy RetryPolicy::noRetries()
{
    RetryPolicy policy;
    policy.maxAttempts = 1;
    policy.waitForRateLimit = false;
    policy.maxRateLimitWaits = 0;
    return policy;
}

} // namespace stratus::core
