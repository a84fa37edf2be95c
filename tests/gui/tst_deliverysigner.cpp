// Signed delivery URLs for private and authenticated assets, against a real stratus-sandbox: the
// server refuses them unsigned and serves them signed; a screen of thumbnails costs one secret
// fetch; a missing secret is reported, not retried forever; a keychain that answers late signs
// everything asked for meanwhile with its one answer, and a signer gone by then is not called.

#include "sandboxprocess.h"

#include "core/accounts/accountstore.h"
#include "core/api/uploadapi.h"
#include "core/catalog/catalogasset.h"
#include "core/config/cloudinaryurl.h"
#include "core/delivery/deliverysigner.h"
#include "core/delivery/thumbnailurls.h"
#include "core/net/secretsource.h"
#include "words/errorwords.h"

#include <QImage>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus;
using namespace stratus::core;
using namespace Qt::StringLiterals;

namespace {

/// Counts how often the secret is fetched; answers like FixedSecret.
class CountingSecret final : public core::SecretSource
{
public:
    explicit CountingSecret(QString secret)
        : m_secret(std::move(secret))
    {
    }
    void fetch(QObject *, Callback done) const override
    {
        ++fetches;
        if (m_secret.isEmpty())
            done(core::Error::because(core::Error::Kind::Auth, core::ErrorReason::SecretNotInKeychain));
        else
            done(m_secret);
    }
    mutable int fetches = 0;

private:
    QString m_secret;
};

} // namespace

class TestDeliverySigner : public QObject
{
    Q_OBJECT

private:
    test::SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    QJsonObject m_sdkConfig;
    core::CloudinaryUrl m_url;
    std::shared_ptr<CountingSecret> m_secret;

    DeliverySigner::ContextFunction contextFunction(std::shared_ptr<const core::SecretSource> secret)
    {
        return [this, secret]() -> core::Result<core::ApiContext> {
            core::ApiContext context = m_sandbox.context(0);
            context.secret = secret;
            return context;
        };
    }

    // GET @p url: the status and the body.
    std::pair<int, QByteArray> get(const QUrl &url)
    {
        QNetworkReply *reply = m_sandbox.network()->get(QNetworkRequest(url));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        return {status, body};
    }

    core::catalog::CatalogAsset uploadAs(const QString &type, const QString &publicId)
    {
        const QString file = m_dir.filePath(QString(publicId).replace(u'/', u'_') + u".png"_s);
        QImage image(64, 48, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        image.save(file);
        core::UploadOptions options;
        options.type = type;
        options.publicId = publicId;
        core::UploadApi api(m_sandbox.context(0));
        auto *job = api.upload(file, options, this);
        if (!test::runToEnd(job))
            return {};
        if (!job->result()) {
            qWarning() << job->result().error().message;
            return {};
        }
        return core::catalog::CatalogAsset::fromResourceJson(job->result()->raw);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_sandbox.start({}, 1, false, &error), qPrintable(error));
        m_url = core::CloudinaryUrl::parse(m_sandbox.cloudinaryUrls().constFirst()).value();
        m_sdkConfig = m_url.withoutSecret().toSdkConfig();
        QVERIFY(!m_sdkConfig.contains(u"api_secret"_s));
    }
    void cleanupTestCase() { m_sandbox.stop(); }

    void needsSignature()
    {
        QVERIFY(core::needsSignature(u"private"_s));
        QVERIFY(core::needsSignature(u"authenticated"_s));
        QVERIFY(!core::needsSignature(u"upload"_s));
        QVERIFY(!core::needsSignature(QString()));
    }

    void privateAndAuthenticatedThumbnails()
    {
        const core::catalog::CatalogAsset secret = uploadAs(u"private"_s, u"signed/secret"_s);
        const core::catalog::CatalogAsset locked = uploadAs(u"authenticated"_s, u"signed/locked"_s);
        const core::catalog::CatalogAsset open = uploadAs(u"upload"_s, u"signed/open"_s);
        QCOMPARE(secret.type, u"private"_s);
        QCOMPARE(locked.type, u"authenticated"_s);

        const QJsonObject http {{u"secure"_s, false}};
        // Unsigned, the server refuses them.
        const ThumbnailUrlFunction unsignedUrls = thumbnailUrlFunction(m_sdkConfig, http);
        const QSize size(40, 30);
        for (const auto &asset : {secret, locked}) {
            const QUrl url = unsignedUrls(asset, size);
            QVERIFY(!url.path().contains(u"/s--"_s));
            QVERIFY2(get(url).first >= 400, qPrintable(url.toString()));
        }

        auto counting = std::make_shared<CountingSecret>(m_url.apiSecret());
        DeliverySigner signer(contextFunction(counting));
        QSignalSpy signedSpy(&signer, &DeliverySigner::urlsSigned);
        const ThumbnailUrlFunction urls = thumbnailUrlFunction(m_sdkConfig, http, &signer);
        // Not signed yet: nothing to request; public assets are not held up.
        QVERIFY(urls(secret, size).isEmpty());
        QVERIFY(urls(locked, size).isEmpty());
        QVERIFY(urls(secret, size).isEmpty()); // asked twice, queued once
        QVERIFY(!urls(open, size).isEmpty());
        QVERIFY(signedSpy.wait(5000));
        QCOMPARE(counting->fetches, 1); // one keychain read for the batch

        for (const auto &asset : {secret, locked}) {
            const QUrl url = urls(asset, size);
            QVERIFY2(url.path().contains(u"/s--"_s), qPrintable(url.toString()));
            QVERIFY(!url.toString().contains(m_url.apiSecret()));
            const auto [status, body] = get(url);
            QCOMPARE(status, 200);
            QImage image;
            QVERIFY(image.loadFromData(body));
            QCOMPARE(image.size(), size);
        }
        QCOMPARE(counting->fetches, 1); // answered from the cache
        QCOMPARE(signedSpy.count(), 1);

        // A signature made for one size does not open another.
        QUrl tampered = urls(secret, size);
        tampered.setPath(tampered.path().replace(u"w_40"_s, u"w_41"_s));
        QVERIFY(get(tampered).first >= 400);
    }

    void oneOffSigning()
    {
        auto counting = std::make_shared<CountingSecret>(m_url.apiSecret());
        DeliverySigner signer(contextFunction(counting));
        std::optional<core::Result<QUrl>> answer;
        signer.sign(m_sdkConfig, u"signed/secret"_s,
                    QJsonObject {{u"type"_s, u"private"_s}, {u"secure"_s, false}, {u"format"_s, u"png"_s}},
                    [&](core::Result<QUrl> url) { answer = std::move(url); });
        QTRY_VERIFY(answer.has_value());
        QVERIFY2(bool(*answer), *answer ? "" : qPrintable(answer->error().message));
        QCOMPARE(get(answer->value()).first, 200);
    }

    // The keychain answers late (locked, waiting for its password): thumbnails and a one-off URL
    // asked for meanwhile wait for that one answer, then are all signed, and the URLs open.
    void lateKeychainAnswerSignsEverythingAskedMeanwhile()
    {
        auto secrets = std::make_shared<core::MemorySecretStore>();
        core::AccountStore store(secrets,
                                 {m_dir.filePath(u"late/accounts.ini"_s), m_dir.filePath(u"late/data"_s),
                                  m_dir.filePath(u"late/cache"_s)});
        QVERIFY(store.load());
        core::AccountRecord account;
        account.label = u"Late"_s;
        core::EnvironmentRecord env;
        env.name = u"late"_s;
        env.url = m_url;
        std::optional<bool> added;
        store.addAccount(account, {{env, m_url.apiSecret()}}, QString(), this,
                         [&](core::Result<core::Done> result) { added = result.ok(); });
        QTRY_VERIFY(added.has_value() && *added);
        const QString environmentId = store.environmentByName(u"late"_s)->id;

        secrets->setHolding(true);
        const int calls = secrets->callCount();
        DeliverySigner signer(contextFunction(store.secretSource(environmentId)));
        QSignalSpy signedSpy(&signer, &DeliverySigner::urlsSigned);
        const QJsonObject privateOptions {
            {u"type"_s, u"private"_s}, {u"secure"_s, false}, {u"format"_s, u"png"_s}};
        const QJsonObject lockedOptions {
            {u"type"_s, u"authenticated"_s}, {u"secure"_s, false}, {u"format"_s, u"png"_s}};
        QVERIFY(!signer.signedUrl(m_sdkConfig, u"signed/secret"_s, privateOptions).has_value());
        QTRY_COMPARE(secrets->heldCount(), 1); // the keychain is asked, and thinks

        // Asked for while it thinks: no second read, nothing signed yet.
        QVERIFY(!signer.signedUrl(m_sdkConfig, u"signed/locked"_s, lockedOptions).has_value());
        std::optional<core::Result<QUrl>> oneOff;
        signer.sign(m_sdkConfig, u"signed/secret"_s, privateOptions,
                    [&](core::Result<QUrl> url) { oneOff = std::move(url); });
        QCoreApplication::processEvents();
        QCOMPARE(secrets->heldCount(), 1);
        QCOMPARE(signedSpy.count(), 0);
        QVERIFY(!oneOff.has_value());

        QCOMPARE(secrets->release(), 1);
        QTRY_COMPARE(signedSpy.count(), 1);
        QTRY_VERIFY(oneOff.has_value());
        QVERIFY2(bool(*oneOff), *oneOff ? "" : qPrintable(oneOff->error().message));
        const auto privateUrl = signer.signedUrl(m_sdkConfig, u"signed/secret"_s, privateOptions);
        const auto lockedUrl = signer.signedUrl(m_sdkConfig, u"signed/locked"_s, lockedOptions);
        QVERIFY(privateUrl.has_value() && lockedUrl.has_value());
        QCOMPARE(oneOff->value(), *privateUrl);
        QCOMPARE(secrets->callCount(), calls + 1); // one keychain read for the three
        QCOMPARE(get(*privateUrl).first, 200);
        QCOMPARE(get(*lockedUrl).first, 200);
    }

    // The page closes (its signer destroyed) before the keychain answers: nothing is called back.
    void signerGoneBeforeTheKeychainAnswers()
    {
        auto secrets = std::make_shared<core::MemorySecretStore>();
        secrets->setHolding(true);
        core::AccountStore store(secrets,
                                 {m_dir.filePath(u"gone/accounts.ini"_s), m_dir.filePath(u"gone/data"_s),
                                  m_dir.filePath(u"gone/cache"_s)});
        QVERIFY(store.load());
        bool called = false;
        auto signer = std::make_unique<DeliverySigner>(contextFunction(store.secretSource(u"env-gone"_s)));
        signer->sign(m_sdkConfig, u"signed/secret"_s, QJsonObject {{u"type"_s, u"private"_s}},
                     [&called](core::Result<QUrl>) { called = true; });
        QTRY_COMPARE(secrets->heldCount(), 1);
        signer.reset();
        QCOMPARE(secrets->release(), 1);
        QCoreApplication::processEvents();
        QVERIFY(!called);
    }

    void noSecretIsReported()
    {
        auto empty = std::make_shared<CountingSecret>(QString());
        DeliverySigner signer(contextFunction(empty));
        QSignalSpy failed(&signer, &DeliverySigner::signingFailed);
        QSignalSpy signedSpy(&signer, &DeliverySigner::urlsSigned);
        const QJsonObject options {{u"type"_s, u"private"_s}, {u"secure"_s, false}};
        QVERIFY(!signer.signedUrl(m_sdkConfig, u"signed/secret"_s, options).has_value());
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<core::Error>().reason, core::ErrorReason::SecretNotInKeychain);
        // Answered (empty) from now on: the view shows its placeholder, the keychain is not asked again.
        QCOMPARE(signer.signedUrl(m_sdkConfig, u"signed/secret"_s, options), std::optional<QUrl>(QUrl()));
        QCOMPARE(empty->fetches, 1);

        // An environment that cannot be called at all (logged out).
        DeliverySigner loggedOut(
            [] { return core::Result<core::ApiContext>(core::Error::invalidInput(u"Logged out"_s)); });
        QSignalSpy loggedOutFailed(&loggedOut, &DeliverySigner::signingFailed);
        QVERIFY(!loggedOut.signedUrl(m_sdkConfig, u"x"_s, options).has_value());
        QVERIFY(loggedOutFailed.wait(5000));
    }
};

QTEST_MAIN(TestDeliverySigner)
#include "tst_deliverysigner.moc"
