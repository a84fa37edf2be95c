#include "thumbnailloader.h"

#include "core/cache/diskcache.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>

namespace stratus::gui {

ThumbnailLoader::ThumbnailLoader(QNetworkAccessManager *network, core::DiskCache *cache, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_cache(cache)
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
        if (*running && (*running)->request().url() == url)
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
    if (QPointer<QNetworkReply> reply = m_running.take(key)) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
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
        QNetworkRequest request(next->url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::NoLessSafeRedirectPolicy);
        m_queue.erase(next);
        QNetworkReply *reply = m_network->get(request);
        m_running.insert(key, reply);
        const QUrl url = request.url();
        connect(reply, &QNetworkReply::finished, this,
                [this, key, reply, url] { finished(key, reply, url); });
    }
}

void ThumbnailLoader::finished(const QString &key, QNetworkReply *reply, const QUrl &url)
{
    reply->deleteLater();
    if (m_running.value(key) != reply)
        return;
    m_running.remove(key);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QImage image;
    if (reply->error() == QNetworkReply::NoError && status == 200) {
        const QByteArray bytes = reply->readAll();
        if (image.loadFromData(bytes)) {
            if (m_cache)
                m_cache->write(url.toString(QUrl::FullyEncoded),
                               bytes); // the asked URL, as request() looks up
            Q_EMIT ready(key, image);
        } else {
            Q_EMIT failed(key, false);
        }
    } else {
        Q_EMIT failed(key, status == 0);
    }
    pump();
}

} // namespace stratus::gui
