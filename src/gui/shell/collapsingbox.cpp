#include "collapsingbox.h"

#include <QEvent>

#include <algorithm>

namespace stratus::gui {

CollapsingBox::CollapsingBox(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void CollapsingBox::addWidget(QWidget *widget)
{
    widget->setParent(this);
    m_widgets.append(widget);
    updateGeometry();
    place();
}

void CollapsingBox::setSpacing(int spacing)
{
    m_spacing = spacing;
    updateGeometry();
    place();
}

QList<QWidget *> CollapsingBox::shownWidgets() const
{
    QList<QWidget *> shown;
    for (QWidget *widget : m_widgets) {
        if (!widget->isHidden())
            shown.append(widget);
    }
    return shown;
}

QSize CollapsingBox::sizeHint() const
{
    int width = 0;
    int height = 0;
    for (const QWidget *widget : m_widgets) {
        const QSize hint = widget->sizeHint();
        width += hint.width() + (width > 0 ? m_spacing : 0);
        height = std::max(height, hint.height());
    }
    return {width, height};
}

QSize CollapsingBox::minimumSizeHint() const
{
    return {0, sizeHint().height()};
}

void CollapsingBox::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    place();
}

bool CollapsingBox::event(QEvent *event)
{
    // A child's text or font changed its preferred size: lay out again.
    if (event->type() == QEvent::LayoutRequest) {
        updateGeometry();
        place();
    }
    return QWidget::event(event);
}

void CollapsingBox::place()
{
    int x = 0;
    bool full = false;
    for (QWidget *widget : m_widgets) {
        const QSize hint = widget->sizeHint();
        const int left = x > 0 ? x + m_spacing : 0;
        // Once one does not fit, the ones after it stay hidden too: the order is kept.
        full = full || left + hint.width() > width();
        if (full) {
            widget->hide();
            continue;
        }
        widget->setGeometry(left, (height() - hint.height()) / 2, hint.width(), hint.height());
        widget->show();
        x = left + hint.width();
    }
}

} // namespace stratus::gui
