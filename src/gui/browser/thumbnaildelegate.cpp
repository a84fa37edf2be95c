#include "thumbnaildelegate.h"

#include "assetlistmodel.h"
#include "signedurllimits.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>

namespace stratus::gui {

using namespace Qt::StringLiterals;

namespace {
constexpr int kMargin = 6; // around the thumbnail, inside the cell
constexpr int kTextGap = 4; // between the thumbnail and the name
constexpr qreal kRadius = 6;

QColor badgeColor(const QString &resourceType)
{
    if (resourceType == u"video")
        return QColor(0x7c, 0x3a, 0xed);
    if (resourceType == u"raw")
        return QColor(0x5b, 0x63, 0x70);
    return QColor(0x25, 0x63, 0xeb);
}

// A rectangle whose edges sit on half pixels: a pen one logical pixel wide then covers whole device
// pixels at every integer device pixel ratio, so the outline is never smeared over two rows.
QRectF crisp(const QRect &rect)
{
    return QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5);
}
} // namespace

ThumbnailDelegate::ThumbnailDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_folderIcon(QIcon::fromTheme(u"folder"_s, QApplication::style()->standardIcon(QStyle::SP_DirIcon)))
    , m_fileIcon(QIcon::fromTheme(u"text-x-generic"_s))
{
}

void ThumbnailDelegate::setZoom(int pixels)
{
    m_zoom = std::clamp(pixels, 32, 512);
}

QSize ThumbnailDelegate::cellSize(const QFont &font) const
{
    const QFontMetrics metrics(font);
    return {m_zoom + 2 * kMargin, m_zoom + 2 * kMargin + kTextGap + metrics.height()};
}

QSize ThumbnailDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return cellSize(option.font);
}

QString ThumbnailDelegate::durationText(double seconds)
{
    const qint64 total = qint64(seconds + 0.5);
    const qint64 hours = total / 3600;
    const qint64 minutes = (total / 60) % 60;
    const qint64 rest = total % 60;
    if (hours > 0)
        return u"%1:%2:%3"_s.arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(rest, 2, 10, QLatin1Char('0'));
    return u"%1:%2"_s.arg(minutes).arg(rest, 2, 10, QLatin1Char('0'));
}

void ThumbnailDelegate::paint(QPainter *painter, const QStyleOptionViewItem &styleOption,
                              const QModelIndex &index) const
{
    QStyleOptionViewItem option = styleOption;
    initStyleOption(&option, index);
    painter->save();
    painter->setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform
                            | QPainter::TextAntialiasing);

    QFont badgeFont = option.font;
    badgeFont.setPointSizeF(std::max(6.0, badgeFont.pointSizeF() * 0.8));
    badgeFont.setBold(true);
    if (m_layout == Layout::Justified) {
        paintJustified(painter, option, index, badgeFont);
        painter->restore();
        return;
    }
    const QRect cell = option.rect.adjusted(1, 1, -1, -1);
    paintCellBackground(painter, cell, option);
    const QRect square(cell.left() + (cell.width() - m_zoom) / 2, cell.top() + kMargin - 1, m_zoom, m_zoom);
    if (index.data(AssetListModel::KindRole).value<AssetListModel::RowKind>()
        == AssetListModel::RowKind::Folder)
        paintFolder(painter, square, index, option.palette, badgeFont);
    else
        paintAsset(painter, square, index, option.palette, badgeFont);
    paintName(painter, cell, square, index, option);
    painter->restore();
}

void ThumbnailDelegate::paintJustified(QPainter *painter, const QStyleOptionViewItem &option,
                                       const QModelIndex &index, const QFont &badgeFont) const
{
    const QRect cell = option.rect;
    const QPalette &palette = option.palette;
    const bool folder = index.data(AssetListModel::KindRole).value<AssetListModel::RowKind>()
        == AssetListModel::RowKind::Folder;
    const QString name = index.data(AssetListModel::NameRole).toString();
    const bool selected = option.state.testFlag(QStyle::State_Selected);
    const QColor highlight
        = palette.color(option.state.testFlag(QStyle::State_Active) ? QPalette::Active : QPalette::Inactive,
                        QPalette::Highlight);
    if (folder) {
        paintCellBackground(painter, cell.adjusted(1, 1, -1, -1), option);
        const int text = option.fontMetrics.height() + kTextGap;
        const int edge = std::max(16, std::min(cell.width(), cell.height() - text) - 2 * kMargin);
        const QRect square(cell.left() + (cell.width() - edge) / 2, cell.top() + kMargin, edge, edge);
        paintFolder(painter, square, index, palette, badgeFont);
        paintName(painter, cell, square, index, option);
        return;
    }
    const auto state = index.data(AssetListModel::ThumbnailStateRole).value<AssetListModel::ThumbnailState>();
    const QString format = index.data(AssetListModel::FormatRole).toString();
    if (state == AssetListModel::ThumbnailState::Ready) {
        // The picture has the cell's aspect ratio; a picture of another shape (an older size while
        // the new one loads) covers the cell rather than leaving bands.
        const QPixmap pixmap = index.data(AssetListModel::ThumbnailRole).value<QPixmap>();
        QSizeF size = pixmap.deviceIndependentSize();
        size.scale(QSizeF(cell.size()), Qt::KeepAspectRatioByExpanding);
        const QRectF target(cell.left() + (cell.width() - size.width()) / 2,
                            cell.top() + (cell.height() - size.height()) / 2, size.width(), size.height());
        QPainterPath clip;
        clip.addRoundedRect(QRectF(cell), 3, 3);
        painter->setClipPath(clip);
        painter->drawPixmap(target, pixmap, QRectF(pixmap.rect()));
        painter->setClipping(false);
    } else if (state == AssetListModel::ThumbnailState::None) {
        paintPlaceholder(painter, QRectF(cell), palette, false);
        paintIcon(painter, cell, m_fileIcon, format.isEmpty() ? tr("FILE") : format.toUpper(), palette);
    } else if (state == AssetListModel::ThumbnailState::Locked) {
        paintLocked(painter, QRectF(cell), palette);
    } else {
        paintPlaceholder(painter, QRectF(cell), palette, state == AssetListModel::ThumbnailState::Failed);
    }
    if (!format.isEmpty())
        paintBadge(painter, QPointF(cell.left() + 4, cell.top() + 4), Qt::AlignLeft | Qt::AlignTop,
                   format.toUpper(), badgeColor(index.data(AssetListModel::ResourceTypeRole).toString()),
                   badgeFont);
    const QVariant duration = index.data(AssetListModel::DurationRole);
    if (duration.isValid())
        paintBadge(painter, QPointF(cell.right() - 3, cell.top() + 4), Qt::AlignRight | Qt::AlignTop,
                   durationText(duration.toDouble()), QColor(0, 0, 0, 170), badgeFont);
    // The name over the foot of the picture while it is pointed at or selected.
    if (option.state.testFlag(QStyle::State_MouseOver) || selected) {
        const int height = option.fontMetrics.height() + 6;
        const QRect strip(cell.left(), cell.bottom() - height + 1, cell.width(), height);
        painter->fillRect(strip, QColor(0, 0, 0, 150));
        painter->setFont(option.font);
        painter->setPen(Qt::white);
        painter->drawText(strip.adjusted(6, 0, -6, 0), Qt::AlignLeft | Qt::AlignVCenter,
                          option.fontMetrics.elidedText(name, Qt::ElideMiddle, strip.width() - 12));
    }
    // Selection and focus as outlines around the picture (a fill would tint it).
    if (selected) {
        painter->setPen(QPen(highlight, 3));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(cell).adjusted(1.5, 1.5, -1.5, -1.5), 3, 3);
    }
    if (option.state.testFlag(QStyle::State_HasFocus)) {
        painter->setPen(
            QPen(selected ? palette.color(QPalette::HighlightedText) : highlight, 1, Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(crisp(cell.adjusted(3, 3, -3, -3)));
    }
}

void ThumbnailDelegate::paintCellBackground(QPainter *painter, const QRect &cell,
                                            const QStyleOptionViewItem &option)
{
    const bool selected = option.state.testFlag(QStyle::State_Selected);
    const bool active = option.state.testFlag(QStyle::State_Active);
    const QPalette &palette = option.palette;
    const QColor highlight
        = palette.color(active ? QPalette::Active : QPalette::Inactive, QPalette::Highlight);
    if (selected) {
        // A fill and a 2 px frame: a selection must stand out on a dark window too, also while the
        // window is inactive (its highlight is then muted).
        QColor fill = highlight;
        fill.setAlphaF(active ? 0.32f : 0.24f);
        painter->setPen(QPen(highlight, 2));
        painter->setBrush(fill);
        painter->drawRoundedRect(crisp(cell), kRadius, kRadius);
    } else if (option.state.testFlag(QStyle::State_MouseOver)) {
        QColor fill = palette.color(QPalette::Text);
        fill.setAlphaF(0.06f);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(QRectF(cell), kRadius, kRadius);
    }
    if (option.state.testFlag(QStyle::State_HasFocus)) {
        painter->setPen(QPen(highlight, 1, selected ? Qt::SolidLine : Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(crisp(cell.adjusted(1, 1, -1, -1)), kRadius - 1, kRadius - 1);
    }
}

void ThumbnailDelegate::paintFolder(QPainter *painter, const QRect &square, const QModelIndex &index,
                                    const QPalette &palette, const QFont &badgeFont) const
{
    paintIcon(painter, square, m_folderIcon, {}, palette);
    const qint64 count = index.data(AssetListModel::CountRole).toLongLong();
    paintBadge(painter, QPointF(square.right() - 3, square.bottom() - 3), Qt::AlignRight | Qt::AlignBottom,
               QLocale().toString(count), QColor(0, 0, 0, 150), badgeFont);
}

void ThumbnailDelegate::paintAsset(QPainter *painter, const QRect &square, const QModelIndex &index,
                                   const QPalette &palette, const QFont &badgeFont) const
{
    const auto state = index.data(AssetListModel::ThumbnailStateRole).value<AssetListModel::ThumbnailState>();
    const QString format = index.data(AssetListModel::FormatRole).toString();
    if (state == AssetListModel::ThumbnailState::Ready)
        paintThumbnail(painter, square, index.data(AssetListModel::ThumbnailRole).value<QPixmap>());
    else if (state == AssetListModel::ThumbnailState::None)
        paintIcon(painter, square, m_fileIcon, format.isEmpty() ? tr("FILE") : format.toUpper(), palette);
    else if (state == AssetListModel::ThumbnailState::Locked)
        paintLocked(painter, QRectF(square), palette);
    else
        paintPlaceholder(painter, QRectF(square), palette, state == AssetListModel::ThumbnailState::Failed);

    if (!format.isEmpty())
        paintBadge(painter, QPointF(square.left() + 3, square.top() + 3), Qt::AlignLeft | Qt::AlignTop,
                   format.toUpper(), badgeColor(index.data(AssetListModel::ResourceTypeRole).toString()),
                   badgeFont);
    const QVariant duration = index.data(AssetListModel::DurationRole);
    if (duration.isValid())
        paintBadge(painter, QPointF(square.right() - 3, square.bottom() - 3),
                   Qt::AlignRight | Qt::AlignBottom, durationText(duration.toDouble()), QColor(0, 0, 0, 170),
                   badgeFont);
}

void ThumbnailDelegate::paintThumbnail(QPainter *painter, const QRect &square, const QPixmap &pixmap)
{
    // Fitted, not stretched: a picture of another size (before a zoom catches up) keeps its shape.
    QSizeF size = pixmap.deviceIndependentSize();
    size.scale(QSizeF(square.size()), Qt::KeepAspectRatio);
    const QRectF target(square.left() + (square.width() - size.width()) / 2,
                        square.top() + (square.height() - size.height()) / 2, size.width(), size.height());
    QPainterPath clip;
    clip.addRoundedRect(target, 3, 3);
    painter->setClipPath(clip);
    painter->drawPixmap(target, pixmap, QRectF(pixmap.rect()));
    painter->setClipping(false);
}

void ThumbnailDelegate::paintName(QPainter *painter, const QRect &cell, const QRect &square,
                                  const QModelIndex &index, const QStyleOptionViewItem &option)
{
    const QRect textRect(cell.left() + kMargin, square.bottom() + 1 + kTextGap, cell.width() - 2 * kMargin,
                         option.fontMetrics.height());
    const QString name = index.data(AssetListModel::NameRole).toString();
    painter->setFont(option.font);
    painter->setPen(option.palette.color(QPalette::Text));
    painter->drawText(textRect, Qt::AlignHCenter | Qt::AlignVCenter,
                      option.fontMetrics.elidedText(name, Qt::ElideMiddle, textRect.width()));
}

void ThumbnailDelegate::paintPlaceholder(QPainter *painter, const QRectF &area, const QPalette &palette,
                                         bool failed) const
{
    QColor tile = palette.color(QPalette::Text);
    tile.setAlphaF(0.07f);
    painter->setPen(Qt::NoPen);
    painter->setBrush(tile);
    painter->drawRoundedRect(area, 3, 3);
    // A small picture glyph (a sun over a hill) in the middle; crossed out when it failed.
    QColor glyph = palette.color(QPalette::Text);
    glyph.setAlphaF(0.25f);
    const qreal unit = std::min(area.width(), area.height()) / 6;
    const QPointF centre = area.center();
    const QRectF frame(centre.x() - unit, centre.y() - unit * 0.75, 2 * unit, 1.5 * unit);
    painter->setPen(QPen(glyph, std::max(1.0, unit / 10)));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(frame, unit / 8, unit / 8);
    painter->drawEllipse(QPointF(frame.left() + frame.width() * 0.32, frame.top() + frame.height() * 0.32),
                         unit / 6, unit / 6);
    QPainterPath hill;
    hill.moveTo(frame.left(), frame.bottom());
    hill.lineTo(frame.left() + frame.width() * 0.45, frame.top() + frame.height() * 0.5);
    hill.lineTo(frame.right(), frame.bottom());
    painter->drawPath(hill);
    if (failed)
        painter->drawLine(frame.bottomLeft(), frame.topRight());
}

void ThumbnailDelegate::paintLocked(QPainter *painter, const QRectF &area, const QPalette &palette)
{
    // The placeholder's tile with a lock instead of a picture glyph: nothing is wrong, it is a
    // limit of how the environment is signed in (the tooltip says which).
    QColor tile = palette.color(QPalette::Text);
    tile.setAlphaF(0.07f);
    painter->setPen(Qt::NoPen);
    painter->setBrush(tile);
    painter->drawRoundedRect(area, 3, 3);
    QColor glyph = palette.color(QPalette::Text);
    glyph.setAlphaF(0.45f);
    const qreal edge = std::min(area.width(), area.height()) * 0.7;
    const QRectF square(area.center().x() - edge / 2, area.center().y() - edge / 2, edge, edge);
    SignedUrlLimits::paintLock(painter, square, glyph, palette.color(QPalette::Base));
}

void ThumbnailDelegate::paintIcon(QPainter *painter, const QRect &area, const QIcon &icon,
                                  const QString &fallbackText, const QPalette &palette) const
{
    const int edge = std::max(16, area.width() * 5 / 8);
    const QRect target(area.left() + (area.width() - edge) / 2, area.top() + (area.height() - edge) / 2, edge,
                       edge);
    if (!icon.isNull()) {
        icon.paint(painter, target);
        return;
    }
    // No icon theme (offscreen, minimal desktops): a sheet of paper with a folded corner and the
    // file's extension on it.
    const QRectF sheet(target.left() + edge * 0.15, target.top(), edge * 0.7, edge);
    const qreal fold = sheet.width() * 0.3;
    QPainterPath page;
    page.moveTo(sheet.topLeft());
    page.lineTo(sheet.right() - fold, sheet.top());
    page.lineTo(sheet.right(), sheet.top() + fold);
    page.lineTo(sheet.bottomRight());
    page.lineTo(sheet.bottomLeft());
    page.closeSubpath();
    painter->setPen(QPen(palette.color(QPalette::Mid), 1));
    painter->setBrush(palette.color(QPalette::Base));
    painter->drawPath(page);
    painter->drawLine(QPointF(sheet.right() - fold, sheet.top()),
                      QPointF(sheet.right() - fold, sheet.top() + fold));
    painter->drawLine(QPointF(sheet.right() - fold, sheet.top() + fold),
                      QPointF(sheet.right(), sheet.top() + fold));
    if (!fallbackText.isEmpty()) {
        QFont font = painter->font();
        font.setBold(true);
        font.setPixelSize(std::max(8, int(sheet.width() / 4)));
        painter->setFont(font);
        painter->setPen(palette.color(QPalette::Text));
        painter->drawText(
            sheet.adjusted(2, fold, -2, 0), Qt::AlignCenter,
            QFontMetrics(font).elidedText(fallbackText, Qt::ElideRight, int(sheet.width() - 4)));
    }
}

void ThumbnailDelegate::paintBadge(QPainter *painter, const QPointF &anchor, Qt::Alignment corner,
                                   const QString &text, const QColor &background, const QFont &font)
{
    const QFontMetrics metrics(font);
    const QSizeF size(metrics.horizontalAdvance(text) + 8, metrics.height() + 2);
    const qreal x = corner.testFlag(Qt::AlignRight) ? anchor.x() - size.width() : anchor.x();
    const qreal y = corner.testFlag(Qt::AlignBottom) ? anchor.y() - size.height() : anchor.y();
    const QRectF badge(QPointF(std::round(x), std::round(y)), size);
    painter->setPen(Qt::NoPen);
    painter->setBrush(background);
    painter->drawRoundedRect(badge, 3, 3);
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(badge, Qt::AlignCenter, text);
}

} // namespace stratus::gui
