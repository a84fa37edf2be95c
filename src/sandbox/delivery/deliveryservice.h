#pragma once

#include "core/util/result.h"
#include "deliverypath.h"
#include "http/apirequest.h"
#include "http/apiresponse.h"
#include "sandbox/environmentconfig.h"
#include "sandbox/imaging/transformationpath.h"
#include "store/asset.h"

#include <QFuture>
#include <QHash>

#include <memory>

namespace stratus::sandbox {

class AssetStore;
class RefusalMemory;

/// Serves delivery URLs: originals (with HTTP Range for videos and raw files), image
/// transformations rendered on a worker thread and cached on disk, video posters, signed URL
/// checks, and private/authenticated assets only through signed URLs. Errors answer 400/401/404
/// with the reason in X-Cld-Error, as Cloudinary does; a transformation refused for the processor
/// time it needs (ImageLimits::cpuBudget) is answered from memory for a minute after, never
/// cached as an image. Called on the sandbox's thread.
class DeliveryService
{
public:
    explicit DeliveryService(AssetStore &store);
    ~DeliveryService();

    [[nodiscard]] QFuture<ApiResponse> handle(const EnvironmentConfig &env, const ApiRequest &request);

private:
    /// The asset a URL names; clears *requestedFormat when the extension is part of the public ID.
    const Asset *findAsset(const QString &cloudName, const DeliveryPath &path,
                           QString *requestedFormat) const;
    /// Cloudinary's client-side asset list, `/<cloud>/<resource_type>/list/<tag>.json` (what the
    /// Product Gallery reads for `{tag}`): the environment's public assets with the tag. Allowed, as
    /// when the account unchecks "Resource list" under its restricted media types.
    ApiResponse tagList(const QString &cloudName, const DeliveryPath &path) const;
    /// The URL's transformation, parsed, with named transformations expanded.
    core::Result<QList<imaging::Step>> expandedSteps(const QString &cloudName,
                                                     const QString &transformation) const;
    /// The files of the environment's uploaded images, by public ID (for image overlays).
    QHash<QString, QString> imageFiles(const QString &cloudName) const;
    /// A transformed image or a video poster: from the disk cache, or rendered on a worker.
    QFuture<ApiResponse> deliverDerived(const QString &cloudName, const ApiRequest &request,
                                        const Asset &asset, const QString &transformation,
                                        const QString &requestedFormat, bool poster);

    AssetStore &m_store;
    std::shared_ptr<RefusalMemory> m_refusals; ///< shared with the workers that fill it
};

/// The MIME type for a delivery format (jpg, png, webp, gif, mp4, …).
[[nodiscard]] QByteArray mimeTypeFor(const QString &format);

} // namespace stratus::sandbox
