#pragma once

#include "core/api/apicontext.h"
#include "core/net/job.h"

#include <QDateTime>
#include <QPointer>
#include <QSet>
#include <QStringList>

namespace stratus::core {
class ApiCallBase;
template<typename T> class ApiCall;
} // namespace stratus::core

namespace stratus::core::catalog {

class Catalog;

/// Fills and refreshes a Catalog from the Search API (docs/architecture.md, "The local catalogue").
///
/// - Full sync: every asset, 500 per page (`next_cursor`), with tags, context and metadata, sorted by
///   created_at ascending so that assets uploaded meanwhile land on the last pages instead of
///   shifting the ones not read yet. When it completes, assets it did not see are deleted
///   (reconciliation). An interrupted full sync deletes nothing.
/// - Incremental sync: only assets changed since the newest change the catalogue knows, less a margin
///   for changes that were in flight (`updated_at>="…"` sorted by updated_at): uploads and overwrites,
///   and edits made elsewhere (tags, context, metadata, display name, asset folder, rename). Should
///   the server refuse `updated_at` (400), the sync falls back to `uploaded_at>="…"`, which sees
///   uploads only. Deletions are picked up by the next full sync (reconciliation); the app's own
///   edits reach the catalogue at once through write-through.
/// - Auto (the default): full when the catalogue never completed one or every `fullEvery`-th sync,
///   incremental otherwise.
///
/// Then the folder walk: folders with no asset below them exist only on the server's word, so the
/// sync lists folders with the Admin API (`GET folders`, `GET folders/<path>`, 500 a page) and keeps
/// what it names in the catalogue (Catalog::setKnownChildren), which then shows empty folders made
/// elsewhere and forgets folders deleted elsewhere. Folders are listed one level at a time, one call
/// (or more, past 500 children) per folder, so the walk is capped: at most folderCallCap() calls a
/// sync (full and incremental differ), never below kFolderBudgetReserve of the hourly budget, the
/// root first and then the folders listed least recently, so that successive syncs cover a large
/// tree in turn. A walk cut short keeps what it listed; one that fails (a key that may not list
/// folders, the network) is logged and leaves the catalogue as it was: the assets were synced.
///
/// The folder mode is read once (`GET config?settings=true`) when the catalogue does not know it;
/// the structured metadata field definitions (`GET metadata_fields`) at every sync.
/// Every call goes through the ApiContext, so it spends and respects the environment's
/// RateLimitBudget: at the limit the page waits for the reset (RetryPolicy) and pausedUntil() says
/// until when; nothing fails for it.
///
/// Before anything else the catalogue file is checked for damage (Catalog::checkFile, on a worker
/// thread); a damaged one, or one whose damage a read or write meets during the sync, is replaced
/// by an empty one (Catalog::recreate) and filled by a full sync, once per run; summary().damage
/// says so.
///
/// A Job: finished() once; the catalogue keeps every page already stored whatever the outcome. The
/// Catalog must outlive the job; GUI (or the CLI's) thread.
class CatalogSync : public Job
{
    Q_OBJECT

public:
    enum class Mode { Auto, Full, Incremental };

    struct Summary
    {
        Mode performed = Mode::Auto; ///< Full or Incremental once decided
        qint64 fetched = 0; ///< assets received and stored
        qint64 expected = -1; ///< total_count of the query; -1 before the first page
        qint64 removed = 0; ///< deleted by reconciliation
        qint64 catalogued = 0; ///< assets in the catalogue at the end
        int pages = 0;
        int pauses = 0; ///< rate-limit waits
        int metadataFields = -1; ///< structured metadata fields read; -1 when the call failed
        QDateTime since; ///< incremental: the bound asked for
        QString sinceField; ///< incremental: "updated_at", or "uploaded_at" after the fallback
        /// Non-empty when the catalogue was found damaged (checked before the sync, or met on the
        /// way) and rebuilt: what SQLite said was wrong.
        QString damage;
        int folderCalls = 0; ///< Admin API calls of the folder walk
        int foldersListed = 0; ///< folders (the root included) whose children were listed
        bool folderWalkComplete = false; ///< every folder of the tree was listed in this sync
        QString folderWalkError; ///< why the walk stopped early, when it failed
    };

    CatalogSync(Catalog *catalog, ApiContext context, QObject *parent = nullptr);
    ~CatalogSync() override;

    void setMode(Mode mode) { m_mode = mode; }
    /// Auto mode: a full sync after this many incremental ones (default 10).
    void setFullEvery(int syncs) { m_fullEvery = syncs; }
    /// Assets per page, 1…500 (default 500, the Search API's maximum).
    void setPageSize(int size) { m_pageSize = qBound(1, size, 500); }

    /// The most Admin API calls the folder walk of a full (@p full) and an incremental sync may
    /// make (0: no walk). Defaults: kFullSyncFolderCalls, kIncrementalSyncFolderCalls.
    void setFolderCallCaps(int full, int incremental)
    {
        m_fullFolderCalls = qMax(0, full);
        m_incrementalFolderCalls = qMax(0, incremental);
    }
    [[nodiscard]] int folderCallCap() const
    {
        return m_summary.performed == Mode::Full ? m_fullFolderCalls : m_incrementalFolderCalls;
    }

    [[nodiscard]] const Summary &summary() const { return m_summary; }

    static constexpr int kFullSyncFolderCalls = 50;
    static constexpr int kIncrementalSyncFolderCalls = 5;
    /// The share of the hourly budget the folder walk leaves for everything else.
    static constexpr double kFolderBudgetReserve = 0.2;

    /// The margin an incremental sync reaches back before the newest updated_at it knows.
    static constexpr qint64 kIncrementalMarginSecs = 600;

Q_SIGNALS:
    /// After every stored page: assets so far and the query's total (-1 when not known yet).
    void progress(qint64 fetched, qint64 expected);
    /// The Admin API budget is spent; the sync resumes by itself at `until` (UTC).
    void pausedUntil(const QDateTime &until);

protected:
    void run() override;
    void abort() override;
    void cleanup() override;

private:
    void afterCheck(const Result<Done> &checked);
    void begin();
    /// Replaces a damaged catalogue and starts again as a full sync.
    void rebuild(const Error &damage);
    void readFolderMode();
    /// The environment's structured metadata field definitions, cached in the catalogue.
    void readMetadataFields();
    void startSync();
    void startIncremental(const QString &field, const QDateTime &newest);
    void requestPage();
    void onPage();
    void startFolderWalk();
    void listNextFolder();
    void onFolderPage();
    void finishFolderWalk();
    void watch(ApiCallBase *call);
    void fail(const Error &error);

    Catalog *m_catalog;
    ApiContext m_context;
    Mode m_mode = Mode::Auto;
    int m_fullEvery = 10;
    int m_pageSize = 500;
    QString m_expression;
    QString m_sortField;
    QString m_cursor;
    /// The call that just finished (m_call), released; null when the sync stopped meanwhile.
    template<typename T> ApiCall<T> *takeFinishedCall();

    QPointer<ApiCallBase> m_call;
    int m_fullFolderCalls = kFullSyncFolderCalls;
    int m_incrementalFolderCalls = kIncrementalSyncFolderCalls;
    QStringList m_folderQueue; ///< still to list, in order
    QSet<QString> m_foldersSeen; ///< listed or queued in this walk
    QString m_folder; ///< being listed
    QStringList m_folderChildren; ///< of m_folder, pages so far
    Summary m_summary;
};

} // namespace stratus::core::catalog
