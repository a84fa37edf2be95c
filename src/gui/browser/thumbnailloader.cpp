#include "thumbnailloader.h"

#include "core/cache/diskcache.h"
#include "core/net/downloadjob.h"

#include <QNetworkAccessManager>
#include <QSet>

namespace stratus::gui {

ThumbnailLoader::ThumbnailLoader(QNetworkAccessManager *network, core::DiskCache *cache, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_cache(cache)
    , m_policy(core::DownloadJob::deliveryPolicy())
{
}

void ThumbnailLoader::request(const QString &key, const QUrl &url, int priority)
{
    if (m_cache) {
        if (const auto bytes = m_cache->read(url.toString(QUrl::FullyEncoded))) {
            QImage image;
            if (image.loadFromData(*bytes)) {
                m_queue.remove(key);
                Q_EMIT ready(key, image);
                return;
            }
            m_cache->remove(url.toString(QUrl::FullyEncoded));
        }
    }
    if (const auto running = m_running.constFind(key); running != m_running.constEnd()) {
        if (*running && (*running)->url() == url)
            return; // on its way already
        cancel(key);
    }
    m_queue.insert(key, Pending {url, priority});
    pump();
}

void ThumbnailLoader::retainOnly(const QSet<QString> &keys)
{
    for (auto it = m_queue.begin(); it != m_queue.end();) {
        if (keys.contains(it.key()))
            ++it;
        else
            it = m_queue.erase(it);
    }
    const QList<QString> running = m_running.keys();
    for (const QString &key : running) {
        if (!keys.contains(key))
            cancel(key);
    }
}

void ThumbnailLoader::cancel(const QString &key)
{
    m_queue.remove(key);
    if (QPointer<core::DownloadJob> job = m_running.take(key)) {
        job->disconnect(this);
        job->cancel();
        job->deleteLater();
    }
    pump();
}

void ThumbnailLoader::pump()
{
    while (m_running.size() < m_maximumConcurrent && !m_queue.isEmpty() && m_network) {
        auto next = m_queue.begin();
        for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
            if (it->priority < next->priority)
                next = it;
        }
        const QString key = next.key();
        auto *job = new core::DownloadJob(m_network, next->url, this);
        m_queue.erase(next);
        job->setRetryPolicy(m_policy);
        m_running.insert(key, job);
        connect(job, &core::Job::finished, this, [this, key, job] { finished(key, job); });
        job->start();
    }
}

void ThumbnailLoader::finished(const QString &key, core::DownloadJob *job)
{
    job->deleteLater();
    if (m_running.value(key) != job)
        return;
    m_running.remove(key);
    if (const auto &error = job->error()) {
        Q_EMIT failed(key, error->kind == core::Error::Kind::Network && error->httpStatus == 0);
    } else if (QImage image; image.loadFromData(job->body())) {
        if (m_cache) // under the asked URL, as request() looks up
            m_cache->write(job->url().toString(QUrl::FullyEncoded), job->body());
        Q_EMIT ready(key, image);
    } else {
        Q_EMIT failed(key, false);
    }
    pump();
}

} // namespace stratus::gui
