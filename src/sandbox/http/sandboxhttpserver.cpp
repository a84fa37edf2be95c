#include "sandboxhttpserver.h"

#include "requestgate.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace stratus::sandbox {

namespace {

using Responder = QHttpServerResponder;

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

SandboxHttpServer::SandboxHttpServer(Handler handler, RequestStream::HeadCheck checkHead, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
    , m_checkHead(std::move(checkHead))
{
}

quint16 SandboxHttpServer::listenOnLoopback(quint16 port)
{
    auto *gate = new RequestGate(this, m_checkHead, this);
    if (!gate->listen(QHostAddress::LocalHost, port)) {
        delete gate;
        return 0;
    }
    bind(gate);
    return gate->serverPort();
}

bool SandboxHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QByteArray method;
    switch (request.method()) {
    case QHttpServerRequest::Method::Get:
        method = "GET";
        break;
    case QHttpServerRequest::Method::Post:
        method = "POST";
        break;
    case QHttpServerRequest::Method::Put:
        method = "PUT";
        break;
    case QHttpServerRequest::Method::Delete:
        method = "DELETE";
        break;
    case QHttpServerRequest::Method::Head:
        method = "HEAD";
        break;
    case QHttpServerRequest::Method::Options:
        method = "OPTIONS";
        break;
    case QHttpServerRequest::Method::Patch:
        method = "PATCH";
        break;
    default:
        method = "OTHER";
        break;
    }
    const QUrl url = request.url();
    ApiRequest api = ApiRequest::fromHead(method, url, request.headers());
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
