#include "cloudwidgetwindows.h"

#include "mediaeditorwindow.h"
#include "previewwindow.h"
#include "uploadwidgetwindow.h"

#include "core/session/environmentsession.h"

namespace stratus::gui {

CloudWidgetWindows::CloudWidgetWindows(web::WebProfiles *profiles, core::EnvironmentSession *session,
                                       QWidget *window, QObject *parent)
    : QObject(parent)
    , m_profiles(profiles)
    , m_session(session)
    , m_window(window)
{
    // The windows (children of the main window) go with the session they show.
    if (session != nullptr)
        connect(session, &QObject::destroyed, this, [this] {
            delete m_upload.data();
            delete m_editor.data();
            delete m_player.data();
            delete m_gallery.data();
            deleteLater();
        });
}

CloudWidgetWindows::~CloudWidgetWindows()
{
    delete m_upload.data();
    delete m_editor.data();
    delete m_player.data();
    delete m_gallery.data();
}

core::EnvironmentSession *CloudWidgetWindows::session() const
{
    return m_session.data();
}

UploadWidgetWindow *CloudWidgetWindows::uploadWidget()
{
    if (!m_upload) {
        m_upload = new UploadWidgetWindow(m_profiles, m_session, m_window);
        connect(m_upload, &UploadWidgetWindow::assetsWritten, this, &CloudWidgetWindows::assetsWritten);
    }
    return m_upload;
}

MediaEditorWindow *CloudWidgetWindows::mediaEditor()
{
    if (!m_editor) {
        m_editor = new MediaEditorWindow(m_profiles, m_session, m_window);
        connect(m_editor, &MediaEditorWindow::assetsWritten, this, &CloudWidgetWindows::assetsWritten);
    }
    return m_editor;
}

PreviewWindow *CloudWidgetWindows::videoPlayer()
{
    if (!m_player)
        m_player = new PreviewWindow(m_profiles, m_session, web::WidgetKind::VideoPlayer, m_window);
    return m_player;
}

PreviewWindow *CloudWidgetWindows::productGallery()
{
    if (!m_gallery)
        m_gallery = new PreviewWindow(m_profiles, m_session, web::WidgetKind::ProductGallery, m_window);
    return m_gallery;
}

void CloudWidgetWindows::openUploadWidget(const QString &folder)
{
    if (m_session)
        uploadWidget()->openFor(folder);
}

bool CloudWidgetWindows::openMediaEditor(const core::catalog::CatalogAsset &asset)
{
    if (!m_session || !MediaEditorWindow::canEdit(asset))
        return false;
    mediaEditor()->openFor(asset);
    return true;
}

bool CloudWidgetWindows::openVideoPlayer(const core::catalog::CatalogAsset &video)
{
    if (!m_session || !videoPlayer()->canPreview({video}))
        return false;
    videoPlayer()->openFor({video});
    return true;
}

bool CloudWidgetWindows::openProductGallery(const QList<core::catalog::CatalogAsset> &assets)
{
    QList<core::catalog::CatalogAsset> shown;
    for (const core::catalog::CatalogAsset &asset : assets) {
        if (PreviewWindow::isPublicMedia(asset))
            shown.append(asset);
    }
    if (!m_session || shown.isEmpty())
        return false;
    productGallery()->openFor(shown);
    return true;
}

} // namespace stratus::gui
