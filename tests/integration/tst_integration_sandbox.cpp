// stratus-sandbox started with nothing but --config FILE (port, data directory, environments,
// account, seed) and used with nothing but the lines it prints: each CLOUDINARY_URL, and the
// CLOUDINARY_ACCOUNT_URL, whose upload_prefix points the Provisioning API at the sandbox. Also the
// delivery of f_auto URLs, whose format follows the client's Accept header (Vary: Accept).
#include "sandboxprocess.h"

#include "core/api/adminapi.h"
#include "core/api/provisioningapi.h"
#include "core/api/uploadapi.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace stratus::core;
using stratus::test::runToEnd;
using stratus::test::SandboxProcess;

Q_DECLARE_METATYPE(stratus::core::FolderMode)

namespace {

struct Environment
{
    QString cloudName;
    QString apiKey;
    QString apiSecret;
    FolderMode folderMode;
};

const QList<Environment> kEnvironments = {
    {u"cfgdyn"_s, u"313131"_s, u"cfg-dynamic-secret"_s, FolderMode::Dynamic},
    {u"cfgfix"_s, u"424242"_s, u"cfg-fixed-secret"_s, FolderMode::Fixed},
};
const QString kAccountUrl = u"account://CFGKEY:CFG-account-secret@cfgacct"_s;
constexpr int kSeed = 3;
const QString kImage = u"vary/red"_s; // uploaded to the first environment

// A port nobody listens on right now, for the configuration file.
quint16 freePort()
{
    QTcpServer server;
    return server.listen(QHostAddress::LocalHost, 0) ? server.serverPort() : 0;
}

template<typename J> std::unique_ptr<J> own(J *job)
{
    return std::unique_ptr<J>(job);
}

} // namespace

class TestIntegrationSandbox : public QObject
{
    Q_OBJECT

private:
    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    quint16 m_port = 0;

    [[nodiscard]] QString prefix() const { return m_sandbox.baseUrl().toString(QUrl::RemovePath); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_port = freePort();
        QVERIFY(m_port != 0);
        QJsonArray environments;
        for (const Environment &env : kEnvironments)
            environments.append(u"cloudinary://%1:%2@%3?folder_mode=%4"_s.arg(
                env.apiKey, env.apiSecret, env.cloudName,
                env.folderMode == FolderMode::Fixed ? u"fixed"_s : u"dynamic"_s));
        const QJsonObject config {{u"port"_s, m_port},
                                  {u"data"_s, m_dir.filePath(u"data"_s)},
                                  {u"environments"_s, environments},
                                  {u"account"_s, kAccountUrl},
                                  {u"seed"_s, kSeed}};
        QFile file(m_dir.filePath(u"sandbox.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write(QJsonDocument(config).toJson()) > 0);
        file.close();

        QString error;
        QVERIFY2(
            m_sandbox.startExactly({u"--config"_s, file.fileName()}, int(kEnvironments.size()), true, &error),
            qPrintable(error));

        // The image of the delivery checks.
        QImage image(48, 32, QImage::Format_RGB32);
        image.fill(QColor(200, 40, 40));
        const QString imageFile = m_dir.filePath(u"red.png"_s);
        QVERIFY(image.save(imageFile, "PNG"));
        UploadOptions options;
        options.resourceType = u"image"_s;
        options.publicId = kImage;
        auto upload = own(UploadApi(m_sandbox.context(0)).upload(imageFile, options, nullptr));
        QVERIFY(runToEnd(upload.get()));
        QVERIFY2(!upload->error(), stratus::test::errorText(upload.get()).constData());
    }

    void cleanupTestCase() { m_sandbox.stop(); }

    void listensOnTheConfiguredPort()
    {
        QCOMPARE(m_sandbox.baseUrl().host(), u"127.0.0.1"_s);
        QCOMPARE(m_sandbox.baseUrl().port(), int(m_port));
    }

    void printsTheConfiguredEnvironments()
    {
        QCOMPARE(m_sandbox.cloudinaryUrls().size(), kEnvironments.size());
        for (qsizetype i = 0; i < kEnvironments.size(); ++i) {
            const auto url = CloudinaryUrl::parse(m_sandbox.cloudinaryUrls().at(i));
            QVERIFY2(url, qPrintable(m_sandbox.cloudinaryUrls().at(i)));
            QCOMPARE(url->cloudName(), kEnvironments.at(i).cloudName);
            QCOMPARE(url->apiKey(), kEnvironments.at(i).apiKey);
            QCOMPARE(url->apiSecret(), kEnvironments.at(i).apiSecret);
            QCOMPARE(url->uploadPrefix(), prefix());
        }
    }

    void printsAnAccountUrlThatReachesTheSandbox()
    {
        QCOMPARE(m_sandbox.accountUrl(), kAccountUrl + u"?upload_prefix="_s + prefix());
        const auto url = CloudinaryUrl::parse(m_sandbox.accountUrl(), CloudinaryUrl::Kind::Account);
        QVERIFY2(url, qPrintable(m_sandbox.accountUrl()));
        const auto endpoint = ApiEndpoint::forAccount(*url);
        QVERIFY(endpoint);
        QCOMPARE(endpoint->url({u"sub_accounts"_s}).toString(),
                 prefix() + u"/v1_1/provisioning/accounts/cfgacct/sub_accounts"_s);
    }

    void configuredCredentialsAreTheOnesAccepted_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<FolderMode>("mode");
        for (int i = 0; i < kEnvironments.size(); ++i)
            QTest::newRow(qPrintable(kEnvironments.at(i).cloudName)) << i << kEnvironments.at(i).folderMode;
    }
    void configuredCredentialsAreTheOnesAccepted()
    {
        QFETCH(int, index);
        QFETCH(FolderMode, mode);
        const ApiContext context = m_sandbox.context(index);
        QVERIFY(context.endpoint.isValid());
        auto ping = own(AdminApi(context).ping(nullptr));
        QVERIFY(runToEnd(ping.get()));
        QVERIFY2(!ping->error(), stratus::test::errorText(ping.get()).constData());
        QCOMPARE(ping->result()->status, u"ok"_s);
        auto config = own(AdminApi(context).config(nullptr));
        QVERIFY(runToEnd(config.get()));
        QVERIFY2(!config->error(), stratus::test::errorText(config.get()).constData());
        QCOMPARE(config->result()->cloudName, kEnvironments.at(index).cloudName);
        QCOMPARE(config->result()->folderMode, mode);

        ApiContext wrong = context;
        wrong.secret = std::make_shared<FixedSecret>(u"not-the-configured-secret"_s);
        auto refused = own(AdminApi(wrong).ping(nullptr));
        QVERIFY(runToEnd(refused.get()));
        QVERIFY(refused->error());
        QCOMPARE(refused->error()->kind, Error::Kind::Auth);
    }

    void provisioningWithTheConfiguredAccount()
    {
        const ApiContext account = m_sandbox.accountContext();
        QVERIFY(account.endpoint.isValid());
        auto list = own(ProvisioningApi(account).subAccounts({}, nullptr));
        QVERIFY(runToEnd(list.get()));
        QVERIFY2(!list->error(), stratus::test::errorText(list.get()).constData());
        QCOMPARE(list->result()->subAccounts.size(), kEnvironments.size());
        for (const Environment &env : kEnvironments) {
            bool found = false;
            for (const SubAccount &sub : list->result()->subAccounts) {
                if (sub.cloudName != env.cloudName)
                    continue;
                found = true;
                QCOMPARE(sub.accessKeys.size(), 1);
                QCOMPARE(sub.accessKeys.first().key, env.apiKey);
                QCOMPARE(sub.accessKeys.first().secret, env.apiSecret);
            }
            QVERIFY2(found, qPrintable(env.cloudName));
        }

        ApiContext wrong = account;
        wrong.secret = std::make_shared<FixedSecret>(u"not-the-configured-secret"_s);
        auto refused = own(ProvisioningApi(wrong).subAccounts({}, nullptr));
        QVERIFY(runToEnd(refused.get()));
        QVERIFY(refused->error());
        QCOMPARE(refused->error()->kind, Error::Kind::Auth);
    }

    void seedAndDataDirectoryComeFromTheConfig()
    {
        const auto health = m_sandbox.raw("GET", u"/_sandbox/health"_s);
        QCOMPARE(health.status, 200);
        const QJsonArray environments
            = QJsonDocument::fromJson(health.body).object().value(u"environments").toArray();
        QCOMPARE(environments.size(), kEnvironments.size());
        for (const QJsonValue &env : environments) {
            // The first environment also holds the image of the delivery checks.
            const bool first
                = env.toObject().value(u"cloud_name").toString() == kEnvironments.first().cloudName;
            QCOMPARE(env.toObject().value(u"assets").toInt(), kSeed + (first ? 1 : 0));
        }
        const QDir data(m_dir.filePath(u"data"_s));
        QVERIFY(data.exists());
        QVERIFY2(!data.isEmpty(), "the sandbox keeps its state in the configured data directory");
    }

    void fAutoAnswersVaryWithAccept_data()
    {
        QTest::addColumn<QString>("transformation");
        QTest::addColumn<QString>("extension");
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<bool>("varies");
        QTest::newRow("f_auto, WebP accepted")
            << u"f_auto,w_24/"_s << QString() << QByteArray("image/avif,image/webp,*/*") << true;
        QTest::newRow("f_auto, no WebP") << u"f_auto,w_24/"_s << QString() << QByteArray("image/png") << true;
        QTest::newRow("f_auto chained")
            << u"f_auto/c_scale,w_12/"_s << QString() << QByteArray("image/webp") << true;
        QTest::newRow("format from the extension")
            << u"w_24/"_s << u".png"_s << QByteArray("image/webp") << false;
        QTest::newRow("f_png") << u"f_png,w_24/"_s << QString() << QByteArray("image/webp") << false;
        QTest::newRow("original") << QString() << QString() << QByteArray("image/webp") << false;
    }
    void fAutoAnswersVaryWithAccept()
    {
        QFETCH(QString, transformation);
        QFETCH(QString, extension);
        QFETCH(QByteArray, accept);
        QFETCH(bool, varies);
        const QString path = u"/%1/image/upload/%2%3%4"_s.arg(kEnvironments.first().cloudName, transformation,
                                                              kImage, extension);
        // Twice: the answer rendered now and the one from the sandbox's derived cache.
        for (int round = 0; round < 2; ++round) {
            const auto answer = m_sandbox.raw("GET", path, {{"Accept", accept}});
            QCOMPARE(answer.status, 200);
            QVERIFY2(answer.header("Content-Type").startsWith("image/"),
                     answer.header("Content-Type").constData());
            QCOMPARE(answer.header("Vary"), varies ? QByteArray("Accept") : QByteArray());
        }
    }
};

QTEST_GUILESS_MAIN(TestIntegrationSandbox)
#include "tst_integration_sandbox.moc"
