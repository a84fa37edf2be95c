#pragma once

#include "page.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

class QMainWindow;
class QMenu;
class QStackedWidget;

namespace stratus::gui {

/// Shows one Page at a time in a main window's page stack and keeps the window's menus, tool bars,
/// status bar and docks holding exactly what the current page contributes: when the current page
/// changes, or says its contributions changed, what it no longer brings goes back to the page that
/// owns it (hidden, and reparented so that it dies with its page) and what it brings is put in. A
/// contribution that two pages share in turn (the upload dock) stays where it is. Tool bars and
/// docks come back as the user left them (shown or hidden, in the same dock area).
///
/// The window's own status bar widgets must all be permanent ones: a page's normal widgets go first.
/// Owned by the window; GUI thread only.
class PageHost : public QObject
{
    Q_OBJECT

public:
    /// Hosts pages in @p stack of @p window; pages' menus go before @p menusBefore (an action of the
    /// menu bar; null: at the end).
    PageHost(QMainWindow *window, QStackedWidget *stack, QAction *menusBefore);
    ~PageHost() override;

    /// The window's Edit and View menus, which receive the current page's editActions and viewActions
    /// at their top (either may be null: those contributions are then not shown).
    void setSharedMenus(QMenu *edit, QMenu *view);

    /// Puts @p page into the stack (not current yet).
    void addPage(Page *page);
    /// Takes @p page out of the stack, with its contributions when it is current (no page is current
    /// then). The caller deletes it.
    void removePage(Page *page);
    void setCurrentPage(Page *page);
    [[nodiscard]] Page *currentPage() const { return m_current; }

Q_SIGNALS:
    /// Another page is current, or the current page's title changed.
    void currentPageChanged(stratus::gui::Page *page);
    void currentTitleChanged();

private:
    void apply(const PageContributions &next);
    void takeOut(const PageContributions &before, const PageContributions &next);
    void putIn(const PageContributions &before, const PageContributions &next);
    void putStatusWidgets(const PageContributions &next);
    /// Makes the top of @p menu hold exactly @p next (what was there from @p before goes).
    void putMenuActions(QMenu *menu, const QList<QAction *> &before, const QList<QAction *> &next);
    /// Remembers who owns @p widget before the window takes it.
    void adopt(QWidget *widget);
    /// Gives @p widget back to the page that owns it.
    void giveBack(QWidget *widget);
    /// Forgets @p object when it is destroyed while the window holds it.
    void watch(QObject *object);
    void forget(QObject *object);
    [[nodiscard]] bool wantsShown(QWidget *widget) const;

    QMainWindow *m_window;
    QStackedWidget *m_stack;
    QPointer<QAction> m_menusBefore;
    QPointer<QMenu> m_editMenu;
    QPointer<QMenu> m_viewMenu;
    QPointer<Page> m_current;
    PageContributions m_installed;
    QSet<QObject *> m_watched;
    QHash<QObject *, QPointer<QWidget>> m_owners;
    QHash<QObject *, bool> m_shown; ///< tool bars and docks: shown when last taken out
    QHash<QObject *, Qt::DockWidgetArea> m_areas;
};

} // namespace stratus::gui
