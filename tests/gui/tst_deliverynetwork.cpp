// Thumbnails and downloads go through the network layer of the API calls (issue 12, point 1): a
// real HTTP server on loopback, scripted per request, shows that both send Stratus's User-Agent,
// try again after a server error, and give up on a server that stops answering (stall timeout)
// and try again. With a bare QNetworkAccessManager none of the three holds: Qt's own User-Agent,
// the 503 ends the transfer, and the silent server keeps it waiting for ever.

#include "core/catalog/catalogasset.h"
#include "core/config/cloudinaryurl.h"
#include "core/net/downloadjob.h"
#include "core/net/useragent.h"
#include "core/transfers/downloadqueue.h"
#include "gui/browser/thumbnailloader.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus;
using namespace Qt::StringLiterals;

namespace {

/// An HTTP/1.1 server on 127.0.0.1 that answers each request with the next scripted answer (the
/// last one again when the script runs out) and records every request head.
class ScriptedServer : public QTcpServer
{
public:
    struct Answer
    {
        int status = 200;
        QByteArray body;
        bool silent = false; ///< read the request, never answer (keep the connection open)
    };

    explicit ScriptedServer(QList<Answer> script)
        : m_script(std::move(script))
    {
        QVERIFY(listen(QHostAddress::LocalHost));
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onBytes(socket); });
            }
        });
    }

    [[nodiscard]] const QList<QByteArray> &heads() const { return m_heads; }
    [[nodiscard]] QByteArray header(qsizetype request, const QByteArray &name) const
    {
        for (const QByteArray &line : m_heads.value(request).split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
    [[nodiscard]] QString base() const { return u"127.0.0.1:%1"_s.arg(serverPort()); }

private:
    void onBytes(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        m_heads.append(buffer.left(end));
        buffer.remove(0, end + 4);
        const Answer answer = m_script.at(std::min(m_heads.size(), m_script.size()) - 1);
        if (answer.silent)
            return;
        socket->write("HTTP/1.1 " + QByteArray::number(answer.status)
                      + " Scripted\r\nContent-Length: " + QByteArray::number(answer.body.size())
                      + "\r\nContent-Type: image/png\r\nConnection: close\r\n\r\n" + answer.body);
        socket->disconnectFromHost();
    }

    QList<Answer> m_script;
    QList<QByteArray> m_heads;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QByteArray png()
{
    QImage image(8, 8, QImage::Format_RGB32);
    image.fill(Qt::red);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// Quick enough for a test: a stall is noticed after 400 ms, retries wait 50 ms.
core::RetryPolicy testPolicy()
{
    core::RetryPolicy policy = core::DownloadJob::deliveryPolicy(std::chrono::milliseconds(400));
    policy.baseDelay = std::chrono::milliseconds(50);
    policy.jitter = 0;
    return policy;
}

} // namespace

class TestDeliveryNetwork : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;

    // Fetches one thumbnail or one download from @p server; true when it arrived whole.
    bool fetch(const QString &how, ScriptedServer &server)
    {
        if (how == u"thumbnail") {
            gui::ThumbnailLoader loader(&m_network, nullptr);
            loader.setRetryPolicy(testPolicy());
            QSignalSpy ready(&loader, &gui::ThumbnailLoader::ready);
            QSignalSpy failed(&loader, &gui::ThumbnailLoader::failed);
            loader.request(u"key"_s, QUrl(u"http://%1/thumb.png"_s.arg(server.base())), 0);
            if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 10000))
                return false;
            return !ready.isEmpty() && ready.at(0).at(1).value<QImage>().size() == QSize(8, 8);
        }
        core::DeliveryEnvironment environment;
        environment.network = &m_network;
        const QString url
            = u"cloudinary://111:secret@cloud?upload_prefix=http://%1&cname=%1&secure=false"_s.arg(
                server.base());
        environment.url = [url] {
            return core::CloudinaryUrl::parse(url).value().withoutSecret();
        };
        core::transfers::DownloadQueue queue(environment);
        queue.setRetryPolicy(testPolicy());
        core::catalog::CatalogAsset asset;
        asset.assetId = u"a1"_s;
        asset.publicId = u"folder/red"_s;
        asset.resourceType = u"image"_s;
        asset.type = u"upload"_s;
        asset.format = u"png"_s;
        asset.version = 1;
        const QString target = m_dir.filePath(QString::number(++m_downloads));
        QDir().mkpath(target);
        QSignalSpy finished(&queue, &core::transfers::DownloadQueue::finished);
        queue.start({asset}, target);
        if (!finished.wait(10000))
            return false;
        QFile saved(QDir(target).filePath(u"red.png"_s));
        return queue.failures().isEmpty() && saved.open(QIODevice::ReadOnly) && saved.readAll() == png();
    }

    int m_downloads = 0;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void userAgent_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("thumbnail") << u"thumbnail"_s;
        QTest::newRow("download") << u"download"_s;
    }
    void userAgent()
    {
        QFETCH(QString, how);
        ScriptedServer server({{200, png(), false}});
        QVERIFY(fetch(how, server));
        QCOMPARE(server.heads().size(), 1);
        QCOMPARE(server.header(0, "User-Agent"), core::UserAgent::value());
    }

    void retriesAfterServerError_data() { userAgent_data(); }
    void retriesAfterServerError()
    {
        QFETCH(QString, how);
        ScriptedServer server({{503, "busy", false}, {200, png(), false}});
        QVERIFY(fetch(how, server));
        QCOMPARE(server.heads().size(), 2);
    }

    void givesUpOnASilentServerAndRetries_data() { userAgent_data(); }
    void givesUpOnASilentServerAndRetries()
    {
        QFETCH(QString, how);
        ScriptedServer server({{0, {}, true}, {200, png(), false}});
        QElapsedTimer clock;
        clock.start();
        QVERIFY(fetch(how, server));
        QCOMPARE(server.heads().size(), 2);
        QVERIFY2(clock.elapsed() >= 400, "the stall timeout ended the first request early");
    }

    void notFoundIsNotRetried_data() { userAgent_data(); }
    void notFoundIsNotRetried()
    {
        QFETCH(QString, how);
        ScriptedServer server({{404, "no such asset", false}});
        QVERIFY(!fetch(how, server));
        QCOMPARE(server.heads().size(), 1);
    }
};

QTEST_MAIN(TestDeliveryNetwork)
#include "tst_deliverynetwork.moc"
