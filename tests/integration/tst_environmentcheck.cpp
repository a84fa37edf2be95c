// EnvironmentCheck against a real stratus-sandbox: what "Test connection" and `env add` report
// for good credentials, each kind of failure, and credentials refused one feature.
#include "sandboxprocess.h"

#include "core/accounts/apicontextfor.h"
#include "core/accounts/environmentcheck.h"
#include "core/net/neterror.h"
#include "core/net/secretsource.h"

#include <QNetworkProxy>
#include <QTcpServer>
#include <QTest>

using namespace stratus;
using namespace stratus::test;

namespace {

core::Result<core::EnvironmentCheckResult> check(const QString &url, QNetworkAccessManager *network,
                                                 core::RateLimitBudget *budget = nullptr)
{
    const auto parsed = core::CloudinaryUrl::parse(url);
    if (!parsed)
        return parsed.error();
    auto context = core::apiContextFor(*parsed, std::make_shared<core::FixedSecret>(parsed->apiSecret()),
                                       network, budget);
    if (!context)
        return context.error();
    context.value().retryPolicy.maxAttempts = 1;
    std::optional<core::Result<core::EnvironmentCheckResult>> outcome;
    QObject owner;
    core::EnvironmentCheck::start(
        std::move(context).value(), &owner,
        [&](core::Result<core::EnvironmentCheckResult> result) { outcome = result; });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 30000))
        return core::makeError(core::Error::Kind::Internal, QStringLiteral("the check did not finish"));
    return *outcome;
}

// A free port with nothing listening on it.
quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

QString withSecret(const QString &url, const QString &secret)
{
    auto parsed = core::CloudinaryUrl::parse(url).value();
    return parsed.withSecret(secret).toString();
}

} // namespace

class TestEnvironmentCheck : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(
            m_sandbox.start(
                {QStringLiteral("--environment"),
                 QStringLiteral("cloudinary://111111111111111:good-secret-1@fixedcloud?folder_mode=fixed"),
                 QStringLiteral("--environment"),
                 QStringLiteral(
                     "cloudinary://222222222222222:good-secret-2@limitedcloud?denied_apis=usage,config"),
                 QStringLiteral("--environment"),
                 QStringLiteral("cloudinary://333333333333333:good-secret-3@noadmincloud?denied_apis=ping")},
                3, false, &error),
            qPrintable(error));
    }

    void goodCredentialsReportFolderModeUsageAndBudget()
    {
        core::RateLimitBudget budget;
        const auto result = check(m_sandbox.cloudinaryUrls().at(0), m_sandbox.network(), &budget);
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        QCOMPARE(result->folderMode, core::FolderMode::Fixed);
        QVERIFY(result->usage.has_value());
        QVERIFY(result->deniedFeatures.isEmpty());
        QCOMPARE(result->rateLimit, 500);
        QVERIFY(result->rateRemaining > 0 && result->rateRemaining < 500);
    }

    void eachFailureHasItsOwnProblem()
    {
        const QString good = m_sandbox.cloudinaryUrls().at(0);
        auto wrongSecret = check(withSecret(good, QStringLiteral("not-the-secret")), m_sandbox.network());
        QVERIFY(!wrongSecret.ok());
        QCOMPARE(core::classifyProblem(wrongSecret.error()), core::CheckProblem::WrongCredentials);
        // Never the secret in what is reported.
        QVERIFY(!wrongSecret.error().message.contains(QStringLiteral("not-the-secret")));

        auto unknownCloud
            = check(QString(good).replace(QStringLiteral("@fixedcloud"), QStringLiteral("@nosuchcloud")),
                    m_sandbox.network());
        QVERIFY(!unknownCloud.ok());
        QCOMPARE(core::classifyProblem(unknownCloud.error()), core::CheckProblem::UnknownCloud);

        const QString port = QString::number(m_sandbox.baseUrl().port());
        auto noNetwork
            = check(QString(good).replace(port, QString::number(closedPort())), m_sandbox.network());
        QVERIFY(!noNetwork.ok());
        QCOMPARE(core::classifyProblem(noNetwork.error()), core::CheckProblem::NoNetwork);

        QNetworkAccessManager proxied;
        proxied.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), closedPort()));
        auto proxy = check(good, &proxied);
        QVERIFY(!proxy.ok());
        QCOMPARE(core::classifyProblem(proxy.error()), core::CheckProblem::Proxy);

        auto noAdmin = check(m_sandbox.cloudinaryUrls().at(2), m_sandbox.network());
        QVERIFY(!noAdmin.ok());
        QCOMPARE(core::classifyProblem(noAdmin.error()), core::CheckProblem::Permission);
    }

    void aRefusedFeatureIsRecordedAndTheRestWorks()
    {
        const auto result = check(m_sandbox.cloudinaryUrls().at(1), m_sandbox.network());
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        QVERIFY(!result->usage.has_value());
        QCOMPARE(result->folderMode, core::FolderMode::Unknown);
        QCOMPARE(result->deniedFeatures.keys(),
                 (QStringList {QStringLiteral("config"), QStringLiteral("usage")}));
        QVERIFY(
            result->deniedFeatures.value(QStringLiteral("usage")).contains(QStringLiteral("not permitted")));
    }

private:
    SandboxProcess m_sandbox;
};

QTEST_MAIN(TestEnvironmentCheck)
#include "tst_environmentcheck.moc"
