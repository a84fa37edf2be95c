#pragma once

#include <QFuture>
#include <QString>

#include <atomic>
#include <memory>

namespace stratus::core::transfers {

/// The MD5 of a file as Cloudinary's etag spells it (lower-case hex), read in blocks of 1 MiB so
/// that memory stays flat whatever the size. Empty when the file cannot be read or `cancelled`
/// became true.
[[nodiscard]] QString fileMd5(const QString &path, const std::atomic<bool> *cancelled = nullptr);

/// fileMd5() on the global thread pool; the future holds one result. Setting `cancelled` stops
/// the reading early (the result is then empty).
[[nodiscard]] QFuture<QString> fileMd5Async(const QString &path,
                                            std::shared_ptr<std::atomic<bool>> cancelled);

} // namespace stratus::core::transfers
