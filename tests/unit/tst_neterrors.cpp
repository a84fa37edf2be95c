// The pure parts of the network layer, one table each: which answers become which Error (kind,
// Cloudinary's message, retryable, retry-after), the back-off curve, HTTP dates as servers send
// them, and the rate-limit budget's bookkeeping from X-FeatureRateLimit-* headers.
#include "core/net/httpdate.h"
#include "core/net/httpreply.h"
#include "core/net/ratelimitbudget.h"
#include "core/net/retrypolicy.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace stratus::core;

Q_DECLARE_METATYPE(stratus::core::Error::Kind)

namespace {

// 2023-11-14T22:13:20Z, a whole second.
constexpr qint64 kResetSeconds = 1'700'000'000;

} // namespace

class TestNetErrors : public QObject
{
    Q_OBJECT

private slots:
    void budgetFollowsTheHeaders()
    {
        RateLimitBudget budget;
        QSignalSpy changed(&budget, &RateLimitBudget::changed);
        QVERIFY(!budget.isKnown());
        HttpReply reply;
        reply.status = 200;
        reply.headers = {{"x-featureratelimit-limit", "500"},
                         {"X-FeatureRateLimit-Remaining", "42"},
                         {"X-FeatureRateLimit-Reset", "Tue, 14 Nov 2023 23:00:00 GMT"}};
        const QDateTime now = QDateTime::fromSecsSinceEpoch(kResetSeconds, Qt::UTC);
        budget.update(reply, now);
        QVERIFY(budget.isKnown());
        QCOMPARE(budget.limit(), 500);
        QCOMPARE(budget.remaining(), 42);
        QCOMPARE(budget.resetAt(), QDateTime(QDate(2023, 11, 14), QTime(23, 0), Qt::UTC));
        QVERIFY(!budget.isExhausted(now));
        QCOMPARE(changed.size(), 1);
        budget.update(reply, now); // same values: no signal
        QCOMPARE(changed.size(), 1);
        HttpReply without;
        without.status = 200;
        budget.update(without, now);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(budget.remaining(), 42);
        reply.headers[1].second = "0";
        budget.update(reply, now);
        QVERIFY(budget.isExhausted(now));
        QVERIFY(!budget.isExhausted(budget.resetAt()));
        QCOMPARE(changed.size(), 2);
    }

    void errorMapping_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<Error::Kind>("kind");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("retryable");
        QTest::newRow("400 json") << 400 << QByteArray(R"({"error":{"message":"Invalid public id"}})")
                                  << Error::Kind::InvalidInput << u"Invalid public id"_s << false;
        QTest::newRow("401 html") << 401 << QByteArray("<html><body>Unauthorized</body></html>")
                                  << Error::Kind::Auth << u"HTTP 401"_s << false;
        QTest::newRow("403 error as text") << 403 << QByteArray(R"({"error":"Forbidden here"})")
                                           << Error::Kind::Permission << u"Forbidden here"_s << false;
        QTest::newRow("404 empty") << 404 << QByteArray() << Error::Kind::NotFound << u"HTTP 404"_s << false;
        QTest::newRow("409") << 409 << QByteArray(R"({"error":{"message":"Folder already exists"}})")
                             << Error::Kind::Conflict << u"Folder already exists"_s << false;
        QTest::newRow("413 other 4xx")
            << 413 << QByteArray() << Error::Kind::InvalidInput << u"HTTP 413"_s << false;
        QTest::newRow("420") << 420 << QByteArray(R"({"error":{"message":"Rate Limit Exceeded"}})")
                             << Error::Kind::RateLimited << u"Rate Limit Exceeded"_s << true;
        QTest::newRow("429") << 429 << QByteArray() << Error::Kind::RateLimited << u"HTTP 429"_s << true;
        QTest::newRow("500 unparsable json")
            << 500 << QByteArray(R"({"error":)") << Error::Kind::Server << u"HTTP 500"_s << true;
        QTest::newRow("503") << 503 << QByteArray(R"({"error":{"message":"busy"}})") << Error::Kind::Server
                             << u"busy"_s << true;
        QTest::newRow("505") << 505 << QByteArray() << Error::Kind::Server << u"HTTP 505"_s << false;
    }
    void errorMapping()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(Error::Kind, kind);
        QFETCH(QString, message);
        QFETCH(bool, retryable);
        HttpReply reply;
        reply.status = status;
        reply.body = body;
        const Error error = errorFromReply(reply, QDateTime::currentDateTimeUtc());
        QCOMPARE(error.kind, kind);
        QCOMPARE(error.message, message);
        QCOMPARE(error.retryable, retryable);
        QCOMPARE(error.httpStatus, status);
    }

    void retryAfterSources()
    {
        const QDateTime now = QDateTime::fromSecsSinceEpoch(kResetSeconds, Qt::UTC);
        HttpReply reply;
        reply.status = 429;
        reply.headers = {{"Retry-After", "30"}};
        QCOMPARE(errorFromReply(reply, now).retryAfter, std::optional<QDateTime>(now.addSecs(30)));
        reply.headers = {{"X-FeatureRateLimit-Reset", "Tue, 14 Nov 2023 23:00:00 GMT"}};
        QCOMPARE(errorFromReply(reply, now).retryAfter,
                 std::optional<QDateTime>(QDateTime(QDate(2023, 11, 14), QTime(23, 0), Qt::UTC)));
        reply.status = 503; // the hourly reset says nothing about a busy server
        QVERIFY(!errorFromReply(reply, now).retryAfter);
        reply.headers = {{"Retry-After", "Tue, 14 Nov 2023 22:14:00 GMT"}};
        QCOMPARE(errorFromReply(reply, now).retryAfter, std::optional<QDateTime>(now.addSecs(40)));
    }

    void transportErrorMessageCarriesNoUrl()
    {
        HttpReply reply;
        reply.networkError = QNetworkReply::HostNotFoundError;
        reply.networkErrorText = u"Host api.example.test not found"_s;
        const Error error = errorFromReply(reply, QDateTime::currentDateTimeUtc());
        QCOMPARE(error.kind, Error::Kind::Network);
        QVERIFY(error.retryable);
        QCOMPARE(error.httpStatus, 0);
    }

    void backoffCurve_data()
    {
        QTest::addColumn<int>("retry");
        QTest::addColumn<double>("random");
        QTest::addColumn<qint64>("expectedMs");
        QTest::newRow("first, no jitter drawn") << 1 << 0.0 << qint64(100);
        QTest::newRow("first, full jitter") << 1 << 0.999999 << qint64(50);
        QTest::newRow("second doubles") << 2 << 0.0 << qint64(200);
        QTest::newRow("third doubles again") << 3 << 0.5 << qint64(300);
        QTest::newRow("capped") << 10 << 0.0 << qint64(1000);
        QTest::newRow("huge retry number stays capped") << 500 << 0.0 << qint64(1000);
    }
    void backoffCurve()
    {
        QFETCH(int, retry);
        QFETCH(double, random);
        QFETCH(qint64, expectedMs);
        RetryPolicy policy;
        policy.baseDelay = 100ms;
        policy.maxDelay = 1000ms;
        policy.jitter = 0.5;
        QCOMPARE(policy.backoffDelay(retry, random).count(), expectedMs);
    }

    void httpDates_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime rfc(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC);
        QTest::newRow("IMF-fixdate") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << rfc;
        QTest::newRow("RFC 850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << rfc;
        QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << rfc;
        QTest::newRow("numeric zone") << QByteArray("Sun, 06 Nov 1994 10:49:37 +0200") << rfc;
        QTest::newRow("lower-case month") << QByteArray("Sun, 06 nov 1994 08:49:37 GMT") << rfc;
        QTest::newRow("garbage") << QByteArray("soon") << QDateTime();
        QTest::newRow("empty") << QByteArray() << QDateTime();
        QTest::newRow("bad day") << QByteArray("Sun, 32 Nov 1994 08:49:37 GMT") << QDateTime();
        QTest::newRow("bad zone") << QByteArray("Sun, 06 Nov 1994 08:49:37 CEST") << QDateTime();
    }
    void httpDates()
    {
        QFETCH(QByteArray, text);
        QFETCH(QDateTime, expected);
        const auto parsed = HttpDate::parse(text);
        QCOMPARE(parsed.has_value(), expected.isValid());
        if (parsed)
            QCOMPARE(*parsed, expected);
    }

    void httpDateRoundTrip()
    {
        const QDateTime time(QDate(2026, 3, 1), QTime(12, 0, 5), Qt::UTC);
        QCOMPARE(HttpDate::format(time), QByteArray("Sun, 01 Mar 2026 12:00:05 GMT"));
        QCOMPARE(HttpDate::parse(HttpDate::format(time)), std::optional<QDateTime>(time));
    }
};

QTEST_GUILESS_MAIN(TestNetErrors)
#include "tst_neterrors.moc"
