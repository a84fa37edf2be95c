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

} // namespace

ApiResponse AdminService::resources(const ApiContext &ctx, const QStringList &path, const ApiRequest &request)
{
    const auto all = ctx.store.assets(ctx.env.cloudName);
    const QByteArray &method = request.method;

    if (path.isEmpty()) {
        if (method == "DELETE") {
            const QStringList ids = request.arrayParam(QStringLiteral("asset_ids"));
            std::vector<const Asset *> selected;
            for (const QString &id : ids) {
                if (const Asset *asset = ctx.store.findById(ctx.env.cloudName, id))
                    selected.push_back(asset);
            }
            return deleteResources(ctx, selected);
        }
        QSet<QString> types;
        for (const Asset *asset : all)
            types.insert(asset->resourceType);
        QStringList sorted(types.cbegin(), types.cend());
        sorted.sort();
        return ApiResponse::json({{QStringLiteral("resource_types"), QJsonArray::fromStringList(sorted)}});
    }

    // resources/by_asset_folder, resources/by_asset_ids, resources/<asset_id>
    if (path.size() == 1 && path.at(0) == u"by_asset_folder") {
        if (ctx.env.folderMode != FolderMode::Dynamic)
            return ApiResponse::error(
                400, QStringLiteral("by_asset_folder is only supported in dynamic folder mode"));
        const QString folder = trimSlashes(request.param(QStringLiteral("asset_folder")));
        std::vector<const Asset *> selected;
        for (const Asset *asset : all) {
            if (asset->assetFolder == folder)
                selected.push_back(asset);
        }
        return listing(ctx, selected, request, false);
    }
    if (path.size() == 1 && path.at(0) == u"by_asset_ids") {
        std::vector<const Asset *> selected;
        for (const QString &id : request.arrayParam(QStringLiteral("asset_ids"))) {
            if (const Asset *asset = ctx.store.findById(ctx.env.cloudName, id))
                selected.push_back(asset);
        }
        return listing(ctx, selected, request, false);
    }
    if (path.size() == 1 && isAssetId(path.at(0))) {
        const Asset *asset = ctx.store.findById(ctx.env.cloudName, path.at(0));
        if (!asset)
            return ApiResponse::error(404, QStringLiteral("Resource not found - %1").arg(path.at(0)));
        if (method == "PUT" || method == "POST")
            return updateResource(ctx, *asset, request);
        QJsonObject json = resourceJson(ctx, *asset);
        json.insert(QStringLiteral("derived"), QJsonArray());
        return ApiResponse::json(json);
    }

    const QString resourceType = path.at(0);
    if (resourceType != u"image" && resourceType != u"video" && resourceType != u"raw")
        return ApiResponse::error(400, QStringLiteral("Invalid resource type %1").arg(resourceType));

    // resources/<rt>/tags/<tag>
    if (path.size() >= 2 && path.at(1) == u"tags") {
        const QString tag = path.mid(2).join(u'/');
        std::vector<const Asset *> selected;
        for (const Asset *asset : all) {
            if (asset->resourceType == resourceType && asset->tags.contains(tag))
                selected.push_back(asset);
        }
        if (method == "DELETE")
            return deleteResources(ctx, selected);
        return listing(ctx, selected, request, false);
    }
    // resources/<rt>/context?key=&value=
    if (path.size() == 2 && path.at(1) == u"context") {
        const QString key = request.param(QStringLiteral("key"));
        const QString value = request.param(QStringLiteral("value"));
        std::vector<const Asset *> selected;
        for (const Asset *asset : all) {
            if (asset->resourceType == resourceType && asset->context.contains(key)
                && (value.isNull() || asset->context.value(key).toString() == value))
                selected.push_back(asset);
        }
        return listing(ctx, selected, request, false);
    }

    const QString type = path.value(1);
    if (path.size() >= 3) {
        // resources/<rt>/<type>/<public_id…>
        const QString publicId = path.mid(2).join(u'/');
        const Asset *asset = ctx.store.find(ctx.env.cloudName, resourceType, type, publicId);
        if (!asset)
            return ApiResponse::error(404, QStringLiteral("Resource not found - %1").arg(publicId));
        if (method == "POST" || method == "PUT")
            return updateResource(ctx, *asset, request);
        if (method == "DELETE")
            return deleteResources(ctx, {asset});
        QJsonObject json = resourceJson(ctx, *asset);
        json.insert(QStringLiteral("derived"), QJsonArray());
        return ApiResponse::json(json);
    }

    // resources/<rt>[/<type>]: listing, or deletion by public ids / prefix / all.
    const QString prefix = request.param(QStringLiteral("prefix"));
    const QStringList publicIds = request.arrayParam(QStringLiteral("public_ids"));
    std::vector<const Asset *> selected;
    for (const Asset *asset : all) {
        if (asset->resourceType != resourceType || (!type.isEmpty() && asset->type != type))
            continue;
        if (!prefix.isEmpty() && !asset->publicId.startsWith(prefix))
            continue;
        if (!publicIds.isEmpty() && !publicIds.contains(asset->publicId))
            continue;
        selected.push_back(asset);
    }
    if (method == "DELETE") {
        if (publicIds.isEmpty() && prefix.isEmpty() && !request.boolParam(QStringLiteral("all")))
            return ApiResponse::error(400, QStringLiteral("Must specify public_ids, prefix or all"));
        QJsonObject deleted;
        ApiResponse response = deleteResources(ctx, selected);
        if (!publicIds.isEmpty()) {
            // Ids that were not there are reported as not_found.
            QJsonObject body = QJsonDocument::fromJson(response.body).object();
            QJsonObject map = body.value(QStringLiteral("deleted")).toObject();
            for (const QString &id : publicIds) {
                if (!map.contains(id))
                    map.insert(id, QStringLiteral("not_found"));
            }
            body.insert(QStringLiteral("deleted"), map);
            response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        }
        return response;
    }
    return listing(ctx, selected, request, !prefix.isEmpty());
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
    if (request.hasParam(QStringLiteral("context")))
        copy.context = parseContextString(request.param(QStringLiteral("context")));
    if (request.hasParam(QStringLiteral("metadata")))
        copy.metadata = parseContextString(request.param(QStringLiteral("metadata")));
    if (request.hasParam(QStringLiteral("display_name")))
        copy.displayName = request.param(QStringLiteral("display_name"));
    if (request.hasParam(QStringLiteral("asset_folder"))) {
        if (ctx.env.folderMode != FolderMode::Dynamic)
            return ApiResponse::error(
                400, QStringLiteral("asset_folder can only be changed in dynamic folder mode"));
        copy.assetFolder = trimSlashes(request.param(QStringLiteral("asset_folder")));
    }
    copy.updatedAt = ctx.now;
    QString error;
    if (!ctx.store.updateAsset(ctx.env.cloudName, copy, &error))
        return ApiResponse::error(500, error);
    return ApiResponse::json(resourceJson(ctx, copy));
}

} // namespace stratus::sandbox
