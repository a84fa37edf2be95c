#include "assetnamedelegate.h"

#include "assetlistmodel.h"
#include "signedurllimits.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QPainter>
#include <QStyle>

namespace stratus::gui {

using namespace Qt::StringLiterals;

namespace {

/// The middle square of @p pixmap at @p edge device-independent pixels.
QPixmap squareOf(const QPixmap &pixmap, int edge, qreal ratio)
{
    const int side = std::min(pixmap.width(), pixmap.height());
    const QPixmap middle = pixmap.copy((pixmap.width() - side) / 2, (pixmap.height() - side) / 2, side, side);
    const int device = int(std::ceil(edge * ratio));
    QPixmap square = middle.scaled(device, device, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    square.setDevicePixelRatio(ratio);
    return square;
}

/// An empty square, so that rows without a picture yet keep their names where the others are.
QPixmap emptySquare(int edge, qreal ratio, const QColor &tint)
{
    const int device = int(std::ceil(edge * ratio));
    QPixmap square(device, device);
    square.setDevicePixelRatio(ratio);
    square.fill(tint);
    return square;
}

} // namespace

AssetNameDelegate::AssetNameDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_folderIcon(QIcon::fromTheme(u"folder"_s, QApplication::style()->standardIcon(QStyle::SP_DirIcon)))
    , m_fileIcon(
          QIcon::fromTheme(u"text-x-generic"_s, QApplication::style()->standardIcon(QStyle::SP_FileIcon)))
{
}

void AssetNameDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto *view = qobject_cast<const QAbstractItemView *>(option->widget);
    const QSize iconSize = view != nullptr ? view->iconSize() : QSize(32, 32);
    const int edge = std::max(16, std::min(iconSize.width(), iconSize.height()));
    const qreal ratio
        = option->widget != nullptr ? option->widget->devicePixelRatioF() : qApp->devicePixelRatio();
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->decorationSize = QSize(edge, edge);
    option->decorationAlignment = Qt::AlignCenter;
    if (index.data(AssetListModel::KindRole).value<AssetListModel::RowKind>()
        == AssetListModel::RowKind::Folder) {
        option->icon = m_folderIcon;
        return;
    }
    const auto state = index.data(AssetListModel::ThumbnailStateRole).value<AssetListModel::ThumbnailState>();
    if (state == AssetListModel::ThumbnailState::Ready) {
        option->icon
            = QIcon(squareOf(index.data(AssetListModel::ThumbnailRole).value<QPixmap>(), edge, ratio));
    } else if (state == AssetListModel::ThumbnailState::None) {
        option->icon = m_fileIcon;
    } else if (state == AssetListModel::ThumbnailState::Locked) {
        QColor glyph = option->palette.color(QPalette::Text);
        glyph.setAlphaF(0.6f);
        option->icon
            = QIcon(SignedUrlLimits::lockPixmap(edge, ratio, glyph, option->palette.color(QPalette::Base)));
    } else {
        QColor tint = option->palette.color(QPalette::Text);
        tint.setAlphaF(0.08f);
        option->icon = QIcon(emptySquare(edge, ratio, tint));
    }
}

QSize AssetNameDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const auto *view = qobject_cast<const QAbstractItemView *>(option.widget);
    const int edge = view != nullptr ? view->iconSize().height() : 32;
    size.setHeight(std::max(size.height(), edge + 6));
    return size;
}

} // namespace stratus::gui
