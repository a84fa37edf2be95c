#include "uploadplan.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <variant>

#include <dirent.h>

using namespace Qt::StringLiterals;

namespace stratus::core::transfers::UploadPlan {

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

namespace {

// The names in a folder as the file system has them, or the reason it cannot be read. Not
// QDirIterator: Qt leaves out names that are not valid UTF-8 without a word, and such a file would
// never reach the person's attention.
std::variant<QList<QByteArray>, Error> entryNames(const QString &dir)
{
    DIR *handle = ::opendir(QFile::encodeName(dir).constData());
    if (handle == nullptr)
        return Error::because(Error::Kind::Io, ErrorReason::FolderUnreadable, dir,
                              QString::fromLocal8Bit(std::strerror(errno)));
    QList<QByteArray> names;
    for (;;) {
        errno = 0;
        const dirent *entry = ::readdir(handle);
        if (entry == nullptr)
            break;
        const QByteArray name(entry->d_name);
        if (name != "." && name != "..")
            names.append(name);
    }
    const int error = errno;
    ::closedir(handle);
    if (error != 0)
        return Error::because(Error::Kind::Io, ErrorReason::FolderUnreadableToEnd, dir,
                              QString::fromLocal8Bit(std::strerror(error)));
    return names;
}

// Every entry of @p root and below, into @p plan: regular files to send, problems, and what the
// rules leave out. An explicit stack rather than recursion: the depth is the file system's.
void walkFolder(const QString &root, const QString &rootFolder, Plan *plan)
{
    const QDir rootDir(root);
    QList<PlannedFile> found;
    QStringList pending {root};
    while (!pending.isEmpty()) {
        const QString dir = pending.takeLast();
        auto names = entryNames(dir);
        if (const Error *error = std::get_if<Error>(&names)) {
            plan->problems.append({dir, *error});
            continue;
        }
        for (const QByteArray &raw : std::get<QList<QByteArray>>(names)) {
            const QString name = QFile::decodeName(raw);
            const QString path = dir + u'/' + name;
            if (QFile::encodeName(name) != raw) {
                plan->problems.append(
                    {path, Error::because(Error::Kind::Io, ErrorReason::NameNotUtf8, path)});
                continue;
            }
            if (name.startsWith(u'.')) {
                plan->leftOut.append({path, LeftOut::Rule::Hidden});
                continue;
            }
            const QFileInfo info(path);
            if (info.isDir()) {
                if (info.isSymLink())
                    plan->leftOut.append({path, LeftOut::Rule::LinkToFolder});
                else
                    pending.append(path);
                continue;
            }
            if (auto error = unreadableReason(path)) {
                plan->problems.append({path, *error});
                continue;
            }
            const QString relativeDir = QFileInfo(rootDir.relativeFilePath(path)).path();
            found.append({path, relativeDir == u"." ? rootFolder : joinFolder(rootFolder, relativeDir)});
        }
    }
    std::sort(found.begin(), found.end(),
              [](const PlannedFile &a, const PlannedFile &b) { return a.path < b.path; });
    plan->files.append(found);
}

} // namespace

Plan expand(const QStringList &paths, const QString &targetFolder)
{
    Plan plan;
    const QString target = cleanFolder(targetFolder);
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            walkFolder(info.absoluteFilePath(), joinFolder(target, QDir(info.absoluteFilePath()).dirName()),
                       &plan);
        } else if (auto error = unreadableReason(path)) {
            error->subject = info.absoluteFilePath();
            plan.problems.append({info.absoluteFilePath(), *error});
        } else {
            plan.files.append({info.absoluteFilePath(), target});
        }
    }
    return plan;
}

std::optional<Error> unreadableReason(const QString &path)
{
    const auto because = [&path](ErrorReason reason, QString outsideWords = {}) {
        return Error::because(Error::Kind::Io, reason, path, std::move(outsideWords));
    };
    const QFileInfo info(path);
    if (!info.exists()) {
        if (info.isSymLink())
            return because(ErrorReason::BrokenLink);
        // Qt decodes file names as UTF-8 and puts U+FFFD for what is not: such a name cannot be
        // opened through the decoded path.
        if (info.fileName().contains(QChar::ReplacementCharacter))
            return because(ErrorReason::NameNotUtf8);
        return because(ErrorReason::NoSuchFile);
    }
    if (info.isDir())
        return because(ErrorReason::IsFolder);
    if (!info.isFile())
        return because(ErrorReason::NotRegularFile);
    QFile file(path);
    if (!info.isReadable() || !file.open(QIODevice::ReadOnly))
        return because(ErrorReason::FileUnreadable, info.isReadable() ? file.errorString() : QString());
    if (info.size() == 0) {
        char byte = 0;
        if (file.read(&byte, 1) > 0)
            return because(ErrorReason::FileSizeUnknown);
        return because(ErrorReason::FileEmpty);
    }
    return std::nullopt;
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

} // namespace stratus::core::transfers::UploadPlan
