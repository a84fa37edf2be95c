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
