#pragma once

// What the WebEngine tests of the sandbox's stand-in Media Editor, Video Player and Product Gallery
// share (tst_sandboxmediaeditor, tst_sandboxpreviews): an in-process sandbox with a seeded
// environment and the assets the tests use, host pages of origin https://stratus.test that load a
// stand-in's scripts from it (a recording profile per page: every request URL, every console
// line), and plain HTTP requests to it.
#include "sandbox.h"
#include "sandboxhttp.h"
#include "seeder.h"
#include "webenginetest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTemporaryDir>
#include <QTest>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineScript>
#include <QWebEngineScriptCollection>
#include <QWebEngineView>

namespace standin {

using namespace Qt::StringLiterals;
using stratus::sandbox::Asset;
using stratus::sandbox::EnvironmentConfig;
using stratus::sandbox::Sandbox;

inline const QString kCloud = u"widgetdemo"_s;
inline const QString kSecret = u"widgets-secret-7d21e5"_s;

using stratus::webtest::evaluate;
using stratus::webtest::RecordingInterceptor;
using stratus::webtest::RecordingPage;

using Reply = stratus::test::HttpReply;

/// A GET to the sandbox, with a Host (the widgets origin) and a Range header when given.
inline Reply get(QNetworkAccessManager &net, const QUrl &url, const QByteArray &host = {},
                 const QByteArray &range = {})
{
    return stratus::test::httpRequest(net, "GET", url, {{"Host", host}, {"Range", range}});
}

/// A page of the host's, with its own off-the-record profile.
struct HostPage
{
    RecordingInterceptor requests; // declared first: outlives the profile
    QWebEngineProfile profile; // off the record: nothing of a test stays; outlives the page
    QWebEngineView view;
    RecordingPage *page = nullptr;
};

/// The base of the stand-in widget tests: the sandbox (opened by openSandbox() in initTestCase),
/// its seeded assets, and the helpers. Used on the test's thread.
class StandInTest : public QObject
{
protected:
    /// Opens, seeds and starts the sandbox and picks the assets; a test failure otherwise.
    void openSandbox()
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

    /// Loads a host page of origin https://stratus.test with @p head (script tags) and @p body; an
    /// optional script runs in the sandbox's widget frames (an isolated world). True once @p ready
    /// evaluates to true.
    bool loadHostPage(HostPage &host, const QString &head, const QString &body, const QString &ready,
                      const QString &frameScript = {})
    {
        if (!frameScript.isEmpty())
            stratus::webtest::addFrameScript(host.profile.scripts(), u"play-user"_s, frameScript);
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

    /// No request of the page carried the API secret, and its console did not say it.
    void verifyNoSecret(const HostPage &host)
    {
        QVERIFY(!host.requests.urls.isEmpty());
        for (const QUrl &url : host.requests.urls)
            QVERIFY2(!QUrl::fromPercentEncoding(url.toEncoded()).contains(kSecret),
                     qPrintable(url.toString()));
        QVERIFY(!host.page->messages.join(u'\n').contains(kSecret));
    }

    /// The editor's page is served only on the widgets origin, with a strict policy; its asset
    /// look-up answers public assets only.
    void verifyEditorPageServed()
    {
        QCOMPARE(get(m_net, QUrl(base() + u"/widgets/media-editor/editor.html"_s)).status, 404);
        const Reply page = get(m_net, QUrl(base() + u"/widgets/media-editor/editor.html"_s), widgetsHost());
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("Content-Security-Policy").contains("script-src 'self'"));
        QVERIFY(page.header("Content-Security-Policy")
                    .contains(QByteArray("img-src 'self' data: " + base().toLatin1())));

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

    [[nodiscard]] QString base() const { return u"http://127.0.0.1:%1"_s.arg(m_sandbox.port()); }
    [[nodiscard]] QByteArray widgetsHost() const
    {
        return QByteArray("localhost:" + QByteArray::number(m_sandbox.port()));
    }

    QTemporaryDir m_dir;
    Sandbox m_sandbox;
    QNetworkAccessManager m_net;
    const Asset *m_image = nullptr; ///< a picture big enough to crop, not square
    const Asset *m_video = nullptr;
    QList<const Asset *> m_pictures; ///< pictures for the gallery
};

} // namespace standin
