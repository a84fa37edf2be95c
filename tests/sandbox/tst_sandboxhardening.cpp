// stratus-sandbox against the bad input and faults of issue 11, from the outside (the real
// executable on 127.0.0.1:0, spoken to over a socket the test controls, so it can send what a
// browser, curl or an attacker sends and QNetworkAccessManager would not):
// - an MP4 whose box claims a 64-bit size ≥ 2^63 is answered and the sandbox keeps serving;
#include "../integration/sandboxprocess.h"

#include "core/signing/apisigner.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>

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

using Headers = QList<std::pair<QByteArray, QByteArray>>;

// One answer read off the socket.
struct HttpAnswer
{
    int status = 0; ///< 0: nothing arrived in time
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    [[nodiscard]] QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    [[nodiscard]] QString errorMessage() const
    {
        return QJsonDocument::fromJson(body).object()[u"error"_s][u"message"_s].toString();
    }
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

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

    int faultLatency()
    {
        const HttpAnswer faults = exchange(request("GET", "/_sandbox/faults/" + kCloud.toUtf8(), m_host, {}));
        return faults.status == 200 ? faults.json()[u"latency_ms"_s].toInt() : -1;
    }

private slots:
    void initTestCase();
    void cleanupTestCase() { m_sandbox.stop(); }

    // Item 6
    void hostileMp4IsAnsweredAndTheSandboxKeepsServing();
};

void tst_SandboxHardening::initTestCase()
{
    QString error;
    QVERIFY2(
        m_sandbox.start(
            {u"--environment"_s,
             u"cloudinary://%1:%2@%3?admin_rate_limit=100000"_s.arg(kApiKey, kApiSecret, kCloud),
             u"--environment"_s,
             u"cloudinary://%1:%2@%3?max_request_bytes=1000000"_s.arg(kSmallKey, kSmallSecret, kSmallCloud),
             u"--account"_s, kAccount},
            2, true, &error),
        qPrintable(error));
    m_port = quint16(m_sandbox.baseUrl().port());
    m_host = "127.0.0.1:" + QByteArray::number(m_port);
}

void tst_SandboxHardening::hostileMp4IsAnsweredAndTheSandboxKeepsServing()
{
    // The file: ftyp, then a `free` box whose 64-bit size is 2^64 - 16.
    const QByteArray hostile("\x00\x00\x00\x10"
                             "ftypisom\x00\x00\x00\x00\x00\x00\x00\x01"
                             "free\xff\xff\xff\xff\xff\xff\xff\xf0",
                             32);
    const QJsonObject params {{u"file"_s, dataUri("video/mp4", hostile)},
                              {u"public_id"_s, u"hostile/l"_s},
                              {u"timestamp"_s, QString::number(QDateTime::currentSecsSinceEpoch())}};
    const HttpAnswer answer = upload(signedForm(params, kApiKey, kApiSecret), m_host);
    QVERIFY2(answer.status != 0, "the upload of the hostile MP4 was never answered");
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json()[u"resource_type"_s].toString(), u"video"_s);

    const HttpAnswer health = exchange(request("GET", "/_sandbox/health", m_host, {}));
    QCOMPARE(health.status, 200);
}

QTEST_MAIN(tst_SandboxHardening)
#include "tst_sandboxhardening.moc"
