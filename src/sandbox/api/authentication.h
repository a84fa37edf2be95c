#pragma once

#include "apicontext.h"
#include "http/apirequest.h"
#include "http/apiresponse.h"
#include "sandbox/environmentconfig.h"

#include <QDateTime>

#include <optional>

namespace stratus::sandbox {

/// How an Upload API call proved who it is.
enum class UploadAuth {
    Signed, ///< api_key + timestamp + signature (SHA-1 or SHA-256, signature version 1 or 2)
    Basic, ///< HTTP Basic api_key:api_secret
    Unsigned, ///< an unsigned upload preset, no credentials
    Bearer, ///< an OAuth access token (Authorization: Bearer), checked before (ApiContext::tokenVerified)
};

/// Checks HTTP Basic credentials against key:secret. Returns the error answer, or nothing when
/// they match.
[[nodiscard]] std::optional<ApiResponse> checkBasicAuth(const ApiRequest &request, const QString &key,
                                                        const QString &secret);

/// Checks an Upload API call's credentials as Cloudinary does: a signature over every parameter
/// except file, cloud_name, resource_type, api_key and signature, at most an hour old and at most
/// five minutes ahead of `ctx.now` (clock skew; a later time would keep the request replayable
/// until then); or Basic auth; or an access token the sandbox verified already
/// (ctx.tokenVerified: no api_key or signature needed then); or, when `allowUnsigned`, no
/// credentials (the caller then requires an unsigned preset).
[[nodiscard]] std::optional<ApiResponse> checkUploadAuth(const ApiRequest &request, const ApiContext &ctx,
                                                         bool allowUnsigned, UploadAuth *mode);

} // namespace stratus::sandbox
