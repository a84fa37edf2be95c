// The sandbox's stand-in Media Library (issue 15, points 6 and 7) in a real, offscreen Qt WebEngine:
// a host page with an https origin loads the loader from the sandbox, opens the library inline,
// the console frame (on the sandbox's widgets origin) lists a folder, three assets are clicked with
// max_files 2, Insert is pressed, and the insert event's payload comes back to C++ as JSON with
// two assets shaped as widget-protocols.md says. Also over plain HTTP: where the console is served,
// and the refusals of the signed login.
#include "sandbox.h"
#include "sandboxhttp.h"
#include "seeder.h"
#include "webenginetest.h"

#include <QApplication>
#include <QBuffer>
#include <QCryptographicHash>
#include <QEventLoop>
#include <QHash>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineScript>
#include <QWebEngineScriptCollection>
#include <QWebEngineView>

using namespace Qt::StringLiterals;
using stratus::sandbox::EnvironmentConfig;
using stratus::sandbox::Sandbox;

using stratus::webtest::evaluate;
using stratus::webtest::RecordingInterceptor;
using stratus::webtest::RecordingPage;

namespace {

const QString kCloud = u"mldemo"_s;
const QString kSecret = u"ml-secret-4f9a0c"_s;

using Reply = stratus::test::HttpReply;

/// A GET to the sandbox, with a Host (the widgets origin) and a console session when given.
Reply get(QNetworkAccessManager &net, const QUrl &url, const QByteArray &host = {},
          const QByteArray &session = {})
{
    return stratus::test::httpRequest(net, "GET", url, {{"Host", host}, {"X-Console-Session", session}});
}

QString signature(const QString &cloud, qint64 timestamp, const QString &user, const QString &secret)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(u"cloud_name=%1&timestamp=%2&username=%3"_s.arg(cloud).arg(timestamp).arg(user).toUtf8());
    hash.addData(secret.toUtf8());
    return QString::fromLatin1(hash.result().toHex());
}

// Runs in the console frame only (the widgets origin), in an isolated world: plays the user who
// clicks the first three assets and then Insert (or, signed in as closer@example.com, the close
// button). The DOM is shared with the page's own scripts, so
// these are the clicks the console's handlers see.
const char kPlayUser[] = R"JS(
(function () {
    if (location.pathname !== "/console/media_library/cms")
        return;
    var closer = new URLSearchParams(location.search).get("username") === "closer@example.com";
    var timer = setInterval(function () {
        var cards = document.querySelectorAll("#grid .card");
        if (cards.length < 3)
            return;
        clearInterval(timer);
        if (closer) {
            document.getElementById("close").click();
            return;
        }
        cards[0].click();
        cards[1].click();
        cards[2].click(); // one past max_files: refused
        document.getElementById("insert").click();
    }, 100);
})();
)JS";

} // namespace

class TestSandboxMediaLibrary : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void consoleServedOnWidgetsOriginOnly();
    void signedLoginRefusals_data();
    void signedLoginRefusals();
    void oauthHopRefusals();
    void consoleSearches();
    void insertOfTwoAssetsReachesCpp_data();
    void insertOfTwoAssetsReachesCpp();
    void modalCloseHides();
    void unknownCloudReportsError();
    void consoleOwnSignInIsKept();
    void consoleSignInUploadDeleteOverHttp();

private:
    struct HostPage
    {
        RecordingInterceptor requests; // declared first: outlives the profile
        QWebEngineProfile profile; // off the record: nothing of a test stays; outlives the page
        QWebEngineView view;
        RecordingPage *page = nullptr;
    };
    /// Loads a host page of origin https://stratus.test with the stand-in loader; true once the
    /// loader's API is there.
    bool loadHostPage(HostPage &host);
    /// An access token for kCloud from the sandbox's authorization server.
    QString accessToken();

    QUrl apiUrl(const QString &path) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_sandbox.port()).arg(path));
    }
    QByteArray widgetsHost() const { return QByteArray("localhost:" + QByteArray::number(m_sandbox.port())); }

    QTemporaryDir m_dir;
    QString m_folder; ///< the folder with the most images
    QString m_token; ///< an OAuth access token for kCloud
    Sandbox m_sandbox;
    QNetworkAccessManager m_net;
};

void TestSandboxMediaLibrary::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_net.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    EnvironmentConfig env = EnvironmentConfig::generated(kCloud);
    env.apiSecret = kSecret;
    QString error;
    QVERIFY2(m_sandbox.open(m_dir.filePath(u"data"_s), {env}, {}, &error), qPrintable(error));
    QVERIFY2(stratus::sandbox::Seeder::seed(m_sandbox.store(), env, 40, &error), qPrintable(error));
    stratus::sandbox::AuthorizationSettings authorization;
    authorization.users.append({u"token@example.com"_s, u"pw"_s, {kCloud}, {}, false});
    QVERIFY2(m_sandbox.setAuthorization(authorization, &error), qPrintable(error));
    QVERIFY(m_sandbox.listen(0) != 0);
    m_token = accessToken();
    QVERIFY(!m_token.isEmpty());
    QHash<QString, int> images;
    for (const auto *asset : m_sandbox.store().assets(kCloud)) {
        if (asset->resourceType == u"image" && !asset->assetFolder.isEmpty())
            ++images[asset->assetFolder];
    }
    for (auto it = images.begin(); it != images.end(); ++it) {
        if (m_folder.isEmpty() || it.value() > images.value(m_folder))
            m_folder = it.key();
    }
    QVERIFY2(images.value(m_folder) >= 3, qPrintable(m_folder));
    QCOMPARE(m_sandbox.widgetsOrigin(), u"http://localhost:%1"_s.arg(m_sandbox.port()));
}

void TestSandboxMediaLibrary::consoleServedOnWidgetsOriginOnly()
{
    // The loader under either name, with the widgets origin in it; the console under localhost only.
    const Reply loader = get(m_net, apiUrl(u"/widgets/media-library/all.js"_s));
    QCOMPARE(loader.status, 200);
    QVERIFY(loader.body.contains(QByteArray("\"" + m_sandbox.widgetsOrigin().toLatin1() + "\"")));
    QVERIFY(!loader.body.contains(kSecret.toLatin1()));
    const Reply onApiHost = get(m_net, apiUrl(u"/console/media_library/cms?cloud_name=%1"_s.arg(kCloud)));
    QCOMPARE(onApiHost.status, 404);
    // Without a session the console's data is refused.
    const Reply noSession = get(m_net, apiUrl(u"/console/api/ml/resources"_s), widgetsHost(), "0123");
    QCOMPARE(noSession.status, 401);
}

void TestSandboxMediaLibrary::signedLoginRefusals_data()
{
    QTest::addColumn<qint64>("age");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<bool>("signedIn");
    QTest::newRow("good") << qint64(60) << kSecret << true;
    QTest::newRow("another secret") << qint64(60) << u"not-the-secret"_s << false;
    QTest::newRow("two hours old") << qint64(7200) << kSecret << false;
}

void TestSandboxMediaLibrary::signedLoginRefusals()
{
    QFETCH(qint64, age);
    QFETCH(QString, secret);
    QFETCH(bool, signedIn);
    const qint64 timestamp = QDateTime::currentSecsSinceEpoch() - age;
    QUrlQuery query;
    query.addQueryItem(u"cloud_name"_s, kCloud);
    query.addQueryItem(u"username"_s, u"editor@example.com"_s);
    query.addQueryItem(u"timestamp"_s, QString::number(timestamp));
    query.addQueryItem(u"signature"_s, signature(kCloud, timestamp, u"editor@example.com"_s, secret));
    QUrl url = apiUrl(u"/console/media_library/cms"_s);
    url.setQuery(query);
    const Reply page = get(m_net, url, widgetsHost());
    QCOMPARE(page.status, 200);
    QVERIFY(!page.body.contains(kSecret.toLatin1()));
    const QByteArray marker = "data-session=\"";
    const qsizetype at = page.body.indexOf(marker);
    QVERIFY(at > 0);
    const QByteArray session
        = page.body.mid(at + marker.size(), page.body.indexOf('"', at + marker.size()) - at - marker.size());
    QCOMPARE(!session.isEmpty(), signedIn);
    if (!signedIn)
        return;
    const Reply listed
        = get(m_net, apiUrl(u"/console/api/ml/resources?folder=%1"_s.arg(m_folder)), widgetsHost(), session);
    QCOMPARE(listed.status, 200);
    const QJsonArray resources = QJsonDocument::fromJson(listed.body)[u"resources"].toArray();
    QVERIFY(resources.size() >= 3);
    for (const QJsonValue &resource : resources)
        QCOMPARE(resource[u"asset_folder"].toString(), m_folder);
}

bool TestSandboxMediaLibrary::loadHostPage(HostPage &host)
{
    stratus::webtest::addFrameScript(host.profile.scripts(), u"play-user"_s, QString::fromLatin1(kPlayUser));
    host.profile.setUrlRequestInterceptor(&host.requests);
    host.page = new RecordingPage(&host.profile, &host.view);
    host.view.setPage(host.page);
    host.view.resize(1200, 800);
    host.view.show();
    const QString html = uR"(<!DOCTYPE html><html><head><meta charset="utf-8">
<script src="http://127.0.0.1:%1/widgets/media-library/all.js"></script></head>
<body style="margin:0"><div id="ml" style="width:1200px;height:780px"></div></body></html>)"_s.arg(
        m_sandbox.port());
    host.page->setHtml(html, QUrl(u"https://stratus.test/media-library"_s));
    return QTest::qWaitFor(
        [&] {
            return evaluate(host.page,
                            u"typeof cloudinary === 'object' && typeof cloudinary.createMediaLibrary"_s)
                       .toString()
                == u"function";
        },
        20000);
}

QString TestSandboxMediaLibrary::accessToken()
{
    // The browser part of "Sign in with Cloudinary" against the sandbox, then the code exchange.
    QNetworkAccessManager net;
    net.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    const QByteArray verifier = QByteArray(64, 'v');
    const QString challenge
        = QString::fromLatin1(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                                  .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    const QString redirect = u"http://127.0.0.1:9/callback"_s;
    QUrl authorize = apiUrl(u"/oauth2/auth"_s);
    authorize.setQuery(QUrlQuery {{u"client_id"_s, u"stratus-desktop"_s},
                                  {u"redirect_uri"_s, redirect},
                                  {u"response_type"_s, u"code"_s},
                                  {u"code_challenge_method"_s, u"S256"_s},
                                  {u"code_challenge"_s, challenge},
                                  {u"state"_s, u"st"_s}});
    const auto requestId = [](const QByteArray &page) {
        static const QRegularExpression pattern(u"name=\"request_id\" value=\"([^\"]+)\""_s);
        return pattern.match(QString::fromUtf8(page)).captured(1);
    };
    const auto postForm = [&](const QString &path, const QUrlQuery &form) {
        QNetworkRequest request(apiUrl(path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
        QNetworkReply *reply = net.post(request, form.toString(QUrl::FullyEncoded).toUtf8());
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        return std::make_pair(reply->rawHeader("Location"), reply->readAll());
    };
    const Reply login = get(net, authorize);
    const auto consent = postForm(u"/oauth2/auth"_s,
                                  QUrlQuery {{u"request_id"_s, requestId(login.body)},
                                             {u"action"_s, u"login"_s},
                                             {u"email"_s, u"token@example.com"_s},
                                             {u"password"_s, u"pw"_s}});
    const auto allowed
        = postForm(u"/oauth2/auth"_s,
                   QUrlQuery {{u"request_id"_s, requestId(consent.second)}, {u"action"_s, u"allow"_s}});
    const QString code = QUrlQuery(QUrl(QString::fromUtf8(allowed.first))).queryItemValue(u"code"_s);
    const auto token = postForm(u"/oauth2/token"_s,
                                QUrlQuery {{u"grant_type"_s, u"authorization_code"_s},
                                           {u"code"_s, code},
                                           {u"redirect_uri"_s, redirect},
                                           {u"client_id"_s, u"stratus-desktop"_s},
                                           {u"code_verifier"_s, QString::fromLatin1(verifier)}});
    return QJsonDocument::fromJson(token.second)[u"access_token"].toString();
}

void TestSandboxMediaLibrary::oauthHopRefusals()
{
    const QString console = m_sandbox.widgetsOrigin() + u"/console/media_library/cms?cloud_name="_s + kCloud;
    const auto hop = [&](const QString &token, const QString &redirect) {
        QUrl url = apiUrl(u"/console/api/v1/auth/login_with_oauth_token"_s);
        url.setQuery(
            QUrlQuery {{u"access_token"_s, token}, {u"redirect_url"_s, redirect}, {u"cloud_name"_s, kCloud}});
        return get(m_net, url, widgetsHost());
    };
    QCOMPARE(hop(u"not-a-token"_s, console).status, 401);
    QCOMPARE(hop(m_token, u"https://elsewhere.test/console/media_library/cms"_s).status, 400);
    // A good token: back to the console page with a session, which lists the environment.
    const Reply signedIn = hop(m_token, console);
    QCOMPARE(signedIn.status, 302);
    const QUrl target(QString::fromLatin1(signedIn.header("Location")));
    QCOMPARE(target.adjusted(QUrl::RemoveQuery).toString(),
             m_sandbox.widgetsOrigin() + u"/console/media_library/cms"_s);
    const QString session = QUrlQuery(target).queryItemValue(u"console_session"_s);
    QCOMPARE(session.size(), 48);
    const Reply page = get(m_net, apiUrl(u"/console/media_library/cms?"_s + target.query(QUrl::FullyEncoded)),
                           widgetsHost());
    QCOMPARE(page.status, 200);
    QVERIFY(page.body.contains(QByteArray("data-session=\"" + session.toLatin1() + '"')));
    // Another cloud name on the page does not take this session.
    const Reply wrongCloud
        = get(m_net, apiUrl(u"/console/media_library/cms?cloud_name=other&console_session="_s + session),
              widgetsHost());
    QVERIFY(wrongCloud.body.contains("data-session=\"\""));
}

void TestSandboxMediaLibrary::consoleSearches()
{
    // What the console's search box and `search: {expression}` find, against the store itself.
    const auto session = [&] {
        const qint64 timestamp = QDateTime::currentSecsSinceEpoch();
        QUrl url = apiUrl(u"/console/media_library/cms"_s);
        url.setQuery(QUrlQuery {{u"cloud_name"_s, kCloud},
                                {u"username"_s, u"a@example.com"_s},
                                {u"timestamp"_s, QString::number(timestamp)},
                                {u"signature"_s, signature(kCloud, timestamp, u"a@example.com"_s, kSecret)}});
        const QByteArray body = get(m_net, url, widgetsHost()).body;
        const qsizetype at = body.indexOf("data-session=\"") + 14;
        return body.mid(at, body.indexOf('"', at) - at);
    }();
    QCOMPARE(session.size(), 48);
    const auto found = [&](const QString &query) {
        const Reply reply
            = get(m_net, apiUrl(u"/console/api/ml/resources?"_s + query), widgetsHost(), session);
        QStringList ids;
        for (const QJsonValue &resource : QJsonDocument::fromJson(reply.body)[u"resources"].toArray())
            ids.append(resource[u"public_id"].toString());
        ids.sort();
        return ids;
    };
    QStringList videos;
    QStringList tagged;
    const QString tag = m_sandbox.store().assets(kCloud).front()->tags.value(0);
    QVERIFY(!tag.isEmpty());
    for (const auto *asset : m_sandbox.store().assets(kCloud)) {
        if (asset->resourceType == u"video")
            videos.append(asset->publicId);
        const bool inTags = std::any_of(asset->tags.begin(), asset->tags.end(), [&tag](const QString &t) {
            return t.contains(tag, Qt::CaseInsensitive);
        });
        if (inTags || asset->publicId.contains(tag, Qt::CaseInsensitive)
            || asset->displayName.contains(tag, Qt::CaseInsensitive))
            tagged.append(asset->publicId);
    }
    videos.sort();
    tagged.sort();
    QVERIFY(!videos.isEmpty());
    QCOMPARE(found(u"expression=resource_type%3Avideo"_s), videos);
    QCOMPARE(found(u"resource_type=video&all_folders=true"_s), videos);
    QCOMPARE(found(u"q="_s + QString::fromUtf8(QUrl::toPercentEncoding(tag))), tagged);
}

void TestSandboxMediaLibrary::insertOfTwoAssetsReachesCpp_data()
{
    QTest::addColumn<bool>("token");
    QTest::newRow("signed login") << false;
    QTest::newRow("access token") << true;
}

void TestSandboxMediaLibrary::insertOfTwoAssetsReachesCpp()
{
    QFETCH(bool, token);
    HostPage host;
    QVERIFY(loadHostPage(host));
    RecordingPage *page = host.page;
    QCOMPARE(evaluate(page, u"location.origin"_s).toString(), u"https://stratus.test"_s);

    const qint64 timestamp = QDateTime::currentSecsSinceEpoch();
    const QString user = u"editor@example.com"_s;
    QJsonObject options {
        {u"cloud_name"_s, kCloud},
        {u"integration"_s,
         QJsonObject {{u"type"_s, u"stratus_desktop"_s},
                      {u"platform"_s, u"Qt 6.4.2 Linux"_s},
                      {u"version"_s, u"0.0-test"_s},
                      {u"environment"_s, u"dev"_s}}},
        {u"inline_container"_s, u"#ml"_s},
        {u"multiple"_s, true},
        {u"max_files"_s, 2},
        {u"insert_caption"_s, u"Use in Stratus"_s},
        {u"default_transformations"_s,
         QJsonArray {QJsonArray {QJsonObject {{u"quality"_s, u"auto"_s}},
                                 QJsonObject {{u"fetch_format"_s, u"auto"_s}}}}},
    };
    if (token) {
        options.insert(u"access_token"_s, m_token);
    } else {
        options.insert(u"username"_s, user);
        options.insert(u"timestamp"_s, QString::number(timestamp));
        options.insert(u"signature"_s, signature(kCloud, timestamp, user, kSecret));
    }
    const QString create = uR"(
        window.__inserts = []; window.__events = [];
        window.__ml = cloudinary.createMediaLibrary(%1, {
            insertHandler: function (data) { window.__inserts.push(JSON.stringify(data)); },
            showHandler: function () { window.__events.push('show'); },
            errorHandler: function (e) { window.__events.push('error:' + JSON.stringify(e)); }
        });
        // A message forged by the host page's own scripts: wrong origin, so no insert.
        window.postMessage(JSON.stringify({type: 'ML_WIDGET_INSERT_DATA',
                                           data: {mlId: window.__ml.mlId, assets: [{public_id: 'forged'}]}}), '*');
        window.__ml.show({folder: {path: '%2', resource_type: 'image'}});
        window.__ml.mlId;
    )"_s.arg(QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact)), m_folder);
    const QString mlId = evaluate(page, create).toString();
    QCOMPARE(mlId.size(), 36);

    QTRY_VERIFY2_WITH_TIMEOUT(evaluate(page, u"window.__inserts.length"_s).toInt() == 1,
                              qPrintable(page->messages.join(u'\n')), 30000);
    QCOMPARE(evaluate(page, u"window.__events.join(',')"_s).toString(), u"show"_s);
    const QJsonObject inserted
        = QJsonDocument::fromJson(evaluate(page, u"window.__inserts[0]"_s).toString().toUtf8()).object();
    QCOMPARE(inserted[u"mlId"].toString(), mlId);
    const QJsonArray assets = inserted[u"assets"].toArray();
    QCOMPARE(assets.size(), 2); // the third click was one past max_files
    QStringList ids;
    for (const QJsonValue &value : assets) {
        const QJsonObject asset = value.toObject();
        for (const char *field :
             {"public_id", "resource_type", "type", "format", "version", "url", "secure_url", "width",
              "height", "bytes", "duration", "created_at", "tags", "context", "metadata", "asset_folder",
              "display_name", "access_mode", "derived"})
            QVERIFY2(asset.contains(QLatin1String(field)), field);
        QCOMPARE(asset[u"resource_type"].toString(), u"image"_s);
        QCOMPARE(asset[u"asset_folder"].toString(), m_folder);
        const QJsonObject derived = asset[u"derived"].toArray().at(0).toObject();
        QCOMPARE(derived[u"raw_transformation"].toString(), u"q_auto/f_auto"_s);
        QVERIFY2(derived[u"secure_url"].toString().contains(u"/image/upload/q_auto/f_auto/"_s),
                 qPrintable(derived[u"secure_url"].toString()));
        // The URLs are the clients' (127.0.0.1), and they deliver.
        QVERIFY(asset[u"secure_url"].toString().startsWith(apiUrl(u"/"_s).toString()));
        QCOMPARE(get(m_net, QUrl(asset[u"secure_url"].toString())).status, 200);
        ids.append(asset[u"public_id"].toString());
    }
    QCOMPARE(ids.removeDuplicates(), 0);
    QVERIFY(!ids.contains(u"forged"_s));
    // Nothing the pages asked for or said carries the API secret; the console frame was asked for
    // on the widgets origin, the loader and the pictures on the clients' host.
    QStringList consoleFrames;
    for (const QUrl &url : std::as_const(host.requests.urls)) {
        QVERIFY2(!url.toString(QUrl::FullyDecoded).contains(kSecret), qPrintable(url.toString()));
        if (url.path().startsWith(u"/console/media_library/cms"_s))
            consoleFrames.append(url.toString(QUrl::RemoveQuery));
    }
    QVERIFY(!consoleFrames.isEmpty());
    for (const QString &frame : std::as_const(consoleFrames))
        QVERIFY2(frame.startsWith(m_sandbox.widgetsOrigin() + u'/'), qPrintable(frame));
    QVERIFY(!page->messages.join(u'\n').contains(kSecret));
    // Inline mode stays open after an insert.
    QCOMPARE(evaluate(page, u"window.__ml.iframe.style.display"_s).toString(), u"block"_s);
}

void TestSandboxMediaLibrary::modalCloseHides()
{
    HostPage host;
    QVERIFY(loadHostPage(host));
    const qint64 timestamp = QDateTime::currentSecsSinceEpoch();
    const QString user = u"closer@example.com"_s;
    const QJsonObject options {{u"cloud_name"_s, kCloud},
                               {u"username"_s, user},
                               {u"timestamp"_s, QString::number(timestamp)},
                               {u"signature"_s, signature(kCloud, timestamp, user, kSecret)},
                               {u"folder"_s, QJsonObject {{u"path"_s, m_folder}}}};
    evaluate(host.page, uR"(
        window.__events = [];
        window.__ml = cloudinary.openMediaLibrary(%1, {
            showHandler: function () { window.__events.push('show'); },
            hideHandler: function () { window.__events.push('hide'); }
        });
    )"_s.arg(QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact))));
    QCOMPARE(evaluate(host.page, u"document.body.style.overflow"_s).toString(), u"hidden"_s);
    // The console's close button (clicked by the player) posts ML_WIDGET_HIDE: the modal goes.
    QTRY_VERIFY2_WITH_TIMEOUT(evaluate(host.page, u"window.__events.join(',')"_s).toString() == u"show,hide",
                              qPrintable(host.page->messages.join(u'\n')), 30000);
    QCOMPARE(evaluate(host.page, u"window.__ml._frame.style.visibility"_s).toString(), u"hidden"_s);
    QCOMPARE(evaluate(host.page, u"document.body.style.overflow"_s).toString(), QString());
}

void TestSandboxMediaLibrary::unknownCloudReportsError()
{
    // A console for a cloud the sandbox does not have says so, and the host page hears it as an
    // `error` event.
    HostPage host;
    QVERIFY(loadHostPage(host));
    evaluate(host.page, uR"(
        window.__errors = [];
        window.__ml = cloudinary.createMediaLibrary({cloud_name: 'nosuchcloud', inline_container: '#ml'}, {
            errorHandler: function (e) { window.__errors.push(e.message); }
        }).show();
    )"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(evaluate(host.page, u"window.__errors.length"_s).toInt() == 1,
                              qPrintable(host.page->messages.join(u'\n')), 30000);
    QVERIFY(evaluate(host.page, u"window.__errors[0]"_s).toString().contains(u"nosuchcloud"_s));
}

void TestSandboxMediaLibrary::consoleOwnSignInIsKept()
{
    // No e-mail, no token: the console shows its own sign-in form. Signed in there (a wrong password
    // first), the console lists the environment (the player inserts two assets) and says who it is;
    // a second console in the same profile is signed in at once, by its cookie.
    HostPage host;
    stratus::webtest::addFrameScript(host.profile.scripts(), u"sign-in"_s, uR"JS(
(function () {
    if (location.pathname !== "/console/media_library/cms" || document.getElementById("signin").hidden)
        return;
    var tries = Number(sessionStorage.getItem("tries") || "0");
    sessionStorage.setItem("tries", String(tries + 1));
    document.getElementById("signin-email").value = "token@example.com";
    document.getElementById("signin-password").value = tries === 0 ? "wrong" : "pw";
    document.getElementById("signin-submit").click();
    if (tries === 0) {
        var wait = setInterval(function () {
            if (document.getElementById("signin-error").hidden)
                return;
            clearInterval(wait);
            document.title = "refused: " + document.getElementById("signin-error").textContent;
            sessionStorage.setItem("tries", "1");
            document.getElementById("signin-password").value = "pw";
            document.getElementById("signin-submit").click();
        }, 50);
    }
})();
)JS"_s);
    QVERIFY(loadHostPage(host));
    const QString open = uR"(
        window.__identities = window.__identities || [];
        window.__inserts = window.__inserts || [];
        cloudinary.createMediaLibrary({cloud_name: '%1', inline_container: '#ml', multiple: true, max_files: 2,
                                       folder: {path: '%2'}}, {
            identityHandler: function (d) { window.__identities.push(d.email); },
            insertHandler: function (d) { window.__inserts.push(d.assets.length); }
        }).show();
    )"_s.arg(kCloud, m_folder);
    evaluate(host.page, open);
    QTRY_VERIFY2_WITH_TIMEOUT(evaluate(host.page, u"window.__inserts.join(',')"_s).toString() == u"2",
                              qPrintable(host.page->messages.join(u'\n')), 40000);
    QCOMPARE(evaluate(host.page, u"window.__identities.join(',')"_s).toString(), u"token@example.com"_s);
    // The second console: no sign-in script any more, so only the cookie can sign it in.
    host.profile.scripts()->remove(host.profile.scripts()->find(u"sign-in"_s).value(0));
    evaluate(host.page, u"document.getElementById('ml').textContent = '';"_s + open);
    QTRY_VERIFY2_WITH_TIMEOUT(evaluate(host.page, u"window.__inserts.join(',')"_s).toString() == u"2,2"_s,
                              qPrintable(host.page->messages.join(u'\n')), 40000);
    QCOMPARE(evaluate(host.page, u"window.__identities.join(',')"_s).toString(),
             u"token@example.com,token@example.com"_s);
    for (const QUrl &url : std::as_const(host.requests.urls))
        QVERIFY2(!url.toString().contains(u"password="_s), qPrintable(url.toString()));
}

void TestSandboxMediaLibrary::consoleSignInUploadDeleteOverHttp()
{
    const auto post = [&](const QString &path, const QByteArray &body, const QByteArray &type,
                          const QByteArray &session = {}, const QByteArray &cookie = {}) {
        QNetworkRequest request(apiUrl(path));
        request.setRawHeader("Host", widgetsHost());
        request.setHeader(QNetworkRequest::ContentTypeHeader, type);
        if (!session.isEmpty())
            request.setRawHeader("X-Console-Session", session);
        if (!cookie.isEmpty())
            request.setRawHeader("Cookie", cookie);
        QNetworkReply *reply = m_net.post(request, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        return std::make_tuple(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                               reply->readAll(), reply->rawHeader("Set-Cookie"));
    };
    // The form's sign-in: refused with a wrong password or for a cloud the user may not use.
    const QByteArray form = QJsonDocument(QJsonObject {{u"cloud_name"_s, kCloud},
                                                       {u"email"_s, u"token@example.com"_s},
                                                       {u"password"_s, u"nope"_s}})
                                .toJson();
    QCOMPARE(std::get<0>(post(u"/console/api/ml/login"_s, form, "application/json")), 401);
    const auto [status, body, setCookie]
        = post(u"/console/api/ml/login"_s, QByteArray(form).replace("nope", "pw"), "application/json");
    QCOMPARE(status, 200);
    QVERIFY2(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=None"), setCookie.constData());
    const QByteArray cookie = setCookie.left(setCookie.indexOf(';'));
    QVERIFY(cookie.startsWith("cld_ml_session="));
    // The console page under that cookie is signed in (and says the session is kept).
    QNetworkRequest pageRequest(apiUrl(u"/console/media_library/cms?cloud_name="_s + kCloud));
    pageRequest.setRawHeader("Host", widgetsHost());
    pageRequest.setRawHeader("Cookie", cookie);
    QNetworkReply *pageReply = m_net.get(pageRequest);
    QEventLoop loop;
    QObject::connect(pageReply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    pageReply->deleteLater();
    const QByteArray page = pageReply->readAll();
    QVERIFY(page.contains("data-kept=\"1\""));
    const qsizetype at = page.indexOf("data-session=\"") + 14;
    const QByteArray session = page.mid(at, page.indexOf('"', at) - at);
    QCOMPARE(session.size(), 48);

    // An upload into the folder, then its deletion; both need the session header.
    QImage image(8, 6, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    const QByteArray boundary = "----stratus-ml-test";
    QByteArray multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"folder\"\r\n\r\n"
        + m_folder.toUtf8() + "\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"console-upload.png\"\r\n"
          "Content-Type: image/png\r\n\r\n"
        + png + "\r\n--" + boundary + "--\r\n";
    const QByteArray multipartType = "multipart/form-data; boundary=" + boundary;
    QCOMPARE(std::get<0>(post(u"/console/api/ml/upload"_s, multipart, multipartType)), 401);
    const auto uploaded = post(u"/console/api/ml/upload"_s, multipart, multipartType, session);
    QCOMPARE(std::get<0>(uploaded), 200);
    const QJsonObject resource = QJsonDocument::fromJson(std::get<1>(uploaded)).object();
    QVERIFY(resource[u"public_id"].toString().contains(u"console-upload"_s));
    QCOMPARE(resource[u"width"].toInt(), 8);
    bool stored = false;
    for (const auto *asset : m_sandbox.store().assets(kCloud))
        stored = stored
            || (asset->assetId == resource[u"asset_id"].toString() && asset->assetFolder == m_folder);
    QVERIFY(stored);
    const QByteArray doomed
        = QJsonDocument(QJsonObject {{u"assets"_s,
                                      QJsonArray {QJsonObject {{u"public_id"_s, resource[u"public_id"]},
                                                               {u"resource_type"_s, u"image"_s},
                                                               {u"type"_s, u"upload"_s}}}}})
              .toJson();
    QCOMPARE(std::get<0>(post(u"/console/api/ml/delete"_s, doomed, "application/json", {}, cookie)), 401);
    const auto deleted = post(u"/console/api/ml/delete"_s, doomed, "application/json", session);
    QCOMPARE(std::get<0>(deleted), 200);
    const QJsonArray gone = QJsonDocument::fromJson(std::get<1>(deleted))[u"deleted"].toArray();
    QCOMPARE(gone.size(), 1);
    QCOMPARE(gone.at(0)[u"asset_id"].toString(), resource[u"asset_id"].toString());
    for (const auto *asset : m_sandbox.store().assets(kCloud))
        QVERIFY(asset->assetId != resource[u"asset_id"].toString());
    // Signing out forgets the session.
    QCOMPARE(std::get<0>(post(u"/console/api/ml/logout"_s, {}, "application/json", {}, cookie)), 200);
    QNetworkReply *after = m_net.get(pageRequest);
    QObject::connect(after, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    after->deleteLater();
    QVERIFY(after->readAll().contains("data-session=\"\""));
}

STRATUS_WEBENGINE_TEST_MAIN(TestSandboxMediaLibrary)

#include "tst_sandboxmedialibrary.moc"
