#pragma once

#include "gui/shell/page.h"

#include <QPointer>

#include <memory>

class QAction;
class QMenu;

namespace stratus::core {
class DeliverySigner;
class DiskCache;
class EnvironmentSession;
} // namespace stratus::core

namespace stratus::gui {

class BrowserPage;
class CloudWidgetWindows;
class Preferences;
class StatusLine;
class ThumbnailLoader;
class UploadController;

/// The Browse view of an environment page: the asset browser over the environment's catalogue, with
/// what it needs around it — the thumbnail disk cache (sized by the preferences, trimmed at once when
/// they shrink it), the thumbnail loader, the signer for private assets' thumbnails — and what keeps
/// it current: a reload after each sync and shortly after uploads land, the connection state, and a
/// rebuild of a damaged catalogue. Contributes a status bar line (what is selected, and for a while
/// what the browser did or does: StatusLine), the Go menu (Back, Forward, Up) and the browser's items
/// of the Edit and View menus. When the catalogue cannot be opened it says so instead.
///
/// Owned by its environment page; the session and the preferences must outlive it. GUI thread only.
class BrowseView : public Page
{
    Q_OBJECT

public:
    /// Restores the browser's sort order for this environment from @p preferences and writes it back
    /// there when the user changes it (AppSettings::browserSorts, by environment id).
    BrowseView(core::EnvironmentSession *session, Preferences *preferences, QWidget *parent = nullptr);
    ~BrowseView() override;

    /// The asset browser; null when the catalogue cannot be opened.
    [[nodiscard]] BrowserPage *browser() const { return m_browser; }
    /// The Upload widget for the folder shown (the Upload button's "Upload from a URL, Camera or Cloud
    /// Storage…").
    void openUploadWidget();

    /// The status bar line this view contributes.
    [[nodiscard]] StatusLine *statusLine() const { return m_statusLine; }

    /// Gives the browser's Upload button its commands (Files…, Folder…, and the Upload widget when the
    /// window has web profiles) through @p uploads, and the browser the commands of Cloudinary's other
    /// widgets (Media Editor, Video Player, Product Gallery).
    void setUploads(UploadController *uploads);

    [[nodiscard]] QString title() const override;
    [[nodiscard]] PageContributions contributions() const override;

Q_SIGNALS:
    /// Files from the file manager were dropped on a folder of the browser: to upload there.
    void filesDropped(const QStringList &paths, const QString &folder);

private:
    ThumbnailLoader *createThumbnailLoader(core::EnvironmentSession &session, const Preferences *preferences);
    core::DeliverySigner *createSigner();
    void createBrowser(core::EnvironmentSession &session, ThumbnailLoader *loader,
                       core::DeliverySigner *signer);
    void followSyncsAndUploads(core::EnvironmentSession &session);
    /// The browser's commands of Cloudinary's widgets open them; what they add shows.
    void connectWidgets();
    /// The environment's widget windows; null without web profiles.
    [[nodiscard]] CloudWidgetWindows *widgetWindows();
    /// The details panel opens its Technical section as it was left (kept in @p preferences).
    void rememberDetailsLayout(Preferences *preferences);
    void updateStatusLine();
    void restoreSort();
    void saveSort();

    QPointer<core::EnvironmentSession> m_session;
    Preferences *m_preferences = nullptr;
    std::unique_ptr<core::DiskCache> m_thumbnailCache;
    BrowserPage *m_browser = nullptr;
    StatusLine *m_statusLine = nullptr;
    QMenu *m_goMenu = nullptr;
    QPointer<UploadController> m_uploads;
    QAction *m_uploadWidgetAction = nullptr;
};

} // namespace stratus::gui
