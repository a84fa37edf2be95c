// stratus-sandbox against the bad input and faults of issue 11, from the outside (the real
// executable on 127.0.0.1:0, spoken to over a socket the test controls, so it can send what a
// browser, curl or an attacker sends and QNetworkAccessManager would not):
// - an MP4 whose box claims a 64-bit size ≥ 2^63 is answered and the sandbox keeps serving;
// - credentials in the headers and the size of a body are checked from the request head, before the
//   body is read; a connection that carried good requests still refuses a bad one; chunked bodies
//   are counted too;
// - a delivery URL that asks for too much work is refused within a time budget, and not cached;
// - signed uploads from the future (or with timestamps that overflow) are refused;
// - the /_sandbox controls refuse what a web page can forge, and a foreign Host is refused before it
//   can reach a URL in an answer (DNS rebinding).
#include "../integration/sandboxprocess.h"

#include "core/signing/apisigner.h"

#include <QBuffer>
#include <QDeadlineTimer>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>

#include <limits>

#include <unistd.h>

using namespace Qt::StringLiterals;
using stratus::test::SandboxProcess;

namespace {

const QString kCloud = u"hardcloud"_s;
const QString kApiKey = u"864209753186420"_s;
const QString kApiSecret = u"hardening-secret_Q9"_s;
// A second environment whose requests may carry at most 1 MB, for the chunked-body cap.
const QString kSmallCloud = u"smallcap"_s;
const QString kSmallKey = u"112233445566778"_s;
const QString kSmallSecret = u"smallcap-secret"_s;
const QString kAccount = u"account://PROVKEY:prov-secret@hardacct"_s;

constexpr qint64 kHugeBody = 300LL * 1024 * 1024;

using Headers = QList<std::pair<QByteArray, QByteArray>>;

using HttpAnswer = SandboxProcess::RawAnswer;

QString errorMessage(const HttpAnswer &answer)
{
    return QJsonDocument::fromJson(answer.body).object()[u"error"_s][u"message"_s].toString();
}

QJsonObject jsonOf(const HttpAnswer &answer)
{
    return QJsonDocument::fromJson(answer.body).object();
}

// A keep-alive HTTP/1.1 connection driven by hand.
class RawConnection
{
public:
    bool open(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        return m_socket.waitForConnected(5000);
    }

    bool send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        while (m_socket.bytesToWrite() > 0) {
            if (!m_socket.waitForBytesWritten(10000))
                return false;
        }
        return true;
    }

    /// Reads one answer (Content-Length framed), waiting up to `timeoutMs` in all.
    HttpAnswer read(int timeoutMs = 10000)
    {
        QDeadlineTimer deadline(timeoutMs);
        HttpAnswer answer;
        qsizetype end = -1;
        while ((end = m_buffer.indexOf("\r\n\r\n")) < 0) {
            if (!more(deadline))
                return answer;
        }
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        m_buffer.remove(0, end + 4);
        const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
        qint64 length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = lines.at(i).left(colon).trimmed();
            const QByteArray value = lines.at(i).mid(colon + 1).trimmed();
            answer.headers.append({name, value});
            if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                length = value.toLongLong();
        }
        while (m_buffer.size() < length) {
            if (!more(deadline))
                return answer;
        }
        answer.body = m_buffer.left(length);
        m_buffer.remove(0, length);
        answer.status = statusLine.value(1).toInt();
        return answer;
    }

    /// True when the peer closed the connection within `timeoutMs`.
    bool closedByPeer(int timeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (m_socket.state() == QAbstractSocket::ConnectedState) {
            if (!m_socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())))
                && deadline.hasExpired())
                return false;
            m_buffer += m_socket.readAll();
        }
        return true;
    }

private:
    bool more(const QDeadlineTimer &deadline)
    {
        if (m_socket.bytesAvailable() == 0
            && !m_socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            return false;
        m_buffer += m_socket.readAll();
        return true;
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

QByteArray basicAuth(const QString &key, const QString &secret)
{
    return "Basic " + (key + u':' + secret).toUtf8().toBase64();
}

// The body of an urlencoded signed Upload API call for `params` (values percent-encoded, so the
// "+" of base64 stays a plus).
QByteArray signedForm(QJsonObject params, const QString &key, const QString &secret)
{
    const QString signature
        = stratus::core::ApiSigner().sign(stratus::core::ApiSigner::paramsToSign(params), secret);
    params.insert(u"signature"_s, signature);
    params.insert(u"api_key"_s, key);
    QByteArray form;
    for (auto it = params.begin(); it != params.end(); ++it) {
        if (!form.isEmpty())
            form += '&';
        form += QUrl::toPercentEncoding(it.key()) + '=' + QUrl::toPercentEncoding(it.value().toString());
    }
    return form;
}

QString dataUri(const QByteArray &mime, const QByteArray &bytes)
{
    return u"data:"_s + QString::fromLatin1(mime) + u";base64,"_s + QString::fromLatin1(bytes.toBase64());
}

// The parameters of an upload of `file` (a data URI) as `publicId` (none: a random one), signed
// now unless `timestamp` says otherwise.
QJsonObject uploadParams(const QString &file, const QString &publicId = {}, const QString &timestamp = {})
{
    QJsonObject params {
        {u"file"_s, file},
        {u"timestamp"_s,
         timestamp.isNull() ? QString::number(QDateTime::currentSecsSinceEpoch()) : timestamp}};
    if (!publicId.isEmpty())
        params.insert(u"public_id"_s, publicId);
    return params;
}

QByteArray pngBytes(QSize size, const QColor &color)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray request(const QByteArray &method, const QByteArray &target, const QByteArray &host,
                   const Headers &headers, const QByteArray &body = {})
{
    QByteArray out = method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (!body.isEmpty() || method == "POST")
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return out + "\r\n" + body;
}

QByteArray chunked(const QByteArray &body, qsizetype pieceSize)
{
    QByteArray out;
    for (qsizetype at = 0; at < body.size(); at += pieceSize) {
        const QByteArray piece = body.mid(at, pieceSize);
        out += QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n";
    }
    return out + "0\r\n\r\n";
}

// CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat.
double cpuSeconds(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // The fields after the command name, which is in parentheses and may contain spaces.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    const double ticks = double(::sysconf(_SC_CLK_TCK));
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) / ticks;
}

} // namespace

class tst_SandboxHardening : public QObject
{
    Q_OBJECT

private:
    SandboxProcess m_sandbox;
    quint16 m_port = 0;
    QByteArray m_host;

    HttpAnswer exchange(const QByteArray &bytes, int timeoutMs = 10000)
    {
        RawConnection connection;
        if (!connection.open(m_port) || !connection.send(bytes))
            return {};
        return connection.read(timeoutMs);
    }

    HttpAnswer upload(const QByteArray &form, const QByteArray &host)
    {
        return exchange(request("POST", "/v1_1/" + kCloud.toUtf8() + "/auto/upload", host,
                                {{"Content-Type", "application/x-www-form-urlencoded"}}, form));
    }

    // A small signed image upload, sent with `host` in the Host header.
    HttpAnswer uploadImageAs(const QByteArray &host, const QString &publicId)
    {
        return upload(signedForm(uploadParams(dataUri("image/png", pngBytes({4, 4}, Qt::red)), publicId),
                                 kApiKey, kApiSecret),
                      host);
    }

    int faultLatency()
    {
        const HttpAnswer faults = exchange(request("GET", "/_sandbox/faults/" + kCloud.toUtf8(), m_host, {}));
        return faults.status == 200 ? jsonOf(faults)[u"latency_ms"_s].toInt() : -1;
    }

private slots:
    void initTestCase();
    void cleanupTestCase() { m_sandbox.stop(); }

    // Item 6
    void hostileMp4IsAnsweredAndTheSandboxKeepsServing();
    // Item 13
    void refusedFromTheHeadBeforeTheBody_data();
    void refusedFromTheHeadBeforeTheBody();
    void keepAliveConnectionStillChecksEachRequest();
    void chunkedBodyOverTheCapIsRefused();
    void waitingClientIsToldToContinue();
    void heavyTransformationIsRefusedWithinItsBudget();
    // Item 14
    void signedUploadTimestamps_data();
    void signedUploadTimestamps();
    void emptyFileIsRefused();
    // Item 15
    void controlsRefuseWhatAWebPageCanForge_data();
    void controlsRefuseWhatAWebPageCanForge();
    void foreignHostIsRefused_data();
    void foreignHostIsRefused();
    void knownHostsAreServedUnderTheirOwnName_data();
    void knownHostsAreServedUnderTheirOwnName();

    void recordedRequestsKeepParametersButNoSecret();
};

void tst_SandboxHardening::initTestCase()
{
    QString error;
    QVERIFY2(
        m_sandbox.start(
            {u"--environment"_s,
             u"cloudinary://%1:%2@%3?admin_rate_limit=100000&cname=media.sandbox.test:4242"_s.arg(
                 kApiKey, kApiSecret, kCloud),
             u"--environment"_s,
             u"cloudinary://%1:%2@%3?max_request_bytes=1000000"_s.arg(kSmallKey, kSmallSecret, kSmallCloud),
             u"--account"_s, kAccount, u"--record-requests"_s, u"20"_s},
            2, true, &error),
        qPrintable(error));
    m_port = quint16(m_sandbox.baseUrl().port());
    m_host = "127.0.0.1:" + QByteArray::number(m_port);
}

void tst_SandboxHardening::hostileMp4IsAnsweredAndTheSandboxKeepsServing()
{
    // The issue's file: ftyp, then a `free` box whose 64-bit size is 2^64 - 16.
    const QByteArray hostile("\x00\x00\x00\x10"
                             "ftypisom\x00\x00\x00\x00\x00\x00\x00\x01"
                             "free\xff\xff\xff\xff\xff\xff\xff\xf0",
                             32);
    const HttpAnswer answer = upload(
        signedForm(uploadParams(dataUri("video/mp4", hostile), u"hostile/l"_s), kApiKey, kApiSecret), m_host);
    QVERIFY2(answer.status != 0, "the upload of the hostile MP4 was never answered");
    QCOMPARE(answer.status, 200);
    QCOMPARE(jsonOf(answer)[u"resource_type"_s].toString(), u"video"_s);

    const HttpAnswer health = exchange(request("GET", "/_sandbox/health", m_host, {}));
    QCOMPARE(health.status, 200);
}

void tst_SandboxHardening::refusedFromTheHeadBeforeTheBody_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("status");

    const QByteArray cloud = kCloud.toUtf8();
    const QByteArray length = "Content-Length: " + QByteArray::number(kHugeBody) + "\r\n";
    auto head
        = [&](const QByteArray &method, const QByteArray &target, const QByteArray &extra) -> QByteArray {
        return method + ' ' + target + " HTTP/1.1\r\nHost: " + m_host + "\r\n" + extra + length + "\r\n";
    };
    const QByteArray json = "Content-Type: application/json\r\n";
    QTest::newRow("Admin API without credentials")
        << head("POST", "/v1_1/" + cloud + "/resources/image/upload/x", json) << 401;
    QTest::newRow("Admin API with a wrong secret")
        << head("POST", "/v1_1/" + cloud + "/resources/image/upload/x",
                json + "Authorization: " + basicAuth(kApiKey, u"wrong"_s) + "\r\n")
        << 401;
    QTest::newRow("Admin API with another environment's key")
        << head("DELETE", "/v1_1/" + cloud + "/resources/image/upload",
                json + "Authorization: " + basicAuth(kSmallKey, kSmallSecret) + "\r\n")
        << 401;
    QTest::newRow("Search API without credentials")
        << head("POST", "/v1_1/" + cloud + "/resources/search", json) << 401;
    QTest::newRow("an environment that does not exist")
        << head("POST", "/v1_1/nosuchcloud/resources/search", json) << 401;
    QTest::newRow("Provisioning API with a wrong secret")
        << head("POST", "/v1_1/provisioning/accounts/hardacct/sub_accounts",
                json + "Authorization: " + basicAuth(u"PROVKEY"_s, u"nope"_s) + "\r\n")
        << 401;
    QTest::newRow("an upload larger than any upload may be") << head(
        "POST", "/v1_1/" + cloud + "/image/upload", "Content-Type: multipart/form-data; boundary=x\r\n")
                                                             << 413;
    QTest::newRow("a body sent to a delivery URL")
        << head("GET", "/" + cloud + "/image/upload/sample.jpg", {}) << 413;
}

void tst_SandboxHardening::refusedFromTheHeadBeforeTheBody()
{
    QFETCH(QByteArray, head);
    QFETCH(int, status);

    // Only the head is sent: the answer must come without the 300 MB the head announces.
    RawConnection connection;
    QVERIFY(connection.open(m_port));
    QVERIFY(connection.send(head));
    const HttpAnswer answer = connection.read(10000);
    QVERIFY2(answer.status != 0, "no answer before the body: the sandbox is waiting for 300 MB");
    QCOMPARE(answer.status, status);
    QVERIFY2(!errorMessage(answer).isEmpty(), answer.body.constData());
    QVERIFY(connection.closedByPeer(10000));
}

void tst_SandboxHardening::keepAliveConnectionStillChecksEachRequest()
{
    RawConnection connection;
    QVERIFY(connection.open(m_port));
    const QByteArray cloud = kCloud.toUtf8();
    auto form = [](const QString &publicId) {
        return signedForm(uploadParams(dataUri("image/png", pngBytes({8, 6}, Qt::green)), publicId), kApiKey,
                          kApiSecret);
    };

    // 1. A signed upload with a Content-Length body.
    QVERIFY(connection.send(request("POST", "/v1_1/" + cloud + "/image/upload", m_host,
                                    {{"Content-Type", "application/x-www-form-urlencoded"}},
                                    form(u"keepalive/a"_s))));
    HttpAnswer answer = connection.read();
    QCOMPARE(answer.status, 200);
    QCOMPARE(jsonOf(answer)[u"public_id"_s].toString(), u"keepalive/a"_s);

    // 2. A signed upload with a chunked body, on the same connection.
    const QByteArray body = form(u"keepalive/b"_s);
    QVERIFY(connection.send("POST /v1_1/" + cloud + "/image/upload HTTP/1.1\r\nHost: " + m_host
                            + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                              "Transfer-Encoding: chunked\r\n\r\n"
                            + chunked(body, 100)));
    answer = connection.read();
    QCOMPARE(answer.status, 200);
    QCOMPARE(jsonOf(answer)[u"public_id"_s].toString(), u"keepalive/b"_s);

    // 3. An Admin API call with good credentials.
    QVERIFY(connection.send(request("GET", "/v1_1/" + cloud + "/ping", m_host,
                                    {{"Authorization", basicAuth(kApiKey, kApiSecret)}})));
    answer = connection.read();
    QCOMPARE(answer.status, 200);

    // 4. Then one without credentials that announces a huge body: refused at once all the same.
    QVERIFY(connection.send("POST /v1_1/" + cloud + "/resources/image/upload/x HTTP/1.1\r\nHost: " + m_host
                            + "\r\nContent-Type: application/json\r\nContent-Length: "
                            + QByteArray::number(kHugeBody) + "\r\n\r\n"));
    answer = connection.read();
    QVERIFY2(answer.status != 0, "the fourth request on the connection was not answered before its body");
    QCOMPARE(answer.status, 401);
}

void tst_SandboxHardening::chunkedBodyOverTheCapIsRefused()
{
    // A chunked body announces no size: the sandbox counts it as it comes. This environment
    // allows 1 MB per request; 1.5 MB are sent.
    const QByteArray cloud = kSmallCloud.toUtf8();
    RawConnection connection;
    QVERIFY(connection.open(m_port));
    QVERIFY(connection.send("POST /v1_1/" + cloud + "/raw/upload HTTP/1.1\r\nHost: " + m_host
                            + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                              "Transfer-Encoding: chunked\r\n\r\n"));
    const QByteArray payload = "file=" + QByteArray(1'500'000, 'a');
    // The sandbox may answer and close before everything is sent: a failed write is fine.
    connection.send(chunked(payload, 64 * 1024));
    const HttpAnswer answer = connection.read();
    QCOMPARE(answer.status, 413);
    QVERIFY2(errorMessage(answer).contains(u"1000000"_s), answer.body.constData());

    // The environment still takes a request within its cap.
    const QJsonObject params = uploadParams(dataUri("image/png", pngBytes({4, 4}, Qt::blue)));
    const HttpAnswer small = exchange(request("POST", "/v1_1/" + cloud + "/image/upload", m_host,
                                              {{"Content-Type", "application/x-www-form-urlencoded"}},
                                              signedForm(params, kSmallKey, kSmallSecret)));
    QCOMPARE(small.status, 200);
}

void tst_SandboxHardening::waitingClientIsToldToContinue()
{
    // curl and others ask before a large body and wait a second for "100 Continue" when the server
    // says nothing (Qt HttpServer 6.4 says nothing): the gate says it once the head is accepted.
    const QByteArray body
        = signedForm(uploadParams(dataUri("image/png", pngBytes({8, 6}, Qt::green)), u"continue/a"_s),
                     kApiKey, kApiSecret);
    RawConnection connection;
    QVERIFY(connection.open(m_port));
    QVERIFY(
        connection.send("POST /v1_1/" + kCloud.toUtf8() + "/image/upload HTTP/1.1\r\nHost: " + m_host
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nExpect: 100-continue\r\n"
                          "Content-Length: "
                        + QByteArray::number(body.size()) + "\r\n\r\n"));
    QCOMPARE(connection.read(5000).status, 100);
    QVERIFY(connection.send(body));
    const HttpAnswer answer = connection.read();
    QCOMPARE(answer.status, 200);
    QCOMPARE(jsonOf(answer)[u"public_id"_s].toString(), u"continue/a"_s);
}

void tst_SandboxHardening::heavyTransformationIsRefusedWithinItsBudget()
{
    const QJsonObject params
        = uploadParams(dataUri("image/png", pngBytes({64, 48}, QColor(200, 120, 40))), u"heavy/source"_s);
    QCOMPARE(upload(signedForm(params, kApiKey, kApiSecret), m_host).status, 200);

    // The issue's URL: the largest output there may be, then ten of the costliest effect.
    QByteArray path = "/" + kCloud.toUtf8() + "/image/upload/w_5000,h_5000,c_scale";
    for (int i = 0; i < 10; ++i)
        path += "/e_sharpen:2000";
    path += "/heavy/source.png";

    // Asked again, the refusal comes from memory (as from Cloudinary's CDN): it costs nothing.
    const double budgets[] = {8, 1};
    for (int attempt = 0; attempt < 2; ++attempt) {
        const double cpuBefore = cpuSeconds(m_sandbox.processId());
        const HttpAnswer answer = exchange(request("GET", path, m_host, {}), 120000);
        const double spent = cpuSeconds(m_sandbox.processId()) - cpuBefore;
        qInfo("attempt %d: HTTP %d after %.1f s of the sandbox's CPU", attempt + 1, answer.status, spent);
        QVERIFY2(answer.status != 0, "no answer within two minutes");
        // Refused as Cloudinary refuses a transformation it will not do, and never a cached success.
        QCOMPARE(answer.status, 400);
        QVERIFY2(answer.header("X-Cld-Error").contains("too long"), answer.header("X-Cld-Error").constData());
        QVERIFY(answer.header("X-Sandbox-Cache") != "hit");
        QVERIFY2(spent < budgets[attempt], qPrintable(u"the URL cost %1 s of CPU"_s.arg(spent)));
    }
}

void tst_SandboxHardening::signedUploadTimestamps_data()
{
    QTest::addColumn<QString>("timestamp");
    QTest::addColumn<int>("status");

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QTest::newRow("now") << QString::number(now) << 200;
    QTest::newRow("59 minutes ago") << QString::number(now - 59 * 60) << 200;
    QTest::newRow("a minute ahead (clock skew)") << QString::number(now + 60) << 200;
    QTest::newRow("61 minutes ago") << QString::number(now - 61 * 60) << 400;
    QTest::newRow("20 minutes ahead") << QString::number(now + 20 * 60) << 400;
    QTest::newRow("a year ahead") << QString::number(now + 365 * 86400) << 400;
    QTest::newRow("INT64_MAX") << QString::number(std::numeric_limits<qint64>::max()) << 400;
    QTest::newRow("INT64_MIN") << QString::number(std::numeric_limits<qint64>::min()) << 400;
    QTest::newRow("past INT64_MAX") << u"9223372036854775808"_s << 400;
    QTest::newRow("not a number") << u"soon"_s << 400;
}

void tst_SandboxHardening::signedUploadTimestamps()
{
    QFETCH(QString, timestamp);
    QFETCH(int, status);

    const QJsonObject params
        = uploadParams(dataUri("image/png", pngBytes({4, 4}, Qt::red)), u"timestamps/one"_s, timestamp);
    const HttpAnswer answer = upload(signedForm(params, kApiKey, kApiSecret), m_host);
    QVERIFY2(answer.status == status,
             qPrintable(u"HTTP %1: %2"_s.arg(answer.status).arg(errorMessage(answer))));
}

// Cloudinary answers an upload without content with 400 "Empty file"; so does the sandbox (an empty
// asset was made before, which hid the client's own loss of a file's content).
void tst_SandboxHardening::emptyFileIsRefused()
{
    const QJsonObject params = uploadParams(dataUri("image/png", QByteArray()), u"empty/one"_s);
    const HttpAnswer answer = upload(signedForm(params, kApiKey, kApiSecret), m_host);
    QCOMPARE(answer.status, 400);
    QCOMPARE(errorMessage(answer), u"Empty file"_s);
}

void tst_SandboxHardening::controlsRefuseWhatAWebPageCanForge_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");

    const QByteArray faults = "/_sandbox/faults/" + kCloud.toUtf8();
    const QByteArray json = R"({"latency_ms": 700})";
    const QByteArray self = "http://" + m_host;
    // What an HTML form or a no-cors fetch() may send without asking the server first.
    QTest::newRow("form fields") << faults << Headers {{"Content-Type", "application/x-www-form-urlencoded"}}
                                 << QByteArray("latency_ms=700") << 403;
    QTest::newRow("text/plain") << faults << Headers {{"Content-Type", "text/plain"}} << json << 403;
    QTest::newRow("multipart") << faults << Headers {{"Content-Type", "multipart/form-data; boundary=b"}}
                               << QByteArray(
                                      "--b\r\nContent-Disposition: form-data; name=\"latency_ms\"\r\n\r\n"
                                      "700\r\n--b--\r\n")
                               << 403;
    QTest::newRow("query only, no body") << faults + "?latency_ms=700" << Headers {} << QByteArray() << 403;
    QTest::newRow("rate_limit form fields")
        << "/_sandbox/rate_limit/" + kCloud.toUtf8()
        << Headers {{"Content-Type", "application/x-www-form-urlencoded"}} << QByteArray("limit=1") << 403;
    // JSON from a page of another origin (after a CORS preflight it would never get).
    QTest::newRow("JSON from another origin")
        << faults << Headers {{"Content-Type", "application/json"}, {"Origin", "http://evil.example"}} << json
        << 403;
    QTest::newRow("JSON from an opaque origin")
        << faults << Headers {{"Content-Type", "application/json"}, {"Origin", "null"}} << json << 403;
    QTest::newRow("JSON, cross-site fetch")
        << faults << Headers {{"Content-Type", "application/json"}, {"Sec-Fetch-Site", "cross-site"}} << json
        << 403;
    QTest::newRow("JSON from another port of localhost") << faults
                                                         << Headers {{"Content-Type", "application/json"},
                                                                     {"Origin", "http://localhost:3000"},
                                                                     {"Sec-Fetch-Site", "same-site"}}
                                                         << json << 403;
    // What tests, scripts and curl send.
    QTest::newRow("JSON") << faults << Headers {{"Content-Type", "application/json"}} << json << 200;
    QTest::newRow("JSON with a charset")
        << faults << Headers {{"Content-Type", "application/json; charset=utf-8"}} << json << 200;
    QTest::newRow("JSON from the sandbox's own origin")
        << faults
        << Headers {{"Content-Type", "application/json"}, {"Origin", self}, {"Sec-Fetch-Site", "same-origin"}}
        << json << 200;
}

void tst_SandboxHardening::controlsRefuseWhatAWebPageCanForge()
{
    QFETCH(QByteArray, target);
    QFETCH(Headers, headers);
    QFETCH(QByteArray, body);
    QFETCH(int, status);

    QCOMPARE(faultLatency(), 0);
    const HttpAnswer answer = exchange(request("POST", target, m_host, headers, body));
    QCOMPARE(answer.status, status);
    if (status == 200) {
        QCOMPARE(faultLatency(), 700);
        const HttpAnswer reset
            = exchange(request("POST", "/_sandbox/faults/" + kCloud.toUtf8(), m_host,
                               {{"Content-Type", "application/json"}}, R"({"latency_ms": 0})"));
        QCOMPARE(reset.status, 200);
    } else {
        QVERIFY2(!errorMessage(answer).isEmpty(), answer.body.constData());
        QCOMPARE(faultLatency(), 0);
        const HttpAnswer limit
            = exchange(request("GET", "/_sandbox/rate_limit/" + kCloud.toUtf8(), m_host, {}));
        QCOMPARE(jsonOf(limit)[u"limit"_s].toInt(), 100000);
    }
}

void tst_SandboxHardening::foreignHostIsRefused_data()
{
    QTest::addColumn<QByteArray>("host");

    const QByteArray port = QByteArray::number(m_port);
    QTest::newRow("a rebound DNS name") << "evil.example:" + port;
    QTest::newRow("a rebound DNS name without a port") << QByteArray("evil.example");
    QTest::newRow("the loopback address on another port") << QByteArray("127.0.0.1:1");
    QTest::newRow("a lookalike") << "localhost.evil.example:" + port;
    QTest::newRow("the cname on another port") << QByteArray("media.sandbox.test:4243");
    QTest::newRow("userinfo") << "127.0.0.1:" + port + "@evil.example";
}

void tst_SandboxHardening::foreignHostIsRefused()
{
    QFETCH(QByteArray, host);

    const HttpAnswer uploaded = uploadImageAs(host, u"rebinding/one"_s);
    QCOMPARE(uploaded.status, 421);
    QVERIFY2(!uploaded.body.contains("evil"), uploaded.body.constData());
    QVERIFY(!errorMessage(uploaded).isEmpty());

    const HttpAnswer control
        = exchange(request("POST", "/_sandbox/faults/" + kCloud.toUtf8(), host,
                           {{"Content-Type", "application/json"}}, R"({"latency_ms": 700})"));
    QCOMPARE(control.status, 421);
    QCOMPARE(faultLatency(), 0);
}

void tst_SandboxHardening::knownHostsAreServedUnderTheirOwnName_data()
{
    QTest::addColumn<QByteArray>("host");

    const QByteArray port = QByteArray::number(m_port);
    QTest::newRow("127.0.0.1") << "127.0.0.1:" + port;
    QTest::newRow("localhost") << "localhost:" + port;
    QTest::newRow("LOCALHOST") << "LOCALHOST:" + port;
    // Clients given the environment's cname (an /etc/hosts alias, a proxy) send that name.
    QTest::newRow("the environment's cname") << QByteArray("media.sandbox.test:4242");
}

void tst_SandboxHardening::knownHostsAreServedUnderTheirOwnName()
{
    QFETCH(QByteArray, host);

    const HttpAnswer uploaded = uploadImageAs(host, u"hosts/one"_s);
    QCOMPARE(uploaded.status, 200);
    const QString secureUrl = jsonOf(uploaded)[u"secure_url"_s].toString();
    QVERIFY2(secureUrl.startsWith(u"http://"_s + QString::fromLatin1(host) + u'/'), qPrintable(secureUrl));
}

void tst_SandboxHardening::recordedRequestsKeepParametersButNoSecret()
{
    // What tests of web pages read (issue 15): the parameters a client sent, never the secret an
    // Authorization header carries.
    (void)m_sandbox.recordedRequests(true);
    const QByteArray path = "/v1_1/" + kCloud.toLatin1() + "/resources/image?max_results=1";
    const HttpAnswer listing
        = exchange(request("GET", path, m_host, {{"Authorization", basicAuth(kApiKey, kApiSecret)}}));
    QCOMPARE(listing.status, 200);
    const HttpAnswer uploaded = upload(
        signedForm(uploadParams(dataUri("text/plain", "recorded"), u"recorded/one"_s), kApiKey, kApiSecret),
        m_host);
    QCOMPARE(uploaded.status, 200);

    const QJsonArray records = m_sandbox.recordedRequests();
    QCOMPARE(records.size(), 2);
    const QJsonObject get = records.at(0).toObject();
    QCOMPARE(get[u"method"_s].toString(), u"GET"_s);
    QCOMPARE(get[u"authorization"_s].toString(), u"Basic"_s);
    QVERIFY(get[u"params"_s].toArray().contains(QJsonArray {u"max_results"_s, u"1"_s}));
    const QJsonObject post = records.at(1).toObject();
    bool hasPublicId = false;
    bool hasSignature = false;
    for (const QJsonValue &pair : post[u"params"_s].toArray()) {
        hasPublicId = hasPublicId || pair.toArray() == QJsonArray {u"public_id"_s, u"recorded/one"_s};
        hasSignature = hasSignature || pair.toArray().at(0).toString() == u"signature"_s;
    }
    QVERIFY(hasPublicId);
    QVERIFY(hasSignature);
    const QByteArray all = QJsonDocument(records).toJson();
    QVERIFY(!all.contains(kApiSecret.toUtf8()));
    QVERIFY(!all.contains(basicAuth(kApiKey, kApiSecret).mid(6)));

    QVERIFY(m_sandbox.recordedRequests(true).size() == 2);
    QCOMPARE(m_sandbox.recordedRequests().size(), 0);
}

QTEST_MAIN(tst_SandboxHardening)
#include "tst_sandboxhardening.moc"
