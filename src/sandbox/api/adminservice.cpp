// The sandbox's Admin API: dispatch, ping, usage, config, folders and tags. Resources are in
// adminresources.cpp, named transformations and upload presets in adminsettings.cpp.
#include "adminservice.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace stratus::sandbox {

QString externalId(const QString &text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Md5).toHex());
}

namespace {

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

ApiResponse searchFolders(const QMap<QString, QDateTime> &folders, const ApiRequest &request)
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

} // namespace

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

ApiResponse AdminService::handle(const ApiContext &ctx, const QStringList &path, const ApiRequest &request)
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
    if (head == u"metadata_fields")
        return metadataFields(ctx, path.mid(1), request);
    return ApiResponse::error(404, QStringLiteral("Unsupported Admin API path /%1").arg(path.join(u'/')));
}

ApiResponse AdminService::usage(const ApiContext &ctx)
{
    // The report of a credit plan, as Cloudinary answers it for plans sold in credits: storage,
    // bandwidth and transformations each say what they cost (1 credit per GB stored or delivered,
    // per 1,000 transformations) and `credits` the month's total against the plan's. What the
    // sandbox measures: the bytes stored; the transformed files it rendered (each a transformation,
    // each delivered at least once: a lower bound of the bandwidth).
    qint64 storage = 0;
    const auto assets = ctx.store.assets(ctx.env.cloudName);
    for (const Asset *asset : assets)
        storage += asset->bytes;
    qint64 derived = 0;
    qint64 delivered = 0;
    for (QDirIterator it(ctx.store.derivedDirectory(ctx.env.cloudName), QDir::Files,
                         QDirIterator::Subdirectories);
         it.hasNext();) {
        it.next();
        ++derived;
        delivered += it.fileInfo().size();
    }
    constexpr double kGigabyte = 1024.0 * 1024 * 1024;
    const double storageCredits = double(storage) / kGigabyte;
    const double bandwidthCredits = double(delivered) / kGigabyte;
    const double transformationCredits = double(derived) / 1000;
    const double credits = storageCredits + bandwidthCredits + transformationCredits;
    const auto rounded = [](double value) {
        return std::round(value * 100) / 100;
    };
    auto limit = [](qint64 value) {
        return value > 0 ? double(value) : double(100LL * 1024 * 1024 * 1024);
    };
    QJsonObject json({
        {QStringLiteral("plan"), ctx.env.planName},
        {QStringLiteral("last_updated"), ctx.now.date().toString(Qt::ISODate)},
        {QStringLiteral("date_requested"), ctx.now.toString(Qt::ISODate)},
        {QStringLiteral("transformations"),
         QJsonObject {{QStringLiteral("usage"), double(derived)},
                      {QStringLiteral("credits_usage"), transformationCredits}}},
        {QStringLiteral("objects"), QJsonObject {{QStringLiteral("usage"), double(assets.size())}}},
        {QStringLiteral("bandwidth"),
         QJsonObject {{QStringLiteral("usage"), double(delivered)},
                      {QStringLiteral("credits_usage"), bandwidthCredits}}},
        {QStringLiteral("storage"),
         QJsonObject {{QStringLiteral("usage"), double(storage)},
                      {QStringLiteral("credits_usage"), storageCredits}}},
        {QStringLiteral("credits"),
         QJsonObject {{QStringLiteral("usage"), credits},
                      {QStringLiteral("limit"), ctx.env.creditsLimit},
                      {QStringLiteral("used_percent"), rounded(100 * credits / ctx.env.creditsLimit)}}},
        {QStringLiteral("requests"), double(derived)},
        {QStringLiteral("resources"), double(assets.size())},
        {QStringLiteral("derived_resources"), double(derived)},
        {QStringLiteral("media_limits"),
         QJsonObject {{QStringLiteral("image_max_size_bytes"), limit(ctx.env.maxImageBytes)},
                      {QStringLiteral("video_max_size_bytes"), limit(ctx.env.maxVideoBytes)},
                      {QStringLiteral("raw_max_size_bytes"), limit(ctx.env.maxRawBytes)},
                      {QStringLiteral("image_max_px"), 100000000},
                      {QStringLiteral("asset_max_total_px"), 100000000}}},
    });
    if (ctx.env.storageLimit > 0) {
        // A plan sold by limits (Cloudinary's older plans): each metric against its own limit, no
        // credits. Bandwidth and transformations get the older Free plan's.
        const auto limited = [&](double usage, double cap) {
            return QJsonObject {{QStringLiteral("usage"), usage},
                                {QStringLiteral("limit"), cap},
                                {QStringLiteral("used_percent"), rounded(100 * usage / cap)}};
        };
        json.remove(QStringLiteral("credits"));
        json.insert(QStringLiteral("storage"), limited(double(storage), double(ctx.env.storageLimit)));
        json.insert(QStringLiteral("bandwidth"), limited(double(delivered), 20.0 * kGigabyte));
        json.insert(QStringLiteral("transformations"), limited(double(derived), 7500));
    }
    return ApiResponse::json(json);
}

ApiResponse AdminService::config(const ApiContext &ctx, const ApiRequest &request)
{
    QJsonObject json {{QStringLiteral("cloud_name"), ctx.env.cloudName},
                      {QStringLiteral("created_at"), QStringLiteral("2026-01-01T00:00:00Z")}};
    if (request.boolParam(QStringLiteral("settings")))
        json.insert(QStringLiteral("settings"),
                    QJsonObject {{QStringLiteral("folder_mode"), ctx.env.folderModeName()}});
    return ApiResponse::json(json);
}

namespace {

ApiResponse createFolder(const ApiContext &ctx, const QString &folder, const QMap<QString, QDateTime> &all)
{
    if (folder.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Missing folder path"));
    if (all.contains(folder))
        return ApiResponse::error(409, QStringLiteral("Folder %1 already exists").arg(folder));
    // With its ancestors.
    QString error;
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

ApiResponse renameFolder(const ApiContext &ctx, const QString &folder, const QMap<QString, QDateTime> &all,
                         const ApiRequest &request)
{
    if (ctx.env.folderMode != FolderMode::Dynamic)
        return ApiResponse::error(
            400, QStringLiteral("Renaming folders is only supported in dynamic folder mode"));
    const QString to = trimSlashes(request.param(QStringLiteral("to_folder")));
    if (to.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Missing required parameter - to_folder"));
    if (!all.contains(folder))
        return ApiResponse::error(404, QStringLiteral("Can't find folder with path %1").arg(folder));
    // The assets of the whole subtree move, then the folders created explicitly.
    QString error;
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

ApiResponse deleteFolder(const ApiContext &ctx, const QString &folder, const QMap<QString, QDateTime> &all)
{
    if (!all.contains(folder))
        return ApiResponse::error(404, QStringLiteral("Can't find folder with path %1").arg(folder));
    for (const Asset *asset : ctx.store.assets(ctx.env.cloudName)) {
        if (inSubtree(folderOf(ctx.env, *asset), folder))
            return ApiResponse::error(400, QStringLiteral("Folder is not empty"));
    }
    QString error;
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

ApiResponse subfolders(const QString &folder, const QMap<QString, QDateTime> &all, const ApiRequest &request)
{
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

} // namespace

ApiResponse AdminService::folders(const ApiContext &ctx, const QStringList &path, const ApiRequest &request)
{
    const QString folder = trimSlashes(path.join(u'/'));
    const QMap<QString, QDateTime> all = allFolders(ctx);
    if (folder == u"search" && request.method == "POST" && !all.contains(folder))
        return searchFolders(all, request);
    if (request.method == "POST")
        return createFolder(ctx, folder, all);
    if (request.method == "PUT")
        return renameFolder(ctx, folder, all, request);
    if (request.method == "DELETE")
        return deleteFolder(ctx, folder, all);
    return subfolders(folder, all, request);
}

ApiResponse AdminService::tags(const ApiContext &ctx, const QStringList &path, const ApiRequest &request)
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

} // namespace stratus::sandbox
