#pragma once

#include "medialimits.h"
#include "uploadentry.h"
#include "uploadplan.h"

#include "core/api/admintypes.h"
#include "core/api/apicontext.h"
#include "core/net/retrypolicy.h"
#include "core/util/result.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <set>

namespace stratus::core {
class Job;
namespace catalog {
class Catalog;
struct CatalogAsset;
} // namespace catalog
} // namespace stratus::core

namespace stratus::core::transfers {

class UploadJournal;

/// How the queue works; the defaults are the issue's.
struct UploadQueueSettings
{
    int concurrency = 4; ///< files in flight at once (a chunked file counts once)
    qint64 chunkThreshold = 100'000'000; ///< larger files go in chunks (at most 100 MB)
    qint64 chunkSize = 20'000'000;
    /// Uploads of one file started in total before it fails, counting the retries the queue
    /// adds (with back-off and jitter) on top of each request's own (NetworkJob): network errors,
    /// 5xx, 420/429 (waiting for the reset when the server names it). A chunked retry resumes
    /// at its last acknowledged chunk.
    int maxAttempts = 6;
    RetryPolicy retry = [] {
        RetryPolicy policy;
        policy.baseDelay = std::chrono::seconds(2);
        policy.maxDelay = std::chrono::minutes(1);
        return policy;
    }();
};

/// A file whose MD5 matches the etag of assets in the catalogue, asked about before it is sent.
struct DuplicateQuestion
{
    qint64 jobId = 0;
    qint64 batchId = 0;
    QString filePath;
    QStringList existingPublicIds;
};

/// The upload engine shared by the GUI and stratus-cli (docs/architecture.md, "Transfers"): files
/// and folder trees of one product environment uploaded in parallel, streamed from disk (in
/// chunks above a threshold), retried with back-off, paused, resumed, cancelled and retried per
/// file or all at once, with byte-level progress. Every step is written to the UploadJournal
/// before it is taken, so a killed program resumes (resumeFromJournal) without losing or
/// duplicating a file.
///
/// With a catalogue (setCatalog) each file's MD5 is checked against the etags it knows before the
/// file is sent (the duplicate guard; DuplicatePolicy), and each finished upload is written
/// through to it so that the browser shows it at once.
///
/// Owns its jobs; the journal, the catalogue and everything in the ApiContext are not owned and
/// must outlive the queue. One thread (the one of the context's network). Signals are emitted
/// from the event loop: jobAdded when enqueue() or resumeFromJournal() add a file, jobChanged at
/// every change of state, jobProgress as bytes go out, progressChanged at most every 250 ms
/// while something moves, jobFinished once per file that reaches a final state (again after a
/// retry), batchFinished when every file of a batch is final, idle when nothing is left to do.
class UploadQueue : public QObject
{
    Q_OBJECT

public:
    /// Asked once per batch for a duplicate when the batch's policy is Ask; `answer` may be called
    /// later (a dialog). The answer holds for the rest of the batch. Without a handler, Ask skips.
    using DuplicateHandler
        = std::function<void(const DuplicateQuestion &question, std::function<void(DuplicatePolicy)> answer)>;

    UploadQueue(ApiContext context, UploadJournal *journal, QObject *parent = nullptr);
    ~UploadQueue() override;

    void setSettings(const UploadQueueSettings &settings);
    [[nodiscard]] const UploadQueueSettings &settings() const { return m_settings; }
    /// Decides asset folders (dynamic) or public id prefixes (fixed) for folder trees.
    void setFolderMode(FolderMode mode) { m_folderMode = mode; }
    /// The environment's catalogue, for the duplicate guard and the write-through; may be null.
    void setCatalog(catalog::Catalog *catalog) { m_catalog = catalog; }
    void setDuplicateHandler(DuplicateHandler handler) { m_duplicateHandler = std::move(handler); }
    /// The environment's largest files (its usage report): a file over them is refused when it is
    /// queued, as a Failed file with the limit, and nothing of it is sent.
    void setMediaLimits(const MediaLimits &limits) { m_mediaLimits = limits; }
    [[nodiscard]] const MediaLimits &mediaLimits() const { return m_mediaLimits; }
    /// Whether the environment answers (default: yes). While it does not, files wait in the queue
    /// (Pending, "waiting for connection") and nothing starts; they start when it answers again.
    /// Files in flight when it stops answering go on (and retry) as before.
    void setOnline(bool online);
    [[nodiscard]] bool isOnline() const { return m_online; }

    /// Queues the files and folder trees at `paths` as one batch and starts them. Paths that do
    /// not exist or cannot be read are recorded as Failed files of the batch, with the reason.
    /// Returns the batch id, or the journal's error (nothing is queued then). `idle` follows even
    /// when the batch holds nothing.
    Result<qint64> enqueue(const QStringList &paths, const UploadBatchOptions &options);
    /// The same for paths already expanded (UploadPlan::expand), when the caller wants to say what
    /// the plan left out.
    Result<qint64> enqueue(const UploadPlan::Plan &plan, const UploadBatchOptions &options);
    /// Takes over the journal's unfinished files (of batches no other live process works on) and
    /// starts them; how many.
    Result<int> resumeFromJournal();

    void pause(qint64 jobId);
    void resume(qint64 jobId);
    void cancel(qint64 jobId);
    /// A Failed or Cancelled file starts again (a chunked one where it stopped).
    void retry(qint64 jobId);
    void pauseAll();
    void resumeAll();
    void cancelAll();
    void retryFailed();

    [[nodiscard]] QList<qint64> jobIds() const { return m_order; }
    [[nodiscard]] const UploadEntry *job(qint64 jobId) const;
    /// Bytes of the file sent so far (of a chunked one: including the acknowledged chunks).
    [[nodiscard]] qint64 bytesSent(qint64 jobId) const;
    [[nodiscard]] bool isIdle() const;

    struct Totals
    {
        qint64 bytesDone = 0; ///< of the files not cancelled
        qint64 bytesTotal = 0;
        double bytesPerSecond = 0; ///< over the last seconds
        int done = 0, skipped = 0, failed = 0, cancelled = 0, active = 0, waiting = 0, paused = 0;
    };
    [[nodiscard]] Totals totals() const;

Q_SIGNALS:
    void jobAdded(qint64 jobId);
    void jobChanged(qint64 jobId, stratus::core::transfers::UploadState state);
    void jobProgress(qint64 jobId, qint64 bytesSent, qint64 bytesTotal);
    /// A failed attempt is retried in `delayMs`; `reason` is the failure (words::ErrorWords words it).
    void jobRetrying(qint64 jobId, int attempt, qint64 delayMs, const stratus::core::Error &reason);
    void jobFinished(qint64 jobId);
    void progressChanged(qint64 bytesDone, qint64 bytesTotal, double bytesPerSecond);
    void batchFinished(qint64 batchId);
    void idle();

private:
    struct Task;

    void addTask(UploadEntry entry);
    void schedule();
    void startTask(Task &task);
    void hash(Task &task);
    void onHashed(qint64 jobId, int generation, const QString &md5);
    void checkDuplicate(Task &task);
    void onDuplicateAnswer(qint64 batchId, DuplicatePolicy policy);
    void applyPolicy(Task &task, DuplicatePolicy policy, const QList<catalog::CatalogAsset> &existing);
    void send(Task &task);
    void onJobFinished(qint64 jobId, int generation);
    void stopJob(Task &task);
    /// The state, keeping the error the entry has.
    void setState(Task &task, UploadState state);
    /// The state and the error (nullopt clears it).
    void setState(Task &task, UploadState state, std::optional<Error> error);
    void finishTask(Task &task, UploadState state, std::optional<Error> error = std::nullopt);
    void record(const Task &task);
    void setProgress(Task &task, qint64 sent);
    void emitProgress();
    [[nodiscard]] Task *task(qint64 jobId);
    [[nodiscard]] int activeCount() const;

    ApiContext m_context;
    UploadJournal *m_journal;
    catalog::Catalog *m_catalog = nullptr;
    UploadQueueSettings m_settings;
    FolderMode m_folderMode = FolderMode::Unknown;
    DuplicateHandler m_duplicateHandler;
    std::map<qint64, std::unique_ptr<Task>> m_tasks;
    QList<qint64> m_order;
    std::map<qint64, DuplicatePolicy> m_batchPolicies;
    std::map<qint64, QList<qint64>> m_waitingForAnswer; ///< batch → jobs asking, while a question is open
    std::set<qint64> m_announcedBatches; ///< batches whose batchFinished was emitted
    QTimer m_progressTimer;
    QElapsedTimer m_speedClock;
    qint64 m_transferred = 0; ///< bytes sent since the start (retries count again)
    qint64 m_speedBase = 0;
    qint64 m_speedBaseMs = 0;
    double m_speed = 0;
    bool m_idleAnnounced = true;
    bool m_online = true;
    MediaLimits m_mediaLimits;
};

} // namespace stratus::core::transfers
