#pragma once

#include "widgetwindow.h"

#include "core/catalog/catalogasset.h"
#include "web/mediaeditorbridge.h"

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QWidget;

namespace stratus::gui {

/// "Edit in Media Editor…" (issue 15, point 3): Cloudinary's Media Editor, inline in a window, for one
/// image (crop, resize, format) or one video (trim). What it exports — the transformation and the
/// derived URL — shows below it with Copy URL, Copy Transformation and Save as New Asset…: the
/// person chooses a folder and a name, and the derived URL is uploaded through the Upload API
/// (`file=<url>`, signed or with the token like every other call of the environment), read back and
/// written through to the catalogue; assetsWritten() tells the browser.
///
/// "Open in Transformation Studio" shows only once something is given to setTransformationStudio()
/// (there is no studio yet). One per environment (CloudWidgetWindows), reused. GUI thread.
class MediaEditorWindow : public WidgetWindow
{
    Q_OBJECT

public:
    /// Opens an export in the transformation studio.
    using TransformationStudio = std::function<void(const web::MediaEditorExport &result)>;
    /// Asks for the new asset's folder and name (both pre-filled); std::nullopt: cancelled. The
    /// default is a small dialog.
    using NewAssetQuestion = std::function<std::optional<std::pair<QString, QString>>(
        QWidget *parent, const QString &folder, const QString &name)>;

    MediaEditorWindow(web::WebProfiles *profiles, core::EnvironmentSession *session,
                      QWidget *parent = nullptr);
    ~MediaEditorWindow() override;

    /// Whether the Media Editor edits `asset`: a public (`upload`) image (not a PDF or other document)
    /// or video.
    [[nodiscard]] static bool canEdit(const core::catalog::CatalogAsset &asset);

    /// Shows the window with the editor on `asset` (an image or a video).
    void openFor(const core::catalog::CatalogAsset &asset);
    [[nodiscard]] const core::catalog::CatalogAsset &asset() const { return m_asset; }

    [[nodiscard]] web::MediaEditorBridge *bridge() const { return m_bridge; }
    /// The last export; std::nullopt before the first.
    [[nodiscard]] const std::optional<web::MediaEditorExport> &lastExport() const { return m_export; }

    void setTransformationStudio(TransformationStudio studio);
    void setNewAssetQuestion(NewAssetQuestion question) { m_askNewAsset = std::move(question); }

    /// Save as New Asset… of the last export (what the button does).
    void saveAsNewAsset();
    void copyUrl();
    void copyTransformation();

Q_SIGNALS:
    void exported(const stratus::web::MediaEditorExport &result);
    /// The saved asset is in the catalogue.
    void assetsWritten(const QStringList &assetIds);
    /// Save as New Asset… ended: `error` is empty on success (then `publicId` is the new asset's).
    void saveFinished(const QString &publicId, const QString &error);

private:
    void showExport(const web::MediaEditorExport &result);
    void upload(const QString &folder, const QString &name);
    void readBack(const QJsonObject &uploaded);
    [[nodiscard]] static std::optional<std::pair<QString, QString>>
    askNewAsset(QWidget *parent, const QString &folder, const QString &name);

    core::catalog::CatalogAsset m_asset;
    web::MediaEditorBridge *m_bridge = nullptr;
    std::optional<web::MediaEditorExport> m_export;
    TransformationStudio m_studio;
    NewAssetQuestion m_askNewAsset;
    QWidget *m_result = nullptr;
    QLineEdit *m_transformation = nullptr;
    QLineEdit *m_url = nullptr;
    QPushButton *m_studioButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QLabel *m_status = nullptr;
    bool m_saving = false;
};

} // namespace stratus::gui
