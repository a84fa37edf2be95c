// The stratus-cli contract of sync, ls, find and search, run as processes against a real
// stratus-sandbox: exit statuses, messages, and `find --json` printing exactly what `search --json`
// prints after a sync.

#include "clisandbox.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using Run = test::CliRun;

} // namespace

class TestCliCatalog : public QObject
{
    Q_OBJECT

private:
    test::CliSandbox m_sandbox;

    Run cli(const QStringList &args) { return m_sandbox.cli(args); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_sandbox.start(u"cloudinary://k1:s1@shop?folder_mode=fixed&admin_rate_limit=5000"_s, 700),
                 "the sandbox did not print its CLOUDINARY_URL");
    }

    void beforeTheFirstSync_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("find") << QStringList {u"find"_s, u"tags:cat"_s};
        QTest::newRow("ls") << QStringList {u"ls"_s};
        QTest::newRow("ls --json") << QStringList {u"ls"_s, u"--json"_s};
    }
    void beforeTheFirstSync()
    {
        QFETCH(QStringList, args);
        const Run run = cli(args);
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains("run stratus-cli sync first"), run.err.constData());
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("find: unbalanced") << QStringList {u"find"_s, u"tags:(cat"_s}
                                          << QByteArray("missing ')' for this '(' at position 6");
        QTest::newRow("find: unknown field")
            << QStringList {u"find"_s, u"colour:red"_s} << QByteArray("unknown field 'colour' at position 1");
        QTest::newRow("find: no expression") << QStringList {u"find"_s} << QByteArray("missing EXPRESSION");
        // The sandbox refuses it with the words stratus-cli find uses, which search prints.
        QTest::newRow("search: unbalanced") << QStringList {u"search"_s, u"tags:(cat"_s}
                                            << QByteArray("missing ')' for this '(' at position 6");
        QTest::newRow("search: bad --max")
            << QStringList {u"search"_s, u"cat"_s, u"--max"_s, u"0"_s} << QByteArray("--max");
        QTest::newRow("sync: unknown option") << QStringList {u"sync"_s, u"--fast"_s} << QByteArray("fast");
    }
    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const QByteArray problem = test::usageErrorProblem(cli(args), message);
        QVERIFY2(problem.isEmpty(), problem.constData());
    }

    void syncPrintsOneLine()
    {
        const Run run = cli({u"sync"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out,
                 QByteArray("shop: full sync complete, 700 assets read, 0 removed, 700 in the catalogue\n"));
        QVERIFY2(!run.err.contains('['), "a progress bar on a stderr that is not a terminal");
        const Run again = cli({u"sync"_s});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.startsWith("shop: incremental sync complete"), again.out.constData());
    }

    void lsListsFoldersThenAssets()
    {
        const Run run = cli({u"ls"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        qint64 total = root.value(u"assets"_s).toArray().size();
        for (const QJsonValue &folder : root.value(u"folders"_s).toArray())
            total += folder.toObject().value(u"asset_count"_s).toInteger();
        QCOMPARE(total, 700);
        const QString first
            = root.value(u"folders"_s).toArray().first().toObject().value(u"path"_s).toString();
        const Run sub = cli({u"ls"_s, first + u'/'});
        QCOMPARE(sub.exitCode, 0);
        QVERIFY(sub.out.contains("PUBLIC_ID"));
        const Run missing = cli({u"ls"_s, u"no/such/folder"_s});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.out.isEmpty());
    }

    void findPrintsWhatSearchPrints_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::newRow("tag") << u"tags:cat"_s;
        QTest::newRow("folder subtree and size") << u"folder:samples/* AND bytes>20k"_s;
        QTest::newRow("or, not, date") << u"(format:png OR resource_type:video) AND -created_at<2026-10-31"_s;
        QTest::newRow("wildcard") << u"public_id:brand/lo*"_s;
        QTest::newRow("everything") << u""_s;
    }
    void findPrintsWhatSearchPrints()
    {
        QFETCH(QString, expression);
        const Run found = cli({u"find"_s, expression, u"--json"_s});
        const Run searched = cli({u"search"_s, expression, u"--json"_s});
        QCOMPARE(found.exitCode, 0);
        QCOMPARE(searched.exitCode, 0);
        const QJsonArray assets = QJsonDocument::fromJson(found.out).array();
        QVERIFY(!assets.isEmpty());
        for (const char *field : {"asset_id", "public_id", "resource_type", "type", "format", "bytes",
                                  "width", "height", "tags", "asset_folder", "display_name", "created_at"})
            QVERIFY2(assets.first().toObject().contains(QLatin1String(field)), field);
        QCOMPARE(found.out, searched.out);

        const Run table = cli({u"find"_s, expression});
        QCOMPARE(table.exitCode, 0);
        QCOMPARE(table.out.count('\n'), assets.size() + 1); // a header, then one line per asset
    }

    void searchStopsAtMax()
    {
        const Run run = cli({u"search"_s, u""_s, u"--json"_s, u"--max"_s, u"520"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(run.out).array().size(), 520);
    }

    // Issue 13, point 6: the seeded environment's demo fields, listed live.
    void metadataFieldsList()
    {
        const Run table = cli({u"metadata-fields"_s, u"list"_s});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.startsWith("photographer\tstring\tPhotographer\n"), table.out.constData());
        QVERIFY(table.out.contains("licence\tenum\tLicence\tmandatory\n  editorial = Editorial\n"));
        const Run json = cli({u"metadata-fields"_s, u"list"_s, u"--json"_s});
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(json.out).array().size(), 5);
        QCOMPARE(cli({u"metadata-fields"_s, u"delete"_s}).exitCode, 2);
    }

    // Issue 11, item 3: a damaged catalogue never answers with part of what it holds; the next sync
    // finds the damage, replaces the file and fills it again.
    void damagedCatalogIsRebuilt_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("pages in the middle") << u"middle"_s;
        QTest::newRow("the header") << u"header"_s;
    }

    void damagedCatalogIsRebuilt()
    {
        QFETCH(QString, damage);
        QCOMPARE(cli({u"sync"_s}).exitCode, 0);
        const Run before = cli({u"find"_s, u""_s, u"--json"_s});
        QCOMPARE(before.exitCode, 0);
        const qsizetype all = QJsonDocument::fromJson(before.out).array().size();
        QCOMPARE(all, 700);

        QDirIterator it(m_sandbox.path(u"data/Stratus/catalog"_s), {u"catalog.sqlite"_s}, QDir::Files,
                        QDirIterator::Subdirectories);
        QVERIFY(it.hasNext());
        QFile file(it.next());
        QVERIFY(!QFileInfo::exists(file.fileName() + u"-wal"_s)
                || QFileInfo(file.fileName() + u"-wal"_s).size() == 0);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const qint64 pageSize = 4096;
        const qint64 pages = file.size() / pageSize;
        QVERIFY2(pages > 40, QByteArray::number(pages));
        if (damage == u"header") {
            file.write(QByteArray(100, '\x5a'));
        } else {
            // Every other page of the middle half: some of them hold assets rows, whatever the layout.
            for (qint64 page = pages / 4; page < pages * 3 / 4; page += 2) {
                file.seek(page * pageSize);
                file.write(QByteArray(pageSize, '\xab'));
            }
        }
        file.close();

        const Run damaged = cli({u"find"_s, u""_s, u"--json"_s});
        QCOMPARE(damaged.exitCode, 1);
        QVERIFY(damaged.out.isEmpty());
        QVERIFY2(damaged.err.contains("damaged") && damaged.err.contains("sync"), damaged.err.constData());

        const Run sync = cli({u"sync"_s});
        QCOMPARE(sync.exitCode, 0);
        QVERIFY2(sync.err.contains("damaged"), sync.err.constData());
        QCOMPARE(sync.err.count('\n'), 1); // one line, whatever SQLite found
        QVERIFY2(sync.out.contains("full sync complete"), sync.out.constData());

        const Run after = cli({u"find"_s, u""_s, u"--json"_s});
        QCOMPARE(after.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(after.out).array().size(), all);
        const Run again = cli({u"sync"_s});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(!again.err.contains("damaged"), again.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliCatalog)
#include "tst_cli_catalog.moc"
