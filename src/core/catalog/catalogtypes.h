#pragma once

#include "catalogasset.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace stratus::core::catalog {

/// How a listing or a search is ordered; ties are broken by asset_id so pages never overlap.
enum class CatalogSort : quint8 {
    Name, ///< the shown name (CatalogAsset::name), case-insensitive
    PublicId,
    CreatedAt,
    UploadedAt,
    Bytes,
    Format,
    ResourceType,
    Pixels, ///< width × height
};

/// A search over the catalogue, as the browser's search box and facet panel describe it. Every
/// part that is set narrows the result (AND); an empty query matches every asset.
struct CatalogQuery
{
    /// Words typed by a person, not FTS syntax: each word must start a word of the asset's name,
    /// public id, display name, tags, context values or metadata values (`sun bea` finds
    /// "beach/sunset_1"). Punctuation separates words.
    QString text;
    QStringList resourceTypes; ///< any of these (empty: any)
    QStringList formats; ///< any of these
    QStringList tags; ///< all of these, exact (any of them with anyTag)
    bool anyTag = false; ///< tags: an asset with any one of them matches, not only one with all
    QDateTime createdFrom; ///< created at or after (invalid: open)
    QDateTime createdBefore; ///< created before (invalid: open)
    std::optional<qint64> minBytes; ///< inclusive
    std::optional<qint64> maxBytes; ///< inclusive
    std::optional<QString> folder; ///< only assets directly in this folder ("" is the root)
    /// Structured metadata: external id → values, as stored (a select field's option ids, numbers
    /// and dates as text). An asset matches a field when its value, or one of a multi-select's
    /// values, is any of these; every field listed must match.
    QMap<QString, QStringList> metadata;
};

/// One page of assets and how many there are in all.
struct CatalogPage
{
    QList<CatalogAsset> assets;
    qint64 total = 0;
};

/// A folder of the tree. Counts: `directCount` assets directly in it, `totalCount` in it and every
/// folder below it. The root ("") is not listed as a folder.
struct CatalogFolder
{
    QString path; ///< "a/b"
    QString name; ///< "b"
    QString parent; ///< "a"; "" for a top-level folder
    qint64 directCount = 0;
    qint64 totalCount = 0;
    bool hasChildren = false;
};

struct FacetCount
{
    QString value;
    qint64 count = 0;
};

/// Counts over the assets a query matches, largest first (ties by value).
struct CatalogFacets
{
    QList<FacetCount> resourceTypes;
    QList<FacetCount> formats;
    QList<FacetCount> tags; ///< the most frequent ones only (Catalog::facets' limit)
};

/// What the last syncs did, kept in the catalogue's sync_state table.
struct SyncState
{
    int schemaVersion = 0;
    FolderMode folderMode = FolderMode::Unknown;
    QDateTime lastFullSync; ///< end of the last complete full sync (UTC); invalid: never
    QDateTime lastSync; ///< end of the last complete sync of either kind
    QDateTime lastIncrementalSince; ///< the uploaded_at bound the last incremental sync asked for
    int syncsSinceFull = 0; ///< incremental syncs since the last full one
    qint64 generation = 0; ///< bumped by each full sync; assets not seen by one are deleted
};

} // namespace stratus::core::catalog
