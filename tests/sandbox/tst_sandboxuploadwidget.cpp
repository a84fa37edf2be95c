// The sandbox's stand-in Upload widget (issue 15, points 2, 6 and 7) in a real, offscreen Qt WebEngine
// against the real (in-process) sandbox: a locked-down WidgetPage with an https origin loads the
// stand-in loader; its `uploadSignature` function asks a C++ WidgetBridge that signs with
// core::UploadWidgetSigner and the environment's secret (keychain-free test credentials). A script
// in the widget's frame only (an isolated world) plays the user: a URL typed in the "Web address"
// source, files picked with the file input and dropped on the drop zone, the camera. Each upload is
// signed by C++ (counted), lands in the sandbox (Admin API) and its `success` event comes back to C++;
// tampered parameters posted by page script straight to the signing function are refused and
// nothing is uploaded. Also over plain HTTP: where the loader and the frame are served.
#include "core/net/secretsource.h"
#include "core/signing/apisigner.h"
#include "core/signing/clock.h"
#include "core/widgets/uploadwidgetsigner.h"
#include "sandbox.h"
#include "sandboxhttp.h"
#include "seeder.h"
#include "web/widgetbridge.h"
#include "web/widgetpage.h"
#include "webenginetest.h"

#include <QApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebEngineProfile>
#include <QWebEngineScript>
#include <QWebEngineScriptCollection>
#include <QWebEngineView>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace stratus;
using stratus::sandbox::EnvironmentConfig;
using stratus::sandbox::Sandbox;
using stratus::webtest::evaluate;
using stratus::webtest::RecordingInterceptor;

namespace {

const QString kCloud = u"uwdemo"_s;
const QString kSecret = u"uw-secret-7d3e19"_s;
const QString kFolder = u"uw/target"_s;
const QString kFrame = u"/widgets/upload-widget/frame/index.html"_s;
// A 1×1 PNG.
const QString kPixel
    = u"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"_s;

/// The Upload widget's bridge, as Stratus's will be: `sign` takes params_to_sign and answers the hex
/// signature from UploadWidgetSigner (or an error code); `uploaded` takes a `success` event's info.
class UploadBridge : public web::WidgetBridge
{
public:
    explicit UploadBridge(core::UploadWidgetSigner &signer)
        : m_signer(signer)
    {
    }
    QStringList methods() const override { return {u"sign"_s, u"uploaded"_s}; }
    QList<QJsonObject> uploads;

protected:
    void handle(const QString &method, const QJsonValue &argument, Reply reply) override
    {
        if (!argument.isObject()) {
            reply(Answer::failure(u"bad-argument"_s));
            return;
        }
        if (method == u"uploaded") {
            if (!argument[u"public_id"].isString()) {
                reply(Answer::failure(u"bad-argument"_s));
                return;
            }
            uploads.append(argument.toObject());
            reply(Answer::success(true));
            return;
        }
        m_signer.sign(argument.toObject(), [reply](core::Result<QString> signature) {
            if (signature)
                reply(Answer::success(signature.value()));
            else
                reply(Answer::failure(u"refused"_s));
        });
    }

private:
    core::UploadWidgetSigner &m_signer;
};

using Reply = stratus::test::HttpReply;

/// A request to the sandbox, with a Host (the widgets origin) and an Authorization when given; an
/// OPTIONS request is a browser's CORS preflight for a POST.
Reply request(QNetworkAccessManager &net, const QByteArray &verb, const QUrl &url,
              const QByteArray &host = {}, const QByteArray &authorization = {})
{
    QList<std::pair<QByteArray, QByteArray>> headers {{"Host", host}, {"Authorization", authorization}};
    if (verb == "OPTIONS")
        headers += {{"Origin", "http://localhost"}, {"Access-Control-Request-Method", "POST"}};
    return stratus::test::httpRequest(net, verb, url, headers);
}

// The widget frame's player: waits until the widget shows, then does `action` (JavaScript run in
// the frame's isolated world; the DOM is shared with the frame's own scripts). `file(name)` makes a
// File of the 1×1 PNG.
QString player(const QString &action)
{
    return uR"JS(
(function () {
    if (location.pathname !== "%1")
        return;
    function file(name) {
        var b = atob("%2");
        var a = new Uint8Array(b.length);
        for (var k = 0; k < b.length; k++)
            a[k] = b.charCodeAt(k);
        return new File([a], name, { type: "image/png" });
    }
    var timer = setInterval(function () {
        var w = document.getElementById("widget");
        if (!w || w.hidden)
            return;
        clearInterval(timer);
        %3
    }, 100);
})();
)JS"_s.arg(kFrame, kPixel, action);
}

} // namespace

class TestSandboxUploadWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void servedWhereExpected();
    void urlUploadSignedByCpp();
    void localFilesSignedByCpp();
    void tamperedParametersRefused();
    void otherSigningForms_data();
    void otherSigningForms();
    void preBatchCancels();
    void modalDisplayProtocol();
    void cameraAsksTheUser_data();
    void cameraAsksTheUser();
    void cameraStopsWhenTheWidgetIsHidden();

private:
    struct Host
    {
        explicit Host(core::UploadWidgetSigner &signer)
            : bridge(signer)
        {
        }
        RecordingInterceptor requests; // outlives the profile
        QWebEngineProfile profile; // off the record; outlives the page
        QWebEngineView view;
        UploadBridge bridge;
        web::WidgetPage *page = nullptr;
        QStringList console;
    };
    /// A host page with the stand-in loader, the bridge and `playerScript` in the widget frame;
    /// `options` (JavaScript object text) with `uploadSignature: __sign` creates `window.__uw`
    /// (inline unless `modal`). True once created.
    bool createWidget(Host &host, const QString &playerScript, const QString &options, bool modal = false);
    /// The callback's results so far, as {error, event, info} objects.
    QList<QJsonObject> events(Host &host);
    int count(Host &host, const QString &event);
    QString failureContext(Host &host)
    {
        return host.console.join(u'\n') + u'\n' + QString::number(events(host).size());
    }
    /// An asset through the Admin API (Basic auth), or an empty object.
    QJsonObject adminResource(const QString &publicId);
    void checkNoSecret(Host &host);

    QUrl apiUrl(const QString &path) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_sandbox.port()).arg(path));
    }

    QTemporaryDir m_dir;
    Sandbox m_sandbox;
    EnvironmentConfig m_env;
    QNetworkAccessManager m_net;
    core::SystemClock m_clock;
    std::unique_ptr<core::UploadWidgetSigner> m_signer;
    QString m_sourceUrl; ///< a delivery URL of one of the sandbox's own images
    QByteArray m_sourceBytes;
};

void TestSandboxUploadWidget::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_env = EnvironmentConfig::generated(kCloud);
    m_env.apiSecret = kSecret;
    QString error;
    QVERIFY2(m_sandbox.open(m_dir.filePath(u"data"_s), {m_env}, {}, &error), qPrintable(error));
    QVERIFY2(stratus::sandbox::Seeder::seed(m_sandbox.store(), m_env, 6, &error), qPrintable(error));
    QVERIFY(m_sandbox.listen(0) != 0);
    for (const auto *asset : m_sandbox.store().assets(kCloud)) {
        if (asset->resourceType == u"image" && asset->type == u"upload" && !asset->format.isEmpty()) {
            m_sourceUrl
                = apiUrl(u"/%1/image/upload/%2.%3"_s.arg(kCloud, asset->publicId, asset->format)).toString();
            break;
        }
    }
    QVERIFY(!m_sourceUrl.isEmpty());
    const Reply source = request(m_net, "GET", QUrl(m_sourceUrl));
    QCOMPARE(source.status, 200);
    m_sourceBytes = source.body;
    m_signer = std::make_unique<core::UploadWidgetSigner>(
        core::ApiSigner(core::SignatureAlgorithm::Sha256, core::SignatureVersion::V2),
        std::make_shared<core::FixedSecret>(kSecret), m_clock);
    core::UploadWidgetChoice choice;
    choice.folder = kFolder;
    choice.tags = {u"from-widget"_s, u"stratus"_s};
    m_signer->setChoice(choice);
}

void TestSandboxUploadWidget::servedWhereExpected()
{
    const QByteArray widgetsHost = "localhost:" + QByteArray::number(m_sandbox.port());
    const Reply loader = request(m_net, "GET", apiUrl(u"/widgets/upload-widget/all.js"_s));
    QCOMPARE(loader.status, 200);
    QVERIFY(loader.body.contains(QByteArray("\"" + m_sandbox.widgetsOrigin().toLatin1() + "\"")));
    QVERIFY(loader.body.contains("createUploadWidget"));
    QCOMPARE(request(m_net, "GET", apiUrl(u"/widgets/upload-widget/all.js"_s), widgetsHost).status, 200);
    // The frame lives on the widgets origin only, with a strict policy that lets it upload to the API.
    QCOMPARE(request(m_net, "GET", apiUrl(kFrame)).status, 404);
    const Reply frame = request(m_net, "GET", apiUrl(kFrame), widgetsHost);
    QCOMPARE(frame.status, 200);
    QVERIFY(
        frame.body.contains(QByteArray("data-api-base=\"" + apiUrl(QString()).toString().toLatin1() + '"')));
    const QByteArray policy = frame.header("content-security-policy");
    QVERIFY2(policy.contains("script-src 'self'")
                 && policy.contains(QByteArray("connect-src " + apiUrl(QString()).toString().toLatin1())),
             policy.constData());
    QCOMPARE(request(m_net, "GET", apiUrl(u"/widgets/upload-widget/frame/widget.js"_s), widgetsHost).status,
             200);
    QCOMPARE(request(m_net, "GET", apiUrl(u"/widgets/upload-widget/frame/other.js"_s), widgetsHost).status,
             404);
    // The Upload API answers a browser's preflight and cross-origin calls, as Cloudinary's does.
    const Reply preflight = request(m_net, "OPTIONS", apiUrl(u"/v1_1/%1/auto/upload"_s.arg(kCloud)));
    QCOMPARE(preflight.status, 204);
    QCOMPARE(preflight.header("access-control-allow-origin"), "*"_ba);
    QVERIFY(preflight.header("access-control-allow-methods").contains("POST"));
}

bool TestSandboxUploadWidget::createWidget(Host &host, const QString &playerScript, const QString &options,
                                           bool modal)
{
    stratus::webtest::addFrameScript(host.profile.scripts(), u"play-user"_s, playerScript,
                                     QWebEngineScript::UserWorld);
    host.profile.setUrlRequestInterceptor(&host.requests);
    host.page = new web::WidgetPage(&host.profile, &host.view);
    QObject::connect(host.page, &web::WidgetPage::consoleMessage, host.page,
                     [&host](auto, const QString &message) { host.console.append(message); });
    host.view.setPage(host.page);
    host.view.resize(1000, 700);
    host.view.show();
    host.page->setBridge(&host.bridge);
    const QString html = uR"(<!DOCTYPE html><html><head><meta charset="utf-8">
<script src="http://127.0.0.1:%1/widgets/upload-widget/all.js"></script></head>
<body style="margin:0"><div id="uw" style="width:980px;height:660px"></div>
<script>
window.__events = []; window.__signed = 0; window.__unsigned = 0;
// Stratus's signing function: params_to_sign to C++, the hex signature back (empty when refused).
window.__sign = function (callback, paramsToSign) {
    stratusBridge.call('sign', paramsToSign).then(function (signature) { window.__signed++; callback(signature); },
                                                  function () { window.__unsigned++; callback(''); });
};
window.__callback = function (error, result) {
    window.__events.push(JSON.stringify({error: error, event: result && result.event, info: result && result.info}));
    if (!error && result && result.event === 'success')
        stratusBridge.call('uploaded', result.info);
};
</script></body></html>)"_s.arg(m_sandbox.port());
    QSignalSpy loaded(host.page, &QWebEnginePage::loadFinished);
    host.page->loadHost(html, QUrl(u"https://upload-widget.stratus.test/host.html"_s));
    if (!loaded.wait(20000) || !loaded.first().first().toBool())
        return false;
    if (evaluate(host.page, u"location.origin"_s).toString() != u"https://upload-widget.stratus.test")
        return false;
    if (!QTest::qWaitFor(
            [&] {
                return evaluate(host.page,
                                u"typeof cloudinary === 'object' && typeof cloudinary.createUploadWidget"_s)
                           .toString()
                    == u"function";
            },
            20000))
        return false;
    const QString create = uR"(
        window.__uw = cloudinary.createUploadWidget(Object.assign({cloudName: '%1', apiKey: '%2',
            uploadSignature: window.__sign, folder: '%3', tags: ['from-widget', 'stratus'],
            sources: ['local', 'url', 'camera']}, %4, %5), window.__callback);
        window.__uw.widgetId;
    )"_s.arg(kCloud, m_env.apiKey, kFolder, modal ? u"{}"_s : u"{inlineContainer: '#uw'}"_s, options);
    return evaluate(host.page, create).toString().startsWith(u"widget_"_s);
}

QList<QJsonObject> TestSandboxUploadWidget::events(Host &host)
{
    QList<QJsonObject> out;
    for (const QVariant &text : evaluate(host.page, u"window.__events"_s).toList())
        out.append(QJsonDocument::fromJson(text.toString().toUtf8()).object());
    return out;
}

int TestSandboxUploadWidget::count(Host &host, const QString &event)
{
    int n = 0;
    for (const QJsonObject &e : events(host))
        n += e[u"event"].toString() == event ? 1 : 0;
    return n;
}

QJsonObject TestSandboxUploadWidget::adminResource(const QString &publicId)
{
    const QByteArray basic = "Basic " + (m_env.apiKey + u':' + kSecret).toUtf8().toBase64();
    const Reply reply = request(
        m_net, "GET", apiUrl(u"/v1_1/%1/resources/image/upload/%2"_s.arg(kCloud, publicId)), {}, basic);
    return reply.status == 200 ? QJsonDocument::fromJson(reply.body).object() : QJsonObject();
}

void TestSandboxUploadWidget::checkNoSecret(Host &host)
{
    for (const QUrl &url : std::as_const(host.requests.urls))
        QVERIFY2(!QUrl::fromPercentEncoding(url.toEncoded()).contains(kSecret), qPrintable(url.toString()));
    QVERIFY(!host.console.join(u'\n').contains(kSecret));
    QVERIFY(!evaluate(host.page, u"document.documentElement.outerHTML + JSON.stringify(window.__events)"_s)
                 .toString()
                 .contains(kSecret));
}

void TestSandboxUploadWidget::urlUploadSignedByCpp()
{
    Host host(*m_signer);
    const int signaturesBefore = m_signer->signatureCount();
    // The user opens "Web address", pastes the URL of one of the sandbox's images and uploads it.
    const QString action = uR"(
        document.getElementById("tab-url").click();
        document.getElementById("url-input").value = "%1";
        document.getElementById("url-upload").click();
    )"_s.arg(m_sourceUrl);
    QVERIFY(createWidget(host, player(action), u"{}"_s));
    evaluate(host.page, u"window.__uw.open()"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(count(host, u"success"_s) == 1, qPrintable(failureContext(host)), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(count(host, u"queues-end"_s), 1, 10000);
    QCOMPARE(m_signer->signatureCount() - signaturesBefore, 1);
    QCOMPARE(evaluate(host.page, u"window.__signed"_s).toInt(), 1);

    // The success event reached C++ with the upload's result.
    QTRY_COMPARE_WITH_TIMEOUT(host.bridge.uploads.size(), 1, 10000);
    const QJsonObject info = host.bridge.uploads.first();
    const QString publicId = info[u"public_id"].toString();
    QVERIFY2(publicId.startsWith(kFolder + u'/'), qPrintable(publicId));
    QCOMPARE(info[u"tags"].toArray(), (QJsonArray {u"from-widget"_s, u"stratus"_s}));
    QCOMPARE(info[u"resource_type"].toString(), u"image"_s);
    QCOMPARE(info[u"bytes"].toInteger(), qint64(m_sourceBytes.size()));
    for (const char *field : {"asset_id", "version", "signature", "secure_url", "url", "created_at", "etag",
                              "original_filename", "id", "batchId", "path", "thumbnail_url", "api_key"})
        QVERIFY2(info.contains(QLatin1String(field)), field);
    QVERIFY(info[u"id"].toString().startsWith(u"uw-file"_s));

    // It is in the sandbox: the Admin API has it, with the bytes of the URL's file.
    const QJsonObject stored = adminResource(publicId);
    QCOMPARE(stored[u"public_id"].toString(), publicId);
    QCOMPARE(stored[u"bytes"].toInteger(), qint64(m_sourceBytes.size()));
    QCOMPARE(request(m_net, "GET", QUrl(info[u"secure_url"].toString())).body, m_sourceBytes);

    // The protocol's other events came through: added, started, the source change, the queue's end.
    QCOMPARE(count(host, u"upload-added"_s), 1);
    QCOMPARE(count(host, u"queues-start"_s), 1);
    QCOMPARE(count(host, u"source-changed"_s), 1);
    const QJsonObject end = [&] {
        for (const QJsonObject &e : events(host)) {
            if (e[u"event"].toString() == u"queues-end")
                return e;
        }
        return QJsonObject();
    }();
    const QJsonObject file = end[u"info"][u"files"][0].toObject();
    QCOMPARE(file[u"status"].toString(), u"success"_s);
    QCOMPARE(file[u"isFetch"].toBool(), true);
    QCOMPARE(file[u"uploadInfo"][u"public_id"].toString(), publicId);
    // Inline: still there after the upload, the queue showing it done.
    QVERIFY(evaluate(host.page, u"window.__uw.isShowing()"_s).toBool());
    checkNoSecret(host);
}

void TestSandboxUploadWidget::localFilesSignedByCpp()
{
    Host host(*m_signer);
    const int signaturesBefore = m_signer->signatureCount();
    const int assetsBefore = int(m_sandbox.store().assets(kCloud).size());
    // One file picked with the file input, two dropped on the drop zone.
    const QString action = uR"(
        var picked = new DataTransfer();
        picked.items.add(file("picked.png"));
        var input = document.getElementById("file-input");
        input.files = picked.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        var dropped = new DataTransfer();
        dropped.items.add(file("dropped-1.png"));
        dropped.items.add(file("dropped-2.png"));
        document.getElementById("dropzone").dispatchEvent(
            new DragEvent("drop", { dataTransfer: dropped, bubbles: true, cancelable: true }));
    )"_s;
    QVERIFY(createWidget(host, player(action),
                         u"{multiple: true, maxFiles: 4, clientAllowedFormats: ['png', 'jpg']}"_s, true));
    evaluate(host.page, u"window.__uw.open()"_s);
    QVERIFY(evaluate(host.page, u"window.__uw.isShowing()"_s).toBool());
    QTRY_VERIFY2_WITH_TIMEOUT(count(host, u"success"_s) == 3, qPrintable(failureContext(host)), 30000);
    // A fourth file given by the host page (open with files: uw_file), as a data URI.
    evaluate(host.page, u"window.__uw.open(null, {files: ['data:image/png;base64,%1']})"_s.arg(kPixel));
    QTRY_VERIFY2_WITH_TIMEOUT(count(host, u"success"_s) == 4, qPrintable(failureContext(host)), 30000);
    QCOMPARE(m_signer->signatureCount() - signaturesBefore, 4);
    QTRY_COMPARE_WITH_TIMEOUT(host.bridge.uploads.size(), 4, 10000);
    QStringList names;
    for (const QJsonObject &info : std::as_const(host.bridge.uploads)) {
        names.append(info[u"original_filename"].toString());
        QVERIFY(info[u"public_id"].toString().startsWith(kFolder + u'/'));
        QCOMPARE(adminResource(info[u"public_id"].toString())[u"width"].toInt(), 1);
    }
    for (const QString &name : {u"picked"_s, u"dropped-1"_s, u"dropped-2"_s})
        QVERIFY2(names.contains(name), qPrintable(names.join(u',')));
    QCOMPARE(int(m_sandbox.store().assets(kCloud).size()), assetsBefore + 4);
    // maxFiles 4: a fifth is refused in the widget (batch-cancelled), nothing asked of C++.
    evaluate(host.page, u"window.__uw.open(null, {files: ['data:image/png;base64,%1']})"_s.arg(kPixel));
    QTRY_COMPARE_WITH_TIMEOUT(count(host, u"batch-cancelled"_s), 1, 10000);
    QCOMPARE(m_signer->signatureCount() - signaturesBefore, 4);
    checkNoSecret(host);
}

void TestSandboxUploadWidget::tamperedParametersRefused()
{
    Host host(*m_signer);
    QVERIFY(createWidget(host, player(QString()), u"{}"_s));
    const int signaturesBefore = m_signer->signatureCount();
    const int refusalsBefore = m_signer->refusalCount();
    const int assetsBefore = int(m_sandbox.store().assets(kCloud).size());
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    // Page script posts straight to the signing function: another folder, a two-hour-old timestamp,
    // an added notification_url. Each answer is empty (refused).
    const QString tampered = uR"(
        window.__answers = [];
        var base = {source: 'uw', folder: '%1', tags: ['from-widget', 'stratus']};
        [Object.assign({}, base, {timestamp: %2, folder: 'private'}),
         Object.assign({}, base, {timestamp: %3}),
         Object.assign({}, base, {timestamp: %2, notification_url: 'https://attacker.example/hook'})]
            .forEach(function (p) { window.__sign(function (s) { window.__answers.push(s); }, p); });
    )"_s.arg(kFolder)
                                 .arg(now)
                                 .arg(now - 2 * 3600);
    evaluate(host.page, tampered);
    QTRY_COMPARE_WITH_TIMEOUT(evaluate(host.page, u"window.__answers.length"_s).toInt(), 3, 10000);
    QCOMPARE(evaluate(host.page, u"window.__answers.join('')"_s).toString(), QString());
    QCOMPARE(m_signer->refusalCount() - refusalsBefore, 3);
    QCOMPARE(m_signer->signatureCount(), signaturesBefore);

    // The widget told to upload elsewhere (update) asks C++, which refuses: the widget reports an
    // error, the callback hears it, and nothing lands in the sandbox.
    evaluate(
        host.page,
        u"window.__uw.update({folder: 'elsewhere'}); window.__uw.open(null, {files: ['data:image/png;base64,%1']})"_s
            .arg(kPixel));
    QTRY_VERIFY2_WITH_TIMEOUT(count(host, u"error"_s) == 1, qPrintable(failureContext(host)), 30000);
    const QJsonObject error = [&] {
        for (const QJsonObject &e : events(host)) {
            if (e[u"event"].toString() == u"error")
                return e;
        }
        return QJsonObject();
    }();
    QVERIFY2(error[u"error"][u"statusText"].toString().contains(u"not signed"_s),
             QJsonDocument(error).toJson().constData());
    QCOMPARE(m_signer->refusalCount() - refusalsBefore, 4);
    QCOMPARE(m_signer->signatureCount(), signaturesBefore);
    QCOMPARE(count(host, u"success"_s), 0);
    QCOMPARE(int(m_sandbox.store().assets(kCloud).size()), assetsBefore);
    QVERIFY(host.bridge.uploads.isEmpty());
}

void TestSandboxUploadWidget::otherSigningForms_data()
{
    QTest::addColumn<QString>("options");
    QTest::addColumn<int>("signatures");
    // prepareUploadParams wins over uploadSignature; it answers the signature and the API key.
    QTest::newRow("prepareUploadParams") << uR"({prepareUploadParams: function (cb, params) {
                   window.__prepared = (window.__prepared || 0) + 1;
                   stratusBridge.call('sign', params).then(function (s) { cb({signature: s, apiKey: '%1'}); },
                                                           function () { cb({}); });
               }, apiKey: undefined})"_s.arg(m_env.apiKey)
                                         << 1;
    // A signature made beforehand (by C++ here) with its timestamp: the widget signs nothing more.
    QTest::newRow("string signature")
        << u"{uploadSignature: '@SIGNATURE@', uploadSignatureTimestamp: @TIMESTAMP@}"_s << 0;
    // No signature at all: an unsigned upload preset.
    QTest::newRow("unsigned preset")
        << u"{uploadSignature: null, apiKey: null, uploadPreset: 'uw-unsigned'}"_s << 0;
}

void TestSandboxUploadWidget::otherSigningForms()
{
    QFETCH(QString, options);
    QFETCH(int, signatures);
    if (options.contains(u"@SIGNATURE@"_s)) {
        const qint64 timestamp = m_clock.unixTimestamp();
        std::optional<core::Result<QString>> signature;
        m_signer->sign({{u"source"_s, u"uw"_s},
                        {u"timestamp"_s, timestamp},
                        {u"folder"_s, kFolder},
                        {u"tags"_s, QJsonArray {u"from-widget"_s, u"stratus"_s}}},
                       [&signature](core::Result<QString> result) { signature = std::move(result); });
        QVERIFY(QTest::qWaitFor([&] { return signature.has_value(); }, 10000));
        QVERIFY(signature->ok());
        options.replace(u"@SIGNATURE@"_s, signature->value())
            .replace(u"@TIMESTAMP@"_s, QString::number(timestamp));
    }
    QString error;
    if (!m_sandbox.store().uploadPresets(kCloud).contains(u"uw-unsigned"_s))
        QVERIFY(m_sandbox.store().putUploadPreset(
            kCloud, u"uw-unsigned"_s, {{u"unsigned"_s, true}, {u"settings"_s, QJsonObject()}}, &error));
    Host host(*m_signer);
    const int signaturesBefore = m_signer->signatureCount();
    QVERIFY(createWidget(host, player(QString()), options));
    evaluate(host.page, u"window.__uw.open(null, {files: ['data:image/png;base64,%1']})"_s.arg(kPixel));
    QTRY_VERIFY2_WITH_TIMEOUT(count(host, u"success"_s) == 1, qPrintable(failureContext(host)), 30000);
    QCOMPARE(m_signer->signatureCount() - signaturesBefore, signatures);
    QTRY_COMPARE_WITH_TIMEOUT(host.bridge.uploads.size(), 1, 10000);
    const QJsonObject info = host.bridge.uploads.first();
    QVERIFY(info[u"public_id"].toString().startsWith(kFolder + u'/'));
    QCOMPARE(adminResource(info[u"public_id"].toString())[u"tags"].toArray(),
             (QJsonArray {u"from-widget"_s, u"stratus"_s}));
    if (QTest::currentDataTag() == QByteArrayView("prepareUploadParams"))
        QCOMPARE(evaluate(host.page, u"window.__prepared"_s).toInt(), 1);
}

void TestSandboxUploadWidget::preBatchCancels()
{
    // preBatch sees each batch's files and cancels the one with a GIF: no signature, no upload.
    Host host(*m_signer);
    const int signaturesBefore = m_signer->signatureCount();
    QVERIFY(createWidget(host, player(QString()), uR"({preBatch: function (cb, data) {
        window.__batches = (window.__batches || []).concat([data.files.map(function (f) { return f.name; }).join()]);
        cb({cancel: data.files.some(function (f) { return f.type === 'image/gif'; })});
    }})"_s));
    evaluate(host.page, u"window.__uw.open(null, {files: ['data:image/gif;base64,R0lGODlhAQABAAAAACw=']})"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(count(host, u"batch-cancelled"_s) == 1, qPrintable(failureContext(host)),
                              30000);
    evaluate(host.page, u"window.__uw.open(null, {files: ['data:image/png;base64,%1']})"_s.arg(kPixel));
    QTRY_VERIFY2_WITH_TIMEOUT(count(host, u"success"_s) == 1, qPrintable(failureContext(host)), 30000);
    QCOMPARE(evaluate(host.page, u"window.__batches.join('|')"_s).toString(), u"file.gif|file.png"_s);
    QCOMPARE(m_signer->signatureCount() - signaturesBefore, 1);
}

void TestSandboxUploadWidget::modalDisplayProtocol()
{
    Host host(*m_signer);
    // The player clicks the widget's own × when the host page posts it "play:close" (the frame's
    // scripts ignore a message that is not JSON).
    const QString clickClose = uR"(
        window.addEventListener("message", function (e) {
            if (e.data === "play:close")
                document.getElementById("close").click();
        });
    )"_s;
    QVERIFY(createWidget(host, player(clickClose), u"{}"_s, true));
    const auto displays = [&] {
        QStringList out;
        for (const QJsonObject &e : events(host)) {
            if (e[u"event"].toString() == u"display-changed")
                out.append(e[u"info"].toString());
        }
        return out.join(u',');
    };
    QVERIFY(!evaluate(host.page, u"window.__uw.isShowing()"_s).toBool());
    evaluate(host.page, u"window.__uw.open('url')"_s);
    QVERIFY(evaluate(host.page, u"window.__uw.isShowing()"_s).toBool());
    QCOMPARE(evaluate(host.page, u"document.body.style.overflow"_s).toString(), u"hidden"_s);
    QTRY_COMPARE_WITH_TIMEOUT(displays(), u"shown"_s, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(count(host, u"source-changed"_s), 1, 10000);
    // A message forged by the host page's own scripts (not from the widget's frame) is ignored.
    evaluate(host.page,
             u"window.postMessage(JSON.stringify({type: 'uw_event', widgetId: window.__uw.widgetId, "
             "event: 'upload-finish', info: {public_id: 'forged'}}), '*')"_s);
    QTest::qWait(300);
    QCOMPARE(count(host, u"success"_s), 0);
    evaluate(host.page, u"window.__uw.minimize()"_s);
    QVERIFY(evaluate(host.page, u"window.__uw.isMinimized()"_s).toBool());
    QTRY_COMPARE_WITH_TIMEOUT(displays(), u"shown,minimized"_s, 10000);
    evaluate(host.page, u"window.__uw.show()"_s);
    QVERIFY(!evaluate(host.page, u"window.__uw.isMinimized()"_s).toBool());
    QTRY_COMPARE_WITH_TIMEOUT(displays(), u"shown,minimized,shown"_s, 10000);
    // The user closes it with the widget's ×: uw_hide, the callback's `close`, the overlay gone.
    evaluate(host.page, u"window.__uw.iframe.contentWindow.postMessage('play:close', '*')"_s);
    QTRY_COMPARE_WITH_TIMEOUT(count(host, u"close"_s), 1, 10000);
    QVERIFY(!evaluate(host.page, u"window.__uw.isShowing()"_s).toBool());
    QCOMPARE(displays(), u"shown,minimized,shown,hidden"_s);
    QCOMPARE(evaluate(host.page, u"window.__uw._frame.style.visibility"_s).toString(), u"hidden"_s);
    // Opened again and closed by the host page: no `close` event then (the page knows).
    evaluate(host.page, u"window.__uw.open()"_s);
    QTRY_COMPARE_WITH_TIMEOUT(displays(), u"shown,minimized,shown,hidden,shown"_s, 10000);
    evaluate(host.page, u"window.__uw.close()"_s);
    QVERIFY(!evaluate(host.page, u"window.__uw.isShowing()"_s).toBool());
    QTRY_COMPARE_WITH_TIMEOUT(displays(), u"shown,minimized,shown,hidden,shown,hidden"_s, 10000);
    QCOMPARE(count(host, u"close"_s), 1);
    QCOMPARE(evaluate(host.page, u"document.body.style.overflow"_s).toString(), QString());
    evaluate(host.page, u"window.__uw.destroy()"_s);
    QVERIFY(evaluate(host.page, u"window.__uw.isDestroyed()"_s).toBool());
    QCOMPARE(evaluate(host.page, u"document.querySelectorAll('iframe').length"_s).toInt(), 0);
}

void TestSandboxUploadWidget::cameraAsksTheUser_data()
{
    QTest::addColumn<bool>("granted");
    QTest::newRow("allowed: a photo is uploaded") << true;
    QTest::newRow("refused") << false;
}

void TestSandboxUploadWidget::cameraAsksTheUser()
{
    QFETCH(bool, granted);
    Host host(*m_signer);
    const int signaturesBefore = m_signer->signatureCount();
    // The user opens the camera source and starts the camera: the browser asks (Stratus's hook);
    // allowed, the user takes a photo (Chromium's fake camera, see main()) and it is uploaded.
    const QString action = uR"(
        document.getElementById("tab-camera").click();
        document.getElementById("camera-start").click();
        var shots = setInterval(function () {
            var video = document.getElementById("camera-video");
            if (document.getElementById("camera-shoot").hidden || !video.videoWidth)
                return;
            clearInterval(shots);
            document.getElementById("camera-shoot").click();
        }, 100);
    )"_s;
    QVERIFY(createWidget(host, player(action), u"{}"_s));
    QList<std::pair<QUrl, QWebEnginePage::Feature>> asked;
    host.page->setPermissionHook([&asked, granted](const QUrl &origin, QWebEnginePage::Feature feature,
                                                   std::function<void(bool)> answer) {
        asked.append({origin, feature});
        answer(granted);
    });
    evaluate(host.page, u"window.__uw.open()"_s);
    const QString expected = granted ? u"success"_s : u"error"_s;
    QTRY_VERIFY2_WITH_TIMEOUT(count(host, expected) == 1, qPrintable(failureContext(host)), 30000);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().first.toString(QUrl::RemovePath | QUrl::StripTrailingSlash),
             m_sandbox.widgetsOrigin());
    QCOMPARE(asked.first().second, QWebEnginePage::MediaVideoCapture);
    if (!granted) {
        QCOMPARE(count(host, u"success"_s), 0);
        QVERIFY(events(host).last()[u"error"][u"statusText"].toString().contains(u"NotAllowedError"_s));
        QCOMPARE(m_signer->signatureCount(), signaturesBefore);
        return;
    }
    QCOMPARE(m_signer->signatureCount() - signaturesBefore, 1);
    QTRY_COMPARE_WITH_TIMEOUT(host.bridge.uploads.size(), 1, 10000);
    const QJsonObject info = host.bridge.uploads.first();
    QCOMPARE(info[u"format"].toString(), u"jpg"_s);
    QVERIFY(info[u"width"].toInt() > 0);
    QVERIFY(info[u"original_filename"].toString().startsWith(u"camera-"_s));
    QCOMPARE(adminResource(info[u"public_id"].toString())[u"format"].toString(), u"jpg"_s);
}

// The camera started, then the widget no longer shown (Stratus's Upload window closed with Esc only
// hides it): the camera stops, and its light goes out, instead of filming on in a hidden window.
void TestSandboxUploadWidget::cameraStopsWhenTheWidgetIsHidden()
{
    Host host(*m_signer);
    const QString action = uR"(
        document.getElementById("tab-camera").click();
        document.getElementById("camera-start").click();
        var on = false;
        var watch = setInterval(function () {
            var filming = !document.getElementById("camera-stop").hidden
                && !!document.getElementById("camera-video").srcObject;
            if (filming && !on) {
                on = true;
                console.log("camera-test: on");
            } else if (!filming && on) {
                clearInterval(watch);
                console.log("camera-test: off");
            }
        }, 100);
    )"_s;
    QVERIFY(createWidget(host, player(action), u"{}"_s));
    host.page->setPermissionHook(
        [](const QUrl &, QWebEnginePage::Feature, std::function<void(bool)> answer) { answer(true); });
    evaluate(host.page, u"window.__uw.open()"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(host.console.contains(u"camera-test: on"_s), qPrintable(failureContext(host)),
                              20000);
    QTest::qWait(300);
    QVERIFY(!host.console.contains(u"camera-test: off"_s)); // shown, it films on
    host.view.hide();
    QTRY_VERIFY2_WITH_TIMEOUT(host.console.contains(u"camera-test: off"_s), qPrintable(failureContext(host)),
                              10000);
}

int main(int argc, char **argv)
{
    stratus::webtest::prepareWebEngine();
    // A fake camera (a test pattern), so that getUserMedia() gets as far as asking the user. The
    // question itself still goes to the page's permission hook.
    QByteArray flags = qgetenv("QTWEBENGINE_CHROMIUM_FLAGS");
    flags += " --use-fake-device-for-media-stream";
    qputenv("QTWEBENGINE_CHROMIUM_FLAGS", flags.trimmed());
    QApplication app(argc, argv);
    TestSandboxUploadWidget test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_sandboxuploadwidget.moc"
