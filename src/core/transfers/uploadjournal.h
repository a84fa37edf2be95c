#pragma once

#include "uploadentry.h"

#include "core/util/result.h"

#include <QList>
#include <QString>
#include <QVariantList>

#include <map>
#include <memory>

class QLockFile;

namespace stratus::core::transfers {

/// The upload journal of one product environment (docs/architecture.md, "Transfers"): every batch
/// and every file of it in an SQLite database (WAL) of its own, written before each step — the
/// file queued, its upload started (with the chunked upload's id), each chunk the server
/// acknowledged, the end (asset id, or the error). After a crash or kill -9 the unfinished jobs
/// are read back and resume at their last acknowledged chunk with the same upload id; a finished
/// job is never sent again; nothing is dropped without a state that says so.
///
/// synchronous = NORMAL: a killed process loses nothing (the WAL is in the OS's hands); a power
/// cut may lose the last steps, which only makes a resumed upload resend bytes under the same
/// public id (replacing, never duplicating, the asset).
///
/// Several processes (the app, stratus-cli) may share a journal; a process works on a batch only
/// while it holds the batch's lock (claimBatch), which dies with the process. Owned by whoever
/// opened it; one thread.
class UploadJournal
{
public:
    static constexpr int kSchemaVersion = 1;

    /// Opens (or creates) the journal at @p filePath; an environment's is
    /// StorageLayout::uploadJournalFile(), shared by the app and stratus-cli.
    [[nodiscard]] static Result<std::unique_ptr<UploadJournal>> open(const QString &filePath);

    ~UploadJournal();
    UploadJournal(const UploadJournal &) = delete;
    UploadJournal &operator=(const UploadJournal &) = delete;

    [[nodiscard]] QString filePath() const { return m_filePath; }

    /// Records a new batch and its files (all Pending) in one transaction; fills in each entry's
    /// id and batchId. The batch is claimed by this journal object.
    Result<qint64> addBatch(QList<UploadEntry> &entries, DuplicatePolicy policy);
    /// Writes the entry's state and progress (by id).
    Result<Done> update(const UploadEntry &entry);
    Result<Done> setBatchPolicy(qint64 batchId, DuplicatePolicy policy);
    [[nodiscard]] Result<DuplicatePolicy> batchPolicy(qint64 batchId) const;

    /// The files of batches nobody else is working on that are not finished (Pending, Running,
    /// Paused), oldest first; claims those batches. What a restarted program resumes.
    [[nodiscard]] Result<QList<UploadEntry>> claimUnfinished();
    /// Every file of a batch, in the order they were added.
    [[nodiscard]] Result<QList<UploadEntry>> batch(qint64 batchId) const;
    /// Every file of every batch (for tests and `stratus-cli upload --resume`'s summary).
    [[nodiscard]] Result<QList<UploadEntry>> allEntries() const;

    /// Takes the batch's lock file; false when another live process holds it.
    bool claimBatch(qint64 batchId);
    void releaseBatch(qint64 batchId);

private:
    UploadJournal(QString filePath, QString connectionName);
    Result<QList<UploadEntry>> select(const QString &where, const QVariantList &binds) const;
    [[nodiscard]] QString lockPath(qint64 batchId) const;

    QString m_filePath;
    QString m_connectionName;
    std::map<qint64, std::unique_ptr<QLockFile>> m_locks;
};

} // namespace stratus::core::transfers
