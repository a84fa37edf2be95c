// The network layer against a misbehaving real server: stratus-sandbox with injected 5xx answers,
// dropped connections, latency and a spent Admin API budget. Calls must come through (retries,
// waiting for the rate-limit reset) or fail with the right error, and the budget must follow the
// server's X-FeatureRateLimit-* headers.
#include "sandboxprocess.h"

#include "core/api/adminapi.h"
#include "core/api/uploadapi.h"
#include "core/net/httpdate.h"
#include "core/net/ratelimitbudget.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace stratus::core;
using stratus::test::runToEnd;
using stratus::test::SandboxProcess;

namespace {

const QString kCloud = u"itres"_s;
const QString kApiKey = u"555555"_s;
const QString kApiSecret = u"ressecret"_s;

} // namespace

class TestIntegrationResilience : public QObject
{
    Q_OBJECT

private:
    SandboxProcess m_sandbox;
    RateLimitBudget m_budget;
    ApiContext m_context;

    [[nodiscard]] std::unique_ptr<ApiCall<ApiMessage>> ping(const ApiContext &context) const
    {
        return std::unique_ptr<ApiCall<ApiMessage>>(AdminApi(context).ping(nullptr));
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(
            m_sandbox.start({u"--environment"_s,
                             u"cloudinary://%1:%2@%3?folder_mode=dynamic"_s.arg(kApiKey, kApiSecret, kCloud)},
                            1, false, &error),
            qPrintable(error));
        m_context = m_sandbox.context(0, &m_budget);
        QVERIFY(m_context.endpoint.isValid());
    }

    void cleanup()
    {
        // Every test starts from a healthy server with a full budget.
        QVERIFY(m_sandbox.control(u"faults"_s, kCloud,
                                  {{u"error_rate"_s, u"0"_s},
                                   {u"drop_rate"_s, u"0"_s},
                                   {u"latency_ms"_s, u"0"_s},
                                   {u"force_420"_s, u"0"_s}}));
        QVERIFY(m_sandbox.control(
            u"rate_limit"_s, kCloud,
            {{u"limit"_s, u"500"_s}, {u"used"_s, u"0"_s}, {u"reset_in_seconds"_s, u"3600"_s}}));
    }

    void cleanupTestCase() { m_sandbox.stop(); }

    void budgetFollowsTheHeaders()
    {
        QVERIFY(m_sandbox.control(
            u"rate_limit"_s, kCloud,
            {{u"limit"_s, u"50"_s}, {u"used"_s, u"10"_s}, {u"reset_in_seconds"_s, u"600"_s}}));
        QSignalSpy changed(&m_budget, &RateLimitBudget::changed);
        auto job = ping(m_context);
        QVERIFY(runToEnd(job.get()));
        QVERIFY2(!job->error(), stratus::test::errorText(job.get()).constData());
        QVERIFY(!changed.isEmpty());
        QCOMPARE(m_budget.limit(), 50);
        QCOMPARE(m_budget.remaining(), 39);
        const qint64 inSeconds = QDateTime::currentDateTimeUtc().secsTo(m_budget.resetAt());
        QVERIFY2(inSeconds > 590 && inSeconds <= 601, qPrintable(QString::number(inSeconds)));
    }

    void rateLimitedCallWaitsForTheReset()
    {
        QVERIFY(
            m_sandbox.control(u"rate_limit"_s, kCloud,
                              {{u"limit"_s, u"5"_s}, {u"used"_s, u"5"_s}, {u"reset_in_seconds"_s, u"2"_s}}));
        auto first = ping(m_context);
        std::unique_ptr<ApiCall<ApiMessage>> second;
        QSignalSpy firstWaits(first.get(), &NetworkJob::waitingForRateLimit);
        // A second call made while the budget is known to be spent waits without asking.
        connect(first.get(), &NetworkJob::waitingForRateLimit, this, [&] {
            if (!second) {
                second = ping(m_context);
                second->start();
            }
        });
        QElapsedTimer clock;
        clock.start();
        QVERIFY(runToEnd(first.get(), 15000));
        QVERIFY2(!first->error(), stratus::test::errorText(first.get()).constData());
        QVERIFY2(clock.elapsed() >= 900, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(firstWaits.size(), 1);
        QCOMPARE(first->attempts(), 2);
        QVERIFY(second);
        QTRY_VERIFY_WITH_TIMEOUT(second->isFinished(), 15000);
        QVERIFY2(!second->error(), stratus::test::errorText(second.get()).constData());
        QCOMPARE(second->attempts(), 1); // it never got a 420 itself
        QVERIFY(m_budget.remaining() > 0);
    }

    void rateLimitFarAwayFailsFastWithRetryAfter()
    {
        QVERIFY(m_sandbox.control(
            u"rate_limit"_s, kCloud,
            {{u"limit"_s, u"5"_s}, {u"used"_s, u"5"_s}, {u"reset_in_seconds"_s, u"1800"_s}}));
        ApiContext context = m_context;
        context.retryPolicy.maxRateLimitWait = 10s;
        auto job = ping(context);
        QVERIFY(runToEnd(job.get()));
        QVERIFY(job->error());
        QCOMPARE(job->error()->kind, Error::Kind::RateLimited);
        QCOMPARE(job->error()->httpStatus, 420);
        QVERIFY(job->error()->retryAfter);
        QVERIFY(QDateTime::currentDateTimeUtc().secsTo(*job->error()->retryAfter) > 1700);
        QVERIFY(m_budget.isExhausted(QDateTime::currentDateTimeUtc()));
        // The next call does not even ask: the budget says the wait is too long.
        auto next = ping(context);
        QVERIFY(runToEnd(next.get()));
        QCOMPARE(next->error()->kind, Error::Kind::RateLimited);
        QCOMPARE(next->attempts(), 0);
        m_budget.markExhausted(QDateTime::currentDateTimeUtc()); // forget it for the next tests
    }

    void rateLimitAnswersSayWhenToComeBack_data()
    {
        QTest::addColumn<bool>("forced");
        QTest::newRow("budget spent") << false;
        QTest::newRow("forced 420") << true;
    }
    void rateLimitAnswersSayWhenToComeBack()
    {
        // A 420 carries Retry-After (whole seconds) and the budget's X-FeatureRateLimit-* headers;
        // the reset, an HTTP date with whole seconds, is rounded up: never before the real reset.
        QFETCH(bool, forced);
        QDateTime reset;
        for (int attempt = 0; attempt < 5 && (!reset.isValid() || reset.time().msec() == 0); ++attempt) {
            // A reset on a whole second would not show a rounding down: ask for another one.
            const auto window = m_sandbox.controlAnswer(u"rate_limit"_s, kCloud,
                                                        {{u"limit"_s, u"50"_s},
                                                         {u"used"_s, forced ? u"10"_s : u"50"_s},
                                                         {u"reset_in_seconds"_s, u"1800"_s}});
            QCOMPARE(window.status, 200);
            reset = QDateTime::fromString(
                QJsonDocument::fromJson(window.body).object().value(u"reset").toString(), Qt::ISODateWithMs);
            QVERIFY2(reset.isValid(), window.body.constData());
        }
        if (forced)
            QVERIFY(m_sandbox.control(u"faults"_s, kCloud, {{u"force_420"_s, u"1"_s}}));

        const QByteArray auth = "Basic " + (kApiKey + u':' + kApiSecret).toUtf8().toBase64();
        const QDateTime sent = QDateTime::currentDateTimeUtc();
        const auto answer = m_sandbox.raw("GET", u"/v1_1/%1/ping"_s.arg(kCloud), {{"Authorization", auth}});
        const QDateTime received = QDateTime::currentDateTimeUtc();
        QCOMPARE(answer.status, 420);
        QCOMPARE(answer.header("X-FeatureRateLimit-Limit"), QByteArray("50"));
        QCOMPARE(answer.header("X-FeatureRateLimit-Remaining"), QByteArray("0"));

        const auto resetHeader = HttpDate::parse(answer.header("X-FeatureRateLimit-Reset"));
        QVERIFY2(resetHeader, answer.header("X-FeatureRateLimit-Reset").constData());
        QVERIFY2(*resetHeader >= reset && resetHeader->msecsTo(reset) > -1000,
                 qPrintable(u"reset %1, header %2"_s.arg(
                     reset.toString(Qt::ISODateWithMs),
                     QString::fromLatin1(answer.header("X-FeatureRateLimit-Reset")))));

        bool isNumber = false;
        const qint64 retryAfter = answer.header("Retry-After").toLongLong(&isNumber);
        QVERIFY2(isNumber && retryAfter >= 1, answer.header("Retry-After").constData());
        // Counted from when the server answered (between sent and received), rounded up.
        QVERIFY2(received.addSecs(retryAfter) >= reset, qPrintable(QString::number(retryAfter)));
        QVERIFY2(retryAfter <= sent.msecsTo(reset) / 1000 + 1, qPrintable(QString::number(retryAfter)));
    }

    void uploadApiRateLimitWithoutResetBacksOff()
    {
        // The sandbox's forced 420 on the Upload API says nothing about when to come back.
        QVERIFY(m_sandbox.control(u"faults"_s, kCloud, {{u"force_420"_s, u"1"_s}}));
        QTemporaryDir dir;
        QFile file(dir.filePath(u"note.txt"_s));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write("hello") == 5);
        file.close();
        ApiContext context = m_context;
        context.retryPolicy.maxAttempts = 3;
        UploadOptions options;
        options.resourceType = u"raw"_s;
        auto job = std::unique_ptr<UploadJob>(UploadApi(context).upload(file.fileName(), options, nullptr));
        QVERIFY(runToEnd(job.get()));
        QVERIFY(job->error());
        QCOMPARE(job->error()->kind, Error::Kind::RateLimited);
        QCOMPARE(job->attempts(), 3);

        QVERIFY(m_sandbox.control(u"faults"_s, kCloud, {{u"force_420"_s, u"0"_s}}));
        auto again = std::unique_ptr<UploadJob>(UploadApi(context).upload(file.fileName(), options, nullptr));
        QVERIFY(runToEnd(again.get()));
        QVERIFY2(!again->error(), stratus::test::errorText(again.get()).constData());
    }

    void retriesThroughInjectedServerErrors()
    {
        QVERIFY(m_sandbox.control(u"faults"_s, kCloud, {{u"error_rate"_s, u"0.5"_s}}));
        ApiContext context = m_context;
        context.retryPolicy.maxAttempts = 20; // 0.5^20: a ping failing 20 times is a real bug
        int attempts = 0;
        for (int i = 0; i < 20; ++i) {
            auto job = ping(context);
            QVERIFY(runToEnd(job.get()));
            QVERIFY2(!job->error(), stratus::test::errorText(job.get()).constData());
            QCOMPARE(job->result()->status, u"ok"_s);
            attempts += job->attempts();
        }
        QVERIFY2(attempts > 20, "with half of the answers failing, some calls must have been retried");
    }

    void retriesDroppedConnections()
    {
        QVERIFY(m_sandbox.control(u"faults"_s, kCloud, {{u"drop_rate"_s, u"0.5"_s}}));
        ApiContext context = m_context;
        context.retryPolicy.maxAttempts = 20;
        int attempts = 0;
        for (int i = 0; i < 10; ++i) {
            auto job = ping(context);
            QVERIFY(runToEnd(job.get()));
            QVERIFY2(!job->error(), stratus::test::errorText(job.get()).constData());
            attempts += job->attempts();
        }
        QVERIFY(attempts > 10);
    }

    void withoutRetriesTheServerErrorShows()
    {
        QVERIFY(m_sandbox.control(u"faults"_s, kCloud, {{u"error_rate"_s, u"1"_s}}));
        ApiContext context = m_context;
        context.retryPolicy.maxAttempts = 2;
        auto job = ping(context);
        QVERIFY(runToEnd(job.get()));
        QVERIFY(job->error());
        QCOMPARE(job->error()->kind, Error::Kind::Server);
        QVERIFY(job->error()->httpStatus >= 500);
        QVERIFY(job->error()->retryable);
        QCOMPARE(job->attempts(), 2);
    }

    void stalledServerTimesOut()
    {
        QVERIFY(m_sandbox.control(u"faults"_s, kCloud, {{u"latency_ms"_s, u"3000"_s}}));
        ApiContext context = m_context;
        context.retryPolicy.stallTimeout = 300ms;
        context.retryPolicy.maxAttempts = 2;
        QElapsedTimer clock;
        clock.start();
        auto job = ping(context);
        QVERIFY(runToEnd(job.get()));
        QVERIFY(job->error());
        QCOMPARE(job->error()->kind, Error::Kind::Network);
        QCOMPARE(job->attempts(), 2);
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    }

    void cancelWhileTheServerIsSlow()
    {
        QVERIFY(m_sandbox.control(u"faults"_s, kCloud, {{u"latency_ms"_s, u"3000"_s}}));
        auto job = ping(m_context);
        int finished = 0;
        connect(job.get(), &Job::finished, this, [&finished] { ++finished; });
        job->start();
        QTRY_COMPARE(job->attempts(), 1); // the request is on its way
        job->cancel();
        QTRY_COMPARE(finished, 1);
        QCOMPARE(job->error()->kind, Error::Kind::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestIntegrationResilience)
#include "tst_integration_resilience.moc"
