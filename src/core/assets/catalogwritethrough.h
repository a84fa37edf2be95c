#pragma once

#include "localfolders.h"

#include "core/util/result.h"

#include <QHash>
#include <QJsonObject>
#include <QStringList>

namespace stratus::core::catalog {
class Catalog;
}

namespace stratus::core::assets {

/// The one place where a change the server confirmed reaches the local catalogue (and the folders
/// made in this run), so the browser, the details panel and stratus-cli show it at once without a
/// sync, all in the same way. AssetService calls it after each successful API call; nothing else
/// writes asset operations to the catalogue.
///
/// Owned by AssetService; the catalogue must outlive it. Not thread-safe (the catalogue's thread).
class CatalogWriteThrough
{
public:
    /// What a tags call did to each asset it names.
    enum class TagChange { Add, Remove, Replace };

    explicit CatalogWriteThrough(catalog::Catalog *catalog);

    [[nodiscard]] const LocalFolders &localFolders() const { return m_localFolders; }

    /// Fixed mode: the asset got a new public id (rename, move).
    Result<Done> renamed(const QString &assetId, const QString &publicId);
    /// Dynamic mode: the asset is in another asset folder; its public id stays.
    Result<Done> moved(const QString &assetId, const QString &assetFolder);
    /// Dynamic mode: the asset got a new display name.
    Result<Done> displayNameChanged(const QString &assetId, const QString &displayName);
    /// The Admin API's answer to an update (the whole resource: tags, context, metadata, …).
    Result<Done> updated(const QJsonObject &resource);
    /// @p publicIds (the server's answer) got @p tags added, removed, or as their only tags;
    /// @p assetIds maps the public ids of the call to asset ids.
    Result<Done> tagsChanged(const QStringList &publicIds, const QHash<QString, QString> &assetIds,
                             TagChange change, const QStringList &tags);
    /// The assets are gone from the server.
    Result<Done> deleted(const QStringList &assetIds);
    Result<Done> folderCreated(const QString &path);
    /// Dynamic mode: the folder and everything below it have a new path.
    Result<Done> folderRenamed(const QString &from, const QString &to);
    Result<Done> folderDeleted(const QString &path);

private:
    catalog::Catalog *m_catalog;
    LocalFolders m_localFolders;
};

} // namespace stratus::core::assets
