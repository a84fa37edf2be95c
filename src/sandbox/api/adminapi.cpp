#include "adminapi.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace stratus::sandbox {

namespace {

QString externalId(const QString &text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Md5).toHex());
}

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

QJsonObject folderJson(const QString &path)
{
    return QJsonObject {{QStringLiteral("name"), path.mid(path.lastIndexOf(u'/') + 1)},
                        {QStringLiteral("path"), path},
                        {QStringLiteral("external_id"), externalId(path)}};
}

bool inSubtree(const QString &folder, const QString &root)
{
    return folder == root || folder.startsWith(root + u'/');
}

// A transformation string as Cloudinary's `info` describes it: one object per component, with the
// parameters' long names and numbers as numbers ([{"crop":"fill","height":40,"width":50}]).
QJsonArray transformationInfo(const QString &transformation)
{
    static const QHash<QString, QString> longNames = {
        {QStringLiteral("a"), QStringLiteral("angle")},
        {QStringLiteral("ar"), QStringLiteral("aspect_ratio")},
        {QStringLiteral("b"), QStringLiteral("background")},
        {QStringLiteral("bo"), QStringLiteral("border")},
        {QStringLiteral("c"), QStringLiteral("crop")},
        {QStringLiteral("co"), QStringLiteral("color")},
        {QStringLiteral("d"), QStringLiteral("default_image")},
        {QStringLiteral("dpr"), QStringLiteral("dpr")},
        {QStringLiteral("e"), QStringLiteral("effect")},
        {QStringLiteral("f"), QStringLiteral("fetch_format")},
        {QStringLiteral("fl"), QStringLiteral("flags")},
        {QStringLiteral("g"), QStringLiteral("gravity")},
        {QStringLiteral("h"), QStringLiteral("height")},
        {QStringLiteral("l"), QStringLiteral("overlay")},
        {QStringLiteral("o"), QStringLiteral("opacity")},
        {QStringLiteral("q"), QStringLiteral("quality")},
        {QStringLiteral("r"), QStringLiteral("radius")},
        {QStringLiteral("t"), QStringLiteral("transformation")},
        {QStringLiteral("u"), QStringLiteral("underlay")},
        {QStringLiteral("w"), QStringLiteral("width")},
        {QStringLiteral("x"), QStringLiteral("x")},
        {QStringLiteral("y"), QStringLiteral("y")},
        {QStringLiteral("z"), QStringLiteral("zoom")},
    };
    QJsonArray info;
    for (const QString &step : transformation.split(u'/', Qt::SkipEmptyParts)) {
        QJsonObject component;
        for (const QString &param : step.split(u',', Qt::SkipEmptyParts)) {
            const qsizetype underscore = param.indexOf(u'_');
            const QString key = param.left(underscore);
            const QString value = underscore < 0 ? QString() : param.mid(underscore + 1);
            bool numeric = false;
            const double number = value.toDouble(&numeric);
            component.insert(longNames.value(key, key), numeric ? QJsonValue(number) : QJsonValue(value));
        }
        info.append(component);
    }
    return info;
}

QString normaliseTransformationName(QString name)
{
    if (name.startsWith(QStringLiteral("t_")))
        name.remove(0, 2);
    return name;
}

QJsonObject presetJson(const QString &name, const QJsonObject &preset)
{
    return QJsonObject {{QStringLiteral("name"), name},
                        {QStringLiteral("unsigned"), preset.value(QStringLiteral("unsigned")).toBool()},
                        {QStringLiteral("settings"), preset.value(QStringLiteral("settings")).toObject()},
                        {QStringLiteral("external_id"), externalId(QStringLiteral("preset:") + name)}};
}

// Upload preset settings from a create/update call: every parameter but the preset's own fields.
QJsonObject presetSettingsFrom(const ApiRequest &request, QJsonObject settings)
{
    static const QSet<QString> own
        = {QStringLiteral("name"),     QStringLiteral("unsigned"), QStringLiteral("disallow_public_id"),
           QStringLiteral("live"),     QStringLiteral("api_key"),  QStringLiteral("timestamp"),
           QStringLiteral("signature")};
    for (const auto &[name, value] : request.params) {
        if (!own.contains(name))
            settings.insert(name, value);
    }
    for (auto it = request.json.begin(); it != request.json.end(); ++it) {
        if (!own.contains(it.key()))
            settings.insert(it.key(), it.value());
    }
    return settings;
}

} // namespace

static ApiResponse searchFolders(const QMap<QString, QDateTime> &folders, const ApiRequest &request)
{
    // The folder search grammar, in the subset clients use: terms on `name` or `path` with `:`
    // (case-insensitive, trailing `*` for a prefix) or `=` (exact), joined by AND.
    QList<std::pair<QString, QString>> terms;
    const QString expression = request.param(QStringLiteral("expression"));
    for (QString term : expression.split(QStringLiteral(" AND "), Qt::SkipEmptyParts)) {
        term = term.trimmed();
        const qsizetype op = term.indexOf(QRegularExpression(QStringLiteral("[:=]")));
        if (op <= 0)
            return ApiResponse::error(400, QStringLiteral("Invalid folder search expression: %1").arg(term));
        QString value = term.mid(op + 1).trimmed();
        if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"'))
            value = value.mid(1, value.size() - 2);
        terms.append({term.left(op).trimmed() + term.at(op), value});
    }
    QJsonArray matches;
    for (auto it = folders.cbegin(); it != folders.cend(); ++it) {
        const QString name = it.key().mid(it.key().lastIndexOf(u'/') + 1);
        bool match = true;
        for (const auto &[key, value] : terms) {
            const QString subject = key.startsWith(QStringLiteral("name")) ? name : it.key();
            if (key.endsWith(u'='))
                match = match && subject == value;
            else if (value.endsWith(u'*'))
                match = match && subject.startsWith(value.chopped(1), Qt::CaseInsensitive);
            else
                match = match && subject.contains(value, Qt::CaseInsensitive);
        }
        if (!match)
            continue;
        QJsonObject json = folderJson(it.key());
        json.insert(QStringLiteral("created_at"), it.value().toUTC().toString(Qt::ISODate));
        matches.append(json);
    }
    const qint64 maxResults
        = qBound(qint64(1), request.intParam(QStringLiteral("max_results"), 50), qint64(500));
    QJsonArray page;
    for (qsizetype i = 0; i < matches.size() && i < maxResults; ++i)
        page.append(matches.at(i));
    return ApiResponse::json({{QStringLiteral("total_count"), double(matches.size())},
                              {QStringLiteral("time"), 1},
                              {QStringLiteral("next_cursor"), QJsonValue()},
                              {QStringLiteral("folders"), page}});
}

QMap<QString, QDateTime> allFolders(const ApiContext &ctx)
{
    QMap<QString, QDateTime> folders = ctx.store.explicitFolders(ctx.env.cloudName);
    for (const Asset *asset : ctx.store.assets(ctx.env.cloudName)) {
        QString folder = folderOf(ctx.env, *asset);
        while (!folder.isEmpty()) {
            auto it = folders.find(folder);
            if (it == folders.end())
                folders.insert(folder, asset->createdAt);
            else if (asset->createdAt < *it)
                *it = asset->createdAt;
            const qsizetype slash = folder.lastIndexOf(u'/');
            folder = slash < 0 ? QString() : folder.left(slash);
        }
    }
    return folders;
}

ApiResponse AdminApi::handle(const ApiContext &ctx, const QStringList &path, const ApiRequest &request)
{
    const QString head = path.value(0);
    if (head == u"ping" && path.size() == 1)
        return ApiResponse::json({{QStringLiteral("status"), QStringLiteral("ok")}});
    if (head == u"usage")
        return usage(ctx);
    if (head == u"config" && path.size() == 1)
        return config(ctx, request);
    if (head == u"resources")
        return resources(ctx, path.mid(1), request);
    if (head == u"folders")
        return folders(ctx, path.mid(1), request);
    if (head == u"tags")
        return tags(ctx, path.mid(1), request);
    if (head == u"transformations")
        return transformations(ctx, path.mid(1), request);
    if (head == u"upload_presets")
        return uploadPresets(ctx, path.mid(1), request);
    return ApiResponse::error(404, QStringLiteral("Unsupported Admin API path /%1").arg(path.join(u'/')));
}

ApiResponse AdminApi::usage(const ApiContext &ctx)
{
    qint64 storage = 0;
    const auto assets = ctx.store.assets(ctx.env.cloudName);
    for (const Asset *asset : assets)
        storage += asset->bytes;
    auto limit = [](qint64 value) {
        return value > 0 ? double(value) : double(100LL * 1024 * 1024 * 1024);
    };
    return ApiResponse::json({
        {QStringLiteral("plan"), QStringLiteral("Sandbox")},
        {QStringLiteral("last_updated"), ctx.now.date().toString(Qt::ISODate)},
        {QStringLiteral("date_requested"), ctx.now.toString(Qt::ISODate)},
        {QStringLiteral("transformations"),
         QJsonObject {{QStringLiteral("usage"), 0}, {QStringLiteral("credits_usage"), 0}}},
        {QStringLiteral("objects"), QJsonObject {{QStringLiteral("usage"), double(assets.size())}}},
        {QStringLiteral("bandwidth"),
         QJsonObject {{QStringLiteral("usage"), 0}, {QStringLiteral("credits_usage"), 0}}},
        {QStringLiteral("storage"),
         QJsonObject {{QStringLiteral("usage"), double(storage)}, {QStringLiteral("credits_usage"), 0}}},
        {QStringLiteral("requests"), 0},
        {QStringLiteral("resources"), double(assets.size())},
        {QStringLiteral("derived_resources"), 0},
        {QStringLiteral("media_limits"),
         QJsonObject {{QStringLiteral("image_max_size_bytes"), limit(ctx.env.maxImageBytes)},
                      {QStringLiteral("video_max_size_bytes"), limit(ctx.env.maxVideoBytes)},
                      {QStringLiteral("raw_max_size_bytes"), limit(ctx.env.maxRawBytes)},
                      {QStringLiteral("image_max_px"), 100000000},
                      {QStringLiteral("asset_max_total_px"), 100000000}}},
    });
}

ApiResponse AdminApi::config(const ApiContext &ctx, const ApiRequest &request)
{
    QJsonObject json {{QStringLiteral("cloud_name"), ctx.env.cloudName},
                      {QStringLiteral("created_at"), QStringLiteral("2026-01-01T00:00:00Z")}};
    if (request.boolParam(QStringLiteral("settings")))
        json.insert(QStringLiteral("settings"),
                    QJsonObject {{QStringLiteral("folder_mode"), ctx.env.folderModeName()}});
    return ApiResponse::json(json);
}

ApiResponse AdminApi::resources(const ApiContext &ctx, const QStringList &path, const ApiRequest &request)
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

ApiResponse AdminApi::listing(const ApiContext &ctx, std::vector<const Asset *> assets,
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

ApiResponse AdminApi::deleteResources(const ApiContext &ctx, const std::vector<const Asset *> &assets)
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

ApiResponse AdminApi::updateResource(const ApiContext &ctx, const Asset &asset, const ApiRequest &request)
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

ApiResponse AdminApi::folders(const ApiContext &ctx, const QStringList &path, const ApiRequest &request)
{
    const QString folder = trimSlashes(path.join(u'/'));
    const QMap<QString, QDateTime> all = allFolders(ctx);
    if (folder == u"search" && request.method == "POST" && !all.contains(folder))
        return searchFolders(all, request);
    QString error;
    if (request.method == "POST") {
        if (folder.isEmpty())
            return ApiResponse::error(400, QStringLiteral("Missing folder path"));
        if (all.contains(folder))
            return ApiResponse::error(409, QStringLiteral("Folder %1 already exists").arg(folder));
        QString part;
        for (const QString &segment : folder.split(u'/')) {
            part = part.isEmpty() ? segment : part + u'/' + segment;
            if (!ctx.store.addFolder(ctx.env.cloudName, part, &error))
                return ApiResponse::error(500, error);
        }
        QJsonObject json = folderJson(folder);
        json.insert(QStringLiteral("success"), true);
        return ApiResponse::json(json);
    }
    if (request.method == "PUT") {
        if (ctx.env.folderMode != FolderMode::Dynamic)
            return ApiResponse::error(
                400, QStringLiteral("Renaming folders is only supported in dynamic folder mode"));
        const QString to = trimSlashes(request.param(QStringLiteral("to_folder")));
        if (to.isEmpty())
            return ApiResponse::error(400, QStringLiteral("Missing required parameter - to_folder"));
        if (!all.contains(folder))
            return ApiResponse::error(404, QStringLiteral("Can't find folder with path %1").arg(folder));
        for (const Asset *asset : ctx.store.assets(ctx.env.cloudName)) {
            if (!inSubtree(asset->assetFolder, folder))
                continue;
            Asset copy = *asset;
            copy.assetFolder = to + asset->assetFolder.mid(folder.size());
            copy.updatedAt = ctx.now;
            if (!ctx.store.updateAsset(ctx.env.cloudName, copy, &error))
                return ApiResponse::error(500, error);
        }
        const auto explicitFolders = ctx.store.explicitFolders(ctx.env.cloudName);
        for (auto it = explicitFolders.cbegin(); it != explicitFolders.cend(); ++it) {
            if (!inSubtree(it.key(), folder))
                continue;
            if (!ctx.store.removeFolder(ctx.env.cloudName, it.key(), &error)
                || !ctx.store.addFolder(ctx.env.cloudName, to + it.key().mid(folder.size()), &error))
                return ApiResponse::error(500, error);
        }
        if (!ctx.store.addFolder(ctx.env.cloudName, to, &error))
            return ApiResponse::error(500, error);
        return ApiResponse::json(
            {{QStringLiteral("from"), folderJson(folder)}, {QStringLiteral("to"), folderJson(to)}});
    }
    if (request.method == "DELETE") {
        if (!all.contains(folder))
            return ApiResponse::error(404, QStringLiteral("Can't find folder with path %1").arg(folder));
        for (const Asset *asset : ctx.store.assets(ctx.env.cloudName)) {
            if (inSubtree(folderOf(ctx.env, *asset), folder))
                return ApiResponse::error(400, QStringLiteral("Folder is not empty"));
        }
        QJsonArray deleted;
        const auto explicitFolders = ctx.store.explicitFolders(ctx.env.cloudName);
        for (auto it = explicitFolders.cbegin(); it != explicitFolders.cend(); ++it) {
            if (!inSubtree(it.key(), folder))
                continue;
            if (!ctx.store.removeFolder(ctx.env.cloudName, it.key(), &error))
                return ApiResponse::error(500, error);
            deleted.append(it.key());
        }
        return ApiResponse::json({{QStringLiteral("deleted"), deleted}});
    }

    // GET folders (root) or folders/<path> (its sub-folders).
    if (!folder.isEmpty() && !all.contains(folder))
        return ApiResponse::error(404, QStringLiteral("Can't find folder with path %1").arg(folder));
    QStringList children;
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        const QString &candidate = it.key();
        if (folder.isEmpty()
                ? !candidate.contains(u'/')
                : candidate.startsWith(folder + u'/') && !candidate.mid(folder.size() + 1).contains(u'/'))
            children.append(candidate);
    }
    const qint64 maxResults
        = qBound(qint64(1), request.intParam(QStringLiteral("max_results"), 500), qint64(500));
    qsizetype offset = 0;
    if (const QString cursor = request.param(QStringLiteral("next_cursor")); !cursor.isEmpty())
        offset = qMax<qsizetype>(0, decodeCursor(cursor));
    QJsonArray list;
    const qsizetype end = qMin<qsizetype>(children.size(), offset + maxResults);
    for (qsizetype i = offset; i < end; ++i)
        list.append(folderJson(children.at(i)));
    QJsonObject json {{QStringLiteral("folders"), list},
                      {QStringLiteral("total_count"), double(children.size())}};
    json.insert(QStringLiteral("next_cursor"),
                end < children.size() ? QJsonValue(encodeCursor(end)) : QJsonValue());
    return ApiResponse::json(json);
}

ApiResponse AdminApi::tags(const ApiContext &ctx, const QStringList &path, const ApiRequest &request)
{
    const QString resourceType = path.value(0, QStringLiteral("image"));
    const QString prefix = request.param(QStringLiteral("prefix"));
    QSet<QString> unique;
    for (const Asset *asset : ctx.store.assets(ctx.env.cloudName)) {
        if (asset->resourceType != resourceType)
            continue;
        for (const QString &tag : asset->tags) {
            if (prefix.isEmpty() || tag.startsWith(prefix))
                unique.insert(tag);
        }
    }
    QStringList sorted(unique.cbegin(), unique.cend());
    sorted.sort();
    const qint64 maxResults
        = qBound(qint64(1), request.intParam(QStringLiteral("max_results"), 10), qint64(500));
    qsizetype offset = 0;
    if (const QString cursor = request.param(QStringLiteral("next_cursor")); !cursor.isEmpty())
        offset = qMax<qsizetype>(0, decodeCursor(cursor));
    const qsizetype end = qMin<qsizetype>(sorted.size(), offset + maxResults);
    QJsonObject json {{QStringLiteral("tags"), QJsonArray::fromStringList(sorted.mid(offset, end - offset))}};
    if (end < sorted.size())
        json.insert(QStringLiteral("next_cursor"), encodeCursor(end));
    return ApiResponse::json(json);
}

ApiResponse AdminApi::transformations(const ApiContext &ctx, const QStringList &path,
                                      const ApiRequest &request)
{
    const auto named = ctx.store.namedTransformations(ctx.env.cloudName);
    QString error;
    auto entry = [](const QString &name) {
        return QJsonObject {{QStringLiteral("name"), QString(QStringLiteral("t_") + name)},
                            {QStringLiteral("allowed_for_strict"), false},
                            {QStringLiteral("used"), false},
                            {QStringLiteral("named"), true}};
    };
    // The Node SDK names the transformation in a `transformation` parameter of GET/PUT/DELETE
    // transformations; other clients put it in the path. Both mean the same call.
    if (path.isEmpty() && request.method != "POST" && request.hasParam(QStringLiteral("transformation")))
        return transformations(ctx, {request.param(QStringLiteral("transformation"))}, request);
    if (path.isEmpty()) {
        if (request.method == "POST") {
            const QString name = normaliseTransformationName(request.param(QStringLiteral("name")));
            const QString transformation = request.param(QStringLiteral("transformation"));
            if (name.isEmpty() || transformation.isEmpty())
                return ApiResponse::error(
                    400, QStringLiteral("Missing required parameter - name or transformation"));
            if (named.contains(name))
                return ApiResponse::error(409,
                                          QStringLiteral("Transformation t_%1 already exists").arg(name));
            if (!ctx.store.putNamedTransformation(ctx.env.cloudName, name, transformation, &error))
                return ApiResponse::error(500, error);
            return ApiResponse::json({{QStringLiteral("message"), QStringLiteral("created")}});
        }
        QJsonArray list;
        for (auto it = named.cbegin(); it != named.cend(); ++it)
            list.append(entry(it.key()));
        return ApiResponse::json({{QStringLiteral("transformations"), list}});
    }
    const QString name = normaliseTransformationName(path.join(u'/'));
    if (request.method == "POST") {
        const QString transformation = request.param(QStringLiteral("transformation"));
        if (transformation.isEmpty())
            return ApiResponse::error(400, QStringLiteral("Missing required parameter - transformation"));
        if (named.contains(name))
            return ApiResponse::error(409, QStringLiteral("Transformation t_%1 already exists").arg(name));
        if (!ctx.store.putNamedTransformation(ctx.env.cloudName, name, transformation, &error))
            return ApiResponse::error(500, error);
        return ApiResponse::json({{QStringLiteral("message"), QStringLiteral("created")}});
    }
    if (!named.contains(name))
        return ApiResponse::error(404, QStringLiteral("Transformation t_%1 not found").arg(name));
    if (request.method == "PUT") {
        const QString transformation = request.param(QStringLiteral("unsafe_update"));
        if (!transformation.isEmpty()
            && !ctx.store.putNamedTransformation(ctx.env.cloudName, name, transformation, &error))
            return ApiResponse::error(500, error);
        return ApiResponse::json({{QStringLiteral("message"), QStringLiteral("updated")}});
    }
    if (request.method == "DELETE") {
        if (!ctx.store.removeNamedTransformation(ctx.env.cloudName, name, &error))
            return ApiResponse::error(500, error);
        return ApiResponse::json({{QStringLiteral("message"), QStringLiteral("deleted")}});
    }
    QJsonObject json = entry(name);
    json.insert(QStringLiteral("info"), transformationInfo(named.value(name)));
    json.insert(QStringLiteral("derived"), QJsonArray());
    return ApiResponse::json(json);
}

ApiResponse AdminApi::uploadPresets(const ApiContext &ctx, const QStringList &path, const ApiRequest &request)
{
    const auto presets = ctx.store.uploadPresets(ctx.env.cloudName);
    QString error;
    if (path.isEmpty()) {
        if (request.method == "POST") {
            QString name = request.param(QStringLiteral("name"));
            if (name.isEmpty())
                name = randomHexId().left(8);
            if (presets.contains(name))
                return ApiResponse::error(409, QStringLiteral("Upload preset %1 already exists").arg(name));
            const QJsonObject preset {
                {QStringLiteral("unsigned"), request.boolParam(QStringLiteral("unsigned"))},
                {QStringLiteral("settings"), presetSettingsFrom(request, {})}};
            if (!ctx.store.putUploadPreset(ctx.env.cloudName, name, preset, &error))
                return ApiResponse::error(500, error);
            return ApiResponse::json(
                {{QStringLiteral("message"), QStringLiteral("created")},
                 {QStringLiteral("name"), name},
                 {QStringLiteral("external_id"), externalId(QStringLiteral("preset:") + name)}});
        }
        QJsonArray list;
        for (auto it = presets.cbegin(); it != presets.cend(); ++it)
            list.append(presetJson(it.key(), it.value()));
        return ApiResponse::json({{QStringLiteral("presets"), list}});
    }
    const QString name = path.join(u'/');
    if (!presets.contains(name))
        return ApiResponse::error(404, QStringLiteral("Upload preset %1 not found").arg(name));
    if (request.method == "PUT") {
        QJsonObject preset = presets.value(name);
        if (request.hasParam(QStringLiteral("unsigned")))
            preset.insert(QStringLiteral("unsigned"), request.boolParam(QStringLiteral("unsigned")));
        preset.insert(QStringLiteral("settings"),
                      presetSettingsFrom(request, preset.value(QStringLiteral("settings")).toObject()));
        if (!ctx.store.putUploadPreset(ctx.env.cloudName, name, preset, &error))
            return ApiResponse::error(500, error);
        return ApiResponse::json({{QStringLiteral("message"), QStringLiteral("updated")}});
    }
    if (request.method == "DELETE") {
        if (!ctx.store.removeUploadPreset(ctx.env.cloudName, name, &error))
            return ApiResponse::error(500, error);
        return ApiResponse::json({{QStringLiteral("message"), QStringLiteral("deleted")}});
    }
    return ApiResponse::json(presetJson(name, presets.value(name)));
}

} // namespace stratus::sandbox
