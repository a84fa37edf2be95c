// The stratus-cli contract of rename, move, tag and delete, run as processes against a real
// stratus-sandbox: exit statuses, one-line messages, and every change both on the server (the live
// `search`) and in the local catalogue (the offline `find`) at once, as the app writes it through.

#include "clisandbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

using Run = test::CliRun;

} // namespace

class TestCliAssets : public QObject
{
    Q_OBJECT

private:
    test::CliSandbox m_sandbox;
    QSet<QString> m_used;

    Run cli(const QStringList &args, const QByteArray &input = {}, const QString &data = u"data"_s)
    {
        return m_sandbox.cli(args, input, data);
    }

    QJsonArray json(const QStringList &args)
    {
        const Run run = cli(args + QStringList {u"--json"_s});
        return run.exitCode == 0 ? QJsonDocument::fromJson(run.out).array() : QJsonArray();
    }

    /// Public ids of @p count images of one folder not used by an earlier test.
    QStringList fresh(int count)
    {
        QHash<QString, QStringList> byFolder;
        for (const QJsonValue &asset : json({u"find"_s, u"resource_type:image"_s})) {
            const QString id = asset[u"public_id"_s].toString();
            if (!m_used.contains(id))
                byFolder[id.section(u'/', 0, -2)].append(id);
        }
        for (const QStringList &ids : std::as_const(byFolder)) {
            if (ids.size() >= count) {
                const QStringList picked = ids.mid(0, count);
                for (const QString &id : picked)
                    m_used.insert(id);
                return picked;
            }
        }
        return {};
    }

    /// `find` (the catalogue) and `search` (the server) of @p expression, as public ids; they must agree.
    QStringList both(const QString &expression)
    {
        QStringList found;
        for (const QJsonValue &asset : json({u"find"_s, expression}))
            found.append(asset[u"public_id"_s].toString());
        QStringList searched;
        for (const QJsonValue &asset : json({u"search"_s, expression}))
            searched.append(asset[u"public_id"_s].toString());
        found.sort();
        searched.sort();
        if (found != searched)
            return {u"find and search disagree: "_s + found.join(u',') + u" / "_s + searched.join(u',')};
        return found;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_sandbox.start(u"cloudinary://k1:s1@shop?folder_mode=fixed&admin_rate_limit=5000"_s, 60),
                 "the sandbox did not print its CLOUDINARY_URL");
    }

    void badInputSendsNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("delete without --yes") << QStringList {u"delete"_s, u"a"_s} << QByteArray("--yes");
        QTest::newRow("delete nothing") << QStringList {u"delete"_s, u"--yes"_s} << QByteArray("PUBLIC_ID");
        QTest::newRow("rename without a name") << QStringList {u"rename"_s, u"a"_s} << QByteArray("NEW_NAME");
        QTest::newRow("rename to a path")
            << QStringList {u"rename"_s, u"a"_s, u"b/c"_s} << QByteArray("Move");
        QTest::newRow("rename to a bad name")
            << QStringList {u"rename"_s, u"a"_s, u"b#c"_s} << QByteArray("cannot contain");
        QTest::newRow("move without --to") << QStringList {u"move"_s, u"a"_s} << QByteArray("--to");
        QTest::newRow("move to a bad folder")
            << QStringList {u"move"_s, u"a"_s, u"--to"_s, u"x/ y?"_s} << QByteArray("cannot contain");
        QTest::newRow("tag without tags") << QStringList {u"tag"_s, u"a"_s} << QByteArray("--add");
        QTest::newRow("tag replace and add")
            << QStringList {u"tag"_s, u"a"_s, u"--replace"_s, u"x"_s, u"--add"_s, u"y"_s}
            << QByteArray("excludes");
        QTest::newRow("unknown option")
            << QStringList {u"tag"_s, u"a"_s, u"--colour"_s} << QByteArray("colour");
    }
    void badInputSendsNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const QByteArray problem = test::usageErrorProblem(cli(args), message);
        QVERIFY2(problem.isEmpty(), problem.constData());
    }

    void beforeTheFirstSync()
    {
        const Run run = cli({u"rename"_s, u"anything"_s, u"other"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains("run stratus-cli sync first"), run.err.constData());
        const Run synced = cli({u"sync"_s});
        QVERIFY2(synced.exitCode == 0, synced.err.constData());
    }

    void renameChangesServerAndCatalog()
    {
        const QString id = fresh(1).value(0);
        QVERIFY(!id.isEmpty());
        const Run run = cli({u"rename"_s, id, u"renamed_by_cli"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject answer = QJsonDocument::fromJson(run.out).object();
        const QString to
            = id.contains(u'/') ? id.section(u'/', 0, -2) + u"/renamed_by_cli"_s : u"renamed_by_cli"_s;
        QCOMPARE(answer[u"assets"_s][0][u"public_id"_s].toString(), to);
        QVERIFY(answer[u"failed"_s].toArray().isEmpty());
        QCOMPARE(both(u"public_id=\"%1\""_s.arg(to)), QStringList {to});
        QCOMPARE(both(u"public_id=\"%1\""_s.arg(id)), QStringList());
    }

    void moveChangesServerAndCatalog()
    {
        const QStringList ids = fresh(2);
        QCOMPARE(ids.size(), 2);
        const Run run = cli({u"move"_s, ids.at(0), ids.at(1), u"--to"_s, u"/cli/moved/"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out.count('\n'), 3); // the table's header and the two assets
        QStringList expected;
        for (const QString &id : ids)
            expected.append(u"cli/moved/"_s + id.section(u'/', -1));
        expected.sort();
        QCOMPARE(both(u"folder:cli/moved"_s), expected);
        const Run listed = cli({u"ls"_s, u"cli/moved"_s});
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(listed.out.count('\n'), 3);
    }

    void tagAddsRemovesAndReplaces()
    {
        const QStringList ids = fresh(2);
        QCOMPARE(ids.size(), 2);
        QCOMPARE(cli({u"tag"_s, ids.at(0), ids.at(1), u"--add"_s, u"clia,clib"_s}).exitCode, 0);
        QCOMPARE(both(u"tags:clia AND tags:clib"_s), sorted(ids));
        // Ids from stdin too.
        const Run removed = cli({u"tag"_s, u"--stdin"_s, u"--remove"_s, u"clia"_s},
                                ids.at(0).toUtf8() + "\n\n" + ids.at(1).toUtf8() + "\n");
        QVERIFY2(removed.exitCode == 0, removed.err.constData());
        QCOMPARE(both(u"tags:clia"_s), QStringList());
        QCOMPARE(both(u"tags:clib"_s), sorted(ids));
        QCOMPARE(cli({u"tag"_s, ids.at(0), u"--replace"_s, u"clionly"_s}).exitCode, 0);
        const QJsonArray after = json({u"find"_s, u"tags:clionly"_s});
        QCOMPARE(after.size(), 1);
        QCOMPARE(after[0][u"tags"_s].toArray(), QJsonArray {u"clionly"_s});
        QCOMPARE(both(u"tags:clib"_s), QStringList {ids.at(1)});
    }

    void deleteWithYes()
    {
        const QStringList ids = fresh(2);
        QCOMPARE(ids.size(), 2);
        const Run run = cli({u"delete"_s, ids.at(0), ids.at(1), u"--yes"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        for (const QString &id : ids)
            QVERIFY2(run.out.contains(QByteArray("deleted " + id.toUtf8() + '\n')), run.out.constData());
        for (const QString &id : ids)
            QCOMPARE(both(u"public_id=\"%1\""_s.arg(id)), QStringList());
    }

    void failuresNameTheAsset()
    {
        // Not in the catalogue: exit 1, nothing sent.
        const Run unknown = cli({u"delete"_s, u"no/such/asset"_s, u"--yes"_s});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.out.isEmpty());
        QVERIFY2(unknown.err.contains("no/such/asset"), unknown.err.constData());

        // Deleted elsewhere (a second catalogue of the same environment): the server refuses the
        // rename, the message names the asset, the catalogue keeps it until the next sync.
        const QString id = fresh(1).value(0);
        QCOMPARE(cli({u"sync"_s}, {}, u"elsewhere"_s).exitCode, 0);
        QCOMPARE(cli({u"delete"_s, id, u"--yes"_s}, {}, u"elsewhere"_s).exitCode, 0);
        const Run run = cli({u"rename"_s, id, u"too_late"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(id.toUtf8()) && run.err.contains("no longer"), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
        const QJsonObject answer = QJsonDocument::fromJson(run.out).object();
        const QJsonObject failure = answer[u"failed"_s][0].toObject();
        QCOMPARE(failure[u"reason"_s].toString(), u"AssetRenameFailed"_s);
        QCOMPARE(failure[u"subject"_s].toString(), id);
        QCOMPARE(failure[u"status"_s].toInt(), 404);
        QCOMPARE(json({u"find"_s, u"public_id=\"%1\""_s.arg(id)}).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliAssets)
#include "tst_cli_assets.moc"
