#pragma once

#include "http/apirequest.h"
#include "http/apiresponse.h"
#include "sandbox/environmentconfig.h"
#include "store/asset.h"
#include "store/assetstore.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace stratus::sandbox {

/// What an API handler needs for one call: the store, the environment the call is for, the
/// sandbox's base URL (for `url`/`secure_url` in answers) and the time of the call.
struct ApiContext
{
    AssetStore &store;
    EnvironmentConfig &env;
    QString baseUrl; ///< e.g. "http://127.0.0.1:8123"
    QDateTime now;
    /// The call carries an OAuth access token for this environment that the sandbox checked
    /// (Authorization: Bearer): it needs no api_key, signature or Basic auth.
    bool tokenVerified = false;
};

/// Which optional fields a resource answer carries (listing flags `tags=true`, `context=true`, …).
struct ResourceFields
{
    bool tags = true;
    bool context = true;
    bool metadata = true;
};

/// An asset as the Admin and Upload APIs answer it.
[[nodiscard]] QJsonObject resourceJson(const ApiContext &ctx, const Asset &asset,
                                       const ResourceFields &fields = ResourceFields());

/// The folder an asset shows in, by the environment's folder mode: asset_folder (dynamic) or the
/// public id's path (fixed).
[[nodiscard]] QString folderOf(const EnvironmentConfig &env, const Asset &asset);

/// The delivery URL of an asset's original on this sandbox.
[[nodiscard]] QString deliveryUrl(const ApiContext &ctx, const Asset &asset);

/// Cloudinary's "k=v|k2=v2" encoding (`\=` and `\|` escape those characters in values).
[[nodiscard]] QJsonObject parseContextString(const QString &text);

/// Sets what an update (Admin `update`, Upload `explicit`) says of an asset's context, structured
/// metadata (merged: only the fields given change, an empty value removes one) and display name,
/// each only when the request has the parameter. A 400 answer when a metadata value is refused.
[[nodiscard]] std::optional<ApiResponse> applyMetadataParams(const ApiContext &ctx, const ApiRequest &request,
                                                             Asset &asset);

/// The `metadata` parameter of a request checked against the environment's fields (string or JSON
/// form, `clear_invalid` honoured): the values to merge (null removes), or a 400 answer. An empty
/// object when the request has none.
[[nodiscard]] std::optional<QJsonObject>
checkedMetadataParam(const ApiContext &ctx, const ApiRequest &request, ApiResponse *refusal);

/// Stores @p asset as changed now (its updated_at) and answers it as a resource; 500 when the store
/// fails.
[[nodiscard]] ApiResponse saveChangedAsset(const ApiContext &ctx, Asset asset);

/// Opaque paging cursors: an offset into a stable ordering.
[[nodiscard]] QString encodeCursor(qsizetype offset);
[[nodiscard]] qsizetype decodeCursor(const QString &cursor);

/// A folder or public id path without leading and trailing slashes.
[[nodiscard]] QString trimSlashes(QString path);

/// A comma-separated tag list, each tag trimmed, without empty ones or repeats.
[[nodiscard]] QStringList splitTags(const QString &text);

/// 32 random hex characters (asset ids, version ids).
[[nodiscard]] QString randomHexId();

} // namespace stratus::sandbox
