#pragma once

#include "catalogtypes.h"

#include "core/metadata/metadatafield.h"
#include "core/search/searchexpression.h"
#include "core/util/result.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace stratus::core::catalog {

/// The local catalogue of one product environment (docs/architecture.md, "The local catalogue"):
/// every asset's metadata and the folder tree in an SQLite database (WAL) with an FTS5 index, so
/// that the browser lists, searches and counts without API calls, offline.
///
/// Tables: `assets` (one row per asset_id; tags as a JSON array, context and metadata as JSON
/// objects; `updated_at` as the server last reported it, written by upsertResources() only),
/// `folders` (every folder that holds an asset somewhere below it or that the server listed, with
/// direct and subtree counts), `known_folders` (the folders the server's folder listing named, or
/// that this app made, whether or not they hold an asset, with when their own children were last
/// listed),
/// `assets_fts` (name, public_id, display_name, tags, context and metadata values; rowid = the
/// asset row's rowid), `metadata_fields` (the environment's field definitions, in order) and `sync_state`
/// (key → value: schema version, folder mode, sync times, generation).
///
/// Folder modes: fixed → an asset's folder is its public id's path; dynamic → its asset_folder.
/// The mode is a property of the catalogue (setFolderMode); changing it re-files every asset.
///
/// Writes come from CatalogSync and, write-through, from every change the app makes (upsert,
/// remove, rename). Owned by whoever opened it; one thread (the one that opened it). Several
/// Catalog objects (processes) may open the same file: WAL lets readers run beside a writer.
class Catalog
{
public:
    static constexpr int kSchemaVersion = 1;

    /// Opens (creating it and its folder when missing) the catalogue at @p filePath. Fails with
    /// Kind::Io when the file cannot be opened or was written by a newer Stratus, Kind::Damaged
    /// when SQLite finds it corrupt.
    [[nodiscard]] static Result<std::unique_ptr<Catalog>> open(const QString &filePath);
    /// Opens an existing catalogue only; Kind::NotFound when there is none.
    [[nodiscard]] static Result<std::unique_ptr<Catalog>> openExisting(const QString &filePath);
    /// open(), and when the file is damaged, removeFiles() and open() an empty one in its place,
    /// setting *damage to what was wrong (left alone otherwise). For those who fill it next (a sync).
    [[nodiscard]] static Result<std::unique_ptr<Catalog>> openRepairing(const QString &filePath,
                                                                        QString *damage);
    /// Deletes the catalogue at @p filePath with SQLite's files beside it (nothing open on it).
    [[nodiscard]] static Result<Done> removeFiles(const QString &filePath);

    ~Catalog();
    Catalog(const Catalog &) = delete;
    Catalog &operator=(const Catalog &) = delete;

    [[nodiscard]] QString filePath() const { return m_filePath; }

    // Damage ------------------------------------------------------------------------------------
    //
    // A catalogue is a copy of what the server knows: when its file is damaged (a disk error, a
    // crash of the file system, a stray write) it is thrown away and filled again by a full sync,
    // never read in part. Every read fails with Kind::Damaged when SQLite meets a damaged page,
    // instead of answering with the rows before it.

    /// Reads every page of the catalogue file at @p filePath (SQLite's quick_check) through a
    /// connection of its own, so any thread may call it: Kind::Damaged with what is wrong. Costs
    /// about as much as reading the file once (docs/benchmarks.md).
    [[nodiscard]] static Result<Done> checkFile(const QString &filePath);
    /// Replaces the file with an empty catalogue (same path; this object and pointers to it stay
    /// valid). The sync state is gone too, so the next sync is a full one.
    Result<Done> recreate();

    // Reading ---------------------------------------------------------------------------------

    [[nodiscard]] qint64 assetCount() const;
    [[nodiscard]] FolderMode folderMode() const { return m_state.folderMode; }
    [[nodiscard]] const SyncState &syncState() const { return m_state; }

    /// The assets directly in @p folder ("" is the root), sorted, from @p offset, at most @p limit
    /// (negative: all).
    [[nodiscard]] Result<CatalogPage> listFolder(const QString &folder, CatalogSort sort = CatalogSort::Name,
                                                 Qt::SortOrder order = Qt::AscendingOrder, int offset = 0,
                                                 int limit = -1) const;
    /// The folders directly below @p parent ("" is the root), by name, with their counts.
    [[nodiscard]] Result<QList<CatalogFolder>> childFolders(const QString &parent) const;
    /// The folder @p path itself, or nullopt when the catalogue has no such folder.
    [[nodiscard]] Result<std::optional<CatalogFolder>> folderInfo(const QString &path) const;

    /// The assets @p query matches, sorted and paged as listFolder().
    [[nodiscard]] Result<CatalogPage> search(const CatalogQuery &query, CatalogSort sort = CatalogSort::Name,
                                             Qt::SortOrder order = Qt::AscendingOrder, int offset = 0,
                                             int limit = -1) const;
    /// Resource types, formats and the @p maxTags most frequent tags among what @p query matches.
    [[nodiscard]] Result<CatalogFacets> facets(const CatalogQuery &query, int maxTags = 50) const;

    /// The asset with @p assetId, or nullopt.
    [[nodiscard]] Result<std::optional<CatalogAsset>> asset(const QString &assetId) const;

    /// The assets whose etag (the MD5 of their bytes, lower-case hex) is @p etag: what the upload
    /// duplicate guard asks before sending a file. Indexed.
    [[nodiscard]] Result<QList<CatalogAsset>> assetsWithEtag(const QString &etag) const;

    /// Every asset @p expression (Search API syntax) matches, in the Search API's default order
    /// (created_at descending, then asset_id): what the live `resources/search` answers for the
    /// same expression over the same assets. Relative dates count back from @p now.
    [[nodiscard]] Result<QList<CatalogAsset>>
    find(const search::Expression &expression, const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

    /// The environment's structured metadata fields as the last sync read them, in their order.
    [[nodiscard]] Result<QList<MetadataField>> metadataFields() const;

    // Writing ---------------------------------------------------------------------------------

    /// Replaces the cached structured metadata field definitions (CatalogSync, after
    /// `GET metadata_fields`).
    Result<Done> setMetadataFields(const QList<MetadataField> &fields);

    /// Adds or replaces @p assets (by asset_id) in one transaction, marking them seen by the current
    /// generation. With @p updateFolders false the folder table is left for rebuildFolders() (a sync
    /// does that once at the end instead of after every page). An asset's stored updated_at is left
    /// as it was (a new one has none: its uploaded_at stands in).
    Result<Done> upsert(const QList<CatalogAsset> &assets, bool updateFolders = true);
    /// upsert() of resource objects as the Search API returns them (CatalogAsset::fromResourceJson),
    /// also keeping each one's `updated_at` (or `last_updated.updated_at`) for find() and
    /// latestUpdatedAt(). What CatalogSync stores.
    Result<Done> upsertResources(const QList<QJsonObject> &resources, bool updateFolders = true);
    /// Removes the assets with these ids (unknown ids are ignored).
    Result<Done> remove(const QStringList &assetIds);
    /// A renamed asset (Upload API `rename`): its new public id, which in fixed mode also moves it.
    Result<Done> rename(const QString &assetId, const QString &newPublicId);
    /// A moved asset (dynamic mode: `asset_folder` updated).
    Result<Done> moveToFolder(const QString &assetId, const QString &assetFolder);
    /// Re-files every asset under @p mode and records it.
    Result<Done> setFolderMode(FolderMode mode);
    /// Recomputes the folder table from the assets and the known folders.
    Result<Done> rebuildFolders();

    // Known folders (the Admin API's folder listing, CatalogSync) -------------------------------
    //
    // A folder with no asset below it exists only on the server's word: Cloudinary lists it
    // (`GET folders`, `GET folders/<path>`), and the catalogue keeps what was listed so that empty
    // folders made elsewhere show in the tree, offline too. The calls below change `known_folders`
    // only; the folder table follows at the next rebuildFolders() (the sync calls it once after its
    // walk), except for the write-through ones, which rebuild at once.

    /// Every known folder, sorted (the root is not a folder).
    [[nodiscard]] Result<QStringList> knownFolders() const;
    /// Every folder of the tree (from assets or known) and the root (""), in the order a folder walk
    /// should list them: never listed first, then the least recently listed, parents before
    /// children.
    [[nodiscard]] Result<QStringList> foldersByListingAge() const;
    /// The server listed @p children as all the folders directly below @p parent ("" the root) at
    /// @p when: the new ones are added, known ones below @p parent it did not name are forgotten with
    /// everything below them, and @p parent is marked listed at @p when.
    Result<Done> setKnownChildren(const QString &parent, const QStringList &children, const QDateTime &when);
    /// Rebuilds the folder table (in one transaction) so that it shows the known folders.
    Result<Done> applyKnownFolders();
    /// @p path is gone from the server (a listing of it answered 404): forgets it and all below it.
    Result<Done> forgetKnownFolder(const QString &path);
    /// Write-through: the app made the folder @p path (and so its ancestors).
    Result<Done> folderCreated(const QString &path);
    /// Write-through: the app deleted @p path and everything below it.
    Result<Done> folderDeleted(const QString &path);
    /// Write-through (dynamic mode): @p from and everything below it is now under @p to.
    Result<Done> folderRenamed(const QString &from, const QString &to);

    // Sync bookkeeping (CatalogSync) -------------------------------------------------------------

    /// Starts a full sync: bumps the generation; upserts from here on are "seen".
    Result<Done> beginFullSync();
    /// Ends a complete full sync at @p when: removes every asset it did not see, returns how many.
    Result<qint64> finishFullSync(const QDateTime &when);
    /// Ends a complete incremental sync at @p when that asked for uploads since @p since.
    Result<Done> finishIncrementalSync(const QDateTime &when, const QDateTime &since);
    /// The latest uploaded_at in the catalogue (invalid when empty).
    [[nodiscard]] QDateTime latestUploadedAt() const;
    /// The latest updated_at in the catalogue, an asset without one counting its uploaded_at
    /// (invalid when empty).
    [[nodiscard]] QDateTime latestUpdatedAt() const;

private:
    Catalog(QString filePath, QString connectionName);

    [[nodiscard]] QSqlDatabase db() const;
    Result<Done> connect();
    Result<Done> createSchema();
    Result<Done> loadState();
    Result<Done> writeState(const QString &key, const QString &value);
    Result<CatalogPage> selectPage(const QString &where, const QVariantList &binds, CatalogSort sort,
                                   Qt::SortOrder order, int offset, int limit,
                                   std::optional<qint64> knownTotal = std::nullopt) const;
    Result<Done> upsertOne(const CatalogAsset &asset);
    Result<Done> migrate();
    Result<Done> forgetKnownSubtree(const QString &path);
    Result<Done> addKnownFolder(const QString &path);
    Result<Done> removeOne(const QString &assetId);
    Result<Done> modify(const QString &assetId, const std::function<void(CatalogAsset &)> &change);
    Result<Done> transaction(const std::function<Result<Done>()> &work);

    QString m_filePath;
    QString m_connectionName;
    SyncState m_state;
};

} // namespace stratus::core::catalog
