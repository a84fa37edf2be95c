// The stratus-cli upload contract, run as processes against a real stratus-sandbox: usage errors,
// exit statuses, --json, a folder tree, a failing path, and SIGKILL several times in the middle of
// a transfer (a 300 MB chunked file among small ones) followed by `upload --resume` until done:
// every file on the sandbox exactly once, with etag = MD5, the chunked one resumed under one
// X-Unique-Upload-Id.

#include "../integration/randomfile.h"
#include "../integration/sandboxprocess.h"
#include "clisandbox.h"

#include "core/transfers/filehash.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

using Run = ::test::CliRun;

} // namespace

class TestCliUpload : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    stratus::test::SandboxProcess m_sandbox;
    QString m_url;

    QProcessEnvironment environment() const
    {
        return ::test::cliEnvironment(m_dir.filePath(u"data"_s), m_dir.filePath(u"config"_s), m_url);
    }

    Run cli(const QStringList &args, int timeoutMs = 300000)
    {
        return ::test::runProcess(QStringLiteral(STRATUS_CLI_PATH), args, environment(), {}, timeoutMs);
    }

    // stratus-cli as a user that file permissions apply to: as root (CI) it runs as `nobody`
    // through setpriv, from a copy every user may execute, with its own home.
    Run cliAsUser(const QStringList &args, const QString &scratch)
    {
        QProcessEnvironment env = environment();
        QString program = QStringLiteral(STRATUS_CLI_PATH);
        QStringList arguments = args;
        if (::geteuid() == 0) {
            const QString home = scratch + u"/nobody-home"_s;
            QDir().mkpath(home);
            for (const QString &dir : QStringList {m_dir.path(), scratch})
                ::chmod(QFile::encodeName(dir).constData(), 0755);
            ::chmod(QFile::encodeName(home).constData(), 0777);
            const QString copy = home + u"/stratus-cli"_s;
            if (!QFileInfo::exists(copy))
                QFile::copy(program, copy);
            ::chmod(QFile::encodeName(copy).constData(), 0755);
            for (const QString &name :
                 QStringList {u"HOME"_s, u"XDG_DATA_HOME"_s, u"XDG_CONFIG_HOME"_s, u"XDG_CACHE_HOME"_s})
                env.insert(name, home);
            env.remove(u"XDG_RUNTIME_DIR"_s);
            env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
            arguments
                = QStringList {u"--reuid=65534"_s, u"--regid=65534"_s, u"--clear-groups"_s, copy} + args;
            program = u"setpriv"_s;
        }
        return ::test::runProcess(program, arguments, env);
    }

    // Every asset on the sandbox (Search API, Basic auth k1:s1).
    QList<QJsonObject> sandboxAssets()
    {
        const auto answer = m_sandbox.raw("POST", u"/v1_1/shop/resources/search"_s,
                                          {{"Authorization", "Basic " + QByteArray("k1:s1").toBase64()},
                                           {"Content-Type", "application/json"}},
                                          R"({"max_results":500})");
        QList<QJsonObject> assets;
        for (const QJsonValue &value :
             QJsonDocument::fromJson(answer.body).object().value(u"resources"_s).toArray())
            assets.append(value.toObject());
        return assets;
    }

    // The upload ids of the journal's chunked jobs; *partway: whether one of them stands between
    // its first and its last chunk.
    QStringList journalUploadIds(bool *partway = nullptr)
    {
        QStringList ids;
        const QString name = u"journal-check"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            QDir uploads(m_dir.filePath(u"data/Stratus/uploads"_s));
            const QStringList envs = uploads.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
            db.setDatabaseName(uploads.filePath(envs.value(0) + u"/journal.sqlite"_s));
            if (db.open()) {
                QSqlQuery query(u"SELECT upload_id, bytes_acknowledged, file_size, state FROM jobs"
                                u" WHERE chunked = 1 AND upload_id != ''"_s,
                                db);
                while (query.next()) {
                    ids.append(query.value(0).toString());
                    const qint64 acknowledged = query.value(1).toLongLong();
                    if (partway && acknowledged > 0 && acknowledged < query.value(2).toLongLong()
                        && query.value(3).toString() == u"running"_s)
                        *partway = true;
                }
            }
        }
        QSqlDatabase::removeDatabase(name);
        return ids;
    }

    // The bytes the journal records as acknowledged for the chunked file; -1 before it has a row.
    qint64 chunkedAcknowledged()
    {
        const QDir uploads(m_dir.filePath(u"data/Stratus/uploads"_s));
        const QStringList envs = uploads.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        const QString file = uploads.filePath(envs.value(0) + u"/journal.sqlite"_s);
        if (envs.isEmpty() || !QFileInfo::exists(file))
            return -1;
        qint64 acknowledged = -1;
        const QString name = u"journal-progress"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(file);
            if (db.open()) {
                QSqlQuery query(u"SELECT bytes_acknowledged FROM jobs WHERE chunked = 1"_s, db);
                if (query.next())
                    acknowledged = query.value(0).toLongLong();
            }
        }
        QSqlDatabase::removeDatabase(name);
        return acknowledged;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start({u"--data"_s, m_dir.filePath(u"sandbox"_s), u"--environment"_s,
                                  u"cloudinary://k1:s1@shop?folder_mode=fixed&admin_rate_limit=5000"_s},
                                 1, false, &error),
                 qPrintable(error));
        m_url = m_sandbox.cloudinaryUrls().constFirst();
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no path") << QStringList {u"upload"_s};
        QTest::newRow("resume with a path") << QStringList {u"upload"_s, u"--resume"_s, u"x"_s};
        QTest::newRow("bad concurrency") << QStringList {u"upload"_s, u"x"_s, u"--concurrency"_s, u"0"_s};
        QTest::newRow("bad policy") << QStringList {u"upload"_s, u"x"_s, u"--duplicates"_s, u"maybe"_s};
        QTest::newRow("unknown option") << QStringList {u"upload"_s, u"x"_s, u"--fast"_s};
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        const Run run = cli(args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.startsWith("stratus-cli upload: "), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
    }

    void help()
    {
        const Run run = cli({u"upload"_s, u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        for (const char *word :
             {"--resume", "--concurrency", "--folder", "--preset", "--tags", "--json", "--env"})
            QVERIFY2(run.out.contains(word), word);
        QVERIFY(cli({u"--help"_s}).out.contains("upload"));
    }

    void folderTreeWithJson()
    {
        const QString root = m_dir.filePath(u"tree/photos"_s);
        stratus::test::writeRandomFile(root + u"/a.bin"_s, 3000);
        stratus::test::writeRandomFile(root + u"/2024/b.bin"_s, 4000);
        const Run run = cli({u"upload"_s, root, u"--folder"_s, u"cli"_s, u"--tags"_s, u"one,two"_s,
                             u"--json"_s, u"--use-filename"_s, u"--unique-filename"_s, u"false"_s});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject summary = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(summary.value(u"uploaded"_s).toInt(), 2);
        QCOMPARE(summary.value(u"failed"_s).toInt(), 0);
        QStringList publicIds;
        for (const QJsonValue &file : summary.value(u"files"_s).toArray()) {
            QCOMPARE(file.toObject().value(u"state"_s).toString(), u"done"_s);
            publicIds.append(file.toObject().value(u"public_id"_s).toString());
        }
        publicIds.sort();
        QCOMPARE(publicIds, (QStringList {u"cli/photos/2024/b.bin"_s, u"cli/photos/a.bin"_s}));
        int tagged = 0;
        for (const QJsonObject &asset : sandboxAssets())
            tagged += asset.value(u"public_id"_s).toString().startsWith(u"cli/photos/"_s) ? 1 : 0;
        QCOMPARE(tagged, 2);
    }

    void aMissingFileFailsTheRun()
    {
        const QString file = m_dir.filePath(u"partial/ok.bin"_s);
        stratus::test::writeRandomFile(file, 2000);
        const Run run = cli({u"upload"_s, file, m_dir.filePath(u"partial/missing.bin"_s)});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QByteArray("uploaded " + file.toUtf8())), run.out.constData());
        QVERIFY2(run.out.contains("FAILED"), run.out.constData());
        QVERIFY2(run.out.contains("1 uploaded, 0 already there, 1 failed"), run.out.constData());
    }

    // Issue 11, items 1 and 5: every file that cannot be sent is a failed file with its reason, and
    // the exit status says so; nothing found under a folder is dropped without a word.
    void nothingIsSkippedSilently()
    {
        const QString scratch = m_dir.filePath(u"silent"_s);
        const QString root = scratch + u"/mixed"_s;
        stratus::test::writeRandomFile(root + u"/good.bin"_s, 1500);
        stratus::test::writeRandomFile(root + u"/sub/deep.bin"_s, 1600);
        stratus::test::writeRandomFile(root + u"/locked/inside.bin"_s, 1700);
        stratus::test::writeRandomFile(root + u"/secret.bin"_s, 1800);
        stratus::test::writeRandomFile(root + u"/.hidden.bin"_s, 1900);
        stratus::test::writeRandomFile(scratch + u"/elsewhere/linked.bin"_s, 2000);
        QFile(root + u"/empty.bin"_s).open(QIODevice::WriteOnly);
        const QByteArray encodedRoot = QFile::encodeName(root);
        const int bad
            = ::open(QByteArray(encodedRoot + "/bad-\xff-name.bin").constData(), O_CREAT | O_WRONLY, 0644);
        QVERIFY(bad >= 0);
        QCOMPARE(::write(bad, "bytes", 5), ssize_t(5));
        ::close(bad);
        QCOMPARE(::mkfifo(QByteArray(encodedRoot + "/pipe").constData(), 0644), 0);
        QLocalServer socket;
        QVERIFY(socket.listen(root + u"/socket"_s));
        QVERIFY(QFile::link(scratch + u"/elsewhere"_s, root + u"/folder-link"_s));
        QVERIFY(QFile::link(root + u"/nowhere.bin"_s, root + u"/broken-link"_s));
        for (const QString &dir : QStringList {scratch, root, root + u"/sub"_s})
            ::chmod(QFile::encodeName(dir).constData(), 0755);
        QVERIFY(QFile::setPermissions(root + u"/good.bin"_s, QFile::ReadOwner | QFile::ReadOther));
        QVERIFY(QFile::setPermissions(root + u"/sub/deep.bin"_s, QFile::ReadOwner | QFile::ReadOther));
        QVERIFY(QFile::setPermissions(root + u"/secret.bin"_s, QFile::WriteOwner));
        QVERIFY(QFile::setPermissions(root + u"/locked"_s, QFile::WriteOwner));

        const Run run = cliAsUser({u"upload"_s, root, u"/proc/self/status"_s, u"/dev/null"_s, u"--json"_s,
                                   u"--folder"_s, u"silent"_s},
                                  scratch);
        QFile::setPermissions(root + u"/locked"_s, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QFile::setPermissions(root + u"/secret.bin"_s, QFile::ReadOwner | QFile::WriteOwner);
        QCOMPARE(run.exitCode, 1);
        const QJsonObject summary = QJsonDocument::fromJson(run.out).object();
        QVERIFY2(!summary.isEmpty(), run.out.constData());
        QCOMPARE(summary.value(u"uploaded"_s).toInt(), 2);

        QMap<QString, QString> failed; // file name -> reason
        for (const QJsonValue &value : summary.value(u"files"_s).toArray()) {
            const QJsonObject file = value.toObject();
            if (file.value(u"state"_s).toString() == u"failed"_s)
                failed.insert(QFileInfo(file.value(u"path"_s).toString()).fileName(),
                              file.value(u"error"_s).toString());
        }
        const QList<std::pair<QString, QString>> expected {
            {u"secret.bin"_s, u"cannot be read"_s},
            {u"locked"_s, u"cannot be read"_s},
            {u"empty.bin"_s, u"empty"_s},
            {u"pipe"_s, u"not a regular file"_s},
            {u"socket"_s, u"not a regular file"_s},
            {u"broken-link"_s, u"does not exist"_s},
            {u"status"_s, u"only known by reading it"_s},
            {u"null"_s, u"not a regular file"_s},
            {u"bad-\uFFFD-name.bin"_s, u"not valid UTF-8"_s},
        };
        for (const auto &[name, reason] : expected) {
            QVERIFY2(failed.contains(name),
                     qPrintable(name + u" is not a failed file: "_s + QString::fromUtf8(run.out)));
            QVERIFY2(failed.value(name).contains(reason, Qt::CaseInsensitive),
                     qPrintable(failed.value(name)));
        }
        QCOMPARE(summary.value(u"failed"_s).toInt(), int(expected.size()));

        QStringList leftOut;
        for (const QJsonValue &value : summary.value(u"left_out"_s).toArray())
            leftOut.append(QFileInfo(value.toObject().value(u"path"_s).toString()).fileName());
        leftOut.sort();
        QCOMPARE(leftOut, (QStringList {u".hidden.bin"_s, u"folder-link"_s}));
    }

    // Issue 11, item 7: nothing to send ends at once instead of waiting forever.
    void nothingToUploadEnds_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("said");
        QTest::newRow("empty folder") << u"empty"_s << 0 << QByteArray("nothing to upload");
        QTest::newRow("only links to folders") << u"links"_s << 0 << QByteArray("nothing to upload");
        QTest::newRow("/dev/null") << u"/dev/null"_s << 1 << QByteArray("not a regular file");
        QTest::newRow("fifo") << u"fifo"_s << 1 << QByteArray("not a regular file");
        QTest::newRow("socket") << u"socket"_s << 1 << QByteArray("not a regular file");
    }

    void nothingToUploadEnds()
    {
        QFETCH(QString, kind);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, said);
        const QString base = m_dir.filePath(u"nothing/"_s + QString::fromLatin1(QTest::currentDataTag()));
        QVERIFY(QDir().mkpath(base));
        QString path = base;
        QLocalServer socket;
        if (kind == u"links") {
            QVERIFY(QDir().mkpath(m_dir.filePath(u"nothing/target"_s)));
            QVERIFY(QFile::link(m_dir.filePath(u"nothing/target"_s), base + u"/one"_s));
            QVERIFY(QFile::link(m_dir.filePath(u"nothing/target"_s), base + u"/two"_s));
        } else if (kind == u"fifo") {
            path = base + u"/pipe"_s;
            QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0644), 0);
        } else if (kind == u"socket") {
            path = base + u"/socket"_s;
            QVERIFY(socket.listen(path));
        } else if (kind.startsWith(u'/')) {
            path = kind;
        }
        const Run run = cli({u"upload"_s, path}, 60000);
        QVERIFY2(run.exitCode != -1, "stratus-cli upload did not end within a minute");
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.out.contains(said), run.out.constData());
    }

    void surviveSigkillAndResume()
    {
        QStringList files;
        const QString big = m_dir.filePath(u"kill/big.bin"_s);
        stratus::test::writeRandomFile(big, 300'000'000);
        files.append(big);
        for (int i = 0; i < 24; ++i) {
            files.append(m_dir.filePath(u"kill/small%1.bin"_s.arg(i)));
            stratus::test::writeRandomFile(files.last(), 100'000 + i);
        }
        const QStringList tuning {u"--chunk-size"_s, u"5000000"_s,  u"--chunk-threshold"_s,
                                  u"10000000"_s,     u"--folder"_s, u"killed"_s};

        int kills = 0;
        bool killedPartway = false;
        QStringList uploadIds;
        for (int round = 0; round < 3; ++round) {
            QProcess process;
            process.setProcessEnvironment(environment());
            process.start(QStringLiteral(STRATUS_CLI_PATH),
                          round == 0 ? QStringList {u"upload"_s} + files + tuning
                                     : QStringList {u"upload"_s, u"--resume"_s});
            QVERIFY(process.waitForStarted());
            // Each run is killed in the middle of the large file: as soon as the journal shows that
            // this run had one more of its chunks acknowledged (the next one is then on its way),
            // the file not yet complete.
            const qint64 before = std::max<qint64>(0, chunkedAcknowledged());
            [[maybe_unused]] const bool partway = QTest::qWaitFor(
                [&] {
                    if (process.state() != QProcess::Running)
                        return true;
                    const qint64 now = chunkedAcknowledged();
                    return now > before && now < QFileInfo(big).size();
                },
                120000);
            if (process.state() == QProcess::Running) {
                ::kill(pid_t(process.processId()), SIGKILL);
                ++kills;
            }
            QVERIFY(process.waitForFinished(10000));
            uploadIds += journalUploadIds(&killedPartway);
        }
        QVERIFY2(kills >= 2, QByteArray::number(kills));
        QVERIFY2(killedPartway, "no kill hit the large file between two chunks");

        Run last;
        for (int attempt = 0; attempt < 5 && last.exitCode != 0; ++attempt)
            last = cli({u"upload"_s, u"--resume"_s});
        QVERIFY2(last.exitCode == 0, last.err.constData());
        uploadIds += journalUploadIds();
        uploadIds.removeDuplicates();
        QCOMPARE(uploadIds.size(), 1); // the large file kept one X-Unique-Upload-Id throughout

        // Every file exactly once, with its bytes.
        QMap<QString, int> byEtag;
        for (const QJsonObject &asset : sandboxAssets()) {
            if (asset.value(u"public_id"_s).toString().startsWith(u"killed/"_s))
                ++byEtag[asset.value(u"etag"_s).toString()];
        }
        for (const QString &file : std::as_const(files))
            QCOMPARE(byEtag.value(stratus::core::transfers::fileMd5(file)), 1);
        int total = 0;
        for (int count : std::as_const(byEtag))
            total += count;
        QCOMPARE(total, int(files.size()));

        // Nothing left to resume.
        const Run again = cli({u"upload"_s, u"--resume"_s});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.contains("nothing to resume"));
    }
};

QTEST_GUILESS_MAIN(TestCliUpload)
#include "tst_cli_upload.moc"
