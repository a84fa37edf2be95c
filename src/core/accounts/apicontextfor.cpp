#include "apicontextfor.h"

namespace stratus::core {

Result<ApiContext> apiContextFor(const CloudinaryUrl &url, std::shared_ptr<const SecretSource> secret,
                                 QNetworkAccessManager *network, RateLimitBudget *budget)
{
    auto endpoint = url.kind() == CloudinaryUrl::Kind::Account ? ApiEndpoint::forAccount(url)
                                                               : ApiEndpoint::forEnvironment(url);
    if (!endpoint)
        return endpoint.error();
    ApiContext context;
    context.network = network;
    context.endpoint = std::move(endpoint).value();
    context.secret = std::move(secret);
    context.budget = budget;
    return context;
}

} // namespace stratus::core
