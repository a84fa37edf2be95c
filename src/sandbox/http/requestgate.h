#pragma once

#include "requeststream.h"

#include <QTcpServer>

namespace stratus::sandbox {

/// The listening socket of SandboxHttpServer, and a gate on each connection it accepts: every
/// request is judged from its head before QAbstractHttpServer reads the body — Qt HttpServer 6.4
/// buffers a whole body in memory before it hands the request over, so a credential check or a
/// size limit there comes after the memory is spent.
///
/// How: each accepted socket gets a reader that Qt calls before the HTTP server's own (slots run in
/// the order they were connected), and one after it, which notes what the server left unread; the
/// difference is what arrived since, which a RequestStream follows to find each head and the end
/// of each body. A refused request is answered here (with `Connection: close`) and the server
/// never sees the socket again; what the client still sends is read and dropped for a few seconds,
/// so that it gets to read the answer instead of a reset. An accepted request that waits for
/// `Expect: 100-continue` is told to go on. Lives on the HTTP server's thread.
class RequestGate : public QTcpServer
{
    Q_OBJECT

public:
    /// `httpServer` is the QAbstractHttpServer this will be bound to (its reader is the one a
    /// refusal disconnects); `check` judges each head.
    RequestGate(QObject *httpServer, RequestStream::HeadCheck check, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    QObject *m_httpServer;
    RequestStream::HeadCheck m_check;
};

/// `response` as bytes on the wire, ending the connection (`Connection: close`).
[[nodiscard]] QByteArray closingResponseBytes(const ApiResponse &response);

/// Cloudinary's X-Request-Id: a unique id in hex per answer, for logs and support tickets.
[[nodiscard]] QByteArray newRequestId();

} // namespace stratus::sandbox
