#include "downloadqueue.h"

#include "browserlogging.h"
#include "originalurls.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>

namespace stratus::gui {

using namespace Qt::StringLiterals;
using core::catalog::CatalogAsset;

struct DownloadQueue::Transfer
{
    CatalogAsset asset;
    QString path;
    QSaveFile file;
    QNetworkReply *reply = nullptr; ///< deleted (later) when the transfer ends
    QString problem;
};

DownloadQueue::DownloadQueue(BrowserEnvironment environment, QObject *parent)
    : QObject(parent)
    , m_env(std::move(environment))
{
}

DownloadQueue::~DownloadQueue()
{
    for (const auto &transfer : m_transfers) {
        if (QNetworkReply *reply = transfer->reply) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
        transfer->file.cancelWriting();
    }
}

void DownloadQueue::setParallel(int transfers)
{
    m_parallel = std::clamp(transfers, 1, 4);
}

QString DownloadQueue::uniquePath(const QDir &directory, const QString &name, const QSet<QString> &reserved)
{
    const QFileInfo info(name);
    // "archive.tar.gz" → "archive (1).tar.gz"; "README" → "README (1)".
    const QString base = info.completeBaseName().isEmpty() ? name : info.baseName();
    const QString suffix = info.completeBaseName().isEmpty() || info.completeSuffix().isEmpty()
        ? QString()
        : u'.' + info.completeSuffix();
    QString candidate = directory.absoluteFilePath(name);
    for (int n = 1; QFileInfo::exists(candidate) || reserved.contains(candidate); ++n)
        candidate = directory.absoluteFilePath(u"%1 (%2)%3"_s.arg(base).arg(n).arg(suffix));
    return candidate;
}

bool DownloadQueue::start(const QList<CatalogAsset> &assets, const QString &directory)
{
    if (m_running || assets.isEmpty())
        return false;
    ++m_batch;
    m_running = true;
    m_resolving = true;
    m_cancelled = false;
    m_directory = directory;
    m_queue.clear();
    m_reserved.clear();
    m_saved.clear();
    m_failures.clear();
    m_filesTotal = int(assets.size());
    m_bytesReceived = 0;
    m_bytesTotal = 0;
    for (const CatalogAsset &asset : assets)
        m_bytesTotal += asset.bytes;
    const quint64 batch = m_batch;
    // Queued, so that nothing (not even finished()) happens inside start().
    QMetaObject::invokeMethod(
        this,
        [this, batch, assets] {
            if (batch != m_batch || m_cancelled)
                return;
            OriginalUrls::resolve(m_env, assets, this, [this, batch, assets](QList<core::Result<QUrl>> urls) {
                if (batch != m_batch)
                    return;
                m_resolving = false;
                for (qsizetype i = 0; i < assets.size(); ++i) {
                    if (m_cancelled)
                        break;
                    if (urls.at(i))
                        m_queue.append({assets.at(i), urls.at(i).value()});
                    else
                        fail(assets.at(i), urls.at(i).error().message);
                }
                pump();
            });
        },
        Qt::QueuedConnection);
    Q_EMIT progress();
    return true;
}

void DownloadQueue::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    m_queue.clear();
    for (const auto &transfer : m_transfers) {
        if (QNetworkReply *reply = transfer->reply)
            reply->abort();
    }
    m_resolving = false;
    QMetaObject::invokeMethod(this, &DownloadQueue::finishIfDone, Qt::QueuedConnection);
}

void DownloadQueue::pump()
{
    while (!m_cancelled && int(m_transfers.size()) < m_parallel && !m_queue.isEmpty()) {
        const auto [asset, url] = m_queue.takeFirst();
        startTransfer(asset, url);
    }
    finishIfDone();
}

void DownloadQueue::startTransfer(const CatalogAsset &asset, const QUrl &url)
{
    if (!m_env.network) {
        fail(asset, tr("No network."));
        return;
    }
    auto transfer = std::make_unique<Transfer>();
    transfer->asset = asset;
    transfer->path = uniquePath(QDir(m_directory), OriginalUrls::fileName(asset), m_reserved);
    transfer->file.setFileName(transfer->path);
    if (!transfer->file.open(QIODevice::WriteOnly)) {
        fail(asset, tr("Cannot write %1: %2").arg(transfer->path, transfer->file.errorString()));
        return;
    }
    m_reserved.insert(transfer->path);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply *reply = m_env.network->get(request);
    transfer->reply = reply;
    Transfer *raw = transfer.get();
    m_transfers.push_back(std::move(transfer));
    connect(reply, &QNetworkReply::readyRead, this, [this, raw, reply] {
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() >= 400) {
            reply->readAll(); // an error page, not the file
            return;
        }
        const QByteArray chunk = reply->readAll();
        if (raw->file.write(chunk) != chunk.size()) {
            raw->problem = tr("Cannot write %1: %2").arg(raw->path, raw->file.errorString());
            reply->abort();
            return;
        }
        m_bytesReceived += chunk.size();
        Q_EMIT progress();
    });
    connect(reply, &QNetworkReply::finished, this, [this, raw] { endTransfer(raw); });
}

void DownloadQueue::endTransfer(Transfer *transfer)
{
    QNetworkReply *reply = transfer->reply;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QString problem = transfer->problem;
    if (problem.isEmpty() && status >= 400) {
        // Cloudinary says why a delivery URL failed in x-cld-error (reference §d, Errors).
        const QString reason = QString::fromUtf8(reply->rawHeader("x-cld-error"));
        problem = reason.isEmpty() ? tr("The server answered %1.").arg(status)
                                   : tr("The server answered %1: %2").arg(status).arg(reason);
    } else if (problem.isEmpty() && reply->error() != QNetworkReply::NoError) {
        problem = reply->errorString();
    }
    if (problem.isEmpty()) {
        const QByteArray rest = reply->readAll();
        if (transfer->file.write(rest) != rest.size())
            problem = tr("Cannot write %1: %2").arg(transfer->path, transfer->file.errorString());
        m_bytesReceived += rest.size();
    }
    if (problem.isEmpty() && !transfer->file.commit())
        problem = tr("Cannot write %1: %2").arg(transfer->path, transfer->file.errorString());
    if (!problem.isEmpty())
        transfer->file.cancelWriting();
    reply->deleteLater();

    const CatalogAsset asset = transfer->asset;
    const QString path = transfer->path;
    m_reserved.remove(path);
    std::erase_if(m_transfers, [transfer](const auto &t) { return t.get() == transfer; });
    if (problem.isEmpty()) {
        m_saved.insert(asset.assetId, path);
        Q_EMIT fileSaved(asset.assetId, path);
        Q_EMIT progress();
    } else if (!m_cancelled) {
        fail(asset, problem); // a cancelled transfer is no failure to report
    }
    pump();
}

void DownloadQueue::fail(const CatalogAsset &asset, const QString &message)
{
    qCInfo(lcBrowser) << "download of" << asset.assetId << "failed:" << message;
    m_failures.append({OriginalUrls::fileName(asset), message});
    Q_EMIT progress();
}

void DownloadQueue::finishIfDone()
{
    if (!m_running || m_resolving || !m_transfers.empty() || (!m_queue.isEmpty() && !m_cancelled))
        return;
    m_running = false;
    if (!m_cancelled)
        m_bytesTotal = m_bytesReceived;
    Q_EMIT progress();
    Q_EMIT finished();
}

} // namespace stratus::gui
