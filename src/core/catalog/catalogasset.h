#pragma once

#include "core/api/admintypes.h"
#include "core/search/searchrecorddata.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace stratus::core::catalog {

/// One asset as the catalogue keeps it: the fields of a Search API resource object that the browser,
/// `stratus-cli ls/find/search` and the search evaluator need. A plain value.
///
/// Conversions go through the resource JSON of the Admin and Search APIs in both directions, so the
/// catalogue, the live search and the sandbox describe an asset with one vocabulary:
/// fromResourceJson() reads what the API sends, toResourceJson() writes the same shape back, and
/// searchRecord() hands that to core's SearchRecordData::fromResourceJson (the conversion the
/// evaluator is tested with) so that `find` over the catalogue matches what `search` matches.
struct CatalogAsset
{
    QString assetId;
    QString publicId;
    QString resourceType;
    QString type;
    QString format;
    qint64 bytes = 0;
    int width = 0; ///< 0: none (raw files)
    int height = 0;
    std::optional<double> duration; ///< videos only
    qint64 version = 0;
    QString etag;
    QDateTime createdAt; ///< UTC
    QDateTime uploadedAt; ///< UTC
    QString assetFolder; ///< as the API reports it
    QString publicIdFolder; ///< `folder` of fixed mode: the public id's path (kept for both modes)
    QString displayName;
    QStringList tags;
    QJsonObject context; ///< the custom context, key → value (flat)
    QJsonObject metadata; ///< structured metadata, external id → value
    QString status;

    /// From a resource object (`context` as `{"custom":{…}}` or flat). Lenient: missing fields stay
    /// empty; an object without asset_id gives an asset with an empty assetId.
    [[nodiscard]] static CatalogAsset fromResourceJson(const QJsonObject &json);

    /// The resource object shape of the Search API (what fromResourceJson reads back).
    [[nodiscard]] QJsonObject toResourceJson() const;

    /// The folder the asset is shown in under @p mode: fixed → the public id's path, dynamic (and
    /// unknown) → asset_folder. The root is "".
    [[nodiscard]] QString folder(FolderMode mode) const;

    /// The name shown in a listing: fixed → the public id's last segment, dynamic → display_name
    /// (the last segment when it has none).
    [[nodiscard]] QString name(FolderMode mode) const;

    /// The asset as the search evaluator sees it under @p mode; `folder` and `asset_folder` both hold
    /// folder(mode), as stratus-sandbox evaluates them.
    [[nodiscard]] search::SearchRecordData searchRecord(FolderMode mode) const;

    /// The object `stratus-cli ls/find/search --json` prints: asset_id, public_id, resource_type,
    /// type, format, bytes, width, height, duration (videos), tags, asset_folder, display_name,
    /// created_at (ISO 8601 UTC), uploaded_at. The same for an asset from the catalogue and from the
    /// live API.
    [[nodiscard]] QJsonObject toCliJson() const;
};

/// A date as the catalogue writes it: ISO 8601 in UTC, with milliseconds only when there are any.
[[nodiscard]] QString isoUtc(const QDateTime &dateTime);

} // namespace stratus::core::catalog
