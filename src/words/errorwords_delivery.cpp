// The words for the delivery area's error reasons (core/util/errorreason.h). They are the Node SDK's
// own, so that stratus-cli rejects an option set with the words the SDK throws for it.
#include "errorwords.h"

namespace stratus::words {

std::optional<QString> ErrorWords::deliveryText(const core::Error &error)
{
    using Reason = core::ErrorReason;
    switch (error.reason) {
    case Reason::DeliveryCloudNameMissing:
        return tr("Must supply cloud_name in the options or in the configuration");
    case Reason::RootPathUnsupported:
        return tr("Root path only supported for image/upload");
    case Reason::SignatureAlgorithmUnsupported:
        return tr("Signature algorithm %1 is not supported. Supported algorithms: sha1, sha256")
            .arg(error.subject);
    case Reason::RadiusValueCount:
        return tr("Radius array should contain between 1 and 4 values");
    case Reason::LayerPublicIdMissing:
        return tr("Must supply public_id for non-text overlay");
    case Reason::LayerTextMissing:
        return tr("Must supply either text or public_id in overlay");
    case Reason::LayerFontSizeMissing:
        return tr("Must supply font_size for text in overlay/underlay");
    case Reason::LayerFontFamilyMissing:
        return tr("Must supply font_family for text in overlay/underlay");
    case Reason::AuthTokenExpiryMissing:
        return tr("Must provide either expiration or duration");
    default:
        return std::nullopt;
    }
}

} // namespace stratus::words
