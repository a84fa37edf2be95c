#pragma once

#include "core/util/result.h"
#include "workbudget.h"

#include <QImage>
#include <QStringView>

namespace stratus::sandbox::imaging {

/// One `e_` effect with its level, validated and clamped to Cloudinary's range.
struct Effect
{
    enum class Kind { Grayscale, Sepia, Blur, Negate, Pixelate, Brightness, Contrast, Saturation, Sharpen };
    Kind kind = Kind::Grayscale;
    int level = 0;
};

/// Parses the value of `e_` (`sepia`, `blur:300`, `brightness:-20`). Unknown effects and
/// non-numeric levels fail with a 400 error; out-of-range levels are clamped like Cloudinary does.
[[nodiscard]] core::Result<Effect> parseEffect(QStringView value);

/// Applies an effect. The image is RGB32 or ARGB32_Premultiplied (see normalizedImage()); the
/// result has the same format and size. Pure function, safe on any thread. With a `budget`, the
/// per-pixel loops stop early once it is spent: the caller must then refuse, not use, the result.
[[nodiscard]] QImage applyEffect(const QImage &image, const Effect &effect,
                                 const WorkBudget *budget = nullptr);

/// A separable box blur of the given radius, three passes (close to a Gaussian of sigma ≈ radius).
/// Stops early like applyEffect() once `budget` is spent.
[[nodiscard]] QImage boxBlurred(const QImage &image, int radius, const WorkBudget *budget = nullptr);

} // namespace stratus::sandbox::imaging
