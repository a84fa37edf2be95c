#include "uploadjournal.h"

#include "journalerror.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLockFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

using namespace Qt::StringLiterals;

namespace stratus::core::transfers {

namespace {

const char *const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS batches (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " created_at TEXT NOT NULL, duplicate_policy TEXT NOT NULL DEFAULT 'ask')",
    "CREATE TABLE IF NOT EXISTS jobs (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " batch_id INTEGER NOT NULL REFERENCES batches (id), file_path TEXT NOT NULL,"
    " file_size INTEGER NOT NULL, file_mtime TEXT DEFAULT '', md5 TEXT DEFAULT '',"
    " options TEXT NOT NULL, chunked INTEGER NOT NULL DEFAULT 0, chunk_size INTEGER NOT NULL DEFAULT 0,"
    " state TEXT NOT NULL, upload_id TEXT DEFAULT '',"
    " bytes_acknowledged INTEGER NOT NULL DEFAULT 0, asset_id TEXT DEFAULT '',"
    " result_public_id TEXT DEFAULT '', error TEXT DEFAULT '',"
    " attempts INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL,"
    " error_kind TEXT DEFAULT '', error_reason TEXT DEFAULT '', error_subject TEXT DEFAULT '',"
    " error_status INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, batch_id)",
    "CREATE INDEX IF NOT EXISTS jobs_by_batch ON jobs (batch_id)",
};

// Columns added since the first journals, with their definitions. An earlier version reads a journal
// with them (it ignores them, and finds only outside words in `error`); this one adds them to an
// earlier version's journal, whose `error` holds that version's sentences.
const char *const kAddedColumns[][2] = {
    {"error_kind", "TEXT DEFAULT ''"},
    {"error_reason", "TEXT DEFAULT ''"},
    {"error_subject", "TEXT DEFAULT ''"},
    {"error_status", "INTEGER NOT NULL DEFAULT 0"},
};

constexpr auto kColumns = "id, batch_id, file_path, file_size, file_mtime, md5, options, chunked, chunk_size,"
                          " state, upload_id, bytes_acknowledged, asset_id, result_public_id, error,"
                          " attempts, error_kind, error_reason, error_subject, error_status"_L1;

QString nextConnectionName()
{
    static std::atomic<int> counter {0};
    return u"stratus-upload-journal-%1"_s.arg(++counter);
}

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

// What the journal stores of a state: the in-memory steps before sending are redone after a restart.
QString journalState(UploadState state)
{
    return state == UploadState::Hashing || state == UploadState::Asking ? stateName(UploadState::Pending)
                                                                         : stateName(state);
}

Error sqlError(const QString &detail)
{
    return Error::because(Error::Kind::Io, ErrorReason::JournalStatementFailed, {}, detail);
}

Result<QSqlQuery> exec(const QString &connection, const QString &statement, const QVariantList &binds = {})
{
    QSqlQuery query(QSqlDatabase::database(connection, false));
    if (!query.prepare(statement))
        return sqlError(query.lastError().text());
    for (const QVariant &bind : binds)
        query.addBindValue(bind);
    if (!query.exec())
        return sqlError(query.lastError().text());
    return query;
}

// Adds the columns an earlier version's journal lacks.
Result<Done> addMissingColumns(const QString &connection)
{
    auto info = exec(connection, u"PRAGMA table_info(jobs)"_s);
    if (!info)
        return info.error();
    QStringList present;
    while (info.value().next())
        present.append(info.value().value(1).toString());
    for (const auto &[name, definition] : kAddedColumns) {
        if (present.contains(QLatin1StringView(name)))
            continue;
        if (auto ran = exec(connection,
                            u"ALTER TABLE jobs ADD COLUMN %1 %2"_s.arg(QLatin1StringView(name),
                                                                       QLatin1StringView(definition)));
            !ran)
            return ran.error();
    }
    return Done {};
}

QVariantList errorBinds(const std::optional<Error> &error)
{
    const JournalError stored = JournalError::from(error);
    return {stored.outsideWords, stored.kind, stored.reason, stored.subject, stored.httpStatus};
}

UploadEntry entryFromRow(const QSqlQuery &q)
{
    UploadEntry e;
    e.id = q.value(0).toLongLong();
    e.batchId = q.value(1).toLongLong();
    e.filePath = q.value(2).toString();
    e.fileSize = q.value(3).toLongLong();
    e.fileModified = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
    e.md5 = q.value(5).toString();
    e.options
        = UploadEntry::optionsFromJson(QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object());
    e.chunked = q.value(7).toBool();
    e.chunkSize = q.value(8).toLongLong();
    e.state = stateFromName(q.value(9).toString());
    e.uploadId = q.value(10).toString();
    e.bytesAcknowledged = q.value(11).toLongLong();
    e.assetId = q.value(12).toString();
    e.resultPublicId = q.value(13).toString();
    e.attempts = q.value(15).toInt();
    e.error = JournalError {q.value(16).toString(), q.value(17).toString(), q.value(18).toString(),
                            q.value(19).toInt(), q.value(14).toString()}
                  .toError();
    return e;
}

QString optionsText(const UploadOptions &options)
{
    return QString::fromUtf8(
        QJsonDocument(UploadEntry::optionsToJson(options)).toJson(QJsonDocument::Compact));
}

} // namespace

UploadJournal::UploadJournal(QString filePath, QString connectionName)
    : m_filePath(std::move(filePath))
    , m_connectionName(std::move(connectionName))
{
}

UploadJournal::~UploadJournal()
{
    m_locks.clear();
    {
        QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
        database.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<UploadJournal>> UploadJournal::open(const QString &filePath)
{
    if (!QDir().mkpath(QFileInfo(filePath).absolutePath()))
        return Error::because(Error::Kind::Io, ErrorReason::JournalFolderUncreatable, filePath);
    std::unique_ptr<UploadJournal> journal(new UploadJournal(filePath, nextConnectionName()));
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, journal->m_connectionName);
        database.setDatabaseName(filePath);
        database.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
        if (!database.open())
            return Error::because(Error::Kind::Io, ErrorReason::JournalUnopenable, filePath,
                                  database.lastError().text());
    }
    const QString name = journal->m_connectionName;
    for (const char *pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"}) {
        if (auto ran = exec(name, QString::fromLatin1(pragma)); !ran)
            return ran.error();
    }
    if (auto version = exec(name, u"SELECT value FROM meta WHERE key = 'schema_version'"_s);
        version && version.value().next() && version.value().value(0).toInt() > kSchemaVersion)
        return Error::because(Error::Kind::Io, ErrorReason::JournalFromNewerVersion, filePath);
    for (const char *statement : kSchema) {
        if (auto ran = exec(name, QString::fromLatin1(statement)); !ran)
            return ran.error();
    }
    if (auto added = addMissingColumns(name); !added)
        return added.error();
    if (auto ran = exec(name, u"INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)"_s,
                        {QString::number(kSchemaVersion)});
        !ran)
        return ran.error();
    return journal;
}

Result<qint64> UploadJournal::addBatch(QList<UploadEntry> &entries, DuplicatePolicy policy)
{
    QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
    if (!database.transaction())
        return sqlError(database.lastError().text());
    auto fail = [&database](Error error) -> Result<qint64> {
        database.rollback();
        return error;
    };
    auto batch = exec(m_connectionName, u"INSERT INTO batches (created_at, duplicate_policy) VALUES (?, ?)"_s,
                      {now(), policyName(policy)});
    if (!batch)
        return fail(batch.error());
    const qint64 batchId = batch.value().lastInsertId().toLongLong();
    for (UploadEntry &entry : entries) {
        entry.batchId = batchId;
        auto inserted
            = exec(m_connectionName,
                   u"INSERT INTO jobs (batch_id, file_path, file_size, file_mtime, md5, options, chunked,"
                   " chunk_size, state, updated_at, error, error_kind, error_reason, error_subject,"
                   " error_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                   QVariantList {batchId, entry.filePath, entry.fileSize,
                                 entry.fileModified.toString(Qt::ISODateWithMs), entry.md5,
                                 optionsText(entry.options), entry.chunked ? 1 : 0, entry.chunkSize,
                                 journalState(entry.state), now()}
                       + errorBinds(entry.error));
        if (!inserted)
            return fail(inserted.error());
        entry.id = inserted.value().lastInsertId().toLongLong();
    }
    if (!database.commit())
        return fail(sqlError(database.lastError().text()));
    claimBatch(batchId);
    return batchId;
}

Result<Done> UploadJournal::update(const UploadEntry &e)
{
    auto ran
        = exec(m_connectionName,
               u"UPDATE jobs SET file_size = ?, file_mtime = ?, md5 = ?, options = ?, chunked = ?,"
               " chunk_size = ?, state = ?, upload_id = ?, bytes_acknowledged = ?, asset_id = ?,"
               " result_public_id = ?, attempts = ?, updated_at = ?, error = ?, error_kind = ?,"
               " error_reason = ?, error_subject = ?, error_status = ? WHERE id = ?"_s,
               QVariantList {e.fileSize, e.fileModified.toString(Qt::ISODateWithMs), e.md5,
                             optionsText(e.options), e.chunked ? 1 : 0, e.chunkSize, journalState(e.state),
                             e.uploadId, e.bytesAcknowledged, e.assetId, e.resultPublicId, e.attempts, now()}
                   + errorBinds(e.error) + QVariantList {e.id});
    if (!ran)
        return ran.error();
    return Done {};
}

Result<Done> UploadJournal::setBatchPolicy(qint64 batchId, DuplicatePolicy policy)
{
    auto ran = exec(m_connectionName, u"UPDATE batches SET duplicate_policy = ? WHERE id = ?"_s,
                    {policyName(policy), batchId});
    if (!ran)
        return ran.error();
    return Done {};
}

Result<DuplicatePolicy> UploadJournal::batchPolicy(qint64 batchId) const
{
    auto ran = exec(m_connectionName, u"SELECT duplicate_policy FROM batches WHERE id = ?"_s, {batchId});
    if (!ran)
        return ran.error();
    return ran.value().next() ? policyFromName(ran.value().value(0).toString()) : DuplicatePolicy::Ask;
}

Result<QList<UploadEntry>> UploadJournal::select(const QString &where, const QVariantList &binds) const
{
    auto ran
        = exec(m_connectionName, u"SELECT %1 FROM jobs WHERE %2 ORDER BY id"_s.arg(kColumns, where), binds);
    if (!ran)
        return ran.error();
    QList<UploadEntry> entries;
    while (ran.value().next())
        entries.append(entryFromRow(ran.value()));
    return entries;
}

Result<QList<UploadEntry>> UploadJournal::claimUnfinished()
{
    auto unfinished = select(u"state IN ('pending', 'running', 'paused')"_s, {});
    if (!unfinished)
        return unfinished;
    QList<UploadEntry> claimed;
    for (UploadEntry &entry : unfinished.value()) {
        if (claimBatch(entry.batchId))
            claimed.append(std::move(entry));
    }
    return claimed;
}

Result<QList<UploadEntry>> UploadJournal::batch(qint64 batchId) const
{
    return select(u"batch_id = ?"_s, {batchId});
}

Result<QList<UploadEntry>> UploadJournal::allEntries() const
{
    return select(u"1"_s, {});
}

QString UploadJournal::lockPath(qint64 batchId) const
{
    return QFileInfo(m_filePath).absolutePath() + u"/batch-%1.lock"_s.arg(batchId);
}

bool UploadJournal::claimBatch(qint64 batchId)
{
    if (m_locks.count(batchId))
        return true;
    auto lock = std::make_unique<QLockFile>(lockPath(batchId));
    // A lock whose process is gone (kill -9) counts as stale at once; a live one is never stale.
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0))
        return false;
    m_locks.emplace(batchId, std::move(lock));
    return true;
}

void UploadJournal::releaseBatch(qint64 batchId)
{
    m_locks.erase(batchId);
}

} // namespace stratus::core::transfers
