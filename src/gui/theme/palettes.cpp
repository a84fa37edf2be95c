#include "palettes.h"

#include <QStyle>
#include <QStyleFactory>

#include <memory>

using namespace Qt::StringLiterals;

namespace stratus::gui::palettes {

namespace {
// Stratus' accent (a Cloudinary-like blue); white text on it reads in both schemes.
const QColor kAccentLight(0x2f, 0x5f, 0xd0);
const QColor kAccentDark(0x3d, 0x6f, 0xd9);
} // namespace

QPalette light()
{
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(u"Fusion"_s));
    QPalette palette = fusion ? fusion->standardPalette() : QPalette();
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
        palette.setColor(group, QPalette::Highlight, kAccentLight);
        palette.setColor(group, QPalette::HighlightedText, Qt::white);
        palette.setColor(group, QPalette::Link, QColor(0x1f, 0x4f, 0xb8));
        palette.setColor(group, QPalette::PlaceholderText, QColor(0x6a, 0x6a, 0x6a));
    }
    // A selection in a window without the keyboard: a pale tint, with dark text on it.
    palette.setColor(QPalette::Inactive, QPalette::Highlight, QColor(0xc8, 0xd5, 0xf2));
    palette.setColor(QPalette::Inactive, QPalette::HighlightedText, QColor(0x1a, 0x1a, 0x1a));
    for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0xa0, 0xa0, 0xa0));
    return palette;
}

QPalette dark()
{
    const QColor window(0x2b, 0x2b, 0x2d);
    const QColor base(0x1f, 0x1f, 0x21);
    const QColor alternate(0x27, 0x27, 0x2a);
    const QColor text(0xe8, 0xe8, 0xea);
    const QColor button(0x35, 0x35, 0x38);
    const QColor disabled(0x8a, 0x8a, 0x8e);

    QPalette palette;
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        palette.setColor(group, QPalette::Window, window);
        palette.setColor(group, QPalette::WindowText, text);
        palette.setColor(group, QPalette::Base, base);
        palette.setColor(group, QPalette::AlternateBase, alternate);
        palette.setColor(group, QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3e));
        palette.setColor(group, QPalette::ToolTipText, text);
        palette.setColor(group, QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9e));
        palette.setColor(group, QPalette::Text, text);
        palette.setColor(group, QPalette::Button, button);
        palette.setColor(group, QPalette::ButtonText, text);
        palette.setColor(group, QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
        // Fusion draws bevels and frames from these.
        palette.setColor(group, QPalette::Light, QColor(0x4a, 0x4a, 0x4e));
        palette.setColor(group, QPalette::Midlight, QColor(0x3e, 0x3e, 0x42));
        palette.setColor(group, QPalette::Mid, QColor(0x5a, 0x5a, 0x5f));
        palette.setColor(group, QPalette::Dark, QColor(0x18, 0x18, 0x1a));
        palette.setColor(group, QPalette::Shadow, QColor(0x0c, 0x0c, 0x0d));
        palette.setColor(group, QPalette::Highlight, kAccentDark);
        palette.setColor(group, QPalette::HighlightedText, Qt::white);
        palette.setColor(group, QPalette::Link, QColor(0x7a, 0xa7, 0xff));
        palette.setColor(group, QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xff));
    }
    palette.setColor(QPalette::Inactive, QPalette::Highlight, QColor(0x4a, 0x62, 0x96));
    for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabled);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4a, 0x4e));
    palette.setColor(QPalette::Disabled, QPalette::Base, window);
    return palette;
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor errorText(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x8a, 0x80) : QColor(0xc0, 0x1c, 0x28);
}

} // namespace stratus::gui::palettes
