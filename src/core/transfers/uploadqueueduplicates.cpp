// The duplicate guard of UploadQueue: a file's MD5 against the etags in the catalogue before it is
// sent, and the batch's answer (skip, upload anyway, overwrite).
#include "uploadqueue.h"

#include "filehash.h"
#include "uploadjournal.h"
#include "uploadqueue_p.h"

#include "core/catalog/catalog.h"

#include <QFutureWatcher>

#include <atomic>

namespace stratus::core::transfers {

void UploadQueue::hash(Task &t)
{
    setState(t, UploadState::Hashing);
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    t.hashCancel = cancelled;
    auto *watcher = new QFutureWatcher<QString>(this);
    const qint64 id = t.entry.id;
    const int generation = t.generation;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id, generation]() {
        const QString md5 = watcher->future().resultCount() > 0 ? watcher->result() : QString();
        watcher->deleteLater();
        onHashed(id, generation, md5);
    });
    watcher->setFuture(fileMd5Async(t.entry.filePath, cancelled));
}

void UploadQueue::onHashed(qint64 jobId, int generation, const QString &md5)
{
    Task *t = task(jobId);
    if (!t || t->generation != generation || t->entry.state != UploadState::Hashing)
        return;
    t->hashCancel.reset();
    if (md5.isEmpty()) {
        finishTask(*t, UploadState::Failed,
                   Error::because(Error::Kind::Io, ErrorReason::FileUnreadable, t->entry.filePath));
        schedule();
        return;
    }
    t->entry.md5 = md5;
    record(*t);
    checkDuplicate(*t);
    schedule();
}

void UploadQueue::checkDuplicate(Task &t)
{
    if (!m_catalog || t.entry.md5.isEmpty() || t.entry.attempts > 0) {
        send(t);
        return;
    }
    auto found = m_catalog->assetsWithEtag(t.entry.md5);
    if (!found) {
        qCWarning(lcUpload) << "duplicate guard: the catalogue cannot be read:" << found.error().message;
        send(t);
        return;
    }
    if (found->isEmpty()) {
        send(t);
        return;
    }
    DuplicatePolicy policy = m_batchPolicies[t.entry.batchId];
    if (policy == DuplicatePolicy::Ask && m_duplicateHandler) {
        QList<qint64> &waiting = m_waitingForAnswer[t.entry.batchId];
        const bool questionOpen = !waiting.isEmpty();
        waiting.append(t.entry.id);
        setState(t, UploadState::Asking);
        if (questionOpen)
            return;
        DuplicateQuestion question {t.entry.id, t.entry.batchId, t.entry.filePath, {}};
        for (const auto &asset : std::as_const(*found))
            question.existingPublicIds.append(asset.publicId);
        const qint64 batch = t.entry.batchId;
        m_duplicateHandler(question, [queue = QPointer<UploadQueue>(this), batch](DuplicatePolicy answer) {
            if (queue)
                queue->onDuplicateAnswer(batch, answer);
        });
        return;
    }
    if (policy == DuplicatePolicy::Ask)
        policy = DuplicatePolicy::Skip;
    applyPolicy(t, policy, *found);
}

void UploadQueue::onDuplicateAnswer(qint64 batchId, DuplicatePolicy policy)
{
    if (policy == DuplicatePolicy::Ask)
        policy = DuplicatePolicy::Skip;
    m_batchPolicies[batchId] = policy;
    if (auto written = m_journal->setBatchPolicy(batchId, policy); !written)
        qCWarning(lcUpload) << written.error().message;
    const QList<qint64> waiting = m_waitingForAnswer[batchId];
    m_waitingForAnswer.erase(batchId);
    for (const qint64 id : waiting) {
        if (Task *t = task(id); t && t->entry.state == UploadState::Asking)
            setState(*t, UploadState::Pending);
    }
    // Not from inside the handler's call: the question may be answered before it returns.
    QMetaObject::invokeMethod(this, &UploadQueue::schedule, Qt::QueuedConnection);
}

void UploadQueue::applyPolicy(Task &t, DuplicatePolicy policy, const QList<catalog::CatalogAsset> &existing)
{
    const catalog::CatalogAsset &first = existing.constFirst();
    switch (policy) {
    case DuplicatePolicy::Ask:
    case DuplicatePolicy::Skip:
        t.entry.assetId = first.assetId;
        t.entry.resultPublicId = first.publicId;
        t.sent = t.entry.fileSize;
        finishTask(t, UploadState::Skipped); // resultPublicId names the asset that is there

        return;
    case DuplicatePolicy::Overwrite:
        // The existing asset's full public id (with its folder): no folder parameter on top.
        t.entry.options.publicId = first.publicId;
        t.entry.options.folder.clear();
        t.entry.options.resourceType = first.resourceType;
        t.entry.options.type = first.type;
        t.entry.options.overwrite = true;
        if (m_folderMode == FolderMode::Dynamic)
            t.entry.options.assetFolder = first.assetFolder;
        break;
    case DuplicatePolicy::UploadAnyway:
        break;
    }
    send(t);
}

} // namespace stratus::core::transfers
