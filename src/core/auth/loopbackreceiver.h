#pragma once

#include "core/util/result.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <chrono>

class QTcpServer;
class QTcpSocket;

namespace stratus::core {

/// The loopback redirect of a native OAuth sign-in (RFC 8252 §7.3): listens on 127.0.0.1 only
/// (never every interface), takes the first complete `GET /callback?…` request, answers it with a
/// small HTML page (the one set by setPage()) and closes; anything else is refused and ignored:
/// another path or method 404, a malformed request 400, a request over 8 KB 431, a connection that
/// sends no complete request within 10 s dropped, and after the callback nothing listens any more.
/// Every answer says `Connection: close`, `Cache-Control: no-store` and `Referrer-Policy:
/// no-referrer`. Stops on its own after `timeout`. Nothing of a request is logged (it carries the
/// code and state).
class LoopbackReceiver : public QObject
{
    Q_OBJECT

public:
    explicit LoopbackReceiver(QObject *parent = nullptr);
    ~LoopbackReceiver() override;

    /// Listens on 127.0.0.1:`port` (0: a free one). Kind::Auth reason SignInPortBusy when it cannot.
    Result<quint16> listen(quint16 port, std::chrono::milliseconds timeout);
    [[nodiscard]] quint16 port() const;
    void stop();

Q_SIGNALS:
    /// The callback arrived: its full URL (path and query). Emitted just before the receiver answers
    /// it with the page set by setPage() (a slot may still set the page, or hold the answer with
    /// holdAnswer()) and stops listening.
    void received(const QUrl &url);
    void timedOut();

public:
    /// The HTML the browser sees after the callback (set before it arrives; a plain default page
    /// otherwise). Its own words: what the person should do next.
    void setPage(const QByteArray &html) { m_page = html; }
    /// Called from a received() slot: the browser keeps waiting for its page until answerHeld(), so
    /// that the page can say how the sign-in ended. stop() and the destructor answer a held
    /// callback with the page set; a callback held for 60 s is dropped.
    void holdAnswer() { m_holdRequested = true; }
    /// Answers the held callback with `html` (nothing happens when none is held).
    void answerHeld(const QByteArray &html);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void stopListening();

    QTcpServer *m_server = nullptr;
    QTimer m_timeout;
    QByteArray m_page;
    QPointer<QTcpSocket> m_held; ///< the callback's connection, while its answer waits
    bool m_holdRequested = false;
    bool m_done = false;
};

} // namespace stratus::core
