#pragma once

#include <QColor>
#include <QPalette>

namespace stratus::gui::palettes {

/// Stratus' two colour schemes, for the Fusion style: a light one (Fusion's own, with Stratus'
/// accent) and a dark one, neutral grey as in photo tools (Lightroom, darktable), so that pictures are
/// not tinted by what surrounds them. Both keep text at a contrast ratio of at least 4.5:1 against
/// their backgrounds, the disabled text included.
[[nodiscard]] QPalette light();
[[nodiscard]] QPalette dark();

/// Whether @p palette is a dark one (its window colour is darker than mid grey).
[[nodiscard]] bool isDark(const QPalette &palette);

/// The colour for words that report a failure, readable on @p palette's window colour.
[[nodiscard]] QColor errorText(const QPalette &palette);

} // namespace stratus::gui::palettes
