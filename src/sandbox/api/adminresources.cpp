// The sandbox's Admin API: resources (listing, details, update, delete).
#include "adminservice.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace stratus::sandbox {

namespace {

bool isAssetId(const QString &text)
{
    if (text.size() != 32)
        return false;
    return std::all_of(text.cbegin(), text.cend(),
                       [](QChar c) { return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'); });
}

ResourceFields fieldsFrom(const ApiRequest &request)
{
    // Listings carry tags/context/metadata only when asked; details always do.
    ResourceFields fields;
    fields.tags = request.boolParam(QStringLiteral("tags"));
    fields.context = request.boolParam(QStringLiteral("context"));
    fields.metadata = request.boolParam(QStringLiteral("metadata"));
    return fields;
}

template<typename Predicate> std::vector<const Asset *> assetsWhere(const ApiContext &ctx, Predicate matches)
{
    std::vector<const Asset *> selected;
    for (const Asset *asset : ctx.store.assets(ctx.env.cloudName)) {
        if (matches(*asset))
            selected.push_back(asset);
    }
    return selected;
}

std::vector<const Asset *> assetsById(const ApiContext &ctx, const QStringList &ids)
{
    std::vector<const Asset *> selected;
    for (const QString &id : ids) {
        if (const Asset *asset = ctx.store.findById(ctx.env.cloudName, id))
            selected.push_back(asset);
    }
    return selected;
}

// One asset's details, which always carry tags, context and metadata.
ApiResponse assetDetails(const ApiContext &ctx, const Asset &asset)
{
    QJsonObject json = resourceJson(ctx, asset);
    json.insert(QStringLiteral("derived"), QJsonArray());
    return ApiResponse::json(json);
}

// Public ids asked to be deleted that were not there are reported as not_found.
void reportNotFound(ApiResponse &response, const QStringList &publicIds)
{
    QJsonObject body = QJsonDocument::fromJson(response.body).object();
    QJsonObject map = body.value(QStringLiteral("deleted")).toObject();
    for (const QString &id : publicIds) {
        if (!map.contains(id))
            map.insert(id, QStringLiteral("not_found"));
    }
    body.insert(QStringLiteral("deleted"), map);
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace

ApiResponse AdminService::resources(const ApiContext &ctx, const QStringList &path, const ApiRequest &request)
{
    if (path.isEmpty())
        return resourcesRoot(ctx, request);
    if (path.size() == 1) {
        if (std::optional<ApiResponse> answer = resourcesByAsset(ctx, path.at(0), request))
            return *answer;
    }
    const QString resourceType = path.at(0);
    if (resourceType != u"image" && resourceType != u"video" && resourceType != u"raw")
        return ApiResponse::error(400, QStringLiteral("Invalid resource type %1").arg(resourceType));
    return resourcesOfType(ctx, resourceType, path, request);
}

ApiResponse AdminService::resourcesRoot(const ApiContext &ctx, const ApiRequest &request)
{
    if (request.method == "DELETE")
        return deleteResources(ctx, assetsById(ctx, request.arrayParam(QStringLiteral("asset_ids"))));
    QSet<QString> types;
    for (const Asset *asset : ctx.store.assets(ctx.env.cloudName))
        types.insert(asset->resourceType);
    QStringList sorted(types.cbegin(), types.cend());
    sorted.sort();
    return ApiResponse::json({{QStringLiteral("resource_types"), QJsonArray::fromStringList(sorted)}});
}

std::optional<ApiResponse> AdminService::resourcesByAsset(const ApiContext &ctx, const QString &segment,
                                                          const ApiRequest &request)
{
    if (segment == u"by_asset_folder") {
        if (ctx.env.folderMode != FolderMode::Dynamic)
            return ApiResponse::error(
                400, QStringLiteral("by_asset_folder is only supported in dynamic folder mode"));
        const QString folder = trimSlashes(request.param(QStringLiteral("asset_folder")));
        return listing(ctx, assetsWhere(ctx, [&](const Asset &asset) { return asset.assetFolder == folder; }),
                       request, false);
    }
    if (segment == u"by_asset_ids")
        return listing(ctx, assetsById(ctx, request.arrayParam(QStringLiteral("asset_ids"))), request, false);
    if (!isAssetId(segment))
        return std::nullopt;
    const Asset *asset = ctx.store.findById(ctx.env.cloudName, segment);
    if (!asset)
        return ApiResponse::error(404, QStringLiteral("Resource not found - %1").arg(segment));
    if (request.method == "PUT" || request.method == "POST")
        return updateResource(ctx, *asset, request);
    return assetDetails(ctx, *asset);
}

ApiResponse AdminService::resourcesOfType(const ApiContext &ctx, const QString &resourceType,
                                          const QStringList &path, const ApiRequest &request)
{
    // resources/<rt>/tags/<tag>
    if (path.size() >= 2 && path.at(1) == u"tags") {
        const QString tag = path.mid(2).join(u'/');
        const auto selected = assetsWhere(ctx, [&](const Asset &asset) {
            return asset.resourceType == resourceType && asset.tags.contains(tag);
        });
        if (request.method == "DELETE")
            return deleteResources(ctx, selected);
        return listing(ctx, selected, request, false);
    }
    // resources/<rt>/context?key=&value=
    if (path.size() == 2 && path.at(1) == u"context") {
        const QString key = request.param(QStringLiteral("key"));
        const QString value = request.param(QStringLiteral("value"));
        return listing(
            ctx,
            assetsWhere(ctx,
                        [&](const Asset &asset) {
                            return asset.resourceType == resourceType && asset.context.contains(key)
                                && (value.isNull() || asset.context.value(key).toString() == value);
                        }),
            request, false);
    }
    const QString type = path.value(1);
    if (path.size() < 3)
        return listOrDeleteResources(ctx, resourceType, type, request);
    // resources/<rt>/<type>/<public_id…>
    const QString publicId = path.mid(2).join(u'/');
    const Asset *asset = ctx.store.find(ctx.env.cloudName, resourceType, type, publicId);
    if (!asset)
        return ApiResponse::error(404, QStringLiteral("Resource not found - %1").arg(publicId));
    if (request.method == "POST" || request.method == "PUT")
        return updateResource(ctx, *asset, request);
    if (request.method == "DELETE")
        return deleteResources(ctx, {asset});
    return assetDetails(ctx, *asset);
}

ApiResponse AdminService::listOrDeleteResources(const ApiContext &ctx, const QString &resourceType,
                                                const QString &type, const ApiRequest &request)
{
    const QString prefix = request.param(QStringLiteral("prefix"));
    const QStringList publicIds = request.arrayParam(QStringLiteral("public_ids"));
    const auto selected = assetsWhere(ctx, [&](const Asset &asset) {
        return asset.resourceType == resourceType && (type.isEmpty() || asset.type == type)
            && (prefix.isEmpty() || asset.publicId.startsWith(prefix))
            && (publicIds.isEmpty() || publicIds.contains(asset.publicId));
    });
    if (request.method != "DELETE")
        return listing(ctx, selected, request, !prefix.isEmpty());
    if (publicIds.isEmpty() && prefix.isEmpty() && !request.boolParam(QStringLiteral("all")))
        return ApiResponse::error(400, QStringLiteral("Must specify public_ids, prefix or all"));
    ApiResponse response = deleteResources(ctx, selected);
    if (!publicIds.isEmpty())
        reportNotFound(response, publicIds);
    return response;
}

ApiResponse AdminService::listing(const ApiContext &ctx, std::vector<const Asset *> assets,
                                  const ApiRequest &request, bool sortByPublicId)
{
    const qint64 maxResults = request.intParam(QStringLiteral("max_results"), 10);
    if (maxResults < 1 || maxResults > 500)
        return ApiResponse::error(400, QStringLiteral("max_results must be between 1 and 500"));
    const QString direction = request.param(QStringLiteral("direction")).toLower();
    const bool ascending = direction == u"asc" || direction == u"1";
    if (sortByPublicId) {
        std::sort(assets.begin(), assets.end(),
                  [](const Asset *a, const Asset *b) { return a->publicId < b->publicId; });
    } else {
        std::sort(assets.begin(), assets.end(), [ascending](const Asset *a, const Asset *b) {
            if (a->createdAt != b->createdAt)
                return ascending ? a->createdAt < b->createdAt : a->createdAt > b->createdAt;
            return a->publicId < b->publicId;
        });
    }
    qsizetype offset = 0;
    const QString cursor = request.param(QStringLiteral("next_cursor"));
    if (!cursor.isEmpty()) {
        offset = decodeCursor(cursor);
        if (offset < 0)
            return ApiResponse::error(400, QStringLiteral("Invalid next_cursor"));
    }
    const ResourceFields fields = fieldsFrom(request);
    QJsonArray resources;
    const qsizetype end = qMin<qsizetype>(qsizetype(assets.size()), offset + maxResults);
    for (qsizetype i = offset; i < end; ++i)
        resources.append(resourceJson(ctx, *assets[std::size_t(i)], fields));
    QJsonObject json {{QStringLiteral("resources"), resources}};
    if (end < qsizetype(assets.size()))
        json.insert(QStringLiteral("next_cursor"), encodeCursor(end));
    return ApiResponse::json(json);
}

ApiResponse AdminService::deleteResources(const ApiContext &ctx, const std::vector<const Asset *> &assets)
{
    QJsonObject deleted;
    QJsonObject counts;
    QStringList keys;
    QStringList ids;
    for (const Asset *asset : assets) {
        keys.append(asset->key());
        ids.append(asset->publicId);
    }
    // Cloudinary removes at most 1000 originals per call and reports the rest as partial.
    const bool partial = keys.size() > 1000;
    QString error;
    for (qsizetype i = 0; i < keys.size() && i < 1000; ++i) {
        if (!ctx.store.removeAsset(ctx.env.cloudName, keys.at(i), &error))
            return ApiResponse::error(500, error);
        deleted.insert(ids.at(i), QStringLiteral("deleted"));
        counts.insert(ids.at(i),
                      QJsonObject {{QStringLiteral("original"), 1}, {QStringLiteral("derived"), 0}});
    }
    return ApiResponse::json({{QStringLiteral("deleted"), deleted},
                              {QStringLiteral("deleted_counts"), counts},
                              {QStringLiteral("partial"), partial}});
}

ApiResponse AdminService::updateResource(const ApiContext &ctx, const Asset &asset, const ApiRequest &request)
{
    Asset copy = asset;
    if (request.hasParam(QStringLiteral("tags"))) {
        copy.tags.clear();
        for (const QString &tag : request.arrayParam(QStringLiteral("tags"))) {
            if (!copy.tags.contains(tag))
                copy.tags.append(tag);
        }
    }
    if (auto refused = applyMetadataParams(ctx, request, copy))
        return *refused;
    if (request.hasParam(QStringLiteral("asset_folder"))) {
        if (ctx.env.folderMode != FolderMode::Dynamic)
            return ApiResponse::error(
                400, QStringLiteral("asset_folder can only be changed in dynamic folder mode"));
        copy.assetFolder = trimSlashes(request.param(QStringLiteral("asset_folder")));
    }
    return saveChangedAsset(ctx, std::move(copy));
}

} // namespace stratus::sandbox
