// The stratus-cli contract (README, "stratus-cli"): scripts rely on these exit statuses and on
// stdout staying empty when the input is bad.
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &args, const QByteArray &stdinData = {},
        const QString &cloudinaryUrl = QStringLiteral("cloudinary://1234:b@demo"))
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // No stored environments: a current one would win over CLOUDINARY_URL.
    static const QTemporaryDir config;
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    env.remove(QStringLiteral("CLOUDINARY_URL"));
    if (!cloudinaryUrl.isEmpty())
        env.insert(QStringLiteral("CLOUDINARY_URL"), cloudinaryUrl);
    process.setProcessEnvironment(env);
    process.start(program, args);
    if (!process.waitForStarted())
        return {};
    process.write(stdinData);
    process.closeWriteChannel();
    process.waitForFinished(60000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

Run cli(const QStringList &args, const QByteArray &stdinData = {},
        const QString &cloudinaryUrl = QStringLiteral("cloudinary://1234:b@demo"))
{
    return run(QStringLiteral(STRATUS_CLI_PATH), args, stdinData, cloudinaryUrl);
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void helpOnEveryCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("top") << QStringList {QStringLiteral("--help")};
        QTest::newRow("url") << QStringList {QStringLiteral("url"), QStringLiteral("--help")};
        QTest::newRow("sign") << QStringList {QStringLiteral("sign"), QStringLiteral("--help")};
        QTest::newRow("env") << QStringList {QStringLiteral("env"), QStringLiteral("--help")};
    }
    void helpOnEveryCommand()
    {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Usage") || r.out.contains("usage"), r.out.constData());
    }

    void urlPrintsTheDeliveryUrl()
    {
        const Run r = cli({QStringLiteral("url"), QStringLiteral("sample"), QStringLiteral("--options"),
                           QStringLiteral(R"({"width":100,"crop":"fill","format":"jpg"})")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("https://res.cloudinary.com/demo/image/upload/c_fill,w_100/sample.jpg\n"));
        QVERIFY(r.err.isEmpty());
    }

    void cloudinaryUrlOptionOverridesEnvironment()
    {
        const Run r = cli({QStringLiteral("url"), QStringLiteral("sample"),
                           QStringLiteral("--cloudinary-url"), QStringLiteral("cloudinary://1:x@other")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("https://res.cloudinary.com/other/image/upload/sample\n"));
    }

    void batchKeepsOrder()
    {
        const QByteArray input = R"({"public_id":"a","options":{"width":1}}
{"public_id":"folder/b","options":{}}
{"public_id":"c","options":{"resource_type":"video","format":"mp4"}}
)";
        const Run r = cli({QStringLiteral("url"), QStringLiteral("--batch")}, input);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out,
                 QByteArray("https://res.cloudinary.com/demo/image/upload/w_1/a\n"
                            "https://res.cloudinary.com/demo/image/upload/v1/folder/b\n"
                            "https://res.cloudinary.com/demo/video/upload/c.mp4\n"));
    }

    void signMatchesTheReferenceExample()
    {
        // cloudinary-api.md §b, example 3.
        const Run r = cli(
            {QStringLiteral("sign"), QStringLiteral("--params"),
             QStringLiteral(
                 R"({"timestamp":1700000000,"public_id":"my_photo","folder":"albums/2024","overwrite":1,"unique_filename":0})")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("df90f8cc09f215484cab65267e7655facdd9a1f4\n"));
    }

    void badInputExitsTwoWithOneLineAndNoStdout_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("stdinData");
        QTest::addColumn<QString>("cloudinaryUrl");
        const QString demo = QStringLiteral("cloudinary://1234:b@demo");
        QTest::newRow("unknown command")
            << QStringList {QStringLiteral("frobnicate")} << QByteArray() << demo;
        QTest::newRow("url without id") << QStringList {QStringLiteral("url")} << QByteArray() << demo;
        QTest::newRow("url bad json") << QStringList {QStringLiteral("url"), QStringLiteral("x"),
                                                      QStringLiteral("--options"), QStringLiteral("{nope")}
                                      << QByteArray() << demo;
        QTest::newRow("url options not an object")
            << QStringList {QStringLiteral("url"), QStringLiteral("x"), QStringLiteral("--options"),
                            QStringLiteral("[1]")}
            << QByteArray() << demo;
        QTest::newRow("url rejected option")
            << QStringList {QStringLiteral("url"), QStringLiteral("x"), QStringLiteral("--options"),
                            QStringLiteral(R"({"url_suffix":"a.b"})")}
            << QByteArray() << demo;
        QTest::newRow("url unknown flag")
            << QStringList {QStringLiteral("url"), QStringLiteral("x"), QStringLiteral("--wat")}
            << QByteArray() << demo;
        QTest::newRow("batch with a bad line")
            << QStringList {QStringLiteral("url"), QStringLiteral("--batch")}
            << QByteArray("{\"public_id\":\"a\",\"options\":{}}\nnot json\n") << demo;
        QTest::newRow("malformed CLOUDINARY_URL")
            << QStringList {QStringLiteral("url"), QStringLiteral("x")} << QByteArray()
            << QStringLiteral("https://key:TOPSECRET@demo");
        QTest::newRow("sign without secret")
            << QStringList {QStringLiteral("sign"), QStringLiteral("--params"),
                            QStringLiteral(R"({"a":"b"})")}
            << QByteArray() << QString();
        QTest::newRow("sign bad algorithm")
            << QStringList {QStringLiteral("sign"), QStringLiteral("--params"),
                            QStringLiteral(R"({"a":"b"})"), QStringLiteral("--algorithm"),
                            QStringLiteral("md5")}
            << QByteArray() << demo;
        QTest::newRow("sign bad json")
            << QStringList {QStringLiteral("sign"), QStringLiteral("--params"), QStringLiteral("{")}
            << QByteArray() << demo;
    }
    void badInputExitsTwoWithOneLineAndNoStdout()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, stdinData);
        QFETCH(QString, cloudinaryUrl);
        const Run r = cli(args, stdinData, cloudinaryUrl);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(!r.err.contains("TOPSECRET"), r.err.constData());
    }

    void sandboxHelp()
    {
        const Run r = run(QStringLiteral(STRATUS_SANDBOX_PATH), {QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--environment"));
        QVERIFY(r.out.contains("--seed"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
