#pragma once

#include "gui/shell/page.h"

#include <QPointer>

#include <memory>

namespace Ui {
class EnvironmentPage;
}

class QActionGroup;
class QLabel;
class QMenu;
class QStackedWidget;
class QTabBar;

namespace stratus::core {
class AccountStore;
} // namespace stratus::core

#include "core/session/environmentsession.h"
#include "words/errorwords.h"

namespace stratus::web {
class WebProfiles;
} // namespace stratus::web

namespace stratus::gui {

class BrowseView;
class ErrorBanner;
class InfoBar;
class BrowserPage;
class MediaLibraryView;
class OverviewView;
class Preferences;
class UploadController;
class UploadDock;

/// What an environment page is given by the window that makes it. All must outlive the page.
struct EnvironmentPageServices
{
    const core::AccountStore *store = nullptr;
    /// Also where a closed welcome bar is remembered.
    Preferences *preferences = nullptr;
    /// Where files dropped on the browser go; the page makes it send to its environment while current.
    UploadController *uploads = nullptr;
    /// The window's upload dock, shared by the environment pages: it shows the current one's queue.
    UploadDock *uploadDock = nullptr;
    /// The accounts' web profiles, for the embedded Cloudinary widgets (null: no widgets, e.g. in tests).
    web::WebProfiles *webProfiles = nullptr;
};

/// The page of one product environment: views of the environment — Browse (the asset browser), Overview
/// (what Stratus knows about it) and Media Library (Cloudinary's widget, issue 15) — switched with the tab
/// bar, the View menu, Alt+1, Alt+2 and Alt+3. Content first (issue 13, point 1): the environment's name is
/// in the window title, the toolbar's switcher and the status bar, not in a heading; the Local sandbox's word
/// of welcome is an InfoBar that, once closed, stays closed for that environment (the preferences remember
/// it). Each environment that was opened keeps its own page, and so its own view and state, for the whole
/// run; the main window only swaps which page is shown.
///
/// Contributes to the window, while current: its views at the top of the View menu, the upload dock, the
/// status bar's words on the environment (name, folder mode, connection, Admin API budget, catalogue sync),
/// and whatever the view shown contributes. While current it makes the upload controller send to its
/// environment.
class EnvironmentPage : public Page
{
    Q_OBJECT

public:
    enum class View { Browse, Overview, MediaLibrary };
    Q_ENUM(View)

    EnvironmentPage(core::EnvironmentSession *session, const EnvironmentPageServices &services,
                    QWidget *parent = nullptr);
    ~EnvironmentPage() override;

    [[nodiscard]] core::EnvironmentSession *session() const { return m_session; }

    /// Short words for the status bar and the page.
    [[nodiscard]] static QString connectionText(const core::EnvironmentSession &session);
    [[nodiscard]] static QString folderModeText(int folderMode);
    [[nodiscard]] static QString budgetText(const core::EnvironmentSession &session);
    /// "Syncing 1,200 of 5,000 assets", "Catalogue up to date", "Sync paused until 14:00"…
    [[nodiscard]] static QString syncText(const core::EnvironmentSession &session);

    /// The asset browser of this environment; null when its catalogue cannot be opened.
    [[nodiscard]] BrowserPage *browser() const;
    /// The Media Library view (Cloudinary's widget; WebEngine starts when it is first shown).
    [[nodiscard]] MediaLibraryView *mediaLibrary() const { return m_mediaLibrary; }
    /// The accounts' web profiles, for a page made before the composition root gave them
    /// (EnvironmentPageServices::webProfiles was null); before the Media Library is first shown.
    void setWebProfiles(web::WebProfiles *profiles);

    void showView(View view);
    [[nodiscard]] View currentView() const;
    [[nodiscard]] Page *view(View view) const;

    [[nodiscard]] QString title() const override;
    [[nodiscard]] PageContributions contributions() const override;
    void pageActivated() override;
    void pageDeactivated() override;

Q_SIGNALS:
    /// The local sandbox's welcome asks to add a real account.
    void addAccountRequested();
    /// The person chose "Open Settings…" for this environment's error (a proxy, the network); offered
    /// only while something is connected to it.
    void settingsRequested();

private:
    void setUpWelcome();
    /// The welcome bar was closed: remembered for this environment.
    void dismissWelcome();
    /// Whether the preferences say the welcome bar was closed for this environment.
    [[nodiscard]] bool welcomeDismissed() const;
    void createViews(const EnvironmentPageServices &services);
    void addView(View view, Page *page, const QKeySequence &shortcut);
    void createStatusWidgets();
    /// The Media Library's "Use in Stratus": the browser shows (selects) or downloads these assets.
    void revealInBrowser(const QStringList &assetIds);
    void downloadInBrowser(const QStringList &assetIds);
    void refresh();
    /// The connection's or the last sync's error in the banner, with its remedy; nothing when fine.
    void showProblem(const core::EnvironmentSession &session);
    void applyRemedy(words::Remedy remedy);
    /// Asks for the API secret again and stores it, then tests the connection.
    void reenterSecret();
    /// "Sign In Again…" for an environment signed in with Cloudinary: the browser (SignInDialog),
    /// the new tokens to the keychain (replaceSecret), then the connection tested again.
    void signInAgain();
    static QString problemText(core::CheckProblem problem);

    std::unique_ptr<Ui::EnvironmentPage> m_ui;
    QPointer<core::EnvironmentSession> m_session;
    QPointer<UploadController> m_uploads;
    QPointer<UploadDock> m_uploadDock;
    QTabBar *m_viewTabs = nullptr;
    QStackedWidget *m_views = nullptr;
    BrowseView *m_browse = nullptr;
    OverviewView *m_overview = nullptr;
    MediaLibraryView *m_mediaLibrary = nullptr;
    QAction *m_viewSeparator = nullptr;
    QActionGroup *m_viewActions = nullptr;
    QLabel *m_statusEnvironment = nullptr;
    QLabel *m_statusFolderMode = nullptr;
    QLabel *m_statusConnection = nullptr;
    QLabel *m_statusBudget = nullptr;
    QLabel *m_statusSync = nullptr;
    ErrorBanner *m_errorBanner = nullptr;
    InfoBar *m_welcome = nullptr;
    Preferences *m_preferences = nullptr; // outlives the page (EnvironmentPageServices)
    QString m_title;
    bool m_bannerShowsSync = false; ///< the banner shows the last sync's error, not the connection's
};

} // namespace stratus::gui
