#pragma once

#include "core/config/cloudinaryurl.h"
#include "core/util/result.h"

namespace stratus::gui {

/// The `cloudinary://KEY@CLOUD[?query]` of an environment entered field by field or listed by the
/// Provisioning API, without its secret (that stays with the caller until the keychain has it).
/// `query` carries options such as upload_prefix, e.g. those of the account:// URL the environment
/// was listed with. Fails with the parser's message for a name or key it cannot take.
[[nodiscard]] core::Result<core::CloudinaryUrl>
environmentUrl(const QString &cloudName, const QString &apiKey,
               const QList<core::CloudinaryUrl::QueryItem> &query);

} // namespace stratus::gui

namespace stratus::gui {

/// The `cloudinary://CLOUD[?query]` of an environment added by "Sign in with Cloudinary": no API
/// key (its credential is the token). When `authorizationServer` is a stratus-sandbox (plain http
/// on this computer), its API and delivery are at the same address, as the Local sandbox's URL
/// says: upload_prefix, cname and secure=false. Fails with the parser's message for a cloud name
/// it cannot take (a token's claim is outside input).
[[nodiscard]] core::Result<core::CloudinaryUrl> signedInEnvironmentUrl(const QString &cloudName,
                                                                       const QUrl &authorizationServer);

} // namespace stratus::gui
