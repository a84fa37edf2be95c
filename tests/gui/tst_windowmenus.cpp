// The main window's menus and keys after the freedesktop and KDE conventions (issue 13, point 8):
// File, Edit, View, … Help in that order; Edit and View hold the browser's commands with the
// standard shortcuts and run them; Ctrl+1, 2, 3 switch the browser's views; the sort order is
// remembered per environment across a restart and kept in step with the list's column headers;
// the Keyboard Shortcuts window lists the actual actions; the browser's toolbar has an Upload button.

#include "core/session/environmentsession.h"
#include "gui/browser/assetcolumnsmodel.h"
#include "gui/browser/browsercommands.h"
#include "gui/browser/browserpage.h"
#include "gui/browser/detailspanel.h"
#include "gui/browser/justifiedview.h"
#include "gui/environment/environmentpage.h"
#include "gui/mainwindow/mainwindow.h"
#include "gui/mainwindow/shortcutswindow.h"
#include "gui/upload/uploaddock.h"

#include "windowfixture.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QSlider>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace stratus;
using namespace stratus::gui;
using namespace Qt::StringLiterals;
using core::catalog::CatalogSort;

namespace {

BrowserPage *browserOf(MainWindow &window)
{
    auto *page = qobject_cast<EnvironmentPage *>(window.currentPage());
    return page != nullptr ? page->browser() : nullptr;
}

QMenu *menuNamed(MainWindow &window, const QString &name)
{
    for (QAction *action : window.menuBar()->actions()) {
        if (action->menu() != nullptr && action->menu()->objectName() == name)
            return action->menu();
    }
    return nullptr;
}

QAction *inMenu(const QMenu *menu, const QString &name)
{
    for (QAction *action : menu->actions()) {
        if (action->objectName() == name)
            return action;
        if (action->menu() != nullptr) {
            if (QAction *found = inMenu(action->menu(), name))
                return found;
        }
    }
    return nullptr;
}

// Every row of the shortcuts window that is shown: "command\tkeys".
QStringList shownRows(const ShortcutsWindow *window)
{
    QStringList rows;
    for (int i = 0; i < window->tree()->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *heading = window->tree()->topLevelItem(i);
        for (int j = 0; j < heading->childCount(); ++j) {
            if (!heading->isHidden() && !heading->child(j)->isHidden())
                rows << heading->child(j)->text(0) + u'\t' + heading->child(j)->text(1);
        }
    }
    return rows;
}

} // namespace

class TestWindowMenus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void menuBarInFreedesktopOrder()
    {
        test::Fixture fixture;
        {
            MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
            // No environment: the welcome page has nothing to edit, and the Edit menu does not show.
            QVERIFY(!menuNamed(window, u"editMenu"_s)->menuAction()->isVisible());
            QVERIFY(inMenu(menuNamed(window, u"viewMenu"_s), u"fullScreenAction"_s));
        }
        fixture.addAccount(u"Agency"_s, {u"Production"_s});
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        QStringList order;
        for (QAction *action : window.menuBar()->actions()) {
            if (action->menu() != nullptr && action->isVisible())
                order << action->menu()->objectName();
        }
        QCOMPARE(order,
                 (QStringList {u"fileMenu"_s, u"editMenu"_s, u"viewMenu"_s, u"environmentMenu"_s, u"goMenu"_s,
                               u"helpMenu"_s}));
    }

    void editMenuHasTheStandardKeysAndRunsThem()
    {
        test::Fixture fixture;
        fixture.addAccount(u"Agency"_s, {u"Production"_s});
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        BrowserPage *browser = browserOf(window);
        QVERIFY(browser);
        QMenu *edit = menuNamed(window, u"editMenu"_s);
        QVERIFY(edit && edit->menuAction()->isVisible());
        const QList<std::pair<QString, QKeySequence>> expected {
            {u"selectAllAction"_s, QKeySequence(QKeySequence::SelectAll)},
            {u"CopyUrl"_s, QKeySequence(QKeySequence::Copy)},
            {u"Rename"_s, QKeySequence(Qt::Key_F2)},
            {u"Delete"_s, QKeySequence(QKeySequence::Delete)},
            {u"findAction"_s, QKeySequence(QKeySequence::Find)},
        };
        for (const auto &[name, key] : expected) {
            QAction *action = inMenu(edit, name);
            QVERIFY2(action, qPrintable(name));
            QVERIFY2(action->shortcuts().contains(key), qPrintable(name));
        }
        // Nothing selected (an empty catalogue): the commands on assets do not apply.
        for (const QString &name : {u"selectAllAction"_s, u"CopyUrl"_s, u"Rename"_s, u"Delete"_s})
            QVERIFY2(!inMenu(edit, name)->isEnabled(), qPrintable(name));
        // Find, from the menu and by its keys, takes the keyboard to the search box.
        inMenu(edit, u"findAction"_s)->trigger();
        QTRY_VERIFY(browser->searchField()->hasFocus());
        browser->gridView()->setFocus();
        QTRY_VERIFY(browser->gridView()->hasFocus());
        QTest::keyClick(browser->gridView(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(browser->searchField()->hasFocus());
    }

    void viewMenuSwitchesViewsByMenuAndCtrlNumbers()
    {
        test::Fixture fixture;
        fixture.addAccount(u"Agency"_s, {u"Production"_s});
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        BrowserPage *browser = browserOf(window);
        QVERIFY(browser);
        QMenu *view = menuNamed(window, u"viewMenu"_s);
        QVERIFY(view);
        const QList<std::tuple<QString, Qt::Key, BrowserPage::ViewMode>> modes {
            {u"viewGridAction"_s, Qt::Key_1, BrowserPage::ViewMode::Grid},
            {u"viewListAction"_s, Qt::Key_2, BrowserPage::ViewMode::Details},
            {u"viewJustifiedAction"_s, Qt::Key_3, BrowserPage::ViewMode::Justified},
        };
        for (const auto &[name, key, mode] : modes) {
            QAction *action = inMenu(view, name);
            QVERIFY2(action, qPrintable(name));
            QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | key));
            QVERIFY(action->isCheckable() && action->actionGroup() && action->actionGroup()->isExclusive());
        }
        // By the menu…
        inMenu(view, u"viewJustifiedAction"_s)->trigger();
        QCOMPARE(browser->viewMode(), BrowserPage::ViewMode::Justified);
        QVERIFY(browser->justifiedView()->isVisible());
        inMenu(view, u"viewListAction"_s)->trigger();
        QCOMPARE(browser->viewMode(), BrowserPage::ViewMode::Details);
        // … and by the keys, wherever the keyboard is in the window.
        browser->folderView()->setFocus();
        for (const auto &[name, key, mode] : modes) {
            QTest::keyClick(&window, key, Qt::ControlModifier);
            QCOMPARE(browser->viewMode(), mode);
            QVERIFY(inMenu(view, name)->isChecked());
        }

        // Zoom In and Out step the slider; in the list there is nothing to zoom.
        QVERIFY(inMenu(view, u"zoomInAction"_s)->shortcuts().contains(QKeySequence(QKeySequence::ZoomIn)));
        QCOMPARE(inMenu(view, u"zoomOutAction"_s)->shortcut(), QKeySequence(QKeySequence::ZoomOut));
        const int zoom = browser->zoom();
        QTest::keyClick(&window, Qt::Key_Plus, Qt::ControlModifier);
        QVERIFY(browser->zoom() > zoom);
        QTest::keyClick(&window, Qt::Key_Minus, Qt::ControlModifier);
        QCOMPARE(browser->zoom(), zoom);
        inMenu(view, u"viewListAction"_s)->trigger();
        QVERIFY(!inMenu(view, u"zoomInAction"_s)->isEnabled());
        inMenu(view, u"viewGridAction"_s)->trigger();
        QVERIFY(inMenu(view, u"zoomInAction"_s)->isEnabled());

        // The details panel, the Transfers dock and Full Screen.
        QAction *details = inMenu(view, u"detailsPanelAction"_s);
        QVERIFY(details && details->isChecked());
        QTest::keyClick(&window, Qt::Key_I, Qt::ControlModifier);
        QVERIFY(!browser->detailsPanel()->isVisible());
        QVERIFY(!details->isChecked());
        details->trigger();
        QVERIFY(browser->detailsPanel()->isVisible());
        QAction *transfers = inMenu(view, u"showUploadsAction"_s);
        QVERIFY(transfers);
        const bool docked = window.uploadDock()->isVisible();
        transfers->trigger();
        QCOMPARE(window.uploadDock()->isVisible(), !docked);
        QAction *fullScreen = inMenu(view, u"fullScreenAction"_s);
        QVERIFY(fullScreen->shortcuts().contains(QKeySequence(Qt::Key_F11)));
        QTest::keyClick(&window, Qt::Key_F11);
        QVERIFY(window.windowState().testFlag(Qt::WindowFullScreen));
        QTest::keyClick(&window, Qt::Key_F11);
        QVERIFY(!window.windowState().testFlag(Qt::WindowFullScreen));
        // The Sort submenu is the browser's.
        QVERIFY(inMenu(view, u"sortByCreated"_s));
    }

    void sortIsRememberedPerEnvironmentAndFollowsTheHeaders()
    {
        test::Fixture fixture;
        fixture.addAccount(u"Agency"_s, {u"Production"_s, u"Staging"_s});
        {
            MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
            window.show();
            window.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&window));
            BrowserPage *production = browserOf(window);
            QVERIFY(production);
            QCOMPARE(production->sortKey(), CatalogSort::Name);
            QMenu *view = menuNamed(window, u"viewMenu"_s);
            inMenu(view, u"sortByCreated"_s)->trigger();
            inMenu(view, u"sortDescending"_s)->trigger();
            QCOMPARE(production->sortKey(), CatalogSort::CreatedAt);
            QCOMPARE(production->sortOrder(), Qt::DescendingOrder);
            // The list's headers show it, and the Sort button says it.
            QCOMPARE(production->detailsView()->header()->sortIndicatorSection(),
                     int(AssetColumnsModel::Created));
            QCOMPARE(production->detailsView()->header()->sortIndicatorOrder(), Qt::DescendingOrder);
            QVERIFY2(production->sortButton()->text().contains(u"Created"_s),
                     qPrintable(production->sortButton()->text()));

            QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier | Qt::AltModifier);
            BrowserPage *staging = browserOf(window);
            QVERIFY(staging && staging != production);
            QCOMPARE(staging->sortKey(), CatalogSort::Name); // its own
            // A click on the Size header sorts, and the Sort menu follows.
            staging->setViewMode(BrowserPage::ViewMode::Details);
            staging->detailsView()->sortByColumn(AssetColumnsModel::Size, Qt::AscendingOrder);
            QCOMPARE(staging->sortKey(), CatalogSort::Bytes);
            QVERIFY(inMenu(view, u"sortBySize"_s)->isChecked());
            QVERIFY(!inMenu(view, u"sortByCreated"_s)->isChecked());
            QVERIFY(inMenu(view, u"sortAscending"_s)->isChecked());
        }
        // Another run over the same settings file.
        Preferences reread(fixture.preferences.fileName());
        MainWindow window(&fixture.store, &fixture.network, &reread);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openEnvironment(fixture.store.environmentByName(u"Production"_s)->id);
        QCOMPARE(browserOf(window)->sortKey(), CatalogSort::CreatedAt);
        QCOMPARE(browserOf(window)->sortOrder(), Qt::DescendingOrder);
        QVERIFY(inMenu(menuNamed(window, u"viewMenu"_s), u"sortByCreated"_s)->isChecked());
        window.openEnvironment(fixture.store.environmentByName(u"Staging"_s)->id);
        QCOMPARE(browserOf(window)->sortKey(), CatalogSort::Bytes);
        QCOMPARE(browserOf(window)->sortOrder(), Qt::AscendingOrder);
    }

    void shortcutsWindowListsTheActions()
    {
        test::Fixture fixture;
        fixture.addAccount(u"Agency"_s, {u"Production"_s});
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QAction *open = inMenu(menuNamed(window, u"helpMenu"_s), u"shortcutsAction"_s);
        QVERIFY(open);
        QCOMPARE(open->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Question));
        open->trigger();
        auto *shortcuts = window.findChild<ShortcutsWindow *>();
        QVERIFY(shortcuts && shortcuts->isVisible());
        const QStringList rows = shownRows(shortcuts);
        const auto keys = [](const QKeySequence &key) {
            return key.toString(QKeySequence::NativeText);
        };
        const QStringList expected {
            QString(u"Select All\t"_s + keys(QKeySequence(QKeySequence::SelectAll)).section(u',', 0, 0)),
            QString(u"Justified\t"_s + keys(QKeySequence(Qt::CTRL | Qt::Key_3))),
            QString(u"Rename…\t"_s + keys(QKeySequence(Qt::Key_F2))),
            QString(u"Back\t"_s + keys(QKeySequence(Qt::ALT | Qt::Key_Left))),
            QString(u"Quit\t"_s + keys(QKeySequence(QKeySequence::Quit)).section(u',', 0, 0)),
        };
        for (const QString &row : expected) {
            const bool listed = std::any_of(rows.cbegin(), rows.cend(),
                                            [&](const QString &shown) { return shown.startsWith(row); });
            QVERIFY2(listed, qPrintable(row + u" not in\n"_s + rows.join(u'\n')));
        }
        // The keys that work only where the assets are: the context menu, the preview.
        QVERIFY(std::any_of(rows.cbegin(), rows.cend(), [&](const QString &shown) {
            return shown.startsWith(u"Open Context Menu\t"_s)
                && shown.contains(keys(QKeySequence(Qt::SHIFT | Qt::Key_F10)));
        }));
        // Searchable: by name and by key.
        shortcuts->filterField()->setText(u"zoom"_s);
        QCOMPARE(shownRows(shortcuts).size(), 2);
        shortcuts->filterField()->setText(u"F11"_s);
        QVERIFY(shownRows(shortcuts).constFirst().startsWith(u"Full Screen\t"_s));
        // Generated from the actions: a new one is listed the next time.
        auto *extra = new QAction(u"Brand New Command"_s, &window);
        extra->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F12));
        menuNamed(window, u"fileMenu"_s)->addAction(extra);
        shortcuts->filterField()->clear();
        window.showShortcuts();
        QVERIFY(shownRows(shortcuts).join(u'\n').contains(u"Brand New Command"_s));
    }

    // The View menu open over the window, and the shortcuts window, for the documentation.
    void screenshotsOfTheMenus()
    {
        test::Fixture fixture;
        fixture.addAccount(u"Agency"_s, {u"Production"_s});
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.resize(1100, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString directory = QStringLiteral(STRATUS_SOURCE_DIR "/docs/screenshots");
        for (const QString &name : {u"editMenu"_s, u"viewMenu"_s}) {
            QMenu *menu = menuNamed(window, name);
            const QRect title = window.menuBar()->actionGeometry(menu->menuAction());
            menu->popup(window.menuBar()->mapToGlobal(title.bottomLeft()));
            QTRY_VERIFY(menu->isVisible());
            QPixmap shot = window.grab();
            QPainter painter(&shot);
            painter.drawPixmap(window.mapFromGlobal(menu->pos()), menu->grab());
            painter.end();
            menu->close();
            QVERIFY(shot.save(directory + (name == u"editMenu" ? u"/edit-menu.png"_s : u"/view-menu.png"_s)));
        }
        ShortcutsWindow *shortcuts = window.showShortcuts();
        QTRY_VERIFY(shortcuts->isVisible());
        QVERIFY(shortcuts->grab().save(directory + u"/keyboard-shortcuts.png"_s));
    }

    void browserToolbarHasAnUploadButton()
    {
        test::Fixture fixture;
        fixture.addAccount(u"Agency"_s, {u"Production"_s});
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QToolButton *upload = browserOf(window)->uploadButton();
        QVERIFY(upload->isVisible());
        QVERIFY(upload->menu());
        QCOMPARE(upload->menu()->actions().size(), 2);
        QCOMPARE(upload->defaultAction(), upload->menu()->actions().constFirst());
    }
};

QTEST_MAIN(TestWindowMenus)
#include "tst_windowmenus.moc"
