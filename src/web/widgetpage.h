#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QPointer>
#include <QUrl>
#include <QWebEnginePage>

#include <functional>

class QWebChannel;

namespace stratus::web {

class WidgetBridge;

/// The page that hosts one of Cloudinary's widgets, locked down the way issue 15 (point 5) asks:
///
/// - loadHost() sets the host page's HTML with a real https origin (the loaders compute their
///   `pmHost` from `location` and throw on the opaque origin of a `data:` page);
/// - main-frame navigation is allowed only to the host's origin and the widget origins given with
///   allowOrigin(); any other http(s) link is refused in the view and handed to the external-link
///   hook (the system browser by default; one a second at most); other schemes are refused;
/// - certificate errors are rejected, never accepted;
/// - camera and microphone requests go to the permission hook (refused when there is none); every
///   other feature is refused;
/// - pop-ups (createWindow of a window with features, WebDialog or WebBrowserWindow) open as a
///   WidgetPage of the same profile, so `window.opener` survives (console sign-in, SSO/SAML,
///   cloud-storage sign-in); a pop-up may visit any https page, since an identity provider is not
///   known in advance, and is announced with popupCreated(); a new tab (target=_blank, window.open
///   without features) is not shown: its URL goes to the external-link hook;
/// - setBridge() registers the widget's one bridge object on a QWebChannel in an isolated world and
///   installs the relay (bridgescripts.h): the page's own scripts reach the bridge only through
///   `window.stratusBridge.call()`.
///
/// GUI thread. The profile (WebProfiles) must outlive the page. A pop-up is a child of its opener.
class WidgetPage : public QWebEnginePage
{
    Q_OBJECT

public:
    /// Opens a link the page may not show itself (default: QDesktopServices::openUrl).
    using ExternalLinkHook = std::function<void(const QUrl &url)>;
    /// Asks the user whether `origin` may use `feature` (camera, microphone or both), then calls
    /// `answer` once (now or later).
    using PermissionHook = std::function<void(const QUrl &origin, QWebEnginePage::Feature feature,
                                              std::function<void(bool)> answer)>;

    explicit WidgetPage(QWebEngineProfile *profile, QObject *parent = nullptr);
    ~WidgetPage() override;

    /// Loads `html` as the document of `origin` (an https URL; its path is the document's URL).
    /// The origin becomes the first allowed one.
    void loadHost(const QString &html, const QUrl &origin);
    /// Allows main-frame navigation to `origin`'s scheme, host and port (a widget's iframe host,
    /// a console sign-in page). Only https, or http on a loopback host (the sandbox).
    void allowOrigin(const QUrl &origin);
    /// The shortest time between two links handed to the external-link hook.
    static constexpr int handOutIntervalMs = 1000;

    /// Whether a main-frame navigation to `url` stays in the page.
    [[nodiscard]] bool isAllowed(const QUrl &url) const;

    void setExternalLinkHook(ExternalLinkHook hook);
    void setPermissionHook(PermissionHook hook);

    /// Registers `bridge` (not owned) as the page's only C++ object, in QWebEngineScript's
    /// ApplicationWorld, and installs the relay and the main world's `window.stratusBridge`, which
    /// act only in documents of the host's origin (loadHost()). Call before loadHost(); once per page.
    void setBridge(WidgetBridge *bridge);

Q_SIGNALS:
    /// A main-frame navigation was refused (and, for http(s), handed to the external-link hook).
    void navigationBlocked(const QUrl &url);
    /// A certificate error was met and rejected.
    void certificateRejected(const QUrl &url);
    /// The page wrote to its console (the secret scan of issue 15, point 7, reads these).
    void consoleMessage(QWebEnginePage::JavaScriptConsoleMessageLevel level, const QString &message);
    /// A pop-up of this page opened; the receiver shows it (it is a child of this page).
    void popupCreated(stratus::web::WidgetPage *popup);

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override;
    QWebEnginePage *createWindow(WebWindowType type) override;
    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level, const QString &message, int lineNumber,
                                  const QString &sourceID) override;

private:
    void handOut(const QUrl &url);
    void installBridgeScripts();
    void onFeaturePermissionRequested(const QUrl &origin, QWebEnginePage::Feature feature);

    QList<QUrl> m_allowedOrigins;
    bool m_anyHttps = false; // pop-ups: identity providers are not known in advance
    bool m_hostLoadPending = false;
    bool m_handsOut = false; // a new tab: its navigation goes to the system browser
    bool m_handedOut = false;
    QElapsedTimer m_lastHandOut;
    ExternalLinkHook m_externalLinkHook;
    PermissionHook m_permissionHook;
    QWebChannel *m_channel = nullptr;
    QPointer<WidgetBridge> m_bridge;
    QUrl m_hostOrigin;
};

} // namespace stratus::web
