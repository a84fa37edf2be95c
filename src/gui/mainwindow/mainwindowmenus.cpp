// MainWindow's Edit and View menus and the Keyboard Shortcuts window (issue 13, point 8). The menus
// are the window's, so that the menu bar reads File, Edit, View, … Help (freedesktop and KDE order)
// whatever page is current; the current page puts its items at their tops (PageContributions::
// editActions and viewActions, installed by PageHost), the window adds its own below.
#include "mainwindow.h"

#include "shortcutswindow.h"

#include "gui/shell/pagehost.h"
#include "gui/upload/uploadcontroller.h"
#include "gui/upload/uploaddock.h"

#include "ui_mainwindow.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>

namespace stratus::gui {

using namespace Qt::StringLiterals;

void MainWindow::setUpEditAndViewMenus()
{
    m_editMenu = new QMenu(tr("&Edit"), this);
    m_editMenu->setObjectName(u"editMenu"_s);
    m_viewMenu = new QMenu(tr("&View"), this);
    m_viewMenu->setObjectName(u"viewMenu"_s);
    menuBar()->insertMenu(m_ui->environmentMenu->menuAction(), m_editMenu);
    menuBar()->insertMenu(m_ui->environmentMenu->menuAction(), m_viewMenu);
    m_pageHost->setSharedMenus(m_editMenu, m_viewMenu);
    // A page without edit commands (the welcome page) leaves no empty Edit menu behind.
    m_editMenu->menuAction()->setVisible(false);

    // The window's own View items, under what the page puts at the top.
    m_viewMenu->addAction(m_ui->showUploadsAction);
    m_fullScreenAction = new QAction(tr("&Full Screen"), this);
    m_fullScreenAction->setObjectName(u"fullScreenAction"_s);
    m_fullScreenAction->setCheckable(true);
    QList<QKeySequence> fullScreenKeys {QKeySequence(Qt::Key_F11)};
    for (const QKeySequence &key : QKeySequence::keyBindings(QKeySequence::FullScreen)) {
        if (!fullScreenKeys.contains(key))
            fullScreenKeys.append(key);
    }
    m_fullScreenAction->setShortcuts(fullScreenKeys);
    m_fullScreenAction->setShortcutContext(Qt::ApplicationShortcut);
    addAction(m_fullScreenAction);
    connect(m_fullScreenAction, &QAction::triggered, this,
            [this](bool on) { setWindowState(windowState().setFlag(Qt::WindowFullScreen, on)); });
    connect(m_viewMenu, &QMenu::aboutToShow, this,
            [this] { m_fullScreenAction->setChecked(windowState().testFlag(Qt::WindowFullScreen)); });
    m_viewMenu->addAction(m_fullScreenAction);
    addThemeMenu(m_viewMenu);

    m_shortcutsAction = new QAction(tr("&Keyboard Shortcuts"), this);
    m_shortcutsAction->setObjectName(u"shortcutsAction"_s);
    m_shortcutsAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Question), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Slash)});
    m_shortcutsAction->setToolTip(tr("Every command with its keys, searchable"));
    connect(m_shortcutsAction, &QAction::triggered, this, &MainWindow::showShortcuts);
    m_ui->helpMenu->insertAction(m_ui->reportProblemAction, m_shortcutsAction);

    // File → Upload from a URL, Camera or Cloud Storage… (issue 15, point 2), below the other uploads:
    // Cloudinary's Upload widget for the folder shown. The profiles come later (setWebProfiles); a
    // window without them (tests) disables the item when the menu opens.
    m_uploads->setWebProfiles([this] { return m_webProfiles; });
    auto *widgetUpload = new QAction(tr("Upload from a &URL, Camera or Cloud Storage…"), this);
    widgetUpload->setObjectName(u"uploadWidgetAction"_s);
    widgetUpload->setToolTip(tr("Cloudinary's Upload widget: files, a web address or the camera, into the "
                                "folder shown"));
    const QList<QAction *> fileActions = m_ui->fileMenu->actions();
    const qsizetype folderItem = fileActions.indexOf(m_ui->uploadFolderAction);
    m_ui->fileMenu->insertAction(fileActions.value(folderItem + 1), widgetUpload);
    connect(widgetUpload, &QAction::triggered, m_uploads, &UploadController::openUploadWidget);
    connect(m_ui->fileMenu, &QMenu::aboutToShow, widgetUpload, [this, widgetUpload] {
        widgetUpload->setEnabled(m_uploads->hasWidgets() && !m_currentId.isEmpty());
    });
}

void MainWindow::addThemeMenu(QMenu *viewMenu)
{
    // View → Theme (Same as the Desktop, Light, Dark), below Full Screen. Its items are the theme
    // controller's, which main() hands over after the window is built (setThemeController); until then,
    // and in a window without one (tests), the submenu is disabled.
    viewMenu->addSeparator();
    m_themeMenu = viewMenu->addMenu(tr("&Theme"));
    m_themeMenu->setObjectName(u"themeMenu"_s);
    m_themeMenu->setEnabled(false);
}

ShortcutsWindow *MainWindow::showShortcuts()
{
    if (!m_shortcuts)
        m_shortcuts = new ShortcutsWindow(this);
    // Read again at every opening: the current page's actions are in the menus now.
    m_shortcuts->setActions(ShortcutsWindow::collect(menuBar(), currentPage()));
    m_shortcuts->show();
    m_shortcuts->raise();
    m_shortcuts->activateWindow();
    return m_shortcuts;
}

} // namespace stratus::gui
