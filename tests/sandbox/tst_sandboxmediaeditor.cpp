// The sandbox's stand-in Media Editor (issue 15, points 3, 6 and 7) in a real, offscreen Qt WebEngine
// against an in-process sandbox: a host page of origin https://stratus.test loads the loader from
// the sandbox as the app's host page does; the editor's page (on the widgets origin) is played by a
// script injected into that frame only, which drags a crop rectangle, picks presets, rotates,
// resizes, changes the format or trims a video, and exports. The export event's payload comes back
// to C++, and the URL it names is fetched from the sandbox and measured. Also over plain HTTP: where
// the loader, the page and its asset look-up are served. Nothing any page asked for or said carries
// the API secret.
#include "standinwidgettest.h"

#include <QApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace standin;

namespace {

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

class TestSandboxMediaEditor : public StandInTest
{
    Q_OBJECT

private slots:
    void initTestCase() { openSandbox(); }
    void servedWhereExpected();
    void editorExports_data();
    void editorExports();
    void editorTrimsVideo();
    void editorReportsMissingAsset();
};

void TestSandboxMediaEditor::servedWhereExpected()
{
    // The loader under the clients' name, with the editor's origin written in and no secret.
    const Reply editor = get(m_net, QUrl(base() + u"/widgets/media-editor/all.js"_s));
    QCOMPARE(editor.status, 200);
    QVERIFY(editor.header("Content-Type").startsWith("text/javascript"));
    QVERIFY(editor.body.contains(QByteArray("\"" + m_sandbox.widgetsOrigin().toLatin1() + "\"")));
    QVERIFY(!editor.body.contains(kSecret.toLatin1()));

    // The editor's page only on the widgets origin, with a strict policy; its asset look-up answers
    // public assets only.
    verifyEditorPageServed();
}

void TestSandboxMediaEditor::editorExports_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::newRow("drag a crop, PNG") << u"drag-png"_s;
    QTest::newRow("rotate, square, resize, WebP") << u"square-rotate-webp"_s;
}

void TestSandboxMediaEditor::editorExports()
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
    QCOMPARE(rendered.header("Content-Type"), "image/" + format);
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
    // update() with another asset reaches the running page: edits start afresh, and an export asked
    // for at once waits for the asset and gives its original.
    const Asset *other = m_pictures.at(0) == m_image ? m_pictures.at(1) : m_pictures.at(0);
    evaluate(host.page,
             u"window.__me.update({publicIds: [%1]}).triggerExport()"_s.arg(
                 QString::fromUtf8(QJsonDocument(QJsonArray {other->publicId}).toJson(QJsonDocument::Compact))
                     .mid(1)
                     .chopped(1)));
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(host.page, u"window.__exports.length"_s).toInt() == 3, 10000);
    const QJsonObject fresh
        = QJsonDocument::fromJson(evaluate(host.page, u"window.__exports[2]"_s).toString().toUtf8()).object();
    QCOMPARE(fresh[u"transformation"].toString(), QString());
    const QJsonObject original = fresh[u"assets"].toArray().at(0).toObject();
    QCOMPARE(original[u"publicId"].toString(), other->publicId);
    QCOMPARE(original[u"url"].toString(),
             base()
                 + u"/%1/image/upload/v%2/%3.%4"_s.arg(kCloud)
                       .arg(other->version)
                       .arg(other->publicId, other->format));
    QCOMPARE(get(m_net, QUrl(original[u"url"].toString())).status, 200);
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

void TestSandboxMediaEditor::editorTrimsVideo()
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

void TestSandboxMediaEditor::editorReportsMissingAsset()
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

STRATUS_WEBENGINE_TEST_MAIN(TestSandboxMediaEditor)

#include "tst_sandboxmediaeditor.moc"
