// The sandbox's stand-in Media Editor, Video Player and Product Gallery (issue 15, points 4, 6 and 7)
// in a real, offscreen Qt WebEngine against an in-process sandbox: host pages of origin
// https://stratus.test load the stand-ins' scripts from the sandbox as the app's host pages do.
// The editor's page (on the widgets origin) is played by a script injected into that frame only:
// it drags a crop rectangle, picks presets, rotates, resizes, changes the format or trims a video,
// and exports; the export event's payload comes back to C++, and the URL it names is fetched from
// the sandbox and measured. The player plays a sandbox video (muted) and seeks; the gallery renders
// assets and switches its main view. Nothing any page asked for or said carries the API secret.
#include "sandbox.h"
#include "seeder.h"

#include <QApplication>
#include <QEventLoop>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineScript>
#include <QWebEngineScriptCollection>
#include <QWebEngineUrlRequestInterceptor>
#include <QWebEngineView>

#include <unistd.h>

using namespace Qt::StringLiterals;
using stratus::sandbox::Asset;
using stratus::sandbox::EnvironmentConfig;
using stratus::sandbox::Sandbox;

namespace {

const QString kCloud = u"widgetdemo"_s;
const QString kSecret = u"widgets-secret-7d21e5"_s;

QVariant evaluate(QWebEnginePage *page, const QString &script)
{
    QVariant result;
    QEventLoop loop;
    page->runJavaScript(script, [&](const QVariant &value) {
        result = value;
        loop.quit();
    });
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    return result;
}

// Keeps what the pages said on their consoles, to show when a test fails.
class RecordingPage : public QWebEnginePage
{
public:
    using QWebEnginePage::QWebEnginePage;
    QStringList messages;

protected:
    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel, const QString &message, int line,
                                  const QString &source) override
    {
        messages.append(u"%1:%2: %3"_s.arg(source).arg(line).arg(message));
    }
};

// Every URL the pages of a profile ask for (documents, frames, scripts, fetches, pictures, media).
class RecordingInterceptor : public QWebEngineUrlRequestInterceptor
{
public:
    QList<QUrl> urls;
    void interceptRequest(QWebEngineUrlRequestInfo &info) override { urls.append(info.requestUrl()); }
};

struct Reply
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QByteArray contentRange;
    QByteArray csp;
};

Reply get(QNetworkAccessManager &net, const QUrl &url, const QByteArray &host = {},
          const QByteArray &range = {})
{
    QNetworkRequest request(url);
    if (!host.isEmpty())
        request.setRawHeader("Host", host);
    if (!range.isEmpty())
        request.setRawHeader("Range", range);
    QNetworkReply *reply = net.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply out {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
               reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
               reply->rawHeader("Content-Range"), reply->rawHeader("Content-Security-Policy")};
    reply->deleteLater();
    return out;
}

// Plays the user of the editor page, in that frame only (an isolated world sharing its DOM): waits
// until the picture or video is ready, then runs the steps of @p scenario, then clicks Export.
QString editorPlayer(const QString &scenario)
{
    return uR"JS(
(function () {
    if (location.pathname !== "/widgets/media-editor/editor.html")
        return;
    function $(id) { return document.getElementById(id); }
    function ready() { return document.body.dataset.state === "ready"; }
    function later(test, then) {
        var timer = setInterval(function () {
            if (test()) {
                clearInterval(timer);
                setTimeout(then, 50);
            }
        }, 50);
    }
    function pointer(type, x, y, target) {
        (target || document).dispatchEvent(new PointerEvent(type, {clientX: x, clientY: y, bubbles: true,
                                                                   button: 0, pointerId: 1, isPrimary: true}));
    }
    // A drag from one fraction of the picture to another, as a mouse would do it.
    function drag(fx1, fy1, fx2, fy2) {
        var box = $("picture").getBoundingClientRect();
        var x1 = box.left + box.width * fx1, y1 = box.top + box.height * fy1;
        var x2 = box.left + box.width * fx2, y2 = box.top + box.height * fy2;
        pointer("pointerdown", x1, y1, document.elementFromPoint(x1, y1));
        pointer("pointermove", (x1 + x2) / 2, (y1 + y2) / 2);
        pointer("pointermove", x2, y2);
        pointer("pointerup", x2, y2);
    }
    function choose(id, value) {
        $(id).value = value;
        $(id).dispatchEvent(new Event("change", {bubbles: true}));
    }
    var steps = {
        "drag-png": function (done) {
            drag(0.25, 0.25, 0.75, 0.75);
            choose("format", "png");
            done();
        },
        "square-rotate-webp": function (done) {
            $("rotate-right").click();
            later(ready, function () {
                document.querySelector('#presets [data-preset="square"]').click();
                choose("resize-w", "100");
                $("next").click();
                choose("format", "webp");
                done();
            });
        },
        "trim": function (done) {
            choose("trim-start", "0.5");
            choose("trim-end", "1.5");
            done();
        }
    };
    later(ready, function () {
        steps["%1"](function () { setTimeout(function () { $("export").click(); }, 100); });
    });
})();
)JS"_s.arg(scenario);
}

} // namespace

class TestSandboxWidgets : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void servedWhereExpected();
    void videoDeliveryHonoursRanges();
    void editorExports_data();
    void editorExports();
    void editorTrimsVideo();
    void editorReportsMissingAsset();
    void playerPlaysSandboxVideo();
    void galleryRendersAndSwitches();
    void galleryReadsTagList();

private:
    struct HostPage
    {
        RecordingInterceptor requests; // declared first: outlives the profile
        QWebEngineProfile profile; // off the record: nothing of a test stays; outlives the page
        QWebEngineView view;
        RecordingPage *page = nullptr;
    };
    /// Loads a host page of origin https://stratus.test with @p head (script tags) and @p body; an
    /// optional script runs in the sandbox's widget frames. True once @p ready evaluates to true.
    bool loadHostPage(HostPage &host, const QString &head, const QString &body, const QString &ready,
                      const QString &frameScript = {});
    /// No request of the page carried the API secret, and its console did not say it.
    void verifyNoSecret(const HostPage &host);
    [[nodiscard]] QString base() const { return u"http://127.0.0.1:%1"_s.arg(m_sandbox.port()); }
    [[nodiscard]] QByteArray widgetsHost() const
    {
        return QByteArray("localhost:" + QByteArray::number(m_sandbox.port()));
    }

    QTemporaryDir m_dir;
    Sandbox m_sandbox;
    QNetworkAccessManager m_net;
    const Asset *m_image = nullptr; ///< a picture big enough to crop
    const Asset *m_video = nullptr;
    QList<const Asset *> m_pictures; ///< pictures for the gallery
};

void TestSandboxWidgets::initTestCase()
{
    QVERIFY(m_dir.isValid());
    EnvironmentConfig env = EnvironmentConfig::generated(kCloud);
    env.apiSecret = kSecret;
    QString error;
    QVERIFY2(m_sandbox.open(m_dir.filePath(u"data"_s), {env}, {}, &error), qPrintable(error));
    QVERIFY2(stratus::sandbox::Seeder::seed(m_sandbox.store(), env, 40, &error), qPrintable(error));
    QVERIFY(m_sandbox.listen(0) != 0);
    for (const Asset *asset : m_sandbox.store().assets(kCloud)) {
        if (asset->resourceType == u"video" && !m_video)
            m_video = asset;
        const bool shown = asset->format == u"jpg" || asset->format == u"png";
        if (asset->resourceType != u"image" || !shown)
            continue;
        // Not square: the square preset must crop.
        if (!m_image && asset->width >= 300 && asset->height >= 200 && asset->width != asset->height)
            m_image = asset;
        if (m_pictures.size() < 3)
            m_pictures.append(asset);
    }
    QVERIFY(m_image);
    QVERIFY(m_video);
    QVERIFY(m_video->duration > 1.5);
    QCOMPARE(m_pictures.size(), 3);
}

bool TestSandboxWidgets::loadHostPage(HostPage &host, const QString &head, const QString &body,
                                      const QString &ready, const QString &frameScript)
{
    if (!frameScript.isEmpty()) {
        QWebEngineScript player;
        player.setName(u"play-user"_s);
        player.setSourceCode(frameScript);
        player.setInjectionPoint(QWebEngineScript::DocumentReady);
        player.setWorldId(QWebEngineScript::ApplicationWorld);
        player.setRunsOnSubFrames(true);
        host.profile.scripts()->insert(player);
    }
    host.profile.setUrlRequestInterceptor(&host.requests);
    host.page = new RecordingPage(&host.profile, &host.view);
    host.view.setPage(host.page);
    host.view.resize(1200, 800);
    host.view.show();
    const QString html = uR"(<!DOCTYPE html><html><head><meta charset="utf-8">%1</head>
<body style="margin:0">%2</body></html>)"_s.arg(head, body);
    host.page->setHtml(html, QUrl(u"https://stratus.test/widget"_s));
    return QTest::qWaitFor([&] { return evaluate(host.page, ready).toBool(); }, 20000);
}

void TestSandboxWidgets::verifyNoSecret(const HostPage &host)
{
    QVERIFY(!host.requests.urls.isEmpty());
    for (const QUrl &url : host.requests.urls)
        QVERIFY2(!QUrl::fromPercentEncoding(url.toEncoded()).contains(kSecret), qPrintable(url.toString()));
    QVERIFY(!host.page->messages.join(u'\n').contains(kSecret));
}

void TestSandboxWidgets::servedWhereExpected()
{
    // Loaders under the clients' name, with the origins they need written in and no secret.
    const Reply editor = get(m_net, QUrl(base() + u"/widgets/media-editor/all.js"_s));
    QCOMPARE(editor.status, 200);
    QVERIFY(editor.contentType.startsWith("text/javascript"));
    QVERIFY(editor.body.contains(QByteArray("\"" + m_sandbox.widgetsOrigin().toLatin1() + "\"")));
    const Reply player = get(m_net, QUrl(base() + u"/widgets/video-player/player.min.js"_s));
    QCOMPARE(player.status, 200);
    QVERIFY(player.body.contains(QByteArray("\"" + base().toLatin1() + "\"")));
    QCOMPARE(get(m_net, QUrl(base() + u"/widgets/video-player/player.min.css"_s)).status, 200);
    const Reply gallery = get(m_net, QUrl(base() + u"/widgets/product-gallery/all.js"_s));
    QCOMPARE(gallery.status, 200);
    QVERIFY(gallery.body.contains(QByteArray("\"" + base().toLatin1() + "\"")));
    for (const Reply &reply : {editor, player, gallery})
        QVERIFY(!reply.body.contains(kSecret.toLatin1()));
    QCOMPARE(get(m_net, QUrl(base() + u"/widgets/product-gallery/other.js"_s)).status, 404);

    // The editor's page only on the widgets origin, with a strict policy.
    QCOMPARE(get(m_net, QUrl(base() + u"/widgets/media-editor/editor.html"_s)).status, 404);
    const Reply page = get(m_net, QUrl(base() + u"/widgets/media-editor/editor.html"_s), widgetsHost());
    QCOMPARE(page.status, 200);
    QVERIFY(page.csp.contains("script-src 'self'"));
    QVERIFY(page.csp.contains(QByteArray("img-src 'self' data: " + base().toLatin1())));

    // The asset look-up: public assets only.
    const auto lookup = [&](const QString &publicId, const QString &type) {
        QUrl url(base() + u"/widgets/media-editor/asset"_s);
        url.setQuery(u"cloud_name=%1&public_id=%2&resource_type=image&type=%3"_s.arg(
            kCloud, QString::fromUtf8(QUrl::toPercentEncoding(publicId)), type));
        return get(m_net, url, widgetsHost());
    };
    const Reply found = lookup(m_image->publicId, u"upload"_s);
    QCOMPARE(found.status, 200);
    const QJsonObject json = QJsonDocument::fromJson(found.body).object();
    QCOMPARE(json[u"width"].toInt(), m_image->width);
    QCOMPARE(json[u"format"].toString(), m_image->format);
    QCOMPARE(json[u"delivery_base"].toString(), base() + u'/' + kCloud);
    QCOMPARE(lookup(m_image->publicId, u"private"_s).status, 403);
    QCOMPARE(lookup(u"no/such/picture"_s, u"upload"_s).status, 404);
}

void TestSandboxWidgets::videoDeliveryHonoursRanges()
{
    // Seeking in a <video> asks for byte ranges: the sandbox answers them with 206.
    const QUrl url(base() + u"/%1/video/upload/%2.mp4"_s.arg(kCloud, m_video->publicId));
    const Reply whole = get(m_net, url);
    QCOMPARE(whole.status, 200);
    QCOMPARE(whole.body.size(), m_video->bytes);
    const Reply part = get(m_net, url, {}, "bytes=100-199");
    QCOMPARE(part.status, 206);
    QCOMPARE(part.body, whole.body.mid(100, 100));
    QCOMPARE(part.contentRange, "bytes 100-199/" + QByteArray::number(m_video->bytes));
    // A trimmed video's URL (what the editor exports) answers too.
    const QUrl trimmed(base() + u"/%1/video/upload/eo_1.5,so_0.5/%2.mp4"_s.arg(kCloud, m_video->publicId));
    QCOMPARE(get(m_net, trimmed).status, 200);
}

void TestSandboxWidgets::editorExports_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::newRow("drag a crop, PNG") << u"drag-png"_s;
    QTest::newRow("rotate, square, resize, WebP") << u"square-rotate-webp"_s;
}

void TestSandboxWidgets::editorExports()
{
    QFETCH(QString, scenario);
    HostPage host;
    const QString head = uR"(<script src="%1/widgets/media-editor/all.js"></script>)"_s.arg(base());
    QVERIFY(loadHostPage(host, head, uR"(<div id="me" style="width:1200px;height:780px"></div>)"_s,
                         u"typeof cloudinary === 'object' && typeof cloudinary.mediaEditor === 'function'"_s,
                         editorPlayer(scenario)));
    QCOMPARE(evaluate(host.page, u"location.origin"_s).toString(), u"https://stratus.test"_s);
    const QString config = QString::fromUtf8(
        QJsonDocument(
            QJsonObject {{u"cloudName"_s, kCloud},
                         {u"publicIds"_s, QJsonArray {m_image->publicId}},
                         {u"mode"_s, u"inline"_s},
                         {u"image"_s,
                          QJsonObject {{u"steps"_s, QJsonArray {u"resizeAndCrop"_s, u"export"_s}},
                                       {u"export"_s,
                                        QJsonObject {{u"formats"_s, QJsonArray {u"png"_s, u"webp"_s}},
                                                     {u"quality"_s, QJsonArray {u"auto"_s, 80}}}}}}})
            .toJson(QJsonDocument::Compact));
    evaluate(host.page, uR"(
        window.__exports = []; window.__events = [];
        window.__me = cloudinary.mediaEditor({appendTo: document.getElementById('me')});
        window.__me.update(%1);
        ['export', 'close', 'next', 'prev', 'error'].forEach(function (name) {
            window.__me.on(name, function (data) {
                window.__events.push(name + ':' + JSON.stringify(data));
                if (name === 'export')
                    window.__exports.push(JSON.stringify(data));
            });
        });
        window.__me.show();
    )"_s.arg(config));
    QTRY_VERIFY2_WITH_TIMEOUT(evaluate(host.page, u"window.__exports.length"_s).toInt() == 1,
                              qPrintable(host.page->messages.join(u'\n') + u'\n'
                                         + evaluate(host.page, u"window.__events.join('\\n')"_s).toString()),
                              30000);
    const QJsonObject exported
        = QJsonDocument::fromJson(evaluate(host.page, u"window.__exports[0]"_s).toString().toUtf8()).object();
    const QString transformation = exported[u"transformation"].toString();
    const QJsonObject asset = exported[u"assets"].toArray().at(0).toObject();
    for (const char *field :
         {"url", "downloadUrl", "secureUrl", "publicId", "resourceType", "type", "format"})
        QVERIFY2(asset.contains(QLatin1String(field)), field);
    QCOMPARE(asset[u"publicId"].toString(), m_image->publicId);
    QCOMPARE(asset[u"resourceType"].toString(), u"image"_s);
    QCOMPARE(asset[u"type"].toString(), u"upload"_s);

    QSize expected;
    QByteArray format;
    if (scenario == u"drag-png") {
        // Half the picture's width and height from a quarter in, give or take the rounding of
        // screen pixels to the picture's.
        static const QRegularExpression pattern(u"^c_crop,h_(\\d+),w_(\\d+),x_(\\d+),y_(\\d+)/f_png$"_s);
        const auto match = pattern.match(transformation);
        QVERIFY2(match.hasMatch(), qPrintable(transformation));
        const int h = match.captured(1).toInt();
        const int w = match.captured(2).toInt();
        const double k = std::max(1.0, m_image->width / 1100.0) + 1; // a screen pixel, in the picture's
        QVERIFY2(qAbs(w - m_image->width / 2.0) <= k, qPrintable(transformation));
        QVERIFY2(qAbs(h - m_image->height / 2.0) <= k, qPrintable(transformation));
        QVERIFY2(qAbs(match.captured(3).toInt() - m_image->width / 4.0) <= k, qPrintable(transformation));
        QVERIFY2(qAbs(match.captured(4).toInt() - m_image->height / 4.0) <= k, qPrintable(transformation));
        expected = QSize(w, h);
        format = "png";
    } else {
        // Turned a quarter, the largest centred square of the turned picture, scaled to 100 wide.
        const int side = std::min(m_image->width, m_image->height);
        const QString crop = u"c_crop,h_%1,w_%1,x_%2,y_%3"_s.arg(side)
                                 .arg((m_image->height - side) / 2)
                                 .arg((m_image->width - side) / 2);
        QCOMPARE(transformation, u"a_90/%1/c_scale,w_100/f_webp"_s.arg(crop));
        expected = QSize(100, 100);
        format = "webp";
        QVERIFY(evaluate(host.page, u"window.__events.join('\\n')"_s)
                    .toString()
                    .contains(u"next:{\"params\":{\"toStep\":\"export\"}}"_s));
    }
    QCOMPARE(asset[u"format"].toString(), QString::fromLatin1(format));
    const QString url = asset[u"url"].toString();
    QVERIFY2(url.startsWith(base() + u'/' + kCloud + u"/image/upload/"_s + transformation + u"/v"_s),
             qPrintable(url));
    QVERIFY2(url.endsWith(u'.' + QString::fromLatin1(format)), qPrintable(url));
    // The sandbox renders what the export names: the cropped size, in the chosen format.
    const Reply rendered = get(m_net, QUrl(url));
    QCOMPARE(rendered.status, 200);
    QCOMPARE(rendered.contentType, "image/" + format);
    const QImage picture = QImage::fromData(rendered.body);
    if (format != "webp" || !picture.isNull()) // WebP decoding needs qt6-image-formats-plugins
        QCOMPARE(picture.size(), expected);
    QCOMPARE(get(m_net, QUrl(asset[u"downloadUrl"].toString())).status, 200);

    // triggerExport() asks the page through the protocol: the same result again. A message forged
    // by the host page's own scripts (not from the editor's origin) is no export.
    evaluate(host.page, uR"(
        window.postMessage(JSON.stringify({type: 'ME_EXPORT_DATA',
                                           data: {meId: window.__me.meId, transformation: 'forged', assets: []}}), '*');
        window.__me.triggerExport();
    )"_s);
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(host.page, u"window.__exports.length"_s).toInt() == 2, 10000);
    QTest::qWait(200);
    QCOMPARE(evaluate(host.page, u"window.__exports.length"_s).toInt(), 2);
    QCOMPARE(QJsonDocument::fromJson(evaluate(host.page, u"window.__exports[1]"_s).toString().toUtf8())
                 .object()[u"transformation"]
                 .toString(),
             transformation);
    QCOMPARE(evaluate(host.page, u"JSON.stringify(window.__me.getConfig().publicIds)"_s).toString(),
             QString::fromUtf8(QJsonDocument(QJsonArray {m_image->publicId}).toJson(QJsonDocument::Compact)));
    // The editor frame was asked for on the widgets origin.
    bool framed = false;
    for (const QUrl &request : std::as_const(host.requests.urls)) {
        if (request.path() == u"/widgets/media-editor/editor.html") {
            QCOMPARE(request.host(), u"localhost"_s);
            framed = true;
        }
    }
    QVERIFY(framed);
    verifyNoSecret(host);
}

void TestSandboxWidgets::editorTrimsVideo()
{
    HostPage host;
    const QString head = uR"(<script src="%1/widgets/media-editor/all.js"></script>)"_s.arg(base());
    QVERIFY(
        loadHostPage(host, head, QString(), u"typeof cloudinary === 'object'"_s, editorPlayer(u"trim"_s)));
    const QString config = QString::fromUtf8(
        QJsonDocument(QJsonObject {{u"cloudName"_s, kCloud},
                                   {u"publicIds"_s,
                                    QJsonArray {QJsonObject {{u"publicId"_s, m_video->publicId},
                                                             {u"resourceType"_s, u"video"_s}}}},
                                   {u"video"_s, QJsonObject {{u"steps"_s, QJsonArray {u"trim"_s}}}}})
            .toJson(QJsonDocument::Compact));
    // Modal this time: the editor covers the page, and closes when its × is pressed.
    evaluate(host.page, uR"(
        window.__exports = []; window.__events = [];
        window.__me = cloudinary.mediaEditor();
        window.__me.update(%1);
        window.__me.on('export', function (data) { window.__exports.push(JSON.stringify(data)); });
        window.__me.on('close', function () { window.__events.push('close'); });
        window.__me.on('error', function (e) { window.__events.push('error:' + e.message); });
        window.__me.show();
    )"_s.arg(config));
    QTRY_VERIFY2_WITH_TIMEOUT(evaluate(host.page, u"window.__exports.length"_s).toInt() == 1,
                              qPrintable(host.page->messages.join(u'\n') + u'\n'
                                         + evaluate(host.page, u"window.__events.join('\\n')"_s).toString()),
                              30000);
    QCOMPARE(evaluate(host.page, u"document.body.style.overflow"_s).toString(), u"hidden"_s);
    const QJsonObject exported
        = QJsonDocument::fromJson(evaluate(host.page, u"window.__exports[0]"_s).toString().toUtf8()).object();
    QCOMPARE(exported[u"transformation"].toString(), u"eo_1.5,so_0.5"_s);
    const QJsonObject asset = exported[u"assets"].toArray().at(0).toObject();
    QCOMPARE(asset[u"resourceType"].toString(), u"video"_s);
    QCOMPARE(asset[u"format"].toString(), u"mp4"_s);
    const QString url = asset[u"url"].toString();
    QVERIFY2(url.startsWith(base() + u'/' + kCloud + u"/video/upload/eo_1.5,so_0.5/v"_s), qPrintable(url));
    QCOMPARE(get(m_net, QUrl(url)).status, 200);
    // Escape in the host page closes the modal editor: the close event, the page scrolls again.
    evaluate(host.page, u"document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}))"_s);
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(host.page, u"window.__events.indexOf('close') >= 0"_s).toBool(), 5000);
    QCOMPARE(evaluate(host.page, u"document.body.style.overflow"_s).toString(), QString());
    verifyNoSecret(host);
}

void TestSandboxWidgets::editorReportsMissingAsset()
{
    HostPage host;
    const QString head = uR"(<script src="%1/widgets/media-editor/all.js"></script>)"_s.arg(base());
    QVERIFY(loadHostPage(host, head, QString(), u"typeof cloudinary === 'object'"_s));
    evaluate(host.page, uR"(
        window.__errors = [];
        window.__me = cloudinary.mediaEditor();
        window.__me.update({cloudName: '%1', publicIds: ['no/such/picture']});
        window.__me.on('error', function (e) { window.__errors.push(e.message); });
        window.__me.show();
    )"_s.arg(kCloud));
    QTRY_VERIFY2_WITH_TIMEOUT(evaluate(host.page, u"window.__errors.length"_s).toInt() == 1,
                              qPrintable(host.page->messages.join(u'\n')), 20000);
    QVERIFY(evaluate(host.page, u"window.__errors[0]"_s).toString().startsWith(u"Resource not found"_s));
    QCOMPARE(evaluate(host.page, u"window.__me.getErrors().length"_s).toInt(), 1);
}

void TestSandboxWidgets::playerPlaysSandboxVideo()
{
    HostPage host;
    const QString head = uR"(<link rel="stylesheet" href="%1/widgets/video-player/player.min.css">
<script src="%1/widgets/video-player/player.min.js"></script>)"_s.arg(base());
    QVERIFY(
        loadHostPage(host, head, uR"(<video id="player" class="cld-video-player"></video>)"_s,
                     u"typeof cloudinary === 'object' && typeof cloudinary.videoPlayer === 'function'"_s));
    // Muted: the offscreen platform may have no audio output.
    evaluate(host.page, uR"(
        window.__events = [];
        window.__player = cloudinary.videoPlayer('player', {cloudName: '%1', publicId: '%2', muted: true,
                                                           controls: true, fluid: true,
                                                           playedEventPercents: [50]});
        ['play', 'pause', 'loadedmetadata', 'loadeddata', 'timeupdate', 'seeked', 'percentsplayed',
         'sourcechanged', 'error'].forEach(function (name) {
            window.__player.on(name, function (event) {
                if (window.__events.indexOf(name) < 0 || name === 'percentsplayed')
                    window.__events.push(name + (event.eventData ? ':' + JSON.stringify(event.eventData) : ''));
            });
        });
    )"_s.arg(kCloud, m_video->publicId));
    QTRY_VERIFY2_WITH_TIMEOUT(evaluate(host.page, u"window.__player.videoElement.readyState"_s).toInt() >= 2,
                              qPrintable(host.page->messages.join(u'\n') + u'\n'
                                         + evaluate(host.page, u"window.__events.join('\\n')"_s).toString()),
                              20000);
    QVERIFY(qAbs(evaluate(host.page, u"window.__player.duration()"_s).toDouble() - m_video->duration) < 0.25);
    QCOMPARE(evaluate(host.page, u"window.__player.isMuted()"_s).toBool(), true);
    QCOMPARE(evaluate(host.page, u"window.__player.currentSourceUrl()"_s).toString(),
             base() + u"/%1/video/upload/%2.mp4"_s.arg(kCloud, m_video->publicId));
    QVERIFY(evaluate(host.page, u"document.querySelector('.cld-video-player .cld-vp-controls') !== null"_s)
                .toBool());

    evaluate(host.page, u"window.__player.play()"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(evaluate(host.page, u"window.__player.currentTime()"_s).toDouble() > 0.3,
                              qPrintable(evaluate(host.page, u"window.__events.join('\\n')"_s).toString()),
                              15000);
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(host.page, u"window.__events.indexOf('percentsplayed:{\"percent\":50}') >= 0"_s).toBool(),
        15000);
    evaluate(host.page, u"window.__player.pause().currentTime(0.2)"_s);
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(host.page, u"window.__events.indexOf('seeked') >= 0"_s).toBool(),
                             10000);
    const QString events = evaluate(host.page, u"window.__events.join(',')"_s).toString();
    for (const QString &name : {u"loadedmetadata"_s, u"play"_s, u"timeupdate"_s, u"pause"_s})
        QVERIFY2(events.contains(name), qPrintable(events));
    QVERIFY2(!events.contains(u"error"_s), qPrintable(events));
    // Another source: the event says so, and the new one loads.
    evaluate(host.page,
             u"window.__player.source('%1', {transformation: {start_offset: 1}})"_s.arg(m_video->publicId));
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(host.page, u"window.__events.join(',')"_s).toString().contains(u"sourcechanged"_s), 5000);
    QVERIFY(evaluate(host.page, u"window.__player.currentSourceUrl()"_s)
                .toString()
                .endsWith(u"/video/upload/so_1/"_s + m_video->publicId + u".mp4"_s));
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(host.page, u"window.__player.videoElement.readyState"_s).toInt() >= 1,
                             10000);
    // The poster is the sandbox's frame of the video.
    const QString poster = evaluate(host.page, u"window.__player.currentPoster()"_s).toString();
    QCOMPARE(get(m_net, QUrl(poster)).contentType, "image/jpeg");
    evaluate(host.page, u"window.__player.dispose()"_s);
    QCOMPARE(evaluate(host.page, u"document.querySelectorAll('.cld-video-player').length"_s).toInt(), 0);
    verifyNoSecret(host);
}

void TestSandboxWidgets::galleryRendersAndSwitches()
{
    HostPage host;
    const QString head = uR"(<script src="%1/widgets/product-gallery/all.js"></script>)"_s.arg(base());
    QVERIFY(
        loadHostPage(host, head, uR"(<div id="gallery" style="width:640px"></div>)"_s,
                     u"typeof cloudinary === 'object' && typeof cloudinary.galleryWidget === 'function'"_s));
    QJsonArray assets;
    for (const Asset *picture : std::as_const(m_pictures))
        assets.append(QJsonObject {{u"publicId"_s, picture->publicId}, {u"altText"_s, picture->displayName}});
    assets.append(QJsonObject {{u"publicId"_s, m_video->publicId}, {u"mediaType"_s, u"video"_s}});
    const QJsonObject options {{u"container"_s, u"#gallery"_s},
                               {u"cloudName"_s, kCloud},
                               {u"mediaAssets"_s, assets},
                               {u"aspectRatio"_s, u"4:3"_s},
                               {u"carouselLocation"_s, u"bottom"_s}};
    evaluate(host.page, uR"(
        window.__events = [];
        window.__gallery = cloudinary.galleryWidget(%1);
        window.__gallery.on('render', function (e) { window.__events.push('render:' + e.count); });
        window.__gallery.on('itemchange', function (e) { window.__events.push('item:' + e.index); });
        window.__gallery.render();
    )"_s.arg(QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact))));
    const auto mainImage = [&] {
        return evaluate(host.page,
                        u"(function () { var i = document.querySelector('.cld-pg-main img');"
                        u" return i && i.complete && i.naturalWidth > 0 ? i.src : ''; })()"_s)
            .toString();
    };
    QTRY_VERIFY2_WITH_TIMEOUT(!mainImage().isEmpty(), qPrintable(host.page->messages.join(u'\n')), 20000);
    QCOMPARE(evaluate(host.page, u"window.__events.join(',')"_s).toString(), u"render:4"_s);
    QCOMPARE(evaluate(host.page, u"document.querySelectorAll('.cld-pg-thumb').length"_s).toInt(), 4);
    const auto idIn = [](const QString &url, const Asset *asset) {
        return QUrl(url).path().endsWith(u'/' + asset->publicId);
    };
    QVERIFY2(idIn(mainImage(), m_pictures.at(0)), qPrintable(mainImage()));
    // Every thumbnail arrives (the video's is its poster frame).
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(host.page,
                 u"Array.prototype.every.call(document.querySelectorAll('.cld-pg-thumb img'),"
                 u" function (i) { return i.complete && i.naturalWidth > 0; })"_s)
            .toBool(),
        15000);
    QCOMPARE(evaluate(host.page, u"document.querySelector('.cld-pg-main img').alt"_s).toString(),
             m_pictures.at(0)->displayName);

    evaluate(host.page, u"window.__gallery.setItem(2)"_s);
    QTRY_VERIFY_WITH_TIMEOUT(idIn(mainImage(), m_pictures.at(2)), 10000);
    QCOMPARE(evaluate(host.page, u"document.querySelector('.cld-pg-thumb.cld-pg-selected').dataset.index"_s)
                 .toString(),
             u"2"_s);
    // The right arrow key moves on to the video, shown in a <video> from the sandbox.
    evaluate(host.page,
             u"document.querySelector('.cld-pg').dispatchEvent("
             u"new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}))"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(host.page, u"document.querySelector('.cld-pg-main video') !== null"_s).toBool(), 5000);
    const QString videoUrl
        = evaluate(host.page, u"document.querySelector('.cld-pg-main video').src"_s).toString();
    QCOMPARE(videoUrl, base() + u"/%1/video/upload/%2.mp4"_s.arg(kCloud, m_video->publicId));
    QCOMPARE(evaluate(host.page, u"window.__events.join(',')"_s).toString(), u"render:4,item:2,item:3"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(host.page, u"document.querySelector('.cld-pg-main video').readyState >= 1"_s).toBool(),
        15000);

    evaluate(host.page, u"window.__gallery.destroy()"_s);
    QCOMPARE(evaluate(host.page, u"document.getElementById('gallery').children.length"_s).toInt(), 0);
    verifyNoSecret(host);
}

void TestSandboxWidgets::galleryReadsTagList()
{
    // {tag}: the gallery reads Cloudinary's client-side list, which the sandbox serves.
    const QString tag = m_pictures.at(0)->tags.value(0);
    QVERIFY(!tag.isEmpty());
    QStringList tagged;
    for (const Asset *asset : m_sandbox.store().assets(kCloud)) {
        if (asset->resourceType == u"image" && asset->tags.contains(tag))
            tagged.append(asset->publicId);
    }
    tagged.sort();
    const Reply list = get(m_net, QUrl(base() + u"/%1/image/list/%2.json"_s.arg(kCloud, tag)));
    QCOMPARE(list.status, 200);
    QStringList listed;
    for (const QJsonValue &resource : QJsonDocument::fromJson(list.body)[u"resources"].toArray())
        listed.append(resource[u"public_id"].toString());
    listed.sort();
    QCOMPARE(listed, tagged);
    QCOMPARE(get(m_net, QUrl(base() + u"/%1/image/list/no-such-tag.json"_s.arg(kCloud))).status, 404);

    HostPage host;
    const QString head = uR"(<script src="%1/widgets/product-gallery/all.js"></script>)"_s.arg(base());
    QVERIFY(
        loadHostPage(host, head, uR"(<div id="gallery" style="width:480px"></div>)"_s,
                     u"typeof cloudinary === 'object' && typeof cloudinary.galleryWidget === 'function'"_s));
    evaluate(host.page, uR"(
        window.__events = [];
        window.__gallery = cloudinary.galleryWidget({container: '#gallery', cloudName: '%1', sort: 'asc',
                                                     carouselStyle: 'indicators', carouselLocation: 'left',
                                                     mediaAssets: [{tag: '%2'}, {tag: 'no-such-tag'}]});
        window.__gallery.on('render', function (e) { window.__events.push('render:' + e.count); });
        window.__gallery.on('error', function (e) { window.__events.push('error:' + e.message); });
        window.__gallery.render();
    )"_s.arg(kCloud, tag));
    // One tag without assets: the gallery says so instead of showing half a list.
    QTRY_VERIFY_WITH_TIMEOUT(!evaluate(host.page, u"window.__events.join(',')"_s).toString().isEmpty(),
                             10000);
    QVERIFY2(evaluate(host.page, u"window.__events[0]"_s).toString().startsWith(u"error:"_s),
             qPrintable(evaluate(host.page, u"window.__events[0]"_s).toString()));
    evaluate(host.page,
             uR"(window.__events = []; window.__gallery.update({mediaAssets: [{tag: '%1'}]});)"_s.arg(tag));
    QTRY_VERIFY2_WITH_TIMEOUT(
        evaluate(host.page, u"window.__events.join(',')"_s).toString() == u"render:%1"_s.arg(tagged.size()),
        qPrintable(evaluate(host.page, u"window.__events.join(',')"_s).toString()), 10000);
    QCOMPARE(evaluate(host.page, u"document.querySelectorAll('.cld-pg-dot').length"_s).toInt(),
             tagged.size());
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(host.page,
                                      u"(function () { var i = document.querySelector('.cld-pg-main img');"
                                      u" return !!i && i.complete && i.naturalWidth > 0; })()"_s)
                                 .toBool(),
                             10000);
    const QString shown = evaluate(host.page, u"document.querySelector('.cld-pg-main img').src"_s).toString();
    QVERIFY2(QUrl(shown).path().endsWith(u'/' + tagged.first()), qPrintable(shown)); // sort: 'asc'
    verifyNoSecret(host);
}

int main(int argc, char **argv)
{
    // As tests/run-headless.sh: Chromium's own sandbox cannot run as root.
    if (::geteuid() == 0)
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestSandboxWidgets test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_sandboxwidgets.moc"
