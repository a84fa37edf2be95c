#pragma once

#include "gui/shell/page.h"
#include "web/medialibrarybridge.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QPointer>

class QMimeData;

namespace stratus::core {
class EnvironmentSession;
class MediaLibraryLogin;
} // namespace stratus::core

namespace stratus::web {
class WebProfiles;
} // namespace stratus::web

namespace stratus::gui {

class InfoBar;
class MediaLibraryCatalog;
class MediaLibraryInsertBar;
class StatusLine;
class WidgetHost;

/// The Media Library view of an environment page (issue 15, point 1): Cloudinary's Media Library
/// inline, filling the view, on the account's web profile (WidgetHost), with
///
/// - sign-in: a token environment passes its access token (renewed first when it has expired); a
///   key environment the signed login computed in C++ (core::MediaLibraryLogin) when the account
///   has a console e-mail (AccountRecord::consoleEmail), or else nothing, and the console's own
///   sign-in runs inside the view (kept by the profile's cookies; SSO/SAML pop-ups open in a window
///   of the same profile). Without an e-mail a bar offers "Sign in automatically…", which asks for it;
/// - the configuration: `integration` (MediaLibraryLogin::integration()), `multiple`, `max_files`,
///   `insert_caption` "Use in Stratus", `remove_header` false (Cloudinary's header keeps its account
///   menu);
/// - "Use in Stratus": inserted assets go to the bar above the widget (MediaLibraryInsertBar), which
///   copies their URLs, shows them in the browser (showInBrowserRequested), downloads them
///   (downloadRequested) and drags them out;
/// - both views agree: uploads and deletions inside the widget reach the catalogue at once
///   (MediaLibraryCatalog), and leaving the view asks for an incremental sync (edits send no event).
///
/// Nothing of WebEngine starts before the view is first shown. Owned by the environment page; the
/// session and the profiles must outlive it. GUI thread.
class MediaLibraryView : public Page
{
    Q_OBJECT

public:
    MediaLibraryView(core::EnvironmentSession *session, web::WebProfiles *profiles,
                     QWidget *parent = nullptr);
    /// The profiles, when the view was made before the composition root gave them; before start().
    void setProfiles(web::WebProfiles *profiles);
    ~MediaLibraryView() override;

    [[nodiscard]] QString title() const override;
    /// Its status line (what was copied, added, removed).
    [[nodiscard]] PageContributions contributions() const override;

    /// Whether the widget was started (the view was shown once).
    [[nodiscard]] bool isStarted() const { return m_started; }
    /// Starts the widget now (showing the view does it the first time, and again when its signed login is
    /// more than 50 minutes old, since the console takes one for an hour); again: with fresh sign-in options.
    void start();

    [[nodiscard]] WidgetHost *host() const { return m_host; }
    [[nodiscard]] web::MediaLibraryBridge *bridge() const { return m_bridge; }
    [[nodiscard]] MediaLibraryInsertBar *insertBar() const { return m_insertBar; }
    [[nodiscard]] MediaLibraryCatalog *catalog() const { return m_catalog; }
    /// The bar that offers "Sign in automatically…" (shown for key environments without an e-mail).
    [[nodiscard]] InfoBar *signInBar() const { return m_signInBar; }
    /// The createMediaLibrary options of the last start (tests; no secret is in them).
    [[nodiscard]] const QJsonObject &options() const { return m_options; }
    /// Who the console says it is signed in as (the identity event); empty when unknown.
    [[nodiscard]] const QString &identity() const { return m_identity; }

    /// The person left the view (the environment page switched to another one): edits made inside the
    /// widget send no event, so an incremental sync brings them now.
    void left();

    /// Asks for the account's console e-mail and, given one, keeps it and starts again signed in.
    void askForConsoleEmail();

Q_SIGNALS:
    /// Show these assets (catalogue asset ids) in the browser.
    void showInBrowserRequested(const QStringList &assetIds);
    /// Download these assets (catalogue asset ids) with the browser's downloads.
    void downloadRequested(const QStringList &assetIds);
    /// The catalogue changed under the browser (uploads or deletions inside the widget).
    void catalogChanged();
    void statusMessage(const QString &text);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void load(const QJsonObject &login);
    void updateSignInBar();
    void onInserted(const QList<web::MediaLibraryAsset> &assets);
    void withAssetIds(const std::function<void(const QStringList &)> &use);
    [[nodiscard]] QMimeData *mimeData(const QList<web::MediaLibraryAsset> &assets) const;
    [[nodiscard]] static QString hostPage(const QUrl &loader, const QJsonObject &setup);

    QPointer<core::EnvironmentSession> m_session;
    web::WebProfiles *m_profiles = nullptr;
    InfoBar *m_signInBar = nullptr;
    MediaLibraryInsertBar *m_insertBar = nullptr;
    WidgetHost *m_host = nullptr;
    StatusLine *m_statusLine = nullptr;
    web::MediaLibraryBridge *m_bridge = nullptr;
    MediaLibraryCatalog *m_catalog = nullptr;
    QPointer<core::MediaLibraryLogin> m_login;
    QJsonObject m_options;
    QString m_identity;
    QElapsedTimer m_loadedAt; ///< since the last load: a signed login is good for an hour
    bool m_started = false;
    bool m_waitingForSession = false;
};

} // namespace stratus::gui
