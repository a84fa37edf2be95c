#pragma once

#include "core/util/result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace stratus::core::transfers {

/// The largest files an environment accepts, as its usage report says (`media_limits`:
/// image_max_size_bytes, video_max_size_bytes, raw_max_size_bytes). Cloudinary refuses a larger file
/// only after it was sent; checked before, it is refused at once, with the limit in words.
///
/// A plain value; 0 means "no limit known" for that kind. Any thread.
struct MediaLimits
{
    enum class Kind { Image, Video, Raw };

    qint64 imageBytes = 0;
    qint64 videoBytes = 0;
    qint64 rawBytes = 0;

    [[nodiscard]] static MediaLimits fromJson(const QJsonObject &mediaLimits);
    /// What Cloudinary makes of @p fileName when uploaded with resource type "auto": an image
    /// (photos, PDF, PSD, SVG…), a video (video and audio) or raw (anything else).
    [[nodiscard]] static Kind kindOf(const QString &fileName);
    [[nodiscard]] qint64 limitFor(Kind kind) const;
    /// ErrorReason::ImageTooLarge/VideoTooLarge/RawTooLarge (subject: the path; outside words: the
    /// limit in bytes, as the server gave it) when the file at @p path of @p size bytes is over the
    /// limit for its kind; nothing otherwise.
    [[nodiscard]] std::optional<Error> check(const QString &path, qint64 size) const;

    friend bool operator==(const MediaLimits &, const MediaLimits &) = default;
};

} // namespace stratus::core::transfers
