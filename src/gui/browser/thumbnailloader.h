#pragma once

#include "core/net/retrypolicy.h"

#include <QHash>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;

namespace stratus::core {
class DiskCache;
class DownloadJob;
} // namespace stratus::core

namespace stratus::gui {

/// Fetches thumbnails for the browser: from the disk cache when it has them (at once, no network),
/// else from their delivery URLs, a few at a time, the most urgent first; requests that are no
/// longer wanted (rows scrolled away) are dropped or aborted. Delivery URLs are not rate limited,
/// so this spends no Admin API budget. Each transfer is a core::DownloadJob, so thumbnails get the
/// User-Agent, proxy, stall timeout and retries of every other request. GUI thread only.
class ThumbnailLoader : public QObject
{
    Q_OBJECT

public:
    ThumbnailLoader(QNetworkAccessManager *network, core::DiskCache *cache, QObject *parent = nullptr);

    /// The disk cache it reads and fills (may be null); other loaders may share it.
    [[nodiscard]] core::DiskCache *cache() const { return m_cache; }

    /// Asks for the picture at `url` under `key` (e.g. the asset id and size). Lower `priority`
    /// goes first (the distance from the middle of the view, say). A key asked again takes the new
    /// URL and priority. From the cache, ready() is emitted before request() returns.
    void request(const QString &key, const QUrl &url, int priority);
    /// Forgets every request whose key is not in `keys`, aborting the transfers in flight.
    void retainOnly(const QSet<QString> &keys);
    void cancel(const QString &key);

    void setMaximumConcurrent(int count) { m_maximumConcurrent = std::max(1, count); }
    /// How each transfer copes with failures (default: core::DownloadJob::deliveryPolicy()).
    void setRetryPolicy(const core::RetryPolicy &policy) { m_policy = policy; }
    [[nodiscard]] int pendingCount() const { return int(m_queue.size()); }
    [[nodiscard]] int runningCount() const { return int(m_running.size()); }

Q_SIGNALS:
    void ready(const QString &key, const QImage &image);
    /// The picture could not be had (network, HTTP error, not an image); the view keeps its
    /// placeholder. `offline` is true for transport errors (no network).
    void failed(const QString &key, bool offline);

private:
    struct Pending
    {
        QUrl url;
        int priority = 0;
    };
    void pump();
    void finished(const QString &key, core::DownloadJob *job);

    QPointer<QNetworkAccessManager> m_network;
    core::DiskCache *m_cache;
    core::RetryPolicy m_policy;
    QHash<QString, Pending> m_queue;
    QHash<QString, QPointer<core::DownloadJob>> m_running;
    int m_maximumConcurrent = 6;
};

} // namespace stratus::gui
