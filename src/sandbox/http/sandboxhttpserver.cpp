#include "sandboxhttpserver.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace stratus::sandbox {

namespace {

using Responder = QHttpServerResponder;

// Cloudinary's X-Request-Id: a unique id in hex per answer, for logs and support tickets.
QByteArray newRequestId()
{
    quint64 words[2];
    QRandomGenerator::global()->fillRange(words);
    return QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex();
}

void writeResponse(const std::shared_ptr<Responder> &responder, const ApiResponse &response)
{
    QTcpSocket *socket = responder->socket();
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (response.dropConnection) {
        socket->abort();
        return;
    }
    responder->writeStatusLine(Responder::StatusCode(response.status));
    responder->writeHeader("Content-Type", response.contentType);
    responder->writeHeader("X-Request-Id", newRequestId());
    for (const auto &[key, value] : response.headers)
        responder->writeHeader(key, value);
    responder->writeHeader("Content-Length", QByteArray::number(response.body.size()));
    if (response.slowBodyBytesPerTick <= 0 || response.body.size() <= response.slowBodyBytesPerTick) {
        responder->writeBody(response.body);
        return;
    }
    // A body that trickles: a piece every 50 ms.
    auto offset = std::make_shared<qsizetype>(0);
    auto *timer = new QTimer(socket);
    timer->setInterval(50);
    QObject::connect(timer, &QTimer::timeout, socket, [responder, response, offset, timer] {
        const qsizetype piece
            = qMin<qsizetype>(response.slowBodyBytesPerTick, response.body.size() - *offset);
        responder->writeBody(response.body.constData() + *offset, piece);
        *offset += piece;
        if (*offset >= response.body.size())
            timer->deleteLater();
    });
    timer->start();
}

} // namespace

SandboxHttpServer::SandboxHttpServer(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{
}

quint16 SandboxHttpServer::listenOnLoopback(quint16 port)
{
    return listen(QHostAddress::LocalHost, port);
}

bool SandboxHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    ApiRequest api;
    switch (request.method()) {
    case QHttpServerRequest::Method::Get:
        api.method = "GET";
        break;
    case QHttpServerRequest::Method::Post:
        api.method = "POST";
        break;
    case QHttpServerRequest::Method::Put:
        api.method = "PUT";
        break;
    case QHttpServerRequest::Method::Delete:
        api.method = "DELETE";
        break;
    case QHttpServerRequest::Method::Head:
        api.method = "HEAD";
        break;
    case QHttpServerRequest::Method::Options:
        api.method = "OPTIONS";
        break;
    case QHttpServerRequest::Method::Patch:
        api.method = "PATCH";
        break;
    default:
        api.method = "OTHER";
        break;
    }
    const QUrl url = request.url();
    api.path = url.path(QUrl::FullyDecoded);
    // Split the encoded path so that an encoded "/" (%2F) stays inside its segment.
    api.encodedPath = url.path(QUrl::FullyEncoded);
    for (const QString &segment : api.encodedPath.split(u'/', Qt::SkipEmptyParts))
        api.segments.append(QUrl::fromPercentEncoding(segment.toUtf8()));
    api.headers = request.headers();
    api.body = request.body();

    auto responder = std::make_shared<Responder>(makeResponder(request, socket));
    QString error;
    if (!api.parseBody(url.query(QUrl::FullyEncoded).toUtf8(), &error)) {
        writeResponse(responder, ApiResponse::error(400, error));
        return true;
    }

    QFuture<ApiResponse> future = m_handler(api);
    QPointer<QTcpSocket> guard(socket);
    future.then(this, [responder, guard](const ApiResponse &response) {
        if (!guard)
            return;
        if (response.delayMs > 0) {
            QTimer::singleShot(response.delayMs, guard.data(),
                               [responder, response] { writeResponse(responder, response); });
            return;
        }
        writeResponse(responder, response);
    });
    return true;
}

void SandboxHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    auto responder = std::make_shared<Responder>(makeResponder(request, socket));
    writeResponse(responder, ApiResponse::error(404, QStringLiteral("Not found")));
}

} // namespace stratus::sandbox
