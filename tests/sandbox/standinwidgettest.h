#pragma once

// What the WebEngine tests of the sandbox's stand-in Media Editor, Video Player and Product Gallery
// share (tst_sandboxmediaeditor, tst_sandboxpreviews): an in-process sandbox with a seeded
// environment and the assets the tests use, host pages of origin https://stratus.test that load a
// stand-in's scripts from it (a recording profile per page: every request URL, every console
// line), and plain HTTP requests to it.
#include "sandbox.h"
#include "seeder.h"

#include <QEventLoop>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineScript>
#include <QWebEngineScriptCollection>
#include <QWebEngineUrlRequestInterceptor>
#include <QWebEngineView>

namespace standin {

using namespace Qt::StringLiterals;
using stratus::sandbox::Asset;
using stratus::sandbox::EnvironmentConfig;
using stratus::sandbox::Sandbox;

inline const QString kCloud = u"widgetdemo"_s;
inline const QString kSecret = u"widgets-secret-7d21e5"_s;

inline QVariant evaluate(QWebEnginePage *page, const QString &script)
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

inline Reply get(QNetworkAccessManager &net, const QUrl &url, const QByteArray &host = {},
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

    /// No request of the page carried the API secret, and its console did not say it.
    void verifyNoSecret(const HostPage &host)
    {
        QVERIFY(!host.requests.urls.isEmpty());
        for (const QUrl &url : host.requests.urls)
            QVERIFY2(!QUrl::fromPercentEncoding(url.toEncoded()).contains(kSecret),
                     qPrintable(url.toString()));
        QVERIFY(!host.page->messages.join(u'\n').contains(kSecret));
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
