#include "mediaprobe.h"

#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QtEndian>

namespace stratus::sandbox {

namespace {

struct Mp4Info
{
    bool valid = false;
    int width = 0;
    int height = 0;
    double duration = 0;
};

quint32 be32(const QByteArray &b, qsizetype at)
{
    return at + 4 <= b.size() ? qFromBigEndian<quint32>(b.constData() + at) : 0;
}

quint64 be64(const QByteArray &b, qsizetype at)
{
    return at + 8 <= b.size() ? qFromBigEndian<quint64>(b.constData() + at) : 0;
}

// Walks the boxes between `begin` and `end`, descending into the containers on the way to the
// movie header (mvhd) and track headers (tkhd). Reads only box headers and those two boxes.
void walkBoxes(QFile &file, qint64 begin, qint64 end, Mp4Info &info, int depth)
{
    qint64 pos = begin;
    while (pos + 8 <= end && depth < 8) {
        file.seek(pos);
        const QByteArray header = file.read(16);
        if (header.size() < 8)
            return;
        quint64 size = be32(header, 0);
        const QByteArray type = header.mid(4, 4);
        qint64 headerSize = 8;
        if (size == 1) {
            size = be64(header, 8);
            headerSize = 16;
        } else if (size == 0) {
            size = quint64(end - pos);
        }
        if (size < quint64(headerSize) || pos + qint64(size) > end)
            return;
        if (type == "ftyp") {
            info.valid = true;
        } else if (type == "moov" || type == "trak" || type == "mdia" || type == "minf") {
            walkBoxes(file, pos + headerSize, pos + qint64(size), info, depth + 1);
        } else if (type == "mvhd" || type == "tkhd") {
            file.seek(pos + headerSize);
            const QByteArray box = file.read(qMin<qint64>(qint64(size) - headerSize, 128));
            const int version = box.isEmpty() ? 0 : quint8(box.at(0));
            if (type == "mvhd") {
                const quint32 timescale = be32(box, version == 1 ? 20 : 12);
                const quint64 duration = version == 1 ? be64(box, 24) : be32(box, 16);
                if (timescale > 0)
                    info.duration = double(duration) / timescale;
            } else if (info.width == 0) {
                // width and height are 16.16 fixed point at the end of the track header.
                const qsizetype at = version == 1 ? 88 : 76;
                const int width = int(be32(box, at) >> 16);
                const int height = int(be32(box, at + 4) >> 16);
                if (width > 0 && height > 0) {
                    info.width = width;
                    info.height = height;
                }
            }
        }
        pos += qint64(size);
    }
}

Mp4Info probeMp4(const QString &path)
{
    Mp4Info info;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return info;
    walkBoxes(file, 0, file.size(), info, 0);
    return info;
}

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

    const Mp4Info mp4 = probeMp4(path);
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

    info.resourceType = QStringLiteral("raw");
    return info;
}

} // namespace stratus::sandbox
