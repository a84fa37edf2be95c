#include "catalog.h"

#include "catalogprefilter_p.h"
#include "catalogsql_p.h"

#include "core/accounts/accounts.h"
#include "core/net/neterror.h"
#include "core/search/searchsorting.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <vector>

using namespace Qt::StringLiterals;

namespace stratus::core::catalog {

namespace {

CatalogFolder folderFromRow(const QSqlQuery &query)
{
    CatalogFolder folder;
    folder.path = query.value(0).toString();
    folder.parent = query.value(1).toString();
    folder.name = query.value(2).toString();
    folder.directCount = query.value(3).toLongLong();
    folder.totalCount = query.value(4).toLongLong();
    folder.hasChildren = query.value(5).toBool();
    return folder;
}

constexpr auto kFolderColumns = "path, parent, name, direct_count, total_count,"
                                " EXISTS (SELECT 1 FROM folders c WHERE c.parent = folders.path)"_L1;

} // namespace

Result<Done> Catalog::loadState()
{
    auto rows = sql::run(db(), u"SELECT key, value FROM sync_state"_s);
    if (!rows)
        return rows.error();
    QMap<QString, QString> values;
    while (rows.value().next())
        values.insert(rows.value().value(0).toString(), rows.value().value(1).toString());
    if (auto read = sql::drained(*rows); !read)
        return read;
    m_state.schemaVersion = values.value(u"schema_version"_s).toInt();
    m_state.folderMode = folderModeFromName(values.value(u"folder_mode"_s));
    m_state.lastFullSync = sql::dateFromText(values.value(u"last_full_sync"_s));
    m_state.lastSync = sql::dateFromText(values.value(u"last_sync"_s));
    m_state.lastIncrementalSince = sql::dateFromText(values.value(u"last_incremental_since"_s));
    m_state.syncsSinceFull = values.value(u"syncs_since_full"_s).toInt();
    m_state.generation = values.value(u"generation"_s).toLongLong();
    return Done {};
}

Result<Done> Catalog::writeState(const QString &key, const QString &value)
{
    auto ran = sql::run(
        db(),
        u"INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s,
        {key, value});
    if (!ran)
        return ran.error();
    return Done {};
}

Result<Done> Catalog::transaction(const std::function<Result<Done>()> &work)
{
    QSqlDatabase database = db();
    if (!database.transaction()) {
        return Error::because(Error::Kind::Io, ErrorReason::CatalogTransactionFailed, m_filePath,
                              database.lastError().text());
    }
    Result<Done> result = work();
    if (!result) {
        database.rollback();
        (void)loadState(); // the in-memory state may have run ahead of what was rolled back
        return result;
    }
    if (!database.commit()) {
        const Error error = Error::because(Error::Kind::Io, ErrorReason::CatalogCommitFailed, m_filePath,
                                           database.lastError().text());
        database.rollback();
        return error;
    }
    return result;
}

// Reading -----------------------------------------------------------------------------------------

qint64 Catalog::assetCount() const
{
    auto rows = sql::run(db(), u"SELECT COUNT(*) FROM assets"_s);
    return rows && rows.value().next() ? rows.value().value(0).toLongLong() : 0;
}

Result<CatalogPage> Catalog::selectPage(const QString &where, const QVariantList &binds, CatalogSort sort,
                                        Qt::SortOrder order, int offset, int limit,
                                        std::optional<qint64> knownTotal) const
{
    // Searches with thousands of matches sorted by name walk the name index and stop after the
    // page, instead of sorting every match; for a few matches sorting them is cheaper than walking.
    constexpr qint64 kWalkNameIndexFrom = 2000;
    CatalogPage page;
    if (knownTotal) {
        page.total = *knownTotal;
    } else {
        auto count = sql::run(db(), u"SELECT COUNT(*) FROM assets WHERE "_s + where, binds);
        if (!count)
            return count.error();
        if (count.value().next())
            page.total = count.value().value(0).toLongLong();
        else if (auto read = sql::drained(*count); !read)
            return read.error();
    }
    const bool walkNames = sort == CatalogSort::Name && where != u"1" && page.total >= kWalkNameIndexFrom;
    QVariantList pageBinds = binds;
    pageBinds << limit << qMax(0, offset);
    auto rows = sql::run(db(),
                         u"SELECT %1 FROM assets %2 WHERE %3 %4 LIMIT ? OFFSET ?"_s.arg(
                             sql::assetColumns(), walkNames ? u"INDEXED BY assets_by_name"_s : QString(),
                             where, sql::orderBy(sort, order)),
                         pageBinds);
    if (!rows)
        return rows.error();
    while (rows.value().next())
        page.assets.append(sql::assetFromRow(*rows));
    if (auto read = sql::drained(*rows); !read)
        return read.error();
    return page;
}

Result<CatalogPage> Catalog::listFolder(const QString &folder, CatalogSort sort, Qt::SortOrder order,
                                        int offset, int limit) const
{
    return selectPage(u"folder = ?"_s, {folder}, sort, order, offset, limit);
}

Result<QList<CatalogFolder>> Catalog::childFolders(const QString &parent) const
{
    auto rows = sql::run(
        db(),
        u"SELECT %1 FROM folders WHERE parent = ? ORDER BY name COLLATE NOCASE, name"_s.arg(kFolderColumns),
        {parent});
    if (!rows)
        return rows.error();
    QList<CatalogFolder> folders;
    while (rows.value().next())
        folders.append(folderFromRow(*rows));
    if (auto read = sql::drained(*rows); !read)
        return read.error();
    return folders;
}

Result<std::optional<CatalogFolder>> Catalog::folderInfo(const QString &path) const
{
    auto rows = sql::run(db(), u"SELECT %1 FROM folders WHERE path = ?"_s.arg(kFolderColumns), {path});
    if (!rows)
        return rows.error();
    if (!rows.value().next()) {
        if (auto read = sql::drained(*rows); !read)
            return read.error();
        return std::optional<CatalogFolder>();
    }
    return std::optional<CatalogFolder>(folderFromRow(*rows));
}

Result<CatalogPage> Catalog::search(const CatalogQuery &query, CatalogSort sort, Qt::SortOrder order,
                                    int offset, int limit) const
{
    const sql::Condition condition = sql::conditionFor(query);
    // Typed words alone (the search box without filters): the FTS index counts the matches
    // without reading an asset row.
    std::optional<qint64> total;
    const bool textOnly = query.resourceTypes.isEmpty() && query.formats.isEmpty() && query.tags.isEmpty()
        && !query.createdFrom.isValid() && !query.createdBefore.isValid() && !query.minBytes
        && !query.maxBytes && !query.folder && query.metadata.isEmpty();
    if (const QString match = sql::ftsMatch(query.text); textOnly && !match.isEmpty()) {
        auto count = sql::run(db(), u"SELECT COUNT(*) FROM assets_fts WHERE assets_fts MATCH ?"_s, {match});
        if (!count)
            return count.error();
        if (count.value().next())
            total = count.value().value(0).toLongLong();
        else if (auto read = sql::drained(*count); !read)
            return read.error();
    }
    return selectPage(condition.sql, condition.binds, sort, order, offset, limit, total);
}

Result<CatalogFacets> Catalog::facets(const CatalogQuery &query, int maxTags) const
{
    const sql::Condition condition = sql::conditionFor(query);
    CatalogFacets facets;
    auto counts = [&](const QString &statement, QVariantList binds, QList<FacetCount> *out) -> Result<Done> {
        auto rows = sql::run(db(), statement, binds);
        if (!rows)
            return rows.error();
        while (rows.value().next())
            out->append({rows.value().value(0).toString(), rows.value().value(1).toLongLong()});
        return sql::drained(*rows);
    };
    for (const auto &[column, out] :
         {std::pair {u"resource_type"_s, &facets.resourceTypes}, std::pair {u"format"_s, &facets.formats}}) {
        auto done = counts(u"SELECT %1, COUNT(*) AS n FROM assets WHERE %2 AND %1 <> '' GROUP BY %1 "
                           u"ORDER BY n DESC, %1"_s.arg(column, condition.sql),
                           condition.binds, out);
        if (!done)
            return done.error();
    }
    QVariantList tagBinds = condition.binds;
    tagBinds << maxTags;
    auto done = counts(u"SELECT json_each.value AS tag, COUNT(*) AS n FROM assets, json_each(assets.tags) "
                       u"WHERE %1 GROUP BY tag ORDER BY n DESC, tag LIMIT ?"_s.arg(condition.sql),
                       tagBinds, &facets.tags);
    if (!done)
        return done.error();
    return facets;
}

Result<std::optional<CatalogAsset>> Catalog::asset(const QString &assetId) const
{
    auto rows
        = sql::run(db(), u"SELECT %1 FROM assets WHERE asset_id = ?"_s.arg(sql::assetColumns()), {assetId});
    if (!rows)
        return rows.error();
    if (!rows.value().next()) {
        if (auto read = sql::drained(*rows); !read)
            return read.error();
        return std::optional<CatalogAsset>();
    }
    return std::optional<CatalogAsset>(sql::assetFromRow(*rows));
}

Result<QList<CatalogAsset>> Catalog::assetsWithEtag(const QString &etag) const
{
    QList<CatalogAsset> assets;
    if (etag.isEmpty())
        return assets;
    auto rows
        = sql::run(db(), u"SELECT %1 FROM assets WHERE etag = ? ORDER BY asset_id"_s.arg(sql::assetColumns()),
                   {etag.toLower()});
    if (!rows)
        return rows.error();
    while (rows.value().next())
        assets.append(sql::assetFromRow(*rows));
    if (auto read = sql::drained(*rows); !read)
        return read.error();
    return assets;
}

Result<QList<MetadataField>> Catalog::metadataFields() const
{
    QList<MetadataField> fields;
    auto rows = sql::run(db(), u"SELECT json FROM metadata_fields ORDER BY position"_s);
    if (!rows)
        return rows.error();
    while (rows.value().next()) {
        if (auto field
            = MetadataField::fromJson(QJsonDocument::fromJson(rows->value(0).toByteArray()).object()))
            fields.append(std::move(*field));
    }
    if (auto read = sql::drained(*rows); !read)
        return read.error();
    return fields;
}

Result<QList<CatalogAsset>> Catalog::find(const search::Expression &expression, const QDateTime &now) const
{
    // In asset_id order, as stratus-sandbox evaluates, so that ties in the sort keep the same order.
    // updated_at follows the CatalogAsset columns: CatalogAsset does not carry it. The prefilter
    // narrows the rows to candidates (never fewer than the matches); the evaluator decides.
    const qint64 nowMSecs = now.toMSecsSinceEpoch();
    const auto candidates = sql::prefilter(expression.root(), nowMSecs);
    auto rows = sql::run(db(),
                         u"SELECT %1, updated_at FROM assets WHERE %2 ORDER BY asset_id"_s.arg(
                             sql::assetColumns(), candidates ? candidates->sql : u"1"_s),
                         candidates ? candidates->binds : QVariantList());
    if (!rows)
        return rows.error();
    std::vector<CatalogAsset> assets;
    std::vector<search::SearchRecordData> records;
    const int updatedColumn = rows.value().record().count() - 1;
    while (rows.value().next()) {
        CatalogAsset asset = sql::assetFromRow(*rows);
        search::SearchRecordData record = asset.searchRecord(m_state.folderMode);
        if (!rows.value().isNull(updatedColumn)) {
            const QDateTime updated
                = QDateTime::fromMSecsSinceEpoch(rows.value().value(updatedColumn).toLongLong(), Qt::UTC);
            // Never before the upload: an overwrite written through by the app moves uploaded_at on.
            if (!record.updatedAt.isValid() || updated > record.updatedAt)
                record.updatedAt = updated;
        }
        if (expression.isEmpty() || expression.matches(record, nowMSecs)) {
            assets.push_back(std::move(asset));
            records.push_back(std::move(record));
        }
    }
    if (auto read = sql::drained(*rows); !read)
        return read.error();
    std::vector<const search::SearchRecord *> order;
    order.reserve(records.size());
    for (const auto &record : records)
        order.push_back(&record);
    search::sortRecords(order, search::defaultSortKeys());
    QList<CatalogAsset> result;
    result.reserve(qsizetype(order.size()));
    for (const search::SearchRecord *record : order)
        result.append(
            assets[std::size_t(static_cast<const search::SearchRecordData *>(record) - records.data())]);
    return result;
}

QDateTime Catalog::latestUploadedAt() const
{
    auto rows = sql::run(db(), u"SELECT MAX(uploaded_at) FROM assets"_s);
    if (!rows || !rows.value().next() || rows.value().isNull(0))
        return {};
    return QDateTime::fromMSecsSinceEpoch(rows.value().value(0).toLongLong(), Qt::UTC);
}

QDateTime Catalog::latestUpdatedAt() const
{
    // An updated_at is never before its asset's uploaded_at, so the larger of the two maxima is the
    // newest of "updated_at, else uploaded_at" (and both come from an index).
    auto rows = sql::run(db(), u"SELECT MAX(updated_at), MAX(uploaded_at) FROM assets"_s);
    if (!rows || !rows.value().next())
        return {};
    qint64 newest = -1;
    for (int column : {0, 1}) {
        if (!rows.value().isNull(column))
            newest = qMax(newest, rows.value().value(column).toLongLong());
    }
    return newest < 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(newest, Qt::UTC);
}

} // namespace stratus::core::catalog
