#include "seeder.h"

#include "store/assetstore.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QImageWriter>
#include <QLinearGradient>
#include <QPainter>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <unistd.h>

namespace stratus::sandbox {

namespace {

struct Colour
{
    const char *name;
    QRgb rgb;
};

constexpr Colour kColours[] = {
    {"red", 0xd93025},   {"orange", 0xf08c00}, {"yellow", 0xf4c20d}, {"green", 0x2e9e44},
    {"teal", 0x12a4a4},  {"blue", 0x2f6fe0},   {"purple", 0x8a3ffc}, {"pink", 0xe8589c},
    {"brown", 0x8d5a2b}, {"gray", 0x7d8590},   {"black", 0x1b1b1f},  {"white", 0xf5f5f2},
};

constexpr QSize kSizes[] = {{1920, 1080}, {1080, 1920}, {1200, 1200}, {800, 600},  {600, 800},
                            {2400, 1000}, {640, 360},   {300, 300},   {1600, 900}, {1000, 1500}};

const char *const kFormats[] = {"jpg", "jpg", "png", "webp", "jpg", "gif"};

// From this many assets on, every 8th goes to archive/2025 (see seeder.h).
constexpr int kBigFolderSeed = 20000;

const char *const kFolders[] = {
    "samples",
    "samples/animals",
    "samples/animals/cats",
    "samples/landscapes",
    "brand",
    "brand/logos",
    "brand/social/2026",
    "campaigns/2026/spring",
    "campaigns/2026/summer",
    "campaigns/2025/winter/final",
    "products/shoes",
    "products/shoes/running",
    "",
};

const char *const kSubjects[]
    = {"cat", "dog", "mountain", "beach", "city", "forest", "logo", "shoe", "portrait", "food"};
const char *const kSeasons[] = {"spring", "summer", "autumn", "winter"};

// A sample picture: a diagonal gradient in the asset's colour with a few shapes, so thumbnails,
// crops and gravity look different from one another.
QImage makeImage(QSize size, const Colour &colour, int variant)
{
    QImage image(size, QImage::Format_ARGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor base = QColor::fromRgb(colour.rgb);
    QLinearGradient gradient(0, 0, size.width(), size.height());
    gradient.setColorAt(0, base.lighter(135));
    gradient.setColorAt(1, base.darker(160));
    painter.fillRect(image.rect(), gradient);
    const int unit = qMin(size.width(), size.height());
    painter.setPen(Qt::NoPen);
    for (int i = 0; i < 5; ++i) {
        painter.setBrush(QColor(255, 255, 255, 40 + 25 * i));
        const int r = unit / (3 + i);
        const int x = (size.width() * ((variant * 37 + i * 53) % 100)) / 100;
        const int y = (size.height() * ((variant * 61 + i * 29) % 100)) / 100;
        if ((variant + i) % 2)
            painter.drawEllipse(QPoint(x, y), r, r);
        else
            painter.drawRoundedRect(QRect(x - r, y - r / 2, 2 * r, r), r / 5, r / 5);
    }
    painter.setPen(QPen(QColor(255, 255, 255, 200), qMax(2, unit / 120)));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(image.rect().adjusted(unit / 40, unit / 40, -unit / 40, -unit / 40));
    painter.end();
    return image;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

struct PoolFile
{
    QString path;
    QString resourceType;
    QString format;
    QSize size;
    double duration = 0;
    QString etag;
    qint64 bytes = 0;
    const Colour *colour = nullptr;
    QString extension; // raw files
};

// The files every seeded asset is a hard link to.
struct Pool
{
    std::vector<PoolFile> images;
    std::vector<PoolFile> videos;
    std::vector<PoolFile> raws;
};

// The sample picture in \a format; PNG where no writer for the format is installed.
QByteArray encodeSample(const QImage &image, const QString &format)
{
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    const QByteArray writerFormat = format == u"jpg" ? QByteArray("jpeg") : format.toLatin1();
    QImageWriter writer(&buffer, writerFormat);
    writer.setQuality(82);
    const QImage toWrite = format == u"jpg" ? image.convertToFormat(QImage::Format_RGB32) : image;
    if (!writer.write(toWrite)) {
        // webp needs Debian's qt6-image-formats-plugins; fall back to PNG without it.
        buffer.seek(0);
        data.clear();
        QImageWriter png(&buffer, "png");
        png.write(image);
    }
    return data;
}

// One image per colour × size pair (up to 48), at half size for large seeds.
bool writeImages(const QString &poolDir, int count, std::vector<PoolFile> &images, QString *error)
{
    const int imagePool = qMin(48, qMax(4, count));
    for (int i = 0; i < imagePool; ++i) {
        const Colour &colour = kColours[i % std::size(kColours)];
        const QSize size = kSizes[(i * 7) % std::size(kSizes)] / ((count > 5000) ? 2 : 1);
        const QString format = QString::fromLatin1(kFormats[i % std::size(kFormats)]);
        const QByteArray data = encodeSample(makeImage(size, colour, i), format);
        const QString actualFormat = data.startsWith("\x89PNG") ? QStringLiteral("png") : format;
        const QString path = poolDir + QStringLiteral("/image-%1.%2").arg(i).arg(actualFormat);
        if (!writeFile(path, data)) {
            *error = QStringLiteral("cannot write %1").arg(path);
            return false;
        }
        images.push_back({path,
                          QStringLiteral("image"),
                          actualFormat,
                          size,
                          0,
                          etagOfFile(path),
                          data.size(),
                          &colour,
                          {}});
    }
    return true;
}

// The two sample clips from the resources.
bool unpackVideos(const QString &poolDir, std::vector<PoolFile> &videos, QString *error)
{
    const struct
    {
        const char *resource;
        QSize size;
        double duration;
    } kVideos[] = {
        {":/sample-media/sample-clip.mp4", {320, 180}, 3.0},
        {":/sample-media/sample-fractal.mp4", {320, 240}, 2.0},
    };
    for (const auto &video : kVideos) {
        const QString path = poolDir + u'/' + QString::fromLatin1(video.resource).section(u'/', -1);
        QFile::remove(path);
        if (!QFile::copy(QString::fromLatin1(video.resource), path)) {
            *error = QStringLiteral("cannot unpack the sample video %1")
                         .arg(QString::fromLatin1(video.resource));
            return false;
        }
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        videos.push_back({path,
                          QStringLiteral("video"),
                          QStringLiteral("mp4"),
                          video.size,
                          video.duration,
                          etagOfFile(path),
                          QFileInfo(path).size(),
                          nullptr,
                          {}});
    }
    return true;
}

// Three small text files, served as they are.
bool writeRaws(const QString &poolDir, std::vector<PoolFile> &raws, QString *error)
{
    const struct
    {
        const char *name;
        const char *ext;
        QByteArray data;
    } kRaws[] = {
        {"notes", "txt", "Stratus sandbox sample notes.\nThese raw files are served as they are.\n"},
        {"prices", "csv", "sku,name,price\n1001,Runner,89.00\n1002,Trail,119.00\n"},
        {"manifest", "json", "{\"name\":\"stratus-sample\",\"assets\":3}\n"},
    };
    for (const auto &raw : kRaws) {
        const QString path
            = poolDir + u'/' + QString::fromLatin1(raw.name) + u'.' + QString::fromLatin1(raw.ext);
        if (!writeFile(path, raw.data)) {
            *error = QStringLiteral("cannot write %1").arg(path);
            return false;
        }
        raws.push_back({path,
                        QStringLiteral("raw"),
                        QString(),
                        {},
                        0,
                        etagOfFile(path),
                        raw.data.size(),
                        nullptr,
                        QString::fromLatin1(raw.ext)});
    }
    return true;
}

bool writePool(const QString &poolDir, int count, Pool &pool, QString *error)
{
    QDir().mkpath(poolDir);
    return writeImages(poolDir, count, pool.images, error) && unpackVideos(poolDir, pool.videos, error)
        && writeRaws(poolDir, pool.raws, error);
}

// Deals out the seeded assets. The random draws happen in a fixed order, which keeps a seed
// deterministic: change that order and every seeded environment changes.
class AssetDealer
{
public:
    AssetDealer(const EnvironmentConfig &env, int count, const Pool &pool)
        : m_env(env)
        , m_count(count)
        , m_pool(pool)
        , m_random(quint32(count) * 2654435761u)
        , m_dynamic(env.folderMode == FolderMode::Dynamic)
    {
    }

    // Mostly images; every 50th a video, every 97th a raw file.
    const PoolFile &fileFor(int i)
    {
        if (i % 97 == 13)
            return m_pool.raws[std::size_t(i) % m_pool.raws.size()];
        if (i % 50 == 7) // i is odd here: take turns by the fiftieth, or one clip is never seeded
            return m_pool.videos[std::size_t(i / 50) % m_pool.videos.size()];
        return m_pool.images[m_random.bounded(quint32(m_pool.images.size()))];
    }

    Asset asset(int i, const PoolFile &file)
    {
        QString folder = QString::fromLatin1(kFolders[m_random.bounded(int(std::size(kFolders)))]);
        if (m_count >= kBigFolderSeed && i % 8 == 0)
            folder = QStringLiteral("archive/2025"); // after the draw, so the random sequence stays
        const QString subject = QString::fromLatin1(kSubjects[m_random.bounded(int(std::size(kSubjects)))]);
        QString name = QStringLiteral("%1_%2").arg(subject).arg(i + 1, 5, 10, QLatin1Char('0'));
        if (file.resourceType == u"raw")
            name += u'.' + file.extension;

        Asset asset = fileFacts(i, file);
        asset.publicId = folder.isEmpty() ? name : folder + u'/' + name;
        if (m_dynamic && i % 3 == 0)
            asset.publicId = name; // in dynamic mode the public id need not follow the folder
        asset.assetFolder = m_dynamic ? folder : asset.publicIdFolder();
        asset.displayName = m_dynamic ? QStringLiteral("%1 %2").arg(subject).arg(i + 1) : asset.filename();
        asset.originalFilename = name;
        addTagsAndContext(asset, file, subject);
        return asset;
    }

private:
    // What the asset takes from its file and its place in the seed, no random draw.
    Asset fileFacts(int i, const PoolFile &file) const
    {
        static const QDateTime base(QDate(2026, 11, 1), QTime(9, 0), Qt::UTC);
        Asset asset;
        asset.assetId = QString::fromLatin1(
            QCryptographicHash::hash(QByteArray(m_env.cloudName.toUtf8() + ":seed:" + QByteArray::number(i)),
                                     QCryptographicHash::Md5)
                .toHex());
        asset.resourceType = file.resourceType;
        asset.type = QStringLiteral("upload");
        asset.format = file.format;
        asset.createdAt = base.addSecs(-qint64(i) * 97);
        asset.uploadedAt = asset.createdAt;
        asset.updatedAt = asset.createdAt;
        asset.version = asset.createdAt.toSecsSinceEpoch();
        asset.versionId = asset.assetId.right(16) + asset.assetId.left(16);
        asset.bytes = file.bytes;
        asset.width = file.size.width();
        asset.height = file.size.height();
        asset.duration = file.duration;
        asset.etag = file.etag;
        return asset;
    }

    void addTagsAndContext(Asset &asset, const PoolFile &file, const QString &subject)
    {
        if (file.colour)
            asset.tags.append(QString::fromLatin1(file.colour->name));
        asset.tags.append(subject);
        if (m_random.bounded(3) == 0)
            asset.tags.append(QString::fromLatin1(kSeasons[m_random.bounded(int(std::size(kSeasons)))]));
        asset.context.insert(QStringLiteral("alt"), QStringLiteral("A sample %1 picture").arg(subject));
        if (m_random.bounded(4) == 0)
            asset.context.insert(QStringLiteral("photographer"), QStringLiteral("Sandbox Studio"));
    }

    const EnvironmentConfig &m_env;
    const int m_count;
    const Pool &m_pool;
    QRandomGenerator m_random;
    const bool m_dynamic;
};

// Each original is a hard link to its pool file: instant and free of extra space.
bool stageOriginal(const AssetStore &store, const Asset &asset, const PoolFile &file, QString *staged,
                   QString *error)
{
    *staged = store.stagingDirectory() + QStringLiteral("/seed-") + asset.assetId;
    QFile::remove(*staged);
    if (::link(QFile::encodeName(file.path).constData(), QFile::encodeName(*staged).constData()) != 0
        && !QFile::copy(file.path, *staged)) {
        *error = QStringLiteral("cannot stage a sample file");
        return false;
    }
    return true;
}

// Demo structured metadata fields (one of each type) for a seeded environment that has none.
QJsonArray demoMetadataFields()
{
    auto value = [](const char *id, const char *text) {
        return QJsonObject {{QStringLiteral("external_id"), QString::fromLatin1(id)},
                            {QStringLiteral("value"), QString::fromLatin1(text)},
                            {QStringLiteral("state"), QStringLiteral("active")}};
    };
    auto bound = [](const char *kind, int limit) {
        return QJsonObject {{QStringLiteral("type"), QString::fromLatin1(kind)},
                            {QStringLiteral("value"), limit},
                            {QStringLiteral("equals"), true}};
    };
    const QString created = QDateTime(QDate(2026, 11, 1), QTime(8, 0), Qt::UTC).toString(Qt::ISODateWithMs);
    QJsonArray fields = {
        QJsonObject {
            {QStringLiteral("type"), QStringLiteral("string")},
            {QStringLiteral("external_id"), QStringLiteral("photographer")},
            {QStringLiteral("label"), QStringLiteral("Photographer")},
            {QStringLiteral("mandatory"), false},
            {QStringLiteral("validation"),
             QJsonObject {{QStringLiteral("type"), QStringLiteral("strlen")}, {QStringLiteral("max"), 60}}}},
        QJsonObject {{QStringLiteral("type"), QStringLiteral("integer")},
                     {QStringLiteral("external_id"), QStringLiteral("rating")},
                     {QStringLiteral("label"), QStringLiteral("Rating")},
                     {QStringLiteral("mandatory"), false},
                     {QStringLiteral("validation"),
                      QJsonObject {{QStringLiteral("type"), QStringLiteral("and")},
                                   {QStringLiteral("rules"),
                                    QJsonArray {bound("greater_than", 1), bound("less_than", 5)}}}}},
        QJsonObject {{QStringLiteral("type"), QStringLiteral("date")},
                     {QStringLiteral("external_id"), QStringLiteral("shot_on")},
                     {QStringLiteral("label"), QStringLiteral("Shot on")},
                     {QStringLiteral("mandatory"), false},
                     {QStringLiteral("validation"), QJsonValue::Null}},
        QJsonObject {
            {QStringLiteral("type"), QStringLiteral("enum")},
            {QStringLiteral("external_id"), QStringLiteral("licence")},
            {QStringLiteral("label"), QStringLiteral("Licence")},
            {QStringLiteral("mandatory"), true},
            {QStringLiteral("default_value"), QStringLiteral("internal")},
            {QStringLiteral("validation"), QJsonValue::Null},
            {QStringLiteral("datasource"),
             QJsonObject {{QStringLiteral("values"),
                           QJsonArray {value("editorial", "Editorial"), value("commercial", "Commercial"),
                                       value("internal", "Internal use")}}}}},
        QJsonObject {{QStringLiteral("type"), QStringLiteral("set")},
                     {QStringLiteral("external_id"), QStringLiteral("channels")},
                     {QStringLiteral("label"), QStringLiteral("Channels")},
                     {QStringLiteral("mandatory"), false},
                     {QStringLiteral("validation"), QJsonValue::Null},
                     {QStringLiteral("datasource"),
                      QJsonObject {{QStringLiteral("values"),
                                    QJsonArray {value("web", "Web"), value("print", "Print"),
                                                value("social", "Social media"),
                                                value("newsletter", "Newsletter")}}}}},
    };
    for (qsizetype i = 0; i < fields.size(); ++i) {
        QJsonObject field = fields.at(i).toObject();
        field.insert(QStringLiteral("_created_at"), created);
        fields.replace(i, field);
    }
    return fields;
}

// Demo values by the asset's index (not the dealer's random stream, so tags and folders stay as
// they were seeded before metadata existed).
QJsonObject demoMetadata(int i, const QDateTime &created)
{
    static const char *const kLicences[] = {"editorial", "commercial", "internal"};
    QJsonObject metadata {{QStringLiteral("licence"), QString::fromLatin1(kLicences[i % 3])}};
    if (i % 4 == 0)
        metadata.insert(QStringLiteral("photographer"), QStringLiteral("Sandbox Studio"));
    if (i % 3 == 0)
        metadata.insert(QStringLiteral("rating"), i % 5 + 1);
    if (i % 5 == 0)
        metadata.insert(QStringLiteral("shot_on"), created.date().addDays(-(i % 40)).toString(Qt::ISODate));
    if (i % 6 == 0)
        metadata.insert(QStringLiteral("channels"),
                        QJsonArray {QStringLiteral("web"), QStringLiteral("social")});
    return metadata;
}

} // namespace

bool Seeder::seed(AssetStore &store, const EnvironmentConfig &env, int count, QString *error)
{
    if (count <= 0 || store.assetCount(env.cloudName) > 0)
        return true;
    const QString poolDir = store.stagingDirectory() + QStringLiteral("/seed-pool-") + env.cloudName;
    Pool pool;
    if (!writePool(poolDir, count, pool, error))
        return false;

    AssetDealer dealer(env, count, pool);
    const bool demoFields = store.metadataFields(env.cloudName).isEmpty();
    if (demoFields && !store.putMetadataFields(env.cloudName, demoMetadataFields(), error))
        return false;
    store.beginBatch();
    for (int i = 0; i < count; ++i) {
        const PoolFile &file = dealer.fileFor(i);
        Asset asset = dealer.asset(i, file);
        if (demoFields)
            asset.metadata = demoMetadata(i, asset.createdAt);
        QString staged;
        if (!stageOriginal(store, asset, file, &staged, error)
            || !store.putAsset(env.cloudName, asset, staged, error))
            return false;
    }
    if (!store.commitBatch(error))
        return false;
    QDir(poolDir).removeRecursively();
    return true;
}

} // namespace stratus::sandbox
