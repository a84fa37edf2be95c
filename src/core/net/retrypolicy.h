#pragma once

#include <chrono>

namespace stratus::core {

/// How a NetworkJob copes with failures that may heal by themselves: network errors, stalled
/// transfers, 5xx answers, and rate limiting (420/429). Errors that will not heal (400, 401, 403,
/// 404, 409, TLS failures) are never retried. A plain value; every job has its own copy.
///
/// Back-off: before retry n (1, 2, …) the job waits min(maxDelay, baseDelay · 2^(n-1)), of which
/// a random share (`jitter`, 0…1) is taken off so that many clients that failed together do not
/// come back together. A `Retry-After` longer than that wins.
///
/// Rate limiting: when the answer says when the budget resets (`X-FeatureRateLimit-Reset` or
/// `Retry-After`), the job waits until then plus `rateLimitMargin` (the reset header has whole
/// seconds), if that is no longer than `maxRateLimitWait`, at most `maxRateLimitWaits` times.
/// A spent RateLimitBudget makes a job wait for the reset before it even sends.
struct RetryPolicy
{
    using Milliseconds = std::chrono::milliseconds;

    int maxAttempts = 4; ///< tries in total for network/5xx/stall errors (1 = no retry)
    Milliseconds baseDelay {1000};
    Milliseconds maxDelay {30000};
    double jitter = 0.5;

    /// A transfer with no progress (no byte sent or received) for this long is aborted and counts
    /// as a network error; zero disables the check.
    Milliseconds stallTimeout {60000};

    bool waitForRateLimit = true;
    int maxRateLimitWaits = 2;
    Milliseconds maxRateLimitWait {std::chrono::hours(1) + std::chrono::minutes(1)};
    Milliseconds rateLimitMargin {1000};

    /// The wait before retry number `retry` (1 for the first retry), given a uniformly
    /// distributed `random` in [0, 1): deterministic, so tests can check the curve.
    [[nodiscard]] Milliseconds backoffDelay(int retry, double random) const;

    /// One attempt, no waiting: for calls whose caller does its own retrying.
    [[nodiscard]] static RetryPolicy noRetries();
};

} // namespace stratus::core
