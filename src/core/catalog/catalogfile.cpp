// Catalog's file: opening it (the schema and its migrations), checking it for damage and replacing
// a damaged one. Queries and writes are in catalog.cpp.
#include "catalog.h"

#include "catalogsql_p.h"

#include "core/accounts/accounts.h"
#include "core/net/neterror.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <atomic>

using namespace Qt::StringLiterals;

namespace stratus::core::catalog {

namespace {

const char *const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS assets ("
    " asset_id TEXT PRIMARY KEY NOT NULL, public_id TEXT NOT NULL, resource_type TEXT NOT NULL,"
    " type TEXT NOT NULL, format TEXT NOT NULL DEFAULT '', bytes INTEGER NOT NULL DEFAULT 0,"
    " width INTEGER NOT NULL DEFAULT 0, height INTEGER NOT NULL DEFAULT 0, duration REAL,"
    " version INTEGER NOT NULL DEFAULT 0, etag TEXT NOT NULL DEFAULT '',"
    " created_at INTEGER, uploaded_at INTEGER, updated_at INTEGER," // ms since the epoch, UTC
    " asset_folder TEXT NOT NULL DEFAULT '', public_id_folder TEXT NOT NULL DEFAULT '',"
    " display_name TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '[]',"
    " context TEXT NOT NULL DEFAULT '{}', metadata TEXT NOT NULL DEFAULT '{}', status TEXT NOT NULL DEFAULT "
    "'',"
    " folder TEXT NOT NULL DEFAULT '', name TEXT NOT NULL DEFAULT '', generation INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX IF NOT EXISTS assets_by_folder ON assets (folder, name COLLATE NOCASE)",
    "CREATE INDEX IF NOT EXISTS assets_by_created ON assets (created_at)",
    "CREATE INDEX IF NOT EXISTS assets_by_uploaded ON assets (uploaded_at)",
    "CREATE INDEX IF NOT EXISTS assets_by_generation ON assets (generation)",
    "CREATE INDEX IF NOT EXISTS assets_by_etag ON assets (etag)",
    // Walked in order for a search with many matches: the first page without sorting them all.
    "CREATE INDEX IF NOT EXISTS assets_by_name ON assets (name COLLATE NOCASE, asset_id)",
    "CREATE TABLE IF NOT EXISTS folders (path TEXT PRIMARY KEY NOT NULL, parent TEXT NOT NULL,"
    " name TEXT NOT NULL, direct_count INTEGER NOT NULL, total_count INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS folders_by_parent ON folders (parent, name)",
    // Folders the server listed (or the app made), empty ones included; listed_at: when their own
    // children were last listed (ms since the epoch, NULL: never). Added after schema 1 was out:
    // CREATE … IF NOT EXISTS is its migration, and an older Stratus simply does not read it.
    "CREATE TABLE IF NOT EXISTS known_folders (path TEXT PRIMARY KEY NOT NULL, parent TEXT NOT NULL,"
    " listed_at INTEGER)",
    "CREATE INDEX IF NOT EXISTS known_folders_by_parent ON known_folders (parent)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS assets_fts USING fts5 (name, public_id, display_name, tags, context,"
    " metadata, tokenize = 'unicode61 remove_diacritics 2')",
};

QString nextConnectionName()
{
    static std::atomic<int> counter {0};
    return u"stratus-catalog-%1"_s.arg(++counter);
}

} // namespace

Catalog::Catalog(QString filePath, QString connectionName)
    : m_filePath(std::move(filePath))
    , m_connectionName(std::move(connectionName))
{
}

Catalog::~Catalog()
{
    {
        QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
        database.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Catalog::db() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<std::unique_ptr<Catalog>> Catalog::openExisting(const QString &filePath)
{
    if (!QFileInfo::exists(filePath)) {
        return Error::because(Error::Kind::NotFound, ErrorReason::CatalogMissing, filePath);
    }
    return open(filePath);
}

Result<std::unique_ptr<Catalog>> Catalog::open(const QString &filePath)
{
    if (!QDir().mkpath(QFileInfo(filePath).absolutePath())) {
        return Error::because(Error::Kind::Io, ErrorReason::CatalogFolderUncreatable, filePath);
    }
    std::unique_ptr<Catalog> catalog(new Catalog(filePath, nextConnectionName()));
    QSqlDatabase::addDatabase(u"QSQLITE"_s, catalog->m_connectionName).setDatabaseName(filePath);
    if (auto ready = catalog->connect(); !ready)
        return ready.error();
    return catalog;
}

Result<std::unique_ptr<Catalog>> Catalog::openRepairing(const QString &filePath, QString *damage)
{
    auto opened = open(filePath);
    if (opened || opened.error().kind != Error::Kind::Damaged)
        return opened;
    *damage = opened.error().message; // open() closed the file again when it failed
    if (auto removed = removeFiles(filePath); !removed)
        return removed.error();
    return open(filePath);
}

Result<Done> Catalog::connect()
{
    {
        QSqlDatabase database = db();
        database.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
        if (!database.open()) {
            return Error::because(Error::Kind::Io, ErrorReason::CatalogUnopenable, m_filePath,
                                  database.lastError().text());
        }
    }
    for (const char *pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"}) {
        if (auto ran = sql::run(db(), QString::fromLatin1(pragma)); !ran)
            return ran.error();
    }
    if (auto created = createSchema(); !created)
        return created;
    return loadState();
}

Result<Done> Catalog::checkFile(const QString &filePath)
{
    // quick_check reads every page and checks its structure (not that indexes match their tables,
    // which integrity_check does at several times the cost): the damage that makes reads stop
    // early or fail. It answers "ok" or one row per problem.
    const QString name = nextConnectionName();
    Result<Done> result = Done {};
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        database.setDatabaseName(filePath);
        database.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
        QStringList problems;
        if (!database.open()) {
            result = Error::because(Error::Kind::Io, ErrorReason::CatalogUnopenable, filePath,
                                    database.lastError().text());
        } else if (auto rows = sql::run(database, u"PRAGMA quick_check(5)"_s); !rows) {
            result = rows.error();
        } else {
            while (rows.value().next()) {
                // A row may hold several lines, with a "*** in database main ***" heading.
                for (const QString &line :
                     rows.value().value(0).toString().split(u'\n', Qt::SkipEmptyParts)) {
                    if (!line.startsWith(u"***"_s))
                        problems.append(line.trimmed());
                }
            }
            result = sql::drained(*rows);
            if (result && problems != QStringList {u"ok"_s}) {
                // One line for a message: the first problems say enough.
                const qsizetype shown = std::min<qsizetype>(problems.size(), 2);
                result = Error::because(Error::Kind::Damaged, ErrorReason::CatalogDamaged, filePath,
                                        problems.first(shown).join(u"; "_s)
                                            + (problems.size() > shown ? u"; …"_s : QString()));
            }
        }
        database.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

Result<Done> Catalog::recreate()
{
    {
        QSqlDatabase database = db();
        database.close();
    }
    if (auto removed = removeFiles(m_filePath); !removed)
        return removed;
    m_state = SyncState {};
    return connect();
}

Result<Done> Catalog::removeFiles(const QString &filePath)
{
    // The database and what SQLite keeps beside it; a stale WAL would be replayed into the new file.
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s, u"-journal"_s}) {
        QFile file(filePath + suffix);
        if (file.exists() && !file.remove()) {
            return Error::because(Error::Kind::Io, ErrorReason::CatalogFileNotRemoved, file.fileName(),
                                  file.errorString());
        }
    }
    return Done {};
}

Result<Done> Catalog::createSchema()
{
    // A file from a newer Stratus is left alone: its tables may mean something else.
    if (auto version = sql::run(db(), u"SELECT value FROM sync_state WHERE key = 'schema_version'"_s);
        version && version.value().next() && version.value().value(0).toInt() > kSchemaVersion) {
        return Error::because(Error::Kind::Io, ErrorReason::CatalogFromNewerVersion, m_filePath);
    }
    return transaction([this]() -> Result<Done> {
        for (const char *statement : kSchema) {
            if (auto ran = sql::run(db(), QString::fromLatin1(statement)); !ran)
                return ran.error();
        }
        if (auto migrated = migrate(); !migrated)
            return migrated;
        return writeState(u"schema_version"_s, QString::number(kSchemaVersion));
    });
}

Result<Done> Catalog::migrate()
{
    // updated_at came after schema 1 was out. Adding the column keeps the schema version: an older
    // Stratus names its columns and simply ignores this one. NULL stands for "as uploaded_at".
    auto columns = sql::run(db(), u"PRAGMA table_info(assets)"_s);
    if (!columns)
        return columns.error();
    bool hasUpdatedAt = false;
    while (columns.value().next())
        hasUpdatedAt = hasUpdatedAt || columns.value().value(1).toString() == "updated_at"_L1;
    if (auto read = sql::drained(*columns); !read)
        return read;
    if (!hasUpdatedAt) {
        if (auto added = sql::run(db(), u"ALTER TABLE assets ADD COLUMN updated_at INTEGER"_s); !added)
            return added.error();
    }
    auto indexed = sql::run(db(), u"CREATE INDEX IF NOT EXISTS assets_by_updated ON assets (updated_at)"_s);
    if (!indexed)
        return indexed.error();
    // The structured metadata field definitions came later still, as a table of their own that an
    // older Stratus never reads: the schema version stays.
    auto fields = sql::run(db(),
                           u"CREATE TABLE IF NOT EXISTS metadata_fields (position INTEGER PRIMARY KEY,"
                           " external_id TEXT NOT NULL, json TEXT NOT NULL)"_s);
    if (!fields)
        return fields.error();
    return Done {};
}

} // namespace stratus::core::catalog
