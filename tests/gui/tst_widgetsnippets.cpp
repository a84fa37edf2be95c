// What the widget windows make and accept, without a browser (issue 15, points 2–4): the embed
// snippets carry the environment's delivery settings and cannot be broken out of by a public ID; the
// host pages are filled in one pass; the bridges refuse payloads that are not what the widgets send.
#include "core/config/cloudinaryurl.h"
#include "gui/cloudwidgets/snippets.h"
#include "web/mediaeditorbridge.h"
#include "web/uploadwidgetbridge.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::gui;

namespace {

/// The object literal passed to the widget's factory in `script` ("…(\"id\", {…});" or "…({…});").
QJsonObject factoryOptions(const QString &script)
{
    const qsizetype open = script.indexOf(u'{');
    const qsizetype close = script.indexOf(u"});"_s);
    return QJsonDocument::fromJson(script.mid(open, close - open + 1).toUtf8()).object();
}

} // namespace

class TestWidgetSnippets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deliveryConfig_data();
    void deliveryConfig();
    void videoPlayerSnippet();
    void galleryEscapesWhatItIsGiven();
    void galleryAspectRatio_data();
    void galleryAspectRatio();
    void hostPageFillsInOnePass();
    void editorExports_data();
    void editorExports();
    void uploadResults_data();
    void uploadResults();
    void uploadBridgeWithoutSigner();
};

void TestWidgetSnippets::deliveryConfig_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QJsonObject>("expected");
    QTest::newRow("cloudinary") << u"cloudinary://1:s@demo"_s << QJsonObject {{u"cloudName"_s, u"demo"_s}};
    QTest::newRow("cname") << u"cloudinary://1:s@demo?cname=media.example.com"_s
                           << QJsonObject {{u"cloudName"_s, u"demo"_s}, {u"cname"_s, u"media.example.com"_s}};
    QTest::newRow("private cdn") << u"cloudinary://1:s@demo/demo-res.example.com"_s
                                 << QJsonObject {{u"cloudName"_s, u"demo"_s},
                                                 {u"privateCdn"_s, true},
                                                 {u"secureDistribution"_s, u"demo-res.example.com"_s}};
    QTest::newRow("sandbox")
        << u"cloudinary://1:s@local?upload_prefix=http://127.0.0.1:8765&cname=127.0.0.1:8765&secure=false"_s
        << QJsonObject {
               {u"cloudName"_s, u"local"_s}, {u"cname"_s, u"127.0.0.1:8765"_s}, {u"secure"_s, false}};
}

void TestWidgetSnippets::deliveryConfig()
{
    QFETCH(QString, url);
    QFETCH(QJsonObject, expected);
    const auto parsed = core::CloudinaryUrl::parse(url);
    QVERIFY(parsed.ok());
    QCOMPARE(snippets::deliveryConfig(parsed.value()), expected);
}

void TestWidgetSnippets::videoPlayerSnippet()
{
    const auto sources = web::WidgetSources::forApiBase(QString());
    const QJsonObject delivery {{u"cloudName"_s, u"demo"_s}, {u"cname"_s, u"media.example.com"_s}};
    const EmbedSnippet snippet = snippets::videoPlayer(sources, delivery, u"shoes/red & blue"_s);
    // Cloudinary's published player, its style sheet, the element and the script.
    QVERIFY(snippet.html.contains(
        u"<script src=\"https://cdn.jsdelivr.net/npm/cloudinary-video-player/dist/player.min.js\"></script>"_s));
    QVERIFY(snippet.html.contains(u"player.min.css"_s));
    QVERIFY(snippet.html.contains(u"<video id=\"stratus-player\""_s));
    QCOMPARE(factoryOptions(snippet.html), delivery);
    QCOMPARE(factoryOptions(snippet.javascript), delivery);
    // The public ID as a JavaScript string ('&' escaped so that it means nothing to HTML either).
    QVERIFY(snippet.javascript.contains(u"player.source(\"shoes/red \\u0026 blue\");"_s));
    QVERIFY(!snippet.javascript.contains(u"<script"_s));
}

void TestWidgetSnippets::galleryEscapesWhatItIsGiven()
{
    const auto sources = web::WidgetSources::forApiBase(u"http://127.0.0.1:9000"_s);
    const QString hostile = u"x\"</script><script>alert(1)</script>"_s;
    const EmbedSnippet snippet = snippets::productGallery(
        sources, {{u"cloudName"_s, u"local"_s}},
        {{hostile, u"image"_s, QSize()}, {u"clips/intro"_s, u"video"_s, QSize(1920, 1080)}});
    QVERIFY(snippet.html.startsWith(
        u"<script src=\"http://127.0.0.1:9000/widgets/product-gallery/all.js\"></script>"_s));
    // Exactly the snippet's own two script elements: the public ID closes none.
    QCOMPARE(snippet.html.count(u"</script>"_s), 2);
    QVERIFY(!snippet.javascript.contains(u"</script"_s));
    QVERIFY(snippet.javascript.contains(u"x\\\"\\u003c/script\\u003e"_s));
    const QJsonObject options = factoryOptions(snippet.javascript);
    QCOMPARE(options.value(u"container"_s).toString(), u"#stratus-gallery"_s);
    const QJsonArray assets = options.value(u"mediaAssets"_s).toArray();
    QCOMPARE(assets.size(), 2);
    QCOMPARE(assets.at(0).toObject().value(u"publicId"_s).toString(), hostile);
    QCOMPARE(assets.at(1).toObject().value(u"mediaType"_s).toString(), u"video"_s);
    // Shaped as the first asset whose size is known (the first has none): no bands around it.
    QCOMPARE(options.value(u"aspectRatio"_s).toString(), u"16:9"_s);
    const EmbedSnippet unknown
        = snippets::productGallery(sources, {{u"cloudName"_s, u"local"_s}}, {{u"a"_s, u"image"_s, QSize()}});
    QVERIFY(!factoryOptions(unknown.javascript).contains(u"aspectRatio"_s));
}

void TestWidgetSnippets::galleryAspectRatio_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("shape");
    QTest::newRow("the sandbox's pictures") << QSize(800, 600) << u"4:3"_s;
    QTest::newRow("portrait") << QSize(600, 800) << u"3:4"_s;
    QTest::newRow("square-ish") << QSize(1010, 1000) << u"square"_s;
    QTest::newRow("full HD") << QSize(1920, 1080) << u"16:9"_s;
    QTest::newRow("phone video") << QSize(1080, 1920) << u"9:16"_s;
    QTest::newRow("3:2 camera") << QSize(6000, 4000) << u"6:4"_s;
    QTest::newRow("very wide: the widest there is") << QSize(4000, 1000) << u"16:9"_s;
    QTest::newRow("no size") << QSize() << QString();
    QTest::newRow("no height") << QSize(100, 0) << QString();
}

void TestWidgetSnippets::galleryAspectRatio()
{
    QFETCH(QSize, size);
    QFETCH(QString, shape);
    QCOMPARE(snippets::galleryAspectRatio(size), shape);
}

void TestWidgetSnippets::hostPageFillsInOnePass()
{
    // A value that holds another placeholder keeps it as text.
    const QString page = snippets::hostPage(u"preview"_s,
                                            {{u"TITLE"_s, u"{{CONFIG}}"_s},
                                             {u"SNIPPET"_s, u"<p>snippet</p>"_s},
                                             {u"CONFIG"_s, u"{}"_s},
                                             {u"RATIO"_s, u"1.7778"_s}});
    QVERIFY(!page.isEmpty());
    QVERIFY(page.contains(u"<title>{{CONFIG}}</title>"_s));
    QVERIFY(page.contains(u"<p>snippet</p>"_s));
    QVERIFY(page.contains(u"var check = {};"_s));
    QVERIFY(page.contains(u"--ratio: 1.7778;"_s));
    QVERIFY(snippets::hostPage(u"no-such-page"_s, {}).isEmpty());
    QCOMPARE(snippets::htmlEscaped(u"<a href=\"x\">'&'</a>"_s),
             u"&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"_s);
}

void TestWidgetSnippets::editorExports_data()
{
    QTest::addColumn<QJsonValue>("payload");
    QTest::addColumn<bool>("accepted");
    const auto payload = [](const QJsonValue &transformation, const QJsonValue &asset) {
        return QJsonValue(
            QJsonObject {{u"transformation"_s, transformation}, {u"assets"_s, QJsonArray {asset}}});
    };
    const QJsonObject asset {
        {u"url"_s, u"https://res.cloudinary.com/demo/image/upload/c_crop,w_10/sample.png"_s},
        {u"downloadUrl"_s, u"https://res.cloudinary.com/demo/image/upload/fl_attachment/sample.png"_s}};
    QTest::newRow("export") << payload(u"c_crop,w_10/f_png"_s, asset) << true;
    QTest::newRow("no transformation") << payload(u""_s, asset) << true;
    QTest::newRow("sandbox http") << payload(u"f_png"_s,
                                             QJsonObject {{u"url"_s, u"http://127.0.0.1:8765/a.png"_s}})
                                  << true;
    QTest::newRow("javascript url") << payload(u"f_png"_s, QJsonObject {{u"url"_s, u"javascript:alert(1)"_s}})
                                    << false;
    QTest::newRow("file url") << payload(u"f_png"_s, QJsonObject {{u"url"_s, u"file:///etc/passwd"_s}})
                              << false;
    QTest::newRow("bad download") << payload(
        u"f_png"_s, QJsonObject {{u"url"_s, u"https://a.example/x.png"_s}, {u"downloadUrl"_s, 12}})
                                  << false;
    QTest::newRow("control character") << payload(u"f_png\n"_s, asset) << false;
    QTest::newRow("too long") << payload(QString(5000, u'a'), asset) << false;
    QTest::newRow("number") << payload(42, asset) << false;
    QTest::newRow("no assets") << QJsonValue(QJsonObject {{u"transformation"_s, u"f_png"_s}}) << false;
    QTest::newRow("not an object") << QJsonValue(u"f_png"_s) << false;
}

void TestWidgetSnippets::editorExports()
{
    QFETCH(QJsonValue, payload);
    QFETCH(bool, accepted);
    const auto result = web::MediaEditorBridge::parseExport(payload);
    QCOMPARE(result.has_value(), accepted);

    // Through the bridge, as the page calls it.
    web::MediaEditorBridge bridge;
    QSignalSpy exported(&bridge, &web::MediaEditorBridge::exported);
    QSignalSpy replied(&bridge, &web::WidgetBridge::replied);
    bridge.call(7, u"export"_s,
                QString::fromUtf8(QJsonDocument(QJsonArray {payload}).toJson(QJsonDocument::Compact))
                    .mid(1)
                    .chopped(1));
    QCOMPARE(replied.size(), 1);
    QCOMPARE(exported.size(), accepted ? 1 : 0);
    const QJsonObject answer = QJsonDocument::fromJson(replied.first().at(1).toString().toUtf8()).object();
    QCOMPARE(answer.value(u"ok"_s).toBool(), accepted);
}

void TestWidgetSnippets::uploadResults_data()
{
    QTest::addColumn<QJsonObject>("info");
    QTest::addColumn<bool>("accepted");
    const QJsonObject result {{u"asset_id"_s, u"0f1e"_s},
                              {u"public_id"_s, u"samples/dog"_s},
                              {u"resource_type"_s, u"image"_s},
                              {u"type"_s, u"upload"_s},
                              {u"version"_s, 1712345678}};
    QTest::newRow("result") << result << true;
    QJsonObject noType = result;
    noType.remove(u"type"_s);
    QTest::newRow("no type") << noType << true;
    QJsonObject noAsset = result;
    noAsset.remove(u"asset_id"_s);
    QTest::newRow("no asset id") << noAsset << false;
    QJsonObject noVersion = result;
    noVersion.insert(u"version"_s, 0);
    QTest::newRow("no version") << noVersion << false;
    QJsonObject numberId = result;
    numberId.insert(u"public_id"_s, 5);
    QTest::newRow("number public id") << numberId << false;
    QTest::newRow("empty") << QJsonObject() << false;
}

void TestWidgetSnippets::uploadResults()
{
    QFETCH(QJsonObject, info);
    QFETCH(bool, accepted);
    QCOMPARE(web::isUploadResult(info), accepted);
    web::UploadWidgetBridge bridge(nullptr);
    QSignalSpy uploaded(&bridge, &web::UploadWidgetBridge::uploaded);
    QSignalSpy replied(&bridge, &web::WidgetBridge::replied);
    const QJsonObject event {{u"event"_s, u"success"_s}, {u"info"_s, info}};
    bridge.call(1, u"event"_s, QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact)));
    QCOMPARE(replied.size(), 1);
    QCOMPARE(uploaded.size(), accepted ? 1 : 0);
    QCOMPARE(bridge.uploadCount(), accepted ? 1 : 0);
}

void TestWidgetSnippets::uploadBridgeWithoutSigner()
{
    web::UploadWidgetBridge bridge(nullptr);
    QSignalSpy refused(&bridge, &web::UploadWidgetBridge::signatureRefused);
    QSignalSpy replied(&bridge, &web::WidgetBridge::replied);
    QSignalSpy closed(&bridge, &web::UploadWidgetBridge::closeRequested);
    bridge.call(3, u"signature"_s, u"{\"source\":\"uw\",\"timestamp\":1}"_s);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(QJsonDocument::fromJson(replied.last().at(1).toString().toUtf8())
                 .object()
                 .value(u"error"_s)
                 .toString(),
             u"unsigned"_s);
    bridge.call(4, u"signature"_s, u"[1,2]"_s);
    QCOMPARE(QJsonDocument::fromJson(replied.last().at(1).toString().toUtf8())
                 .object()
                 .value(u"error"_s)
                 .toString(),
             u"bad-argument"_s);
    bridge.call(5, u"close"_s, u"null"_s);
    QCOMPARE(closed.size(), 1);
    bridge.call(6, u"eval"_s, u"null"_s);
    QCOMPARE(QJsonDocument::fromJson(replied.last().at(1).toString().toUtf8())
                 .object()
                 .value(u"error"_s)
                 .toString(),
             u"unknown-method"_s);
}

QTEST_MAIN(TestWidgetSnippets)
#include "tst_widgetsnippets.moc"
