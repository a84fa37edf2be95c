#include "uploadservice.h"

#include "metadatarules.h"

#include "authentication.h"
#include "core/signing/apisigner.h"
#include "sandbox/mediaprobe.h"

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

qint64 limitFor(const EnvironmentConfig &env, const QString &resourceType)
{
    if (resourceType == u"image")
        return env.maxImageBytes;
    if (resourceType == u"video")
        return env.maxVideoBytes;
    return env.maxRawBytes;
}

// The upload's options: each a parameter of the request, else a setting of its preset.
class UploadOptions
{
public:
    UploadOptions(const ApiRequest &request, const QJsonObject &presetSettings)
        : m_request(request)
        , m_preset(presetSettings)
    {
    }

    [[nodiscard]] QString text(const QString &name) const
    {
        if (m_request.hasParam(name))
            return m_request.param(name);
        const QJsonValue value = m_preset.value(name);
        if (value.isBool())
            return value.toBool() ? QStringLiteral("1") : QStringLiteral("0");
        if (value.isDouble())
            return QString::number(value.toDouble());
        return value.toString();
    }

    [[nodiscard]] bool flag(const QString &name, bool fallback) const
    {
        const QString value = text(name);
        if (value.isNull())
            return fallback;
        const QString v = value.trimmed().toLower();
        return v == u"1" || v == u"true";
    }

private:
    const ApiRequest &m_request;
    const QJsonObject &m_preset;
};

// Where an upload goes and what it is called.
struct Placement
{
    QString resourceType;
    QString type;
    QString publicId;
    QString assetFolder; ///< dynamic folder mode only
};

// The public ID and asset folder, by folder mode (cloudinary-api.md §g).
void placeUpload(const UploadOptions &options, bool dynamic, const QString &fileName, Placement &place)
{
    const QString folder = trimSlashes(options.text(QStringLiteral("folder")));
    place.assetFolder = trimSlashes(options.text(QStringLiteral("asset_folder")));
    if (dynamic && place.assetFolder.isEmpty() && !folder.isEmpty())
        place.assetFolder = folder;
    place.publicId = trimSlashes(options.text(QStringLiteral("public_id")));
    if (place.publicId.isEmpty()) {
        const QString baseName = QFileInfo(fileName).completeBaseName();
        if (options.flag(QStringLiteral("use_filename"), false) && !baseName.isEmpty()) {
            static const QRegularExpression unsafe(QStringLiteral("[?&#\\\\%<>+/]"));
            place.publicId = QString(baseName).replace(unsafe, QStringLiteral("_"));
            if (options.flag(QStringLiteral("unique_filename"), true))
                place.publicId += u'_' + randomSuffix(6);
        } else {
            place.publicId = randomSuffix(20);
        }
        const QString suffix = QFileInfo(fileName).suffix();
        if (place.resourceType == u"raw" && !suffix.isEmpty())
            place.publicId += u'.' + suffix;
        QString prefix = trimSlashes(options.text(QStringLiteral("public_id_prefix")));
        if (dynamic && options.flag(QStringLiteral("use_asset_folder_as_public_id_prefix"), false))
            prefix = place.assetFolder;
        if (!prefix.isEmpty())
            place.publicId = prefix + u'/' + place.publicId;
    }
    if (!folder.isEmpty())
        place.publicId = folder + u'/' + place.publicId;
}

// The asset an upload makes, or the new version of \a existing (its bytes and etag set by the caller).
Asset uploadedAsset(const ApiContext &ctx, const Placement &place, const Asset *existing,
                    const MediaInfo &media, const UploadOptions &options, const QString &fileName)
{
    Asset asset;
    asset.assetId = existing ? existing->assetId : randomHexId();
    asset.publicId = place.publicId;
    asset.resourceType = place.resourceType;
    asset.type = place.type;
    asset.format = place.resourceType == u"raw" ? QString() : media.format;
    asset.version = ctx.now.toSecsSinceEpoch();
    if (existing && existing->version >= asset.version)
        asset.version = existing->version + 1;
    asset.versionId = randomHexId();
    asset.width = media.width;
    asset.height = media.height;
    asset.duration = media.duration;
    asset.createdAt = existing ? existing->createdAt : ctx.now;
    asset.uploadedAt = ctx.now;
    asset.updatedAt = ctx.now;
    const bool dynamic = ctx.env.folderMode == FolderMode::Dynamic;
    asset.assetFolder = dynamic ? place.assetFolder : asset.publicIdFolder();
    const QString baseName = QFileInfo(fileName).completeBaseName();
    asset.originalFilename = baseName;
    QString displayName = options.text(QStringLiteral("display_name"));
    if (displayName.isEmpty() && options.flag(QStringLiteral("use_filename_as_display_name"), false))
        displayName = baseName;
    asset.displayName = displayName.isEmpty() ? asset.filename() : displayName;
    asset.tags = splitTags(options.text(QStringLiteral("tags")));
    asset.context = parseContextString(options.text(QStringLiteral("context")));
    return asset;
}

// The answer to a stored upload. The asset folder shows in fixed folder mode, and in dynamic mode
// when one was given.
QJsonObject uploadAnswer(const ApiContext &ctx, const Asset &stored, bool assetFolderGiven)
{
    QJsonObject json = resourceJson(ctx, stored);
    json.insert(
        QStringLiteral("signature"),
        core::ApiSigner::responseSignature(stored.publicId, double(stored.version), ctx.env.apiSecret));
    json.insert(QStringLiteral("api_key"), ctx.env.apiKey);
    json.insert(QStringLiteral("existing"), false);
    if (assetFolderGiven || ctx.env.folderMode != FolderMode::Dynamic)
        json.insert(QStringLiteral("asset_folder"), stored.assetFolder);
    return json;
}

// The upload preset named in the request, checked for unsigned uploads; an error answer on refusal.
std::optional<ApiResponse> findPreset(const ApiContext &ctx, const ApiRequest &request, UploadAuth mode,
                                      QJsonObject *preset)
{
    const QString presetName = request.param(QStringLiteral("upload_preset"));
    if (!presetName.isEmpty()) {
        const auto presets = ctx.store.uploadPresets(ctx.env.cloudName);
        if (!presets.contains(presetName))
            return ApiResponse::error(400, QStringLiteral("Upload preset not found"));
        *preset = presets.value(presetName);
    }
    if (mode != UploadAuth::Unsigned)
        return std::nullopt;
    if (presetName.isEmpty())
        return ApiResponse::error(
            400, QStringLiteral("Upload preset must be specified when using unsigned upload"));
    if (!preset->value(QStringLiteral("unsigned")).toBool())
        return ApiResponse::error(400,
                                  QStringLiteral("Upload preset must be whitelisted for unsigned uploads"));
    for (const auto &[name, value] : request.params) {
        Q_UNUSED(value);
        if (!kUnsignedAllowed.contains(name) && name != u"file")
            return ApiResponse::error(400,
                                      QStringLiteral("Invalid parameter for unsigned upload: %1").arg(name));
    }
    return std::nullopt;
}

// The file: a multipart file part, or a data URI in a text field; an error answer otherwise.
std::optional<ApiResponse> readFileParameter(const ApiRequest &request, QByteArray *data, QString *fileName)
{
    if (request.files.contains(QStringLiteral("file"))) {
        const UploadedPart &part = request.files.value(QStringLiteral("file"));
        *data = part.data;
        *fileName = part.fileName;
        return std::nullopt;
    }
    if (!request.hasParam(QStringLiteral("file")))
        return ApiResponse::error(400, QStringLiteral("Missing required parameter - file"));
    const QString text = request.param(QStringLiteral("file"));
    if (text.startsWith(QStringLiteral("data:"))) {
        const qsizetype comma = text.indexOf(u',');
        if (comma < 0)
            return ApiResponse::error(400, QStringLiteral("Invalid data URI"));
        const QString header = text.mid(5, comma - 5);
        *data = header.endsWith(QStringLiteral(";base64"))
            ? QByteArray::fromBase64(text.mid(comma + 1).toLatin1())
            : QByteArray::fromPercentEncoding(text.mid(comma + 1).toUtf8());
        return std::nullopt;
    }
    // A URL is fetched by the sandbox before the call gets here (Sandbox::uploadFromUrl).
    if (text.startsWith(QStringLiteral("http://"), Qt::CaseInsensitive)
        || text.startsWith(QStringLiteral("https://"), Qt::CaseInsensitive))
        return ApiResponse::error(400, QStringLiteral("Error in loading %1 - not fetched").arg(text));
    return ApiResponse::error(400, QStringLiteral("Invalid file parameter"));
}

// A chunk's Content-Range: bytes FIRST-LAST/TOTAL (TOTAL is -1 until the last chunk for the Node SDK).
struct ChunkRange
{
    qint64 first = 0;
    qint64 last = 0;
    qint64 total = -1;

    [[nodiscard]] bool isLast() const { return total >= 0 && last + 1 == total; }
};

std::optional<ChunkRange> parseContentRange(const QByteArray &header)
{
    static const QRegularExpression rangePattern(QStringLiteral("^bytes (\\d+)-(\\d+)/(-1|\\d+)$"));
    const auto match = rangePattern.match(QString::fromLatin1(header).trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    return ChunkRange {match.captured(1).toLongLong(), match.captured(2).toLongLong(),
                       match.captured(3).toLongLong()};
}

// Writes a chunk at its offset into the part file, durably; *received is the part's size after.
std::optional<ApiResponse> writeChunk(const QString &partPath, qint64 first, const QByteArray &data,
                                      qint64 *received)
{
    QFile part(partPath);
    if (!part.open(QIODevice::ReadWrite))
        return ApiResponse::error(500, QStringLiteral("cannot store the chunk"));
    if (first > part.size())
        return ApiResponse::error(400,
                                  QStringLiteral("Chunk out of order: expected an offset up to %1, got %2")
                                      .arg(part.size())
                                      .arg(first));
    part.seek(first);
    if (part.write(data) != data.size() || !part.flush())
        return ApiResponse::error(500, QStringLiteral("cannot store the chunk"));
    ::fsync(part.handle());
    *received = part.size();
    return std::nullopt;
}

// The answer to a chunk before the last.
ApiResponse chunkProgress(const QString &resourceType, const ApiRequest &request, qint64 bytes)
{
    QJsonObject progress {{QStringLiteral("done"), false},
                          {QStringLiteral("bytes"), double(bytes)},
                          {QStringLiteral("kind"), QStringLiteral("upload")}};
    if (resourceType != u"auto")
        progress.insert(QStringLiteral("resource_type"), resourceType);
    const QString publicId = request.param(QStringLiteral("public_id"));
    if (!publicId.isEmpty())
        progress.insert(QStringLiteral("public_id"), publicId);
    return ApiResponse::json(progress);
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
    if (auto refused = checkUploadAuth(request, ctx, false, &mode))
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
    if (action == u"metadata")
        return metadata(ctx, resourceType, request);
    return ApiResponse::error(404, QStringLiteral("Unsupported action %1").arg(action));
}

bool UploadService::isUploadFromUrl(const ApiRequest &request)
{
    if (request.method != "POST" || request.files.contains(QStringLiteral("file"))
        || !request.header("x-unique-upload-id").isEmpty())
        return false;
    const QString text = request.param(QStringLiteral("file"));
    return text.startsWith(QStringLiteral("http://"), Qt::CaseInsensitive)
        || text.startsWith(QStringLiteral("https://"), Qt::CaseInsensitive);
}

std::optional<ApiResponse> UploadService::refuseBeforeFetch(const ApiContext &ctx,
                                                            const QString &resourceType,
                                                            const ApiRequest &request)
{
    static const QStringList kResourceTypes
        = {QStringLiteral("image"), QStringLiteral("video"), QStringLiteral("raw"), QStringLiteral("auto")};
    if (!kResourceTypes.contains(resourceType))
        return ApiResponse::error(400, QStringLiteral("Invalid resource type %1").arg(resourceType));
    UploadAuth mode;
    if (auto refused = checkUploadAuth(request, ctx, true, &mode))
        return refused;
    QJsonObject preset;
    return findPreset(ctx, request, mode, &preset);
}

ApiResponse UploadService::upload(const ApiContext &ctx, const QString &resourceType,
                                  const ApiRequest &request)
{
    UploadAuth mode;
    if (auto refused = checkUploadAuth(request, ctx, true, &mode))
        return *refused;
    QJsonObject preset;
    if (auto refused = findPreset(ctx, request, mode, &preset))
        return *refused;

    IncomingUpload upload;
    upload.resourceType = resourceType;
    upload.presetSettings = preset.value(QStringLiteral("settings")).toObject();
    upload.overwriteDefault = mode != UploadAuth::Unsigned;
    if (auto refused = readFileParameter(request, &upload.data, &upload.fileName))
        return *refused;
    const QString filenameOverride = request.param(QStringLiteral("filename_override"));
    if (!filenameOverride.isEmpty())
        upload.fileName = filenameOverride;

    const QByteArray uploadId = request.header("x-unique-upload-id");
    const QByteArray range = request.header("content-range");
    // As Cloudinary: a file without content is refused, whole or as a chunk.
    if (upload.data.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Empty file"));
    if (!uploadId.isEmpty() && !range.isEmpty())
        return receiveChunk(ctx, request, upload, uploadId, range);

    if (upload.data.size() > kMaxRequestBytes) {
        return ApiResponse::error(400,
                                  QStringLiteral("File size too large. Got %1. Maximum is %2. Upload larger "
                                                 "files in chunks (upload_large).")
                                      .arg(upload.data.size())
                                      .arg(kMaxRequestBytes));
    }
    const QString staged = ctx.store.stagingDirectory() + u'/' + randomHexId();
    QString error;
    if (!writeDurably(staged, upload.data, &error))
        return ApiResponse::error(500, error);
    return storeUpload(ctx, request, upload, staged);
}

ApiResponse UploadService::receiveChunk(const ApiContext &ctx, const ApiRequest &request,
                                        const IncomingUpload &upload, const QByteArray &uploadId,
                                        const QByteArray &rangeHeader)
{
    const std::optional<ChunkRange> range = parseContentRange(rangeHeader);
    if (!range)
        return ApiResponse::error(400, QStringLiteral("Invalid Content-Range header"));
    if (range->last < range->first || range->last - range->first + 1 != upload.data.size())
        return ApiResponse::error(400, QStringLiteral("Content-Range does not match the chunk size"));
    if (upload.data.size() > kMaxRequestBytes)
        return ApiResponse::error(400,
                                  QStringLiteral("Chunk size too large. Got %1. Maximum is %2.")
                                      .arg(upload.data.size())
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
    qint64 received = 0;
    if (auto failed = writeChunk(partPath, range->first, upload.data, &received))
        return *failed;
    if (!range->isLast())
        return chunkProgress(upload.resourceType, request, range->last + 1);
    if (received != range->total) {
        return ApiResponse::error(
            400,
            QStringLiteral("Upload is incomplete: received %1 of %2 bytes").arg(received).arg(range->total));
    }
    // The parts stay until the answer is on disk: a server killed while it stores the file
    // (which takes a while for a large one) still has every byte when the client sends the last
    // chunk again, and stores it once more under the same public id instead of answering
    // "out of order". A hard link costs no copy.
    const QString staged = ctx.store.stagingDirectory() + u'/' + randomHexId();
    if (::link(QFile::encodeName(partPath).constData(), QFile::encodeName(staged).constData()) != 0
        && !QFile::copy(partPath, staged))
        return ApiResponse::error(500, QStringLiteral("cannot assemble the chunks"));
    ApiResponse stored = storeUpload(ctx, request, upload, staged);
    QString error;
    if (stored.status == 200 && writeDurably(donePath, stored.body, &error))
        QFile::remove(partPath);
    return stored;
}

ApiResponse UploadService::storeUpload(const ApiContext &ctx, const ApiRequest &request,
                                       const IncomingUpload &upload, const QString &stagedFile)
{
    auto fail = [&](int status, const QString &message) {
        QFile::remove(stagedFile);
        return ApiResponse::error(status, message);
    };
    const UploadOptions options(request, upload.presetSettings);
    const qint64 size = QFileInfo(stagedFile).size();
    const MediaInfo media = probeMedia(stagedFile, upload.fileName);
    Placement place;
    place.resourceType = upload.resourceType == u"auto" ? media.resourceType : upload.resourceType;
    if (place.resourceType == u"image" && media.resourceType != u"image")
        return fail(400, QStringLiteral("Invalid image file"));
    if (place.resourceType == u"video" && media.resourceType != u"video")
        return fail(400, QStringLiteral("Unsupported video format or file"));
    if (const qint64 limit = limitFor(ctx.env, place.resourceType); limit > 0 && size > limit)
        return fail(400, QStringLiteral("File size too large. Got %1. Maximum is %2.").arg(size).arg(limit));
    place.type = options.text(QStringLiteral("type"));
    if (place.type.isEmpty())
        place.type = QStringLiteral("upload");
    if (place.type != u"upload" && place.type != u"private" && place.type != u"authenticated")
        return fail(400, QStringLiteral("Invalid type %1").arg(place.type));
    placeUpload(options, ctx.env.folderMode == FolderMode::Dynamic, upload.fileName, place);

    const Asset *existing = ctx.store.find(ctx.env.cloudName, place.resourceType, place.type, place.publicId);
    if (existing && !options.flag(QStringLiteral("overwrite"), upload.overwriteDefault)) {
        QFile::remove(stagedFile);
        QJsonObject json = resourceJson(ctx, *existing);
        json.insert(QStringLiteral("existing"), true);
        return ApiResponse::json(json);
    }
    // Structured metadata: the values given (or a preset's), then the fields' defaults.
    QString metadataError;
    std::optional<QJsonObject> metadata;
    {
        const QJsonValue json = request.json.value(QStringLiteral("metadata"));
        const QString text = options.text(QStringLiteral("metadata"));
        const auto given = json.isObject() ? std::optional<QJsonObject>(json.toObject())
                                           : metadatarules::parseParam(text, &metadataError);
        const QJsonArray definitions = ctx.store.metadataFields(ctx.env.cloudName);
        const auto checked = given
            ? metadatarules::checkedValues(
                definitions, *given, options.flag(QStringLiteral("clear_invalid"), false), &metadataError)
            : std::nullopt;
        if (checked)
            metadata = metadatarules::withDefaults(definitions, *checked, &metadataError);
    }
    if (!metadata)
        return fail(400, metadataError);
    Asset asset = uploadedAsset(ctx, place, existing, media, options, upload.fileName);
    asset.metadata = *metadata;
    asset.bytes = size;
    asset.etag = etagOfFile(stagedFile);
    QString error;
    if (!ctx.store.putAsset(ctx.env.cloudName, asset, stagedFile, &error))
        return fail(500, error);
    const Asset *stored = ctx.store.find(ctx.env.cloudName, place.resourceType, place.type, place.publicId);
    return ApiResponse::json(uploadAnswer(ctx, *stored, !place.assetFolder.isEmpty()));
}

} // namespace stratus::sandbox
