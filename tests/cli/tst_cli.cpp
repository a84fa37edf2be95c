// The stratus-cli contract (README, "stratus-cli"): scripts rely on these exit statuses and on
// stdout staying empty when the input is bad; --batch answers each line as it is read, in order.
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

namespace {

struct Run
{
    int exitCode = -1; ///< -1 when the process crashed, -2 when it missed its deadline
    QByteArray out;
    QByteArray err;
};

const QString kDemo = QStringLiteral("cloudinary://1234:b@demo");

// Sets up a stratus-cli process: no stored environments (a current one would win over
// CLOUDINARY_URL), and CLOUDINARY_URL as given.
void prepare(QProcess &process, const QString &cloudinaryUrl)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    static const QTemporaryDir config;
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    env.remove(QStringLiteral("CLOUDINARY_URL"));
    if (!cloudinaryUrl.isEmpty())
        env.insert(QStringLiteral("CLOUDINARY_URL"), cloudinaryUrl);
    process.setProcessEnvironment(env);
}

Run finish(QProcess &process, int deadlineMs)
{
    if (!process.waitForFinished(deadlineMs)) {
        process.kill();
        process.waitForFinished();
        return {-2, process.readAllStandardOutput(), process.readAllStandardError()};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

Run run(const QString &program, const QStringList &args, const QByteArray &stdinData = {},
        const QString &cloudinaryUrl = kDemo)
{
    QProcess process;
    prepare(process, cloudinaryUrl);
    process.start(program, args);
    if (!process.waitForStarted())
        return {};
    process.write(stdinData);
    process.closeWriteChannel();
    return finish(process, 60000);
}

Run cli(const QStringList &args, const QByteArray &stdinData = {}, const QString &cloudinaryUrl = kDemo)
{
    return run(QStringLiteral(STRATUS_CLI_PATH), args, stdinData, cloudinaryUrl);
}

// The address space a stratus-cli process may use in the tests that feed it endless input: a
// reader without a bound then dies of std::bad_alloc in a second instead of eating the machine's
// memory, and one with a bound finishes well inside it.
constexpr rlim_t kAddressSpaceLimit = 1024 * 1024 * 1024;

// stratus-cli with stdin read from a file (such as /dev/zero), limited to kAddressSpaceLimit.
Run cliWithStdinFile(const QStringList &args, const QString &stdinFile, int deadlineMs)
{
    QProcess process;
    prepare(process, kDemo);
    process.setStandardInputFile(stdinFile);
    process.setChildProcessModifier([] {
        const rlimit limit {kAddressSpaceLimit, kAddressSpaceLimit};
        ::setrlimit(RLIMIT_AS, &limit);
    });
    process.start(QStringLiteral(STRATUS_CLI_PATH), args);
    if (!process.waitForStarted())
        return {};
    return finish(process, deadlineMs);
}

QByteArray lines(std::initializer_list<const char *> list)
{
    QByteArray text;
    for (const char *line : list)
        text += QByteArray(line) + '\n';
    return text;
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
        QTest::newRow("url raw line feed")
            << QStringList {QStringLiteral("url"), QStringLiteral("x"), QStringLiteral("--options"),
                            QStringLiteral(R"({"effect":"a\nb"})")}
            << QByteArray() << demo;
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

    // --batch answers every non-blank line with one line, in order: a bad line with an empty line
    // (and "line N: …" on stderr), so line N of the output always belongs to line N of the input.
    void batchAnswersABadLineInPlace_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<QByteArray>("message");
        const QStringList url {QStringLiteral("url"), QStringLiteral("--batch")};
        // Bad lines between two good ones, "a" and "c".
        auto between
            = [&url](const char *name, std::initializer_list<const char *> bad, const char *message) {
                  QByteArray input = lines({R"({"public_id":"a"})"});
                  for (const char *line : bad)
                      input += QByteArray(line) + '\n';
                  QTest::newRow(name) << url << input + lines({R"({"public_id":"c"})"})
                                      << QByteArray("https://res.cloudinary.com/demo/image/upload/a\n\n"
                                                    "https://res.cloudinary.com/demo/image/upload/c\n")
                                      << QByteArray(message);
              };
        between("not JSON", {"not json"}, "line 2: invalid JSON");
        between("line feed in an effect", {R"({"public_id":"b","options":{"effect":"x\ny"}})"},
                "line 2: the URL would hold a raw line feed");
        between("carriage return in a raw transformation",
                {R"({"public_id":"b","options":{"raw_transformation":"w_1\r"}})"},
                "line 2: the URL would hold a raw carriage return");
        between("NUL in the type", {R"({"public_id":"b","options":{"type":"up\u0000load"}})"},
                "line 2: the URL would hold a raw NUL");
        // (an ordinary literal: moc 6.4 takes "//" inside a raw string for a comment)
        between("line feed in a remote URL the SDK returns as it is", {"{\"public_id\":\"http://x/\\ny\"}"},
                "line 2: the URL would hold a raw line feed");
        // Refusals that carry a reason and a subject are printed in stratus_words' words.
        between("an option of the wrong type", {R"({"public_id":"b","options":{"border":{"color":5}}})"},
                "line 2: border.color must be a string");
        between("a JSON problem, with where it is", {R"({"public_id":"b",})"},
                "line 2: invalid JSON at offset 17: expected a member name");
        between("blank lines are skipped, but counted",
                {"", "  ", R"({"public_id":"b","options":{"effect":"x\ny"}})"},
                "line 4: the URL would hold a raw line feed");
        const QStringList sign {QStringLiteral("sign"), QStringLiteral("--batch")};
        QTest::newRow("sign: not JSON")
            << sign << lines({R"({"params":{"timestamp":1}})", "{nope", R"({"params":{"timestamp":2}})"})
            << QByteArray("3659805a0c655f7579a1a46104d5d8b120903c8f\n\n"
                          "5d36d3589249694b37e9a30f0259140132d84f6d\n")
            << QByteArray("line 2: invalid JSON");
        QTest::newRow("sign: unknown algorithm")
            << sign
            << lines({R"({"params":{"timestamp":1}})", R"({"params":{},"algorithm":"md5"})",
                      R"({"params":{"timestamp":2}})"})
            << QByteArray("3659805a0c655f7579a1a46104d5d8b120903c8f\n\n"
                          "5d36d3589249694b37e9a30f0259140132d84f6d\n")
            << QByteArray(R"(line 2: unknown "algorithm"; expected "sha1" or "sha256")");
    }
    void batchAnswersABadLineInPlace()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, output);
        QFETCH(QByteArray, message);
        const Run r = cli(args, input);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.out, output);
        QCOMPARE(r.err.count('\n'), 1);
        const QByteArray prefix = QByteArray("stratus-cli ") + args.constFirst().toUtf8() + ": " + message;
        QVERIFY2(r.err.startsWith(prefix), r.err.constData());
    }

    // Where the SDK percent-encodes a line break (the public id), so does the CLI: no error.
    void batchEscapesLineBreaksInThePublicId()
    {
        const Run r = cli({QStringLiteral("url"), QStringLiteral("--batch")},
                          lines({R"({"public_id":"a\nb"})", R"({"public_id":"c\r\u0000"})"}));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out,
                 QByteArray("https://res.cloudinary.com/demo/image/upload/a%0Ab\n"
                            "https://res.cloudinary.com/demo/image/upload/c%0D%00\n"));
    }

    // A co-process: each line is answered as soon as it is written, before stdin is closed.
    void batchAnswersEachLineAsItIsRead_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArrayList>("requests");
        QTest::addColumn<QByteArrayList>("answers");
        QTest::newRow("url") << QStringList {QStringLiteral("url"), QStringLiteral("--batch")}
                             << QByteArrayList {R"({"public_id":"a","options":{"width":1}})", "nope",
                                                R"({"public_id":"b"})"}
                             << QByteArrayList {"https://res.cloudinary.com/demo/image/upload/w_1/a", "",
                                                "https://res.cloudinary.com/demo/image/upload/b"};
        QTest::newRow("sign") << QStringList {QStringLiteral("sign"), QStringLiteral("--batch")}
                              << QByteArrayList {R"({"params":{"timestamp":1}})", "nope",
                                                 R"({"params":{"timestamp":2}})"}
                              << QByteArrayList {"3659805a0c655f7579a1a46104d5d8b120903c8f", "",
                                                 "5d36d3589249694b37e9a30f0259140132d84f6d"};
    }
    void batchAnswersEachLineAsItIsRead()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArrayList, requests);
        QFETCH(QByteArrayList, answers);
        QProcess process;
        prepare(process, kDemo);
        process.start(QStringLiteral(STRATUS_CLI_PATH), args);
        QVERIFY(process.waitForStarted());
        for (qsizetype i = 0; i < requests.size(); ++i) {
            process.write(requests.at(i) + '\n');
            while (!process.canReadLine() && process.waitForReadyRead(10000)) { }
            QVERIFY2(process.canReadLine(), qPrintable(QStringLiteral("no answer to line %1").arg(i + 1)));
            QCOMPARE(process.readLine(), answers.at(i) + '\n');
        }
        process.closeWriteChannel();
        const Run r = finish(process, 10000);
        QCOMPARE(r.exitCode, 2); // one line was bad
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("line 2: invalid JSON"), r.err.constData());
    }

    // Endless input: a bounded line, then exit 2 with one line on stderr; never a crash, never a hang.
    void endlessStdinEndsWithExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("url --batch") << QStringList {QStringLiteral("url"), QStringLiteral("--batch")}
                                     << QByteArray("stratus-cli url: line 1: longer than");
        QTest::newRow("sign --batch") << QStringList {QStringLiteral("sign"), QStringLiteral("--batch")}
                                      << QByteArray("stratus-cli sign: line 1: longer than");
        QTest::newRow("env add") << QStringList {QStringLiteral("env"), QStringLiteral("add"),
                                                 QStringLiteral("endless")}
                                 << QByteArray("stratus-cli env add: the first line of stdin is longer than");
    }
    void endlessStdinEndsWithExitTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const Run r = cliWithStdinFile(args, QStringLiteral("/dev/zero"), 30000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.isEmpty(), r.out.left(200).constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.startsWith(message), r.err.constData());
    }

    // Issue 11, item 9: an options object with very many keys is answered, not worked on for
    // minutes (parsing was quadratic: 80,000 keys took 17 s, these 300,000 took about four
    // minutes). The deadline is cli()'s minute, far from both; the speed itself is measured by
    // tests/bench/wide-options-bench.sh.
    void wideOptionsObjectIsAnswered()
    {
        QByteArray options = "{";
        for (int i = 0; i < 300000; ++i)
            options += "\"k" + QByteArray::number(i) + "\":" + QByteArray::number(i % 7) + ',';
        options += "\"width\":300,\"crop\":\"fill\"}";
        const Run r = cli({QStringLiteral("url"), QStringLiteral("--batch")},
                          "{\"public_id\":\"wide\",\"options\":" + options + "}\n");
        QVERIFY2(r.exitCode != -2, "no answer within a minute");
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("https://res.cloudinary.com/demo/image/upload/c_fill,w_300/wide\n"));
    }

    // The lines before an over-long one are answered; then the batch stops with exit 2.
    void batchStopsAtAnOverlongLine()
    {
        const QByteArray input = R"({"public_id":"a"})"
                                 "\n"
            + QByteArray(5 * 1024 * 1024, ' ')
            + "x\n"
              R"({"public_id":"c"})"
              "\n";
        const Run r = cli({QStringLiteral("url"), QStringLiteral("--batch")}, input);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.out, QByteArray("https://res.cloudinary.com/demo/image/upload/a\n"));
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.startsWith("stratus-cli url: line 2: longer than 4 MiB"), r.err.constData());
    }

    // env add reads one line of stdin, bounded: a NUL byte or an over-long line is bad input, never
    // cut short and used (the URL points at a closed port, so using it would fail with exit 1).
    void envAddRefusesUnusableStdin_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("message");
        const QByteArray url = "cloudinary://1234:abc@demo?upload_prefix=http://127.0.0.1:9";
        QTest::newRow("NUL") << url + QByteArray("\0garbage\n", 9) << QByteArray("stdin holds a NUL byte");
        QTest::newRow("NUL first") << QByteArray("\0", 1) + url + '\n'
                                   << QByteArray("stdin holds a NUL byte");
        QTest::newRow("over 64 KiB") << url + "&x=" + QByteArray(70000, 'a') + '\n'
                                     << QByteArray("the first line of stdin is longer than 64 KiB");
    }
    void envAddRefusesUnusableStdin()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, message);
        const Run r = cli({QStringLiteral("env"), QStringLiteral("add"), QStringLiteral("fromstdin")}, input);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains(message), r.err.constData());
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
