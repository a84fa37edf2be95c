#include "uploadplan.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::core::upload::UploadPlan {

namespace {

// Extensions Cloudinary files as images or videos (resource_type auto); anything else becomes a raw
// asset, whose public id carries the extension.
bool isMediaSuffix(const QString &suffix)
{
    static const QStringList kMedia {
        u"jpg"_s,  u"jpeg"_s, u"jpe"_s, u"png"_s,  u"gif"_s,  u"webp"_s, u"bmp"_s, u"tif"_s,
        u"tiff"_s, u"ico"_s,  u"svg"_s, u"heic"_s, u"heif"_s, u"avif"_s, u"jxl"_s, u"psd"_s,
        u"pdf"_s,  u"eps"_s,  u"ai"_s,  u"arw"_s,  u"cr2"_s,  u"cr3"_s,  u"nef"_s, u"dng"_s,
        u"raf"_s,  u"jp2"_s,  u"tga"_s, u"mp4"_s,  u"mov"_s,  u"webm"_s, u"mkv"_s, u"avi"_s,
        u"m4v"_s,  u"ogv"_s,  u"flv"_s, u"wmv"_s,  u"3gp"_s,  u"mpeg"_s, u"mpg"_s, u"ts"_s,
        u"m2ts"_s, u"mts"_s,  u"mp3"_s, u"wav"_s,  u"ogg"_s,  u"m4a"_s,  u"aac"_s, u"flac"_s,
    };
    return kMedia.contains(suffix.toLower());
}

QString joinFolder(const QString &a, const QString &b)
{
    return cleanFolder(a + u'/' + b);
}

} // namespace

QString randomId(int length)
{
    static const char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString id;
    id.reserve(length);
    for (int i = 0; i < length; ++i)
        id += QLatin1Char(kAlphabet[QRandomGenerator::global()->bounded(int(sizeof(kAlphabet) - 1))]);
    return id;
}

QString cleanFolder(const QString &folder)
{
    return folder.split(u'/', Qt::SkipEmptyParts).join(u'/');
}

QList<PlannedFile> expand(const QStringList &paths, const QString &targetFolder, QList<PlanProblem> *problems)
{
    QList<PlannedFile> files;
    const QString target = cleanFolder(targetFolder);
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.exists()) {
            problems->append({path, u"No such file or folder."_s});
            continue;
        }
        if (!info.isReadable()) {
            problems->append({path, u"Cannot be read (permission denied)."_s});
            continue;
        }
        if (info.isFile()) {
            files.append({info.absoluteFilePath(), target});
            continue;
        }
        const QDir root(info.absoluteFilePath());
        const QString rootFolder = joinFolder(target, root.dirName());
        QList<PlannedFile> found;
        QDirIterator it(root.absolutePath(), QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            const QString relativeDir = QFileInfo(root.relativeFilePath(file)).path();
            found.append({file, relativeDir == u"." ? rootFolder : joinFolder(rootFolder, relativeDir)});
        }
        std::sort(found.begin(), found.end(),
                  [](const PlannedFile &a, const PlannedFile &b) { return a.path < b.path; });
        files.append(found);
    }
    return files;
}

UploadOptions optionsFor(const PlannedFile &file, const UploadBatchOptions &batch, FolderMode mode)
{
    const QFileInfo info(file.path);
    UploadOptions options;
    options.resourceType = batch.resourceType.isEmpty() ? u"auto"_s : batch.resourceType;
    options.uploadPreset = batch.uploadPreset;
    options.tags = batch.tags;
    options.context = batch.context;
    options.useFilename = batch.useFilename;
    options.uniqueFilename = batch.uniqueFilename;
    options.overwrite = batch.overwrite;
    options.extra = batch.extra;

    const QString explicitId = batch.extra.value(u"public_id"_s).toString();
    if (!explicitId.isEmpty()) {
        options.publicId = explicitId;
    } else {
        static const QRegularExpression unsafe(u"[?&#\\\\%<>+/]"_s);
        const QString base = info.completeBaseName().replace(unsafe, u"_"_s);
        if (batch.useFilename.value_or(false) && !base.isEmpty())
            options.publicId = batch.uniqueFilename.value_or(true) ? base + u'_' + randomId(6) : base;
        else
            options.publicId = randomId(20);
        const bool raw = options.resourceType == u"raw"
            || (options.resourceType == u"auto" && !isMediaSuffix(info.suffix()));
        if (raw && !info.suffix().isEmpty())
            options.publicId += u'.' + info.suffix();
    }
    if (!file.folder.isEmpty()) {
        if (mode == FolderMode::Dynamic)
            options.assetFolder = file.folder;
        else
            options.folder = file.folder;
    }
    if (mode == FolderMode::Dynamic && !batch.extra.contains(u"display_name"_s))
        options.displayName = info.completeBaseName();
    return options;
}

} // namespace stratus::core::upload::UploadPlan
