#pragma once

#include "imageeffects.h"
#include "resizeplan.h"
#include "transformationpath.h"

#include "core/util/result.h"

#include <QColor>
#include <QString>
#include <QStringList>

#include <optional>

namespace stratus::sandbox::imaging {

/// A `w`, `h`, `x` or `y` value: pixels, or a fraction of a base when written with a decimal
/// point (`w_0.5` is half the input, `w_1.0` all of it), as Cloudinary reads them.
struct Length
{
    double value = 0;
    bool relative = false;

    [[nodiscard]] double resolve(double base) const { return relative ? value * base : value; }
};

/// `r_`: one to four corner radii in CSS order, or `max` (an ellipse).
struct CornerRadii
{
    double topLeft = 0;
    double topRight = 0;
    double bottomRight = 0;
    double bottomLeft = 0;
    bool ellipse = false;
};

/// `a_`: an angle in degrees (clockwise) and the named modes, which can be chained with `.`.
struct Rotation
{
    double degrees = 0;
    bool autoRight = false;
    bool autoLeft = false;
    bool horizontalFlip = false;
    bool verticalFlip = false;
};

/// `bo_<width>px_solid_<color>`.
struct Border
{
    int width = 0;
    QColor color;
};

/// One transformation component, validated and typed. Keys the sandbox accepts but does not
/// render (video, audio, `d_`, `z_`, …) are dropped here.
struct StepParameters
{
    std::optional<CropMode> crop;
    std::optional<Length> width;
    std::optional<Length> height;
    std::optional<double> aspectRatio;
    double dpr = 1.0;
    std::optional<Gravity> gravity;
    std::optional<Length> x;
    std::optional<Length> y;
    std::optional<int> quality;
    std::optional<Effect> effect;
    std::optional<Rotation> rotation;
    std::optional<CornerRadii> radius;
    std::optional<QColor> background;
    std::optional<Border> border;
    std::optional<int> opacity;
    std::optional<QColor> color;
    QString overlay; ///< `l_` as written: `text:Arial_20:Hi` or `brand:logo`
    QString underlay; ///< `u_` as written
    QStringList flags;
    QString format; ///< `f_`, lower case

    [[nodiscard]] bool hasFlag(QStringView flag) const { return flags.contains(flag); }
    [[nodiscard]] bool opensLayer() const { return !overlay.isEmpty() || !underlay.isEmpty(); }
    [[nodiscard]] bool appliesLayer() const { return hasFlag(u"layer_apply"); }
    [[nodiscard]] bool hasGeometry() const { return crop || width || height || aspectRatio || dpr != 1.0; }

    /// Validates every parameter; fails with Cloudinary-style 400 messages.
    [[nodiscard]] static core::Result<StepParameters> parse(const Step &step);
};

} // namespace stratus::sandbox::imaging
