#include "medialimits.h"

#include <QFileInfo>
#include <QSet>

namespace stratus::core::transfers {

using namespace Qt::StringLiterals;

namespace {

qint64 bytes(const QJsonObject &json, QLatin1StringView key)
{
    const double value = json.value(key).toDouble();
    return value > 0 ? qint64(value) : 0;
}

} // namespace

MediaLimits MediaLimits::fromJson(const QJsonObject &mediaLimits)
{
    MediaLimits limits;
    limits.imageBytes = bytes(mediaLimits, "image_max_size_bytes"_L1);
    limits.videoBytes = bytes(mediaLimits, "video_max_size_bytes"_L1);
    limits.rawBytes = bytes(mediaLimits, "raw_max_size_bytes"_L1);
    return limits;
}

MediaLimits::Kind MediaLimits::kindOf(const QString &fileName)
{
    // Cloudinary's formats (its "Supported image/video/audio formats" pages): what "auto" takes
    // as an image or a video; audio counts as video.
    static const QSet<QString> images {
        u"jpg"_s,  u"jpeg"_s, u"jpe"_s,  u"jfif"_s, u"png"_s, u"gif"_s,  u"webp"_s, u"avif"_s, u"heic"_s,
        u"heif"_s, u"bmp"_s,  u"tif"_s,  u"tiff"_s, u"ico"_s, u"svg"_s,  u"psd"_s,  u"pdf"_s,  u"ai"_s,
        u"eps"_s,  u"jp2"_s,  u"jxr"_s,  u"wdp"_s,  u"hdp"_s, u"tga"_s,  u"exr"_s,  u"arw"_s,  u"cr2"_s,
        u"cr3"_s,  u"nef"_s,  u"dng"_s,  u"orf"_s,  u"raf"_s, u"rw2"_s,  u"jxl"_s,  u"glb"_s,  u"gltf"_s,
        u"fbx"_s,  u"obj"_s,  u"usdz"_s, u"flif"_s, u"bw"_s,  u"indd"_s, u"djvu"_s, u"dds"_s,  u"ps"_s,
    };
    static const QSet<QString> videos {
        u"mp4"_s,  u"mov"_s,  u"m4v"_s, u"webm"_s, u"mkv"_s, u"avi"_s,  u"wmv"_s,  u"flv"_s,
        u"mpg"_s,  u"mpeg"_s, u"3gp"_s, u"3g2"_s,  u"ogv"_s, u"m2ts"_s, u"mts"_s,  u"ts"_s,
        u"m3u8"_s, u"mxf"_s,  u"mp3"_s, u"wav"_s,  u"ogg"_s, u"oga"_s,  u"flac"_s, u"aac"_s,
        u"m4a"_s,  u"aiff"_s, u"aif"_s, u"opus"_s, u"amr"_s, u"wma"_s,
    };
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (images.contains(suffix))
        return Kind::Image;
    if (videos.contains(suffix))
        return Kind::Video;
    return Kind::Raw;
}

qint64 MediaLimits::limitFor(Kind kind) const
{
    switch (kind) {
    case Kind::Image:
        return imageBytes;
    case Kind::Video:
        return videoBytes;
    case Kind::Raw:
        return rawBytes;
    }
    return 0;
}

std::optional<Error> MediaLimits::check(const QString &path, qint64 size) const
{
    const Kind kind = kindOf(path);
    const qint64 limit = limitFor(kind);
    if (limit <= 0 || size <= limit)
        return std::nullopt;
    const ErrorReason reason = kind == Kind::Image ? ErrorReason::ImageTooLarge
        : kind == Kind::Video                      ? ErrorReason::VideoTooLarge
                                                   : ErrorReason::RawTooLarge;
    return Error::because(Error::Kind::InvalidInput, reason, path, QString::number(limit));
}

} // namespace stratus::core::transfers
