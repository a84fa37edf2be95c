#pragma once

#include <QImage>
#include <QSize>
#include <QString>

namespace stratus::sandbox {

/// A still frame for a video asked for as an image (`…/video/upload/dog.jpg`). Extracted with
/// ffmpeg when it is installed; otherwise a generated poster of the video's size, at most 25
/// megapixels (a dark frame with a play symbol), so clients always get a picture. Safe to call from a worker
/// thread.
[[nodiscard]] QImage videoPosterFrame(const QString &videoPath, QSize videoSize);

} // namespace stratus::sandbox
