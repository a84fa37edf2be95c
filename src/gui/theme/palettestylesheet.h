#pragma once

#include <QString>

class QWidget;

namespace stratus::gui {

/// Sets @p sheet on @p widget, and sets it again whenever the widget's palette changes (a switch
/// between light and dark): Qt resolves a style sheet's palette(...) colours only when the sheet is
/// set, so without this chips and outlines would keep the colours of the theme they were made in.
void setPaletteStyleSheet(QWidget *widget, const QString &sheet);

} // namespace stratus::gui
