#pragma once

#include "apicontext.h"

namespace stratus::sandbox {

/// The Admin API of the sandbox (the server side; core::AdminApi is the client) under /v1_1/<cloud>/…
/// (Basic auth and rate limiting are done by the dispatcher before a call gets here): ping, usage, config,
/// resources (listing, details, update, delete), folders, tags, named transformations, upload presets
/// and structured metadata fields.
class AdminService
{
public:
    /// `path` = the segments after /v1_1/<cloud>/.
    [[nodiscard]] ApiResponse handle(const ApiContext &ctx, const QStringList &path,
                                     const ApiRequest &request);

private:
    ApiResponse usage(const ApiContext &ctx);
    ApiResponse config(const ApiContext &ctx, const ApiRequest &request);
    ApiResponse resources(const ApiContext &ctx, const QStringList &path, const ApiRequest &request);
    /// resources: the resource types in use, or (DELETE) deletion by asset ids.
    ApiResponse resourcesRoot(const ApiContext &ctx, const ApiRequest &request);
    /// resources/by_asset_folder, resources/by_asset_ids, resources/<asset_id>; nullopt for another path.
    std::optional<ApiResponse> resourcesByAsset(const ApiContext &ctx, const QString &segment,
                                                const ApiRequest &request);
    /// resources/<resource_type>/…: by tag, by context, one asset, or a listing (or deletion).
    ApiResponse resourcesOfType(const ApiContext &ctx, const QString &resourceType, const QStringList &path,
                                const ApiRequest &request);
    /// resources/<resource_type>[/<type>]: the listing, or deletion by public ids, prefix or all.
    ApiResponse listOrDeleteResources(const ApiContext &ctx, const QString &resourceType, const QString &type,
                                      const ApiRequest &request);
    ApiResponse listing(const ApiContext &ctx, std::vector<const Asset *> assets, const ApiRequest &request,
                        bool sortByPublicId);
    ApiResponse deleteResources(const ApiContext &ctx, const std::vector<const Asset *> &assets);
    ApiResponse updateResource(const ApiContext &ctx, const Asset &asset, const ApiRequest &request);
    ApiResponse folders(const ApiContext &ctx, const QStringList &path, const ApiRequest &request);
    ApiResponse tags(const ApiContext &ctx, const QStringList &path, const ApiRequest &request);
    ApiResponse transformations(const ApiContext &ctx, const QStringList &path, const ApiRequest &request);
    ApiResponse uploadPresets(const ApiContext &ctx, const QStringList &path, const ApiRequest &request);
    /// metadata_fields: field definitions, their order, and their datasources (adminmetadata.cpp).
    ApiResponse metadataFields(const ApiContext &ctx, const QStringList &path, const ApiRequest &request);
};

/// A stable id made from `text` (an MD5 in hex), for the ids the Admin API gives folders, presets
/// and transformations.
[[nodiscard]] QString externalId(const QString &text);

/// Every folder of an environment: those implied by its assets (and their ancestors) and those
/// created explicitly, with a creation time.
[[nodiscard]] QMap<QString, QDateTime> allFolders(const ApiContext &ctx);

} // namespace stratus::sandbox
