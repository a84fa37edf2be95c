// Issue 6's "done when", with the real app: `stratus FILES…` uploads a folder of pictures and a
// large file to the Local sandbox; the app is killed (SIGKILL) in the middle of the large file;
// started again, it takes the transfer up where it stopped; afterwards every file is on the
// sandbox exactly once with the right bytes (etag = MD5), and the large one used one upload id.
//
// HOME and XDG_* point at a temporary directory for this process and the app it starts, so the
// app's accounts, Local sandbox, journal and catalogue are all in there.

#include "app/localsandbox.h"
#include "core/accounts/accountstore.h"
#include "core/accounts/apicontextfor.h"
#include "core/api/searchapi.h"
#include "core/transfers/filehash.h"
#include "core/transfers/uploadjournal.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace stratus;
using core::transfers::UploadEntry;
using core::transfers::UploadState;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kLargeBytes = 260LL * 1000 * 1000; // over the 100 MB threshold: 13 chunks of 20 MB

bool writePattern(const QString &path, qint64 bytes, quint32 seed)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QByteArray block(1 << 20, Qt::Uninitialized);
    quint32 x = seed;
    for (qint64 written = 0; written < bytes;) {
        for (int i = 0; i < block.size(); i += 4) {
            x = x * 1664525u + 1013904223u;
            std::memcpy(block.data() + i, &x, 4);
        }
        const qint64 n = std::min<qint64>(block.size(), bytes - written);
        if (file.write(block.constData(), n) != n)
            return false;
        written += n;
    }
    return true;
}

/// Every entry of the journals of the app's environments (there is one), where the app keeps them:
/// HOME and XDG_* are this test's, so the standard layout is the temporary one.
QList<UploadEntry> journalEntries()
{
    const core::StorageLayout layout = core::StorageLayout::standard();
    core::AccountStore store(std::make_shared<core::MemorySecretStore>(), layout);
    if (!store.load())
        return {};
    QList<UploadEntry> entries;
    for (const core::EnvironmentRecord &env : store.environments()) {
        const QString path = layout.uploadJournalFile(env.id);
        if (!QFile::exists(path))
            continue;
        auto journal = core::transfers::UploadJournal::open(path);
        if (!journal)
            continue;
        if (auto all = journal.value()->allEntries())
            entries << all.value();
    }
    return entries;
}

} // namespace

class TestUploadResume : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_files;

    QProcess *startApp(const QStringList &arguments)
    {
        auto *app = new QProcess(this);
        app->setProgram(QStringLiteral(STRATUS_APP_PATH));
        app->setArguments(arguments);
        app->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app->setStandardOutputFile(QProcess::nullDevice());
        app->start();
        return app;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        for (const auto &[name, sub] : {std::pair {"HOME", "home"},
                                        {"XDG_CONFIG_HOME", "config"},
                                        {"XDG_DATA_HOME", "data"},
                                        {"XDG_CACHE_HOME", "cache"}}) {
            const QString dir = m_home.filePath(QString::fromLatin1(sub));
            QVERIFY(QDir().mkpath(dir));
            qputenv(name, QFile::encodeName(dir));
        }
        qputenv("QT_QPA_PLATFORM", "offscreen");
        // Files given on the command line would first ask for upload options (issue 13, point
        // 10); this test is about the upload itself, so the preference that skips the question
        // is set, as a user who turned it off would have it.
        {
            QSettings preferences(m_home.filePath(u"config/Stratus/Stratus.conf"_s), QSettings::IniFormat);
            preferences.setValue(u"transfers/askBeforeUploadingGivenFiles"_s, false);
            preferences.sync();
            QCOMPARE(preferences.status(), QSettings::NoError);
        }
        m_files = m_home.filePath(u"files"_s);
        for (int i = 0; i < 6; ++i)
            QVERIFY(writePattern(m_files + u"/holiday/photo_%1.jpg"_s.arg(i), 150'000 + i * 1000,
                                 quint32(i + 1)));
        QVERIFY(writePattern(m_files + u"/holiday/video/clip.mp4"_s, kLargeBytes, 77));
    }

    void killedMidTransferAndResumed()
    {
        // First run: upload the folder; kill -9 once the large file has acknowledged chunks.
        QProcess *first = startApp({m_files + u"/holiday"_s});
        QVERIFY(first->waitForStarted());
        const auto largeEntry = [] {
            for (const UploadEntry &entry : journalEntries()) {
                if (entry.filePath.endsWith(u"clip.mp4"_s))
                    return entry;
            }
            return UploadEntry {};
        };
        QTRY_VERIFY_WITH_TIMEOUT(largeEntry().bytesAcknowledged >= 20'000'000, 180000);
        const UploadEntry beforeKill = largeEntry();
        QVERIFY2(beforeKill.bytesAcknowledged < kLargeBytes,
                 "the large file finished before it could be killed");
        ::kill(pid_t(first->processId()), SIGKILL);
        QVERIFY(first->waitForFinished(10000));
        QVERIFY(!beforeKill.uploadId.isEmpty());

        // Second run, no arguments: the session resumes the journal's unfinished files.
        QProcess *second = startApp({});
        QVERIFY(second->waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            [] {
                const QList<UploadEntry> entries = journalEntries();
                return entries.size() == 7
                    && std::all_of(entries.cbegin(), entries.cend(),
                                   [](const UploadEntry &e) { return e.state == UploadState::Done; });
            }(),
            240000);
        const UploadEntry afterResume = largeEntry();
        QCOMPARE(afterResume.uploadId, beforeKill.uploadId); // the same upload, continued
        second->terminate();
        QVERIFY(second->waitForFinished(20000));

        // The Local sandbox, started here on the same data: every file exactly once, right bytes.
        QNetworkAccessManager network;
        core::AccountStore store(std::make_shared<core::MemorySecretStore>(),
                                 core::StorageLayout::standard());
        QVERIFY(store.load().ok());
        app::LocalSandbox sandbox(&store, store.layout().localSandboxDirectory(), 120);
        QSignalSpy ready(&sandbox, &app::LocalSandbox::ready);
        sandbox.start();
        QVERIFY(ready.wait(120000));
        const QString envId = store.currentEnvironmentId();
        auto context = core::apiContextFor(store.effectiveUrl(envId), store.secretSource(envId), &network);
        QVERIFY(context);
        core::SearchApi search(context.value());
        core::SearchQuery query;
        query.maxResults = 500;
        auto *call = search.search(query, this);
        QSignalSpy finished(call, &core::Job::finished);
        call->start();
        QVERIFY(finished.wait(30000));
        QVERIFY2(call->result(), call->result() ? "" : qPrintable(call->result().error().message));
        QMultiHash<QString, qint64> byEtag;
        for (const auto &resource : call->result()->resources)
            byEtag.insert(resource.raw.value(u"etag"_s).toString(),
                          qint64(resource.raw.value(u"bytes"_s).toDouble()));
        QDirIterator it(m_files, QDir::Files, QDirIterator::Subdirectories);
        int checked = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            const QString md5 = core::transfers::fileMd5(path);
            QVERIFY2(byEtag.count(md5) == 1,
                     qPrintable(u"%1 is on the sandbox %2 times"_s.arg(path).arg(byEtag.count(md5))));
            QCOMPARE(byEtag.value(md5), QFileInfo(path).size());
            ++checked;
        }
        QCOMPARE(checked, 7);
    }
};

QTEST_MAIN(TestUploadResume)
#include "tst_uploadresume.moc"
