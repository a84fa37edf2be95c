// Upload from a URL in the sandbox's Upload API (issue 15: the Upload widget's "Web address" source,
// saving the Media Editor's result as a new asset): `file=http(s)://…` is fetched from a loopback HTTP
// server (redirects followed) or, for the sandbox's own delivery URLs, answered internally; a URL
// that cannot be fetched gets Cloudinary's error ("Error in loading … - 404 Not Found"); the size and
// time bounds hold; a request whose credentials fail never makes the sandbox fetch anything. Also:
// the Upload API's answers carry Access-Control-Allow-Origin, as Cloudinary's do.
#include "core/signing/apisigner.h"
#include "sandbox.h"
#include "seeder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using stratus::sandbox::EnvironmentConfig;
using stratus::sandbox::Sandbox;

namespace {

const QString kCloud = u"urldemo"_s;
const QString kSecret = u"url-secret-51c2aa"_s;

const QByteArray kPixel = QByteArray::fromBase64(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

/// A loopback HTTP/1.0 server with a few fixed answers, recording the paths asked for:
/// /pixel.png (a PNG), /redirect.png (302 to /pixel.png), /big.bin (5000 bytes), /slow.png (never
/// answered), anything else 404.
class FileServer : public QObject
{
public:
    FileServer()
    {
        m_server.listen(QHostAddress::LocalHost);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { answer(socket); });
            }
        });
    }
    [[nodiscard]] QString url(const QString &path) const
    {
        return u"http://127.0.0.1:%1%2"_s.arg(m_server.serverPort()).arg(path);
    }
    QStringList paths;

private:
    void answer(QTcpSocket *socket)
    {
        m_buffers[socket] += socket->readAll();
        const QByteArray &buffer = m_buffers[socket];
        if (!buffer.contains("\r\n\r\n"))
            return;
        const QByteArray path = buffer.split(' ').value(1);
        paths.append(QString::fromLatin1(path));
        QByteArray head;
        QByteArray body;
        if (path == "/pixel.png") {
            head = "HTTP/1.0 200 OK\r\nContent-Type: image/png\r\n";
            body = kPixel;
        } else if (path == "/redirect.png") {
            head = "HTTP/1.0 302 Found\r\nLocation: /pixel.png\r\n";
        } else if (path == "/big.bin") {
            head = "HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\n";
            body = QByteArray(5000, 'x');
        } else if (path == "/slow.png") {
            return; // never answered
        } else {
            head = "HTTP/1.0 404 Not Found\r\nContent-Type: text/plain\r\n";
            body = "no such file";
        }
        socket->write(head + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

struct Reply
{
    int status = 0;
    QJsonObject json;
    QByteArray allowOrigin;

    [[nodiscard]] QString message() const { return json[u"error"][u"message"].toString(); }
};

} // namespace

class TestSandboxUploadFromUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fromLoopbackServer_data();
    void fromLoopbackServer();
    void fromOwnDeliveryUrl();
    void unreachableUrls_data();
    void unreachableUrls();
    void sizeAndTimeBounds();
    void refusedBeforeFetching();

private:
    /// A signed upload of `file` (form fields, SHA-1, signature version 2), or unsigned when `secret`
    /// is empty.
    Reply upload(const QString &file, const QString &secret = kSecret,
                 const QString &resourceType = u"auto"_s);

    QTemporaryDir m_dir;
    Sandbox m_sandbox;
    EnvironmentConfig m_env;
    QNetworkAccessManager m_net;
    FileServer m_files;
};

void TestSandboxUploadFromUrl::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_env = EnvironmentConfig::generated(kCloud);
    m_env.apiSecret = kSecret;
    QString error;
    QVERIFY2(m_sandbox.open(m_dir.filePath(u"data"_s), {m_env}, {}, &error), qPrintable(error));
    QVERIFY2(stratus::sandbox::Seeder::seed(m_sandbox.store(), m_env, 4, &error), qPrintable(error));
    QVERIFY(m_sandbox.listen(0) != 0);
}

Reply TestSandboxUploadFromUrl::upload(const QString &file, const QString &secret,
                                       const QString &resourceType)
{
    QJsonObject params {{u"file"_s, file}, {u"folder"_s, u"fetched"_s}};
    if (!secret.isEmpty()) {
        params.insert(u"timestamp"_s, QString::number(QDateTime::currentSecsSinceEpoch()));
        const stratus::core::ApiSigner signer(stratus::core::SignatureAlgorithm::Sha1,
                                              stratus::core::SignatureVersion::V2);
        params.insert(u"signature"_s, signer.sign(stratus::core::ApiSigner::paramsToSign(params), secret));
        params.insert(u"api_key"_s, m_env.apiKey);
    }
    QUrlQuery form;
    for (auto it = params.begin(); it != params.end(); ++it)
        form.addQueryItem(it.key(), QString::fromUtf8(QUrl::toPercentEncoding(it.value().toString())));
    QNetworkRequest request(
        QUrl(u"http://127.0.0.1:%1/v1_1/%2/%3/upload"_s.arg(m_sandbox.port()).arg(kCloud, resourceType)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    QNetworkReply *reply = m_net.post(request, form.toString(QUrl::FullyEncoded).toUtf8());
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply out {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
               QJsonDocument::fromJson(reply->readAll()).object(),
               reply->rawHeader("Access-Control-Allow-Origin")};
    reply->deleteLater();
    return out;
}

void TestSandboxUploadFromUrl::fromLoopbackServer_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("file") << u"/pixel.png"_s;
    QTest::newRow("redirected") << u"/redirect.png"_s;
}

void TestSandboxUploadFromUrl::fromLoopbackServer()
{
    QFETCH(QString, path);
    const Reply reply = upload(m_files.url(path));
    QVERIFY2(reply.status == 200, QJsonDocument(reply.json).toJson().constData());
    QCOMPARE(reply.allowOrigin, "*"_ba);
    QCOMPARE(reply.json[u"resource_type"].toString(), u"image"_s);
    QCOMPARE(reply.json[u"format"].toString(), u"png"_s);
    QCOMPARE(reply.json[u"width"].toInt(), 1);
    QCOMPARE(reply.json[u"bytes"].toInteger(), qint64(kPixel.size()));
    QVERIFY(reply.json[u"public_id"].toString().startsWith(u"fetched/"_s));
    const auto *asset
        = m_sandbox.store().find(kCloud, u"image"_s, u"upload"_s, reply.json[u"public_id"].toString());
    QVERIFY(asset);
    QCOMPARE(asset->originalFilename, u"pixel"_s);
    QVERIFY(m_files.paths.contains(u"/pixel.png"_s));
}

void TestSandboxUploadFromUrl::fromOwnDeliveryUrl()
{
    // One of the sandbox's own images, by its delivery URL (answered without the network), and a
    // transformation of it.
    const stratus::sandbox::Asset *source = nullptr;
    for (const auto *asset : m_sandbox.store().assets(kCloud)) {
        if (asset->resourceType == u"image" && asset->type == u"upload" && !asset->format.isEmpty()
            && !asset->publicId.startsWith(u"fetched/"_s)) {
            source = asset;
            break;
        }
    }
    QVERIFY(source);
    const QString base = u"http://127.0.0.1:%1/%2/image/upload/"_s.arg(m_sandbox.port()).arg(kCloud);
    const Reply original = upload(base + source->publicId + u'.' + source->format);
    QVERIFY2(original.status == 200, QJsonDocument(original.json).toJson().constData());
    QCOMPARE(original.json[u"bytes"].toInteger(), source->bytes);
    QCOMPARE(original.json[u"width"].toInt(), source->width);
    QCOMPARE(original.json[u"etag"].toString(), source->etag);

    const Reply derived = upload(base + u"c_scale,w_10/"_s + source->publicId + u".png"_s);
    QVERIFY2(derived.status == 200, QJsonDocument(derived.json).toJson().constData());
    QCOMPARE(derived.json[u"width"].toInt(), 10);
    QCOMPARE(derived.json[u"format"].toString(), u"png"_s);
    // The same under the sandbox's other name.
    const Reply localhost = upload(u"http://localhost:%1/%2/image/upload/%3.%4"_s.arg(m_sandbox.port())
                                       .arg(kCloud, source->publicId, source->format));
    QCOMPARE(localhost.status, 200);
}

void TestSandboxUploadFromUrl::unreachableUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("reason");
    QTest::newRow("404 on a loopback server") << m_files.url(u"/missing.png"_s) << u"404 Not Found"_s;
    QTest::newRow("404 of the sandbox's delivery")
        << u"http://127.0.0.1:%1/%2/image/upload/no-such-asset.jpg"_s.arg(m_sandbox.port()).arg(kCloud)
        << u"404 Not Found"_s;
    QTest::newRow("the sandbox's API")
        << u"http://127.0.0.1:%1/_sandbox/health"_s.arg(m_sandbox.port()) << u"404 Not Found"_s;
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    QTest::newRow("connection refused")
        << u"http://127.0.0.1:%1/a.png"_s.arg(port) << u"Connection refused"_s;
}

void TestSandboxUploadFromUrl::unreachableUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, reason);
    const int assets = int(m_sandbox.store().assets(kCloud).size());
    const Reply reply = upload(url);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.message(), u"Error in loading %1 - %2"_s.arg(url, reason));
    QCOMPARE(reply.allowOrigin, "*"_ba);
    QCOMPARE(int(m_sandbox.store().assets(kCloud).size()), assets);
}

void TestSandboxUploadFromUrl::sizeAndTimeBounds()
{
    m_sandbox.setRemoteFileLimits(1000, 30000);
    Reply reply = upload(m_files.url(u"/big.bin"_s), kSecret, u"raw"_s);
    QCOMPARE(reply.status, 400);
    QVERIFY2(reply.message().startsWith(u"File size too large. Got 5000. Maximum is 1000."_s),
             qPrintable(reply.message()));
    m_sandbox.setRemoteFileLimits(100 * 1024 * 1024, 30000);
    reply = upload(m_files.url(u"/big.bin"_s), kSecret, u"raw"_s);
    QVERIFY2(reply.status == 200, qPrintable(reply.message()));
    QCOMPARE(reply.json[u"bytes"].toInteger(), 5000);
    QVERIFY(reply.json[u"public_id"].toString().endsWith(u".bin"_s));

    m_sandbox.setRemoteFileLimits(100 * 1024 * 1024, 500);
    QElapsedTimer timer;
    timer.start();
    reply = upload(m_files.url(u"/slow.png"_s));
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.message(), u"Error in loading %1 - Timeout"_s.arg(m_files.url(u"/slow.png"_s)));
    QVERIFY(timer.elapsed() < 10000);
    m_sandbox.setRemoteFileLimits(100 * 1024 * 1024, 30000);
}

void TestSandboxUploadFromUrl::refusedBeforeFetching()
{
    // A wrong signature, and an unsigned upload without a preset: refused, and the URL never asked for.
    const Reply forged = upload(m_files.url(u"/never-1.png"_s), u"not-the-secret"_s);
    QCOMPARE(forged.status, 401);
    QVERIFY(forged.message().startsWith(u"Invalid Signature"_s));
    const Reply unsignedUpload = upload(m_files.url(u"/never-2.png"_s), QString());
    QCOMPARE(unsignedUpload.status, 400);
    QCOMPARE(unsignedUpload.message(), u"Upload preset must be specified when using unsigned upload"_s);
    QTest::qWait(100);
    QVERIFY(!m_files.paths.contains(u"/never-1.png"_s));
    QVERIFY(!m_files.paths.contains(u"/never-2.png"_s));
}

QTEST_GUILESS_MAIN(TestSandboxUploadFromUrl)

#include "tst_sandboxuploadfromurl.moc"
