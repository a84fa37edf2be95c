#pragma once

#include "web/widgetpage.h"
#include "web/widgetsources.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;

namespace stratus::core {
class EnvironmentSession;
} // namespace stratus::core

namespace stratus::web {
class WebProfiles;
class WidgetBridge;
class WidgetView;
} // namespace stratus::web

namespace stratus::gui {

/// Hosts one of Cloudinary's widgets for one environment (issue 15): a WidgetView on the account's web
/// profile, the widget's bridge, and what a person sees around it —
///
/// - a quiet "Loading…" until the host page has loaded;
/// - when the widget's loader could not be loaded (no `window.cloudinary` after the page loaded: no
///   internet for Cloudinary's scripts, or a sandbox that does not answer), a page that says so and
///   offers Try Again, never a blank view;
/// - the account's profile going away (log-out, removal: WebProfiles::profileClosing): the page is
///   deleted at once and the host says the widget is closed until it is opened again.
///
/// WebEngine starts only when load() is first called. The allowed main-frame origins are the
/// environment's widget origins (WidgetSources::frameOrigins); camera and microphone requests ask the
/// person (permissionPrompt); links elsewhere go to the system browser (WidgetPage's default).
///
/// GUI thread. The profiles and the session must outlive the host; the bridge is the caller's (it may
/// be a child of the host) and must outlive the page.
class WidgetHost : public QWidget
{
    Q_OBJECT

public:
    WidgetHost(web::WebProfiles *profiles, core::EnvironmentSession *session, web::WidgetKind kind,
               QWidget *parent = nullptr);
    ~WidgetHost() override;

    [[nodiscard]] web::WidgetKind kind() const { return m_kind; }
    /// The profiles, when the host was made before the composition root gave them (an environment page
    /// the main window opened in its constructor). Only before the first load().
    void setProfiles(web::WebProfiles *profiles);
    /// Where this environment's widgets come from now: read from the environment each time, since the
    /// Local sandbox's URL is made at run time (and its port may change between runs).
    [[nodiscard]] web::WidgetSources sources() const;

    /// Loads `html` as the host page (at WidgetSources::hostUrl(kind())) with `bridge` as its one C++
    /// object, creating the page (and starting WebEngine) if needed. Again later: a new page, the
    /// same bridge.
    void load(web::WidgetBridge *bridge, const QString &html);
    /// Loads the last host page again (Try Again).
    void reload();
    /// Whether the host page is loaded and its widget's loader with it.
    [[nodiscard]] bool isReady() const { return m_ready; }

    /// The page; null before load() and after the profile went away.
    [[nodiscard]] web::WidgetPage *page() const { return m_page.data(); }
    [[nodiscard]] web::WidgetView *view() const { return m_view; }

    /// Runs `script` in the host page's main world (where the widget's loader runs); nothing before
    /// the page is ready.
    void runScript(const QString &script);

    /// The words of the notice shown instead of the widget; empty while the widget is shown.
    [[nodiscard]] QString noticeTitle() const;
    [[nodiscard]] QString noticeText() const;

    /// Asks the person whether `origin` may use the camera and/or microphone (a question with Allow and
    /// Don't Allow); for WidgetPage::setPermissionHook().
    [[nodiscard]] static web::WidgetPage::PermissionHook permissionPrompt(QWidget *parent);

Q_SIGNALS:
    /// The host page and its widget's loader are there (after each load()).
    void ready();
    /// The widget's loader could not be loaded; the host shows why.
    void unavailable();
    /// The account's web profile is going away; the page is gone. Open the widget again to use it.
    void closedByProfile();

private:
    void createPage();
    void onLoadFinished(bool ok);
    void showNotice(const QString &title, const QString &text, bool offerRetry);
    void showWidget();
    /// Whether the window's focus widget is this host or inside it.
    [[nodiscard]] bool hasFocusInside() const;
    void onProfileClosing(const QString &accountId);
    [[nodiscard]] QString widgetName() const;

    web::WebProfiles *m_profiles = nullptr;
    QPointer<core::EnvironmentSession> m_session;
    web::WidgetKind m_kind;
    web::WidgetSources m_sources;
    QString m_accountId;
    QStackedWidget *m_stack = nullptr;
    web::WidgetView *m_view = nullptr;
    QWidget *m_notice = nullptr;
    QLabel *m_noticeTitle = nullptr;
    QLabel *m_noticeText = nullptr;
    QPushButton *m_retry = nullptr;
    QPointer<web::WidgetPage> m_page;
    QPointer<web::WidgetBridge> m_bridge;
    QString m_html;
    bool m_ready = false;
    int m_loadGeneration = 0;
};

} // namespace stratus::gui
