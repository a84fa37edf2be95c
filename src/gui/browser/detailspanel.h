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

class QAction;
class QCompleter;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidgetItem;
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

/// The side panel of the browser that shows the selected assets and edits them.
///
/// One asset: what people look at first — the name (editable in dynamic folder mode), a preview
/// sized for the panel, dimensions, size, type, created, folder — then the editors for tags
/// (completion from the catalogue's most frequent tags; Enter adds, Delete or Backspace removes;
/// Backspace in the empty editor takes back the last tag), alt text and caption (context keys `alt`
/// and `caption`), a "Structured metadata" section that another widget fills (setMetadataSection()),
/// the other context entries, the link, and a collapsed "Technical" section (public ID, asset ID,
/// version, ETag, delivery type, URL…). Save sends only what changed (core::assets::AssetService::
/// update), shows a busy state and any error in the panel, and on success writes the returned
/// resource through to the catalogue and emits assetsChanged(). Edits of an asset left unsaved are
/// kept as a draft and come back when it is shown again (unsavedAssetIds()); Revert drops them.
///
/// Several assets: a summary (count, total size, types, a strip of thumbnails) and the fields that
/// can be edited in bulk: tags (each shown with how many of the selected assets have it; added to or
/// removed from all) and alt text and caption ("Mixed" while they differ; a value typed is set on
/// all). "Apply to N Assets" sends one update per asset that changes, a few at a time, with progress
/// and every failure named with its asset; the assets that went through are written to the catalogue.
///
/// The panel is one page that scrolls as a whole (its lists grow instead of scrolling) and goes back
/// to the top when other assets are shown. While `env.offlineReason()` is not empty, editing is
/// disabled and the reason shown; the environment has no change signal, so the owner calls
/// refreshOnlineState() when it changes.
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
    /// (a summary and the bulk editors). Unsaved edits of what was shown before are kept as a draft.
    /// Other assets than before start at the top of the panel.
    void setAssets(const QStringList &assetIds);
    [[nodiscard]] QStringList assets() const { return m_assetIds; }
    /// After the browser's listing lost @p assetIds (moved to another folder, renamed out of the
    /// rows shown): keeps showing those the catalogue still has, with a note, so the panel follows
    /// them instead of going blank; nothing when none is left (deleted).
    void followAssets(const QStringList &assetIds);

    /// Puts @p editor (the structured metadata editor) in the "Structured metadata" section, which
    /// shows only while it has one; the panel takes ownership. nullptr empties it. The editor
    /// follows shownAssetsChanged() to know what to edit.
    void setMetadataSection(QWidget *editor);
    [[nodiscard]] QWidget *metadataSection() const { return m_metadataEditor; }
    /// The metadata section has something to show (the environment defines metadata fields).
    [[nodiscard]] bool hasMetadataFields() const;

    /// Buttons for @p actions (the browser's commands of Cloudinary's widgets: Edit in Media Editor…,
    /// Preview in Video Player, Preview as Product Gallery), under the title; each shows while its
    /// action is visible and enabled (the commands follow the selection, which is what the panel shows).
    void setAssetActions(const QList<QAction *> &actions);

    /// Whether the "Technical" section is open; closed at first. The owner keeps the choice
    /// (technicalExpandedChanged()) and gives it back to the next panel.
    [[nodiscard]] bool isTechnicalExpanded() const;
    void setTechnicalExpanded(bool expanded);

    /// Puts the focus in the tag editor (for a "Edit Tags…" action or shortcut); false when no
    /// asset is shown or editing is unavailable.
    bool editTags();

    /// Whether what is shown (one asset, or the bulk edits of several) has edits not yet saved.
    [[nodiscard]] bool isModified() const;
    /// Every asset with edits not yet saved: the one shown and the drafts of others.
    [[nodiscard]] QStringList unsavedAssetIds() const;
    [[nodiscard]] bool isSaving() const { return !m_savingAssetId.isEmpty() || m_bulkRun != nullptr; }

public Q_SLOTS:
    /// Saves the shown asset's edits, or applies the bulk edits to every selected asset (nothing
    /// happens when there are none or while offline).
    void save();
    /// Drops the edits of what is shown.
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
    /// A save of one asset ended (also each asset of a bulk apply); @p error is empty on success,
    /// else the text shown.
    void saveFinished(const QString &assetId, const QString &error);
    /// A bulk apply ended: the assets updated and those that failed.
    void bulkSaveFinished(const QStringList &saved, const QStringList &failed);
    /// Other assets are shown (none, one or several).
    void shownAssetsChanged(const QStringList &assetIds);
    void technicalExpandedChanged(bool expanded);

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
    /// What the bulk editors hold for several assets: changes to apply to each.
    struct BulkEdits
    {
        QStringList addTags;
        QStringList removeTags;
        std::optional<QString> alt; ///< set on all (empty: removed from all); unset: left alone
        std::optional<QString> caption;

        [[nodiscard]] bool isEmpty() const
        {
            return addTags.isEmpty() && removeTags.isEmpty() && !alt && !caption;
        }
    };
    struct BulkRun;

    void buildFields();
    void addField(QFormLayout *form, const QString &key, const QString &label);
    void styleHeadings();
    void showNothing();
    void showAsset();
    void fillFields(const core::catalog::CatalogAsset &asset);
    void loadEditors(const Edits &edits);
    [[nodiscard]] Edits editorState() const;
    [[nodiscard]] Edits storedState() const;
    [[nodiscard]] bool isDynamicMode() const;
    void stashDraft();
    void updateActions();
    void showStatus(const QString &text, bool error);
    void setSections(bool single, bool several);

    void addTagsFromEdit();
    void removeSelectedTags();
    void addTag(const QString &tag);
    void addContextRow();
    void removeSelectedContextRows();
    void refreshTagCompletion();
    void finishSave(const QString &assetId, const core::assets::AssetJob *job);
    [[nodiscard]] QString transformation() const;

    // Several assets (detailspanelbulk.cpp).
    void showSummary();
    [[nodiscard]] QString selectionKey() const;
    void loadBulkEditors();
    void bulkTextEdited(QLineEdit *edit, const QString &text);
    void addBulkTag(const QString &tag);
    void removeBulkTags(const QList<QListWidgetItem *> &items);
    void layoutStrip();
    void requestStripThumbnail(const core::catalog::CatalogAsset &asset, QLabel *label);
    void applyBulk();
    void pumpBulk();
    void finishBulk();

    void requestPreview();
    void showPicture(const QImage &image);
    void showIcon();
    void showUrlField();
    /// The asset cannot get a signed URL here (isUnlinkable()): the sentence, the lock, the link
    /// buttons off; or all of that undone.
    void showLinkLimits();
    /// A private or authenticated asset of an environment signed in with Cloudinary (no API secret).
    [[nodiscard]] bool isUnlinkable() const;
    void withUrl(const std::function<void(const QUrl &)> &use);

    std::unique_ptr<Ui::DetailsPanel> m_ui;
    BrowserEnvironment m_env;
    core::assets::AssetService *m_assets;
    QPointer<ThumbnailLoader> m_loader;
    QCompleter *m_completer;
    QStringListModel *m_completionTags;
    QHash<QString, QLineEdit *> m_fields; ///< by the Resource field name (public_id, bytes, …)
    QLineEdit *m_displayName = nullptr;
    QPointer<QWidget> m_metadataEditor;
    QWidget *m_assetActions = nullptr; ///< the row of setAssetActions()
    /// The structured metadata editor shown in that section (one asset or several); null once replaced.
    QPointer<MetadataSection> m_metadata;

    QStringList m_assetIds;
    std::optional<core::catalog::CatalogAsset> m_asset; ///< the one shown, from the catalogue
    QHash<QString, Edits> m_drafts; ///< unsaved edits of assets not shown
    QString m_savingAssetId;
    Edits m_savingEdits; ///< what is being saved, kept as a draft if that fails
    QString m_previewKey;
    QSize m_previewPixels;
    bool m_completionStale = true; ///< the completer's tags must be counted again
    bool m_loading = false; ///< editors being filled: not a user's edit

    QList<core::catalog::CatalogAsset> m_selection; ///< the several shown, from the catalogue
    BulkEdits m_bulk; ///< the edits of the several shown
    QHash<QString, BulkEdits> m_bulkDrafts; ///< by selectionKey(): unsaved bulk edits of other selections
    std::unique_ptr<BulkRun> m_bulkRun; ///< the bulk apply running
    QHash<QString, QPointer<QLabel>> m_stripKeys; ///< thumbnail request key → its label in the strip
    int m_stripFit = 0; ///< how many thumbnails the strip was laid out for
};

} // namespace stratus::gui
