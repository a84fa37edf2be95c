// The page shell: pages plug into the main window through gui::Page, and the environment page holds
// its views (Browse, Overview) the same way.

#include "core/session/environmentsession.h"
#include "gui/environment/environmentpage.h"
#include "gui/environment/overviewview.h"
#include "gui/mainwindow/mainwindow.h"
#include "gui/shell/page.h"
#include "gui/upload/uploaddock.h"

#include "windowfixture.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTest>
#include <QToolBar>
#include <QVBoxLayout>

using namespace stratus;
using namespace stratus::gui;
using namespace Qt::StringLiterals;

namespace {

// A page that contributes one of everything, as a new page would.
class TestPage : public Page
{
public:
    explicit TestPage(QWidget *parent = nullptr)
        : Page(parent)
        , command(new QAction(u"Test command"_s, this))
        , menu(new QMenu(u"&Test"_s, this))
        , toolBar(new QToolBar(u"Test tools"_s, this))
        , status(new QLabel(u"test status"_s, this))
        , permanentStatus(new QLabel(u"test permanent"_s, this))
        , dock(new QDockWidget(u"Test dock"_s, this))
    {
        setObjectName(u"testPage"_s);
        (new QVBoxLayout(this))->addWidget(new QLabel(u"a test page"_s, this));
        command->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F9));
        menu->addAction(command);
        toolBar->setObjectName(u"testToolBar"_s);
        toolBar->addAction(command);
        dock->setObjectName(u"testDock"_s);
        dock->setWidget(new QLabel(u"docked"_s, dock));
    }

    QString title() const override { return u"Test page"_s; }
    PageContributions contributions() const override
    {
        PageContributions contributions;
        contributions.actions << command;
        contributions.menus << menu;
        contributions.toolBars << toolBar;
        contributions.statusWidgets << status;
        contributions.permanentStatusWidgets << permanentStatus;
        contributions.docks << dock;
        return contributions;
    }
    void pageActivated() override { ++activations; }
    void pageDeactivated() override { ++deactivations; }

    QAction *command;
    QMenu *menu;
    QToolBar *toolBar;
    QLabel *status;
    QLabel *permanentStatus;
    QDockWidget *dock;
    int activations = 0;
    int deactivations = 0;
};

bool inMenuBar(MainWindow &window, QMenu *menu)
{
    return window.menuBar()->actions().contains(menu->menuAction());
}

bool inStatusBar(MainWindow &window, QWidget *widget)
{
    return widget->parentWidget() == window.statusBar() && widget->isVisible();
}

EnvironmentPage *environmentPage(MainWindow &window)
{
    return qobject_cast<EnvironmentPage *>(window.currentPage());
}

QWidget *statusLabel(MainWindow &window, const QString &name)
{
    return window.statusBar()->findChild<QLabel *>(name);
}

} // namespace

class TestPageShell : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // A page the window has never heard of plugs in: its menu, tool bar, status widgets, dock and
    // shortcut are there while it is current, and gone (hidden, back with the page) when it is not.
    void aNewPageContributesOnlyWhileCurrent()
    {
        test::Fixture fixture;
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *page = new TestPage;
        window.addPage(page);
        QSignalSpy commands(page->command, &QAction::triggered);

        const auto checkAbsent = [&] {
            const qsizetype triggered = commands.size();
            QVERIFY(!inMenuBar(window, page->menu));
            QVERIFY(!page->toolBar->isVisible());
            QCOMPARE(window.toolBarArea(page->toolBar), Qt::NoToolBarArea);
            QVERIFY(!inStatusBar(window, page->status));
            QVERIFY(!inStatusBar(window, page->permanentStatus));
            QVERIFY(!page->dock->isVisible());
            QCOMPARE(window.dockWidgetArea(page->dock), Qt::NoDockWidgetArea);
            QTest::keyClick(&window, Qt::Key_F9, Qt::ControlModifier | Qt::ShiftModifier);
            QCOMPARE(commands.size(), triggered);
        };
        checkAbsent();
        QCOMPARE(window.windowTitle(), u"Stratus"_s);

        window.showPage(page);
        QCOMPARE(window.currentPage(), page);
        QCOMPARE(page->activations, 1);
        QCOMPARE(window.windowTitle(), u"Test page — Stratus"_s);
        QVERIFY(inMenuBar(window, page->menu));
        // Before Help, which stays last.
        const QList<QAction *> menus = window.menuBar()->actions();
        QCOMPARE(menus.indexOf(page->menu->menuAction()), menus.size() - 2);
        QTRY_VERIFY(page->toolBar->isVisible());
        QCOMPARE(window.toolBarArea(page->toolBar), Qt::TopToolBarArea);
        QVERIFY(inStatusBar(window, page->status));
        QVERIFY(inStatusBar(window, page->permanentStatus));
        QVERIFY(page->dock->isVisible());
        QCOMPARE(window.dockWidgetArea(page->dock), Qt::BottomDockWidgetArea);
        QTest::keyClick(&window, Qt::Key_F9, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(commands.size(), 1);
        // The welcome page says in the status bar that there is no environment; not now.
        auto *noEnvironment = window.findChild<QLabel *>(u"statusNoEnvironment"_s);
        QVERIFY(noEnvironment && !inStatusBar(window, noEnvironment));

        // The user closes the tool bar; it stays closed when the page comes back.
        page->toolBar->hide();
        window.openEnvironment(QString()); // the welcome page
        QCOMPARE(page->deactivations, 1);
        QCOMPARE(window.windowTitle(), u"Stratus"_s);
        QVERIFY(inStatusBar(window, noEnvironment));
        checkAbsent();
        // What the page made is still the page's: it goes with the page.
        QCOMPARE(page->toolBar->parentWidget(), page);
        QCOMPARE(page->dock->parentWidget(), page);
        QCOMPARE(page->status->parentWidget(), page);

        window.showPage(page);
        QVERIFY(page->dock->isVisible());
        QVERIFY(!page->toolBar->isVisible());
        QCOMPARE(window.toolBarArea(page->toolBar), Qt::TopToolBarArea);
    }

    // Browse and Overview are views of an environment's page: Alt+1 and Alt+2 (and the View menu and
    // the tab bar) switch, and each view brings its own contributions — Browse's status line is in
    // the status bar only while Browse is shown. The environment's own (View menu, upload dock, the
    // status bar's words on the environment) stay.
    void altNumbersSwitchBetweenBrowseAndOverview()
    {
        test::Fixture fixture;
        fixture.addAccount(u"Agency"_s, {u"Production"_s});
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        EnvironmentPage *page = environmentPage(window);
        QVERIFY(page);
        QCOMPARE(page->currentView(), EnvironmentPage::View::Browse);
        QWidget *browseStatus = statusLabel(window, u"statusBrowse"_s);
        QVERIFY(browseStatus);
        QVERIFY(inStatusBar(window, browseStatus));
        // The page's views are at the top of the window's View menu.
        auto *viewMenu = window.findChild<QMenu *>(u"viewMenu"_s);
        QVERIFY(viewMenu && inMenuBar(window, viewMenu));
        QVERIFY(viewMenu->actions().contains(page->findChild<QAction *>(u"viewAction1"_s)));
        auto *tabs = page->findChild<QTabBar *>(u"viewTabs"_s);
        QCOMPARE(tabs->count(), 3);
        QCOMPARE(tabs->tabText(2).remove(u'&'), u"Media Library"_s);

        QTest::keyClick(&window, Qt::Key_2, Qt::AltModifier);
        QCOMPARE(page->currentView(), EnvironmentPage::View::Overview);
        QCOMPARE(tabs->currentIndex(), 1);
        QVERIFY(page->view(EnvironmentPage::View::Overview)->isVisible());
        QVERIFY(!page->view(EnvironmentPage::View::Browse)->isVisible());
        QVERIFY(!inStatusBar(window, browseStatus));
        QVERIFY(inMenuBar(window, viewMenu));
        QVERIFY(inStatusBar(window, statusLabel(window, u"statusConnection"_s)));
        QVERIFY(page->findChild<QAction *>(u"viewAction2"_s)->isChecked());
        // The keyboard went with it.
        QTRY_VERIFY(page->view(EnvironmentPage::View::Overview)->isAncestorOf(QApplication::focusWidget()));
        // The overview says what is known: the account, an empty catalogue never synced.
        auto *overview = qobject_cast<OverviewView *>(page->view(EnvironmentPage::View::Overview));
        QVERIFY(overview);
        QCOMPARE(overview->findChild<QLabel *>(u"accountValue"_s)->text(), u"Agency"_s);
        QVERIFY2(overview->findChild<QLabel *>(u"catalogValue"_s)->text().startsWith(u"0 asset"_s),
                 qPrintable(overview->findChild<QLabel *>(u"catalogValue"_s)->text()));
        QCOMPARE(overview->findChild<QLabel *>(u"lastSyncValue"_s)->text(), u"Never"_s);

        QTest::keyClick(&window, Qt::Key_1, Qt::AltModifier);
        QCOMPARE(page->currentView(), EnvironmentPage::View::Browse);
        QVERIFY(inStatusBar(window, browseStatus));
        // The tab bar switches too.
        tabs->setCurrentIndex(1);
        QCOMPARE(page->currentView(), EnvironmentPage::View::Overview);
        QVERIFY(!inStatusBar(window, browseStatus));
        // Alt+3: the Media Library (issue 15); this window has no web profiles, so it says so.
        QTest::keyClick(&window, Qt::Key_3, Qt::AltModifier);
        QCOMPARE(page->currentView(), EnvironmentPage::View::MediaLibrary);
        QVERIFY(page->findChild<QAction *>(u"viewAction3"_s)->isChecked());
    }

    // Each environment keeps the view it showed: switching environments and back finds it again, and
    // the status bar speaks of the environment shown.
    void eachEnvironmentKeepsItsView()
    {
        test::Fixture fixture;
        fixture.addAccount(u"Agency"_s, {u"Production"_s, u"Staging"_s});
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        EnvironmentPage *production = environmentPage(window);
        QTest::keyClick(&window, Qt::Key_2, Qt::AltModifier);
        QCOMPARE(production->currentView(), EnvironmentPage::View::Overview);

        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier | Qt::AltModifier);
        EnvironmentPage *staging = environmentPage(window);
        QVERIFY(staging && staging != production);
        QCOMPARE(staging->session()->record().name, u"Staging"_s);
        QCOMPARE(staging->currentView(), EnvironmentPage::View::Browse);
        QVERIFY(
            statusLabel(window, u"statusEnvironment"_s)->property("text").toString().contains(u"Staging"_s));
        // One View menu in the menu bar, holding Staging's views and not Production's.
        int viewMenus = 0;
        for (QAction *action : window.menuBar()->actions())
            viewMenus += action->menu() != nullptr && action->menu()->objectName() == u"viewMenu"_s ? 1 : 0;
        QCOMPARE(viewMenus, 1);
        auto *viewMenu = window.findChild<QMenu *>(u"viewMenu"_s);
        QVERIFY(viewMenu->actions().contains(staging->findChild<QAction *>(u"viewAction2"_s)));
        QVERIFY(!viewMenu->actions().contains(production->findChild<QAction *>(u"viewAction2"_s)));

        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(environmentPage(window), production);
        QCOMPARE(production->currentView(), EnvironmentPage::View::Overview);
        QVERIFY(statusLabel(window, u"statusEnvironment"_s)
                    ->property("text")
                    .toString()
                    .contains(u"Production"_s));
        QCOMPARE(staging->currentView(), EnvironmentPage::View::Browse);
    }

    // The upload dock belongs to the environments: it is in the window with an environment's page
    // (as the user left it), not with the welcome page, and Show Uploads is off then.
    void theUploadDockComesWithTheEnvironmentPages()
    {
        test::Fixture fixture;
        fixture.addAccount(u"Agency"_s, {u"Production"_s, u"Staging"_s});
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        UploadDock *dock = window.uploadDock();
        auto *showUploads = window.findChild<QAction *>(u"showUploadsAction"_s);
        QCOMPARE(window.dockWidgetArea(dock), Qt::BottomDockWidgetArea);
        QVERIFY(!dock->isVisible());
        showUploads->trigger();
        QVERIFY(dock->isVisible());

        QTest::keyClick(&window, Qt::Key_2,
                        Qt::ControlModifier | Qt::AltModifier); // another environment: the same dock
        QVERIFY(dock->isVisible());
        window.openEnvironment(QString());
        QVERIFY(!dock->isVisible());
        QCOMPARE(window.dockWidgetArea(dock), Qt::NoDockWidgetArea);
        QVERIFY(!showUploads->isEnabled());
        QCOMPARE(dock->parentWidget(), &window); // the window's, shared: not given to a page

        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier | Qt::AltModifier);
        QVERIFY(dock->isVisible());
        QVERIFY(showUploads->isEnabled());
    }
};

QTEST_MAIN(TestPageShell)
#include "tst_pageshell.moc"
