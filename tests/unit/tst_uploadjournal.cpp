// The upload journal keeps errors as kinds, not sentences (issue 12, point 3): what a failure was
// comes back whole (kind, reason, subject, HTTP status, outside words), a journal written by an
// earlier version (English sentences in `error`, no kind columns) is opened, its rows read, and
// its sentence kept as the outside words.

#include "core/transfers/uploadjournal.h"
#include "words/errorwords.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus;
using namespace stratus::core;
using namespace stratus::core::transfers;
using namespace Qt::StringLiterals;

class TestUploadJournal : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void failuresComeBackAsTheyWere()
    {
        const QString file = m_dir.filePath(u"new/journal.sqlite"_s);
        auto journal = UploadJournal::open(file);
        QVERIFY(journal);
        UploadEntry entry;
        entry.filePath = u"/photos/empty.jpg"_s;
        entry.state = UploadState::Failed;
        entry.error = Error::because(Error::Kind::Io, ErrorReason::FileEmpty, entry.filePath);
        QList<UploadEntry> entries {entry};
        QVERIFY(journal.value()->addBatch(entries, DuplicatePolicy::Skip));
        UploadEntry refused = entries.first();
        Error server = Error::because(Error::Kind::Auth, ErrorReason::None, {}, u"Invalid Signature"_s);
        server.httpStatus = 401;
        refused.error = server;
        UploadEntry second = entries.first();
        QList<UploadEntry> more {second};
        QVERIFY(journal.value()->addBatch(more, DuplicatePolicy::Skip));
        refused.id = more.first().id;
        refused.batchId = more.first().batchId;
        QVERIFY(journal.value()->update(refused));
        journal.value().reset();

        auto reopened = UploadJournal::open(file);
        QVERIFY(reopened);
        const auto all = reopened.value()->allEntries();
        QVERIFY(all);
        QCOMPARE(all->size(), 2);
        const std::optional<Error> empty = all->at(0).error;
        QVERIFY(empty);
        QCOMPARE(empty->kind, Error::Kind::Io);
        QCOMPARE(empty->reason, ErrorReason::FileEmpty);
        QCOMPARE(empty->subject, u"/photos/empty.jpg"_s);
        QVERIFY(empty->message.isEmpty());
        const std::optional<Error> auth = all->at(1).error;
        QVERIFY(auth);
        QCOMPARE(auth->kind, Error::Kind::Auth);
        QCOMPARE(auth->reason, ErrorReason::None);
        QCOMPARE(auth->httpStatus, 401);
        QCOMPARE(auth->message, u"Invalid Signature"_s);
        // The sentence is made when it is read, not stored.
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"peek"_s);
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery query(u"SELECT error, error_kind, error_reason, error_subject FROM jobs ORDER BY id"_s, db);
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QString());
        QCOMPARE(query.value(1).toString(), u"Io"_s);
        QCOMPARE(query.value(2).toString(), u"FileEmpty"_s);
        QCOMPARE(query.value(3).toString(), u"/photos/empty.jpg"_s);
        db.close();
    }

    void readsAJournalOfTheEarlierVersion()
    {
        const QString file = m_dir.filePath(u"old/journal.sqlite"_s);
        QVERIFY(QDir().mkpath(m_dir.filePath(u"old"_s)));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"old"_s);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            for (const char *statement : {
                     "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)",
                     "INSERT INTO meta VALUES ('schema_version', '1')",
                     "CREATE TABLE batches (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL,"
                     " duplicate_policy TEXT NOT NULL DEFAULT 'ask')",
                     "INSERT INTO batches (created_at) VALUES ('2026-11-30T10:00:00Z')",
                     "CREATE TABLE jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, batch_id INTEGER NOT NULL,"
                     " file_path TEXT NOT NULL, file_size INTEGER NOT NULL, file_mtime TEXT DEFAULT '',"
                     " md5 TEXT DEFAULT '', options TEXT NOT NULL, chunked INTEGER NOT NULL DEFAULT 0,"
                     " chunk_size INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL, upload_id TEXT DEFAULT '',"
                     " bytes_acknowledged INTEGER NOT NULL DEFAULT 0, asset_id TEXT DEFAULT '',"
                     " result_public_id TEXT DEFAULT '', error TEXT DEFAULT '',"
                     " attempts INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL)",
                     "INSERT INTO jobs (batch_id, file_path, file_size, options, state, error, updated_at) "
                     "VALUES"
                     " (1, '/photos/a.jpg', 10, '{}', 'failed', 'The API key or secret was refused (HTTP "
                     "401): "
                     "Invalid Signature', '2026-11-30T10:00:00Z')",
                     "INSERT INTO jobs (batch_id, file_path, file_size, options, state, updated_at) VALUES"
                     " (1, '/photos/b.jpg', 10, '{}', 'pending', '2026-11-30T10:00:00Z')",
                 }) {
                QSqlQuery query(db);
                QVERIFY2(query.exec(QString::fromLatin1(statement)), statement);
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(u"old"_s);

        auto journal = UploadJournal::open(file);
        QVERIFY2(journal, journal ? "" : qPrintable(words::ErrorWords::text(journal.error())));
        const auto all = journal.value()->allEntries();
        QVERIFY(all);
        QCOMPARE(all->size(), 2);
        const std::optional<Error> old = all->at(0).error;
        QVERIFY(old);
        QCOMPARE(old->reason, ErrorReason::RecordedByEarlierVersion);
        QCOMPARE(words::ErrorWords::text(*old),
                 u"The API key or secret was refused (HTTP 401): Invalid Signature"_s);
        QVERIFY(!all->at(1).error);
        // And it takes new rows with kinds.
        UploadEntry entry = all->at(1);
        entry.state = UploadState::Failed;
        entry.error = Error::because(Error::Kind::Io, ErrorReason::NoSuchFile, entry.filePath);
        QVERIFY(journal.value()->update(entry));
        const auto again = journal.value()->allEntries();
        QVERIFY(again);
        QCOMPARE(again->at(1).error->reason, ErrorReason::NoSuchFile);
    }
};

QTEST_MAIN(TestUploadJournal)
#include "tst_uploadjournal.moc"
