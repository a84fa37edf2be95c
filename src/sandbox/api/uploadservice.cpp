#include "uploadservice.h"

#include "authentication.h"
#include "core/signing/apisigner.h"
#include "sandbox/mediaprobe.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>

#include <unistd.h>

namespace stratus::sandbox {

namespace {

// Parameters an unsigned upload may set itself (the rest come from its preset).
const QStringList kUnsignedAllowed = {
    QStringLiteral("public_id"),
    QStringLiteral("folder"),
    QStringLiteral("asset_folder"),
    QStringLiteral("display_name"),
    QStringLiteral("tags"),
    QStringLiteral("context"),
    QStringLiteral("metadata"),
    QStringLiteral("face_coordinates"),
    QStringLiteral("custom_coordinates"),
    QStringLiteral("regions"),
    QStringLiteral("upload_preset"),
    QStringLiteral("filename_override"),
};

QString randomSuffix(int length)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString out;
    for (int i = 0; i < length; ++i)
        out += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet - 1))]);
    return out;
}

bool writeDurably(const QString &path, const QByteArray &data, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size()
        || !file.flush()) {
        *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    ::fsync(file.handle());
    return true;
}

QString md5Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Md5);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

// A parameter from the request, else from the preset's settings.
QString setting(const ApiRequest &request, const QJsonObject &preset, const QString &name)
{
    if (request.hasParam(name))
        return request.param(name);
    const QJsonValue value = preset.value(name);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    if (value.isDouble())
        return QString::number(value.toDouble());
    return value.toString();
}

bool truthy(const QString &value, bool fallback)
{
    if (value.isNull())
        return fallback;
    const QString v = value.trimmed().toLower();
    return v == u"1" || v == u"true";
}

QStringList splitTags(const QString &text)
{
    QStringList tags;
    for (const QString &tag : text.split(u',')) {
        const QString trimmed = tag.trimmed();
        if (!trimmed.isEmpty() && !tags.contains(trimmed))
            tags.append(trimmed);
    }
    return tags;
}

qint64 limitFor(const EnvironmentConfig &env, const QString &resourceType)
{
    if (resourceType == u"image")
        return env.maxImageBytes;
    if (resourceType == u"video")
        return env.maxVideoBytes;
    return env.maxRawBytes;
}

} // namespace

UploadService::UploadService(QString chunkDirectory)
    : m_chunkDirectory(std::move(chunkDirectory))
{
    QDir().mkpath(m_chunkDirectory);
}

ApiResponse UploadService::handle(const ApiContext &ctx, const QString &resourceType, const QString &action,
                                  const ApiRequest &request)
{
    if (request.method != "POST")
        return ApiResponse::error(
            404, QStringLiteral("Unsupported method %1").arg(QString::fromLatin1(request.method)));
    static const QStringList kResourceTypes
        = {QStringLiteral("image"), QStringLiteral("video"), QStringLiteral("raw"), QStringLiteral("auto")};
    if (!kResourceTypes.contains(resourceType))
        return ApiResponse::error(400, QStringLiteral("Invalid resource type %1").arg(resourceType));
    if (action == u"upload" || action == u"upload_chunked")
        return upload(ctx, resourceType, request);

    UploadAuth mode;
    if (auto refused = checkUploadAuth(request, ctx.env, ctx.now, false, &mode))
        return *refused;
    if (resourceType == u"auto")
        return ApiResponse::error(400, QStringLiteral("Invalid resource type auto for %1").arg(action));
    if (action == u"destroy")
        return destroy(ctx, resourceType, request);
    if (action == u"rename")
        return rename(ctx, resourceType, request);
    if (action == u"tags")
        return tags(ctx, resourceType, request);
    if (action == u"context")
        return context(ctx, resourceType, request);
    if (action == u"explicit")
        return explicitAction(ctx, resourceType, request);
    return ApiResponse::error(404, QStringLiteral("Unsupported action %1").arg(action));
}

ApiResponse UploadService::upload(const ApiContext &ctx, const QString &resourceType,
                                  const ApiRequest &request)
{
    UploadAuth mode;
    if (auto refused = checkUploadAuth(request, ctx.env, ctx.now, true, &mode))
        return *refused;

    QJsonObject preset;
    const QString presetName = request.param(QStringLiteral("upload_preset"));
    if (!presetName.isEmpty()) {
        const auto presets = ctx.store.uploadPresets(ctx.env.cloudName);
        if (!presets.contains(presetName))
            return ApiResponse::error(400, QStringLiteral("Upload preset not found"));
        preset = presets.value(presetName);
    }
    if (mode == UploadAuth::Unsigned) {
        if (presetName.isEmpty())
            return ApiResponse::error(
                400, QStringLiteral("Upload preset must be specified when using unsigned upload"));
        if (!preset.value(QStringLiteral("unsigned")).toBool())
            return ApiResponse::error(
                400, QStringLiteral("Upload preset must be whitelisted for unsigned uploads"));
        for (const auto &[name, value] : request.params) {
            Q_UNUSED(value);
            if (!kUnsignedAllowed.contains(name) && name != u"file")
                return ApiResponse::error(
                    400, QStringLiteral("Invalid parameter for unsigned upload: %1").arg(name));
        }
    }
    const QJsonObject presetSettings = preset.value(QStringLiteral("settings")).toObject();
    const bool overwriteDefault = mode != UploadAuth::Unsigned;

    // The file: a multipart file part, or a data URI in a text field.
    QByteArray data;
    QString fileName;
    if (request.files.contains(QStringLiteral("file"))) {
        const UploadedPart &part = request.files.value(QStringLiteral("file"));
        data = part.data;
        fileName = part.fileName;
    } else if (request.hasParam(QStringLiteral("file"))) {
        const QString text = request.param(QStringLiteral("file"));
        if (text.startsWith(QStringLiteral("data:"))) {
            const qsizetype comma = text.indexOf(u',');
            if (comma < 0)
                return ApiResponse::error(400, QStringLiteral("Invalid data URI"));
            const QString header = text.mid(5, comma - 5);
            data = header.endsWith(QStringLiteral(";base64"))
                ? QByteArray::fromBase64(text.mid(comma + 1).toLatin1())
                : QByteArray::fromPercentEncoding(text.mid(comma + 1).toUtf8());
        } else if (text.startsWith(QStringLiteral("http://"))
                   || text.startsWith(QStringLiteral("https://"))) {
            return ApiResponse::error(
                400, QStringLiteral("Remote URLs are not supported by the sandbox: %1").arg(text));
        } else {
            return ApiResponse::error(400, QStringLiteral("Invalid file parameter"));
        }
    } else {
        return ApiResponse::error(400, QStringLiteral("Missing required parameter - file"));
    }
    const QString filenameOverride = request.param(QStringLiteral("filename_override"));
    if (!filenameOverride.isEmpty())
        fileName = filenameOverride;

    const QByteArray uploadId = request.header("x-unique-upload-id");
    const QByteArray range = request.header("content-range");
    // As Cloudinary: a file without content is refused, whole or as a chunk.
    if (data.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Empty file"));
    QString error;
    if (!uploadId.isEmpty() && !range.isEmpty()) {
        // A chunk: bytes FIRST-LAST/TOTAL (TOTAL is -1 until the last chunk for the Node SDK).
        static const QRegularExpression rangePattern(QStringLiteral("^bytes (\\d+)-(\\d+)/(-1|\\d+)$"));
        const auto match = rangePattern.match(QString::fromLatin1(range).trimmed());
        if (!match.hasMatch())
            return ApiResponse::error(400, QStringLiteral("Invalid Content-Range header"));
        const qint64 first = match.captured(1).toLongLong();
        const qint64 last = match.captured(2).toLongLong();
        const qint64 total = match.captured(3).toLongLong();
        if (last < first || last - first + 1 != data.size())
            return ApiResponse::error(400, QStringLiteral("Content-Range does not match the chunk size"));
        if (data.size() > kMaxRequestBytes)
            return ApiResponse::error(400,
                                      QStringLiteral("Chunk size too large. Got %1. Maximum is %2.")
                                          .arg(data.size())
                                          .arg(kMaxRequestBytes));
        QString safeId = QString::fromLatin1(uploadId);
        safeId.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("_"));
        const QString partPath
            = m_chunkDirectory + u'/' + ctx.env.cloudName + u'-' + safeId + QStringLiteral(".part");
        // A chunk of an upload that already completed (its answer was lost, or the client died
        // before it recorded it) gets the same final answer again instead of starting over.
        const QString donePath = partPath + QStringLiteral(".done");
        if (QFile done(donePath); done.open(QIODevice::ReadOnly)) {
            ApiResponse again;
            again.body = done.readAll();
            return again;
        }
        QFile part(partPath);
        if (!part.open(QIODevice::ReadWrite))
            return ApiResponse::error(500, QStringLiteral("cannot store the chunk"));
        if (first > part.size())
            return ApiResponse::error(
                400,
                QStringLiteral("Chunk out of order: expected an offset up to %1, got %2")
                    .arg(part.size())
                    .arg(first));
        part.seek(first);
        if (part.write(data) != data.size() || !part.flush())
            return ApiResponse::error(500, QStringLiteral("cannot store the chunk"));
        ::fsync(part.handle());
        const qint64 received = part.size();
        part.close();
        const bool final = total >= 0 && last + 1 == total;
        if (!final) {
            QJsonObject progress {{QStringLiteral("done"), false},
                                  {QStringLiteral("bytes"), double(last + 1)},
                                  {QStringLiteral("kind"), QStringLiteral("upload")}};
            if (resourceType != u"auto")
                progress.insert(QStringLiteral("resource_type"), resourceType);
            const QString publicId = request.param(QStringLiteral("public_id"));
            if (!publicId.isEmpty())
                progress.insert(QStringLiteral("public_id"), publicId);
            return ApiResponse::json(progress);
        }
        if (received != total) {
            return ApiResponse::error(
                400,
                QStringLiteral("Upload is incomplete: received %1 of %2 bytes").arg(received).arg(total));
        }
        // The parts stay until the answer is on disk: a server killed while it stores the file
        // (which takes a while for a large one) still has every byte when the client sends the last
        // chunk again, and stores it once more under the same public id instead of answering
        // "out of order". A hard link costs no copy.
        const QString staged = ctx.store.stagingDirectory() + u'/' + randomHexId();
        if (::link(QFile::encodeName(partPath).constData(), QFile::encodeName(staged).constData()) != 0
            && !QFile::copy(partPath, staged))
            return ApiResponse::error(500, QStringLiteral("cannot assemble the chunks"));
        ApiResponse stored
            = storeUpload(ctx, resourceType, request, presetSettings, staged, fileName, overwriteDefault);
        if (stored.status == 200 && writeDurably(donePath, stored.body, &error))
            QFile::remove(partPath);
        return stored;
    }

    if (data.size() > kMaxRequestBytes) {
        return ApiResponse::error(400,
                                  QStringLiteral("File size too large. Got %1. Maximum is %2. Upload larger "
                                                 "files in chunks (upload_large).")
                                      .arg(data.size())
                                      .arg(kMaxRequestBytes));
    }
    const QString staged = ctx.store.stagingDirectory() + u'/' + randomHexId();
    if (!writeDurably(staged, data, &error))
        return ApiResponse::error(500, error);
    return storeUpload(ctx, resourceType, request, presetSettings, staged, fileName, overwriteDefault);
}

ApiResponse UploadService::storeUpload(const ApiContext &ctx, const QString &requestedType,
                                       const ApiRequest &request, const QJsonObject &preset,
                                       const QString &stagedFile, const QString &fileName,
                                       bool overwriteDefault)
{
    auto fail = [&](int status, const QString &message) {
        QFile::remove(stagedFile);
        return ApiResponse::error(status, message);
    };
    const qint64 size = QFileInfo(stagedFile).size();
    const MediaInfo media = probeMedia(stagedFile, fileName);
    QString resourceType = requestedType;
    if (resourceType == u"auto")
        resourceType = media.resourceType;
    if (resourceType == u"image" && media.resourceType != u"image")
        return fail(400, QStringLiteral("Invalid image file"));
    if (resourceType == u"video" && media.resourceType != u"video")
        return fail(400, QStringLiteral("Unsupported video format or file"));
    if (const qint64 limit = limitFor(ctx.env, resourceType); limit > 0 && size > limit)
        return fail(400, QStringLiteral("File size too large. Got %1. Maximum is %2.").arg(size).arg(limit));

    const QString type = setting(request, preset, QStringLiteral("type")).isEmpty()
        ? QStringLiteral("upload")
        : setting(request, preset, QStringLiteral("type"));
    if (type != u"upload" && type != u"private" && type != u"authenticated")
        return fail(400, QStringLiteral("Invalid type %1").arg(type));

    // Where it goes and what it is called, by folder mode (cloudinary-api.md §g).
    const bool dynamic = ctx.env.folderMode == FolderMode::Dynamic;
    const QString folder = trimSlashes(setting(request, preset, QStringLiteral("folder")));
    QString assetFolder = trimSlashes(setting(request, preset, QStringLiteral("asset_folder")));
    if (dynamic && assetFolder.isEmpty() && !folder.isEmpty())
        assetFolder = folder;

    const QString baseName = QFileInfo(fileName).completeBaseName();
    const QString suffix = QFileInfo(fileName).suffix();
    QString publicId = trimSlashes(setting(request, preset, QStringLiteral("public_id")));
    if (publicId.isEmpty()) {
        const bool useFilename = truthy(setting(request, preset, QStringLiteral("use_filename")), false);
        const bool uniqueFilename = truthy(setting(request, preset, QStringLiteral("unique_filename")), true);
        if (useFilename && !baseName.isEmpty()) {
            static const QRegularExpression unsafe(QStringLiteral("[?&#\\\\%<>+/]"));
            publicId = QString(baseName).replace(unsafe, QStringLiteral("_"));
            if (uniqueFilename)
                publicId += u'_' + randomSuffix(6);
        } else {
            publicId = randomSuffix(20);
        }
        if (resourceType == u"raw" && !suffix.isEmpty())
            publicId += u'.' + suffix;
        QString prefix = trimSlashes(setting(request, preset, QStringLiteral("public_id_prefix")));
        if (dynamic
            && truthy(setting(request, preset, QStringLiteral("use_asset_folder_as_public_id_prefix")),
                      false))
            prefix = assetFolder;
        if (!prefix.isEmpty())
            publicId = prefix + u'/' + publicId;
    }
    if (!folder.isEmpty())
        publicId = folder + u'/' + publicId;

    const Asset *existing = ctx.store.find(ctx.env.cloudName, resourceType, type, publicId);
    const bool overwrite = truthy(setting(request, preset, QStringLiteral("overwrite")), overwriteDefault);
    if (existing && !overwrite) {
        QFile::remove(stagedFile);
        QJsonObject json = resourceJson(ctx, *existing);
        json.insert(QStringLiteral("existing"), true);
        return ApiResponse::json(json);
    }

    Asset asset;
    asset.assetId = existing ? existing->assetId : randomHexId();
    asset.publicId = publicId;
    asset.resourceType = resourceType;
    asset.type = type;
    asset.format = resourceType == u"raw" ? QString() : media.format;
    asset.version = ctx.now.toSecsSinceEpoch();
    if (existing && existing->version >= asset.version)
        asset.version = existing->version + 1;
    asset.versionId = randomHexId();
    asset.bytes = size;
    asset.width = media.width;
    asset.height = media.height;
    asset.duration = media.duration;
    asset.etag = md5Of(stagedFile);
    asset.createdAt = existing ? existing->createdAt : ctx.now;
    asset.uploadedAt = ctx.now;
    asset.updatedAt = ctx.now;
    asset.assetFolder = dynamic ? assetFolder : asset.publicIdFolder();
    asset.originalFilename = baseName;
    QString displayName = setting(request, preset, QStringLiteral("display_name"));
    if (displayName.isEmpty()
        && truthy(setting(request, preset, QStringLiteral("use_filename_as_display_name")), false))
        displayName = baseName;
    asset.displayName = displayName.isEmpty() ? asset.filename() : displayName;
    asset.tags = splitTags(setting(request, preset, QStringLiteral("tags")));
    asset.context = parseContextString(setting(request, preset, QStringLiteral("context")));
    asset.metadata = parseContextString(setting(request, preset, QStringLiteral("metadata")));

    QString error;
    if (!ctx.store.putAsset(ctx.env.cloudName, asset, stagedFile, &error))
        return fail(500, error);
    const Asset *stored = ctx.store.find(ctx.env.cloudName, resourceType, type, publicId);
    QJsonObject json = resourceJson(ctx, *stored);
    json.insert(
        QStringLiteral("signature"),
        core::ApiSigner::responseSignature(stored->publicId, double(stored->version), ctx.env.apiSecret));
    json.insert(QStringLiteral("api_key"), ctx.env.apiKey);
    json.insert(QStringLiteral("existing"), false);
    if (!assetFolder.isEmpty() || !dynamic)
        json.insert(QStringLiteral("asset_folder"), stored->assetFolder);
    return ApiResponse::json(json);
}

ApiResponse UploadService::destroy(const ApiContext &ctx, const QString &resourceType,
                                   const ApiRequest &request)
{
    const QString publicId = request.param(QStringLiteral("public_id"));
    if (publicId.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Missing required parameter - public_id"));
    const QString type = request.param(QStringLiteral("type")).isEmpty()
        ? QStringLiteral("upload")
        : request.param(QStringLiteral("type"));
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
    const QString type = request.param(QStringLiteral("type")).isEmpty()
        ? QStringLiteral("upload")
        : request.param(QStringLiteral("type"));
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
    const QString type = request.param(QStringLiteral("type")).isEmpty()
        ? QStringLiteral("upload")
        : request.param(QStringLiteral("type"));
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
    QJsonArray changed;
    for (const QString &publicId : publicIds) {
        const Asset *asset = ctx.store.find(ctx.env.cloudName, resourceType, type, publicId);
        if (!asset)
            continue;
        Asset copy = *asset;
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
        copy.updatedAt = ctx.now;
        if (!ctx.store.updateAsset(ctx.env.cloudName, copy, &error))
            return ApiResponse::error(500, error);
        changed.append(publicId);
    }
    return ApiResponse::json({{QStringLiteral("public_ids"), changed}});
}

ApiResponse UploadService::context(const ApiContext &ctx, const QString &resourceType,
                                   const ApiRequest &request)
{
    const QString command = request.param(QStringLiteral("command"));
    const QStringList publicIds = request.arrayParam(QStringLiteral("public_ids"));
    const QString type = request.param(QStringLiteral("type")).isEmpty()
        ? QStringLiteral("upload")
        : request.param(QStringLiteral("type"));
    if (command != u"add" && command != u"remove_all")
        return ApiResponse::error(400, QStringLiteral("Invalid command %1").arg(command));
    if (publicIds.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Missing required parameter - public_ids"));
    const QJsonObject added = parseContextString(request.param(QStringLiteral("context")));
    QJsonArray changed;
    QString error;
    for (const QString &publicId : publicIds) {
        const Asset *asset = ctx.store.find(ctx.env.cloudName, resourceType, type, publicId);
        if (!asset)
            continue;
        Asset copy = *asset;
        if (command == u"remove_all") {
            copy.context = {};
        } else {
            for (auto it = added.begin(); it != added.end(); ++it)
                copy.context.insert(it.key(), it.value());
        }
        copy.updatedAt = ctx.now;
        if (!ctx.store.updateAsset(ctx.env.cloudName, copy, &error))
            return ApiResponse::error(500, error);
        changed.append(publicId);
    }
    return ApiResponse::json({{QStringLiteral("public_ids"), changed}});
}

ApiResponse UploadService::explicitAction(const ApiContext &ctx, const QString &resourceType,
                                          const ApiRequest &request)
{
    const QString publicId = request.param(QStringLiteral("public_id"));
    if (publicId.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Missing required parameter - public_id"));
    const QString type = request.param(QStringLiteral("type")).isEmpty()
        ? QStringLiteral("upload")
        : request.param(QStringLiteral("type"));
    const Asset *asset = ctx.store.find(ctx.env.cloudName, resourceType, type, publicId);
    if (!asset)
        return ApiResponse::error(404, QStringLiteral("Resource not found - %1").arg(publicId));
    Asset copy = *asset;
    if (request.hasParam(QStringLiteral("tags")))
        copy.tags = splitTags(request.param(QStringLiteral("tags")));
    if (request.hasParam(QStringLiteral("context")))
        copy.context = parseContextString(request.param(QStringLiteral("context")));
    if (request.hasParam(QStringLiteral("metadata")))
        copy.metadata = parseContextString(request.param(QStringLiteral("metadata")));
    if (request.hasParam(QStringLiteral("display_name")))
        copy.displayName = request.param(QStringLiteral("display_name"));
    if (request.hasParam(QStringLiteral("asset_folder")) && ctx.env.folderMode == FolderMode::Dynamic)
        copy.assetFolder = trimSlashes(request.param(QStringLiteral("asset_folder")));
    copy.updatedAt = ctx.now;
    QString error;
    if (!ctx.store.updateAsset(ctx.env.cloudName, copy, &error))
        return ApiResponse::error(500, error);
    return ApiResponse::json(resourceJson(ctx, copy));
}

} // namespace stratus::sandbox
