#include "pagehost.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>

namespace stratus::gui {

PageHost::PageHost(QMainWindow *window, QStackedWidget *stack, QAction *menusBefore)
    : QObject(window)
    , m_window(window)
    , m_stack(stack)
    , m_menusBefore(menusBefore)
{
}

PageHost::~PageHost() = default;

void PageHost::setSharedMenus(QMenu *edit, QMenu *view)
{
    m_editMenu = edit;
    m_viewMenu = view;
}

void PageHost::addPage(Page *page)
{
    m_stack->addWidget(page);
    connect(page, &Page::contributionsChanged, this, [this, page] {
        if (page == m_current)
            apply(page->contributions());
    });
    connect(page, &Page::titleChanged, this, [this, page] {
        if (page == m_current)
            Q_EMIT currentTitleChanged();
    });
}

void PageHost::removePage(Page *page)
{
    if (page == nullptr)
        return;
    if (page == m_current) {
        page->pageDeactivated();
        apply({});
        m_current = nullptr;
    }
    disconnect(page, nullptr, this, nullptr);
    m_stack->removeWidget(page);
}

void PageHost::setCurrentPage(Page *page)
{
    if (page == m_current)
        return;
    if (Page *previous = m_current.data())
        previous->pageDeactivated();
    m_current = page;
    if (page != nullptr)
        m_stack->setCurrentWidget(page);
    apply(page != nullptr ? page->contributions() : PageContributions {});
    if (page != nullptr)
        page->pageActivated();
    Q_EMIT currentPageChanged(page);
    Q_EMIT currentTitleChanged();
}

void PageHost::apply(const PageContributions &next)
{
    const PageContributions before = m_installed;
    // QStatusBar::removeWidget() in Qt 6.3 and 6.4 may hide the widget after the one removed: the
    // window's own widgets get back the visibility they had.
    QHash<QWidget *, bool> statusShown;
    for (QWidget *widget :
         m_window->statusBar()->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly))
        statusShown.insert(widget, !widget->isHidden());
    takeOut(before, next);
    putIn(before, next);
    putStatusWidgets(next);
    putMenuActions(m_editMenu, before.editActions, next.editActions);
    putMenuActions(m_viewMenu, before.viewActions, next.viewActions);
    for (auto it = statusShown.cbegin(); it != statusShown.cend(); ++it) {
        if (it.key()->parentWidget() == m_window->statusBar() && !next.statusWidgets.contains(it.key())
            && !next.permanentStatusWidgets.contains(it.key()))
            it.key()->setVisible(it.value());
    }
    m_installed = next;
}

void PageHost::takeOut(const PageContributions &before, const PageContributions &next)
{
    for (QWidget *widget : before.statusWidgets + before.permanentStatusWidgets) {
        m_window->statusBar()->removeWidget(widget);
        widget->hide();
        if (!next.statusWidgets.contains(widget) && !next.permanentStatusWidgets.contains(widget))
            giveBack(widget);
    }
    for (QAction *action : before.actions) {
        if (!next.actions.contains(action))
            m_window->removeAction(action);
    }
    for (QMenu *menu : before.menus) {
        if (!next.menus.contains(menu))
            m_window->menuBar()->removeAction(menu->menuAction());
    }
    for (QToolBar *toolBar : before.toolBars) {
        if (next.toolBars.contains(toolBar))
            continue;
        m_shown.insert(toolBar, !toolBar->isHidden());
        m_window->removeToolBar(toolBar);
        giveBack(toolBar);
    }
    for (QDockWidget *dock : before.docks) {
        if (next.docks.contains(dock))
            continue;
        m_shown.insert(dock, !dock->isHidden());
        m_areas.insert(dock, m_window->dockWidgetArea(dock));
        m_window->removeDockWidget(dock);
        giveBack(dock);
    }
}

void PageHost::putIn(const PageContributions &before, const PageContributions &next)
{
    for (QAction *action : next.actions) {
        if (before.actions.contains(action))
            continue;
        watch(action);
        m_window->addAction(action);
    }
    for (QMenu *menu : next.menus) {
        if (before.menus.contains(menu))
            continue;
        watch(menu);
        m_window->menuBar()->insertMenu(m_menusBefore, menu);
    }
    for (QToolBar *toolBar : next.toolBars) {
        if (before.toolBars.contains(toolBar))
            continue;
        const bool shown = m_shown.value(toolBar, wantsShown(toolBar));
        adopt(toolBar);
        m_window->addToolBar(Qt::TopToolBarArea, toolBar);
        toolBar->setVisible(shown);
    }
    for (QDockWidget *dock : next.docks) {
        if (before.docks.contains(dock))
            continue;
        const bool shown = m_shown.value(dock, wantsShown(dock));
        Qt::DockWidgetArea area = m_areas.value(dock, Qt::NoDockWidgetArea);
        for (const Qt::DockWidgetArea allowed : {Qt::BottomDockWidgetArea, Qt::RightDockWidgetArea,
                                                 Qt::LeftDockWidgetArea, Qt::TopDockWidgetArea}) {
            if (area == Qt::NoDockWidgetArea && dock->isAreaAllowed(allowed))
                area = allowed;
        }
        adopt(dock);
        m_window->addDockWidget(area == Qt::NoDockWidgetArea ? Qt::BottomDockWidgetArea : area, dock);
        dock->setVisible(shown);
    }
}

void PageHost::putStatusWidgets(const PageContributions &next)
{
    // Normal widgets first (the window has none of its own), then the page's permanent ones before
    // the window's.
    int index = 0;
    for (QWidget *widget : next.statusWidgets) {
        adopt(widget);
        m_window->statusBar()->insertWidget(index++, widget);
        widget->show(); // removeWidget() hid it
    }
    for (QWidget *widget : next.permanentStatusWidgets) {
        adopt(widget);
        m_window->statusBar()->insertPermanentWidget(index++, widget);
        widget->show();
    }
}

void PageHost::putMenuActions(QMenu *menu, const QList<QAction *> &before, const QList<QAction *> &next)
{
    if (menu == nullptr || before == next)
        return;
    for (QAction *action : before)
        menu->removeAction(action);
    // Above the window's own items, in the page's order.
    QAction *first = menu->actions().value(0, nullptr);
    for (QAction *action : next) {
        watch(action);
        menu->insertAction(first, action);
    }
    menu->menuAction()->setVisible(!menu->actions().isEmpty());
}

void PageHost::adopt(QWidget *widget)
{
    if (m_owners.contains(widget))
        return;
    m_owners.insert(widget, widget->parentWidget());
    watch(widget);
}

void PageHost::watch(QObject *object)
{
    if (!m_watched.contains(object)) {
        m_watched.insert(object);
        connect(object, &QObject::destroyed, this, &PageHost::forget);
    }
}

void PageHost::giveBack(QWidget *widget)
{
    const QPointer<QWidget> owner = m_owners.value(widget);
    if (owner && widget->parentWidget() != owner) {
        const bool hidden = widget->isHidden();
        widget->setParent(owner);
        widget->setHidden(hidden);
    }
}

void PageHost::forget(QObject *object)
{
    m_watched.remove(object);
    m_owners.remove(object);
    m_shown.remove(object);
    m_areas.remove(object);
    const auto drop = [object](auto &list) {
        list.removeIf([object](const QObject *item) { return item == object; });
    };
    drop(m_installed.actions);
    drop(m_installed.menus);
    drop(m_installed.toolBars);
    drop(m_installed.statusWidgets);
    drop(m_installed.permanentStatusWidgets);
    drop(m_installed.docks);
    drop(m_installed.editActions);
    drop(m_installed.viewActions);
}

bool PageHost::wantsShown(QWidget *widget) const
{
    // Hidden on purpose by its page (hide() before it was ever shown), or shown.
    return !(widget->testAttribute(Qt::WA_WState_ExplicitShowHide) && widget->isHidden());
}

} // namespace stratus::gui
