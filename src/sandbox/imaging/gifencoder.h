#pragma once

#include <QByteArray>
#include <QImage>

namespace stratus::sandbox::imaging {

/// Writes one image as a single-frame GIF89a; Qt reads GIF but has no writer. Up to 256
/// colours are kept exactly; more are reduced to a 252-colour palette with Floyd–Steinberg
/// dithering. Pixels with alpha below 128 become the transparent index. Pure, any thread.
[[nodiscard]] QByteArray encodeGif(const QImage &image);

} // namespace stratus::sandbox::imaging
