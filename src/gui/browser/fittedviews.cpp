#include "fittedviews.h"

#include <QHeaderView>

namespace stratus::gui {

FittedListWidget::FittedListWidget(QWidget *parent)
    : QListWidget(parent)
{
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

int FittedListWidget::fittedHeight() const
{
    // The items' laid-out extent (contentsSize() would include the spacing after the last row).
    int bottom = 0;
    for (int row = 0; row < count(); ++row) {
        const QRect rect = visualItemRect(item(row));
        bottom = std::max(bottom, rect.bottom() + 1 + verticalOffset());
    }
    if (count() > 0 && bottom == 0) // not laid out yet: one line until it is
        bottom = fontMetrics().height() + 8;
    return bottom + spacing() + 2 * frameWidth();
}

QSize FittedListWidget::sizeHint() const
{
    return {QListWidget::sizeHint().width(), fittedHeight()};
}

QSize FittedListWidget::minimumSizeHint() const
{
    return {QListWidget::minimumSizeHint().width(), fittedHeight()};
}

void FittedListWidget::updateGeometries()
{
    QListWidget::updateGeometries();
    // Items added, removed or rewrapped at a new width: the page makes room (or takes it back).
    if (const int height = fittedHeight(); height != m_hintHeight) {
        m_hintHeight = height;
        updateGeometry();
    }
}

FittedTableWidget::FittedTableWidget(QWidget *parent)
    : QTableWidget(parent)
{
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

int FittedTableWidget::fittedHeight() const
{
    int height = 2 * frameWidth();
    if (!horizontalHeader()->isHidden())
        height += horizontalHeader()->sizeHint().height();
    for (int row = 0; row < rowCount(); ++row)
        height += rowHeight(row);
    return height;
}

QSize FittedTableWidget::sizeHint() const
{
    return {QTableWidget::sizeHint().width(), fittedHeight()};
}

QSize FittedTableWidget::minimumSizeHint() const
{
    return {QTableWidget::minimumSizeHint().width(), fittedHeight()};
}

void FittedTableWidget::updateGeometries()
{
    QTableWidget::updateGeometries();
    if (const int height = fittedHeight(); height != m_hintHeight) {
        m_hintHeight = height;
        updateGeometry();
    }
}

} // namespace stratus::gui
