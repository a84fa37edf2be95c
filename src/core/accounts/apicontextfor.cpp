#include "apicontextfor.h"

#include "core/net/secretsource.h"
#include "core/net/transportsecurity.h"

namespace stratus::core {

Result<ApiContext> apiContextFor(const CloudinaryUrl &url, std::shared_ptr<const SecretSource> secret,
                                 QNetworkAccessManager *network, RateLimitBudget *budget)
{
    auto endpoint = url.kind() == CloudinaryUrl::Kind::Account ? ApiEndpoint::forAccount(url)
                                                               : ApiEndpoint::forEnvironment(url);
    if (!endpoint)
        return endpoint.error();
    // Refused here already, so that a front end says so before it starts anything; NetworkJob
    // applies the same rule to every request.
    if (secret) {
        if (auto refused = credentialTransportProblem(endpoint->baseUrl(), secret->insecureTransport()))
            return *refused;
    }
    ApiContext context;
    context.network = network;
    context.endpoint = std::move(endpoint).value();
    context.secret = std::move(secret);
    context.budget = budget;
    return context;
}

} // namespace stratus::core
