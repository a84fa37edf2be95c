#pragma once

// A fake QNetworkAccessManager for unit tests of the network layer (style habit 6: fake at the
// edge). It records every request (verb, URL, headers, body read to the end) and answers with
// canned replies: status, headers and body, after a delay, never (hanging until aborted), or with a
// transport error. Replies are asynchronous like real ones: nothing is emitted from inside the call
// that created the request. Header-only so that each tst_*.cpp executable can include it.

#include <QBuffer>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <functional>
#include <memory>
#include <utility>

namespace stratus::test {

/// What the fake server answers to one request.
struct FakeResponse
{
    int status = 200;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    int delayMs = 0; ///< answer after this long
    bool hang = false; ///< never answer; only abort() ends the reply
    /// A transport failure instead of an HTTP answer (status is then ignored).
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;

    static FakeResponse json(const QByteArray &body, int status = 200)
    {
        FakeResponse r;
        r.status = status;
        r.body = body;
        r.headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
        return r;
    }
    static FakeResponse cloudinaryError(int status, const QByteArray &message)
    {
        return json(R"({"error":{"message":")" + message + R"("}})", status);
    }
    static FakeResponse transportError(QNetworkReply::NetworkError error)
    {
        FakeResponse r;
        r.status = 0;
        r.networkError = error;
        return r;
    }
    static FakeResponse hanging()
    {
        FakeResponse r;
        r.hang = true;
        return r;
    }
    FakeResponse &withHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append(std::pair<QByteArray, QByteArray>(name, value));
        return *this;
    }
    FakeResponse &after(int ms)
    {
        delayMs = ms;
        return *this;
    }
};

/// One part of a multipart/form-data body.
struct MultipartField
{
    QByteArray name;
    QByteArray fileName; ///< empty for text fields
    QByteArray contentType;
    QByteArray data;
    bool isFile = false;
};

/// A request as the fake server saw it.
struct RecordedRequest
{
    QByteArray verb;
    QNetworkRequest request;
    QByteArray body;
    qint64 atMs = 0; ///< when it arrived, since the FakeNetwork was created
    bool aborted = false; ///< the client called abort() on its reply

    [[nodiscard]] QUrl url() const { return request.url(); }
    [[nodiscard]] QString path() const { return request.url().path(QUrl::FullyEncoded); }
    [[nodiscard]] QByteArray header(const QByteArray &name) const { return request.rawHeader(name); }
    [[nodiscard]] QByteArray contentType() const
    {
        return request.header(QNetworkRequest::ContentTypeHeader).toByteArray();
    }

    /// `name=value` items of an urlencoded text (query or form body), decoded, in order.
    static QStringList decodeForm(const QByteArray &encoded)
    {
        QStringList items;
        for (const QByteArray &pair : encoded.split('&')) {
            if (pair.isEmpty())
                continue;
            const qsizetype eq = pair.indexOf('=');
            const QByteArray name = eq < 0 ? pair : pair.left(eq);
            const QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
            items.append(QUrl::fromPercentEncoding(name) + QLatin1Char('=')
                         + QUrl::fromPercentEncoding(value));
        }
        return items;
    }
    [[nodiscard]] QStringList queryItems() const
    {
        return decodeForm(request.url().query(QUrl::FullyEncoded).toLatin1());
    }
    [[nodiscard]] QStringList formItems() const { return decodeForm(body); }
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }

    [[nodiscard]] QList<MultipartField> multipart() const
    {
        QList<MultipartField> fields;
        const QByteArray type = contentType();
        const qsizetype at = type.indexOf("boundary=");
        if (at < 0)
            return fields;
        QByteArray boundary = type.mid(at + 9);
        if (boundary.startsWith('"'))
            boundary = boundary.mid(1, boundary.indexOf('"', 1) - 1);
        const QByteArray delimiter = "--" + boundary;
        qsizetype pos = body.indexOf(delimiter);
        while (pos >= 0) {
            pos += delimiter.size();
            if (body.mid(pos, 2) == "--")
                break;
            pos += 2; // CRLF
            const qsizetype headersEnd = body.indexOf("\r\n\r\n", pos);
            const qsizetype next = body.indexOf(QByteArray("\r\n" + delimiter), headersEnd);
            if (headersEnd < 0 || next < 0)
                break;
            MultipartField field;
            for (const QByteArray &line : body.mid(pos, headersEnd - pos).split('\n')) {
                const QByteArray trimmed = line.trimmed();
                if (trimmed.toLower().startsWith("content-disposition:")) {
                    field.name = parameter(trimmed, "name");
                    field.fileName = parameter(trimmed, "filename");
                    field.isFile = trimmed.contains("filename=");
                } else if (trimmed.toLower().startsWith("content-type:")) {
                    field.contentType = trimmed.mid(13).trimmed();
                }
            }
            field.data = body.mid(headersEnd + 4, next - headersEnd - 4);
            fields.append(field);
            pos = next + 2;
        }
        return fields;
    }
    /// The text fields of a multipart body as sorted `name=value` items.
    [[nodiscard]] QStringList multipartTextItems() const
    {
        QStringList items;
        for (const MultipartField &field : multipart()) {
            if (!field.isFile)
                items.append(QString::fromUtf8(field.name + '=' + field.data));
        }
        items.sort();
        return items;
    }
    [[nodiscard]] MultipartField multipartFile() const
    {
        for (const MultipartField &field : multipart()) {
            if (field.isFile)
                return field;
        }
        return {};
    }

private:
    static QByteArray parameter(const QByteArray &header, const QByteArray &name)
    {
        const QByteArray key = "; " + name + "=\"";
        const qsizetype at = header.indexOf(key);
        if (at < 0)
            return {};
        const qsizetype start = at + key.size();
        return header.mid(start, header.indexOf('"', start) - start);
    }
};

/// A QNetworkReply that plays a FakeResponse.
class FakeReply final : public QNetworkReply
{
public:
    FakeReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request, FakeResponse response,
              qint64 uploadSize, QObject *parent)
        : QNetworkReply(parent)
        , m_response(std::move(response))
        , m_uploadSize(uploadSize)
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(op);
        open(QIODevice::ReadOnly);
        if (m_response.hang)
            return;
        QTimer::singleShot(m_response.delayMs, this, [this] { respond(); });
    }

    std::function<void()> onAbort;

    void abort() override
    {
        if (isFinished())
            return;
        m_aborted = true;
        if (onAbort)
            onAbort();
        setError(OperationCanceledError, QStringLiteral("Operation canceled"));
        Q_EMIT errorOccurred(OperationCanceledError);
        setFinished(true);
        Q_EMIT finished();
    }

    qint64 bytesAvailable() const override
    {
        return m_response.body.size() - m_read + QIODevice::bytesAvailable();
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin(maxSize, qint64(m_response.body.size()) - m_read);
        if (n <= 0)
            return m_aborted || isFinished() ? -1 : 0;
        std::copy_n(m_response.body.constData() + m_read, n, data);
        m_read += n;
        return n;
    }

private:
    void respond()
    {
        if (m_aborted || isFinished())
            return;
        if (m_uploadSize > 0)
            Q_EMIT uploadProgress(m_uploadSize, m_uploadSize);
        if (m_response.networkError != NoError) {
            setError(m_response.networkError, QStringLiteral("Fake transport error"));
            Q_EMIT errorOccurred(m_response.networkError);
            setFinished(true);
            Q_EMIT finished();
            return;
        }
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_response.status);
        for (const auto &[name, value] : m_response.headers)
            setRawHeader(name, value);
        if (m_response.status >= 400) {
            const NetworkError error = m_response.status >= 500 ? InternalServerError
                : m_response.status == 404                      ? ContentNotFoundError
                                                                : UnknownContentError;
            setError(error, QStringLiteral("Fake HTTP error"));
            Q_EMIT errorOccurred(error);
        }
        Q_EMIT metaDataChanged();
        if (!m_response.body.isEmpty())
            Q_EMIT readyRead();
        Q_EMIT downloadProgress(m_response.body.size(), m_response.body.size());
        setFinished(true);
        Q_EMIT finished();
    }

    FakeResponse m_response;
    qint64 m_uploadSize = 0;
    qint64 m_read = 0;
    bool m_aborted = false;
};

/// The fake manager. Answers from `responses` (first in, first out), then from `handler`, then
/// with `200 {}`.
class FakeNetwork final : public QNetworkAccessManager
{
public:
    using Handler = std::function<FakeResponse(const RecordedRequest &)>;

    explicit FakeNetwork(QObject *parent = nullptr)
        : QNetworkAccessManager(parent)
    {
        m_clock.start();
    }

    QList<FakeResponse> responses;
    Handler handler;
    QList<RecordedRequest> requests;

    void enqueue(const FakeResponse &response) { responses.append(response); }
    [[nodiscard]] qint64 elapsedMs() const { return m_clock.elapsed(); }

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override
    {
        RecordedRequest recorded;
        recorded.request = request;
        recorded.atMs = m_clock.elapsed();
        switch (op) {
        case GetOperation:
            recorded.verb = "GET";
            break;
        case PostOperation:
            recorded.verb = "POST";
            break;
        case PutOperation:
            recorded.verb = "PUT";
            break;
        case DeleteOperation:
            recorded.verb = "DELETE";
            break;
        case HeadOperation:
            recorded.verb = "HEAD";
            break;
        default:
            recorded.verb = request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
            break;
        }
        if (outgoingData)
            recorded.body = outgoingData->readAll();
        requests.append(recorded);

        FakeResponse response;
        if (!responses.isEmpty())
            response = responses.takeFirst();
        else if (handler)
            response = handler(recorded);
        else
            response = FakeResponse::json("{}");
        auto *reply = new FakeReply(op, request, response, recorded.body.size(), this);
        const qsizetype index = requests.size() - 1;
        reply->onAbort = [this, index] {
            requests[index].aborted = true;
        };
        return reply;
    }

private:
    QElapsedTimer m_clock;
};

} // namespace stratus::test
