#pragma once

// SQL helpers of Catalog: not part of the API.

#include "catalogtypes.h"

#include "core/util/result.h"

#include <QSqlQuery>
#include <QString>
#include <QVariantList>

namespace stratus::core::catalog::sql {

/// The columns of `assets` that make a CatalogAsset, in the order assetFromRow() reads them.
[[nodiscard]] QLatin1StringView assetColumns();
/// A CatalogAsset from a row selected with assetColumns() (first columns of the row).
[[nodiscard]] CatalogAsset assetFromRow(const QSqlQuery &query);

/// An Io error naming what failed and SQLite's words; Damaged when SQLite found the file corrupt
/// (SQLITE_CORRUPT, SQLITE_NOTADB).
[[nodiscard]] Error error(const QSqlQuery &query, QStringView what);

/// After a loop of `next()`: whether it ended because the rows ran out, or the error that stopped
/// it. A damaged page ends a scan early, and without this check a caller would take the rows read
/// so far for the whole answer.
[[nodiscard]] Result<Done> drained(const QSqlQuery &query);

/// Prepares and runs @p statement with @p binds (positional), or the error.
[[nodiscard]] Result<QSqlQuery> run(const QSqlDatabase &db, const QString &statement,
                                    const QVariantList &binds = {});

/// The FTS5 MATCH text for words a person typed: every word a quoted prefix, all required. Empty
/// when there are no words.
[[nodiscard]] QString ftsMatch(QStringView text);

/// A WHERE condition (without "WHERE") over `assets` for @p query, "1" when it is empty.
struct Condition
{
    QString sql;
    QVariantList binds;
};
[[nodiscard]] Condition conditionFor(const CatalogQuery &query);

/// "ORDER BY …" for a listing, asset_id breaking ties.
[[nodiscard]] QString orderBy(CatalogSort sort, Qt::SortOrder order);

/// A time as the catalogue keeps it in sync_state (ISO 8601, UTC, with milliseconds); "" when invalid.
[[nodiscard]] QString dateText(const QDateTime &dateTime);
/// The time dateText() wrote, or an invalid one.
[[nodiscard]] QDateTime dateFromText(const QString &text);
/// A time as the assets table keeps it: ms since the epoch, NULL when invalid.
[[nodiscard]] QVariant dateValue(const QDateTime &dateTime);

/// The last segment of a path or public id ("a/b/c" → "c").
[[nodiscard]] QString lastSegment(const QString &path);

} // namespace stratus::core::catalog::sql
