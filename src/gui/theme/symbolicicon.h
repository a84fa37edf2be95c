#pragma once

#include <QIcon>
#include <QString>

namespace stratus::gui {

/// An icon from one of Stratus' monochrome SVGs (resources/icons), drawn in the application
/// palette's text colour at the moment it is painted, so that it reads on a light and on a dark
/// toolbar alike and follows a theme change without being set again. The SVG's stroke and fill
/// colours other than "none" and white are replaced; white stays (cut-outs). Disabled icons use
/// the disabled text colour.
[[nodiscard]] QIcon symbolicIcon(const QString &resource);

} // namespace stratus::gui
