#pragma once

#include "transformationpath.h"

#include "core/util/result.h"

#include <QByteArray>
#include <QImage>
#include <QString>
#include <QStringView>

namespace stratus::sandbox::imaging {

// Reading originals and writing delivered images. Formats are named as in delivery URLs:
// jpg, png, webp, gif, bmp, tiff. All functions are safe to call from worker threads.

/// A decoded original and the format it was stored in.
struct DecodedImage
{
    QImage image;
    QString format;
};

/// Decodes an original, applying its EXIF orientation as Cloudinary does. Refuses images of
/// more than `maxPixels` before allocating them ("Image is too large", HTTP 400). A `scale`
/// below 1 (from ImageTransformer::decodeScaleHint()) lets JPEG decode at 1/2, 1/4 or 1/8 of
/// its size, several times faster; other formats ignore it.
[[nodiscard]] core::Result<DecodedImage> decodeImage(const QByteArray &data, qint64 maxPixels = 100'000'000,
                                                     double scale = 1.0);

/// Encodes `image` in `format` with `quality` 1–100 (−1: the format's default; ignored by
/// lossless formats). Transparency is composed over white for formats without alpha. WebP needs
/// Qt's image format plugins (Debian: qt6-image-formats-plugins); without them this fails.
[[nodiscard]] core::Result<QByteArray> encodeImage(const QImage &image, QStringView format, int quality = -1);

/// `jpeg` → `jpg`, `tif` → `tiff`, lower case; empty for a format the sandbox cannot deliver.
[[nodiscard]] QString canonicalFormat(QStringView format);

/// Whether encodeImage() can write `format` on this machine.
[[nodiscard]] bool canEncode(QStringView format);

/// Whether `format` keeps an alpha channel.
[[nodiscard]] bool formatSupportsAlpha(QStringView format);

/// The Content-Type of a delivered image (`image/jpeg`), or an empty string.
[[nodiscard]] QString mimeTypeForFormat(QStringView format);

/// The delivery format, Cloudinary's rules: an explicit `f_` wins; `f_auto` gives webp when the
/// Accept header lists image/webp (and webp can be written), else the original's format when it
/// is jpg, png or gif, else png for an image with transparency and jpg for an opaque one; without
/// `f_` the URL's extension; without one the original's format. Fails on an `f_` or extension
/// the sandbox cannot write. `transparent` only matters when the original's format is unknown.
[[nodiscard]] core::Result<QString> chooseOutputFormat(QStringView fetchFormat, QStringView acceptHeader,
                                                       QStringView extension, QStringView originalFormat,
                                                       bool transparent);

/// The value of the last `f_` of the expanded steps, lower-cased ("auto" for f_auto), or an empty
/// string. With "auto" the delivered format depends on the request's Accept header.
[[nodiscard]] QString fetchFormat(const QList<Step> &steps);

/// The same choice made before rendering (the delivery cache key needs it), from fetchFormat()
/// of the expanded steps. An unusable `f_` or extension falls back to the original's format;
/// ImageTransformer::apply() reports it as an error.
[[nodiscard]] QString chooseOutputFormat(const QList<Step> &steps, const QString &extension,
                                         const QString &originalFormat, const QString &acceptHeader);

} // namespace stratus::sandbox::imaging
