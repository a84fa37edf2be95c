#include "uploadqueue.h"

#include "filehash.h"
#include "uploadjournal.h"
#include "uploadqueue_p.h"

#include "core/api/chunkeduploadjob.h"
#include "core/api/uploadapi.h"
#include "core/api/uploadjob.h"
#include "core/catalog/catalog.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <algorithm>
#include <set>

using namespace Qt::StringLiterals;

namespace stratus::core::transfers {

Q_LOGGING_CATEGORY(lcUpload, "stratus.core.upload")

UploadQueue::UploadQueue(ApiContext context, UploadJournal *journal, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_journal(journal)
    , m_progressTimer(this)
{
    m_progressTimer.setInterval(250);
    connect(&m_progressTimer, &QTimer::timeout, this, &UploadQueue::emitProgress);
    m_speedClock.start();
}

UploadQueue::~UploadQueue()
{
    for (auto &[id, task] : m_tasks) {
        Q_UNUSED(id);
        if (task->hashCancel)
            task->hashCancel->store(true);
        if (Job *job = task->job) {
            job->disconnect(this);
            job->cancel();
        }
    }
}

void UploadQueue::setSettings(const UploadQueueSettings &settings)
{
    m_settings = settings;
    m_settings.concurrency = std::max(1, m_settings.concurrency);
    m_settings.chunkThreshold
        = std::clamp<qint64>(m_settings.chunkThreshold, 1, UploadApi::kMaxSingleUploadBytes);
    m_settings.chunkSize = std::clamp<qint64>(m_settings.chunkSize, 1, UploadApi::kMaxSingleUploadBytes);
    m_settings.maxAttempts = std::max(1, m_settings.maxAttempts);
    schedule();
}

UploadQueue::Task *UploadQueue::task(qint64 jobId)
{
    const auto it = m_tasks.find(jobId);
    return it == m_tasks.end() ? nullptr : it->second.get();
}

const UploadEntry *UploadQueue::job(qint64 jobId) const
{
    const auto it = m_tasks.find(jobId);
    return it == m_tasks.end() ? nullptr : &it->second->entry;
}

qint64 UploadQueue::bytesSent(qint64 jobId) const
{
    const auto it = m_tasks.find(jobId);
    return it == m_tasks.end() ? 0 : it->second->sent;
}

Result<qint64> UploadQueue::enqueue(const QStringList &paths, const UploadBatchOptions &options)
{
    return enqueue(UploadPlan::expand(paths, options.folder), options);
}

Result<qint64> UploadQueue::enqueue(const UploadPlan::Plan &plan, const UploadBatchOptions &options)
{
    QList<UploadEntry> entries;
    for (const PlannedFile &file : plan.files) {
        const QFileInfo info(file.path);
        UploadEntry entry;
        entry.filePath = file.path;
        entry.fileSize = info.size();
        entry.fileModified = info.lastModified().toUTC();
        entry.options = UploadPlan::optionsFor(file, options, m_folderMode);
        entry.chunked = entry.fileSize > m_settings.chunkThreshold;
        entry.chunkSize = m_settings.chunkSize;
        if (auto tooLarge = m_mediaLimits.check(file.path, entry.fileSize)) {
            entry.state = UploadState::Failed;
            entry.error = std::move(tooLarge);
        }
        entries.append(std::move(entry));
    }
    for (const PlanProblem &problem : plan.problems) {
        UploadEntry entry;
        entry.filePath = problem.path;
        entry.state = UploadState::Failed;
        entry.error = problem.error;
        entries.append(std::move(entry));
    }
    auto batch = m_journal->addBatch(entries, options.duplicates);
    if (!batch)
        return batch.error();
    m_batchPolicies[*batch] = options.duplicates;
    for (UploadEntry &entry : entries)
        addTask(std::move(entry));
    m_idleAnnounced = false; // an empty batch is over at once, and whoever waits for it must hear so
    QMetaObject::invokeMethod(this, &UploadQueue::schedule, Qt::QueuedConnection);
    return *batch;
}

Result<int> UploadQueue::resumeFromJournal()
{
    auto unfinished = m_journal->claimUnfinished();
    if (!unfinished)
        return unfinished.error();
    int added = 0;
    for (UploadEntry &entry : unfinished.value()) {
        if (m_tasks.count(entry.id))
            continue;
        if (!m_batchPolicies.count(entry.batchId)) {
            auto policy = m_journal->batchPolicy(entry.batchId);
            m_batchPolicies[entry.batchId] = policy ? *policy : DuplicatePolicy::Ask;
        }
        // Running means the program died during the upload; a chunked one goes on from its last
        // acknowledged chunk with the same upload id, a whole one is sent again under the same
        // public id. Paused ones are finished too: a restart means "get it done".
        entry.state = UploadState::Pending;
        addTask(std::move(entry));
        ++added;
    }
    QMetaObject::invokeMethod(this, &UploadQueue::schedule, Qt::QueuedConnection);
    return added;
}

void UploadQueue::addTask(UploadEntry entry)
{
    auto task = std::make_unique<Task>();
    task->sent = entry.chunked ? entry.bytesAcknowledged : 0;
    task->entry = std::move(entry);
    const qint64 id = task->entry.id;
    const bool failed = task->entry.state == UploadState::Failed;
    m_order.append(id);
    m_tasks.emplace(id, std::move(task));
    m_idleAnnounced = false;
    if (!m_progressTimer.isActive())
        m_progressTimer.start();
    Q_EMIT jobAdded(id);
    if (failed)
        Q_EMIT jobFinished(id);
}

int UploadQueue::activeCount() const
{
    return int(std::count_if(m_tasks.begin(), m_tasks.end(), [](const auto &pair) {
        const UploadState state = pair.second->entry.state;
        return state == UploadState::Hashing || state == UploadState::Running;
    }));
}

bool UploadQueue::isIdle() const
{
    return std::none_of(m_tasks.begin(), m_tasks.end(), [](const auto &pair) {
        const UploadState state = pair.second->entry.state;
        return state == UploadState::Pending || state == UploadState::Hashing || state == UploadState::Asking
            || state == UploadState::Running;
    });
}

void UploadQueue::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    // The rows waiting say why again ("waiting for connection", or waiting for a slot).
    for (const qint64 id : std::as_const(m_order)) {
        if (const Task *t = task(id); t && t->entry.state == UploadState::Pending)
            Q_EMIT jobChanged(id, UploadState::Pending);
    }
    if (online)
        QMetaObject::invokeMethod(this, &UploadQueue::schedule, Qt::QueuedConnection);
}

void UploadQueue::schedule()
{
    int active = activeCount();
    for (const qint64 id : std::as_const(m_order)) {
        if (active >= m_settings.concurrency || !m_online)
            break;
        Task *t = task(id);
        if (t && t->entry.state == UploadState::Pending && !t->retryWaiting) {
            startTask(*t);
            active = activeCount();
        }
    }

    // Batches whose every file is final, announced once (again after a retry reopened one).
    std::set<qint64> open;
    std::set<qint64> seen;
    for (const auto &[id, t] : m_tasks) {
        Q_UNUSED(id);
        seen.insert(t->entry.batchId);
        if (!isFinal(t->entry.state))
            open.insert(t->entry.batchId);
    }
    for (const qint64 batch : seen) {
        const bool finished = !open.count(batch);
        auto announced = m_announcedBatches.find(batch);
        if (finished && announced == m_announcedBatches.end()) {
            m_announcedBatches.insert(batch);
            Q_EMIT batchFinished(batch);
        } else if (!finished && announced != m_announcedBatches.end()) {
            m_announcedBatches.erase(announced);
        }
    }

    if (isIdle() && !m_idleAnnounced) {
        m_idleAnnounced = true;
        m_progressTimer.stop();
        emitProgress();
        Q_EMIT idle();
    }
}

void UploadQueue::startTask(Task &t)
{
    UploadEntry &e = t.entry;
    if (auto unreadable = UploadPlan::unreadableReason(e.filePath)) {
        finishTask(t, UploadState::Failed, std::move(unreadable));
        return;
    }
    const QFileInfo info(e.filePath);
    if (info.size() != e.fileSize || info.lastModified().toUTC() != e.fileModified) {
        // Changed since it was queued: what the journal knows of it no longer holds.
        qCInfo(lcUpload) << "file changed since it was queued; starting it afresh:" << e.filePath;
        e.fileSize = info.size();
        e.fileModified = info.lastModified().toUTC();
        e.md5.clear();
        e.uploadId.clear();
        e.bytesAcknowledged = 0;
        t.sent = 0;
    }
    e.chunked = e.fileSize > m_settings.chunkThreshold;
    if (e.chunkSize <= 0)
        e.chunkSize = m_settings.chunkSize;
    const bool guard
        = m_catalog && e.attempts == 0 && m_batchPolicies[e.batchId] != DuplicatePolicy::UploadAnyway;
    if (guard && e.md5.isEmpty())
        hash(t);
    else
        checkDuplicate(t);
}

void UploadQueue::send(Task &t)
{
    UploadEntry &e = t.entry;
    ++e.attempts;
    ++t.tries;
    const qint64 id = e.id;
    const int generation = t.generation;
    Job *job = nullptr;
    if (e.chunked) {
        ChunkedUploadSettings settings;
        settings.chunkSize = e.chunkSize;
        settings.uploadId = e.uploadId;
        settings.startOffset = e.bytesAcknowledged < e.fileSize ? e.bytesAcknowledged : 0;
        auto *chunked = new ChunkedUploadJob(m_context, e.filePath, e.options, settings, this);
        e.uploadId = chunked->uploadId();
        t.sent = settings.startOffset;
        connect(chunked, &ChunkedUploadJob::chunkAcknowledged, this,
                [this, id, generation](qint64 nextOffset, const QString &publicId) {
                    Task *current = task(id);
                    if (!current || current->generation != generation)
                        return;
                    current->entry.bytesAcknowledged = nextOffset;
                    if (!publicId.isEmpty())
                        current->entry.options.publicId = publicId;
                    record(*current);
                });
        connect(chunked, &Job::uploadProgress, this, [this, id, generation](qint64 sent, qint64) {
            if (Task *current = task(id); current && current->generation == generation)
                setProgress(*current, sent);
        });
        job = chunked;
    } else {
        auto *single = new UploadJob(m_context, e.filePath, e.options, this);
        t.sent = 0;
        connect(single, &Job::uploadProgress, this, [this, id, generation](qint64 sent, qint64 total) {
            // The request body is the file plus the form fields around it.
            if (Task *current = task(id); current && current->generation == generation && total > 0)
                setProgress(*current, qint64(double(sent) / double(total) * double(current->entry.fileSize)));
        });
        job = single;
    }
    connect(job, &Job::finished, this, [this, id, generation]() { onJobFinished(id, generation); });
    t.job = job;
    // Journal first: a kill between here and the first acknowledged byte resumes with this upload
    // id and this public id.
    setState(t, UploadState::Running, std::nullopt);
    job->start();
}

void UploadQueue::onJobFinished(qint64 jobId, int generation)
{
    Task *t = task(jobId);
    if (!t || t->generation != generation || !t->job)
        return;
    Job *job = t->job;
    t->job = nullptr;
    job->deleteLater();

    const Result<UploadResult> result = t->entry.chunked ? static_cast<ChunkedUploadJob *>(job)->result()
                                                         : static_cast<UploadJob *>(job)->result();
    if (result) {
        UploadEntry &e = t->entry;
        e.assetId = result->asset.assetId;
        e.resultPublicId = result->asset.publicId;
        e.bytesAcknowledged = e.fileSize;
        setProgress(*t, e.fileSize);
        if (!e.md5.isEmpty() && !result->asset.etag.isEmpty() && result->asset.etag != e.md5)
            qCWarning(lcUpload) << "the server's etag of" << e.resultPublicId << "is not the file's MD5";
        finishTask(*t, UploadState::Done);
        if (m_catalog) {
            if (auto written = m_catalog->upsertResources({result->raw}); !written)
                qCWarning(lcUpload) << "write-through to the catalogue failed:" << written.error().message;
        }
        schedule();
        return;
    }
    const Error &error = result.error();
    if (error.retryable && t->tries < m_settings.maxAttempts) {
        qint64 delay
            = m_settings.retry.backoffDelay(t->tries, QRandomGenerator::global()->generateDouble()).count();
        if (error.retryAfter) {
            const qint64 untilReset = QDateTime::currentDateTimeUtc().msecsTo(*error.retryAfter)
                + m_settings.retry.rateLimitMargin.count();
            delay = std::max(delay, std::min<qint64>(untilReset, m_settings.retry.maxRateLimitWait.count()));
        }
        t->retryWaiting = true;
        setState(*t, UploadState::Pending, error);
        Q_EMIT jobRetrying(jobId, t->tries + 1, delay, error);
        qCInfo(lcUpload) << "retrying" << t->entry.filePath << "in" << delay << "ms:" << error.message;
        QTimer::singleShot(std::chrono::milliseconds(delay), this, [this, jobId, generation]() {
            if (Task *current = task(jobId); current && current->generation == generation) {
                current->retryWaiting = false;
                schedule();
            }
        });
    } else {
        finishTask(*t, UploadState::Failed, error);
    }
    schedule();
}

void UploadQueue::stopJob(Task &t)
{
    ++t.generation;
    t.retryWaiting = false;
    if (t.hashCancel) {
        t.hashCancel->store(true);
        t.hashCancel.reset();
    }
    if (Job *job = t.job) {
        t.job = nullptr;
        job->disconnect(this);
        job->cancel();
        job->deleteLater();
    }
    if (t.entry.chunked)
        t.sent = t.entry.bytesAcknowledged;
}

void UploadQueue::pause(qint64 jobId)
{
    Task *t = task(jobId);
    if (!t || isFinal(t->entry.state) || t->entry.state == UploadState::Paused)
        return;
    stopJob(*t);
    setState(*t, UploadState::Paused);
    schedule();
}

void UploadQueue::resume(qint64 jobId)
{
    Task *t = task(jobId);
    if (!t || t->entry.state != UploadState::Paused)
        return;
    m_idleAnnounced = false;
    m_progressTimer.start();
    setState(*t, UploadState::Pending);
    schedule();
}

void UploadQueue::cancel(qint64 jobId)
{
    Task *t = task(jobId);
    if (!t || isFinal(t->entry.state))
        return;
    stopJob(*t);
    finishTask(*t, UploadState::Cancelled);
    schedule();
}

void UploadQueue::retry(qint64 jobId)
{
    Task *t = task(jobId);
    if (!t || (t->entry.state != UploadState::Failed && t->entry.state != UploadState::Cancelled))
        return;
    t->tries = 0;
    m_idleAnnounced = false;
    m_progressTimer.start();
    setState(*t, UploadState::Pending, std::nullopt);
    schedule();
}

void UploadQueue::pauseAll()
{
    for (const qint64 id : std::as_const(m_order))
        pause(id);
}

void UploadQueue::resumeAll()
{
    for (const qint64 id : std::as_const(m_order))
        resume(id);
}

void UploadQueue::cancelAll()
{
    for (const qint64 id : std::as_const(m_order))
        cancel(id);
}

void UploadQueue::retryFailed()
{
    for (const qint64 id : std::as_const(m_order)) {
        if (const Task *t = task(id); t && t->entry.state == UploadState::Failed)
            retry(id);
    }
}

void UploadQueue::setState(Task &t, UploadState state)
{
    t.entry.state = state;
    record(t);
    Q_EMIT jobChanged(t.entry.id, state);
}

void UploadQueue::setState(Task &t, UploadState state, std::optional<Error> error)
{
    t.entry.error = std::move(error);
    setState(t, state);
}

void UploadQueue::finishTask(Task &t, UploadState state, std::optional<Error> error)
{
    setState(t, state, std::move(error));
    Q_EMIT jobFinished(t.entry.id);
}

void UploadQueue::record(const Task &t)
{
    if (auto written = m_journal->update(t.entry); !written)
        qCWarning(lcUpload) << written.error().message;
}

void UploadQueue::setProgress(Task &t, qint64 sent)
{
    sent = std::clamp<qint64>(sent, 0, t.entry.fileSize);
    if (sent > t.sent)
        m_transferred += sent - t.sent;
    t.sent = sent;
    Q_EMIT jobProgress(t.entry.id, sent, t.entry.fileSize);
}

UploadQueue::Totals UploadQueue::totals() const
{
    Totals totals;
    for (const auto &[id, t] : m_tasks) {
        Q_UNUSED(id);
        const UploadEntry &e = t->entry;
        switch (e.state) {
        case UploadState::Cancelled:
            ++totals.cancelled;
            continue;
        case UploadState::Done:
            ++totals.done;
            break;
        case UploadState::Skipped:
            ++totals.skipped;
            break;
        case UploadState::Failed:
            ++totals.failed;
            break;
        case UploadState::Paused:
            ++totals.paused;
            break;
        case UploadState::Hashing:
        case UploadState::Running:
            ++totals.active;
            break;
        case UploadState::Pending:
        case UploadState::Asking:
            ++totals.waiting;
            break;
        }
        totals.bytesTotal += e.fileSize;
        totals.bytesDone
            += e.state == UploadState::Done || e.state == UploadState::Skipped ? e.fileSize : t->sent;
    }
    totals.bytesPerSecond = m_speed;
    return totals;
}

void UploadQueue::emitProgress()
{
    // Speed over roughly the last seconds: each second's rate folded into a moving average.
    const qint64 now = m_speedClock.elapsed();
    if (now - m_speedBaseMs >= 1000) {
        const double rate = double(m_transferred - m_speedBase) * 1000.0 / double(now - m_speedBaseMs);
        m_speed = m_speed <= 0 ? rate : 0.5 * m_speed + 0.5 * rate;
        m_speedBase = m_transferred;
        m_speedBaseMs = now;
    }
    const Totals current = totals();
    Q_EMIT progressChanged(current.bytesDone, current.bytesTotal, current.bytesPerSecond);
}

} // namespace stratus::core::transfers
