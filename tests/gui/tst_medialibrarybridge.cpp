// The Media Library's bridge (issue 15, point 1) checks the shape of every event the page forwards
// before anything reaches the GUI: what a good event signals, and what malformed ones are answered
// (`bad-argument`, nothing signalled). The page side (relay, isolated world) is tst_webplatform's and
// tst_medialibrary's; here the bridge's own checks, called as the relay calls them.
#include "web/medialibrarybridge.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using stratus::web::MediaLibraryAsset;
using stratus::web::MediaLibraryAssetRef;
using stratus::web::MediaLibraryBridge;

namespace {

QJsonObject asset(const QString &publicId)
{
    return {{u"public_id"_s, publicId},
            {u"resource_type"_s, u"image"_s},
            {u"type"_s, u"upload"_s},
            {u"format"_s, u"jpg"_s},
            {u"asset_id"_s, QString(u"id-"_s + publicId)},
            {u"secure_url"_s, u"https://res.cloudinary.com/demo/image/upload/v1/%1.jpg"_s.arg(publicId)}};
}

QString json(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

} // namespace

class TestMediaLibraryBridge : public QObject
{
    Q_OBJECT

private slots:
    void insertCarriesAssetsAndDerivedUrls()
    {
        MediaLibraryBridge bridge;
        QSignalSpy inserted(&bridge, &MediaLibraryBridge::inserted);
        QSignalSpy replied(&bridge, &MediaLibraryBridge::replied);
        QJsonObject second = asset(u"folder/b"_s);
        second.remove(u"asset_id"_s);
        second.insert(u"id"_s, u"id-b"_s);
        second.insert(
            u"derived"_s,
            QJsonArray {QJsonObject {
                {u"secure_url"_s, u"https://res.cloudinary.com/demo/image/upload/c_fill,w_200/v1/b.jpg"_s},
                {u"raw_transformation"_s, u"c_fill,w_200"_s}}});
        bridge.call(
            7, u"insert"_s,
            json(QJsonObject {{u"mlId"_s, u"x"_s}, {u"assets"_s, QJsonArray {asset(u"a"_s), second}}}));
        QCOMPARE(inserted.size(), 1);
        const auto assets = inserted.constFirst().constFirst().value<QList<MediaLibraryAsset>>();
        QCOMPARE(assets.size(), 2);
        QCOMPARE(assets.at(0).assetId, u"id-a"_s);
        QCOMPARE(assets.at(0).preferredUrl(), assets.at(0).secureUrl);
        QCOMPARE(assets.at(1).assetId, u"id-b"_s);
        QCOMPARE(assets.at(1).preferredUrl().path(), u"/demo/image/upload/c_fill,w_200/v1/b.jpg"_s);
        QCOMPARE(assets.at(1).json[u"public_id"].toString(), u"folder/b"_s);
        QCOMPARE(replied.constFirst().at(1).toString(), u"{\"id\":7,\"ok\":true,\"value\":2}"_s);
    }

    void malformedEventsAreRefused_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("argument");
        const auto withAsset = [](const std::function<void(QJsonObject &)> &change) {
            QJsonObject one = asset(u"a"_s);
            change(one);
            return json(QJsonObject {{u"assets"_s, QJsonArray {one}}});
        };
        QTest::newRow("insert: no assets") << u"insert"_s << json(QJsonObject {{u"assets"_s, QJsonArray()}});
        QTest::newRow("insert: assets not a list")
            << u"insert"_s << json(QJsonObject {{u"assets"_s, u"a"_s}});
        QTest::newRow("insert: a text") << u"insert"_s << json(u"assets"_s);
        QTest::newRow("insert: no public id")
            << u"insert"_s << withAsset([](QJsonObject &a) { a.remove(u"public_id"_s); });
        QTest::newRow("insert: public id a number")
            << u"insert"_s << withAsset([](QJsonObject &a) { a.insert(u"public_id"_s, 12); });
        QTest::newRow("insert: unknown resource type")
            << u"insert"_s << withAsset([](QJsonObject &a) { a.insert(u"resource_type"_s, u"script"_s); });
        QTest::newRow("insert: odd delivery type")
            << u"insert"_s << withAsset([](QJsonObject &a) { a.insert(u"type"_s, u"Up Load!"_s); });
        QTest::newRow("insert: javascript URL")
            << u"insert"_s
            << withAsset([](QJsonObject &a) { a.insert(u"secure_url"_s, u"javascript:alert(1)"_s); });
        QTest::newRow("insert: file URL")
            << u"insert"_s
            << withAsset([](QJsonObject &a) { a.insert(u"secure_url"_s, u"file:///etc/passwd"_s); });
        QTest::newRow("insert: no URL")
            << u"insert"_s << withAsset([](QJsonObject &a) { a.remove(u"secure_url"_s); });
        QTest::newRow("insert: derived not a list")
            << u"insert"_s << withAsset([](QJsonObject &a) { a.insert(u"derived"_s, u"x"_s); });
        QTest::newRow("insert: derived without URL") << u"insert"_s << withAsset([](QJsonObject &a) {
            a.insert(u"derived"_s, QJsonArray {QJsonObject {{u"raw_transformation"_s, u"w_1"_s}}});
        });
        QTest::newRow("insert: public id too long")
            << u"insert"_s
            << withAsset([](QJsonObject &a) { a.insert(u"public_id"_s, QString(2000, u'x')); });
        QJsonArray many;
        for (int i = 0; i <= MediaLibraryBridge::maxAssets; ++i)
            many.append(asset(QString::number(i)));
        QTest::newRow("insert: too many") << u"insert"_s << json(QJsonObject {{u"assets"_s, many}});
        QTest::newRow("upload: nothing named") << u"upload"_s << json(QJsonObject {{u"mlId"_s, u"x"_s}});
        QTest::newRow("upload: a list") << u"upload"_s << json(QJsonArray {asset(u"a"_s)});
        QTest::newRow("delete: public ids not text")
            << u"delete"_s << json(QJsonObject {{u"public_ids"_s, QJsonArray {1, 2}}});
        QTest::newRow("delete: unknown resource type")
            << u"delete"_s << withAsset([](QJsonObject &a) { a.insert(u"resource_type"_s, u"archive"_s); });
        QTest::newRow("identity: a number") << u"identity"_s << json(42);
        QTest::newRow("identity: e-mail not text")
            << u"identity"_s << json(QJsonObject {{u"email"_s, QJsonArray {u"a"_s}}});
        QTest::newRow("error: a list") << u"error"_s << json(QJsonArray {u"x"_s});
        QTest::newRow("error: message not text") << u"error"_s << json(QJsonObject {{u"message"_s, 3}});
        QTest::newRow("unknown method") << u"open"_s << json(QJsonObject());
        QTest::newRow("not JSON") << u"insert"_s << u"{assets:"_s;
    }

    void malformedEventsAreRefused()
    {
        QFETCH(QString, method);
        QFETCH(QString, argument);
        MediaLibraryBridge bridge;
        QSignalSpy replied(&bridge, &MediaLibraryBridge::replied);
        QList<QSignalSpy *> spies {new QSignalSpy(&bridge, &MediaLibraryBridge::inserted),
                                   new QSignalSpy(&bridge, &MediaLibraryBridge::uploaded),
                                   new QSignalSpy(&bridge, &MediaLibraryBridge::deleted),
                                   new QSignalSpy(&bridge, &MediaLibraryBridge::identified),
                                   new QSignalSpy(&bridge, &MediaLibraryBridge::failed),
                                   new QSignalSpy(&bridge, &MediaLibraryBridge::hidden)};
        bridge.call(3, method, argument);
        QCOMPARE(replied.size(), 1);
        const QJsonObject answer
            = QJsonDocument::fromJson(replied.constFirst().at(1).toString().toUtf8()).object();
        QCOMPARE(answer[u"ok"].toBool(), false);
        QVERIFY(answer[u"error"].toString() == u"bad-argument"
                || answer[u"error"].toString() == u"unknown-method");
        for (QSignalSpy *spy : std::as_const(spies)) {
            QCOMPARE(spy->size(), 0);
            delete spy;
        }
        QCOMPARE(bridge.refusedCalls(), 1);
    }

    void uploadAndDeleteShapes()
    {
        MediaLibraryBridge bridge;
        QSignalSpy uploaded(&bridge, &MediaLibraryBridge::uploaded);
        QSignalSpy deleted(&bridge, &MediaLibraryBridge::deleted);
        bridge.call(1, u"upload"_s, json(QJsonObject {{u"assets"_s, QJsonArray {asset(u"up"_s)}}}));
        bridge.call(2, u"upload"_s, json(QJsonObject {{u"asset"_s, asset(u"one"_s)}}));
        bridge.call(3, u"upload"_s, json(asset(u"bare"_s)));
        bridge.call(4, u"delete"_s, json(QJsonObject {{u"public_ids"_s, QJsonArray {u"x"_s, u"y"_s}}}));
        bridge.call(5, u"delete"_s,
                    json(QJsonObject {{u"deleted"_s,
                                       QJsonArray {QJsonObject {{u"public_id"_s, u"v"_s},
                                                                {u"resource_type"_s, u"video"_s},
                                                                {u"asset_id"_s, u"id-v"_s}}}}}));
        QCOMPARE(uploaded.size(), 3);
        QCOMPARE(uploaded.at(0).at(0).value<QList<MediaLibraryAssetRef>>().constFirst().assetId, u"id-up"_s);
        QCOMPARE(uploaded.at(1).at(0).value<QList<MediaLibraryAssetRef>>().constFirst().publicId, u"one"_s);
        QCOMPARE(uploaded.at(2).at(0).value<QList<MediaLibraryAssetRef>>().constFirst().publicId, u"bare"_s);
        QCOMPARE(deleted.size(), 2);
        const auto ids = deleted.at(0).at(0).value<QList<MediaLibraryAssetRef>>();
        QCOMPARE(ids.size(), 2);
        QCOMPARE(ids.at(1).publicId, u"y"_s);
        QCOMPARE(ids.at(1).resourceType, u"image"_s); // the default
        QCOMPARE(ids.at(1).type, u"upload"_s);
        const auto video = deleted.at(1).at(0).value<QList<MediaLibraryAssetRef>>().constFirst();
        QCOMPARE(video.resourceType, u"video"_s);
        QCOMPARE(video.assetId, u"id-v"_s);
    }

    void identityErrorAndHide()
    {
        MediaLibraryBridge bridge;
        QSignalSpy identified(&bridge, &MediaLibraryBridge::identified);
        QSignalSpy failed(&bridge, &MediaLibraryBridge::failed);
        QSignalSpy hidden(&bridge, &MediaLibraryBridge::hidden);
        bridge.call(1, u"identity"_s, json(QJsonObject {{u"email"_s, u"me@example.com"_s}}));
        bridge.call(2, u"error"_s, json(QJsonObject {{u"message"_s, QString(5000, u'e')}}));
        bridge.call(3, u"hide"_s, u"null"_s);
        QCOMPARE(identified.constFirst().constFirst().toString(), u"me@example.com"_s);
        QCOMPARE(failed.constFirst().constFirst().toString().size(), 500); // bounded
        QCOMPARE(hidden.size(), 1);
        QCOMPARE(bridge.refusedCalls(), 0);
    }
};

QTEST_GUILESS_MAIN(TestMediaLibraryBridge)
#include "tst_medialibrarybridge.moc"
