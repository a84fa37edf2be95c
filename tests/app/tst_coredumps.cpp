// Issue 11, item 16: a core dump of the app or of stratus-cli would hold the API secret (plain and
// Base64). Both programs turn core dumps off for themselves as they start: their running processes
// show a core file size limit of 0, and (when this test is not root, which may read anything) their
// /proc entries belong to root, the sign of PR_SET_DUMPABLE 0.
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

class TestCoreDumps : public QObject
{
    Q_OBJECT

private:
    // "Max core file size  <soft>  <hard>  bytes" of /proc/PID/limits.
    static QStringList coreLimit(qint64 pid)
    {
        QFile limits(u"/proc/%1/limits"_s.arg(pid));
        if (!limits.open(QIODevice::ReadOnly))
            return {};
        static const QRegularExpression line(u"^Max core file size\\s+(\\S+)\\s+(\\S+)"_s,
                                             QRegularExpression::MultilineOption);
        const auto match = line.match(QString::fromLatin1(limits.readAll()));
        return match.hasMatch() ? QStringList {match.captured(1), match.captured(2)} : QStringList {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Children inherit the limit: start them from a process that allows core dumps, so a
        // zero can only come from the program itself.
        const rlimit unlimited {RLIM_INFINITY, RLIM_INFINITY};
        if (::setrlimit(RLIMIT_CORE, &unlimited) != 0) {
            rlimit current {};
            ::getrlimit(RLIMIT_CORE, &current);
            current.rlim_cur = current.rlim_max;
            QVERIFY(::setrlimit(RLIMIT_CORE, &current) == 0);
            QVERIFY2(current.rlim_max > 0, "this machine forbids core dumps already: nothing to test");
        }
    }

    void programsDisableCoreDumps_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments");
        // `url --batch` waits for its input; the app runs until it is closed.
        QTest::newRow("stratus-cli") << QStringLiteral(STRATUS_CLI_PATH)
                                     << QStringList {u"url"_s, u"--batch"_s, u"--cloudinary-url"_s,
                                                     u"cloudinary://1:secret-in-memory@demo"_s};
        QTest::newRow("stratus") << QStringLiteral(STRATUS_APP_PATH)
                                 << QStringList {u"--no-local-sandbox"_s, u"-platform"_s, u"offscreen"_s};
    }

    void programsDisableCoreDumps()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        QProcess process;
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(program, arguments);
        QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
        const qint64 pid = process.processId();
        // Until the program has run its first lines, /proc shows the limit it was started with.
        QTRY_COMPARE_WITH_TIMEOUT(coreLimit(pid), (QStringList {u"0"_s, u"0"_s}), 20000);
        if (::geteuid() != 0)
            QTRY_COMPARE(QFileInfo(u"/proc/%1"_s.arg(pid)).ownerId(), uint(0));
        process.kill();
        process.waitForFinished();
    }
};

QTEST_GUILESS_MAIN(TestCoreDumps)
#include "tst_coredumps.moc"
