#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QDockWidget;
class QMenu;
class QToolBar;

namespace stratus::gui {

/// What a page adds to the main window while it is the current page. The page creates and owns
/// every object listed (parented to itself or a child); the window takes them in when the page
/// becomes current and gives them back when it stops being current, so a page never asks for the
/// main window.
struct PageContributions
{
    /// Commands whose shortcuts work anywhere in the window (added to the window).
    QList<QAction *> actions;
    /// Menus, put into the menu bar before Help.
    QList<QMenu *> menus;
    /// Tool bars, in the top tool bar area after the window's own; a tool bar the user hid stays hidden.
    QList<QToolBar *> toolBars;
    /// Status bar widgets: on the left (hidden while a message shows), and on the right.
    QList<QWidget *> statusWidgets;
    QList<QWidget *> permanentStatusWidgets;
    /// Docks, where they were last (first time: the first of bottom, right, left, top that they
    /// allow); a dock the user closed stays closed. The same dock may come from several pages.
    QList<QDockWidget *> docks;
    /// Items put at the top of the window's Edit and View menus, above the window's own (separators
    /// are QActions too). The window's menus stay whatever page is current, so the menu bar keeps
    /// the freedesktop order File, Edit, View, … Help.
    QList<QAction *> editActions;
    QList<QAction *> viewActions;

    /// Adds @p other's contributions after these (a page and the view it shows).
    PageContributions &operator+=(const PageContributions &other);
};

/// A page of the main window: its central widget and what it contributes to the window's menus,
/// tool bars, status bar and docks while it is current (contributions()). The main window hosts
/// pages only through this contract — it shows one at a time, names the current page's title() in
/// the window title, and installs the page's contributions — so a page, or a view inside one, plugs
/// in without changes to MainWindow. Pages that hold views (the environment page) add the current
/// view's contributions to theirs and say contributionsChanged() when the view changes.
///
/// Owned by the window's page stack (or by the page that holds it). GUI thread only.
class Page : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;
    ~Page() override;

    /// What the window title names while this page is current ("Production"); empty: nothing.
    [[nodiscard]] virtual QString title() const;
    /// What the page adds to the window while it is current; asked again after contributionsChanged().
    [[nodiscard]] virtual PageContributions contributions() const;

    /// The page became current (its contributions are in the window) or stopped being current.
    virtual void pageActivated();
    virtual void pageDeactivated();

Q_SIGNALS:
    void titleChanged();
    /// contributions() would answer differently now (another view is shown).
    void contributionsChanged();
};

} // namespace stratus::gui
