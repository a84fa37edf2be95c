#include "deliveryservice.h"

#include "deliverypath.h"
#include "sandbox/imaging/imagecodec.h"
#include "sandbox/imaging/imagetransformer.h"
#include "sandbox/imaging/transformationpath.h"
#include "sandbox/imaging/workbudget.h"
#include "store/assetstore.h"
#include "videoposter.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QMimeDatabase>
#include <QMutex>
#include <QRegularExpression>
#include <QSaveFile>
#include <QtConcurrent>

namespace stratus::sandbox {

// Transformations refused for the processor time they need, by cache key, kept a minute as
// Cloudinary's CDN keeps an error answer: asking again costs nothing. Filled by the workers, read on
// the sandbox's thread, hence the lock.
class RefusalMemory
{
public:
    std::optional<ApiResponse> find(const QByteArray &key)
    {
        const QMutexLocker lock(&m_mutex);
        const auto it = m_entries.constFind(key);
        if (it == m_entries.cend() || it->second.hasExpired())
            return std::nullopt;
        return it->first;
    }

    void remember(const QByteArray &key, const ApiResponse &response)
    {
        const QMutexLocker lock(&m_mutex);
        if (m_entries.size() >= kMaxEntries)
            m_entries.removeIf([](const auto &entry) { return entry.value().second.hasExpired(); });
        if (m_entries.size() >= kMaxEntries)
            m_entries.clear();
        m_entries.insert(key, {response, QDeadlineTimer(kKeepFor)});
    }

private:
    static constexpr qsizetype kMaxEntries = 1000;
    static constexpr std::chrono::minutes kKeepFor {1};

    QMutex m_mutex;
    QHash<QByteArray, std::pair<ApiResponse, QDeadlineTimer>> m_entries;
};

namespace {

constexpr qint64 kMaxRangeBytes = 16LL * 1024 * 1024;

ApiResponse deliveryError(int status, const QString &message)
{
    ApiResponse response = ApiResponse::bytes(QByteArray(), "text/plain; charset=utf-8", status);
    response.setHeader("X-Cld-Error", message.toUtf8());
    return response;
}

bool isImageFormat(const QString &format)
{
    static const QStringList formats
        = {QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("png"),  QStringLiteral("webp"),
           QStringLiteral("gif"), QStringLiteral("bmp"),  QStringLiteral("tiff"), QStringLiteral("avif")};
    return formats.contains(format);
}

bool signatureMatches(const DeliveryPath &path, const QString &secret)
{
    const QByteArray payload = path.signedPayload.toUtf8() + secret.toUtf8();
    for (const auto algorithm : {QCryptographicHash::Sha1, QCryptographicHash::Sha256}) {
        const QByteArray digest
            = QCryptographicHash::hash(payload, algorithm)
                  .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        if (digest.left(path.signature.size()) == path.signature.toLatin1())
            return true;
    }
    return false;
}

// Serves a file, or the byte range the client asked for (videos seek, raw files resume).
ApiResponse serveFile(const QString &filePath, const QByteArray &mimeType, const QByteArray &rangeHeader)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return deliveryError(404, QStringLiteral("Resource not found"));
    const qint64 size = file.size();
    static const QRegularExpression rangePattern(QStringLiteral("^bytes=(\\d*)-(\\d*)$"));
    const auto match = rangePattern.match(QString::fromLatin1(rangeHeader).trimmed());
    if (!rangeHeader.isEmpty() && match.hasMatch()
        && !(match.captured(1).isEmpty() && match.captured(2).isEmpty())) {
        qint64 first;
        qint64 last;
        if (match.captured(1).isEmpty()) { // suffix range: the last N bytes
            first = qMax<qint64>(0, size - match.captured(2).toLongLong());
            last = size - 1;
        } else {
            first = match.captured(1).toLongLong();
            last = match.captured(2).isEmpty() ? size - 1 : qMin(size - 1, match.captured(2).toLongLong());
        }
        if (first >= size || first > last) {
            ApiResponse response = ApiResponse::bytes(QByteArray(), mimeType, 416);
            response.setHeader("Content-Range", "bytes */" + QByteArray::number(size));
            return response;
        }
        // Open-ended ranges are answered in bounded pieces; clients ask for the rest.
        last = qMin(last, first + kMaxRangeBytes - 1);
        file.seek(first);
        ApiResponse response = ApiResponse::bytes(file.read(last - first + 1), mimeType, 206);
        response.setHeader("Content-Range",
                           QStringLiteral("bytes %1-%2/%3").arg(first).arg(last).arg(size).toLatin1());
        response.setHeader("Accept-Ranges", "bytes");
        return response;
    }
    ApiResponse response = ApiResponse::bytes(file.readAll(), mimeType);
    response.setHeader("Accept-Ranges", "bytes");
    return response;
}

} // namespace

QByteArray mimeTypeFor(const QString &format)
{
    static const QHash<QString, QByteArray> types = {
        {QStringLiteral("jpg"), "image/jpeg"},      {QStringLiteral("jpeg"), "image/jpeg"},
        {QStringLiteral("png"), "image/png"},       {QStringLiteral("webp"), "image/webp"},
        {QStringLiteral("gif"), "image/gif"},       {QStringLiteral("bmp"), "image/bmp"},
        {QStringLiteral("tiff"), "image/tiff"},     {QStringLiteral("avif"), "image/avif"},
        {QStringLiteral("mp4"), "video/mp4"},       {QStringLiteral("mov"), "video/quicktime"},
        {QStringLiteral("webm"), "video/webm"},     {QStringLiteral("m4v"), "video/mp4"},
        {QStringLiteral("pdf"), "application/pdf"},
    };
    const auto it = types.constFind(format.toLower());
    if (it != types.cend())
        return *it;
    const QMimeType mime
        = QMimeDatabase().mimeTypeForFile(QStringLiteral("x.") + format, QMimeDatabase::MatchExtension);
    return mime.isDefault() ? QByteArray("application/octet-stream") : mime.name().toLatin1();
}

DeliveryService::DeliveryService(AssetStore &store)
    : m_store(store)
    , m_refusals(std::make_shared<RefusalMemory>())
{
}

DeliveryService::~DeliveryService() = default;

QFuture<ApiResponse> DeliveryService::handle(const EnvironmentConfig &env, const ApiRequest &request)
{
    if (request.method != "GET" && request.method != "HEAD")
        return QtFuture::makeReadyFuture(deliveryError(405, QStringLiteral("Method not allowed")));
    const QStringList encodedSegments = request.encodedPath.split(u'/', Qt::SkipEmptyParts);
    auto parsed = parseDeliveryPath(request.segments, encodedSegments);
    if (!parsed)
        return QtFuture::makeReadyFuture(deliveryError(404, parsed.error().message));
    const DeliveryPath path = *parsed;

    // Which asset: image and video ids carry no extension; raw ids keep it.
    const Asset *asset = nullptr;
    QString requestedFormat = path.extension;
    if (path.resourceType != u"raw" && !path.extension.isEmpty())
        asset = m_store.find(env.cloudName, path.resourceType, path.type, path.publicIdWithoutExtension());
    if (!asset) {
        asset = m_store.find(env.cloudName, path.resourceType, path.type, path.publicIdWithExtension);
        if (asset && path.resourceType == u"raw")
            requestedFormat.clear();
        else if (asset)
            requestedFormat.clear();
    }
    if (!asset)
        return QtFuture::makeReadyFuture(deliveryError(
            404, QStringLiteral("Resource not found - %1").arg(path.publicIdWithoutExtension())));

    if (!path.signature.isEmpty()) {
        if (!signatureMatches(path, env.apiSecret))
            return QtFuture::makeReadyFuture(deliveryError(401, QStringLiteral("Signature mismatch")));
    } else if (asset->type != u"upload") {
        return QtFuture::makeReadyFuture(
            deliveryError(401, QStringLiteral("Resource is restricted; a signed URL is required")));
    }

    const QString originalPath = m_store.filePath(env.cloudName, *asset);
    const QByteArray range = request.header("range");
    if (asset->resourceType == u"raw")
        return QtFuture::makeReadyFuture(
            serveFile(originalPath, mimeTypeFor(QFileInfo(asset->publicId).suffix()), range));
    const bool poster = asset->resourceType == u"video" && isImageFormat(requestedFormat);
    if (asset->resourceType == u"video" && !poster)
        return QtFuture::makeReadyFuture(serveFile(originalPath, mimeTypeFor(asset->format), range));
    if (!poster && path.transformation.isEmpty()
        && (requestedFormat.isEmpty() || requestedFormat == asset->format
            || (requestedFormat == u"jpeg" && asset->format == u"jpg")))
        return QtFuture::makeReadyFuture(serveFile(originalPath, mimeTypeFor(asset->format), range));

    // A derived image: parse and expand the transformation here (named ones live in the store),
    // render on a worker, and keep the result on disk.
    auto steps = imaging::parseTransformationPath(path.transformation);
    if (!steps)
        return QtFuture::makeReadyFuture(deliveryError(400, steps.error().message));
    const QMap<QString, QString> named = m_store.namedTransformations(env.cloudName);
    auto expanded
        = imaging::expandNamedTransformations(*steps, [named](const QString &name) -> std::optional<QString> {
              const auto it = named.constFind(name);
              return it == named.cend() ? std::nullopt : std::optional<QString>(*it);
          });
    if (!expanded)
        return QtFuture::makeReadyFuture(deliveryError(400, expanded.error().message));

    const QString sourceFormat = poster ? QStringLiteral("jpg") : asset->format;
    const QString outputFormat = imaging::chooseOutputFormat(*expanded, requestedFormat, sourceFormat,
                                                             QString::fromLatin1(request.header("accept")));
    // Once chosen before rendering, the format keys the cache; the renderer applies the same rules.
    const QByteArray cacheKey
        = QCryptographicHash::hash((env.cloudName + u'\n' + asset->key() + u'\n'
                                    + QString::number(asset->version) + u'\n'
                                    + imaging::toTransformationString(*expanded) + u'\n' + outputFormat)
                                       .toUtf8(),
                                   QCryptographicHash::Sha1)
              .toHex();
    const QString derivedDir = m_store.derivedDirectory(env.cloudName);
    const QString cachedPath = derivedDir + u'/' + QString::fromLatin1(cacheKey) + u'.' + outputFormat;
    const QByteArray mimeType = mimeTypeFor(outputFormat);
    // With f_auto the same URL gives each client the format its Accept header asks for: caches
    // between it and the sandbox must keep one copy per Accept.
    const bool variesWithAccept = imaging::fetchFormat(*expanded) == u"auto";
    if (QFile::exists(cachedPath)) {
        ApiResponse cached = serveFile(cachedPath, mimeType, QByteArray());
        cached.setHeader("X-Sandbox-Cache", "hit");
        if (variesWithAccept)
            cached.setHeader("Vary", "Accept");
        return QtFuture::makeReadyFuture(cached);
    }
    if (auto refused = m_refusals->find(cacheKey))
        return QtFuture::makeReadyFuture(*refused);

    // Image overlays name other assets of the same environment: resolve their files now, on this
    // thread, and let the worker load them.
    QHash<QString, QString> layerFiles;
    for (const Asset *candidate : m_store.assets(env.cloudName)) {
        if (candidate->resourceType == u"image" && candidate->type == u"upload")
            layerFiles.insert(candidate->publicId, m_store.filePath(env.cloudName, *candidate));
    }
    const QList<imaging::Step> stepsToApply = *expanded;
    const QSize videoSize(asset->width, asset->height);
    const QSize originalSize = videoSize;
    const QString accept = QString::fromLatin1(request.header("accept"));
    return QtConcurrent::run([originalPath, poster, videoSize, originalSize, stepsToApply, cachedPath,
                              derivedDir, layerFiles, accept, requestedFormat, sourceFormat, variesWithAccept,
                              cacheKey, refusals = m_refusals]() -> ApiResponse {
        const imaging::ImageTransformer transformer;
        QImage source;
        if (poster) {
            source = videoPosterFrame(originalPath, videoSize);
        } else {
            QFile file(originalPath);
            if (!file.open(QIODevice::ReadOnly))
                return deliveryError(404, QStringLiteral("Resource not found"));
            // Big reductions decode JPEGs at a fraction of their size: several times faster.
            auto decoded = imaging::decodeImage(file.readAll(), transformer.limits().maxSourcePixels,
                                                transformer.decodeScaleHint(originalSize, stepsToApply));
            if (!decoded)
                return deliveryError(400, decoded.error().message);
            source = decoded->image;
        }
        if (source.isNull())
            return deliveryError(400, QStringLiteral("Image file is corrupt or in an unsupported format"));
        imaging::RequestContext context;
        context.acceptHeader = accept;
        context.extension = requestedFormat;
        context.originalFormat = sourceFormat;
        auto rendered = transformer.apply(
            source, stepsToApply,
            [&layerFiles, &transformer](const QString &publicId) -> std::optional<QImage> {
                const auto it = layerFiles.constFind(publicId);
                if (it == layerFiles.cend())
                    return std::nullopt;
                QFile layerFile(*it);
                if (!layerFile.open(QIODevice::ReadOnly))
                    return std::nullopt;
                auto layer = imaging::decodeImage(layerFile.readAll(), transformer.limits().maxSourcePixels);
                return layer ? std::optional<QImage>(layer->image) : std::nullopt;
            },
            context);
        if (!rendered) {
            const ApiResponse refused = deliveryError(
                rendered.error().httpStatus ? rendered.error().httpStatus : 400, rendered.error().message);
            if (imaging::WorkBudget::isRefusal(rendered.error()))
                refusals->remember(cacheKey, refused);
            return refused;
        }
        auto encoded = rendered->encode();
        if (!encoded)
            return deliveryError(400, encoded.error().message);
        QDir().mkpath(derivedDir);
        QSaveFile cache(cachedPath);
        if (cache.open(QIODevice::WriteOnly)) {
            cache.write(*encoded);
            cache.commit();
        }
        ApiResponse response = ApiResponse::bytes(*encoded, rendered->mimeType().toLatin1());
        response.setHeader("X-Sandbox-Cache", "miss");
        if (variesWithAccept)
            response.setHeader("Vary", "Accept");
        return response;
    });
}

} // namespace stratus::sandbox
