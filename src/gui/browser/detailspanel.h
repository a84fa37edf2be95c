#pragma once

#include "browserenvironment.h"

#include "core/catalog/catalogasset.h"

#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QPixmap>
#include <QPointer>
#include <QStringList>
#include <QUrl>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

namespace Ui {
class DetailsPanel;
}

class QCompleter;
class QLineEdit;
class QStringListModel;

namespace stratus::core::assets {
class AssetJob;
class AssetService;
} // namespace stratus::core::assets

namespace stratus::gui {

class MetadataSection;
class ThumbnailLoader;

/// The delivery URL of @p asset with @p options (the Node SDK's url() options: transformation,
/// format, raw_transformation, …) in @p env. Private and authenticated assets get a signed URL
/// (`sign_url`): the secret is fetched from the environment for this one URL and dropped again.
/// @p done is called exactly once on @p context's thread, possibly before this returns, never
/// after @p context is destroyed. Shared by DetailsPanel and PreviewDialog.
void buildAssetUrl(const BrowserEnvironment &env, const core::catalog::CatalogAsset &asset,
                   QJsonObject options, QObject *context, std::function<void(core::Result<QUrl>)> done);

/// The url() options of a picture of @p asset that fits in @p devicePixels without being enlarged
/// (c_limit): JPEG (PNG for PNGs, to keep transparency), a video through its poster frame. Empty
/// for raw files, which have no picture.
[[nodiscard]] QJsonObject pictureOptions(const core::catalog::CatalogAsset &asset, const QSize &devicePixels);

/// @p image as a pixmap for a box of @p box logical pixels at @p ratio: shrunk to fit (never
/// enlarged), tagged with the ratio so it paints crisp.
[[nodiscard]] QPixmap fittedPixmap(const QImage &image, const QSize &box, qreal ratio);

/// The side panel of the browser that shows the selected asset and edits it.
///
/// One asset: a preview sized for the panel, every field as selectable read-only text, and the
/// editors for tags (completion from the catalogue's most frequent tags; Enter adds, Delete or
/// Backspace removes; Backspace in the empty editor takes back the last tag), context (key/value rows) and,
/// in dynamic folder mode, the display name. Save sends only what changed
/// (core::assets::AssetService::update), shows a busy state and any error in the panel, and on success writes
/// the returned resource through to the catalogue and emits assetsChanged(). Edits of an asset left unsaved
/// are kept as a draft and come back when it is shown again (unsavedAssetIds()); Revert drops them. "Copy
/// URL" and "Open in Browser" use the delivery URL, with a transformation chosen in the editable combo.
/// Several assets: a summary (count, total size); bulk editing is not done here.
///
/// While `env.offlineReason()` is not empty, editing is disabled and the reason shown; the
/// environment has no change signal, so the owner calls refreshOnlineState() when it changes.
///
/// Built by the browser with its environment (the catalogue must outlive the panel) and a
/// thumbnail loader; pass a loader of its own (it may share the browser's DiskCache), because the
/// browser's ThumbnailScheduler cancels every request of its loader that is not a grid cell. With
/// none, the panel makes one without a disk cache. GUI thread only.
class DetailsPanel : public QWidget
{
    Q_OBJECT

public:
    /// Saves go through @p assets (the browser's, shared with its commands); with none, the panel
    /// makes its own over @p env.
    DetailsPanel(const BrowserEnvironment &env, ThumbnailLoader *loader, QWidget *parent = nullptr,
                 core::assets::AssetService *assets = nullptr);
    ~DetailsPanel() override;

    /// Shows @p assetIds (asset ids of the catalogue): none, one (details and editors) or several
    /// (a summary). Unsaved edits of the asset shown before are kept as its draft.
    void setAssets(const QStringList &assetIds);
    [[nodiscard]] QStringList assets() const { return m_assetIds; }

    /// Puts the focus in the tag editor (for a "Edit Tags…" action or shortcut); false when no
    /// single asset is shown or editing is unavailable.
    bool editTags();

    /// Whether the asset shown has edits not yet saved.
    [[nodiscard]] bool isModified() const;
    /// Every asset with edits not yet saved: the one shown and the drafts of others.
    [[nodiscard]] QStringList unsavedAssetIds() const;
    [[nodiscard]] bool isSaving() const { return !m_savingAssetId.isEmpty(); }

public Q_SLOTS:
    /// Saves the shown asset's edits (nothing happens when there are none or while offline).
    void save();
    /// Drops the shown asset's edits.
    void revert();
    /// Reads the catalogue again for the assets shown (after a sync), keeping unsaved edits.
    void reload();
    /// Re-reads `env.offlineReason()` and enables or disables editing accordingly.
    void refreshOnlineState();
    /// Copies the delivery URL (with the chosen transformation) to the clipboard.
    void copyUrl();
    /// Opens the delivery URL (with the chosen transformation) in the web browser.
    void openInBrowser();

Q_SIGNALS:
    /// A save succeeded and the catalogue holds the new values of these assets: reload views.
    void assetsChanged(const QStringList &assetIds);
    /// A save ended; @p error is empty on success, else the text shown in the panel.
    void saveFinished(const QString &assetId, const QString &error);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    /// What the editors hold for one asset.
    struct Edits
    {
        QStringList tags;
        QMap<QString, QString> context;
        QString displayName;

        bool operator==(const Edits &other) const = default;
    };

    void buildFields();
    void showNothing();
    void showSummary();
    void showAsset();
    void fillFields(const core::catalog::CatalogAsset &asset);
    void loadEditors(const Edits &edits);
    [[nodiscard]] Edits editorState() const;
    [[nodiscard]] Edits storedState() const;
    [[nodiscard]] bool isDynamicMode() const;
    void stashDraft();
    void updateActions();
    void showStatus(const QString &text, bool error);

    void addTagsFromEdit();
    void removeSelectedTags();
    void addTag(const QString &tag);
    void addContextRow();
    void removeSelectedContextRows();
    void refreshTagCompletion();
    void finishSave(const QString &assetId, const core::assets::AssetJob *job);
    [[nodiscard]] QString transformation() const;
    void elideTitle();

    void requestPreview();
    void showPicture(const QImage &image);
    void showIcon();
    void withUrl(const std::function<void(const QUrl &)> &use);

    std::unique_ptr<Ui::DetailsPanel> m_ui;
    BrowserEnvironment m_env;
    core::assets::AssetService *m_assets;
    QPointer<ThumbnailLoader> m_loader;
    QCompleter *m_completer;
    QStringListModel *m_completionTags;
    QHash<QString, QLineEdit *> m_fields; ///< by the Resource field name (public_id, bytes, …)
    QLineEdit *m_displayName = nullptr;
    QWidget *m_metadataGroup = nullptr; ///< hosts m_metadata (structured metadata, one or several assets)
    MetadataSection *m_metadata = nullptr;

    QStringList m_assetIds;
    std::optional<core::catalog::CatalogAsset> m_asset; ///< the one shown, from the catalogue
    QHash<QString, Edits> m_drafts; ///< unsaved edits of assets not shown
    QString m_savingAssetId;
    Edits m_savingEdits; ///< what is being saved, kept as a draft if that fails
    QString m_previewKey;
    QSize m_previewPixels;
    bool m_completionStale = true; ///< the completer's tags must be counted again
    bool m_loading = false; ///< editors being filled: not a user's edit
};

} // namespace stratus::gui
