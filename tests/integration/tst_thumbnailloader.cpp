// ThumbnailLoader against a real stratus-sandbox: delivery URLs fetched and cached, served from the
// disk cache with the server gone, most urgent first, cancelled when no longer wanted.
#include "sandboxprocess.h"

#include "core/cache/diskcache.h"
#include "core/delivery/deliveryurl.h"
#include "gui/browser/thumbnailloader.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus;

class TestThumbnailLoader : public QObject
{
    Q_OBJECT

private:
    QUrl thumbnailUrl(const QString &publicId, int size)
    {
        const auto url = core::CloudinaryUrl::parse(m_sandbox.cloudinaryUrls().constFirst()).value();
        QJsonObject config = url.toSdkConfig();
        const QJsonObject options {{QStringLiteral("width"), size},
                                   {QStringLiteral("height"), size},
                                   {QStringLiteral("crop"), QStringLiteral("fill")},
                                   {QStringLiteral("format"), QStringLiteral("jpg")},
                                   {QStringLiteral("secure"), false}};
        return QUrl(core::buildDeliveryUrl(publicId, options, config).value());
    }

    QStringList m_publicIds;
    test::SandboxProcess m_sandbox;

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start({QStringLiteral("--seed"), QStringLiteral("40")}, 1, false, &error),
                 qPrintable(error));
        // The seeded images' public ids, through the Admin API.
        QNetworkRequest request(
            QUrl(m_sandbox.baseUrl().toString() + QStringLiteral("/v1_1/")
                 + core::CloudinaryUrl::parse(m_sandbox.cloudinaryUrls().constFirst())->cloudName()
                 + QStringLiteral("/resources/image?max_results=30")));
        const auto url = core::CloudinaryUrl::parse(m_sandbox.cloudinaryUrls().constFirst()).value();
        request.setRawHeader("Authorization",
                             "Basic "
                                 + (url.apiKey() + QLatin1Char(':') + url.apiSecret()).toUtf8().toBase64());
        QNetworkReply *reply = m_sandbox.network()->get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        for (const QJsonValue &resource :
             QJsonDocument::fromJson(reply->readAll())[QStringLiteral("resources")].toArray())
            m_publicIds.append(resource[QStringLiteral("public_id")].toString());
        reply->deleteLater();
        QVERIFY(m_publicIds.size() >= 10);
    }

    void fetchesCachesAndServesFromTheCache()
    {
        QTemporaryDir dir;
        core::DiskCache cache(dir.path(), 10 << 20);
        gui::ThumbnailLoader loader(m_sandbox.network(), &cache);
        QSignalSpy ready(&loader, &gui::ThumbnailLoader::ready);
        QSignalSpy failed(&loader, &gui::ThumbnailLoader::failed);
        for (int i = 0; i < 8; ++i)
            loader.request(m_publicIds.at(i), thumbnailUrl(m_publicIds.at(i), 96), i);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count() + failed.count(), 8, 30000);
        QCOMPARE(failed.count(), 0);
        const QImage first = ready.first().at(1).value<QImage>();
        QCOMPARE(first.size(), QSize(96, 96));
        QCOMPARE(cache.count(), 8);

        // A second loader on the same cache, with no network at all: straight from disk.
        QNetworkAccessManager nowhere;
        gui::ThumbnailLoader offline(&nowhere, &cache);
        QSignalSpy offlineReady(&offline, &gui::ThumbnailLoader::ready);
        offline.request(m_publicIds.at(3), thumbnailUrl(m_publicIds.at(3), 96), 0);
        QCOMPARE(offlineReady.count(), 1); // synchronously
        QCOMPARE(offline.runningCount(), 0);
        // Another size is another URL: not cached.
        offline.request(m_publicIds.at(3), thumbnailUrl(m_publicIds.at(3), 128), 0);
        QCOMPARE(offlineReady.count(), 1);
    }

    void mostUrgentFirstAndCancelledWhenUnwanted()
    {
        QTemporaryDir dir;
        core::DiskCache cache(dir.path(), 10 << 20);
        gui::ThumbnailLoader loader(m_sandbox.network(), &cache);
        loader.setMaximumConcurrent(1);
        QStringList order;
        connect(&loader, &gui::ThumbnailLoader::ready, this, [&](const QString &key) { order.append(key); });
        // Asked far to near; the nearest (lowest priority value) must come before the others queued.
        for (int i = 9; i >= 0; --i)
            loader.request(m_publicIds.at(i), thumbnailUrl(m_publicIds.at(i), 64), i);
        QCOMPARE(loader.runningCount(), 1);
        QCOMPARE(loader.pendingCount(), 9);
        // The view scrolled: only 0..3 are still wanted.
        loader.retainOnly({m_publicIds.at(0), m_publicIds.at(1), m_publicIds.at(2), m_publicIds.at(3)});
        QTRY_VERIFY_WITH_TIMEOUT(loader.runningCount() == 0 && loader.pendingCount() == 0, 30000);
        // Idle: every answer is in (an aborted request is neither running nor answered later).
        // The first request (9) was running and unwanted: aborted. The rest came in priority order.
        QCOMPARE(order,
                 (QStringList {m_publicIds.at(0), m_publicIds.at(1), m_publicIds.at(2), m_publicIds.at(3)}));
    }

    void aMissingAssetFails()
    {
        QTemporaryDir dir;
        core::DiskCache cache(dir.path(), 1 << 20);
        gui::ThumbnailLoader loader(m_sandbox.network(), &cache);
        QSignalSpy failed(&loader, &gui::ThumbnailLoader::failed);
        loader.request(QStringLiteral("nope"), thumbnailUrl(QStringLiteral("no/such/asset"), 64), 0);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QCOMPARE(failed.first().at(1).toBool(), false); // an answer (404), not "offline"
        QCOMPARE(cache.count(), 0);
    }
};

QTEST_MAIN(TestThumbnailLoader)
#include "tst_thumbnailloader.moc"
