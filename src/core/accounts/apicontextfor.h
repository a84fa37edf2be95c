#pragma once

#include "core/api/apicontext.h"
#include "core/config/cloudinaryurl.h"
#include "core/util/result.h"

#include <memory>

namespace stratus::core {

/// The ApiContext of a product environment (`cloudinary://`) or an account's Provisioning API
/// (`account://`): the endpoint from `url` (its secret, if any, is ignored), the secret from
/// `secret`. Fails like ApiEndpoint does for a URL without a cloud name or with a bad upload_prefix,
/// and with InsecureTransport when the endpoint is plain http on another computer and `secret`
/// does not allow that (credentialTransportProblem()).
[[nodiscard]] Result<ApiContext> apiContextFor(const CloudinaryUrl &url,
                                               std::shared_ptr<const SecretSource> secret,
                                               QNetworkAccessManager *network,
                                               RateLimitBudget *budget = nullptr);

} // namespace stratus::core
