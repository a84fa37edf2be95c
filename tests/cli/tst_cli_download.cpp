// The stratus-cli download contract, run as a process against a real stratus-sandbox: originals by
// public id (arguments and --stdin) into a folder, a private asset through a signed URL, --json,
// names that are taken, and the failures: an asset the catalogue does not have (exit 1), one the
// server no longer has (exit 1, the others saved, the failure worded with its public id), bad
// input (exit 2, nothing fetched).

#include "../integration/sandboxprocess.h"
#include "clisandbox.h"

#include "core/api/uploadapi.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus;
using namespace Qt::StringLiterals;

namespace {

using Run = ::test::CliRun;

} // namespace

class TestCliDownload : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    stratus::test::SandboxProcess m_sandbox;
    QString m_url;
    QHash<QString, QByteArray> m_originals; ///< public id → the bytes uploaded

    Run cli(const QStringList &args, const QByteArray &input = {})
    {
        return ::test::runProcess(
            QStringLiteral(STRATUS_CLI_PATH), args,
            ::test::cliEnvironment(m_dir.filePath(u"data"_s), m_dir.filePath(u"config"_s), m_url), input);
    }

    void upload(const QString &publicId, const QString &type, const QColor &colour)
    {
        const QString file = m_dir.filePath(QString(publicId).replace(u'/', u'_') + u".png"_s);
        QImage image(40, 30, QImage::Format_RGB32);
        image.fill(colour);
        QVERIFY(image.save(file));
        core::UploadOptions options;
        options.type = type;
        options.publicId = publicId;
        core::UploadApi api(m_sandbox.context(0));
        auto *job = api.upload(file, options, this);
        QVERIFY(stratus::test::runToEnd(job));
        QVERIFY2(job->result(), qPrintable(job->result() ? QString() : job->result().error().message));
        QFile bytes(file);
        QVERIFY(bytes.open(QIODevice::ReadOnly));
        m_originals.insert(publicId, bytes.readAll());
    }

    QString target(const QString &name)
    {
        const QString path = m_dir.filePath(u"out/"_s + name);
        QDir().mkpath(path);
        return path;
    }

    QByteArray saved(const QString &dir, const QString &name)
    {
        QFile file(QDir(dir).filePath(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_sandbox.start({u"--data"_s, m_dir.filePath(u"sandbox"_s)}, 1, false, &error),
                 qPrintable(error));
        m_url = m_sandbox.cloudinaryUrls().constFirst();
        upload(u"pets/cat"_s, u"upload"_s, Qt::red);
        upload(u"pets/dog"_s, u"upload"_s, Qt::green);
        upload(u"vault/secret-plan"_s, u"private"_s, Qt::blue);
        upload(u"gone/soon"_s, u"upload"_s, Qt::yellow);
        const Run synced = cli({u"sync"_s, u"--full"_s});
        QVERIFY2(synced.exitCode == 0, synced.err.constData());
    }
    void cleanupTestCase() { m_sandbox.stop(); }

    void downloadsByArgumentAndStdin()
    {
        const QString dir = target(u"plain"_s);
        const Run run = cli({u"download"_s, u"pets/cat"_s, u"--stdin"_s, u"--to"_s, dir}, "pets/dog\n\n");
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(saved(dir, u"cat.png"_s), m_originals.value(u"pets/cat"_s));
        QCOMPARE(saved(dir, u"dog.png"_s), m_originals.value(u"pets/dog"_s));
        QVERIFY2(run.out.contains("downloaded pets/cat -> "), run.out.constData());
        QCOMPARE(run.out.count('\n'), 2);
    }

    void privateAssetThroughASignedUrl()
    {
        const QString dir = target(u"private"_s);
        const Run run = cli({u"download"_s, u"vault/secret-plan"_s, u"--to"_s, dir, u"--json"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(saved(dir, u"secret-plan.png"_s), m_originals.value(u"vault/secret-plan"_s));
        const QJsonObject answer = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(answer.value(u"files"_s).toArray().size(), 1);
        QCOMPARE(answer.value(u"files"_s).toArray().at(0).toObject().value(u"public_id"_s).toString(),
                 u"vault/secret-plan"_s);
        QVERIFY(answer.value(u"failed"_s).toArray().isEmpty());
    }

    void takenNamesAreNotOverwritten()
    {
        const QString dir = target(u"taken"_s);
        QFile mine(QDir(dir).filePath(u"cat.png"_s));
        QVERIFY(mine.open(QIODevice::WriteOnly));
        mine.write("mine");
        mine.close();
        const Run run = cli({u"download"_s, u"pets/cat"_s, u"--to"_s, dir});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(saved(dir, u"cat.png"_s), QByteArray("mine"));
        QCOMPARE(saved(dir, u"cat (2).png"_s), m_originals.value(u"pets/cat"_s));
    }

    void assetTheServerNoLongerHas()
    {
        // Deleted on the server after the sync: the catalogue still names it.
        const auto url = core::CloudinaryUrl::parse(m_url).value();
        const QByteArray auth = "Basic " + (url.apiKey() + u':' + url.apiSecret()).toUtf8().toBase64();
        const auto deleted = m_sandbox.raw(
            "DELETE", u"/v1_1/%1/resources/image/upload?public_ids[]=gone/soon"_s.arg(url.cloudName()),
            {{"Authorization", auth}});
        QCOMPARE(deleted.status, 200);
        const QString dir = target(u"gone"_s);
        const Run run = cli({u"download"_s, u"gone/soon"_s, u"pets/dog"_s, u"--to"_s, dir, u"--json"_s});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(saved(dir, u"dog.png"_s), m_originals.value(u"pets/dog"_s));
        QVERIFY(!QFileInfo::exists(QDir(dir).filePath(u"soon.png"_s)));
        const QJsonArray failed = QJsonDocument::fromJson(run.out).object().value(u"failed"_s).toArray();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).toObject().value(u"subject"_s).toString(), u"gone/soon"_s);
        QCOMPARE(failed.at(0).toObject().value(u"reason"_s).toString(), u"DeliveryRefused"_s);
        QCOMPARE(failed.at(0).toObject().value(u"status"_s).toInt(), 404);
        QVERIFY2(run.err.contains("gone/soon"), run.err.constData());
        QVERIFY2(run.err.contains("HTTP 404"), run.err.constData());
    }

    void notInTheCatalog()
    {
        const QString dir = target(u"unknown"_s);
        const Run run = cli({u"download"_s, u"no/such"_s, u"--to"_s, dir});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains("no/such") && run.err.contains("sync"), run.err.constData());
        QVERIFY(QDir(dir).isEmpty());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no public id") << QStringList {u"download"_s};
        QTest::newRow("no such folder")
            << QStringList {u"download"_s, u"pets/cat"_s, u"--to"_s, u"/nonexistent/x"_s};
        QTest::newRow("bad parallel") << QStringList {u"download"_s, u"pets/cat"_s, u"--parallel"_s, u"9"_s};
        QTest::newRow("unknown option") << QStringList {u"download"_s, u"pets/cat"_s, u"--fast"_s};
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        const Run run = cli(args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.startsWith("stratus-cli download: "), run.err.constData());
    }

    void help()
    {
        const Run run = cli({u"download"_s, u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        for (const char *word : {"--to", "--stdin", "--json", "--env", "--parallel"})
            QVERIFY2(run.out.contains(word), word);
        QVERIFY(cli({u"--help"_s}).out.contains("download"));
    }
};

QTEST_MAIN(TestCliDownload)
#include "tst_cli_download.moc"
