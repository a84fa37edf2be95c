// The Upload widget's uploadSignature requests are signed in C++ only when they are what the
// person chose (issue 15, point 2): accepted objects signed byte for byte as ApiSigner (and so the
// Node SDK) signs them, every tampering refused before the secret is fetched, no secret in any
// refusal, token environments sent to the token route.
#include "core/net/secretsource.h"
#include "core/signing/apisigner.h"
#include "core/signing/clock.h"
#include "core/widgets/uploadwidgetsigner.h"
#include "words/errorwords.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::core;

namespace {

constexpr qint64 kNow = 1700000000; // the widget's timestamp in the accepted request

QJsonObject jsonObject(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

/// What the Upload widget sends for an upload into albums/2024 with the signed preset and two tags.
QJsonObject acceptedParams()
{
    return jsonObject(u"{\"source\":\"uw\",\"timestamp\":1700000000,\"folder\":\"albums/2024\","
                      "\"upload_preset\":\"stratus_signed\",\"tags\":[\"cats\",\"dogs\"]}"_s);
}

UploadWidgetChoice chosen()
{
    UploadWidgetChoice choice;
    choice.folder = u"albums/2024"_s;
    choice.uploadPreset = u"stratus_signed"_s;
    choice.tags = {u"cats"_s, u"dogs"_s};
    return choice;
}

/// A secret source that counts its fetches and answers later, from the event loop (as the
/// keychain does), or not at all once the asker is gone.
class DeferredSecret final : public SecretSource
{
public:
    explicit DeferredSecret(QString secret, CredentialKind kind = CredentialKind::ApiSecret)
        : m_secret(std::move(secret))
        , m_kind(kind)
    {
    }

    void fetch(QObject *context, Callback done) const override
    {
        ++fetches;
        QTimer::singleShot(0, context, [secret = m_secret, done = std::move(done)] { done(secret); });
    }
    [[nodiscard]] CredentialKind kind() const override { return m_kind; }

    mutable int fetches = 0;

private:
    QString m_secret;
    CredentialKind m_kind;
};

/// The signer's answer to `params`, waiting for it when the secret comes later.
std::optional<Result<QString>> signedBy(UploadWidgetSigner &signer, const QJsonObject &params)
{
    std::optional<Result<QString>> answer;
    int calls = 0;
    signer.sign(params, [&](Result<QString> result) {
        ++calls;
        answer = std::move(result);
    });
    if (!QTest::qWaitFor([&] { return calls > 0; }, 5000))
        return std::nullopt;
    QTest::qWait(10);
    if (calls != 1)
        qFatal("done called %d times", calls);
    return answer;
}

/// The words of a refusal, or nothing; safe for a success (QVERIFY2 evaluates its message either way).
QString failure(const Result<QString> &answer)
{
    return answer.ok() ? QString() : words::ErrorWords::text(answer.error());
}

} // namespace

class TestUploadWidgetSigner : public QObject
{
    Q_OBJECT

private slots:
    void signsAcceptedParamsAsApiSigner_data()
    {
        QTest::addColumn<SignatureAlgorithm>("algorithm");
        QTest::addColumn<QString>("expected");
        // hex(SHA-x("folder=albums/2024&source=uw&tags=cats,dogs&timestamp=1700000000&upload_preset=
        // stratus_signed" + "abcd")), computed with Python's hashlib.
        QTest::newRow("sha1") << SignatureAlgorithm::Sha1 << u"68bc9c3d642a221b032635e47e08009edd90df7f"_s;
        QTest::newRow("sha256") << SignatureAlgorithm::Sha256
                                << u"24ceee8a1201efb54a19678c0a528145d191b3fd5a9a95349649af215e03fc06"_s;
    }
    void signsAcceptedParamsAsApiSigner()
    {
        QFETCH(SignatureAlgorithm, algorithm);
        QFETCH(QString, expected);
        const FixedClock clock(kNow * 1000 + 400);
        const ApiSigner apiSigner(algorithm, SignatureVersion::V2);
        auto secret = std::make_shared<DeferredSecret>(u"abcd"_s);
        UploadWidgetSigner signer(apiSigner, secret, clock);
        signer.setChoice(chosen());
        QSignalSpy made(&signer, &UploadWidgetSigner::signatureMade);

        QCOMPARE(
            ApiSigner::stringToSign(acceptedParams(), SignatureVersion::V2),
            u"folder=albums/2024&source=uw&tags=cats,dogs&timestamp=1700000000&upload_preset=stratus_signed"_s);
        const auto answer = signedBy(signer, acceptedParams());
        QVERIFY(answer);
        QVERIFY2(answer->ok(), qPrintable(failure(*answer)));
        QCOMPARE(answer->value(), expected);
        QCOMPARE(answer->value(), apiSigner.sign(acceptedParams(), u"abcd"));
        QCOMPARE(signer.signatureCount(), 1);
        QCOMPARE(made.count(), 1);
        QCOMPARE(secret->fetches, 1);

        // The same choice signs again (one widget per environment, reused), and the count grows.
        QVERIFY(signedBy(signer, acceptedParams())->ok());
        QCOMPARE(signer.signatureCount(), 2);
    }

    void acceptsWhatTheWidgetMaySend_data()
    {
        QTest::addColumn<QString>("params");
        QTest::addColumn<qint64>("clockSeconds");

        QTest::newRow("timestamp as text")
            << u"{\"source\":\"uw\",\"timestamp\":\"1700000000\",\"folder\":\"albums/2024\",\"upload_preset\":\"stratus_signed\",\"tags\":[\"cats\",\"dogs\"]}"_s
            << kNow;
        QTest::newRow("tags as one text")
            << u"{\"source\":\"uw\",\"timestamp\":1700000000,\"folder\":\"albums/2024\",\"upload_preset\":\"stratus_signed\",\"tags\":\"cats,dogs\"}"_s
            << kNow;
        QTest::newRow("allowed extra keys")
            << u"{\"source\":\"uw\",\"timestamp\":1700000000,\"folder\":\"albums/2024\",\"upload_preset\":\"stratus_signed\",\"tags\":[\"cats\",\"dogs\"],\"unique_filename\":false,\"custom_coordinates\":\"10,20,30,40\",\"context\":null}"_s
            << kNow;
        QTest::newRow("ten minutes behind the clock")
            << u"{\"source\":\"uw\",\"timestamp\":1700000000,\"folder\":\"albums/2024\",\"upload_preset\":\"stratus_signed\",\"tags\":[\"cats\",\"dogs\"]}"_s
            << kNow + 600;
        QTest::newRow("ten minutes ahead of the clock")
            << u"{\"source\":\"uw\",\"timestamp\":1700000000,\"folder\":\"albums/2024\",\"upload_preset\":\"stratus_signed\",\"tags\":[\"cats\",\"dogs\"]}"_s
            << kNow - 600;
    }
    void acceptsWhatTheWidgetMaySend()
    {
        QFETCH(QString, params);
        QFETCH(qint64, clockSeconds);
        const FixedClock clock(clockSeconds * 1000);
        UploadWidgetSigner signer({}, std::make_shared<FixedSecret>(u"abcd"_s), clock);
        UploadWidgetChoice choice = chosen();
        choice.allowedExtraKeys = {u"unique_filename"_s, u"custom_coordinates"_s, u"context"_s};
        signer.setChoice(choice);
        const auto answer = signedBy(signer, jsonObject(params));
        QVERIFY(answer);
        QVERIFY2(answer->ok(), qPrintable(failure(*answer)));
        QCOMPARE(answer->value(), ApiSigner().sign(jsonObject(params), u"abcd"));
    }

    void refusesTampering_data()
    {
        QTest::addColumn<QString>("change"); // JSON members replacing or adding to the accepted params
        QTest::addColumn<QStringList>("removed");
        QTest::addColumn<ErrorReason>("reason");
        QTest::addColumn<QString>("subject");

        const QStringList none;
        QTest::newRow("another folder")
            << u"{\"folder\":\"private\"}"_s << none << ErrorReason::UploadWidgetValueChanged << u"folder"_s;
        QTest::newRow("folder dropped")
            << u"{}"_s << QStringList {u"folder"_s} << ErrorReason::UploadWidgetValueChanged << u"folder"_s;
        QTest::newRow("asset_folder not chosen")
            << u"{\"asset_folder\":\"elsewhere\"}"_s << none << ErrorReason::UploadWidgetValueChanged
            << u"asset_folder"_s;
        QTest::newRow("two-hour-old timestamp") << u"{\"timestamp\":1699992800}"_s << none
                                                << ErrorReason::UploadWidgetTimestampOutOfRange << u"-7200"_s;
        QTest::newRow("eleven minutes old") << u"{\"timestamp\":1699999340}"_s << none
                                            << ErrorReason::UploadWidgetTimestampOutOfRange << u"-660"_s;
        QTest::newRow("future timestamp beyond skew")
            << u"{\"timestamp\":1700000601}"_s << none << ErrorReason::UploadWidgetTimestampOutOfRange
            << u"+601"_s;
        QTest::newRow("timestamp missing") << u"{}"_s << QStringList {u"timestamp"_s}
                                           << ErrorReason::UploadWidgetTimestampUnusable << QString();
        QTest::newRow("timestamp fractional") << u"{\"timestamp\":1700000000.5}"_s << none
                                              << ErrorReason::UploadWidgetTimestampUnusable << QString();
        QTest::newRow("timestamp text not digits") << u"{\"timestamp\":\"1700000000&x=1\"}"_s << none
                                                   << ErrorReason::UploadWidgetTimestampUnusable << QString();
        QTest::newRow("source missing")
            << u"{}"_s << QStringList {u"source"_s} << ErrorReason::UploadWidgetSourceNotWidget << QString();
        QTest::newRow("source not uw")
            << u"{\"source\":\"ml\"}"_s << none << ErrorReason::UploadWidgetSourceNotWidget << QString();
        QTest::newRow("notification_url added")
            << u"{\"notification_url\":\"https://attacker.example/hook\"}"_s << none
            << ErrorReason::UploadWidgetKeyUnexpected << u"notification_url"_s;
        QTest::newRow("eager added") << u"{\"eager\":\"w_400,h_300,c_pad\"}"_s << none
                                     << ErrorReason::UploadWidgetKeyUnexpected << u"eager"_s;
        QTest::newRow("unknown key") << u"{\"overwrite\":true}"_s << none
                                     << ErrorReason::UploadWidgetKeyUnexpected << u"overwrite"_s;
        QTest::newRow("api_key added")
            << u"{\"api_key\":\"123\"}"_s << none << ErrorReason::UploadWidgetKeyUnexpected << u"api_key"_s;
        QTest::newRow("preset not chosen") << u"{\"upload_preset\":\"ml_default\"}"_s << none
                                           << ErrorReason::UploadWidgetValueChanged << u"upload_preset"_s;
        QTest::newRow("public ID not chosen") << u"{\"public_id\":\"home/logo\"}"_s << none
                                              << ErrorReason::UploadWidgetValueChanged << u"public_id"_s;
        QTest::newRow("a tag added") << u"{\"tags\":[\"cats\",\"dogs\",\"birds\"]}"_s << none
                                     << ErrorReason::UploadWidgetValueChanged << u"tags"_s;
        QTest::newRow("tags as an object")
            << u"{\"tags\":{\"0\":\"cats\"}}"_s << none << ErrorReason::UploadWidgetValueChanged << u"tags"_s;
        QTest::newRow("allowed key with an object")
            << u"{\"unique_filename\":{\"a\":1}}"_s << none << ErrorReason::UploadWidgetValueNotScalar
            << u"unique_filename"_s;
        QTest::newRow("allowed key with a nested list")
            << u"{\"unique_filename\":[[1,2]]}"_s << none << ErrorReason::UploadWidgetValueNotScalar
            << u"unique_filename"_s;
    }
    void refusesTampering()
    {
        QFETCH(QString, change);
        QFETCH(QStringList, removed);
        QFETCH(ErrorReason, reason);
        QFETCH(QString, subject);

        const QString secretText = u"s3cr3t-ABCD-never-shown"_s;
        const FixedClock clock(kNow * 1000);
        auto secret = std::make_shared<DeferredSecret>(secretText);
        UploadWidgetSigner signer({}, secret, clock);
        UploadWidgetChoice choice = chosen();
        choice.allowedExtraKeys = {u"unique_filename"_s};
        signer.setChoice(choice);
        QSignalSpy refused(&signer, &UploadWidgetSigner::refused);

        QJsonObject params = acceptedParams();
        for (const QString &key : removed)
            params.remove(key);
        const QJsonObject changes = jsonObject(change);
        for (auto it = changes.begin(); it != changes.end(); ++it)
            params.insert(it.key(), it.value());

        QCOMPARE(signer.check(params).ok(), false);
        const auto answer = signedBy(signer, params);
        QVERIFY(answer);
        QVERIFY(!answer->ok());
        const Error &error = answer->error();
        QCOMPARE(error.kind, Error::Kind::InvalidInput);
        QCOMPARE(error.reason, reason);
        QCOMPARE(error.subject, subject);
        QVERIFY(error.message.isEmpty());
        const QString words = words::ErrorWords::text(error);
        QVERIFY(!words.isEmpty());
        QVERIFY(!words.contains(secretText));
        QVERIFY(!error.subject.contains(secretText));
        QCOMPARE(secret->fetches, 0); // refused before the secret was asked for
        QCOMPARE(signer.signatureCount(), 0);
        QCOMPARE(signer.refusalCount(), 1);
        QCOMPARE(refused.count(), 1);
    }

    void noneChosenMeansNoneSent()
    {
        const FixedClock clock(kNow * 1000);
        UploadWidgetSigner signer({}, std::make_shared<FixedSecret>(u"abcd"_s), clock);
        // Nothing chosen: the bare request of the widget is signed, a folder is not.
        const QJsonObject bare
            = jsonObject(u"{\"source\":\"uw\",\"timestamp\":1700000000,\"folder\":\"\"}"_s);
        QVERIFY(signedBy(signer, bare)->ok());
        QJsonObject withFolder = bare;
        withFolder.insert(u"folder"_s, u"anywhere"_s);
        const auto answer = signedBy(signer, withFolder);
        QVERIFY(!answer->ok());
        QCOMPARE(answer->error().reason, ErrorReason::UploadWidgetValueChanged);
    }

    void tokenEnvironmentNeedsApiSecret()
    {
        const FixedClock clock(kNow * 1000);
        auto token = std::make_shared<DeferredSecret>(u"token-value"_s, CredentialKind::AccessToken);
        UploadWidgetSigner signer({}, token, clock);
        signer.setChoice(chosen());
        const auto answer = signedBy(signer, acceptedParams());
        QVERIFY(answer);
        QVERIFY(!answer->ok());
        QCOMPARE(answer->error().reason, ErrorReason::NeedsApiSecret);
        QCOMPARE(answer->error().kind, Error::Kind::Auth);
        QCOMPARE(token->fetches, 0); // the token is never hashed as if it were a secret
        QCOMPARE(signer.signatureCount(), 0);
    }

    void noSecretSourceNoSignature()
    {
        const FixedClock clock(kNow * 1000);
        UploadWidgetSigner signer({}, nullptr, clock);
        signer.setChoice(chosen());
        const auto answer = signedBy(signer, acceptedParams());
        QVERIFY(!answer->ok());
        QCOMPARE(answer->error().reason, ErrorReason::NoApiSecret);

        // An empty secret (a URL with a key only) is the source's refusal, passed on.
        UploadWidgetSigner empty({}, std::make_shared<FixedSecret>(QString()), clock);
        empty.setChoice(chosen());
        const auto emptyAnswer = signedBy(empty, acceptedParams());
        QVERIFY(!emptyAnswer->ok());
        QCOMPARE(emptyAnswer->error().reason, ErrorReason::NoApiSecret);
        QCOMPARE(empty.signatureCount(), 0);
        QCOMPARE(empty.refusalCount(), 1);
    }

    void noAnswerOnceDestroyed()
    {
        const FixedClock clock(kNow * 1000);
        auto secret = std::make_shared<DeferredSecret>(u"abcd"_s);
        auto signer = std::make_unique<UploadWidgetSigner>(ApiSigner(), secret, clock);
        signer->setChoice(chosen());
        int calls = 0;
        signer->sign(acceptedParams(), [&calls](const Result<QString> &) { ++calls; });
        QCOMPARE(secret->fetches, 1);
        signer.reset(); // the widget closed while the keychain was being asked
        QTest::qWait(20);
        QCOMPARE(calls, 0);
    }
};

QTEST_GUILESS_MAIN(TestUploadWidgetSigner)
#include "tst_uploadwidgetsigner.moc"
