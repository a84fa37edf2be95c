#include "textlayer.h"

#include "imagingerror.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QTextOption>
#include <QUrl>

#include <cmath>

using namespace Qt::StringLiterals;

namespace stratus::sandbox::imaging {

namespace {

constexpr int maximumFontSize = 2000;

int textFlags(const TextLayer &layer, int wrapWidth)
{
    return static_cast<int>(layer.alignment) | (wrapWidth > 0 ? Qt::TextWordWrap : 0);
}

QRectF layoutRect(const TextLayer &layer, int wrapWidth)
{
    const QFontMetricsF metrics(layer.font);
    const QRectF bounds(0, 0, wrapWidth > 0 ? wrapWidth : 1.0e6, 1.0e6);
    QRectF rect = metrics.boundingRect(bounds, textFlags(layer, wrapWidth), layer.text);
    const int lines = static_cast<int>(layer.text.count(u'\n')) + 1;
    rect.setHeight(rect.height() + layer.lineSpacing * (lines - 1));
    return rect;
}

std::optional<QFont::Weight> namedWeight(QStringView token)
{
    static const std::pair<QStringView, QFont::Weight> weights[] = {
        {u"thin", QFont::Thin},     {u"extralight", QFont::ExtraLight}, {u"light", QFont::Light},
        {u"medium", QFont::Medium}, {u"semibold", QFont::DemiBold},     {u"extrabold", QFont::ExtraBold},
        {u"black", QFont::Black},
    };
    for (const auto &[name, weight] : weights) {
        if (token == name)
            return weight;
    }
    return std::nullopt;
}

} // namespace

QString decodeLayerText(QStringView text)
{
    QString decoded = QUrl::fromPercentEncoding(text.toUtf8());
    // The SDKs encode `,` and `/` twice so that they survive the split into components.
    decoded.replace(u"%2C"_s, u","_s, Qt::CaseInsensitive);
    decoded.replace(u"%2F"_s, u"/"_s, Qt::CaseInsensitive);
    return decoded;
}

core::Result<TextLayer> TextLayer::parse(QStringView spec)
{
    const qsizetype colon = spec.indexOf(u':');
    if (colon <= 0)
        return transformationError(u"Invalid text overlay - text:"_s + spec.toString());
    const QStringList style = spec.left(colon).toString().split(u'_');
    TextLayer layer;
    layer.text = decodeLayerText(spec.mid(colon + 1));
    if (layer.text.isEmpty())
        return transformationError(u"Invalid text overlay - the text is empty"_s);

    const QString family = decodeLayerText(style.value(0));
    bool ok = false;
    const int size = style.value(1).toInt(&ok);
    if (family.isEmpty() || !ok || size <= 0 || size > maximumFontSize)
        return transformationError(u"Invalid text style - "_s + spec.left(colon).toString());
    layer.font = QFont(family);
    layer.font.setPixelSize(size);

    for (qsizetype i = 2; i < style.size(); ++i) {
        const QString &token = style.at(i);
        if (token == u"bold")
            layer.font.setBold(true);
        else if (const std::optional<QFont::Weight> weight = namedWeight(token))
            layer.font.setWeight(*weight);
        else if (token == u"italic")
            layer.font.setItalic(true);
        else if (token == u"underline")
            layer.font.setUnderline(true);
        else if (token == u"strikethrough")
            layer.font.setStrikeOut(true);
        else if (token == u"left" || token == u"start")
            layer.alignment = Qt::AlignLeft;
        else if (token == u"center")
            layer.alignment = Qt::AlignHCenter;
        else if (token == u"right" || token == u"end")
            layer.alignment = Qt::AlignRight;
        else if (token == u"justify")
            layer.alignment = Qt::AlignJustify;
        else if (token == u"stroke")
            layer.stroke = true;
        else if ((token == u"letter" || token == u"line") && style.value(i + 1) == u"spacing") {
            bool valid = false;
            const int amount = style.value(i + 2).toInt(&valid);
            if (!valid)
                return transformationError(u"Invalid text style - "_s + spec.left(colon).toString());
            if (token == u"letter")
                layer.font.setLetterSpacing(QFont::AbsoluteSpacing, amount);
            else
                layer.lineSpacing = amount;
            i += 2;
        } else if (token == u"antialias" || token == u"hinting")
            ++i; // rendering hints with a value; Qt's defaults are fine
        else if (token != u"normal" && token != u"none")
            return transformationError(u"Invalid text style - "_s + spec.left(colon).toString());
    }
    return layer;
}

QSize TextLayer::measure(int wrapWidth) const
{
    const QRectF rect = layoutRect(*this, wrapWidth);
    const int margin = stroke ? 2 : 0;
    return {std::max(1, static_cast<int>(std::ceil(rect.width())) + 2 * margin),
            std::max(1, static_cast<int>(std::ceil(rect.height())) + 2 * margin)};
}

QImage TextLayer::render(const QColor &color, const std::optional<QColor> &background, int wrapWidth) const
{
    const QSize size = measure(wrapWidth);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(background.value_or(QColor(Qt::transparent)));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setFont(font);
    painter.setPen(color);

    const int margin = stroke ? 2 : 0;
    if (lineSpacing == 0 && !stroke) {
        painter.drawText(QRectF(QPointF(0, 0), QSizeF(size)), textFlags(*this, wrapWidth), text);
        return image;
    }
    const QFontMetricsF metrics(font);
    const QStringList lines = text.split(u'\n');
    // Extra line spacing and strokes: line by line, so every line can be moved and outlined.
    double top = margin;
    for (const QString &line : lines) {
        const QRectF lineRect(margin, top, size.width() - 2 * margin, size.height());
        const QRectF used = metrics.boundingRect(lineRect, textFlags(*this, wrapWidth), line);
        if (stroke) {
            QPainterPath path;
            path.addText(used.left(), used.top() + metrics.ascent(), font, line);
            painter.strokePath(path, QPen(Qt::black, 2));
            painter.fillPath(path, color);
        } else {
            painter.drawText(lineRect, textFlags(*this, wrapWidth), line);
        }
        top += used.height() + lineSpacing;
    }
    return image;
}

} // namespace stratus::sandbox::imaging
