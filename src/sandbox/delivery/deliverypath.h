#pragma once

#include "core/util/result.h"

#include <QString>
#include <QStringList>

namespace stratus::sandbox {

/// A delivery URL path, taken apart: /<cloud>/<resource_type>/<type>/[s--SIG--/][TRANSFORMATIONS/]
/// [vVERSION/]PUBLIC_ID[.EXT], including the url_suffix forms (/images/, /videos/, /files/,
/// /private_images/, /authenticated_images/), the shortened /iu/ form and use_root_path
/// (/<cloud>/PUBLIC_ID.EXT).
struct DeliveryPath
{
    QString cloudName;
    QString resourceType;
    QString type;
    QString signature; ///< the text between s-- and --, empty when unsigned
    QString transformation; ///< "c_fill,w_100/e_sepia", as in the URL
    qint64 version = 0; ///< 0 when the URL has none
    QString publicIdWithExtension; ///< decoded; the extension may be part of the public id (raw)
    QString extension; ///< the last ".ext" of the last segment, lower-case, or empty
    QString suffix; ///< the SEO suffix of url_suffix forms, or empty
    QString signedPayload; ///< what a signed URL signs: transformation/public_id[.ext], encoded as sent

    /// The public id without the extension (image and video ids carry no extension).
    [[nodiscard]] QString publicIdWithoutExtension() const
    {
        return extension.isEmpty()
            ? publicIdWithExtension
            : publicIdWithExtension.left(publicIdWithExtension.size() - extension.size() - 1);
    }
};

/// Parses the segments of a delivery request (the first one is the cloud name). `encodedSegments`
/// are the same segments as sent (percent-encoding intact), for the signed payload.
[[nodiscard]] core::Result<DeliveryPath> parseDeliveryPath(const QStringList &segments,
                                                           const QStringList &encodedSegments);

} // namespace stratus::sandbox
