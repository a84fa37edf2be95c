// The upload engine (UploadQueue + UploadJournal) against a real stratus-sandbox: many small files,
// folder trees in both folder modes, a preset, the duplicate guard, pause/resume/cancel, faults
// (5xx, dropped connections, forced 420) ending with every file there exactly once, a journal
// resumed after the queue was destroyed mid-transfer, and a 1.5 GB chunked file.

#include "randomfile.h"
#include "sandboxprocess.h"

#include "core/api/adminapi.h"
#include "core/api/searchapi.h"
#include "core/catalog/catalog.h"
#include "core/transfers/filehash.h"
#include "core/transfers/uploadjournal.h"
#include "core/transfers/uploadqueue.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <chrono>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace stratus::core;
using namespace stratus::core::transfers;
using stratus::test::runToEnd;

namespace {

// Two environments: 0 fixed, 1 dynamic folder mode.
const QString kFixed = u"cloudinary://k1:s1@fixedcloud?folder_mode=fixed&admin_rate_limit=100000"_s;
const QString kDynamic = u"cloudinary://k2:s2@dyncloud?folder_mode=dynamic&admin_rate_limit=100000"_s;

UploadQueueSettings fastSettings()
{
    UploadQueueSettings settings;
    settings.maxAttempts = 30;
    settings.retry.baseDelay = 50ms;
    settings.retry.maxDelay = 500ms;
    return settings;
}

} // namespace

class TestUploadQueue : public QObject
{
    Q_OBJECT

private:
    stratus::test::SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    int m_journals = 0;

    // Every asset of an environment, through the Search API (as Cloudinary would answer).
    QList<Resource> assets(int environment, const QString &expression = {})
    {
        SearchApi api(m_sandbox.context(environment));
        QList<Resource> all;
        QString cursor;
        do {
            SearchQuery query;
            query.expression = expression;
            query.maxResults = 500;
            query.nextCursor = cursor;
            query.withField = {u"tags"_s};
            std::unique_ptr<ApiCall<ResourcePage>> call(api.search(query, nullptr));
            if (!runToEnd(call.get()) || !call->result())
                return {};
            all += call->result()->resources;
            cursor = call->result()->nextCursor;
        } while (!cursor.isEmpty());
        return all;
    }

    // The assets of an environment with these bytes.
    QList<Resource> withEtag(int environment, const QString &md5)
    {
        QList<Resource> found;
        for (const Resource &r : assets(environment)) {
            if (r.etag == md5)
                found.append(r);
        }
        return found;
    }

    std::unique_ptr<UploadJournal> newJournal()
    {
        auto journal = UploadJournal::open(m_dir.filePath(u"journal-%1/journal.sqlite"_s.arg(++m_journals)));
        return journal ? std::move(journal).value() : nullptr;
    }

    // Runs the queue until it is idle; false on a time-out.
    static bool runUntilIdle(UploadQueue &queue, int timeoutMs = 120000)
    {
        if (queue.isIdle() && !queue.jobIds().isEmpty())
            return true;
        QSignalSpy idle(&queue, &UploadQueue::idle);
        return idle.wait(timeoutMs);
    }

    // The files of `dir` with their MD5s.
    static QMap<QString, QString> md5sOf(const QStringList &files)
    {
        QMap<QString, QString> md5s;
        for (const QString &file : files)
            md5s.insert(file, fileMd5(file));
        return md5s;
    }

    void setFaults(int environment, const QList<std::pair<QString, QString>> &fields)
    {
        const QString cloud = environment == 0 ? u"fixedcloud"_s : u"dyncloud"_s;
        QVERIFY(m_sandbox.control(u"faults"_s, cloud, fields));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QLoggingCategory::setFilterRules(u"stratus.*.info=false"_s);
        QString error;
        QVERIFY2(m_sandbox.start({u"--data"_s, m_dir.filePath(u"sandbox"_s), u"--environment"_s, kFixed,
                                  u"--environment"_s, kDynamic},
                                 2, false, &error),
                 qPrintable(error));
    }

    void manySmallFiles()
    {
        QStringList files;
        for (int i = 0; i < 80; ++i) {
            files.append(m_dir.filePath(u"small/f%1.bin"_s.arg(i, 3, 10, QLatin1Char('0'))));
            stratus::test::writeRandomFile(files.last(), 1000 + i * 257);
        }
        auto journal = newJournal();
        QVERIFY(journal);
        UploadQueue queue(m_sandbox.context(0), journal.get());
        queue.setSettings(fastSettings());
        QSignalSpy finished(&queue, &UploadQueue::jobFinished);
        QSignalSpy batchDone(&queue, &UploadQueue::batchFinished);
        int maxActive = 0;
        connect(&queue, &UploadQueue::jobChanged, this,
                [&]() { maxActive = qMax(maxActive, queue.totals().active); });
        UploadBatchOptions options;
        options.folder = u"many"_s;
        options.tags = {u"bulk"_s};
        auto batch = queue.enqueue(files, options);
        QVERIFY(batch);
        QVERIFY(runUntilIdle(queue));
        QCOMPARE(finished.size(), files.size());
        QCOMPARE(batchDone.size(), 1);
        QCOMPARE(queue.totals().done, int(files.size()));
        QVERIFY2(maxActive <= 4 && maxActive >= 2, QByteArray::number(maxActive));
        QCOMPARE(queue.totals().bytesDone, queue.totals().bytesTotal);

        const QList<Resource> stored = assets(0, u"folder:many"_s);
        QCOMPARE(stored.size(), files.size());
        QSet<QString> etags;
        for (const Resource &r : stored) {
            etags.insert(r.etag);
            QVERIFY(r.tags.contains(u"bulk"_s));
        }
        for (const QString &md5 : md5sOf(files))
            QVERIFY(etags.contains(md5));
        // The journal agrees: every file done, with its asset id.
        auto entries = journal->batch(*batch);
        QVERIFY(entries);
        for (const UploadEntry &e : *entries) {
            QCOMPARE(e.state, UploadState::Done);
            QVERIFY(!e.assetId.isEmpty());
        }
    }

    void folderTree_data()
    {
        QTest::addColumn<int>("environment");
        QTest::newRow("fixed") << 0;
        QTest::newRow("dynamic") << 1;
    }

    void folderTree()
    {
        QFETCH(int, environment);
        const QString root = m_dir.filePath(u"tree-%1/pics"_s.arg(environment));
        stratus::test::writeRandomFile(root + u"/a.txt"_s, 1000);
        stratus::test::writeRandomFile(root + u"/trip/b.txt"_s, 2000);
        stratus::test::writeRandomFile(root + u"/trip/day2/c.txt"_s, 3000);
        stratus::test::writeRandomFile(root + u"/.hidden"_s, 10);
        auto journal = newJournal();
        UploadQueue queue(m_sandbox.context(environment), journal.get());
        queue.setSettings(fastSettings());
        queue.setFolderMode(environment == 0 ? FolderMode::Fixed : FolderMode::Dynamic);
        UploadBatchOptions options;
        options.folder = u"/albums/"_s;
        options.useFilename = true;
        options.uniqueFilename = false;
        QVERIFY(queue.enqueue({root}, options));
        QVERIFY(runUntilIdle(queue));
        QCOMPARE(queue.totals().done, 3);

        QMap<QString, QString> where; // public id → folder
        for (const Resource &r : assets(environment))
            where.insert(r.publicId, environment == 0 ? r.folder : r.assetFolder);
        if (environment == 0) {
            // Fixed: the folders are the public ids' paths.
            QCOMPARE(where.value(u"albums/pics/a.txt"_s), u"albums/pics"_s);
            QCOMPARE(where.value(u"albums/pics/trip/b.txt"_s), u"albums/pics/trip"_s);
            QCOMPARE(where.value(u"albums/pics/trip/day2/c.txt"_s), u"albums/pics/trip/day2"_s);
        } else {
            // Dynamic: asset folders, public ids without a path.
            QCOMPARE(where.value(u"a.txt"_s), u"albums/pics"_s);
            QCOMPARE(where.value(u"b.txt"_s), u"albums/pics/trip"_s);
            QCOMPARE(where.value(u"c.txt"_s), u"albums/pics/trip/day2"_s);
        }
    }

    void preset()
    {
        AdminApi admin(m_sandbox.context(0));
        std::unique_ptr<ApiCall<ApiMessage>> create(admin.createUploadPreset(
            {u"tagged"_s, false,
             QJsonObject {{u"tags"_s, u"from-preset"_s}, {u"folder"_s, u"preset-folder"_s}}},
            nullptr));
        QVERIFY(runToEnd(create.get()));
        QVERIFY2(create->result(), stratus::test::errorText(create.get()).constData());

        const QString file = m_dir.filePath(u"preset/p.bin"_s);
        stratus::test::writeRandomFile(file, 5000);
        auto journal = newJournal();
        UploadQueue queue(m_sandbox.context(0), journal.get());
        UploadBatchOptions options;
        options.uploadPreset = u"tagged"_s;
        QVERIFY(queue.enqueue({file}, options));
        QVERIFY(runUntilIdle(queue));
        QCOMPARE(queue.totals().done, 1);
        const QList<Resource> stored = assets(0, u"tags:from-preset"_s);
        QCOMPARE(stored.size(), 1);
        QVERIFY(stored.first().publicId.startsWith(u"preset-folder/"_s));
    }

    void duplicateGuard()
    {
        auto opened = catalog::Catalog::open(m_dir.filePath(u"catalog/catalog.sqlite"_s));
        QVERIFY(opened);
        std::unique_ptr<catalog::Catalog> catalogue = std::move(opened).value();
        const QString original = m_dir.filePath(u"dup/original.bin"_s);
        stratus::test::writeRandomFile(original, 40000);
        const QString copy = m_dir.filePath(u"dup/copy.bin"_s);
        const QString copy2 = m_dir.filePath(u"dup/copy2.bin"_s);
        QVERIFY(QFile::copy(original, copy));
        QVERIFY(QFile::copy(original, copy2));
        const QString md5 = fileMd5(original);

        auto journal = newJournal();
        UploadQueue queue(m_sandbox.context(0), journal.get());
        queue.setCatalog(catalogue.get());
        int questions = 0;
        DuplicatePolicy answer = DuplicatePolicy::Skip;
        queue.setDuplicateHandler(
            [&](const DuplicateQuestion &question, std::function<void(DuplicatePolicy)> reply) {
                ++questions;
                QVERIFY(!question.existingPublicIds.isEmpty());
                // Answered later, as a dialog would.
                QTimer::singleShot(10, this, [reply, answer]() { reply(answer); });
            });

        // First upload: no duplicate; written through to the catalogue.
        QVERIFY(queue.enqueue({original}, {}));
        QVERIFY(runUntilIdle(queue));
        const qint64 first = queue.jobIds().constLast();
        QCOMPARE(queue.job(first)->state, UploadState::Done);
        QCOMPARE(queue.job(first)->md5, md5);
        auto known = catalogue->assetsWithEtag(md5);
        QVERIFY(known);
        QCOMPARE(known->size(), 1);
        const QString existingId = known->first().publicId;
        QCOMPARE(questions, 0);

        // Two copies, policy Ask → asked once, both skipped.
        UploadBatchOptions ask;
        ask.duplicates = DuplicatePolicy::Ask;
        QVERIFY(queue.enqueue({copy, copy2}, ask));
        QVERIFY(runUntilIdle(queue));
        QCOMPARE(questions, 1);
        for (qint64 id : queue.jobIds().mid(1)) {
            QCOMPARE(queue.job(id)->state, UploadState::Skipped);
            QCOMPARE(queue.job(id)->resultPublicId, existingId);
        }
        QCOMPARE(withEtag(0, md5).size(), 1);

        // Overwrite: the same public id, replaced; still one asset with these bytes.
        answer = DuplicatePolicy::Overwrite;
        QVERIFY(queue.enqueue({copy}, ask));
        QVERIFY(runUntilIdle(queue));
        QCOMPARE(questions, 2);
        QCOMPARE(queue.job(queue.jobIds().constLast())->state, UploadState::Done);
        QCOMPARE(queue.job(queue.jobIds().constLast())->resultPublicId, existingId);

        // Upload anyway (set for the batch, not asked): a second asset.
        UploadBatchOptions anyway;
        anyway.duplicates = DuplicatePolicy::UploadAnyway;
        QVERIFY(queue.enqueue({copy}, anyway));
        QVERIFY(runUntilIdle(queue));
        QCOMPARE(questions, 2);
        QVERIFY(queue.job(queue.jobIds().constLast())->resultPublicId != existingId);
        known = catalogue->assetsWithEtag(md5);
        QCOMPARE(known->size(), 2);
    }

    void pauseResumeCancel()
    {
        const QString big = m_dir.filePath(u"pause/big.bin"_s);
        stratus::test::writeRandomFile(big, 12'000'000);
        const QString other = m_dir.filePath(u"pause/other.bin"_s);
        stratus::test::writeRandomFile(other, 3000);
        setFaults(0, {{u"latency_ms"_s, u"150"_s}});
        auto journal = newJournal();
        UploadQueue queue(m_sandbox.context(0), journal.get());
        UploadQueueSettings settings = fastSettings();
        settings.concurrency = 1;
        settings.chunkThreshold = 1'000'000;
        settings.chunkSize = 1'000'000;
        queue.setSettings(settings);
        QVERIFY(queue.enqueue({big, other}, {}));
        const qint64 bigId = queue.jobIds().at(0);
        const qint64 otherId = queue.jobIds().at(1);

        // Cancel the waiting one: it never goes out.
        queue.cancel(otherId);
        QCOMPARE(queue.job(otherId)->state, UploadState::Cancelled);

        QTRY_VERIFY_WITH_TIMEOUT(queue.job(bigId)->bytesAcknowledged >= 2'000'000, 30000);
        QSignalSpy progressWhilePaused(&queue, &UploadQueue::jobProgress);
        queue.pause(bigId);
        QCOMPARE(queue.job(bigId)->state, UploadState::Paused);
        const qint64 acknowledged = queue.job(bigId)->bytesAcknowledged;
        const QString uploadId = queue.job(bigId)->uploadId;
        // Nothing moves while paused: by the time the sandbox has answered everything sent before
        // now (the chunk in flight was aborted; one sent after the pause would show as progress),
        // no byte went out and none was acknowledged.
        QVERIFY(m_sandbox.waitForEarlierAnswers(u"fixedcloud"_s));
        QCoreApplication::processEvents();
        QCOMPARE(queue.job(bigId)->bytesAcknowledged, acknowledged);
        QCOMPARE(queue.job(bigId)->state, UploadState::Paused);
        for (const QList<QVariant> &progress : std::as_const(progressWhilePaused))
            QVERIFY2(progress.at(0).toLongLong() != bigId, "the paused upload sent bytes");

        qint64 firstProgress = -1;
        connect(&queue, &UploadQueue::jobProgress, this, [&](qint64 id, qint64 sent) {
            if (id == bigId && firstProgress < 0)
                firstProgress = sent;
        });
        setFaults(0, {{u"latency_ms"_s, u"0"_s}});
        queue.resume(bigId);
        QVERIFY(runUntilIdle(queue));
        QCOMPARE(queue.job(bigId)->state, UploadState::Done);
        QCOMPARE(queue.job(bigId)->uploadId, uploadId);
        QVERIFY2(firstProgress >= acknowledged, "the resumed upload started over");
        const QList<Resource> stored = withEtag(0, fileMd5(big));
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().bytes, qint64(12'000'000));
        QVERIFY(withEtag(0, fileMd5(other)).isEmpty());

        // Retry brings the cancelled one back.
        queue.retry(otherId);
        QVERIFY(runUntilIdle(queue));
        QCOMPARE(queue.job(otherId)->state, UploadState::Done);
    }

    void clearFinalErrors()
    {
        const QString file = m_dir.filePath(u"errors/ok.bin"_s);
        stratus::test::writeRandomFile(file, 1000);
        auto journal = newJournal();
        ApiContext wrongSecret = m_sandbox.context(0);
        wrongSecret.secret = std::make_shared<FixedSecret>(u"not-the-secret"_s);
        UploadQueue queue(wrongSecret, journal.get());
        QVERIFY(queue.enqueue({file, m_dir.filePath(u"errors/missing.bin"_s)}, {}));
        QVERIFY(runUntilIdle(queue));
        const UploadEntry *refused = queue.job(queue.jobIds().at(0));
        const UploadEntry *missing = queue.job(queue.jobIds().at(1));
        QCOMPARE(refused->state, UploadState::Failed);
        QVERIFY(refused->error);
        QCOMPARE(refused->error->kind, Error::Kind::Auth);
        QCOMPARE(refused->error->httpStatus, 401);
        QCOMPARE(refused->attempts, 1); // not retried
        QCOMPARE(missing->state, UploadState::Failed);
        QVERIFY(missing->error);
        QCOMPARE(missing->error->reason, ErrorReason::NoSuchFile);
        QCOMPARE(missing->error->subject, m_dir.filePath(u"errors/missing.bin"_s));
    }

    void faultsLoseAndDuplicateNothing()
    {
        QStringList files;
        for (int i = 0; i < 60; ++i) {
            files.append(m_dir.filePath(u"faults/f%1.bin"_s.arg(i)));
            stratus::test::writeRandomFile(files.last(), 2000 + i * 100);
        }
        for (int i = 0; i < 2; ++i) {
            files.append(m_dir.filePath(u"faults/chunked%1.bin"_s.arg(i)));
            stratus::test::writeRandomFile(files.last(), 6'000'000 + i * 12345);
        }
        auto journal = newJournal();
        UploadQueue queue(m_sandbox.context(1), journal.get());
        UploadQueueSettings settings = fastSettings();
        settings.chunkThreshold = 2'000'000;
        settings.chunkSize = 1'000'000;
        queue.setSettings(settings);
        queue.setFolderMode(FolderMode::Dynamic);
        QSignalSpy retries(&queue, &UploadQueue::jobRetrying);

        // A rate-limit storm first (until every upload running at once was refused and rescheduled
        // at least once), then 10 % 5xx and 10 % dropped connections for the rest.
        setFaults(1, {{u"force_420"_s, u"true"_s}});
        UploadBatchOptions options;
        options.folder = u"faults"_s;
        QVERIFY(queue.enqueue(files, options));
        QTRY_VERIFY_WITH_TIMEOUT(retries.size() >= 2 * settings.concurrency, 30000);
        for (const QList<QVariant> &retry : std::as_const(retries))
            QCOMPARE(retry.at(3).value<Error>().kind, Error::Kind::RateLimited);
        setFaults(1, {{u"force_420"_s, u"false"_s}, {u"error_rate"_s, u"0.1"_s}, {u"drop_rate"_s, u"0.1"_s}});
        const bool idle = runUntilIdle(queue, 240000);
        setFaults(1, {{u"error_rate"_s, u"0"_s}, {u"drop_rate"_s, u"0"_s}});
        QVERIFY(idle);
        QCOMPARE(queue.totals().failed, 0);
        QCOMPARE(queue.totals().done, int(files.size()));
        QVERIFY(retries.size() > 0);

        // Every file exactly once, with its bytes.
        const QList<Resource> stored = assets(1, u"asset_folder=faults"_s);
        QMap<QString, int> byEtag;
        for (const Resource &r : stored)
            ++byEtag[r.etag];
        for (const QString &md5 : md5sOf(files))
            QCOMPARE(byEtag.value(md5), 1);
        QCOMPARE(stored.size(), files.size());
    }

    void journalResumesAfterTheQueueIsGone()
    {
        const QString big = m_dir.filePath(u"resume/big.bin"_s);
        stratus::test::writeRandomFile(big, 10'000'000);
        const QString small = m_dir.filePath(u"resume/small.bin"_s);
        stratus::test::writeRandomFile(small, 5000);
        auto journal = newJournal();
        UploadQueueSettings settings = fastSettings();
        settings.chunkThreshold = 1'000'000;
        settings.chunkSize = 1'000'000;
        setFaults(0, {{u"latency_ms"_s, u"100"_s}});

        qint64 acknowledged = 0;
        QString uploadId;
        qint64 bigId = 0;
        {
            auto queue = std::make_unique<UploadQueue>(m_sandbox.context(0), journal.get());
            queue->setSettings(settings);
            QVERIFY(queue->enqueue({big, small}, {}));
            bigId = queue->jobIds().at(0);
            QTRY_VERIFY_WITH_TIMEOUT(queue->job(bigId)->bytesAcknowledged >= 3'000'000, 30000);
            queue.reset(); // mid-transfer, as a crash would (nothing is written on the way out)
        }
        {
            auto entries = journal->batch(1);
            QVERIFY(entries);
        }
        setFaults(0, {{u"latency_ms"_s, u"0"_s}});

        // A journal opened afresh, as by a new process.
        const QString path = journal->filePath();
        journal.reset();
        auto reopened = UploadJournal::open(path);
        QVERIFY(reopened);
        journal = std::move(reopened).value();
        auto unfinishedBefore = journal->allEntries();
        QVERIFY(unfinishedBefore);
        for (const UploadEntry &e : *unfinishedBefore) {
            if (e.id == bigId) {
                acknowledged = e.bytesAcknowledged;
                uploadId = e.uploadId;
                QCOMPARE(e.state, UploadState::Running);
            }
        }
        QVERIFY(acknowledged >= 3'000'000);
        QVERIFY(!uploadId.isEmpty());

        UploadQueue queue(m_sandbox.context(0), journal.get());
        queue.setSettings(settings);
        qint64 firstProgress = -1;
        connect(&queue, &UploadQueue::jobProgress, this, [&](qint64 id, qint64 sent) {
            if (id == bigId && firstProgress < 0)
                firstProgress = sent;
        });
        auto resumed = queue.resumeFromJournal();
        QVERIFY(resumed);
        QVERIFY(*resumed >= 1);
        QVERIFY(runUntilIdle(queue));
        QCOMPARE(queue.job(bigId)->state, UploadState::Done);
        QCOMPARE(queue.job(bigId)->uploadId, uploadId);
        QVERIFY2(firstProgress >= acknowledged, "the resumed upload started over");
        for (const QString &file : {big, small})
            QCOMPARE(withEtag(0, fileMd5(file)).size(), 1);

        // Nothing left: a second resume finds no work, and done files are never sent again.
        UploadQueue again(m_sandbox.context(0), journal.get());
        auto none = again.resumeFromJournal();
        QVERIFY(none);
        QCOMPARE(*none, 0);
    }

    // The large file: 1.5 GB in 20 MB chunks (labelled "slow" in ctest; see
    // tests/integration/CMakeLists.txt). A sparse file with a pattern every 64 MiB: the bytes are
    // cheap to make, the transfer is real.
    void largeChunkedFile()
    {
        if (qEnvironmentVariableIsSet("STRATUS_SKIP_LARGE_UPLOAD"))
            QSKIP("run by the tst_upload_queue_large ctest entry");
        const qint64 size = 1'500'000'000;
        const QString path = m_dir.filePath(u"large/large.bin"_s);
        QDir().mkpath(QFileInfo(path).absolutePath());
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QVERIFY(file.resize(size));
            for (qint64 at = 0; at < size; at += 64 << 20) {
                QVERIFY(file.seek(at));
                file.write(QByteArray::number(at).repeated(100));
            }
        }
        const QString md5 = fileMd5(path);
        auto journal = newJournal();
        UploadQueue queue(m_sandbox.context(0), journal.get());
        QElapsedTimer clock;
        clock.start();
        QVERIFY(queue.enqueue({path}, {}));
        const qint64 id = queue.jobIds().constFirst();
        QVERIFY(queue.job(id)->chunked);
        QVERIFY(runUntilIdle(queue, 600000));
        qInfo("1.5 GB uploaded in %.1f s", double(clock.elapsed()) / 1000.0);
        QCOMPARE(queue.job(id)->state, UploadState::Done);
        const QList<Resource> stored = withEtag(0, md5);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().bytes, size);
        QFile::remove(path);
    }
};

QTEST_GUILESS_MAIN(TestUploadQueue)
#include "tst_upload_queue.moc"
