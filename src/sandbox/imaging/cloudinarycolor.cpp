#include "cloudinarycolor.h"

#include <QString>

using namespace Qt::StringLiterals;

namespace stratus::sandbox::imaging {

namespace {

std::optional<QColor> fromHex(QStringView hex)
{
    for (const QChar c : hex) {
        if (!c.isDigit() && !(c.toLower() >= u'a' && c.toLower() <= u'f'))
            return std::nullopt;
    }
    // rgb, rgba, rrggbb and rrggbbaa; Cloudinary puts alpha last, QColor wants it first.
    QString expanded;
    if (hex.size() == 3 || hex.size() == 4) {
        for (const QChar c : hex)
            expanded += QString(2, c);
    } else if (hex.size() == 6 || hex.size() == 8) {
        expanded = hex.toString();
    } else {
        return std::nullopt;
    }
    bool ok = false;
    const uint value = expanded.toUInt(&ok, 16);
    if (!ok)
        return std::nullopt;
    if (expanded.size() == 6)
        return QColor::fromRgb(value | 0xff000000u);
    return QColor::fromRgba((value >> 8) | ((value & 0xffu) << 24));
}

} // namespace

std::optional<QColor> parseCloudinaryColor(QStringView text)
{
    if (text.startsWith(u"rgb:", Qt::CaseInsensitive))
        return fromHex(text.mid(4));
    if (text.startsWith(u'#'))
        return fromHex(text.mid(1));
    if (text.isEmpty())
        return std::nullopt;
    for (const QChar c : text) {
        if (!c.isLetter())
            return std::nullopt;
    }
    const QColor named = QColor::fromString(text.toString().toLower());
    if (!named.isValid())
        return std::nullopt;
    return named;
}

} // namespace stratus::sandbox::imaging
