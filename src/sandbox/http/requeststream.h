#pragma once

#include "apirequest.h"
#include "apiresponse.h"

#include <QByteArray>
#include <QByteArrayView>

#include <functional>
#include <optional>
#include <utility>

namespace stratus::sandbox {

/// What the server decides from a request's head alone: refuse it with an answer, or let it
/// through with a bound on its body.
struct HeadVerdict
{
    std::optional<ApiResponse> refusal;
    qint64 maxBodyBytes = 0;
};

/// Follows the requests of one HTTP/1.1 connection through its bytes, to judge each one from its
/// head before its body is read: finds where each head ends (bounded in size and fields), hands the
/// request to a check, and counts the body that follows (Content-Length, or chunked) against the
/// bound the check set. It only watches: the server parses the same bytes itself. So that both
/// always agree on where a request ends, anything they might read differently (both
/// Content-Length and Transfer-Encoding, a duplicated length, folded header lines, chunk trailers,
/// a malformed chunk size) is refused instead of guessed at. A plain value; one per connection.
class RequestStream
{
public:
    using HeadCheck = std::function<HeadVerdict(const ApiRequest &head)>;

    static constexpr qsizetype kMaxHeadBytes = 64 * 1024;
    static constexpr int kMaxHeaderFields = 100;

    explicit RequestStream(HeadCheck check);

    /// Follows the next bytes of the connection. Returns the answer that refuses the current
    /// request as soon as they show it must be refused; from then on nothing more is followed.
    [[nodiscard]] std::optional<ApiResponse> follow(QByteArrayView bytes);

    /// Body bytes ahead that need not be looked at (the rest of a Content-Length body): a caller
    /// may skip() them instead of passing them to follow().
    [[nodiscard]] qint64 opaqueBytesAhead() const { return m_state == State::Body ? m_left : 0; }
    void skip(qint64 count);

    [[nodiscard]] bool refused() const { return m_state == State::Refused; }

    /// True once after an accepted head that asked for `Expect: 100-continue` before its body:
    /// the caller answers "100 Continue" (Qt HttpServer 6.4 does not, and clients then wait).
    [[nodiscard]] bool takeContinue() { return std::exchange(m_continue, false); }

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, LastChunkEnd, Refused };

    std::optional<ApiResponse> takeHead(QByteArrayView &bytes);
    std::optional<ApiResponse> beginRequest(const QByteArray &head);
    std::optional<ApiResponse> readHeaderFields(QByteArrayView fields,
                                                QList<std::pair<QByteArray, QByteArray>> &headers);
    /// Admits the body the head announces (none, Content-Length bytes or chunks) up to maxBodyBytes.
    std::optional<ApiResponse> expectBody(const ApiRequest &request, bool chunked,
                                          const QList<QByteArray> &lengths, qint64 maxBodyBytes);
    std::optional<ApiResponse> takeChunkSize(QByteArrayView &bytes);
    std::optional<ApiResponse> expectLineEnd(QByteArrayView &bytes, State next);
    ApiResponse refuse(int status, const QString &message);

    HeadCheck m_check;
    State m_state = State::Head;
    QByteArray m_line; ///< the head, or a chunk-size line, being gathered
    qsizetype m_requestLineEnd = -1;
    qint64 m_left = 0; ///< bytes left of the body or of the current chunk
    qint64 m_bodyBytes = 0; ///< chunk data seen so far in this request
    qint64 m_maxBodyBytes = 0;
    int m_lineEndSeen = 0; ///< of an expected CRLF: 0, or 1 after the CR
    bool m_continue = false;
};

} // namespace stratus::sandbox
