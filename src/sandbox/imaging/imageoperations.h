#pragma once

#include "stepparameters.h"

#include <QColor>
#include <QImage>
#include <QPoint>
#include <QRectF>
#include <QSize>

namespace stratus::sandbox::imaging {

// Pixel operations of the transformer. Every function is pure (takes and returns values, no
// shared state), so any number of them can run on worker threads at once. Images passed in and
// returned are RGB32 (opaque) or ARGB32_Premultiplied (with alpha), see normalizedImage().

/// The image in RGB32 when it has no alpha channel, else in ARGB32_Premultiplied.
[[nodiscard]] QImage normalizedImage(const QImage &image);

/// Whether any pixel is not fully opaque.
[[nodiscard]] bool hasTransparentPixels(const QImage &image);

/// Takes `sourceRect` of `image` and scales it to `target`. Large reductions first halve the
/// region with a 2×2 box filter until it is less than four times the target, then finish with
/// Qt's smooth (area-averaging) scaling, so a 12 MP photo becomes a thumbnail quickly.
[[nodiscard]] QImage resampled(const QImage &image, const QRectF &sourceRect, QSize target);

/// The image on a canvas of `canvasSize` filled with `background`, its top-left at `offset`.
[[nodiscard]] QImage placedOnCanvas(const QImage &image, QSize canvasSize, QPoint offset,
                                    const QColor &background);

/// The image composed over `background` (opaque result when the colour is opaque).
[[nodiscard]] QImage composedOver(const QImage &image, const QColor &background);

/// The image with its alpha multiplied by percent / 100.
[[nodiscard]] QImage withOpacity(const QImage &image, int percent);

/// The image with transparent, anti-aliased rounded corners (or an ellipse for `r_max`).
[[nodiscard]] QImage withRoundedCorners(const QImage &image, const CornerRadii &radii);

/// The image inside a solid border of `border.width` pixels, following rounded corners.
[[nodiscard]] QImage withBorder(const QImage &image, const Border &border,
                                const std::optional<CornerRadii> &radii);

/// Rotated clockwise by `degrees`; other than multiples of 90 the canvas grows to the bounding
/// box and the corners are transparent.
[[nodiscard]] QImage rotated(const QImage &image, double degrees);

/// The size rotated() will return.
[[nodiscard]] QSize rotatedSize(QSize size, double degrees);

/// `layer` drawn over `base` at `position` (or under it, for `u_`), or repeated over all of
/// `base` from its top-left corner when `tiled` (fl_tiled); clipped to `base`.
[[nodiscard]] QImage composited(const QImage &base, const QImage &layer, QPoint position, bool underneath,
                                bool tiled);

} // namespace stratus::sandbox::imaging
