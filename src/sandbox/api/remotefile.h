#pragma once

#include <QByteArray>
#include <QFuture>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QObject;

namespace stratus::sandbox {

/// A file the Upload API fetched for `file=http(s)://…`: its bytes and the name from the URL's
/// path, or Cloudinary's error message (`Error in loading <url> - 404 Not Found`).
struct RemoteFile
{
    QByteArray data;
    QString fileName;
    QString error; ///< empty when fetched
};

/// Fetches the remote files of uploads from a URL over the network (loopback servers, whatever the
/// machine can reach): GET, at most five redirects (never from https to http), no cookies, a bound
/// on the size (checked on Content-Length and while the bytes arrive) and on the time without
/// progress. Answers in the thread of `context`, never blocking it: the sandbox keeps serving while
/// a fetch waits (a URL of the sandbox itself is answered by the caller without the network).
class RemoteFileFetcher
{
public:
    static constexpr qint64 kDefaultMaxBytes = 100LL * 1024 * 1024;
    static constexpr int kDefaultTimeoutMs = 30000;

    explicit RemoteFileFetcher(QObject *context);
    ~RemoteFileFetcher();
    RemoteFileFetcher(const RemoteFileFetcher &) = delete;
    RemoteFileFetcher &operator=(const RemoteFileFetcher &) = delete;

    /// `maxBytes`: the largest file; `timeoutMs`: the longest wait without a byte.
    void setLimits(qint64 maxBytes, int timeoutMs);
    [[nodiscard]] qint64 maxBytes() const { return m_maxBytes; }

    /// Fetches `url` (http or https; anything else is refused at once).
    [[nodiscard]] QFuture<RemoteFile> fetch(const QUrl &url);

    /// The error message Cloudinary gives when `url` answered `status` (e.g. 404 → "Error in loading
    /// http://… - 404 Not Found").
    [[nodiscard]] static QString loadingError(const QUrl &url, int status);
    /// The error message for a URL that could not be fetched at all (`reason`: "Connection refused",
    /// "Timeout", …).
    [[nodiscard]] static QString loadingError(const QUrl &url, const QString &reason);
    /// The file name a URL gives an upload: its path's last segment, decoded.
    [[nodiscard]] static QString fileNameOf(const QUrl &url);

private:
    QObject *m_context;
    QNetworkAccessManager *m_network = nullptr; // created on first use, a child of m_context
    qint64 m_maxBytes = kDefaultMaxBytes;
    int m_timeoutMs = kDefaultTimeoutMs;
};

} // namespace stratus::sandbox
