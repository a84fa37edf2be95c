#include "deliveryservice.h"

#include "deliverypath.h"
#include "pdfpages.h"
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
#include <QJsonArray>
#include <QJsonObject>
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
    // One range (RFC 9110 §14.1.2): "first-last", "first-" or the suffix "-length". Anything else
    // (several ranges, a last before the first, another unit) is ignored: the whole file, 200.
    static const QRegularExpression rangePattern(QStringLiteral("^bytes=(\\d*)-(\\d*)$"));
    const auto match = rangePattern.match(QString::fromLatin1(rangeHeader).trimmed());
    const bool valid = match.hasMatch() && !(match.captured(1).isEmpty() && match.captured(2).isEmpty())
        && (match.captured(1).isEmpty() || match.captured(2).isEmpty()
            || match.captured(1).toLongLong() <= match.captured(2).toLongLong());
    if (!rangeHeader.isEmpty() && valid) {
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
            response.setHeader("Accept-Ranges", "bytes");
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

QFuture<ApiResponse> ready(const ApiResponse &response)
{
    return QtFuture::makeReadyFuture(response);
}

// Signed URLs must carry the right signature; private and authenticated assets need one.
std::optional<ApiResponse> refuseAccess(const DeliveryPath &path, const Asset &asset, const QString &secret)
{
    if (!path.signature.isEmpty()) {
        if (!signatureMatches(path, secret))
            return deliveryError(401, QStringLiteral("Signature mismatch"));
    } else if (asset.type != u"upload") {
        return deliveryError(401, QStringLiteral("Resource is restricted; a signed URL is required"));
    }
    return std::nullopt;
}

// The MIME type to serve the original file with, when the URL asks for the original as it is:
// raw files and videos always, images without a transformation in their own format. nullopt when an
// image must be derived (a video poster is one).
std::optional<QByteArray> originalMimeType(const Asset &asset, const DeliveryPath &path,
                                           const QString &requestedFormat, bool poster)
{
    if (asset.resourceType == u"raw")
        return mimeTypeFor(QFileInfo(asset.publicId).suffix());
    if (poster)
        return std::nullopt;
    if (asset.resourceType == u"video")
        return mimeTypeFor(asset.format);
    if (path.transformation.isEmpty()
        && (requestedFormat.isEmpty() || requestedFormat == asset.format
            || (requestedFormat == u"jpeg" && asset.format == u"jpg")))
        return mimeTypeFor(asset.format);
    return std::nullopt;
}

// The derived image's name in the cache: everything that changes its bytes.
QByteArray derivedCacheKey(const QString &cloudName, const Asset &asset, const QList<imaging::Step> &steps,
                           const QString &outputFormat)
{
    return QCryptographicHash::hash((cloudName + u'\n' + asset.key() + u'\n' + QString::number(asset.version)
                                     + u'\n' + imaging::toTransformationString(steps) + u'\n' + outputFormat)
                                        .toUtf8(),
                                    QCryptographicHash::Sha1)
        .toHex();
}

// The answer for a derived image already rendered.
ApiResponse serveCached(const QString &cachedPath, const QByteArray &mimeType, bool variesWithAccept)
{
    ApiResponse cached = serveFile(cachedPath, mimeType, QByteArray());
    cached.setHeader("X-Sandbox-Cache", "hit");
    // With f_auto the same URL gives each client the format its Accept header asks for: caches
    // between it and the sandbox must keep one copy per Accept.
    if (variesWithAccept)
        cached.setHeader("Vary", "Accept");
    return cached;
}

// One derived image, rendered on a worker thread and kept on disk. Holds copies of everything it
// needs, so the sandbox's thread can go on meanwhile.
struct DerivedRendering
{
    QString originalPath;
    bool poster = false;
    bool pdf = false; ///< the original is a PDF: the source is one of its pages (pg_N, dn_N)
    QSize originalSize;
    QList<imaging::Step> steps;
    imaging::RequestContext context;
    /// Image overlays name other assets of the environment: their files, by public ID.
    QHash<QString, QString> layerFiles;
    QString derivedDir;
    QString cachedPath;
    QByteArray cacheKey;
    bool variesWithAccept = false;
    std::shared_ptr<RefusalMemory> refusals;

    ApiResponse operator()() const
    {
        const imaging::ImageTransformer transformer;
        QImage source;
        if (std::optional<ApiResponse> failed = loadSource(transformer, source))
            return *failed;
        auto rendered = transformer.apply(source, steps, layerLoader(transformer), context);
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
        keep(*encoded);
        ApiResponse response = ApiResponse::bytes(*encoded, rendered->mimeType().toLatin1());
        response.setHeader("X-Sandbox-Cache", "miss");
        if (variesWithAccept)
            response.setHeader("Vary", "Accept");
        return response;
    }

private:
    // The picture to transform: the original, or a video's poster frame. An error answer otherwise.
    std::optional<ApiResponse> loadSource(const imaging::ImageTransformer &transformer, QImage &source) const
    {
        if (poster) {
            source = videoPosterFrame(originalPath, originalSize);
        } else if (pdf) {
            QString error;
            source
                = renderPdfPage(originalPath, pdfParameter(u"pg", 1), pdfParameter(u"dn", kPdfDefaultDensity),
                                transformer.limits().maxSourcePixels, &error);
            if (source.isNull())
                return deliveryError(400, error);
        } else {
            QFile file(originalPath);
            if (!file.open(QIODevice::ReadOnly))
                return deliveryError(404, QStringLiteral("Resource not found"));
            // Big reductions decode JPEGs at a fraction of their size: several times faster.
            auto decoded = imaging::decodeImage(file.readAll(), transformer.limits().maxSourcePixels,
                                                transformer.decodeScaleHint(originalSize, steps));
            if (!decoded)
                return deliveryError(400, decoded.error().message);
            source = decoded->image;
        }
        if (source.isNull())
            return deliveryError(400, QStringLiteral("Image file is corrupt or in an unsupported format"));
        return std::nullopt;
    }

    // A page or density asked for anywhere in the chain (Cloudinary takes pg_ and dn_ from any
    // component); @p fallback when none is, or it is not a positive number.
    int pdfParameter(QStringView key, int fallback) const
    {
        for (const imaging::Step &step : steps) {
            const QString value = imaging::stepValue(step, key);
            bool ok = false;
            const int number = value.toInt(&ok);
            if (ok && number > 0)
                return std::min(number, 100000);
        }
        return fallback;
    }

    imaging::LayerResolver layerLoader(const imaging::ImageTransformer &transformer) const
    {
        return [this, &transformer](const QString &publicId) -> std::optional<QImage> {
            const auto it = layerFiles.constFind(publicId);
            if (it == layerFiles.cend())
                return std::nullopt;
            QFile layerFile(*it);
            if (!layerFile.open(QIODevice::ReadOnly))
                return std::nullopt;
            auto layer = imaging::decodeImage(layerFile.readAll(), transformer.limits().maxSourcePixels);
            return layer ? std::optional<QImage>(layer->image) : std::nullopt;
        };
    }

    void keep(const QByteArray &encoded) const
    {
        QDir().mkpath(derivedDir);
        QSaveFile cache(cachedPath);
        if (cache.open(QIODevice::WriteOnly)) {
            cache.write(encoded);
            cache.commit();
        }
    }
};

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
        return ready(deliveryError(405, QStringLiteral("Method not allowed")));
    const QStringList encodedSegments = request.encodedPath.split(u'/', Qt::SkipEmptyParts);
    auto parsed = parseDeliveryPath(request.segments, encodedSegments);
    if (!parsed)
        return ready(deliveryError(404, parsed.error().message));
    const DeliveryPath &path = *parsed;

    if (path.type == u"list" && path.extension == u"json" && path.transformation.isEmpty())
        return ready(tagList(env.cloudName, path));

    QString requestedFormat = path.extension;
    const Asset *asset = findAsset(env.cloudName, path, &requestedFormat);
    if (!asset)
        return ready(deliveryError(
            404, QStringLiteral("Resource not found - %1").arg(path.publicIdWithoutExtension())));
    if (std::optional<ApiResponse> refused = refuseAccess(path, *asset, env.apiSecret))
        return ready(*refused);

    const bool poster = asset->resourceType == u"video" && isImageFormat(requestedFormat);
    if (std::optional<QByteArray> mimeType = originalMimeType(*asset, path, requestedFormat, poster))
        return ready(serveFile(m_store.filePath(env.cloudName, *asset), *mimeType, request.header("range")));
    return deliverDerived(env.cloudName, request, *asset, path.transformation, requestedFormat, poster);
}

ApiResponse DeliveryService::tagList(const QString &cloudName, const DeliveryPath &path) const
{
    const QString tag = path.publicIdWithExtension.chopped(5); // without ".json"
    std::vector<const Asset *> tagged;
    for (const Asset *asset : m_store.assets(cloudName)) {
        if (asset->resourceType == path.resourceType && asset->type == u"upload" && asset->tags.contains(tag))
            tagged.push_back(asset);
    }
    if (tagged.empty()) {
        ApiResponse missing = deliveryError(404, QStringLiteral("Resource not found - %1").arg(tag));
        missing.setHeader("Access-Control-Allow-Origin", "*");
        return missing;
    }
    std::sort(tagged.begin(), tagged.end(), [](const Asset *a, const Asset *b) {
        return a->createdAt != b->createdAt ? a->createdAt > b->createdAt : a->publicId < b->publicId;
    });
    QJsonArray resources;
    QDateTime updated;
    for (const Asset *asset : tagged) {
        QJsonObject entry {{QStringLiteral("public_id"), asset->publicId},
                           {QStringLiteral("version"), double(asset->version)},
                           {QStringLiteral("format"), asset->format},
                           {QStringLiteral("type"), asset->type},
                           {QStringLiteral("created_at"), asset->createdAt.toUTC().toString(Qt::ISODate)}};
        if (asset->width > 0 && asset->height > 0) {
            entry.insert(QStringLiteral("width"), asset->width);
            entry.insert(QStringLiteral("height"), asset->height);
        }
        if (!asset->context.isEmpty())
            entry.insert(QStringLiteral("context"), QJsonObject {{QStringLiteral("custom"), asset->context}});
        resources.append(entry);
        if (!updated.isValid() || asset->updatedAt > updated)
            updated = asset->updatedAt;
    }
    ApiResponse response
        = ApiResponse::json({{QStringLiteral("resources"), resources},
                             {QStringLiteral("updated_at"), updated.toUTC().toString(Qt::ISODate)}});
    // A script on any page may read it, as Cloudinary's list is meant for client-side code.
    response.setHeader("Access-Control-Allow-Origin", "*");
    return response;
}

const Asset *DeliveryService::findAsset(const QString &cloudName, const DeliveryPath &path,
                                        QString *requestedFormat) const
{
    // Image and video ids carry no extension; raw ids keep it. An id found with its extension asks
    // for no other format.
    if (path.resourceType != u"raw" && !path.extension.isEmpty()) {
        if (const Asset *asset
            = m_store.find(cloudName, path.resourceType, path.type, path.publicIdWithoutExtension()))
            return asset;
    }
    const Asset *asset = m_store.find(cloudName, path.resourceType, path.type, path.publicIdWithExtension);
    if (asset)
        requestedFormat->clear();
    return asset;
}

core::Result<QList<imaging::Step>> DeliveryService::expandedSteps(const QString &cloudName,
                                                                  const QString &transformation) const
{
    auto steps = imaging::parseTransformationPath(transformation);
    if (!steps)
        return steps.error();
    // Named transformations live in the store.
    const QMap<QString, QString> named = m_store.namedTransformations(cloudName);
    return imaging::expandNamedTransformations(
        *steps, [&named](const QString &name) -> std::optional<QString> {
            const auto it = named.constFind(name);
            return it == named.cend() ? std::nullopt : std::optional<QString>(*it);
        });
}

QHash<QString, QString> DeliveryService::imageFiles(const QString &cloudName) const
{
    QHash<QString, QString> files;
    for (const Asset *candidate : m_store.assets(cloudName)) {
        if (candidate->resourceType == u"image" && candidate->type == u"upload")
            files.insert(candidate->publicId, m_store.filePath(cloudName, *candidate));
    }
    return files;
}

QFuture<ApiResponse> DeliveryService::deliverDerived(const QString &cloudName, const ApiRequest &request,
                                                     const Asset &asset, const QString &transformation,
                                                     const QString &requestedFormat, bool poster)
{
    auto steps = expandedSteps(cloudName, transformation);
    if (!steps)
        return ready(deliveryError(400, steps.error().message));

    DerivedRendering rendering;
    rendering.context.acceptHeader = QString::fromLatin1(request.header("accept"));
    rendering.context.extension = requestedFormat;
    rendering.context.originalFormat
        = poster || asset.format == u"pdf" ? QStringLiteral("jpg") : asset.format;
    const QString outputFormat = imaging::chooseOutputFormat(
        *steps, requestedFormat, rendering.context.originalFormat, rendering.context.acceptHeader);
    // Once chosen before rendering, the format keys the cache; the renderer applies the same rules.
    rendering.cacheKey = derivedCacheKey(cloudName, asset, *steps, outputFormat);
    rendering.derivedDir = m_store.derivedDirectory(cloudName);
    rendering.cachedPath
        = rendering.derivedDir + u'/' + QString::fromLatin1(rendering.cacheKey) + u'.' + outputFormat;
    rendering.variesWithAccept = imaging::fetchFormat(*steps) == u"auto";
    if (QFile::exists(rendering.cachedPath))
        return ready(
            serveCached(rendering.cachedPath, mimeTypeFor(outputFormat), rendering.variesWithAccept));
    if (auto refused = m_refusals->find(rendering.cacheKey))
        return ready(*refused);

    rendering.originalPath = m_store.filePath(cloudName, asset);
    rendering.poster = poster;
    rendering.pdf = asset.format == u"pdf";
    rendering.originalSize = QSize(asset.width, asset.height);
    rendering.steps = *steps;
    // Resolved here, on the sandbox's thread: the worker only loads them.
    rendering.layerFiles = imageFiles(cloudName);
    rendering.refusals = m_refusals;
    return QtConcurrent::run(std::move(rendering));
}

} // namespace stratus::sandbox
