#pragma once

#include "linkopener.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <memory>

class QActionGroup;
class QDragEnterEvent;
class QDragMoveEvent;
class QDropEvent;
class QLabel;
class QMenu;
class QProgressBar;
class QNetworkAccessManager;

namespace Ui {
class MainWindow;
}

namespace stratus::core {
class AccountStore;
class EnvironmentSession;
} // namespace stratus::core

namespace stratus::web {
class WebProfiles;
} // namespace stratus::web

namespace stratus::gui {

class EnvironmentSwitcherButton;
class Page;
class PageHost;
class HelpWindow;
class Preferences;
class ProxyPassword;
class RecentProblems;
class ReportProblemDialog;
class ThemeController;
class ShortcutsWindow;
class UploadController;
class UploadDock;
class WelcomePage;

/// The application's main window: a thin shell that hosts pages (gui::Page) in a stack — one per
/// product environment that was opened (kept for the whole run, so switching back is instant and keeps
/// its state), and the welcome page when there is none — and owns the window's own menus (File,
/// Environment, Help), the toolbar with the environment switcher, the uploads and the status bar.
/// What a page adds to them (its menus, tool bars, status widgets and docks) its PageHost puts in
/// while the page is current; the window knows pages only through that contract, and makes them
/// (createEnvironmentPage()). Created by the composition root in src/app, which
/// owns the AccountStore, the network and the Preferences; lives on the GUI thread for the whole
/// session. Hands the preferences to its pages and dialogs, and the number of parallel transfers to
/// every environment's upload queue whenever it changes.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(core::AccountStore *store, QNetworkAccessManager *network, Preferences *preferences,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Shows an environment's page (creating it and its session on the first visit) and makes it
    /// the current environment. Unknown or logged-out ids show the welcome page.
    void openEnvironment(const QString &environmentId);
    [[nodiscard]] QString currentEnvironmentId() const { return m_currentId; }
    [[nodiscard]] core::EnvironmentSession *session(const QString &environmentId) const;

    [[nodiscard]] UploadController *uploads() const { return m_uploads; }
    /// Files given on the command line, once the current environment's first check has ended:
    /// UploadController::offer (the upload options first, unless the settings say not to ask; files
    /// for an environment that does not answer wait in the queue).
    void uploadWhenReady(const QStringList &paths);
    [[nodiscard]] UploadDock *uploadDock() const { return m_uploadDock; }

    void showAccounts();
    void showAddAccount();
    void showSettings();
    /// Where Settings keeps the proxy password (the keychain); none: Settings has no password field.
    void setProxyPassword(ProxyPassword *password) { m_proxyPassword = password; }
    /// The accounts' web profiles for the embedded widgets (the composition root's; outlives the window).
    /// A download from a widget asks where to save it, in this window.
    void setWebProfiles(web::WebProfiles *profiles);

    /// Help → Documentation (F1): the user guide in its window (made once, raised again).
    HelpWindow *showDocumentation();
    /// Help → Report a Problem: the diagnostics on the clipboard and in a window that says where to
    /// send them.
    ReportProblemDialog *reportProblem();
    /// Help → Keyboard Shortcuts (Ctrl+?): every action of the menu bar and of the current page with
    /// its keys, read from the actions when it opens (made once, raised again).
    ShortcutsWindow *showShortcuts();
    /// What Report a Problem copies (Diagnostics::report for this run).
    [[nodiscard]] QString diagnostics() const;
    /// The last warnings of the run, for the diagnostics (the composition root's); may be null.
    void setRecentProblems(const RecentProblems *problems) { m_recentProblems = problems; }
    /// Light, dark or the desktop's (the composition root's; may stay null): the Settings dialog
    /// previews its choice through it, and a View → Theme menu can list its actions().
    void setThemeController(ThemeController *theme);
    [[nodiscard]] ThemeController *themeController() const;
    /// How web and mail links are opened (tests replace the desktop's way).
    void setLinkOpener(LinkOpener opener) { m_links = std::move(opener); }

    /// Hosts @p page too (the window's stack owns it), for pages that are not an environment's.
    void addPage(Page *page);
    /// Shows @p page, which addPage() or openEnvironment() added, with its contributions.
    void showPage(Page *page);
    [[nodiscard]] Page *currentPage() const;

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // The constructor's steps.
    void setUpToolBar();
    void setUpActions();
    void setUpStatusBar();
    void setUpUploads();
    void openFirstEnvironment();
    /// Edit and View (mainwindowmenus.cpp): the current page fills their tops (PageContributions).
    void setUpEditAndViewMenus();
    /// The place for View → Theme (Light, Dark, System): called once with the View menu, after the
    /// window's own items. Empty until the themes exist.
    void addThemeMenu(QMenu *viewMenu);

    [[nodiscard]] Page *createEnvironmentPage(const QString &environmentId);
    void showAbout();
    void rebuildEnvironmentActions();
    void onStoreChanged();
    void dropEnvironment(const QString &environmentId);
    void updateStatus();
    void updateTitle();
    void applyUploadSettings(core::EnvironmentSession *session);

    std::unique_ptr<Ui::MainWindow> m_ui;
    core::AccountStore *m_store;
    QPointer<QNetworkAccessManager> m_network;
    Preferences *m_preferences;
    ProxyPassword *m_proxyPassword = nullptr; ///< outlives the window (the composition root's)
    web::WebProfiles *m_webProfiles = nullptr; ///< outlives the window (the composition root's)
    WelcomePage *m_welcome = nullptr;
    EnvironmentSwitcherButton *m_switcher = nullptr;
    QActionGroup *m_environmentGroup = nullptr;
    QList<QAction *> m_environmentActions;
    QHash<QString, core::EnvironmentSession *> m_sessions;
    QHash<QString, Page *> m_pages; ///< by environment id
    PageHost *m_pageHost = nullptr;
    QString m_currentId;
    QLabel *m_statusSettingsProblem = nullptr;
    QLabel *m_statusUploads = nullptr;
    QProgressBar *m_uploadProgress = nullptr;
    UploadDock *m_uploadDock = nullptr;
    UploadController *m_uploads = nullptr;
    LinkOpener m_links;
    QPointer<HelpWindow> m_help;
    QPointer<ShortcutsWindow> m_shortcuts;
    QMenu *m_editMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_themeMenu = nullptr;
    QAction *m_fullScreenAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    const RecentProblems *m_recentProblems = nullptr;
    QPointer<ThemeController> m_theme;
};

} // namespace stratus::gui
