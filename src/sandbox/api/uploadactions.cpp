// UploadService's calls that change assets already stored: destroy, rename, tags, context, metadata,
// explicit.
#include "uploadservice.h"

#include "metadatarules.h"

#include <QJsonArray>

namespace stratus::sandbox {

namespace {

QString typeParam(const ApiRequest &request)
{
    const QString type = request.param(QStringLiteral("type"));
    return type.isEmpty() ? QStringLiteral("upload") : type;
}

// Changes each asset of \a publicIds that exists, and answers with the public ids changed.
template<typename Change>
ApiResponse changeEach(const ApiContext &ctx, const QString &resourceType, const QString &type,
                       const QStringList &publicIds, Change change)
{
    QJsonArray changed;
    QString error;
    for (const QString &publicId : publicIds) {
        const Asset *asset = ctx.store.find(ctx.env.cloudName, resourceType, type, publicId);
        if (!asset)
            continue;
        Asset copy = *asset;
        change(copy);
        copy.updatedAt = ctx.now;
        if (!ctx.store.updateAsset(ctx.env.cloudName, copy, &error))
            return ApiResponse::error(500, error);
        changed.append(publicId);
    }
    return ApiResponse::json({{QStringLiteral("public_ids"), changed}});
}

} // namespace

ApiResponse UploadService::destroy(const ApiContext &ctx, const QString &resourceType,
                                   const ApiRequest &request)
{
    const QString publicId = request.param(QStringLiteral("public_id"));
    if (publicId.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Missing required parameter - public_id"));
    const QString type = typeParam(request);
    const Asset *asset = ctx.store.find(ctx.env.cloudName, resourceType, type, publicId);
    if (!asset)
        return ApiResponse::json({{QStringLiteral("result"), QStringLiteral("not found")}});
    QString error;
    if (!ctx.store.removeAsset(ctx.env.cloudName, asset->key(), &error))
        return ApiResponse::error(500, error);
    return ApiResponse::json({{QStringLiteral("result"), QStringLiteral("ok")}});
}

ApiResponse UploadService::rename(const ApiContext &ctx, const QString &resourceType,
                                  const ApiRequest &request)
{
    const QString from = request.param(QStringLiteral("from_public_id"));
    const QString to = trimSlashes(request.param(QStringLiteral("to_public_id")));
    if (from.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Missing required parameter - from_public_id"));
    if (to.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Missing required parameter - to_public_id"));
    const QString type = typeParam(request);
    const QString toType = request.param(QStringLiteral("to_type")).isEmpty()
        ? type
        : request.param(QStringLiteral("to_type"));
    const Asset *asset = ctx.store.find(ctx.env.cloudName, resourceType, type, from);
    if (!asset)
        return ApiResponse::error(404, QStringLiteral("Resource not found - %1").arg(from));
    QString error;
    if (const Asset *target = ctx.store.find(ctx.env.cloudName, resourceType, toType, to);
        target && target != asset) {
        if (!request.boolParam(QStringLiteral("overwrite")))
            return ApiResponse::error(400, QStringLiteral("to_public_id %1 already exists").arg(to));
        if (!ctx.store.removeAsset(ctx.env.cloudName, target->key(), &error))
            return ApiResponse::error(500, error);
        asset = ctx.store.find(ctx.env.cloudName, resourceType, type, from);
    }
    Asset renamed = *asset;
    const QString oldKey = renamed.key();
    renamed.publicId = to;
    renamed.type = toType;
    if (ctx.env.folderMode == FolderMode::Fixed)
        renamed.assetFolder = renamed.publicIdFolder();
    if (ctx.env.folderMode == FolderMode::Fixed || renamed.displayName == asset->filename())
        renamed.displayName = renamed.filename();
    renamed.updatedAt = ctx.now;
    if (!ctx.store.rekeyAsset(ctx.env.cloudName, oldKey, renamed, &error))
        return ApiResponse::error(500, error);
    return ApiResponse::json(resourceJson(ctx, renamed));
}

ApiResponse UploadService::tags(const ApiContext &ctx, const QString &resourceType, const ApiRequest &request)
{
    const QString command = request.param(QStringLiteral("command"));
    const QStringList publicIds = request.arrayParam(QStringLiteral("public_ids"));
    const QStringList tagList = splitTags(request.param(QStringLiteral("tag")));
    const QString type = typeParam(request);
    static const QStringList kCommands
        = {QStringLiteral("add"), QStringLiteral("remove"), QStringLiteral("replace"),
           QStringLiteral("remove_all"), QStringLiteral("set_exclusive")};
    if (!kCommands.contains(command))
        return ApiResponse::error(400, QStringLiteral("Invalid command %1").arg(command));
    if (publicIds.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Missing required parameter - public_ids"));
    if (tagList.isEmpty() && command != u"remove_all")
        return ApiResponse::error(400, QStringLiteral("Missing required parameter - tag"));
    if (publicIds.size() > 1000)
        return ApiResponse::error(400, QStringLiteral("Too many public ids (maximum is 1000)"));

    QString error;
    if (command == u"set_exclusive") {
        for (const Asset *asset : ctx.store.assets(ctx.env.cloudName)) {
            if (asset->resourceType != resourceType || asset->type != type
                || publicIds.contains(asset->publicId))
                continue;
            Asset copy = *asset;
            const qsizetype before = copy.tags.size();
            for (const QString &tag : tagList)
                copy.tags.removeAll(tag);
            copy.updatedAt = ctx.now;
            if (copy.tags.size() != before && !ctx.store.updateAsset(ctx.env.cloudName, copy, &error))
                return ApiResponse::error(500, error);
        }
    }
    return changeEach(ctx, resourceType, type, publicIds, [&](Asset &copy) {
        if (command == u"add" || command == u"set_exclusive") {
            for (const QString &tag : tagList) {
                if (!copy.tags.contains(tag))
                    copy.tags.append(tag);
            }
        } else if (command == u"remove") {
            for (const QString &tag : tagList)
                copy.tags.removeAll(tag);
        } else if (command == u"replace") {
            copy.tags = tagList;
        } else {
            copy.tags.clear();
        }
    });
}

ApiResponse UploadService::context(const ApiContext &ctx, const QString &resourceType,
                                   const ApiRequest &request)
{
    const QString command = request.param(QStringLiteral("command"));
    const QStringList publicIds = request.arrayParam(QStringLiteral("public_ids"));
    const QString type = typeParam(request);
    if (command != u"add" && command != u"remove_all")
        return ApiResponse::error(400, QStringLiteral("Invalid command %1").arg(command));
    if (publicIds.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Missing required parameter - public_ids"));
    const QJsonObject added = parseContextString(request.param(QStringLiteral("context")));
    return changeEach(ctx, resourceType, type, publicIds, [&](Asset &copy) {
        if (command == u"remove_all") {
            copy.context = {};
        } else {
            for (auto it = added.begin(); it != added.end(); ++it)
                copy.context.insert(it.key(), it.value());
        }
    });
}

ApiResponse UploadService::metadata(const ApiContext &ctx, const QString &resourceType,
                                    const ApiRequest &request)
{
    const QStringList publicIds = request.arrayParam(QStringLiteral("public_ids"));
    if (publicIds.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Missing required parameter - public_ids"));
    if (!request.hasParam(QStringLiteral("metadata"))
        && !request.json.value(QStringLiteral("metadata")).isObject())
        return ApiResponse::error(400, QStringLiteral("Missing required parameter - metadata"));
    ApiResponse refusal;
    const auto metadata = checkedMetadataParam(ctx, request, &refusal);
    if (!metadata)
        return refusal;
    return changeEach(ctx, resourceType, typeParam(request), publicIds,
                      [&](Asset &copy) { metadatarules::merge(copy.metadata, *metadata); });
}

ApiResponse UploadService::explicitAction(const ApiContext &ctx, const QString &resourceType,
                                          const ApiRequest &request)
{
    const QString publicId = request.param(QStringLiteral("public_id"));
    if (publicId.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Missing required parameter - public_id"));
    const QString type = typeParam(request);
    const Asset *asset = ctx.store.find(ctx.env.cloudName, resourceType, type, publicId);
    if (!asset)
        return ApiResponse::error(404, QStringLiteral("Resource not found - %1").arg(publicId));
    Asset copy = *asset;
    if (request.hasParam(QStringLiteral("tags")))
        copy.tags = splitTags(request.param(QStringLiteral("tags")));
    if (auto refused = applyMetadataParams(ctx, request, copy))
        return *refused;
    if (request.hasParam(QStringLiteral("asset_folder")) && ctx.env.folderMode == FolderMode::Dynamic)
        copy.assetFolder = trimSlashes(request.param(QStringLiteral("asset_folder")));
    return saveChangedAsset(ctx, std::move(copy));
}

} // namespace stratus::sandbox
