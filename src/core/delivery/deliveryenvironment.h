#pragma once

#include "core/api/apicontext.h"
#include "core/config/cloudinaryurl.h"
#include "core/util/result.h"

#include <functional>

class QNetworkAccessManager;

namespace stratus::core {

/// What delivering an environment's assets needs (downloads, signed URLs): its network, its URL
/// without secret and, for private and authenticated assets, an API context whose secret source
/// signs them. The app fills it from the environment's session (the browser's BrowserEnvironment
/// is one), stratus-cli from its target, tests by hand.
///
/// Nothing in here is owned; the network outlives whoever holds it. The functions may be called
/// at any time on the network's thread.
struct DeliveryEnvironment
{
    QNetworkAccessManager *network = nullptr;
    /// The API context to call the environment with (for its secret); an error when it cannot be
    /// called (logged out, no URL yet).
    std::function<Result<ApiContext>()> apiContext;
    /// The environment's URL without secret; an empty cloud name while the Local sandbox starts.
    std::function<CloudinaryUrl()> url;
};

} // namespace stratus::core
