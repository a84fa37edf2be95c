#pragma once

#include <QIcon>
#include <QStyledItemDelegate>

namespace stratus::gui {

/// Paints one cell of the browser's thumbnail grid (a QListView in icon mode over AssetListModel):
/// the thumbnail fitted into a square of zoom() pixels (a placeholder while it loads, an icon for
/// folders and raw files, a lock for a private asset that cannot be signed), the name elided below it, a
/// format badge coloured by resource type, and a video's duration. Selection and focus are drawn with
/// cosmetic pens on half-pixel edges so that they stay crisp at any device pixel ratio.
///
/// Owned by the view. GUI thread only.
class ThumbnailDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ThumbnailDelegate(QObject *parent = nullptr);

    /// Grid: a square thumbnail with the name below (cellSize()). Justified: the picture fills the
    /// cell the view gives (JustifiedView, same aspect ratio), the name shows over its foot while
    /// the pointer is on it or it is selected; folders show their icon and name.
    enum class Layout { Grid, Justified };
    void setLayout(Layout layout) { m_layout = layout; }
    [[nodiscard]] Layout layout() const { return m_layout; }

    /// The edge of the square thumbnail area, in device-independent pixels.
    void setZoom(int pixels);
    [[nodiscard]] int zoom() const { return m_zoom; }
    /// The whole cell (thumbnail, name, margins) for the current zoom: the grid size of the view.
    [[nodiscard]] QSize cellSize(const QFont &font) const;

    /// "1:05", "12:00:03": a video's duration as the badge shows it.
    [[nodiscard]] static QString durationText(double seconds);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    void paintJustified(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index,
                        const QFont &badgeFont) const;
    static void paintCellBackground(QPainter *painter, const QRect &cell, const QStyleOptionViewItem &option);
    void paintFolder(QPainter *painter, const QRect &square, const QModelIndex &index,
                     const QPalette &palette, const QFont &badgeFont) const;
    void paintAsset(QPainter *painter, const QRect &square, const QModelIndex &index, const QPalette &palette,
                    const QFont &badgeFont) const;
    static void paintThumbnail(QPainter *painter, const QRect &square, const QPixmap &pixmap);
    static void paintName(QPainter *painter, const QRect &cell, const QRect &square, const QModelIndex &index,
                          const QStyleOptionViewItem &option);
    void paintPlaceholder(QPainter *painter, const QRectF &area, const QPalette &palette, bool failed) const;
    /// A private or authenticated asset the environment cannot sign a URL for: a lock.
    static void paintLocked(QPainter *painter, const QRectF &area, const QPalette &palette);
    void paintIcon(QPainter *painter, const QRect &area, const QIcon &icon, const QString &fallbackText,
                   const QPalette &palette) const;
    static void paintBadge(QPainter *painter, const QPointF &anchor, Qt::Alignment corner,
                           const QString &text, const QColor &background, const QFont &font);

    Layout m_layout = Layout::Grid;
    int m_zoom = 128;
    QIcon m_folderIcon;
    QIcon m_fileIcon;
};

} // namespace stratus::gui
