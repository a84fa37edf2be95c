// Catalog's writes: upserts, removals, renames and moves (write-through and sync), the folder
// table, and the bookkeeping of syncs. Reads are in catalog.cpp, the file itself in catalogfile.cpp.
#include "catalog.h"

#include "catalogsql_p.h"

#include "core/accounts/accounts.h"
#include "core/net/neterror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace stratus::core::catalog {

namespace {

QString joinedValues(const QJsonObject &object)
{
    QStringList values;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.value().isArray()) {
            for (const QJsonValue &item : it.value().toArray())
                values.append(item.toVariant().toString());
        } else {
            values.append(it.value().toVariant().toString());
        }
    }
    return values.join(u' ');
}

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

// Writing -----------------------------------------------------------------------------------------

Result<Done> Catalog::upsertOne(const CatalogAsset &a)
{
    const FolderMode mode = m_state.folderMode;
    auto ran = sql::run(
        db(),
        u"INSERT INTO assets (asset_id, public_id, resource_type, type, format, bytes, width, height, "
        u"duration,"
        u" version, etag, created_at, uploaded_at, asset_folder, public_id_folder, display_name, tags, "
        u"context,"
        u" metadata, status, folder, name, generation) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
        u" ON CONFLICT (asset_id) DO UPDATE SET public_id = excluded.public_id,"
        u" resource_type = excluded.resource_type, type = excluded.type, format = excluded.format,"
        u" bytes = excluded.bytes, width = excluded.width, height = excluded.height,"
        u" duration = excluded.duration, version = excluded.version, etag = excluded.etag,"
        u" created_at = excluded.created_at, uploaded_at = excluded.uploaded_at,"
        u" asset_folder = excluded.asset_folder, public_id_folder = excluded.public_id_folder,"
        u" display_name = excluded.display_name, tags = excluded.tags, context = excluded.context,"
        u" metadata = excluded.metadata, status = excluded.status, folder = excluded.folder,"
        u" name = excluded.name, generation = excluded.generation"_s,
        {a.assetId,
         a.publicId,
         a.resourceType,
         a.type,
         a.format,
         a.bytes,
         a.width,
         a.height,
         a.duration ? QVariant(*a.duration) : QVariant(),
         a.version,
         a.etag,
         sql::dateValue(a.createdAt),
         sql::dateValue(a.uploadedAt),
         a.assetFolder,
         search::fixedModeFolder(a.publicId),
         a.displayName,
         QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(a.tags)).toJson(QJsonDocument::Compact)),
         compactJson(a.context),
         compactJson(a.metadata),
         a.status,
         a.folder(mode),
         a.name(mode),
         m_state.generation});
    if (!ran)
        return ran.error();
    auto rowid = sql::run(db(), u"SELECT rowid FROM assets WHERE asset_id = ?"_s, {a.assetId});
    if (!rowid)
        return rowid.error();
    if (!rowid.value().next()) {
        if (auto read = sql::drained(*rowid); !read)
            return read;
        return Error::because(Error::Kind::Internal, ErrorReason::CatalogAssetVanished, a.assetId);
    }
    const qint64 id = rowid.value().value(0).toLongLong();
    if (auto removed = sql::run(db(), u"DELETE FROM assets_fts WHERE rowid = ?"_s, {id}); !removed)
        return removed.error();
    auto indexed
        = sql::run(db(),
                   u"INSERT INTO assets_fts (rowid, name, public_id, display_name, tags, context, metadata)"
                   u" VALUES (?,?,?,?,?,?,?)"_s,
                   {id, a.name(mode), a.publicId, a.displayName, a.tags.join(u' '), joinedValues(a.context),
                    joinedValues(a.metadata)});
    if (!indexed)
        return indexed.error();
    return Done {};
}

Result<Done> Catalog::upsert(const QList<CatalogAsset> &assets, bool updateFolders)
{
    return transaction([&]() -> Result<Done> {
        for (const CatalogAsset &asset : assets) {
            if (asset.assetId.isEmpty())
                continue;
            if (auto done = upsertOne(asset); !done)
                return done;
        }
        return updateFolders ? rebuildFolders() : Result<Done>(Done {});
    });
}

Result<Done> Catalog::upsertResources(const QList<QJsonObject> &resources, bool updateFolders)
{
    return transaction([&]() -> Result<Done> {
        for (const QJsonObject &resource : resources) {
            const CatalogAsset asset = CatalogAsset::fromResourceJson(resource);
            if (asset.assetId.isEmpty())
                continue;
            if (auto done = upsertOne(asset); !done)
                return done;
            // The Search API's field, else the Admin API's last_updated object; NULL when neither.
            QJsonValue updated = resource.value("updated_at"_L1);
            if (!updated.isString())
                updated = resource.value("last_updated"_L1).toObject().value("updated_at"_L1);
            auto stored = sql::run(db(), u"UPDATE assets SET updated_at = ? WHERE asset_id = ?"_s,
                                   {sql::dateValue(sql::dateFromText(updated.toString())), asset.assetId});
            if (!stored)
                return stored.error();
        }
        return updateFolders ? rebuildFolders() : Result<Done>(Done {});
    });
}

Result<Done> Catalog::removeOne(const QString &assetId)
{
    auto removed = sql::run(
        db(), u"DELETE FROM assets_fts WHERE rowid IN (SELECT rowid FROM assets WHERE asset_id = ?)"_s,
        {assetId});
    if (!removed)
        return removed.error();
    if (auto gone = sql::run(db(), u"DELETE FROM assets WHERE asset_id = ?"_s, {assetId}); !gone)
        return gone.error();
    return Done {};
}

Result<Done> Catalog::setMetadataFields(const QList<MetadataField> &fields)
{
    return transaction([&]() -> Result<Done> {
        if (auto cleared = sql::run(db(), u"DELETE FROM metadata_fields"_s); !cleared)
            return cleared.error();
        for (qsizetype i = 0; i < fields.size(); ++i) {
            const QString json
                = QString::fromUtf8(QJsonDocument(fields.at(i).raw).toJson(QJsonDocument::Compact));
            if (auto added = sql::run(
                    db(), u"INSERT INTO metadata_fields (position, external_id, json) VALUES (?, ?, ?)"_s,
                    {qint64(i), fields.at(i).externalId, json});
                !added)
                return added.error();
        }
        return Done {};
    });
}

Result<Done> Catalog::remove(const QStringList &assetIds)
{
    return transaction([&]() -> Result<Done> {
        for (const QString &id : assetIds) {
            if (auto done = removeOne(id); !done)
                return done;
        }
        return rebuildFolders();
    });
}

Result<Done> Catalog::modify(const QString &assetId, const std::function<void(CatalogAsset &)> &change)
{
    auto current = asset(assetId);
    if (!current)
        return current.error();
    if (!*current)
        return Error::because(Error::Kind::NotFound, ErrorReason::CatalogAssetUnknown, assetId);
    CatalogAsset changed = **current;
    change(changed);
    return upsert({changed});
}

Result<Done> Catalog::rename(const QString &assetId, const QString &newPublicId)
{
    return modify(assetId, [&](CatalogAsset &a) {
        a.publicId = newPublicId;
        a.publicIdFolder = search::fixedModeFolder(newPublicId);
        if (m_state.folderMode == FolderMode::Fixed)
            a.assetFolder = a.publicIdFolder;
    });
}

Result<Done> Catalog::moveToFolder(const QString &assetId, const QString &assetFolder)
{
    return modify(assetId, [&](CatalogAsset &a) { a.assetFolder = assetFolder; });
}

Result<Done> Catalog::setFolderMode(FolderMode mode)
{
    if (mode == m_state.folderMode)
        return Done {};
    auto done = transaction([&]() -> Result<Done> {
        if (auto written = writeState(u"folder_mode"_s, folderModeName(mode)); !written)
            return written;
        const QString statement = mode == FolderMode::Fixed
            ? u"UPDATE assets SET folder = public_id_folder, name = replace(public_id, rtrim(public_id, replace(public_id, '/', '')), '')"_s
            : u"UPDATE assets SET folder = asset_folder, name = CASE WHEN display_name <> '' THEN "
              u"display_name"
              u" ELSE replace(public_id, rtrim(public_id, replace(public_id, '/', '')), '') END"_s;
        if (auto ran = sql::run(db(), statement); !ran)
            return ran.error();
        m_state.folderMode = mode;
        return rebuildFolders();
    });
    return done;
}

Result<Done> Catalog::rebuildFolders()
{
    auto rows = sql::run(db(), u"SELECT folder, COUNT(*) FROM assets GROUP BY folder"_s);
    if (!rows)
        return rows.error();
    QMap<QString, std::pair<qint64, qint64>> counts; // path → direct, total
    while (rows.value().next()) {
        const QString path = rows.value().value(0).toString();
        const qint64 n = rows.value().value(1).toLongLong();
        if (path.isEmpty())
            continue;
        counts[path].first += n;
        QString ancestor = path;
        while (!ancestor.isEmpty()) {
            counts[ancestor].second += n;
            ancestor = search::fixedModeFolder(ancestor);
        }
    }
    if (auto read = sql::drained(*rows); !read)
        return read;
    // Known folders hold no asset the catalogue knows of, or they would be counted already: they
    // and their ancestors join the tree with what they have (0 when empty).
    auto known = sql::run(db(), u"SELECT path FROM known_folders"_s);
    if (!known)
        return known.error();
    while (known.value().next()) {
        for (QString path = known.value().value(0).toString(); !path.isEmpty();
             path = search::fixedModeFolder(path))
            (void)counts[path];
    }
    if (auto read = sql::drained(*known); !read)
        return read;
    if (auto cleared = sql::run(db(), u"DELETE FROM folders"_s); !cleared)
        return cleared.error();
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
        auto inserted = sql::run(
            db(), u"INSERT INTO folders (path, parent, name, direct_count, total_count) VALUES (?,?,?,?,?)"_s,
            {it.key(), search::fixedModeFolder(it.key()), sql::lastSegment(it.key()), it->first, it->second});
        if (!inserted)
            return inserted.error();
    }
    return Done {};
}

// Sync bookkeeping --------------------------------------------------------------------------------

Result<Done> Catalog::beginFullSync()
{
    const qint64 next = m_state.generation + 1;
    if (auto written = writeState(u"generation"_s, QString::number(next)); !written)
        return written;
    m_state.generation = next;
    return Done {};
}

Result<qint64> Catalog::finishFullSync(const QDateTime &when)
{
    qint64 removed = 0;
    auto done = transaction([&]() -> Result<Done> {
        auto stale
            = sql::run(db(), u"SELECT asset_id FROM assets WHERE generation < ?"_s, {m_state.generation});
        if (!stale)
            return stale.error();
        QStringList ids;
        while (stale.value().next())
            ids.append(stale.value().value(0).toString());
        if (auto read = sql::drained(*stale); !read)
            return read;
        for (const QString &id : std::as_const(ids)) {
            if (auto gone = removeOne(id); !gone)
                return gone;
        }
        removed = ids.size();
        for (const auto &[key, value] :
             {std::pair {u"last_full_sync"_s, sql::dateText(when)},
              std::pair {u"last_sync"_s, sql::dateText(when)}, std::pair {u"syncs_since_full"_s, u"0"_s}}) {
            if (auto written = writeState(key, value); !written)
                return written;
        }
        return rebuildFolders();
    });
    if (!done)
        return done.error();
    m_state.lastFullSync = when.toUTC();
    m_state.lastSync = when.toUTC();
    m_state.syncsSinceFull = 0;
    return removed;
}

Result<Done> Catalog::finishIncrementalSync(const QDateTime &when, const QDateTime &since)
{
    auto done = transaction([&]() -> Result<Done> {
        for (const auto &[key, value] :
             {std::pair {u"last_sync"_s, sql::dateText(when)},
              std::pair {u"last_incremental_since"_s, sql::dateText(since)},
              std::pair {u"syncs_since_full"_s, QString::number(m_state.syncsSinceFull + 1)}}) {
            if (auto written = writeState(key, value); !written)
                return written;
        }
        return rebuildFolders();
    });
    if (!done)
        return done;
    m_state.lastSync = when.toUTC();
    m_state.lastIncrementalSince = since.toUTC();
    ++m_state.syncsSinceFull;
    return Done {};
}

} // namespace stratus::core::catalog
