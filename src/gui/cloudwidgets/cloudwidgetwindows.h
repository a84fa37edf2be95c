#pragma once

#include "core/catalog/catalogasset.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace stratus::core {
class EnvironmentSession;
}

namespace stratus::web {
class WebProfiles;
}

namespace stratus::gui {

class MediaEditorWindow;
class PreviewWindow;
class UploadWidgetWindow;

/// The windows of Cloudinary's widgets for one environment (issue 15, points 2–4): the Upload widget,
/// the Media Editor, the Video Player and the Product Gallery, each made on first use (WebEngine starts
/// only then) and reused. Whatever they add to the environment reaches its catalogue at once and is
/// announced with assetsWritten(), for the browser to read again.
///
/// Made by the UploadController for each environment (UploadController::widgetWindows()); the windows
/// are children of `window` (the main window), which they stay above. Goes away with the session.
/// GUI thread.
class CloudWidgetWindows : public QObject
{
    Q_OBJECT

public:
    CloudWidgetWindows(web::WebProfiles *profiles, core::EnvironmentSession *session, QWidget *window,
                       QObject *parent = nullptr);
    ~CloudWidgetWindows() override;

    [[nodiscard]] core::EnvironmentSession *session() const;

    /// Opens the Upload widget for `folder` ("" is Home).
    void openUploadWidget(const QString &folder);
    /// Opens the Media Editor on `asset` (an image or a video); false when it cannot edit it.
    bool openMediaEditor(const core::catalog::CatalogAsset &asset);
    /// Opens the Video Player on `video`; false when it is not a video.
    bool openVideoPlayer(const core::catalog::CatalogAsset &video);
    /// Opens the Product Gallery of `assets` (images and videos); false when there is none.
    bool openProductGallery(const QList<core::catalog::CatalogAsset> &assets);

    // The windows, made on first use.
    [[nodiscard]] UploadWidgetWindow *uploadWidget();
    [[nodiscard]] MediaEditorWindow *mediaEditor();
    [[nodiscard]] PreviewWindow *videoPlayer();
    [[nodiscard]] PreviewWindow *productGallery();

Q_SIGNALS:
    /// Assets were added to the catalogue (an upload of the widget, a saved edit).
    void assetsWritten(const QStringList &assetIds);

private:
    web::WebProfiles *m_profiles = nullptr;
    QPointer<core::EnvironmentSession> m_session;
    QPointer<QWidget> m_window;
    QPointer<UploadWidgetWindow> m_upload;
    QPointer<MediaEditorWindow> m_editor;
    QPointer<PreviewWindow> m_player;
    QPointer<PreviewWindow> m_gallery;
};

} // namespace stratus::gui
