#pragma once

#include "core/catalog/catalogtypes.h"
#include "core/util/result.h"

#include <QAbstractListModel>
#include <QCache>
#include <QHash>
#include <QPixmap>
#include <QSet>
#include <QSize>

#include <functional>

class QMimeData;

namespace stratus::core::catalog {
class Catalog;
}

namespace stratus::core::assets {
class LocalFolders;
}

namespace stratus::gui {

/// The assets of one folder listing or one search of the local catalogue, for the browser's grid
/// and details views. A folder listing starts with the folder's subfolders (so that the grid can
/// open them), then its assets; a search has assets only. Assets come in pages of pageSize() through
/// canFetchMore()/fetchMore(), so a folder of 100,000 assets opens as fast as one of ten.
///
/// Thumbnails: the model keeps the pictures it was given (setThumbnail(), from ThumbnailLoader) in a
/// memory cache keyed by thumbnailKey() (asset id, version and size in device pixels) and hands them out
/// through ThumbnailRole, a placeholder while there is none. It never asks for them: scheduling is
/// the view's business (ThumbnailScheduler), and data() does no I/O.
///
/// Dragging: asset rows can be dragged (copy); mimeData() hands the dragged assets to the factory
/// the page sets (setMimeDataFactory: delivery URLs, files), or carries only their ids.
///
/// Borrows the catalogue and the local folders, which must outlive it. GUI thread only.
class AssetListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        KindRole = Qt::UserRole + 1, ///< RowKind
        NameRole,
        AssetIdRole,
        PublicIdRole,
        FolderPathRole, ///< folder rows: the folder's path
        ResourceTypeRole,
        FormatRole,
        BytesRole,
        WidthRole,
        HeightRole,
        DurationRole, ///< seconds (double), videos only
        CreatedAtRole,
        TagsRole, ///< QStringList
        CountRole, ///< folder rows: assets in it and below
        ThumbnailRole, ///< QPixmap: the picture, or a placeholder
        ThumbnailStateRole, ///< ThumbnailState
        ThumbnailKeyRole, ///< the key under which ThumbnailLoader delivers this row's picture
    };
    Q_ENUM(Role)

    enum class RowKind { Folder, Asset };
    Q_ENUM(RowKind)
    enum class ThumbnailState {
        None, ///< nothing to show (folders, raw files): the delegate draws an icon
        Loading, ///< asked for or not yet: placeholder
        Ready,
        Failed, ///< could not be had (offline, missing): placeholder
        /// never asked for: a private or authenticated asset of an environment that cannot sign
        /// its URL (signed in with Cloudinary): a lock, and the tooltip says why
        Locked,
    };
    Q_ENUM(ThumbnailState)

    explicit AssetListModel(core::catalog::Catalog *catalog, QObject *parent = nullptr);
    ~AssetListModel() override;

    /// Lists @p folder ("" is the root): its subfolders, then its assets.
    void setFolder(const QString &folder);
    /// Shows what @p query matches across the catalogue (no folder rows).
    void setQuery(const core::catalog::CatalogQuery &query);
    /// Orders the assets (folder rows stay first, by name); reloads.
    void setSort(core::catalog::CatalogSort sort, Qt::SortOrder order);
    /// Reloads the current listing or search (after a sync or an edit).
    void reload();
    /// Folders the catalogue cannot list (empty ones made in this run), shown among the subfolders.
    void setLocalFolders(const core::assets::LocalFolders *folders) { m_localFolders = folders; }

    using MimeDataFactory = std::function<QMimeData *(const QList<core::catalog::CatalogAsset> &assets)>;
    void setMimeDataFactory(MimeDataFactory factory) { m_mimeDataFactory = std::move(factory); }

    [[nodiscard]] bool isSearch() const { return m_isSearch; }
    [[nodiscard]] QString folder() const { return m_folder; }
    [[nodiscard]] core::catalog::CatalogSort sortKey() const { return m_sort; }
    [[nodiscard]] Qt::SortOrder sortOrder() const { return m_order; }
    /// Assets in the listing or search in all, loaded or not (folder rows not counted).
    [[nodiscard]] qint64 totalAssets() const { return m_total; }
    [[nodiscard]] int folderRowCount() const { return int(m_folders.size()); }
    /// The last error from the catalogue, empty when the last read worked.
    [[nodiscard]] QString lastError() const { return m_lastError; }

    void setPageSize(int rows) { m_pageSize = std::max(1, rows); }
    [[nodiscard]] int pageSize() const { return m_pageSize; }

    /// The asset of @p row, or nullptr for a folder row or a row out of range.
    [[nodiscard]] const core::catalog::CatalogAsset *assetAt(int row) const;
    /// The row of the asset with @p assetId among the loaded rows, or -1.
    [[nodiscard]] int rowOfAsset(const QString &assetId) const;

    /// The size of the thumbnails in device pixels; changing it changes every thumbnail key.
    void setThumbnailSize(const QSize &devicePixels);
    [[nodiscard]] QSize thumbnailSize() const { return m_thumbnailSize; }
    [[nodiscard]] QString thumbnailKey(const core::catalog::CatalogAsset &asset) const;
    /// Whether @p row needs a picture from the loader (an image or video without one yet).
    [[nodiscard]] bool needsThumbnail(int row) const;
    /// The environment cannot sign delivery URLs (it is signed in with Cloudinary, without the API
    /// secret): private and authenticated assets show ThumbnailState::Locked and are never asked for.
    void setSignedUrlsUnavailable(bool unavailable);
    [[nodiscard]] bool signedUrlsUnavailable() const { return m_signedUrlsUnavailable; }

    /// A picture arrived for @p key (ThumbnailLoader::ready).
    void setThumbnail(const QString &key, const QImage &image);
    /// The picture for @p key cannot be had (ThumbnailLoader::failed): the placeholder stays.
    void setThumbnailFailed(const QString &key);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    [[nodiscard]] QStringList mimeTypes() const override;
    [[nodiscard]] QMimeData *mimeData(const QModelIndexList &indexes) const override;
    [[nodiscard]] Qt::DropActions supportedDragActions() const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    /// Column 0 only: by name.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    /// The listing or search was (re)loaded: totalAssets() is current.
    void loaded();
    /// A read met a damaged catalogue file (Error::Kind::Damaged): it must be rebuilt.
    void catalogDamaged();

private:
    void load();
    void readFailed(const core::Error &error);
    [[nodiscard]] QPixmap placeholder() const;
    [[nodiscard]] const QPixmap *cachedThumbnail(const core::catalog::CatalogAsset &asset) const;
    /// The asset's picture as it is now: asset id and version.
    [[nodiscard]] static QString pictureId(const core::catalog::CatalogAsset &asset);

    core::catalog::Catalog *m_catalog;
    const core::assets::LocalFolders *m_localFolders = nullptr;
    MimeDataFactory m_mimeDataFactory;
    QString m_folder;
    core::catalog::CatalogQuery m_query;
    bool m_isSearch = false;
    core::catalog::CatalogSort m_sort = core::catalog::CatalogSort::Name;
    Qt::SortOrder m_order = Qt::AscendingOrder;
    int m_pageSize = 200;

    QList<core::catalog::CatalogFolder> m_folders;
    QList<core::catalog::CatalogAsset> m_assets;
    QHash<QString, int> m_assetRow; ///< asset id → index in m_assets
    qint64 m_total = 0;
    QString m_lastError;

    QSize m_thumbnailSize {160, 160};
    QCache<QString, QPixmap> m_thumbnails; ///< key → picture; cost in KiB
    QHash<QString, QString>
        m_lastKey; ///< pictureId → latest key delivered (any size), shown scaled meanwhile
    QSet<QString> m_failed;
    bool m_signedUrlsUnavailable = false;
    mutable QPixmap m_placeholder;
};

} // namespace stratus::gui
