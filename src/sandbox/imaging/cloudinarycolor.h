#pragma once

#include <QColor>
#include <QStringView>

#include <optional>

namespace stratus::sandbox::imaging {

/// Parses a colour as Cloudinary writes it in `b_`, `co_` and `bo_`: `rgb:ff0000`, `rgb:f00`,
/// `rgb:ff000080` (with alpha), or a CSS/SVG name such as `red` or `transparent`. The SDKs turn
/// `#ff0000` into `rgb:ff0000`; a leading `#` is accepted too. Nothing for anything else.
[[nodiscard]] std::optional<QColor> parseCloudinaryColor(QStringView text);

} // namespace stratus::sandbox::imaging
