#pragma once

#include <QAbstractItemView>
#include <QList>
#include <QPersistentModelIndex>

namespace stratus::gui {

/// The browser's aspect-preserving view (as Lightroom's, Photos' and Cloudinary's mosaic): rows of
/// equal height whose cells are as wide as each asset's aspect ratio (the catalogue's width and
/// height; folders and assets without dimensions are square), every full row scaled so that it fills
/// the width exactly, the last row at the target height and left-aligned. The target height is
/// rowHeight() (the zoom); a full row is never taller than it, so thumbnails of that height serve.
///
/// A QAbstractItemView over AssetListModel's rows: selection (click, Shift, Ctrl, rubber band),
/// keyboard (arrows move within a row and to the nearest cell of the row above or below, Page
/// Up/Down, Home/End), drags, fetchMore at the bottom, indexAt() for ThumbnailScheduler's probes.
/// The layout is computed from the loaded rows when they change or the width does (O(rows), the
/// dimensions come from the model's data()); lookups are binary searches over the rows of cells.
/// Cells are painted by the item delegate (ThumbnailDelegate in its justified mode).
///
/// Owned by its parent widget. GUI thread only.
class JustifiedView : public QAbstractItemView
{
    Q_OBJECT

public:
    explicit JustifiedView(QWidget *parent = nullptr);

    /// The target height of a row, in device-independent pixels.
    void setRowHeight(int pixels);
    [[nodiscard]] int rowHeight() const { return m_rowHeight; }
    /// The gap between cells and between rows.
    [[nodiscard]] int spacing() const { return m_spacing; }

    [[nodiscard]] QRect visualRect(const QModelIndex &index) const override;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;
    [[nodiscard]] QModelIndex indexAt(const QPoint &point) const override;
    void doItemsLayout() override;
    void reset() override;

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    [[nodiscard]] int horizontalOffset() const override;
    [[nodiscard]] int verticalOffset() const override;
    [[nodiscard]] bool isIndexHidden(const QModelIndex &index) const override;
    void setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command) override;
    [[nodiscard]] QRegion visualRegionForSelection(const QItemSelection &selection) const override;
    void updateGeometries() override;
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    bool viewportEvent(QEvent *event) override;

private:
    struct Line
    {
        int top;
        int height;
        int first; ///< model row of the first cell
        int last;
    };

    void ensureLayout() const;
    void layoutCells() const;
    /// The index of the line at content y @p y (the nearest one), or -1 when there is none.
    [[nodiscard]] int lineAt(int y) const;
    [[nodiscard]] int lineOfRow(int row) const;
    [[nodiscard]] double aspectOf(int row) const;
    [[nodiscard]] QRect contentRect(int row) const;

    int m_rowHeight = 160;
    int m_spacing = 4;
    mutable bool m_dirty = true;
    mutable int m_layoutWidth = -1;
    mutable QList<QRect> m_cells; ///< per model row, in content coordinates
    mutable QList<Line> m_lines;
    mutable int m_contentHeight = 0;
    QPersistentModelIndex m_hover;
};

} // namespace stratus::gui
