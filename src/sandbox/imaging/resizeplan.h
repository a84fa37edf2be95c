#pragma once

#include <QPoint>
#include <QPointF>
#include <QRectF>
#include <QSize>
#include <QSizeF>

#include <optional>

namespace stratus::sandbox::imaging {

/// `c_` crop modes the sandbox renders (Cloudinary's resize, crop and padding modes).
enum class CropMode { Scale, Fit, Limit, MFit, Fill, LFill, Pad, LPad, MPad, Crop, Thumb };

/// `g_` compass gravity. Content-aware gravities (`auto`, `face`, …) are treated as Center.
enum class Gravity { NorthWest, North, NorthEast, West, Center, East, SouthWest, South, SouthEast, XYCenter };

/// What one component asks of the geometry, with lengths already resolved to pixels of the
/// component's input (fractions, `ar` and the layer's base are the caller's business).
struct ResizeRequest
{
    CropMode mode = CropMode::Scale;
    std::optional<double> width; ///< before `dpr`
    std::optional<double> height; ///< before `dpr`
    double dpr = 1.0;
    Gravity gravity = Gravity::Center;
    QPointF offset; ///< `x`/`y`, used by c_crop and g_xy_center
};

/// How to get from the input to the output: take `sourceRect` of the input, scale it to
/// `scaledSize` and put it at `offset` on a canvas of `canvasSize` (larger only for pad modes).
struct ResizePlan
{
    QRectF sourceRect;
    QSize scaledSize;
    QSize canvasSize;
    QPoint offset;

    [[nodiscard]] bool isIdentity(QSize input) const
    {
        return sourceRect == QRectF(QPointF(0, 0), QSizeF(input)) && scaledSize == input
            && canvasSize == input;
    }
};

/// Cloudinary's crop-mode arithmetic, pure: no pixels are touched.
[[nodiscard]] ResizePlan planResize(QSize input, const ResizeRequest &request);

/// Top-left corner of `item` placed in `container` by gravity; offsets point inwards from the
/// gravity's edges (x_10 with g_east moves 10 px away from the right edge), as Cloudinary does.
[[nodiscard]] QPointF anchoredPosition(QSizeF container, QSizeF item, Gravity gravity, QPointF offset);

} // namespace stratus::sandbox::imaging
