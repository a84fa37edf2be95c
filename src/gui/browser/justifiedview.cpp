#include "justifiedview.h"

#include "assetlistmodel.h"

#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>

namespace stratus::gui {

namespace {
// Panoramas and tall strips stay readable: their cells are at most this much wider than high, or
// higher than wide.
constexpr double kMaxAspect = 4.0;
} // namespace

JustifiedView::JustifiedView(QWidget *parent)
    : QAbstractItemView(parent)
{
    setSelectionMode(ExtendedSelection);
    setSelectionBehavior(SelectItems);
    setVerticalScrollMode(ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setMouseTracking(true);
    setAttribute(Qt::WA_Hover);
}

void JustifiedView::setRowHeight(int pixels)
{
    pixels = std::max(24, pixels);
    if (pixels == m_rowHeight)
        return;
    // Keep the current cell in sight across the new layout.
    const QModelIndex current = currentIndex();
    m_rowHeight = pixels;
    m_dirty = true;
    updateGeometries();
    if (current.isValid())
        scrollTo(current);
    viewport()->update();
}

double JustifiedView::aspectOf(int row) const
{
    const QModelIndex index = model()->index(row, 0, rootIndex());
    if (index.data(AssetListModel::KindRole).value<AssetListModel::RowKind>()
        == AssetListModel::RowKind::Folder)
        return 1.0;
    const double width = index.data(AssetListModel::WidthRole).toDouble();
    const double height = index.data(AssetListModel::HeightRole).toDouble();
    if (width <= 0 || height <= 0)
        return 1.0;
    return std::clamp(width / height, 1.0 / kMaxAspect, kMaxAspect);
}

void JustifiedView::ensureLayout() const
{
    if (m_dirty || m_layoutWidth != viewport()->width())
        layoutCells();
}

void JustifiedView::layoutCells() const
{
    m_dirty = false;
    m_layoutWidth = viewport()->width();
    m_cells.clear();
    m_lines.clear();
    m_contentHeight = 0;
    if (model() == nullptr)
        return;
    const int rows = model()->rowCount(rootIndex());
    m_cells.resize(rows);
    const int available = std::max(m_rowHeight, m_layoutWidth - 2 * m_spacing);
    QList<double> aspects;
    aspects.reserve(rows);
    for (int row = 0; row < rows; ++row)
        aspects.append(aspectOf(row));

    int top = m_spacing;
    int first = 0;
    double sum = 0;
    const auto place = [&](int last, bool full) {
        const int gaps = m_spacing * (last - first);
        // A full row is scaled to fill the width (never above the target height); the last one keeps it.
        const double height = full ? std::min<double>(m_rowHeight, (available - gaps) / sum) : m_rowHeight;
        const int lineHeight = int(std::lround(height));
        double x = m_spacing;
        for (int row = first; row <= last; ++row) {
            const double width = aspects.at(row) * height;
            int left = int(std::lround(x));
            int right = int(std::lround(x + width));
            // Rounding never leaves the right edge ragged: the last cell of a full row ends at the edge.
            if (full && row == last)
                right = m_spacing + available;
            m_cells[row] = QRect(left, top, std::max(1, right - left), lineHeight);
            x += width + m_spacing;
        }
        m_lines.append({top, lineHeight, first, last});
        top += lineHeight + m_spacing;
    };
    for (int row = 0; row < rows; ++row) {
        sum += aspects.at(row);
        const int gaps = m_spacing * (row - first);
        if (sum * m_rowHeight + gaps >= available) {
            place(row, true);
            first = row + 1;
            sum = 0;
        }
    }
    if (first < rows)
        place(rows - 1, false);
    m_contentHeight = top;
}

int JustifiedView::lineAt(int y) const
{
    if (m_lines.isEmpty())
        return -1;
    const auto it = std::upper_bound(m_lines.cbegin(), m_lines.cend(), y,
                                     [](int value, const Line &line) { return value < line.top; });
    return std::max(0, int(it - m_lines.cbegin()) - 1);
}

int JustifiedView::lineOfRow(int row) const
{
    const auto it = std::lower_bound(m_lines.cbegin(), m_lines.cend(), row,
                                     [](const Line &line, int value) { return line.last < value; });
    return it == m_lines.cend() ? -1 : int(it - m_lines.cbegin());
}

QRect JustifiedView::contentRect(int row) const
{
    ensureLayout();
    return row >= 0 && row < m_cells.size() ? m_cells.at(row) : QRect();
}

QRect JustifiedView::visualRect(const QModelIndex &index) const
{
    if (!index.isValid() || index.parent() != rootIndex())
        return {};
    const QRect rect = contentRect(index.row());
    return rect.isNull() ? rect : rect.translated(-horizontalOffset(), -verticalOffset());
}

void JustifiedView::scrollTo(const QModelIndex &index, ScrollHint hint)
{
    const QRect rect = contentRect(index.row());
    if (rect.isNull())
        return;
    const int height = viewport()->height();
    int value = verticalScrollBar()->value();
    switch (hint) {
    case PositionAtTop:
        value = rect.top() - m_spacing;
        break;
    case PositionAtBottom:
        value = rect.bottom() + m_spacing - height + 1;
        break;
    case PositionAtCenter:
        value = rect.center().y() - height / 2;
        break;
    case EnsureVisible:
        if (rect.top() < value)
            value = rect.top() - m_spacing;
        else if (rect.bottom() >= value + height)
            value = rect.bottom() + m_spacing - height + 1;
        break;
    }
    verticalScrollBar()->setValue(value);
}

QModelIndex JustifiedView::indexAt(const QPoint &point) const
{
    ensureLayout();
    const QPoint content = point + QPoint(horizontalOffset(), verticalOffset());
    const int line = lineAt(content.y());
    if (line < 0)
        return {};
    const Line &found = m_lines.at(line);
    if (content.y() >= found.top + found.height)
        return {};
    for (int row = found.first; row <= found.last; ++row) {
        if (m_cells.at(row).contains(content))
            return model()->index(row, 0, rootIndex());
    }
    return {};
}

void JustifiedView::doItemsLayout()
{
    m_dirty = true;
    QAbstractItemView::doItemsLayout();
    viewport()->update();
}

void JustifiedView::reset()
{
    m_dirty = true;
    m_hover = QPersistentModelIndex();
    QAbstractItemView::reset();
    // Another listing starts at its top (reload() puts the position back itself).
    verticalScrollBar()->setValue(0);
}

QModelIndex JustifiedView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers)
{
    ensureLayout();
    const int rows = model() != nullptr ? model()->rowCount(rootIndex()) : 0;
    if (rows == 0)
        return {};
    const QModelIndex current = currentIndex();
    const int row = current.isValid() ? current.row() : -1;
    if (row < 0)
        return model()->index(0, 0, rootIndex());
    const QRect rect = m_cells.at(row);
    // The cell of line @p line nearest to the middle of the current one, as the eye expects.
    const auto nearestIn = [&](int line) {
        const Line &target = m_lines.at(line);
        int best = target.first;
        int distance = std::numeric_limits<int>::max();
        for (int candidate = target.first; candidate <= target.last; ++candidate) {
            const int d = std::abs(m_cells.at(candidate).center().x() - rect.center().x());
            if (d < distance) {
                distance = d;
                best = candidate;
            }
        }
        return best;
    };
    const int line = lineOfRow(row);
    int next = row;
    switch (cursorAction) {
    case MoveLeft:
    case MovePrevious:
        next = row - 1;
        break;
    case MoveRight:
    case MoveNext:
        next = row + 1;
        break;
    case MoveUp:
        next = line > 0 ? nearestIn(line - 1) : row;
        break;
    case MoveDown:
        next = line + 1 < m_lines.size() ? nearestIn(line + 1) : row;
        break;
    case MovePageUp:
    case MovePageDown: {
        const int step = std::max(1, viewport()->height() - m_rowHeight);
        const int y = rect.center().y() + (cursorAction == MovePageUp ? -step : step);
        next = nearestIn(lineAt(std::clamp(y, 0, std::max(0, m_contentHeight - 1))));
        break;
    }
    case MoveHome:
        next = 0;
        break;
    case MoveEnd:
        next = rows - 1;
        break;
    }
    return model()->index(std::clamp(next, 0, rows - 1), 0, rootIndex());
}

int JustifiedView::horizontalOffset() const
{
    return 0;
}

int JustifiedView::verticalOffset() const
{
    return verticalScrollBar()->value();
}

bool JustifiedView::isIndexHidden(const QModelIndex &) const
{
    return false;
}

void JustifiedView::setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command)
{
    ensureLayout();
    const QRect content = rect.normalized().translated(horizontalOffset(), verticalOffset());
    QItemSelection selection;
    const int firstLine = lineAt(content.top());
    if (firstLine >= 0) {
        for (int line = firstLine; line < m_lines.size() && m_lines.at(line).top <= content.bottom();
             ++line) {
            for (int row = m_lines.at(line).first; row <= m_lines.at(line).last; ++row) {
                if (m_cells.at(row).intersects(content)) {
                    const QModelIndex index = model()->index(row, 0, rootIndex());
                    selection.merge(QItemSelection(index, index), QItemSelectionModel::Select);
                }
            }
        }
    }
    selectionModel()->select(selection, command);
}

QRegion JustifiedView::visualRegionForSelection(const QItemSelection &selection) const
{
    QRegion region;
    const QRect visible = viewport()->rect();
    for (const QItemSelectionRange &range : selection) {
        for (int row = range.top(); row <= range.bottom(); ++row) {
            const QRect rect = visualRect(model()->index(row, 0, rootIndex()));
            if (rect.intersects(visible))
                region += rect;
        }
    }
    return region;
}

void JustifiedView::updateGeometries()
{
    // A hidden view (another view is shown) lays out when it is shown, not on every page of rows.
    if (!isVisible()) {
        m_dirty = true;
        return;
    }
    ensureLayout();
    const int height = viewport()->height();
    verticalScrollBar()->setSingleStep(std::max(8, m_rowHeight / 4));
    verticalScrollBar()->setPageStep(height);
    verticalScrollBar()->setRange(0, std::max(0, m_contentHeight - height));
    QAbstractItemView::updateGeometries();
    // Too few rows to scroll: load the next page now, as QListView does.
    if (model() != nullptr && m_contentHeight <= height && model()->canFetchMore(rootIndex()))
        QTimer::singleShot(0, this, [this] {
            if (model() != nullptr && model()->canFetchMore(rootIndex()))
                model()->fetchMore(rootIndex());
        });
}

void JustifiedView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    m_dirty = true;
    QAbstractItemView::rowsInserted(parent, start, end);
    if (isVisible()) {
        updateGeometries();
        viewport()->update();
    }
}

void JustifiedView::showEvent(QShowEvent *event)
{
    QAbstractItemView::showEvent(event);
    m_dirty = true;
    updateGeometries();
}

void JustifiedView::rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end)
{
    m_dirty = true;
    QAbstractItemView::rowsAboutToBeRemoved(parent, start, end);
    QTimer::singleShot(0, this, [this] {
        updateGeometries();
        viewport()->update();
    });
}

void JustifiedView::paintEvent(QPaintEvent *event)
{
    ensureLayout();
    if (model() == nullptr || itemDelegate() == nullptr)
        return;
    QPainter painter(viewport());
    const QRect area = event->rect().translated(horizontalOffset(), verticalOffset());
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    const QModelIndex current = currentIndex();
    const bool focus = hasFocus() && current.isValid();
    const bool active = isActiveWindow();
    const int firstLine = lineAt(area.top());
    if (firstLine < 0)
        return;
    for (int line = firstLine; line < m_lines.size() && m_lines.at(line).top <= area.bottom(); ++line) {
        for (int row = m_lines.at(line).first; row <= m_lines.at(line).last; ++row) {
            const QModelIndex index = model()->index(row, 0, rootIndex());
            option.rect = m_cells.at(row).translated(-horizontalOffset(), -verticalOffset());
            option.state = QStyle::State_Enabled;
            if (active)
                option.state |= QStyle::State_Active;
            if (selectionModel() != nullptr && selectionModel()->isSelected(index))
                option.state |= QStyle::State_Selected;
            if (focus && index == current)
                option.state |= QStyle::State_HasFocus;
            if (index == m_hover)
                option.state |= QStyle::State_MouseOver;
            itemDelegate()->paint(&painter, option, index);
        }
    }
}

void JustifiedView::resizeEvent(QResizeEvent *event)
{
    QAbstractItemView::resizeEvent(event);
    m_dirty = true;
    updateGeometries();
}

void JustifiedView::mouseMoveEvent(QMouseEvent *event)
{
    const QModelIndex hover = indexAt(event->position().toPoint());
    if (hover != m_hover) {
        viewport()->update(visualRect(m_hover));
        m_hover = hover;
        viewport()->update(visualRect(hover));
    }
    QAbstractItemView::mouseMoveEvent(event);
}

void JustifiedView::leaveEvent(QEvent *event)
{
    viewport()->update(visualRect(m_hover));
    m_hover = QPersistentModelIndex();
    QAbstractItemView::leaveEvent(event);
}

void JustifiedView::scrollContentsBy(int dx, int dy)
{
    viewport()->scroll(dx, dy);
}

bool JustifiedView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::Leave) {
        viewport()->update(visualRect(m_hover));
        m_hover = QPersistentModelIndex();
    }
    return QAbstractItemView::viewportEvent(event);
}

} // namespace stratus::gui
