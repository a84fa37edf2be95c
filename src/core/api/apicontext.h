#pragma once

#include "apiendpoint.h"
#include "core/net/ratelimitbudget.h"
#include "core/net/retrypolicy.h"

#include <QNetworkAccessManager>
#include <QPointer>

#include <memory>

namespace stratus::core {

class Clock;
class SecretSource;

/// What the API clients of one product environment (or one account) share: the injected network,
/// the endpoint, where the secret comes from, the Admin API budget, the clock and the retry
/// policy. The composition root builds one per environment; clients copy it. Nothing in here is
/// owned: the network, the budget and the clock must outlive the clients and their jobs (the
/// QPointers only turn a mistake into an error instead of a crash).
struct ApiContext
{
    QPointer<QNetworkAccessManager> network;
    ApiEndpoint endpoint;
    std::shared_ptr<const SecretSource> secret; ///< null: only unsigned uploads are possible
    QPointer<RateLimitBudget> budget; ///< null: no bookkeeping, no waiting
    const Clock *clock = nullptr; ///< null: the system clock
    RetryPolicy retryPolicy;
};

} // namespace stratus::core
