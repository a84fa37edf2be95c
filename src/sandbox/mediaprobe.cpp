#include "mediaprobe.h"

#include "delivery/pdfpages.h"
#include "mp4probe.h"

#include <QFile>
#include <QFileInfo>
#include <QImageReader>

#include <cmath>

namespace stratus::sandbox {

namespace {

QString imageFormatName(const QByteArray &readerFormat)
{
    if (readerFormat == "jpeg")
        return QStringLiteral("jpg");
    return QString::fromLatin1(readerFormat);
}

} // namespace

MediaInfo probeMedia(const QString &path, const QString &fileName)
{
    MediaInfo info;
    const QString suffix = QFileInfo(fileName.isEmpty() ? path : fileName).suffix().toLower();

    // A PDF is an image with pages, as in Cloudinary: delivered page by page (`pg_N`) as pictures.
    if (const PdfInfo pdf = probePdf(path); pdf.pageCount > 0) {
        info.resourceType = QStringLiteral("image");
        info.format = QStringLiteral("pdf");
        info.width = int(std::lround(pdf.firstPageSize.width()));
        info.height = int(std::lround(pdf.firstPageSize.height()));
        return info;
    }

    QImageReader reader(path);
    reader.setDecideFormatFromContent(true);
    if (reader.canRead()) {
        const QSize size = reader.size();
        if (size.isValid()) {
            info.resourceType = QStringLiteral("image");
            info.format = imageFormatName(reader.format());
            info.width = size.width();
            info.height = size.height();
            return info;
        }
    }

    QFile file(path);
    const Mp4Info mp4 = file.open(QIODevice::ReadOnly) ? probeMp4(file) : Mp4Info();
    static const QStringList videoSuffixes
        = {QStringLiteral("mp4"), QStringLiteral("mov"), QStringLiteral("m4v"), QStringLiteral("webm"),
           QStringLiteral("mkv"), QStringLiteral("avi"), QStringLiteral("ogv")};
    if (mp4.valid || videoSuffixes.contains(suffix)) {
        info.resourceType = QStringLiteral("video");
        info.format = mp4.valid && (suffix.isEmpty() || !videoSuffixes.contains(suffix))
            ? QStringLiteral("mp4")
            : suffix;
        info.width = mp4.width;
        info.height = mp4.height;
        info.duration = mp4.duration;
        return info;
    }

    // Audio is a video without pictures to Cloudinary: resource type video, its own format.
    static const QStringList audioSuffixes
        = {QStringLiteral("mp3"), QStringLiteral("wav"),  QStringLiteral("ogg"), QStringLiteral("oga"),
           QStringLiteral("m4a"), QStringLiteral("flac"), QStringLiteral("aac"), QStringLiteral("opus")};
    if (audioSuffixes.contains(suffix)) {
        info.resourceType = QStringLiteral("video");
        info.format = suffix;
        return info;
    }

    info.resourceType = QStringLiteral("raw");
    return info;
}

} // namespace stratus::sandbox
