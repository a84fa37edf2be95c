#pragma once

// The Search API's `sort_by` and `aggregate` parameters over SearchRecords: plain functions shared by
// stratus-sandbox (answering `POST resources/search`) and the offline catalogue.

#include "core/util/result.h"
#include "searchfield.h"
#include "searchrecord.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>

#include <span>

namespace stratus::core::search {

/// One `sort_by` entry, e.g. {"created_at":"desc"} or {"metadata.rank":"asc"}.
struct SortKey
{
    Field field = Field::CreatedAt;
    QString key; ///< context/metadata key
    Qt::SortOrder order = Qt::DescendingOrder;

    friend bool operator==(const SortKey &, const SortKey &) = default;
};

/// Cloudinary's default when `sort_by` is absent: created_at, newest first.
[[nodiscard]] QList<SortKey> defaultSortKeys();

/// Reads `sort_by`: an array of single-entry objects (`[{"created_at":"desc"},{"public_id":"asc"}]`),
/// or one such object. Directions are "asc" or "desc" (any case). An absent/null value or an empty
/// array gives defaultSortKeys(). Sortable fields are those with FieldInfo::sortable, plus
/// `context.KEY` and `metadata.KEY`.
[[nodiscard]] Result<QList<SortKey>> parseSortBy(const QJsonValue &sortBy);

/// Orders @p a before @p b (negative), after (positive) or neither (zero) under @p keys. Texts compare
/// case-sensitively by UTF-16 code unit, numbers and dates by value, a metadata field by its first
/// value. An asset without a value sorts after every asset with one, in either direction (as
/// Elasticsearch's default `missing: _last` does).
[[nodiscard]] int compareRecords(const SearchRecord &a, const SearchRecord &b, const QList<SortKey> &keys);

/// Sorts @p records in place, stably: assets that compare equal keep their input order, so callers
/// that need a total order (pagination cursors) should pass them in a deterministic order, e.g. by
/// asset_id.
void sortRecords(std::span<const SearchRecord *> records, const QList<SortKey> &keys);

/// Reads `aggregate`: an array of field names, or one name, or a comma-separated string. Supported:
/// format, resource_type, type (Cloudinary's Tier 2 range aggregations are not).
[[nodiscard]] Result<QList<Field>> parseAggregate(const QJsonValue &aggregate);

/// How many of @p records have each value of @p field (assets without a value are not counted).
[[nodiscard]] QMap<QString, qint64> countByValue(std::span<const SearchRecord *const> records, Field field);

/// The `aggregations` object of a search response: {"format":{"jpg":12,"png":3},"type":{…}}.
[[nodiscard]] QJsonObject aggregationsJson(std::span<const SearchRecord *const> records,
                                           const QList<Field> &fields);

} // namespace stratus::core::search
