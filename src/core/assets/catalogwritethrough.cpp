#include "catalogwritethrough.h"

#include "core/catalog/catalog.h"

namespace stratus::core::assets {

using catalog::CatalogAsset;

namespace {

/// Every asset in @p folder and below.
QList<CatalogAsset> assetsBelow(const catalog::Catalog &catalog, const QString &folder)
{
    QList<CatalogAsset> found;
    QStringList pending {folder};
    while (!pending.isEmpty()) {
        const QString current = pending.takeLast();
        if (auto page = catalog.listFolder(current))
            found += page.value().assets;
        if (auto children = catalog.childFolders(current)) {
            for (const auto &child : children.value())
                pending.append(child.path);
        }
    }
    return found;
}

} // namespace

CatalogWriteThrough::CatalogWriteThrough(catalog::Catalog *catalog)
    : m_catalog(catalog)
{
}

Result<Done> CatalogWriteThrough::renamed(const QString &assetId, const QString &publicId)
{
    return m_catalog->rename(assetId, publicId);
}

Result<Done> CatalogWriteThrough::moved(const QString &assetId, const QString &assetFolder)
{
    return m_catalog->moveToFolder(assetId, assetFolder);
}

Result<Done> CatalogWriteThrough::displayNameChanged(const QString &assetId, const QString &displayName)
{
    auto current = m_catalog->asset(assetId);
    if (!current)
        return current.error();
    if (!*current)
        return Done {}; // not catalogued (yet): the next sync brings it
    CatalogAsset changed = **current;
    changed.displayName = displayName;
    return m_catalog->upsert({changed});
}

Result<Done> CatalogWriteThrough::updated(const QJsonObject &resource)
{
    return m_catalog->upsertResources({resource});
}

Result<Done> CatalogWriteThrough::tagsChanged(const QStringList &publicIds,
                                              const QHash<QString, QString> &assetIds, TagChange change,
                                              const QStringList &tags)
{
    QList<CatalogAsset> changed;
    for (const QString &publicId : publicIds) {
        auto current = m_catalog->asset(assetIds.value(publicId));
        if (!current)
            return current.error();
        if (!*current)
            continue;
        CatalogAsset asset = **current;
        if (change == TagChange::Replace)
            asset.tags.clear();
        for (const QString &tag : tags) {
            if (change == TagChange::Remove)
                asset.tags.removeAll(tag);
            else if (!asset.tags.contains(tag))
                asset.tags.append(tag);
        }
        changed.append(asset);
    }
    return changed.isEmpty() ? Result<Done>(Done {}) : m_catalog->upsert(changed);
}

Result<Done> CatalogWriteThrough::deleted(const QStringList &assetIds)
{
    return m_catalog->remove(assetIds);
}

Result<Done> CatalogWriteThrough::folderCreated(const QString &path)
{
    m_localFolders.add(path);
    return m_catalog->folderCreated(path);
}

Result<Done> CatalogWriteThrough::folderRenamed(const QString &from, const QString &to)
{
    m_localFolders.rename(from, to);
    if (auto renamed = m_catalog->folderRenamed(from, to); !renamed)
        return renamed;
    QList<CatalogAsset> moved = assetsBelow(*m_catalog, from);
    for (CatalogAsset &asset : moved)
        asset.assetFolder = to + asset.assetFolder.mid(from.size());
    return moved.isEmpty() ? Result<Done>(Done {}) : m_catalog->upsert(moved);
}

Result<Done> CatalogWriteThrough::folderDeleted(const QString &path)
{
    m_localFolders.remove(path);
    return m_catalog->folderDeleted(path);
}

} // namespace stratus::core::assets
