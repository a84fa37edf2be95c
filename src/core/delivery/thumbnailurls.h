#pragma once

#include <QJsonObject>
#include <QSize>
#include <QUrl>

#include <functional>

namespace stratus::core {

class CloudinaryUrl;
namespace catalog {
struct CatalogAsset;
}

class DeliverySigner;

/// Whether assets of delivery @p type ("private", "authenticated", …) are delivered only through
/// signed URLs (`s--…--`).
[[nodiscard]] bool needsSignature(const QString &type);

/// The options every delivery URL of @p url's environment needs beyond its SDK configuration:
/// `{"secure": false}` for an http upload_prefix (the sandbox) or `secure=false` (the SDK reads
/// `secure` from the options, and a query value "false" is text, which JavaScript finds true).
[[nodiscard]] QJsonObject deliveryOptions(const CloudinaryUrl &url);

/// Builds the delivery URL of @p asset's thumbnail at @p devicePixels (the cell's size times the
/// screen's device pixel ratio); an empty URL when the asset has no picture (raw files).
using ThumbnailUrlFunction
    = std::function<QUrl(const catalog::CatalogAsset &asset, const QSize &devicePixels)>;

/// The browser's thumbnails for one environment: `c_fill` at the requested size, as JPEG; videos
/// through their poster frame (resource type video, format jpg); raw files none. @p sdkConfig is
/// what CloudinaryUrl::toSdkConfig() gives (no secret needed). @p extraOptions are added to every
/// URL's options: `{"secure": false}` for an http sandbox or CNAME (the SDK reads `secure` from the
/// options, not from the configuration). The function keeps one DeliveryUrlBuilder and may be
/// called from the GUI thread as often as the view scrolls.
///
/// Private and authenticated assets are delivered only through signed URLs: with a @p signer their
/// URLs come from it (empty until it has signed them; it then emits urlsSigned() and the caller
/// asks again); without one they are not signed (and the server refuses them).
[[nodiscard]] ThumbnailUrlFunction thumbnailUrlFunction(const QJsonObject &sdkConfig,
                                                        const QJsonObject &extraOptions = {},
                                                        DeliverySigner *signer = nullptr);

} // namespace stratus::core
