#include "requeststream.h"

#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::sandbox {

namespace {

// A chunk-size line is a hex number and perhaps extensions; nobody needs a kilobyte for that.
constexpr qsizetype kMaxChunkLineBytes = 1024;
constexpr int kMaxChunkSizeDigits = 15;

// Qt's parser skips these before a request line (left over from the previous request).
bool isLeadingSpace(char c)
{
    return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\v';
}

bool isTokenChar(char c)
{
    static constexpr QByteArrayView others("!#$%&'*+-.^_`|~");
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || others.contains(c);
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

bool isDigits(QByteArrayView text)
{
    return !text.isEmpty()
        && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Where the head in `buffer` ends (just after its last '\n'), by the rule Qt's own parser uses:
// the request line, then header lines up to an empty one (CRLF or LF line endings), or none at
// all. Looks at the '\n's from `from` on; -1 while the head is not complete.
qsizetype headEnd(const QByteArray &buffer, qsizetype requestLineEnd, qsizetype from)
{
    if (requestLineEnd < 0)
        return -1;
    const qsizetype block = requestLineEnd + 1;
    for (qsizetype i = buffer.indexOf('\n', qMax(from, block)); i >= 0; i = buffer.indexOf('\n', i + 1)) {
        const qsizetype at = i - block;
        if (at == 0 || (at == 1 && buffer.at(block) == '\r') || buffer.at(i - 1) == '\n'
            || (at >= 2 && buffer.at(i - 1) == '\r' && buffer.at(i - 2) == '\n'))
            return i + 1;
    }
    return -1;
}

QByteArrayView withoutLineEnd(QByteArrayView line)
{
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

QList<QByteArrayView> splitAtSpaces(QByteArrayView line)
{
    QList<QByteArrayView> parts;
    qsizetype start = 0;
    for (qsizetype space = line.indexOf(' '); space >= 0; space = line.indexOf(' ', start)) {
        parts.append(line.sliced(start, space - start));
        start = space + 1;
    }
    parts.append(line.sliced(start));
    return parts;
}

// The header fields that say where a body ends and whom a request is for: parsers that read them
// differently could see two requests where we see one, so anything ambiguous is refused.
struct FramingFields
{
    QList<QByteArray> lengths; ///< Content-Length values
    QList<QByteArray> encodings; ///< Transfer-Encoding values
    int hosts = 0;

    static FramingFields of(const QList<std::pair<QByteArray, QByteArray>> &headers)
    {
        FramingFields fields;
        for (const auto &[name, value] : headers) {
            if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                fields.lengths.append(value);
            else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0)
                fields.encodings.append(value);
            else if (name.compare("host", Qt::CaseInsensitive) == 0)
                ++fields.hosts;
        }
        return fields;
    }

    [[nodiscard]] bool chunked() const { return !encodings.isEmpty(); }

    // Why the request is refused (400), or empty.
    [[nodiscard]] QString problem() const
    {
        // One Host, so that the one checked is the one used.
        if (hosts > 1)
            return u"More than one Host header"_s;
        if (chunked()
            && (encodings.size() > 1 || !lengths.isEmpty() || encodings.first().toLower() != "chunked"))
            return u"Unsupported Transfer-Encoding"_s;
        if (lengths.size() > 1 || (lengths.size() == 1 && !isDigits(lengths.first())))
            return u"Invalid Content-Length"_s;
        return {};
    }
};

} // namespace

RequestStream::RequestStream(HeadCheck check)
    : m_check(std::move(check))
{
}

void RequestStream::skip(qint64 count)
{
    Q_ASSERT(count <= opaqueBytesAhead());
    m_left -= count;
    if (m_state == State::Body && m_left == 0)
        m_state = State::Head;
}

std::optional<ApiResponse> RequestStream::follow(QByteArrayView bytes)
{
    while (!bytes.isEmpty()) {
        std::optional<ApiResponse> refusal;
        switch (m_state) {
        case State::Refused:
            return std::nullopt;
        case State::Head:
            refusal = takeHead(bytes);
            break;
        case State::Body: {
            const qint64 taken = qMin<qint64>(m_left, bytes.size());
            skip(taken);
            bytes = bytes.sliced(taken);
            break;
        }
        case State::ChunkSize:
            refusal = takeChunkSize(bytes);
            break;
        case State::ChunkData: {
            const qint64 taken = qMin<qint64>(m_left, bytes.size());
            m_left -= taken;
            bytes = bytes.sliced(taken);
            if (m_left == 0)
                m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd:
            refusal = expectLineEnd(bytes, State::ChunkSize);
            break;
        case State::LastChunkEnd:
            refusal = expectLineEnd(bytes, State::Head);
            break;
        }
        if (refusal)
            return refusal;
    }
    return std::nullopt;
}

std::optional<ApiResponse> RequestStream::takeHead(QByteArrayView &bytes)
{
    if (m_line.isEmpty()) {
        while (!bytes.isEmpty() && isLeadingSpace(bytes.front()))
            bytes = bytes.sliced(1);
        if (bytes.isEmpty())
            return std::nullopt;
    }
    const qsizetype before = m_line.size();
    const qsizetype taken = qMin<qsizetype>(bytes.size(), kMaxHeadBytes + 1 - before);
    m_line.append(bytes.first(taken));
    if (m_requestLineEnd < 0)
        m_requestLineEnd = m_line.indexOf('\n', before);
    // The end of the head is judged by up to two bytes before a '\n': look a little back.
    const qsizetype end = headEnd(m_line, m_requestLineEnd, qMax<qsizetype>(0, before - 2));
    if (end < 0) {
        bytes = bytes.sliced(taken);
        if (m_line.size() > kMaxHeadBytes)
            return refuse(431,
                          u"Request header fields too large - the limit is %1 bytes"_s.arg(kMaxHeadBytes));
        return std::nullopt;
    }
    bytes = bytes.sliced(end - before);
    QByteArray head = std::move(m_line);
    head.truncate(end);
    m_line = QByteArray();
    m_requestLineEnd = -1;
    return beginRequest(head);
}

std::optional<ApiResponse> RequestStream::beginRequest(const QByteArray &head)
{
    const qsizetype lineEnd = head.indexOf('\n');
    const QList<QByteArrayView> parts
        = splitAtSpaces(withoutLineEnd(QByteArrayView(head).first(lineEnd + 1)));
    // METHOD SP request-target SP HTTP-version, and nothing else.
    if (parts.size() != 3 || !isToken(parts.at(0)) || parts.at(1).isEmpty() || parts.at(2).size() != 8
        || !parts.at(2).startsWith("HTTP/1."))
        return refuse(400, u"Malformed request line"_s);

    QList<std::pair<QByteArray, QByteArray>> headers;
    if (auto refused = readHeaderFields(QByteArrayView(head).sliced(lineEnd + 1), headers))
        return refused;
    const FramingFields framing = FramingFields::of(headers);
    if (const QString problem = framing.problem(); !problem.isEmpty())
        return refuse(400, problem);

    const ApiRequest request = ApiRequest::fromHead(
        parts.at(0).toByteArray(), QUrl::fromEncoded(parts.at(1).toByteArray()), std::move(headers));
    HeadVerdict verdict = m_check(request);
    if (verdict.refusal) {
        m_state = State::Refused;
        return verdict.refusal;
    }
    return expectBody(request, framing.chunked(), framing.lengths, verdict.maxBodyBytes);
}

std::optional<ApiResponse> RequestStream::readHeaderFields(QByteArrayView fields,
                                                           QList<std::pair<QByteArray, QByteArray>> &headers)
{
    while (!fields.isEmpty()) {
        const qsizetype newline = fields.indexOf('\n');
        const QByteArrayView line = withoutLineEnd(fields.first(newline + 1));
        fields = fields.sliced(newline + 1);
        if (line.isEmpty())
            break;
        // Folded lines (obs-fold) are read differently by different parsers: refused.
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return refuse(400, u"Malformed header line"_s);
        if (headers.size() >= kMaxHeaderFields)
            return refuse(431, u"Too many header fields - the limit is %1"_s.arg(kMaxHeaderFields));
        headers.append({line.first(colon).toByteArray(), line.sliced(colon + 1).trimmed().toByteArray()});
    }
    return std::nullopt;
}

std::optional<ApiResponse> RequestStream::expectBody(const ApiRequest &request, bool chunked,
                                                     const QList<QByteArray> &lengths, qint64 maxBodyBytes)
{
    bool fits = true;
    const qint64 length = lengths.isEmpty() ? 0 : lengths.first().toLongLong(&fits);
    m_maxBodyBytes = maxBodyBytes;
    m_bodyBytes = 0;
    if (!fits || length > m_maxBodyBytes)
        return refuse(413,
                      u"Request too large - %1 bytes, the maximum is %2. Upload larger files in chunks "
                      "(upload_large)."_s.arg(QString::fromLatin1(lengths.first()))
                          .arg(m_maxBodyBytes));
    if (chunked)
        m_state = State::ChunkSize;
    else if (length > 0)
        m_state = State::Body;
    m_left = length;
    m_continue = (chunked || length > 0)
        && request.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0;
    return std::nullopt;
}

std::optional<ApiResponse> RequestStream::takeChunkSize(QByteArrayView &bytes)
{
    const qsizetype newline = bytes.indexOf('\n');
    const qsizetype taken = newline < 0 ? bytes.size() : newline + 1;
    m_line.append(bytes.first(taken));
    bytes = bytes.sliced(taken);
    if (m_line.size() > kMaxChunkLineBytes)
        return refuse(400, u"Malformed chunk size"_s);
    if (newline < 0)
        return std::nullopt;

    // chunk-size [; extensions] CRLF
    QByteArrayView line(m_line);
    if (!line.endsWith("\r\n"))
        return refuse(400, u"Malformed chunk size"_s);
    line.chop(2);
    const qsizetype semicolon = line.indexOf(';');
    const QByteArrayView digits = semicolon < 0 ? line : line.first(semicolon);
    if (digits.isEmpty() || digits.size() > kMaxChunkSizeDigits)
        return refuse(400, u"Malformed chunk size"_s);
    qint64 size = 0;
    for (const char c : digits) {
        const int value = hexValue(c);
        if (value < 0)
            return refuse(400, u"Malformed chunk size"_s);
        size = size * 16 + value;
    }
    m_line.clear();
    if (size > m_maxBodyBytes - m_bodyBytes)
        return refuse(413,
                      u"Request too large - more than %1 bytes. Upload larger files in chunks "
                      "(upload_large)."_s.arg(m_maxBodyBytes));
    m_bodyBytes += size;
    m_left = size;
    m_state = size == 0 ? State::LastChunkEnd : State::ChunkData;
    m_lineEndSeen = 0;
    return std::nullopt;
}

std::optional<ApiResponse> RequestStream::expectLineEnd(QByteArrayView &bytes, State next)
{
    // Exactly CRLF: after a chunk's data, and after the last chunk (trailer fields are refused).
    while (!bytes.isEmpty() && m_lineEndSeen < 2) {
        if (bytes.front() != (m_lineEndSeen == 0 ? '\r' : '\n'))
            return refuse(400,
                          next == State::Head ? u"Chunked trailer fields are not supported"_s
                                              : u"Malformed chunked body"_s);
        ++m_lineEndSeen;
        bytes = bytes.sliced(1);
    }
    if (m_lineEndSeen == 2) {
        m_lineEndSeen = 0;
        m_state = next;
    }
    return std::nullopt;
}

ApiResponse RequestStream::refuse(int status, const QString &message)
{
    m_state = State::Refused;
    return ApiResponse::error(status, message);
}

} // namespace stratus::sandbox
