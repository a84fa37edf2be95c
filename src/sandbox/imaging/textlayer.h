#pragma once

#include "core/util/result.h"

#include <QColor>
#include <QFont>
#include <QImage>
#include <QString>
#include <QStringView>

#include <optional>

namespace stratus::sandbox::imaging {

/// A text overlay, `l_text:<style>:<text>` with style `<family>_<size>[_bold][_italic]…`.
struct TextLayer
{
    QFont font;
    QString text;
    Qt::Alignment alignment = Qt::AlignLeft;
    int lineSpacing = 0; ///< extra pixels between lines
    bool stroke = false;

    /// Parses what follows `l_text:`. The text is percent-decoded, including the double
    /// encoding the SDKs use for `,` and `/` (`%252C`), and whether or not the router already
    /// decoded the URL once.
    [[nodiscard]] static core::Result<TextLayer> parse(QStringView spec);

    /// The pixel size of the rendered text; `wrapWidth` > 0 breaks lines at words (c_fit,w_…).
    [[nodiscard]] QSize measure(int wrapWidth) const;

    /// Renders the text in `color` on `background` (transparent when absent). Works on any
    /// thread once a QGuiApplication exists (fonts come from the platform's font database).
    [[nodiscard]] QImage render(const QColor &color, const std::optional<QColor> &background,
                                int wrapWidth) const;
};

/// Percent-decodes an overlay's text or public id, undoing one or two levels of encoding.
[[nodiscard]] QString decodeLayerText(QStringView text);

} // namespace stratus::sandbox::imaging
