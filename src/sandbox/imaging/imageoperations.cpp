#include "imageoperations.h"

#include <QPainter>
#include <QPainterPath>
#include <QTransform>
#include <QtMath>

#include <algorithm>
#include <cmath>

namespace stratus::sandbox::imaging {

namespace {

// Average of four premultiplied (or opaque) pixels, all channels at once: red and blue in one
// 32-bit word, alpha and green in another, each lane wide enough for the sum.
inline QRgb average4(QRgb a, QRgb b, QRgb c, QRgb d)
{
    constexpr QRgb mask = 0x00ff00ffu;
    const QRgb low = (a & mask) + (b & mask) + (c & mask) + (d & mask) + 0x00020002u;
    const QRgb high
        = ((a >> 8) & mask) + ((b >> 8) & mask) + ((c >> 8) & mask) + ((d >> 8) & mask) + 0x00020002u;
    return ((low >> 2) & mask) | (((high >> 2) & mask) << 8);
}

// Halves `region` of `image` horizontally and/or vertically with a box filter.
QImage halved(const QImage &image, QRect region, bool inX, bool inY)
{
    const int width = inX ? region.width() / 2 : region.width();
    const int height = inY ? region.height() / 2 : region.height();
    QImage out(width, height, image.format());
    for (int y = 0; y < height; ++y) {
        const int sourceY = region.top() + (inY ? 2 * y : y);
        const auto *row0 = reinterpret_cast<const QRgb *>(image.constScanLine(sourceY)) + region.left();
        const auto *row1
            = inY ? reinterpret_cast<const QRgb *>(image.constScanLine(sourceY + 1)) + region.left() : row0;
        auto *target = reinterpret_cast<QRgb *>(out.scanLine(y));
        if (inX) {
            for (int x = 0; x < width; ++x)
                target[x] = average4(row0[2 * x], row0[2 * x + 1], row1[2 * x], row1[2 * x + 1]);
        } else {
            for (int x = 0; x < width; ++x)
                target[x] = average4(row0[x], row0[x], row1[x], row1[x]);
        }
    }
    return out;
}

QRect pixelRect(const QRectF &rect, const QRect &bounds)
{
    const QRect rounded(qRound(rect.x()), qRound(rect.y()), std::max(1, qRound(rect.width())),
                        std::max(1, qRound(rect.height())));
    return rounded.intersected(bounds);
}

QPainterPath roundedPath(const QRectF &rect, const CornerRadii &radii, double grow)
{
    QPainterPath path;
    if (radii.ellipse) {
        path.addEllipse(rect);
        return path;
    }
    const double limit = std::min(rect.width(), rect.height()) / 2;
    auto clamp = [&](double r) {
        return r > 0 ? std::min(r + grow, limit) : 0.0;
    };
    const double tl = clamp(radii.topLeft);
    const double tr = clamp(radii.topRight);
    const double br = clamp(radii.bottomRight);
    const double bl = clamp(radii.bottomLeft);
    const double left = rect.left();
    const double top = rect.top();
    const double right = rect.right(); // QRectF: x + width, unlike QRect
    const double bottom = rect.bottom();
    path.moveTo(left + tl, top);
    path.lineTo(right - tr, top);
    path.arcTo(QRectF(right - 2 * tr, top, 2 * tr, 2 * tr), 90, -90);
    path.lineTo(right, bottom - br);
    path.arcTo(QRectF(right - 2 * br, bottom - 2 * br, 2 * br, 2 * br), 0, -90);
    path.lineTo(left + bl, bottom);
    path.arcTo(QRectF(left, bottom - 2 * bl, 2 * bl, 2 * bl), 270, -90);
    path.lineTo(left, top + tl);
    path.arcTo(QRectF(left, top, 2 * tl, 2 * tl), 180, -90);
    path.closeSubpath();
    return path;
}

QImage transparentCanvas(QSize size)
{
    QImage canvas(size, QImage::Format_ARGB32_Premultiplied);
    canvas.fill(Qt::transparent);
    return canvas;
}

} // namespace

QImage normalizedImage(const QImage &image)
{
    const QImage::Format wanted
        = image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32;
    if (image.format() == wanted)
        return image;
    return image.convertToFormat(wanted);
}

bool hasTransparentPixels(const QImage &source)
{
    if (!source.hasAlphaChannel())
        return false;
    const QImage image = normalizedImage(source);
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            if (qAlpha(line[x]) != 255)
                return true;
        }
    }
    return false;
}

QImage resampled(const QImage &source, const QRectF &sourceRect, QSize target)
{
    QImage image = normalizedImage(source);
    QRect region = pixelRect(sourceRect, image.rect());
    if (region.size() == target)
        return region == image.rect() ? image : image.copy(region);
    for (;;) {
        const bool inX = region.width() >= 4 * target.width();
        const bool inY = region.height() >= 4 * target.height();
        if (!inX && !inY)
            break;
        image = halved(image, region, inX, inY);
        region = image.rect();
    }
    if (region != image.rect())
        image = image.copy(region);
    return normalizedImage(image.scaled(target, Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
}

QImage placedOnCanvas(const QImage &image, QSize canvasSize, QPoint offset, const QColor &background)
{
    const bool opaque = background.alpha() == 255 && !image.hasAlphaChannel();
    QImage canvas(canvasSize, opaque ? QImage::Format_RGB32 : QImage::Format_ARGB32_Premultiplied);
    canvas.fill(background);
    QPainter painter(&canvas);
    painter.drawImage(offset, image);
    painter.end();
    return canvas;
}

QImage composedOver(const QImage &image, const QColor &background)
{
    if (!image.hasAlphaChannel())
        return normalizedImage(image);
    return placedOnCanvas(image, image.size(), {}, background);
}

QImage withOpacity(const QImage &image, int percent)
{
    QImage canvas = transparentCanvas(image.size());
    QPainter painter(&canvas);
    painter.setOpacity(percent / 100.0);
    painter.drawImage(0, 0, image);
    painter.end();
    return canvas;
}

QImage withRoundedCorners(const QImage &image, const CornerRadii &radii)
{
    QImage canvas = transparentCanvas(image.size());
    QPainter painter(&canvas);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QBrush(image));
    painter.drawPath(roundedPath(QRectF(image.rect()), radii, 0));
    painter.end();
    return canvas;
}

QImage withBorder(const QImage &image, const Border &border, const std::optional<CornerRadii> &radii)
{
    const int b = border.width;
    const QSize size(image.width() + 2 * b, image.height() + 2 * b);
    if (!radii) {
        QImage canvas = placedOnCanvas(image, size, QPoint(b, b), border.color);
        return canvas;
    }
    QImage canvas = transparentCanvas(size);
    QPainter painter(&canvas);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(border.color);
    painter.drawPath(roundedPath(QRectF(canvas.rect()), *radii, b));
    painter.drawImage(b, b, image);
    painter.end();
    return canvas;
}

QSize rotatedSize(QSize size, double degrees)
{
    return QTransform().rotate(degrees).mapRect(QRectF(QPointF(0, 0), QSizeF(size))).toAlignedRect().size();
}

QImage rotated(const QImage &source, double degrees)
{
    const double normalized = std::fmod(std::fmod(degrees, 360.0) + 360.0, 360.0);
    if (normalized == 0)
        return normalizedImage(source);
    const bool quarter = std::fmod(normalized, 90.0) == 0;
    const QImage image = quarter ? source : source.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    return normalizedImage(image.transformed(QTransform().rotate(normalized),
                                             quarter ? Qt::FastTransformation : Qt::SmoothTransformation));
}

QImage composited(const QImage &base, const QImage &layer, QPoint position, bool underneath, bool tiled)
{
    auto paintLayer = [&](QPainter &painter) {
        if (tiled)
            painter.fillRect(QRect(QPoint(0, 0), base.size()), QBrush(layer)); // one pass, any tile count
        else
            painter.drawImage(position, layer);
    };
    if (underneath) {
        QImage canvas = transparentCanvas(base.size());
        QPainter painter(&canvas);
        paintLayer(painter);
        painter.drawImage(0, 0, base);
        painter.end();
        return normalizedImage(canvas);
    }
    QImage canvas = normalizedImage(base);
    QPainter painter(&canvas);
    paintLayer(painter);
    painter.end();
    return canvas;
}

} // namespace stratus::sandbox::imaging
