// A signature UploadWidgetSigner answers for the Upload widget's params_to_sign is one the real
// sandbox accepts for the upload the widget then sends (issue 15, point 2): with the environment's
// algorithm (SHA-1 and SHA-256), for the folder and tags the person chose; the same signature does
// not carry an upload into another folder; tampered requests are refused before any upload.
#include "sandboxprocess.h"

#include "core/signing/clock.h"
#include "core/widgets/uploadwidgetsigner.h"

#include <QJsonArray>
#include <QTest>
#include <QUrlQuery>

#include <optional>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::core;

namespace {

constexpr auto kCloud = "itwidget";

// A 1×1 PNG, as the widget would send a local file's data.
constexpr auto kPixel
    = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/"
      "pLvAAAAAElFTkSuQmCC";

std::optional<Result<QString>> signedBy(UploadWidgetSigner &signer, const QJsonObject &params)
{
    std::optional<Result<QString>> answer;
    signer.sign(params, [&](Result<QString> result) { answer = std::move(result); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 10000))
        return std::nullopt;
    return answer;
}

} // namespace

class TestUploadWidgetSigning : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start({u"--environment"_s,
                                  u"cloudinary://555555:widgetsecret@%1"_s.arg(QLatin1StringView(kCloud))},
                                 1, false, &error),
                 qPrintable(error));
    }

    void sandboxAcceptsTheWidgetsSignature_data()
    {
        QTest::addColumn<SignatureAlgorithm>("algorithm");
        QTest::addColumn<QString>("folder");
        QTest::newRow("sha1") << SignatureAlgorithm::Sha1 << u"widget/sha1"_s;
        QTest::newRow("sha256") << SignatureAlgorithm::Sha256 << u"widget/sha256"_s;
        // Signature version 2 escapes '&' inside a value; the sandbox checks as Cloudinary does.
        QTest::newRow("ampersand and accents") << SignatureAlgorithm::Sha1 << u"widget/Fotos & Bilder äö"_s;
    }
    void sandboxAcceptsTheWidgetsSignature()
    {
        QFETCH(SignatureAlgorithm, algorithm);
        QFETCH(QString, folder);
        const ApiContext context = m_sandbox.context(0);
        const SystemClock clock;
        UploadWidgetSigner signer(ApiSigner(algorithm, SignatureVersion::V2), context.secret, clock);
        UploadWidgetChoice choice;
        choice.folder = folder;
        choice.tags = {u"from-widget"_s, u"cats"_s};
        signer.setChoice(choice);

        const QJsonObject params {
            {u"source"_s, u"uw"_s},
            {u"timestamp"_s, clock.unixTimestamp()},
            {u"folder"_s, folder},
            {u"tags"_s, QJsonArray {u"from-widget"_s, u"cats"_s}},
        };
        const auto signature = signedBy(signer, params);
        QVERIFY(signature);
        QVERIFY(signature->ok());
        QCOMPARE(signature->value().size(), algorithm == SignatureAlgorithm::Sha1 ? 40 : 64);
        QCOMPARE(signer.signatureCount(), 1);

        const auto upload = post(params, signature->value(), context.endpoint.apiKey());
        QVERIFY2(upload.status == 200, upload.body.constData());
        const QJsonObject asset = QJsonDocument::fromJson(upload.body).object();
        QVERIFY2(asset.value(u"public_id").toString().startsWith(folder + u'/'), upload.body.constData());
        QCOMPARE(asset.value(u"tags").toArray(), (QJsonArray {u"from-widget"_s, u"cats"_s}));

        // The signature binds the folder: the same one does not take an upload elsewhere.
        QJsonObject elsewhere = params;
        elsewhere.insert(u"folder"_s, u"private"_s);
        const auto refused = post(elsewhere, signature->value(), context.endpoint.apiKey());
        QCOMPARE(refused.status, 401);
    }

    void tamperedRequestsNeverReachTheSandbox()
    {
        const ApiContext context = m_sandbox.context(0);
        const SystemClock clock;
        UploadWidgetSigner signer(context.endpoint.signer(), context.secret, clock);
        UploadWidgetChoice choice;
        choice.folder = u"widget/allowed"_s;
        signer.setChoice(choice);
        const QJsonObject base {{u"source"_s, u"uw"_s},
                                {u"timestamp"_s, clock.unixTimestamp()},
                                {u"folder"_s, u"widget/allowed"_s}};

        QJsonObject otherFolder = base;
        otherFolder.insert(u"folder"_s, u"private"_s);
        QJsonObject old = base;
        old.insert(u"timestamp"_s, clock.unixTimestamp() - 2 * 3600);
        QJsonObject notified = base;
        notified.insert(u"notification_url"_s, u"https://attacker.example/hook"_s);
        for (const QJsonObject &tampered : {otherFolder, old, notified}) {
            const auto answer = signedBy(signer, tampered);
            QVERIFY(answer);
            QVERIFY(!answer->ok());
        }
        QCOMPARE(signer.signatureCount(), 0);
        QCOMPARE(signer.refusalCount(), 3);
    }

private:
    /// The upload the widget sends once it has the signature: its params, the file, api_key and
    /// signature, as a form.
    test::SandboxProcess::RawAnswer post(const QJsonObject &params, const QString &signature,
                                         const QString &apiKey)
    {
        QUrlQuery form;
        for (auto it = params.begin(); it != params.end(); ++it) {
            const QString value = it.value().isArray() ? it.value().toVariant().toStringList().join(u',')
                                                       : it.value().toVariant().toString();
            form.addQueryItem(it.key(), QString::fromLatin1(QUrl::toPercentEncoding(value)));
        }
        form.addQueryItem(u"file"_s,
                          QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(kPixel))));
        form.addQueryItem(u"api_key"_s, apiKey);
        form.addQueryItem(u"signature"_s, signature);
        return m_sandbox.raw("POST", u"/v1_1/%1/image/upload"_s.arg(QLatin1StringView(kCloud)),
                             {{"Content-Type", "application/x-www-form-urlencoded"}},
                             form.query(QUrl::FullyEncoded).toUtf8());
    }

    test::SandboxProcess m_sandbox;
};

QTEST_GUILESS_MAIN(TestUploadWidgetSigning)
#include "tst_uploadwidgetsigning.moc"
