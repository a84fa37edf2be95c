#pragma once

#include "transformationpath.h"

#include "core/util/result.h"

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QString>
#include <QStringView>

#include <chrono>
#include <functional>
#include <optional>

namespace stratus::sandbox::imaging {

/// Looks up the original of an image overlay (`l_brand:logo` asks for "brand/logo"), decoded;
/// nothing when the environment has no such image. Called on the transformer's thread.
using LayerResolver = std::function<std::optional<QImage>(const QString &publicId)>;

/// What the delivery request adds to the transformation.
struct RequestContext
{
    QString acceptHeader; ///< the request's Accept header, for f_auto
    QString extension; ///< the URL's extension without the dot ("jpg"), empty when none
    QString originalFormat; ///< the stored original's format ("png"), see decodeImage()
    NamedTransformationResolver resolveNamedTransformation; ///< for t_<name>; may be empty
};

/// Memory and work bounds. Cloudinary refuses larger images with a 400 as well.
struct ImageLimits
{
    qint64 maxSourcePixels = 100'000'000; ///< originals and overlay images
    qint64 maxOutputPixels = 25'000'000; ///< every intermediate and the delivered image
    int maxSteps = 100; ///< components after named transformations are expanded
    int maxNamedTransformationDepth = 8;
    /// Processor time for one apply() (see WorkBudget); zero: no limit. Sized so that one effect on
    /// the largest image passes, and the steps of one URL cannot keep a core busy much longer.
    std::chrono::milliseconds cpuBudget {4000};
};

/// A transformed image, ready to encode: format and quality come from `f_`/`q_`, the Accept
/// header and the URL.
struct TransformedImage
{
    QImage image;
    QString format; ///< jpg, png, webp, gif, bmp or tiff
    int quality = -1; ///< 1–100, −1 for the encoder's default

    [[nodiscard]] QString mimeType() const;
    [[nodiscard]] core::Result<QByteArray> encode() const;
};

/// The sandbox's rendering engine: applies a Cloudinary delivery transformation to an original
/// with QImage/QPainter, synchronously. Immutable after construction, so one instance can serve
/// any number of QtConcurrent workers at once; the resolvers are called on the worker's thread.
/// Text overlays need a QGuiApplication (the sandbox runs one on the offscreen platform).
///
/// Within a component the order is fixed, like Cloudinary's: a_auto_right/left, resize and
/// crop, e_, o_, r_, bo_, then angle and flips, then b_ fills what is transparent. A component
/// with l_/u_ transforms the layer instead; it is placed at once by its own g/x/y, or, when a
/// later component has fl_layer_apply, the components in between transform the layer too and
/// that component places it. A layer reaching past the base grows the canvas (fl_no_overflow
/// clips it). Refusals are 400 errors worded like Cloudinary's X-Cld-Error, among them a
/// transformation that needs more processor time than the limits allow.
class ImageTransformer
{
public:
    explicit ImageTransformer(ImageLimits limits = {});

    /// Expands `t_` through the context's resolver, renders, and picks the delivery format;
    /// transparency is composed over white when that format has no alpha channel.
    [[nodiscard]] core::Result<TransformedImage> apply(const QImage &original, const QList<Step> &steps,
                                                       const LayerResolver &resolveLayer = {},
                                                       const RequestContext &context = {}) const;

    /// Parses the transformation part of a delivery URL, then applies it.
    [[nodiscard]] core::Result<TransformedImage> apply(const QImage &original, QStringView transformation,
                                                       const LayerResolver &resolveLayer = {},
                                                       const RequestContext &context = {}) const;

    /// How much the original may be shrunk while it is decoded (see decodeImage()) without
    /// changing what apply() makes of it: 1, 1/2, 1/4 or 1/8. Below 1 only when the first
    /// component shrinks the image to a size given in pixels, to less than half the factor, so
    /// the result still comes from at least twice its resolution. `steps` must be expanded.
    [[nodiscard]] double decodeScaleHint(QSize original, const QList<Step> &steps) const;

    [[nodiscard]] const ImageLimits &limits() const { return m_limits; }

private:
    ImageLimits m_limits;
};

} // namespace stratus::sandbox::imaging
