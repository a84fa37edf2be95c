#include "loopbackreceiver.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

// A browser's request for the callback is a request line and a few headers; anything bigger is
// not one, and is not read further.
constexpr qsizetype kMaxRequestBytes = 8 * 1024;
// How long one connection may take to send its request (a browser's pre-connection sends nothing).
constexpr std::chrono::seconds kRequestTimeout {10};
// How long a held callback may wait for its page (the token request's own limit is 30 s).
constexpr std::chrono::seconds kHeldTimeout {60};

const char kSocketBuffer[] = "stratus_request";

QByteArray defaultPage()
{
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Stratus</title></head>"
           "<body><p>You can close this page and go back to Stratus.</p></body></html>"_ba;
}

QByteArray answer(int status, const QByteArray &reason, const QByteArray &contentType, const QByteArray &body)
{
    QByteArray text = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    text += "Content-Type: " + contentType + "\r\n";
    text += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    // The address holds the code: nothing may keep it or pass it on (a link on the page, a cache).
    text += "Cache-Control: no-store\r\n"
            "Referrer-Policy: no-referrer\r\n"
            "X-Content-Type-Options: nosniff\r\n"
            "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; img-src data:\r\n"
            "Connection: close\r\n\r\n";
    text += body;
    return text;
}

// One answer per connection, then it closes; sent at once, not at the next turn of the event loop
// (a CLI that failed may exit right after). The socket deletes itself when the browser closes, or
// at its deadline.
void sendAnswer(QTcpSocket *socket, const QByteArray &text)
{
    if (auto *deadline = socket->findChild<QTimer *>(u"stratus_deadline"_s))
        deadline->start(kRequestTimeout);
    socket->write(text);
    socket->flush();
    socket->disconnectFromHost();
}

QByteArray pageAnswer(const QByteArray &page)
{
    return answer(200, "OK", "text/html; charset=utf-8", page.isEmpty() ? defaultPage() : page);
}

} // namespace

LoopbackReceiver::LoopbackReceiver(QObject *parent)
    : QObject(parent)
    , m_timeout(this)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (m_done)
            return;
        stop();
        Q_EMIT timedOut();
    });
}

LoopbackReceiver::~LoopbackReceiver()
{
    stop();
}

Result<quint16> LoopbackReceiver::listen(quint16 port, std::chrono::milliseconds timeout)
{
    stop();
    m_done = false;
    m_server = new QTcpServer(this);
    m_server->setMaxPendingConnections(4);
    // 127.0.0.1 only (RFC 8252 §7.3, §8.3): never every interface, and not "localhost", which may
    // resolve to another address (or to ::1, where something else may listen).
    if (!m_server->listen(QHostAddress::LocalHost, port)) {
        const QString why = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        return Error::because(Error::Kind::Auth, ErrorReason::SignInPortBusy, QString::number(port), why);
    }
    connect(m_server, &QTcpServer::newConnection, this, &LoopbackReceiver::onNewConnection);
    if (timeout.count() > 0)
        m_timeout.start(timeout);
    return m_server->serverPort();
}

quint16 LoopbackReceiver::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void LoopbackReceiver::stop()
{
    stopListening();
    answerHeld(m_page);
}

void LoopbackReceiver::answerHeld(const QByteArray &html)
{
    QTcpSocket *socket = m_held.data();
    m_held = nullptr;
    if (socket)
        sendAnswer(socket, pageAnswer(html));
}

void LoopbackReceiver::stopListening()
{
    m_timeout.stop();
    if (m_server) {
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
    // Connections still waiting for their request are dropped (answered ones are no children).
    const QList<QTcpSocket *> sockets = findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

void LoopbackReceiver::onNewConnection()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        socket->setParent(this);
        if (m_done) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        // A connection that sends no request in time is dropped; an answered one that the browser
        // does not close is dropped then too.
        auto *timer = new QTimer(socket);
        timer->setObjectName(u"stratus_deadline"_s);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
        timer->start(kRequestTimeout);
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void LoopbackReceiver::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffered = socket->property(kSocketBuffer).toByteArray();
    buffered += socket->read(kMaxRequestBytes + 1 - buffered.size());
    const qsizetype headerEnd = buffered.indexOf("\r\n\r\n");
    if (headerEnd < 0 && buffered.size() <= kMaxRequestBytes) {
        socket->setProperty(kSocketBuffer, buffered);
        return;
    }
    // One answer per connection, then it closes. The answer goes out even if this receiver is
    // deleted at once: the socket is nobody's child from here on, and deletes itself when the
    // browser closes, or at its deadline.
    socket->setProperty(kSocketBuffer, QVariant());
    socket->disconnect(this);
    socket->setParent(nullptr);
    const auto respond = [socket](const QByteArray &text) {
        sendAnswer(socket, text);
    };
    if (headerEnd < 0) {
        respond(answer(431, "Request Header Fields Too Large", "text/plain; charset=utf-8", "Too large.\n"));
        return;
    }
    const QByteArray requestLine = buffered.left(buffered.indexOf("\r\n"));
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !parts.at(2).startsWith("HTTP/1.")) {
        respond(answer(400, "Bad Request", "text/plain; charset=utf-8", "Bad request.\n"));
        return;
    }
    const QByteArray &target = parts.at(1);
    const QByteArray path = target.left(target.indexOf('?'));
    if (parts.at(0) != "GET" || path != "/callback" || m_done || !m_server) {
        respond(answer(404, "Not Found", "text/plain; charset=utf-8", "Not found.\n"));
        return;
    }

    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_server->serverPort());
    url.setPath(u"/callback"_s);
    if (const qsizetype query = target.indexOf('?'); query >= 0)
        url.setQuery(QString::fromLatin1(target.mid(query + 1)), QUrl::StrictMode);
    m_done = true;
    m_timeout.stop();
    m_server->close();
    // Who listens may still choose the page (a refusal, an answer for another sign-in), or hold the
    // answer until it knows how the sign-in ended. A receiver deleted meanwhile has answered.
    m_held = socket;
    m_holdRequested = false;
    const QPointer<LoopbackReceiver> self(this);
    Q_EMIT received(url);
    if (!self)
        return;
    if (m_held && m_holdRequested) {
        if (auto *deadline = socket->findChild<QTimer *>(u"stratus_deadline"_s))
            deadline->start(kHeldTimeout);
        stopListening();
        return;
    }
    stop();
}

} // namespace stratus::core
