#pragma once

#include <QString>

namespace stratus::sandbox {

/// What the sandbox learns about an uploaded file: its kind, format and dimensions. Images are
/// read with QImageReader (header only); MP4/MOV videos by walking their boxes for the movie
/// header and the first visual track (probeMp4(), bounded whatever the sizes in the file say);
/// PDFs with QtPdf (an image of format pdf, its first page's size in points); audio files by their
/// suffix (a video without size, as Cloudinary files them); anything else is raw.
struct MediaInfo
{
    QString resourceType; ///< image, video or raw
    QString format; ///< jpg, png, webp, gif, mp4, mov, webm, … ; empty for raw
    int width = 0;
    int height = 0;
    double duration = 0; ///< seconds, videos only
};

/// Probes `path`. `fileName` (the client's name, may be empty) helps for formats without magic.
[[nodiscard]] MediaInfo probeMedia(const QString &path, const QString &fileName);

} // namespace stratus::sandbox
