#include "assetlistmodel.h"

#include "assetmimedata.h"
#include "browserlogging.h"
#include "core/assets/localfolders.h"
#include "signedurllimits.h"

#include "core/catalog/catalog.h"
#include "core/delivery/thumbnailurls.h"
#include "gui/errors/errorpresenter.h"

#include <QLocale>
#include <QPainter>

Q_LOGGING_CATEGORY(lcBrowser, "stratus.gui.browser")

namespace stratus::gui {

using namespace Qt::StringLiterals;
using core::catalog::CatalogAsset;
using core::catalog::CatalogSort;

namespace {
// Enough pictures for several screens at the largest zoom, bounded so a long scroll cannot grow
// without end: the rest comes back from the disk cache.
constexpr int kThumbnailCacheKiB = 96 * 1024;
} // namespace

AssetListModel::AssetListModel(core::catalog::Catalog *catalog, QObject *parent)
    : QAbstractListModel(parent)
    , m_catalog(catalog)
    , m_thumbnails(kThumbnailCacheKiB)
{
}

AssetListModel::~AssetListModel() = default;

void AssetListModel::setFolder(const QString &folder)
{
    m_folder = folder;
    m_isSearch = false;
    m_query = {};
    load();
}

void AssetListModel::setQuery(const core::catalog::CatalogQuery &query)
{
    m_query = query;
    m_isSearch = true;
    load();
}

void AssetListModel::setSort(CatalogSort sort, Qt::SortOrder order)
{
    if (sort == m_sort && order == m_order)
        return;
    m_sort = sort;
    m_order = order;
    load();
}

void AssetListModel::reload()
{
    load();
}

void AssetListModel::sort(int column, Qt::SortOrder order)
{
    if (column == 0)
        setSort(CatalogSort::Name, order);
}

void AssetListModel::load()
{
    beginResetModel();
    m_folders.clear();
    m_assets.clear();
    m_assetRow.clear();
    m_total = 0;
    m_lastError.clear();
    m_failed.clear();
    if (m_catalog) {
        if (!m_isSearch) {
            if (auto folders = m_catalog->childFolders(m_folder))
                m_folders = std::move(folders).value();
            else
                readFailed(folders.error());
            if (m_localFolders)
                m_localFolders->mergeInto(m_folders, m_folder);
        }
        auto page = m_isSearch ? m_catalog->search(m_query, m_sort, m_order, 0, m_pageSize)
                               : m_catalog->listFolder(m_folder, m_sort, m_order, 0, m_pageSize);
        if (page) {
            m_total = page.value().total;
            m_assets = std::move(page.value().assets);
        } else {
            readFailed(page.error());
        }
    }
    for (int i = 0; i < m_assets.size(); ++i)
        m_assetRow.insert(m_assets.at(i).assetId, i);
    endResetModel();
    Q_EMIT loaded();
}

void AssetListModel::readFailed(const core::Error &error)
{
    m_lastError = ErrorPresenter::text(error);
    qCWarning(lcBrowser) << "catalogue read failed:" << core::errorReasonName(error.reason) << error.message;
    if (error.kind == core::Error::Kind::Damaged)
        QMetaObject::invokeMethod(this, &AssetListModel::catalogDamaged, Qt::QueuedConnection);
}

bool AssetListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_catalog && m_lastError.isEmpty() && m_assets.size() < m_total;
}

void AssetListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const int offset = int(m_assets.size());
    auto page = m_isSearch ? m_catalog->search(m_query, m_sort, m_order, offset, m_pageSize)
                           : m_catalog->listFolder(m_folder, m_sort, m_order, offset, m_pageSize);
    if (!page) {
        readFailed(page.error());
        return;
    }
    // The catalogue may have changed since the first page (a sync); the total follows it, and
    // rows already shown stay as they are until the next reload.
    m_total = page.value().total;
    QList<CatalogAsset> &more = page.value().assets;
    if (more.isEmpty()) {
        m_total = m_assets.size();
        return;
    }
    const int first = int(m_folders.size() + m_assets.size());
    beginInsertRows({}, first, first + int(more.size()) - 1);
    for (CatalogAsset &asset : more) {
        m_assetRow.insert(asset.assetId, int(m_assets.size()));
        m_assets.append(std::move(asset));
    }
    endInsertRows();
}

int AssetListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_folders.size() + m_assets.size());
}

const CatalogAsset *AssetListModel::assetAt(int row) const
{
    const int i = row - int(m_folders.size());
    return i >= 0 && i < m_assets.size() ? &m_assets.at(i) : nullptr;
}

int AssetListModel::rowOfAsset(const QString &assetId) const
{
    const auto it = m_assetRow.constFind(assetId);
    return it == m_assetRow.constEnd() ? -1 : int(m_folders.size()) + *it;
}

void AssetListModel::setThumbnailSize(const QSize &devicePixels)
{
    // A width of 0: pictures of that height in their own aspect ratio (the justified view).
    if (devicePixels == m_thumbnailSize || devicePixels.height() <= 0 || devicePixels.width() < 0)
        return;
    m_thumbnailSize = devicePixels;
    m_placeholder = {};
    m_failed.clear();
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0), index(rowCount() - 1),
                           {ThumbnailRole, ThumbnailStateRole, ThumbnailKeyRole, Qt::DecorationRole});
}

QString AssetListModel::pictureId(const CatalogAsset &asset)
{
    // A replaced asset keeps its asset id and gets a new version: the picture is the pair.
    return u"%1~v%2"_s.arg(asset.assetId).arg(asset.version);
}

QString AssetListModel::thumbnailKey(const CatalogAsset &asset) const
{
    return u"%1@%2x%3"_s.arg(pictureId(asset)).arg(m_thumbnailSize.width()).arg(m_thumbnailSize.height());
}

bool AssetListModel::needsThumbnail(int row) const
{
    const CatalogAsset *asset = assetAt(row);
    if (!asset || asset->resourceType == u"raw")
        return false;
    if (m_signedUrlsUnavailable && core::needsSignature(asset->type))
        return false;
    const QString key = thumbnailKey(*asset);
    return !m_thumbnails.contains(key) && !m_failed.contains(key);
}

void AssetListModel::setSignedUrlsUnavailable(bool unavailable)
{
    if (m_signedUrlsUnavailable == unavailable)
        return;
    m_signedUrlsUnavailable = unavailable;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0), index(rowCount() - 1),
                           {ThumbnailRole, ThumbnailStateRole, Qt::DecorationRole, Qt::ToolTipRole});
}

void AssetListModel::setThumbnail(const QString &key, const QImage &image)
{
    const QString picture = key.section(u'@', 0, -2);
    auto *pixmap = new QPixmap(QPixmap::fromImage(image));
    const int cost = std::max(1, int(qint64(image.sizeInBytes()) / 1024));
    if (!m_thumbnails.insert(key, pixmap, cost))
        return; // larger than the whole cache: nothing to keep
    m_failed.remove(key);
    m_lastKey.insert(picture, key);
    if (const int row = rowOfAsset(picture.section(u'~', 0, 0)); row >= 0) {
        const QModelIndex changed = index(row);
        Q_EMIT dataChanged(changed, changed, {ThumbnailRole, ThumbnailStateRole, Qt::DecorationRole});
    }
}

void AssetListModel::setThumbnailFailed(const QString &key)
{
    m_failed.insert(key);
    if (const int row = rowOfAsset(key.section(u'@', 0, -2).section(u'~', 0, 0)); row >= 0) {
        const QModelIndex changed = index(row);
        Q_EMIT dataChanged(changed, changed, {ThumbnailStateRole});
    }
}

const QPixmap *AssetListModel::cachedThumbnail(const CatalogAsset &asset) const
{
    if (const QPixmap *exact = m_thumbnails.object(thumbnailKey(asset)))
        return exact;
    // After a zoom, the picture of the old size stands in until the new one arrives; never the
    // picture of another version.
    const auto last = m_lastKey.constFind(pictureId(asset));
    return last == m_lastKey.constEnd() ? nullptr : m_thumbnails.object(*last);
}

QPixmap AssetListModel::placeholder() const
{
    if (m_placeholder.isNull()) {
        // A flat tile: the delegate paints its own placeholder; this one serves other views.
        QPixmap pixmap(m_thumbnailSize.width() > 0
                           ? m_thumbnailSize
                           : QSize(m_thumbnailSize.height(), m_thumbnailSize.height()));
        pixmap.fill(QColor(0x80, 0x80, 0x80, 0x40));
        m_placeholder = pixmap;
    }
    return m_placeholder;
}

QVariant AssetListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    if (row < m_folders.size()) {
        const core::catalog::CatalogFolder &folder = m_folders.at(row);
        switch (role) {
        case Qt::DisplayRole:
        case NameRole:
            return folder.name;
        case Qt::ToolTipRole:
            return tr("%1 — %n asset(s)", nullptr, int(folder.totalCount)).arg(folder.path);
        case KindRole:
            return QVariant::fromValue(RowKind::Folder);
        case FolderPathRole:
            return folder.path;
        case CountRole:
            return folder.totalCount;
        case ThumbnailStateRole:
            return QVariant::fromValue(ThumbnailState::None);
        default:
            return {};
        }
    }
    const CatalogAsset &asset = m_assets.at(row - m_folders.size());
    const core::FolderMode mode = m_catalog ? m_catalog->folderMode() : core::FolderMode::Fixed;
    const bool locked
        = m_signedUrlsUnavailable && asset.resourceType != u"raw" && core::needsSignature(asset.type);
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return asset.name(mode);
    case Qt::ToolTipRole:
        return locked ? asset.publicId + u'\n' + SignedUrlLimits::thumbnailToolTip() : asset.publicId;
    case KindRole:
        return QVariant::fromValue(RowKind::Asset);
    case AssetIdRole:
        return asset.assetId;
    case PublicIdRole:
        return asset.publicId;
    case ResourceTypeRole:
        return asset.resourceType;
    case FormatRole:
        return asset.format;
    case BytesRole:
        return asset.bytes;
    case WidthRole:
        return asset.width;
    case HeightRole:
        return asset.height;
    case DurationRole:
        return asset.duration ? QVariant(*asset.duration) : QVariant();
    case CreatedAtRole:
        return asset.createdAt;
    case TagsRole:
        return asset.tags;
    case ThumbnailKeyRole:
        return asset.resourceType == u"raw" ? QString() : thumbnailKey(asset);
    case ThumbnailStateRole: {
        if (asset.resourceType == u"raw")
            return QVariant::fromValue(ThumbnailState::None);
        if (locked)
            return QVariant::fromValue(ThumbnailState::Locked);
        if (m_thumbnails.contains(thumbnailKey(asset)))
            return QVariant::fromValue(ThumbnailState::Ready);
        if (m_failed.contains(thumbnailKey(asset)))
            return QVariant::fromValue(ThumbnailState::Failed);
        return QVariant::fromValue(cachedThumbnail(asset) ? ThumbnailState::Ready : ThumbnailState::Loading);
    }
    case ThumbnailRole:
        if (asset.resourceType == u"raw")
            return {};
        if (locked)
            return placeholder();
        if (const QPixmap *pixmap = cachedThumbnail(asset))
            return *pixmap;
        return placeholder();
    case Qt::DecorationRole:
        if (locked)
            return {};
        if (const QPixmap *pixmap = cachedThumbnail(asset))
            return *pixmap;
        return {};
    default:
        return {};
    }
}

Qt::ItemFlags AssetListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractListModel::flags(index);
    if (assetAt(index.row()) && index.isValid())
        flags |= Qt::ItemIsDragEnabled;
    return flags;
}

QStringList AssetListModel::mimeTypes() const
{
    return {AssetMimeData::assetIdsFormat(), u"text/uri-list"_s, u"text/plain"_s};
}

QMimeData *AssetListModel::mimeData(const QModelIndexList &indexes) const
{
    // The details view hands over one index per column: each row once, in row order.
    QList<int> rows;
    for (const QModelIndex &index : indexes) {
        if (index.isValid() && assetAt(index.row()) && !rows.contains(index.row()))
            rows.append(index.row());
    }
    std::sort(rows.begin(), rows.end());
    QList<CatalogAsset> assets;
    for (int row : std::as_const(rows))
        assets.append(*assetAt(row));
    if (assets.isEmpty())
        return nullptr;
    if (m_mimeDataFactory)
        return m_mimeDataFactory(assets);
    return new AssetMimeData(assets, {});
}

Qt::DropActions AssetListModel::supportedDragActions() const
{
    // Copy only: a view asked to move would remove the rows after the drop.
    return Qt::CopyAction;
}

QHash<int, QByteArray> AssetListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(QHash<int, QByteArray> {{KindRole, "kind"},
                                         {NameRole, "name"},
                                         {AssetIdRole, "asset_id"},
                                         {PublicIdRole, "public_id"},
                                         {FolderPathRole, "folder_path"},
                                         {ResourceTypeRole, "resource_type"},
                                         {FormatRole, "format"},
                                         {BytesRole, "bytes"},
                                         {WidthRole, "width"},
                                         {HeightRole, "height"},
                                         {DurationRole, "duration"},
                                         {CreatedAtRole, "created_at"},
                                         {TagsRole, "tags"},
                                         {CountRole, "count"},
                                         {ThumbnailRole, "thumbnail"},
                                         {ThumbnailStateRole, "thumbnail_state"},
                                         {ThumbnailKeyRole, "thumbnail_key"}});
    return names;
}

} // namespace stratus::gui
