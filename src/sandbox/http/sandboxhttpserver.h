#pragma once

#include "apirequest.h"
#include "apiresponse.h"
#include "requeststream.h"

#include <QAbstractHttpServer>
#include <QFuture>

#include <functional>

namespace stratus::sandbox {

/// The sandbox's HTTP transport (qBittorrent-style: transport here, API logic in a handler).
/// Turns each QHttpServerRequest into an ApiRequest, hands it to the handler, and writes the
/// ApiResponse when its future completes — applying the transport faults the response asks for.
/// Every answer carries a unique `X-Request-Id`, as Cloudinary's do. Listens on 127.0.0.1 only,
/// through a RequestGate: `checkHead` judges each request from its head, before the body is read
/// (credentials, size). Lives on the thread that created it; both functions are called there.
class SandboxHttpServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    using Handler = std::function<QFuture<ApiResponse>(ApiRequest &request)>;

    SandboxHttpServer(Handler handler, RequestStream::HeadCheck checkHead, QObject *parent = nullptr);

    /// Binds 127.0.0.1:port (0 picks a free port). Returns the port, or 0 on failure.
    quint16 listenOnLoopback(quint16 port);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Handler m_handler;
    RequestStream::HeadCheck m_checkHead;
};

} // namespace stratus::sandbox
