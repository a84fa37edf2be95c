#include "requestgate.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

using namespace std::chrono_literals;

namespace stratus::sandbox {

Q_LOGGING_CATEGORY(lcGate, "stratus.sandbox.http")

namespace {

// After a refusal: how long to keep reading and dropping what the client still sends, in all and
// without anything arriving.
constexpr auto kDrainAtMost = 10s;
constexpr auto kDrainIdle = 2s;
constexpr qint64 kDrainBufferBytes = 64 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 413:
        return "Content Too Large";
    case 421:
        return "Misdirected Request";
    case 431:
        return "Request Header Fields Too Large";
    default:
        return "Error";
    }
}

// The gate of one connection; a child of its socket.
class ConnectionGate : public QObject
{
public:
    ConnectionGate(QTcpSocket *socket, QObject *httpServer, RequestStream::HeadCheck check)
        : QObject(socket)
        , m_socket(socket)
        , m_httpServer(httpServer)
        , m_stream(std::move(check))
    {
        m_idle.setSingleShot(true);
        m_idle.setInterval(kDrainIdle);
        connect(&m_idle, &QTimer::timeout, this, &ConnectionGate::close);
    }

    // Runs before the HTTP server reads: follows what arrived since the server last read.
    void beforeServer()
    {
        if (m_draining) {
            drain();
            return;
        }
        const qint64 available = m_socket->bytesAvailable();
        qint64 fresh = available - m_unreadByServer;
        // The rest of a Content-Length body needs counting, not looking at.
        const qint64 opaque = qMin(fresh, m_stream.opaqueBytesAhead());
        m_stream.skip(opaque);
        fresh -= opaque;
        if (fresh <= 0)
            return;
        const QByteArray unread = m_socket->peek(available);
        if (auto refusal = m_stream.follow(QByteArrayView(unread).last(fresh)))
            refuse(*refusal);
        else if (m_stream.takeContinue())
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }

    // Runs after the HTTP server read: what it left is not news next time.
    void afterServer()
    {
        if (!m_draining)
            m_unreadByServer = m_socket->bytesAvailable();
    }

private:
    void refuse(const ApiResponse &response)
    {
        m_draining = true;
        QObject::disconnect(m_socket, &QTcpSocket::readyRead, m_httpServer, nullptr);
        // What the server's parser kept of this request (it reads inside a transaction) goes.
        if (m_socket->isTransactionStarted())
            m_socket->commitTransaction();
        m_socket->setReadBufferSize(kDrainBufferBytes);
        m_socket->write(closingResponseBytes(response));
        QTimer::singleShot(kDrainAtMost, this, &ConnectionGate::close);
        drain();
    }

    void drain()
    {
        m_socket->skip(m_socket->bytesAvailable());
        m_idle.start();
    }

    void close()
    {
        m_idle.stop();
        m_socket->disconnectFromHost();
    }

    QTcpSocket *m_socket;
    QPointer<QObject> m_httpServer;
    RequestStream m_stream;
    qint64 m_unreadByServer = 0;
    bool m_draining = false;
    QTimer m_idle;
};

} // namespace

QByteArray newRequestId()
{
    quint64 words[2];
    QRandomGenerator::global()->fillRange(words);
    return QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex();
}

QByteArray closingResponseBytes(const ApiResponse &response)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status)
        + "\r\nContent-Type: " + response.contentType + "\r\nX-Request-Id: " + newRequestId() + "\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\nConnection: close\r\n\r\n";
    return out + response.body;
}

RequestGate::RequestGate(QObject *httpServer, RequestStream::HeadCheck check, QObject *parent)
    : QTcpServer(parent)
    , m_httpServer(httpServer)
    , m_check(std::move(check))
{
}

void RequestGate::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    auto *gate = new ConnectionGate(socket, m_httpServer, m_check);
    connect(socket, &QTcpSocket::readyRead, gate, &ConnectionGate::beforeServer);
    // QAbstractHttpServer takes the socket right here (pendingConnectionAvailable), connecting its
    // reader after the one above; the next one runs after it.
    addPendingConnection(socket);
    if (hasPendingConnections()) {
        // Not taken synchronously: the gate could not tell what the server read. Fail closed.
        qCCritical(lcGate, "the HTTP server did not take a connection at once; closing it");
        socket->abort();
        return;
    }
    connect(socket, &QTcpSocket::readyRead, gate, &ConnectionGate::afterServer);
}

} // namespace stratus::sandbox
