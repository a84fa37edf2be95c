// The contract every remote call relies on (style habit 1): finished() exactly once and never
// from inside start(); retries only for what may heal, with back-off; 420/429 waits for the reset;
// errors become values with Cloudinary's message; identity and credentials on every request.
// Driven through a fake QNetworkAccessManager (fakenetwork.h), so every case is deterministic.
#include "fakenetwork.h"

#include "core/net/httpdate.h"
#include "core/net/httpreply.h"
#include "core/net/neterror.h"
#include "core/net/networkjob.h"
#include "core/net/ratelimitbudget.h"
#include "core/net/retrypolicy.h"
#include "core/net/secretsource.h"
#include "core/net/transportsecurity.h"
#include "core/net/useragent.h"
#include "core/signing/clock.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace stratus::core;
using stratus::test::FakeNetwork;
using stratus::test::FakeResponse;

Q_DECLARE_METATYPE(stratus::core::Error::Kind)
Q_DECLARE_METATYPE(stratus::core::NetworkJob::Authentication)
Q_DECLARE_METATYPE(stratus::test::FakeResponse)

namespace {

// A minimal NetworkJob: GET …/ping, the answer must be a JSON object.
class ProbeJob final : public NetworkJob
{
public:
    explicit ProbeJob(QNetworkAccessManager *network, QObject *parent = nullptr)
        : NetworkJob(network, parent)
    {
    }

    std::optional<Error> buildError; ///< makes buildRequest() fail
    QUrl url {u"https://api.example.test/v1_1/demo/ping"_s};
    QString secretSeen;
    QJsonObject json;

protected:
    Result<Outgoing> buildRequest(const Attempt &attempt) override
    {
        secretSeen = attempt.secret;
        if (buildError)
            return *buildError;
        Outgoing outgoing;
        outgoing.request.setUrl(url);
        return outgoing;
    }

    std::optional<Error> parseReply(const HttpReply &reply) override
    {
        const QJsonDocument document = QJsonDocument::fromJson(reply.body);
        if (!document.isObject()) {
            Error error;
            error.kind = Error::Kind::Server;
            error.message = u"not JSON"_s;
            return error;
        }
        json = document.object();
        return std::nullopt;
    }
};

// A secret that arrives later, as from the keychain.
class DelayedSecret final : public SecretSource
{
public:
    explicit DelayedSecret(Result<QString> answer)
        : m_answer(std::move(answer))
    {
    }
    void fetch(QObject *context, Callback done) const override
    {
        QTimer::singleShot(5, context, [answer = m_answer, done] { done(answer); });
    }

private:
    Result<QString> m_answer;
};

// An access token that the server may refuse: renew() answers the next token of `renewals` (or
// SignInExpired when there is none), counting the calls and what was refused.
class FakeTokenSource final : public SecretSource
{
public:
    FakeTokenSource(QString token, QStringList renewals)
        : m_token(std::move(token))
        , m_renewals(std::move(renewals))
    {
    }
    [[nodiscard]] CredentialKind kind() const override { return CredentialKind::AccessToken; }
    void fetch(QObject *context, Callback done) const override
    {
        QTimer::singleShot(1, context, [token = m_token, done] { done(token); });
    }
    void renew(const QString &rejected, QObject *context, Callback done) const override
    {
        ++renewCalls;
        refused.append(rejected);
        Result<QString> answer = m_renewals.isEmpty()
            ? Result<QString>(Error::because(Error::Kind::Auth, ErrorReason::SignInExpired))
            : Result<QString>(m_renewals.takeFirst());
        QTimer::singleShot(1, context, [answer, done] { done(answer); });
    }

    mutable int renewCalls = 0;
    mutable QStringList refused;

private:
    QString m_token;
    mutable QStringList m_renewals;
};

RetryPolicy fastPolicy()
{
    RetryPolicy policy;
    policy.baseDelay = 1ms;
    policy.maxDelay = 4ms;
    policy.jitter = 0;
    policy.stallTimeout = 5s;
    policy.rateLimitMargin = 0ms;
    return policy;
}

// 2023-11-14T22:13:20Z, a whole second.
constexpr qint64 kResetSeconds = 1'700'000'000;

struct Counter
{
    int finished = 0;
    bool insideStart = false;
    bool emittedInsideStart = false;
};

void watch(Job *job, Counter &counter)
{
    QObject::connect(job, &Job::finished, job, [&counter] {
        ++counter.finished;
        if (counter.insideStart)
            counter.emittedInsideStart = true;
    });
}

void startWatched(Job *job, Counter &counter)
{
    counter.insideStart = true;
    job->start();
    counter.insideStart = false;
}

// Lets queued events run, so that a second finished() would have arrived.
void drainEvents()
{
    for (int i = 0; i < 3; ++i)
        QCoreApplication::processEvents();
}

} // namespace

class TestNetworkJob : public QObject
{
    Q_OBJECT

private slots:
    void finishesOnceAndNeverInsideStart_data()
    {
        QTest::addColumn<FakeResponse>("response");
        QTest::addColumn<bool>("failBuild");
        QTest::addColumn<bool>("ok");
        QTest::newRow("200") << FakeResponse::json(R"({"status":"ok"})") << false << true;
        QTest::newRow("404") << FakeResponse::cloudinaryError(404, "nope") << false << false;
        QTest::newRow("refused") << FakeResponse::transportError(QNetworkReply::ConnectionRefusedError)
                                 << false << false;
        QTest::newRow("bad body") << FakeResponse::json("<html>") << false << false;
        QTest::newRow("request cannot be built") << FakeResponse() << true << false;
    }
    void finishesOnceAndNeverInsideStart()
    {
        QFETCH(FakeResponse, response);
        QFETCH(bool, failBuild);
        QFETCH(bool, ok);
        FakeNetwork network;
        network.handler = [response](const auto &) {
            return response;
        };
        ProbeJob job(&network);
        RetryPolicy policy = fastPolicy();
        policy.maxAttempts = 2;
        job.setRetryPolicy(policy);
        if (failBuild)
            job.buildError = Error::invalidInput(u"bad input"_s);
        Counter counter;
        watch(&job, counter);

        startWatched(&job, counter);
        QCOMPARE(counter.finished, 0);
        QTRY_COMPARE(counter.finished, 1);
        drainEvents();
        QCOMPARE(counter.finished, 1);
        QVERIFY(!counter.emittedInsideStart);
        QCOMPARE(job.error().has_value(), !ok);
        QCOMPARE(job.state(), Job::State::Finished);
        QCOMPARE(network.requests.isEmpty(), failBuild);
    }

    void startTwiceRunsOnce()
    {
        FakeNetwork network;
        ProbeJob job(&network);
        Counter counter;
        watch(&job, counter);
        job.start();
        job.start();
        QTRY_COMPARE(counter.finished, 1);
        drainEvents();
        QCOMPARE(network.requests.size(), 1);
    }

    void cancelFinishesOnce_data()
    {
        QTest::addColumn<QString>("when");
        QTest::newRow("before start") << u"before"_s;
        QTest::newRow("right after start") << u"queued"_s;
        QTest::newRow("while the reply hangs") << u"hanging"_s;
        QTest::newRow("while waiting to retry") << u"retry-wait"_s;
        QTest::newRow("twice") << u"twice"_s;
    }
    void cancelFinishesOnce()
    {
        QFETCH(QString, when);
        FakeNetwork network;
        ProbeJob job(&network);
        RetryPolicy policy = fastPolicy();
        policy.baseDelay = 10s; // a retry wait that only cancel() ends
        policy.maxDelay = 10s;
        job.setRetryPolicy(policy);
        network.enqueue(when == u"retry-wait" ? FakeResponse::cloudinaryError(503, "busy")
                                              : FakeResponse::hanging());
        Counter counter;
        watch(&job, counter);
        QSignalSpy retries(&job, &NetworkJob::retryScheduled);

        if (when == u"before") {
            job.cancel();
            job.start();
        } else {
            startWatched(&job, counter);
            if (when == u"hanging" || when == u"twice")
                QTRY_COMPARE(network.requests.size(), 1);
            if (when == u"retry-wait")
                QTRY_COMPARE(retries.size(), 1);
            job.cancel();
            if (when == u"twice")
                job.cancel();
        }
        QCOMPARE(counter.finished, 0); // not from inside cancel()
        QTRY_COMPARE(counter.finished, 1);
        drainEvents();
        QCOMPARE(counter.finished, 1);
        QVERIFY(job.error());
        QCOMPARE(job.error()->kind, Error::Kind::Cancelled);
        if (when == u"hanging" || when == u"twice")
            QVERIFY(network.requests.first().aborted);
        if (when == u"before" || when == u"queued")
            QVERIFY(network.requests.isEmpty());
        if (when == u"retry-wait")
            QCOMPARE(network.requests.size(), 1);
    }

    void cancelAfterFinishKeepsTheOutcome()
    {
        FakeNetwork network;
        ProbeJob job(&network);
        Counter counter;
        watch(&job, counter);
        job.start();
        QTRY_COMPARE(counter.finished, 1);
        job.cancel();
        drainEvents();
        QCOMPARE(counter.finished, 1);
        QVERIFY(!job.error());
    }

    void autoDeleteDeletesAfterFinished()
    {
        FakeNetwork network;
        auto *raw = new ProbeJob(&network);
        const QPointer<ProbeJob> job = raw;
        raw->setAutoDelete(true);
        int finished = 0;
        connect(raw, &Job::finished, this, [&finished] { ++finished; });
        raw->start();
        QTRY_VERIFY(job.isNull());
        QCOMPARE(finished, 1);
    }

    void retriesWhatMayHeal_data()
    {
        QTest::addColumn<QList<FakeResponse>>("responses");
        QTest::addColumn<int>("maxAttempts");
        QTest::addColumn<int>("expectedRequests");
        QTest::addColumn<bool>("ok");
        const FakeResponse good = FakeResponse::json(R"({"status":"ok"})");
        const auto status = [](int code) {
            return FakeResponse::cloudinaryError(code, "server trouble");
        };
        QTest::newRow("503 then 200") << QList<FakeResponse> {status(503), good} << 4 << 2 << true;
        QTest::newRow("500 502 504 then 200")
            << QList<FakeResponse> {status(500), status(502), status(504), good} << 4 << 4 << true;
        QTest::newRow("refused then 200")
            << QList<FakeResponse> {FakeResponse::transportError(QNetworkReply::ConnectionRefusedError), good}
            << 4 << 2 << true;
        QTest::newRow("closed then 200")
            << QList<FakeResponse> {FakeResponse::transportError(QNetworkReply::RemoteHostClosedError), good}
            << 4 << 2 << true;
        QTest::newRow("gives up after maxAttempts")
            << QList<FakeResponse> {status(500), status(500), status(500), good} << 3 << 3 << false;
        QTest::newRow("429 without a reset backs off")
            << QList<FakeResponse> {status(429), good} << 4 << 2 << true;
        QTest::newRow("no retries") << QList<FakeResponse> {status(500), good} << 1 << 1 << false;
        QTest::newRow("TLS failure is not retried")
            << QList<FakeResponse> {FakeResponse::transportError(QNetworkReply::SslHandshakeFailedError),
                                    good}
            << 4 << 1 << false;
        QTest::newRow("501 is not retried") << QList<FakeResponse> {status(501), good} << 4 << 1 << false;
    }
    void retriesWhatMayHeal()
    {
        QFETCH(QList<FakeResponse>, responses);
        QFETCH(int, maxAttempts);
        QFETCH(int, expectedRequests);
        QFETCH(bool, ok);
        FakeNetwork network;
        network.responses = responses;
        ProbeJob job(&network);
        RetryPolicy policy = fastPolicy();
        policy.maxAttempts = maxAttempts;
        job.setRetryPolicy(policy);
        QSignalSpy finished(&job, &Job::finished);
        QSignalSpy retries(&job, &NetworkJob::retryScheduled);
        job.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(network.requests.size(), expectedRequests);
        QCOMPARE(job.attempts(), expectedRequests);
        QCOMPARE(!job.error(), ok);
        QCOMPARE(retries.size(), expectedRequests - 1);
        if (ok)
            QCOMPARE(job.json.value(u"status").toString(), u"ok"_s);
    }

    void noRetryOnClientErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<Error::Kind>("kind");
        QTest::newRow("400") << 400 << Error::Kind::InvalidInput;
        QTest::newRow("401") << 401 << Error::Kind::Auth;
        QTest::newRow("403") << 403 << Error::Kind::Permission;
        QTest::newRow("404") << 404 << Error::Kind::NotFound;
        QTest::newRow("409") << 409 << Error::Kind::Conflict;
        QTest::newRow("302") << 302 << Error::Kind::Server;
    }
    void noRetryOnClientErrors()
    {
        QFETCH(int, status);
        QFETCH(Error::Kind, kind);
        FakeNetwork network;
        network.handler = [status](const auto &) {
            return FakeResponse::cloudinaryError(status, "Resource not found - sample")
                .withHeader("X-Request-Id", "req-123");
        };
        ProbeJob job(&network);
        job.setRetryPolicy(fastPolicy());
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(network.requests.size(), 1);
        QVERIFY(job.error());
        QCOMPARE(job.error()->kind, kind);
        QCOMPARE(job.error()->httpStatus, status);
        QCOMPARE(job.error()->message, u"Resource not found - sample"_s);
        QVERIFY(!job.error()->retryable);
        QCOMPARE(job.httpStatus(), status);
        QCOMPARE(job.requestId(), QByteArray("req-123"));
    }

    void stalledTransferIsAbortedAndRetried()
    {
        FakeNetwork network;
        network.enqueue(FakeResponse::hanging());
        network.enqueue(FakeResponse::json(R"({"status":"ok"})"));
        ProbeJob job(&network);
        RetryPolicy policy = fastPolicy();
        policy.stallTimeout = 50ms;
        job.setRetryPolicy(policy);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(5000));
        QVERIFY(!job.error());
        QCOMPARE(network.requests.size(), 2);
        QVERIFY(network.requests.first().aborted);
    }

    void stalledTransferFailsAsNetworkError()
    {
        FakeNetwork network;
        network.handler = [](const auto &) {
            return FakeResponse::hanging();
        };
        ProbeJob job(&network);
        RetryPolicy policy = fastPolicy();
        policy.stallTimeout = 20ms;
        policy.maxAttempts = 2;
        job.setRetryPolicy(policy);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(5000));
        QVERIFY(job.error());
        QCOMPARE(job.error()->kind, Error::Kind::Network);
        QCOMPARE(network.requests.size(), 2);
    }

    void rateLimitedWaitsForTheReset_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("420 with X-FeatureRateLimit-Reset") << 420 << QByteArray("X-FeatureRateLimit-Reset");
        QTest::newRow("429 with Retry-After date") << 429 << QByteArray("Retry-After");
    }
    void rateLimitedWaitsForTheReset()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, header);
        // "Now" is 150 ms before the reset second, so the job must wait about that long.
        FixedClock clock(kResetSeconds * 1000 - 150);
        const QDateTime reset = QDateTime::fromSecsSinceEpoch(kResetSeconds, Qt::UTC);
        FakeNetwork network;
        network.enqueue(FakeResponse::cloudinaryError(status, "Rate Limit Exceeded")
                            .withHeader(header, HttpDate::format(reset))
                            .withHeader("X-FeatureRateLimit-Limit", "500")
                            .withHeader("X-FeatureRateLimit-Remaining", "0"));
        network.enqueue(FakeResponse::json(R"({"status":"ok"})")
                            .withHeader("X-FeatureRateLimit-Limit", "500")
                            .withHeader("X-FeatureRateLimit-Remaining", "499")
                            .withHeader("X-FeatureRateLimit-Reset", HttpDate::format(reset.addSecs(3600))));
        RateLimitBudget budget;
        ProbeJob job(&network);
        job.setRetryPolicy(fastPolicy());
        job.setClock(&clock);
        job.setRateLimitBudget(&budget);
        QSignalSpy waiting(&job, &NetworkJob::waitingForRateLimit);
        QSignalSpy budgetChanged(&budget, &RateLimitBudget::changed);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(5000));
        QVERIFY2(!job.error(), qPrintable(job.error() ? job.error()->message : QString()));
        QCOMPARE(network.requests.size(), 2);
        QVERIFY2(network.requests[1].atMs - network.requests[0].atMs >= 140,
                 qPrintable(QString::number(network.requests[1].atMs - network.requests[0].atMs)));
        QCOMPARE(waiting.size(), 1);
        QCOMPARE(waiting.first().first().toDateTime(), reset);
        QCOMPARE(budgetChanged.size(), 2); // spent, then refilled
        QCOMPARE(budget.remaining(), 499);
        QCOMPARE(budget.limit(), 500);
    }

    void rateLimitTooFarAwayFailsWithRetryAfter()
    {
        FixedClock clock(kResetSeconds * 1000);
        const QDateTime reset = QDateTime::fromSecsSinceEpoch(kResetSeconds + 7200, Qt::UTC);
        FakeNetwork network;
        network.handler = [reset](const auto &) {
            return FakeResponse::cloudinaryError(420, "Rate Limit Exceeded")
                .withHeader("X-FeatureRateLimit-Reset", HttpDate::format(reset));
        };
        ProbeJob job(&network);
        job.setRetryPolicy(fastPolicy());
        job.setClock(&clock);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(network.requests.size(), 1);
        QVERIFY(job.error());
        QCOMPARE(job.error()->kind, Error::Kind::RateLimited);
        QVERIFY(job.error()->retryable);
        QCOMPARE(job.error()->retryAfter, std::optional<QDateTime>(reset));
    }

    void rateLimitWaitsAreBounded()
    {
        FixedClock clock(kResetSeconds * 1000 - 5);
        const QDateTime reset = QDateTime::fromSecsSinceEpoch(kResetSeconds, Qt::UTC);
        FakeNetwork network;
        network.handler = [reset](const auto &) {
            return FakeResponse::cloudinaryError(429, "slow down")
                .withHeader("X-FeatureRateLimit-Reset", HttpDate::format(reset));
        };
        ProbeJob job(&network);
        RetryPolicy policy = fastPolicy();
        policy.maxRateLimitWaits = 2;
        job.setRetryPolicy(policy);
        job.setClock(&clock);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(network.requests.size(), 3);
        QCOMPARE(job.error()->kind, Error::Kind::RateLimited);
    }

    void spentBudgetWaitsBeforeSending()
    {
        FixedClock clock(kResetSeconds * 1000 - 120);
        RateLimitBudget budget;
        budget.markExhausted(QDateTime::fromSecsSinceEpoch(kResetSeconds, Qt::UTC));
        QVERIFY(budget.isExhausted(QDateTime::fromMSecsSinceEpoch(clock.currentMSecsSinceEpoch(), Qt::UTC)));
        FakeNetwork network;
        ProbeJob job(&network);
        job.setRetryPolicy(fastPolicy());
        job.setClock(&clock);
        job.setRateLimitBudget(&budget);
        QSignalSpy waiting(&job, &NetworkJob::waitingForRateLimit);
        QSignalSpy finished(&job, &Job::finished);
        const qint64 started = network.elapsedMs();
        job.start();
        QVERIFY(finished.wait(5000));
        QVERIFY(!job.error());
        QCOMPARE(waiting.size(), 1);
        QCOMPARE(network.requests.size(), 1);
        QVERIFY(network.requests.first().atMs - started >= 110);
    }

    void identityAndBasicAuthOnEveryRequest()
    {
        FakeNetwork network;
        network.enqueue(FakeResponse::cloudinaryError(500, "once more"));
        ProbeJob job(&network);
        job.setRetryPolicy(fastPolicy());
        job.setCredentials(u"123456"_s, std::make_shared<FixedSecret>(u"s3cr3t"_s),
                           NetworkJob::Authentication::Basic);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(network.requests.size(), 2);
        for (const auto &request : std::as_const(network.requests)) {
            QCOMPARE(request.request.header(QNetworkRequest::UserAgentHeader).toByteArray(),
                     UserAgent::value());
            QCOMPARE(request.header("Authorization"), "Basic " + QByteArray("123456:s3cr3t").toBase64());
            QVERIFY(!request.url().toString().contains(u"s3cr3t"));
        }
        QVERIFY(job.secretSeen.isEmpty()); // Basic jobs never hand the secret to the subclass
    }

    void signatureJobsGetTheSecretAndNoAuthorizationHeader()
    {
        FakeNetwork network;
        ProbeJob job(&network);
        job.setCredentials(u"123456"_s, std::make_shared<FixedSecret>(u"s3cr3t"_s),
                           NetworkJob::Authentication::Signature);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(job.secretSeen, u"s3cr3t"_s);
        QVERIFY(network.requests.first().header("Authorization").isEmpty());
        QCOMPARE(network.requests.first().request.header(QNetworkRequest::UserAgentHeader).toByteArray(),
                 UserAgent::value());
    }

    void accessTokensGoAsBearerAndNothingIsSigned_data()
    {
        QTest::addColumn<NetworkJob::Authentication>("authentication");
        QTest::newRow("Basic (Admin, Search)") << NetworkJob::Authentication::Basic;
        QTest::newRow("Signature (Upload)") << NetworkJob::Authentication::Signature;
    }
    void accessTokensGoAsBearerAndNothingIsSigned()
    {
        QFETCH(NetworkJob::Authentication, authentication);
        FakeNetwork network;
        ProbeJob job(&network);
        job.setCredentials(u"123456"_s, std::make_shared<FakeTokenSource>(u"tok.en.1"_s, QStringList()),
                           authentication);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(5000));
        QVERIFY(!job.error());
        QCOMPARE(network.requests.first().header("Authorization"), "Bearer tok.en.1"_ba);
        QVERIFY(job.secretSeen.isEmpty()); // the subclass signs nothing with a token
    }

    void aRefusedTokenIsRenewedOnceAndTheRequestSentAgain()
    {
        FakeNetwork network;
        network.enqueue(FakeResponse::cloudinaryError(401, "Invalid token"));
        auto source = std::make_shared<FakeTokenSource>(u"old"_s, QStringList {u"new"_s});
        ProbeJob job(&network);
        job.setRetryPolicy(fastPolicy());
        job.setCredentials(u"k"_s, source, NetworkJob::Authentication::Basic);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(5000));
        QVERIFY2(!job.error(), job.error() ? qPrintable(job.error()->message) : "");
        QCOMPARE(network.requests.size(), 2);
        QCOMPARE(network.requests.at(0).header("Authorization"), "Bearer old"_ba);
        QCOMPARE(network.requests.at(1).header("Authorization"), "Bearer new"_ba);
        QCOMPARE(source->renewCalls, 1);
        QCOMPARE(source->refused, QStringList {u"old"_s});
    }

    void aTokenRefusedAgainMeansSignInAgain()
    {
        FakeNetwork network;
        network.enqueue(FakeResponse::cloudinaryError(401, "Invalid token"));
        network.enqueue(FakeResponse::cloudinaryError(401, "Invalid token"));
        network.enqueue(FakeResponse::json("{}"));
        auto source = std::make_shared<FakeTokenSource>(u"old"_s, QStringList {u"new"_s, u"newer"_s});
        ProbeJob job(&network);
        job.setRetryPolicy(fastPolicy());
        job.setCredentials(u"k"_s, source, NetworkJob::Authentication::Basic);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(5000));
        QVERIFY(job.error());
        QCOMPARE(job.error()->kind, Error::Kind::Auth);
        QCOMPARE(job.error()->reason, ErrorReason::SignInExpired);
        QCOMPARE(source->renewCalls, 1); // once a job, never a loop
        QCOMPARE(network.requests.size(), 2);
    }

    void aTokenThatCannotBeRenewedEndsTheJob()
    {
        FakeNetwork network;
        network.enqueue(FakeResponse::cloudinaryError(401, "Token expired"));
        auto source = std::make_shared<FakeTokenSource>(u"old"_s, QStringList());
        ProbeJob job(&network);
        job.setCredentials(u"k"_s, source, NetworkJob::Authentication::Signature);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(5000));
        QVERIFY(job.error());
        QCOMPARE(job.error()->reason, ErrorReason::SignInExpired);
        QCOMPARE(network.requests.size(), 1);
    }

    void aSecretRefusedIsNotRenewed()
    {
        FakeNetwork network;
        network.enqueue(FakeResponse::cloudinaryError(401, "Invalid Signature"));
        ProbeJob job(&network);
        job.setCredentials(u"k"_s, std::make_shared<FixedSecret>(u"s"_s), NetworkJob::Authentication::Basic);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(5000));
        QVERIFY(job.error());
        QCOMPARE(job.error()->kind, Error::Kind::Auth);
        QVERIFY(job.error()->reason != ErrorReason::SignInExpired);
        QCOMPARE(network.requests.size(), 1);
    }

    void secretMayArriveLater()
    {
        FakeNetwork network;
        ProbeJob job(&network);
        job.setCredentials(u"k"_s, std::make_shared<DelayedSecret>(u"later"_s),
                           NetworkJob::Authentication::Basic);
        Counter counter;
        watch(&job, counter);
        startWatched(&job, counter);
        QTRY_COMPARE(counter.finished, 1);
        QVERIFY(!job.error());
        QCOMPARE(network.requests.first().header("Authorization"),
                 "Basic " + QByteArray("k:later").toBase64());
    }

    void missingSecretFailsWithoutARequest_data()
    {
        QTest::addColumn<std::shared_ptr<const SecretSource>>("source");
        QTest::newRow("no source") << std::shared_ptr<const SecretSource>();
        QTest::newRow("empty secret")
            << std::shared_ptr<const SecretSource>(std::make_shared<FixedSecret>(QString()));
        QTest::newRow("keychain error") << std::shared_ptr<const SecretSource>(
            std::make_shared<DelayedSecret>(makeError(Error::Kind::Auth, u"locked"_s)));
    }
    void missingSecretFailsWithoutARequest()
    {
        QFETCH(std::shared_ptr<const SecretSource>, source);
        FakeNetwork network;
        ProbeJob job(&network);
        job.setCredentials(u"k"_s, source, NetworkJob::Authentication::Basic);
        Counter counter;
        watch(&job, counter);
        startWatched(&job, counter);
        QTRY_COMPARE(counter.finished, 1);
        QVERIFY(!counter.emittedInsideStart);
        QVERIFY(job.error());
        QCOMPARE(job.error()->kind, Error::Kind::Auth);
        QVERIFY(network.requests.isEmpty());
    }

    void credentialsNeverTravelInClearToAnotherComputer_data()
    {
        using Auth = NetworkJob::Authentication;
        QTest::addColumn<QString>("url");
        QTest::addColumn<Auth>("authentication");
        QTest::addColumn<bool>("sent");
        QTest::newRow("https") << u"https://api.example.test/ping"_s << Auth::Basic << true;
        QTest::newRow("http, another host") << u"http://api.example.test/ping"_s << Auth::Basic << false;
        QTest::newRow("HTTP, another host") << u"HTTP://API.EXAMPLE.TEST/ping"_s << Auth::Basic << false;
        QTest::newRow("http, signed") << u"http://api.example.test/ping"_s << Auth::Signature << false;
        QTest::newRow("http, no credentials") << u"http://api.example.test/ping"_s << Auth::None << true;
        QTest::newRow("http, an address elsewhere")
            << u"http://192.0.2.7:8080/ping"_s << Auth::Basic << false;
        QTest::newRow("http, 0.0.0.0") << u"http://0.0.0.0:8080/ping"_s << Auth::Basic << false;
        QTest::newRow("http, IPv6 elsewhere") << u"http://[2001:db8::1]/ping"_s << Auth::Basic << false;
        QTest::newRow("http, a name like loopback")
            << u"http://127.0.0.1.example.test/ping"_s << Auth::Basic << false;
        QTest::newRow("http, localhost.example")
            << u"http://localhost.example.test/ping"_s << Auth::Basic << false;
        QTest::newRow("http, 127.0.0.1") << u"http://127.0.0.1:9/ping"_s << Auth::Basic << true;
        QTest::newRow("http, 127.8.9.10") << u"http://127.8.9.10:9/ping"_s << Auth::Signature << true;
        QTest::newRow("http, ::1") << u"http://[::1]:9/ping"_s << Auth::Basic << true;
        QTest::newRow("http, localhost") << u"http://localhost:9/ping"_s << Auth::Basic << true;
        QTest::newRow("http, LocalHost.") << u"http://LocalHost.:9/ping"_s << Auth::Basic << true;
    }
    void credentialsNeverTravelInClearToAnotherComputer()
    {
        QFETCH(QString, url);
        QFETCH(NetworkJob::Authentication, authentication);
        QFETCH(bool, sent);
        FakeNetwork network;
        ProbeJob job(&network);
        job.url = QUrl(url);
        job.setCredentials(u"123456"_s, std::make_shared<FixedSecret>(u"s3cr3t"_s), authentication);
        Counter counter;
        watch(&job, counter);
        startWatched(&job, counter);
        QTRY_COMPARE(counter.finished, 1);
        QVERIFY(!counter.emittedInsideStart);
        QCOMPARE(network.requests.size(), sent ? 1 : 0);
        QCOMPARE(job.error().has_value(), !sent);
        if (!sent) {
            QCOMPARE(job.error()->kind, Error::Kind::InsecureTransport);
            QCOMPARE(job.error()->reason, ErrorReason::CredentialsInClear);
            QCOMPARE(job.error()->subject, QUrl(url).host());
            QVERIFY(!job.error()->subject.contains(u"s3cr3t"_s));
            return;
        }

        // Allowed for these credentials, they go (with the same headers as ever).
        FakeNetwork allowedNetwork;
        ProbeJob allowed(&allowedNetwork);
        allowed.url = QUrl(url);
        allowed.setCredentials(u"123456"_s,
                               std::make_shared<FixedSecret>(u"s3cr3t"_s, InsecureTransport::Allowed),
                               authentication);
        QSignalSpy finished(&allowed, &Job::finished);
        allowed.start();
        QVERIFY(finished.wait(5000));
        QVERIFY(!allowed.error());
        QCOMPARE(allowedNetwork.requests.size(), 1);
    }

    void insecureTransportCanBeAllowed()
    {
        FakeNetwork network;
        ProbeJob job(&network);
        job.url = QUrl(u"http://api.example.test/ping"_s);
        job.setCredentials(u"123456"_s,
                           std::make_shared<FixedSecret>(u"s3cr3t"_s, InsecureTransport::Allowed),
                           NetworkJob::Authentication::Basic);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(5000));
        QVERIFY(!job.error());
        QCOMPARE(network.requests.size(), 1);
        QCOMPARE(network.requests.first().header("Authorization"),
                 "Basic " + QByteArray("123456:s3cr3t").toBase64());
    }

    void whatCountsAsThisComputer_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("localhost") << u"localhost"_s << true;
        QTest::newRow("LOCALHOST.") << u"LOCALHOST."_s << true;
        QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << true;
        QTest::newRow("127.255.255.254") << u"127.255.255.254"_s << true;
        QTest::newRow("::1") << u"::1"_s << true;
        QTest::newRow("[::1]") << u"[::1]"_s << true;
        QTest::newRow("128.0.0.1") << u"128.0.0.1"_s << false;
        QTest::newRow("0.0.0.0") << u"0.0.0.0"_s << false;
        QTest::newRow("::") << u"::"_s << false;
        QTest::newRow("localhost.localdomain") << u"localhost.localdomain"_s << false;
        QTest::newRow("127.0.0.1.nip.io") << u"127.0.0.1.nip.io"_s << false;
        QTest::newRow("empty") << QString() << false;
    }
    void whatCountsAsThisComputer()
    {
        QFETCH(QString, host);
        QFETCH(bool, loopback);
        QCOMPARE(isLoopbackHost(host), loopback);
    }

    void networkGoneIsAnError()
    {
        auto network = std::make_unique<FakeNetwork>();
        ProbeJob job(network.get());
        network.reset();
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(job.error()->kind, Error::Kind::Internal);
    }
};

QTEST_GUILESS_MAIN(TestNetworkJob)
#include "tst_networkjob.moc"
