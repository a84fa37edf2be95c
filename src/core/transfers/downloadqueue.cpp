#include "downloadqueue.h"

#include "core/delivery/originalurls.h"
#include "core/net/downloadjob.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <QSaveFile>

namespace stratus::core::transfers {

using namespace Qt::StringLiterals;
using catalog::CatalogAsset;

namespace {
Q_LOGGING_CATEGORY(lcDownload, "stratus.core.transfers.download")
} // namespace

struct DownloadQueue::Transfer
{
    CatalogAsset asset;
    QString path;
    QSaveFile file;
    QPointer<DownloadJob> job; ///< deleted (later) when the transfer ends
};

DownloadQueue::DownloadQueue(DeliveryEnvironment environment, QObject *parent)
    : QObject(parent)
    , m_env(std::move(environment))
    , m_policy(DownloadJob::deliveryPolicy())
{
}

DownloadQueue::~DownloadQueue()
{
    for (const auto &transfer : m_transfers) {
        if (DownloadJob *job = transfer->job) {
            job->disconnect(this);
            job->cancel();
            job->deleteLater();
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
    for (int n = 2; QFileInfo::exists(candidate) || reserved.contains(candidate); ++n)
        candidate = directory.absoluteFilePath(u"%1 (%2)%3"_s.arg(base).arg(n).arg(suffix));
    return candidate;
}

QString DownloadQueue::fileNameFor(const CatalogAsset &asset)
{
    const QString idName = asset.publicId.mid(asset.publicId.lastIndexOf(u'/') + 1);
    QString name = asset.displayName.trimmed().isEmpty() ? idName : asset.displayName.trimmed();
    QString extension;
    if (asset.resourceType == u"raw") {
        const qsizetype dot = idName.lastIndexOf(u'.');
        if (dot > 0)
            extension = idName.mid(dot + 1);
    } else {
        extension = asset.format;
    }
    if (!extension.isEmpty() && !name.endsWith(u'.' + extension, Qt::CaseInsensitive))
        name += u'.' + extension;
    // A name, not a path; and none a file system refuses.
    name.replace(u'/', u'_');
    name.replace(QChar(0), u'_');
    for (QChar &c : name) {
        if (c.category() == QChar::Other_Control)
            c = u'_';
    }
    if (name.isEmpty() || name == u"." || name == u".." || name.startsWith(u'.'))
        name = name.isEmpty() || name == u"." || name == u".." ? asset.assetId : u'_' + name.mid(1);
    return name;
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
            OriginalUrls::resolve(m_env, assets, this, [this, batch, assets](QList<Result<QUrl>> urls) {
                if (batch != m_batch)
                    return;
                m_resolving = false;
                for (qsizetype i = 0; i < assets.size(); ++i) {
                    if (m_cancelled)
                        break;
                    if (urls.at(i))
                        m_queue.append({assets.at(i), urls.at(i).value()});
                    else
                        fail(assets.at(i), urls.at(i).error());
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
        if (DownloadJob *job = transfer->job)
            job->cancel(); // finishes (Cancelled) from the event loop; endTransfer() cleans up
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
        fail(asset, Error::because(Error::Kind::Internal, ErrorReason::DownloadNoNetwork));
        return;
    }
    auto transfer = std::make_unique<Transfer>();
    transfer->asset = asset;
    transfer->path = uniquePath(QDir(m_directory), fileNameFor(asset), m_reserved);
    transfer->file.setFileName(transfer->path);
    if (!transfer->file.open(QIODevice::WriteOnly)) {
        fail(asset,
             Error::because(Error::Kind::Io, ErrorReason::FileUnwritable, transfer->path,
                            transfer->file.errorString()));
        return;
    }
    m_reserved.insert(transfer->path);
    auto *job = new DownloadJob(m_env.network, url, this);
    job->setRetryPolicy(m_policy);
    job->setSink(&transfer->file);
    transfer->job = job;
    Transfer *raw = transfer.get();
    m_transfers.push_back(std::move(transfer));
    qint64 counted = 0; // of this transfer in m_bytesReceived: a retry starts its file again
    connect(job, &DownloadJob::downloadProgress, this, [this, counted](qint64 received) mutable {
        m_bytesReceived += received - counted;
        counted = received;
        Q_EMIT progress();
    });
    connect(job, &Job::finished, this, [this, raw] { endTransfer(raw); });
    job->start();
}

void DownloadQueue::endTransfer(Transfer *transfer)
{
    DownloadJob *job = transfer->job;
    std::optional<Error> problem = job ? job->error() : std::nullopt;
    if (problem && problem->kind != Error::Kind::Io) {
        // What the server (or the way to it) refused: the asset, in its words (X-Cld-Error).
        problem->subject = transfer->asset.publicId;
        if (problem->httpStatus >= 400)
            problem->reason = ErrorReason::DeliveryRefused;
    }
    if (!problem && !transfer->file.commit())
        problem = Error::because(Error::Kind::Io, ErrorReason::FileUnwritable, transfer->path,
                                 transfer->file.errorString());
    if (problem)
        transfer->file.cancelWriting();
    if (job)
        job->deleteLater();

    const CatalogAsset asset = transfer->asset;
    const QString path = transfer->path;
    m_reserved.remove(path);
    std::erase_if(m_transfers, [transfer](const auto &t) { return t.get() == transfer; });
    if (!problem) {
        m_saved.insert(asset.assetId, path);
        Q_EMIT fileSaved(asset.assetId, path);
        Q_EMIT progress();
    } else if (!m_cancelled) {
        fail(asset, std::move(*problem)); // a cancelled transfer is no failure to report
    }
    pump();
}

void DownloadQueue::fail(const CatalogAsset &asset, Error error)
{
    qCInfo(lcDownload) << "download of" << asset.assetId << "failed:" << errorReasonName(error.reason)
                       << error.httpStatus << error.message;
    m_failures.append({fileNameFor(asset), std::move(error)});
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

} // namespace stratus::core::transfers
