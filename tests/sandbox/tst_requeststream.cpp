// RequestStream: how the sandbox's request gate follows the requests of one connection through its
// bytes — where each head ends, what the head check sees, how long each body is (Content-Length or
// chunked) — and what it refuses rather than risk reading a request boundary differently from Qt's
// own parser. Every stream is also fed one byte at a time and in two halves: TCP may split anywhere.
#include "sandbox/http/requeststream.h"

#include <QTest>

using namespace Qt::StringLiterals;
using stratus::sandbox::ApiRequest;
using stratus::sandbox::ApiResponse;
using stratus::sandbox::HeadVerdict;
using stratus::sandbox::RequestStream;

namespace {

// What a stream did: the heads it judged ("METHOD /path"), then the status of its refusal, if any.
struct Outcome
{
    QStringList heads;
    int refusal = 0;
};

// Follows `bytes` in pieces of `piece` bytes (0: all at once). Heads whose path starts with
// /refuse are refused (401); every body may be `maxBody` bytes long.
Outcome follow(const QByteArray &bytes, qsizetype piece, qint64 maxBody)
{
    Outcome outcome;
    RequestStream stream([&](const ApiRequest &head) {
        outcome.heads.append(QString::fromLatin1(head.method) + u' ' + head.path);
        HeadVerdict verdict;
        verdict.maxBodyBytes = maxBody;
        if (head.path.startsWith(u"/refuse"))
            verdict.refusal = ApiResponse::error(401, u"refused"_s);
        return verdict;
    });
    const qsizetype step = piece > 0 ? piece : bytes.size();
    for (qsizetype at = 0; at < bytes.size() && !outcome.refusal; at += step) {
        if (auto refusal = stream.follow(QByteArrayView(bytes).sliced(at, qMin(step, bytes.size() - at))))
            outcome.refusal = refusal->status;
    }
    return outcome;
}

QByteArray get(const QByteArray &path)
{
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n";
}

QByteArray post(const QByteArray &path, const QByteArray &body)
{
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:1\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray chunkedPost(const QByteArray &path, const QByteArray &chunks)
{
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks;
}

} // namespace

class tst_RequestStream : public QObject
{
    Q_OBJECT

private slots:
    void followsRequests_data();
    void followsRequests();
    void skipsOpaqueBodies();
};

void tst_RequestStream::followsRequests_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("maxBody");
    QTest::addColumn<QStringList>("heads");
    QTest::addColumn<int>("refusal");

    const QByteArray body(300, 'b');
    // Bodies that look like requests must be read as bodies.
    const QByteArray disguised = get("/refuse/hidden");
    QTest::newRow("keep-alive: three requests") << get("/a") + post("/b", body) + get("/c") << qint64(1000)
                                                << QStringList {u"GET /a"_s, u"POST /b"_s, u"GET /c"_s} << 0;
    QTest::newRow("a body that looks like a request")
        << post("/a", disguised) + get("/b") << qint64(1000) << QStringList {u"POST /a"_s, u"GET /b"_s} << 0;
    QTest::newRow("chunked, then another request")
        << chunkedPost("/a",
                       "5\r\nhello\r\n" + QByteArray::number(disguised.size(), 16) + ";ext=1\r\n" + disguised
                           + "\r\n0\r\n\r\n")
            + get("/b")
        << qint64(1000) << QStringList {u"POST /a"_s, u"GET /b"_s} << 0;
    QTest::newRow("LF line endings and leading blank lines")
        << "\r\n\r\nGET /a HTTP/1.1\nHost: 127.0.0.1:1\n\n" + get("/b") << qint64(0)
        << QStringList {u"GET /a"_s, u"GET /b"_s} << 0;
    QTest::newRow("refused at its head") << get("/a") + post("/refuse", body) + get("/b") << qint64(1000)
                                         << QStringList {u"GET /a"_s, u"POST /refuse"_s} << 401;
    QTest::newRow("Content-Length over the bound")
        << post("/a", body) << qint64(299) << QStringList {u"POST /a"_s} << 413;
    QTest::newRow("Content-Length at the bound")
        << post("/a", body) + get("/b") << qint64(300) << QStringList {u"POST /a"_s, u"GET /b"_s} << 0;
    QTest::newRow("chunks over the bound") << chunkedPost("/a", "c8\r\n" + body.left(200) + "\r\nc8\r\n")
                                           << qint64(300) << QStringList {u"POST /a"_s} << 413;
    QTest::newRow("a Content-Length beyond 64 bits")
        << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n") << qint64(1000)
        << QStringList {u"POST /a"_s} << 413;

    // What Qt's parser might read differently: refused, never guessed at.
    const QStringList none;
    QTest::newRow("Content-Length and Transfer-Encoding")
        << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n")
        << qint64(1000) << none << 400;
    QTest::newRow("two Content-Lengths")
        << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 5\r\ncontent-length: 50\r\n\r\n") << qint64(1000)
        << none << 400;
    QTest::newRow("a signed Content-Length")
        << QByteArray("POST /a HTTP/1.1\r\nContent-Length: +5\r\n\r\n") << qint64(1000) << none << 400;
    QTest::newRow("another Transfer-Encoding")
        << QByteArray("POST /a HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") << qint64(1000) << none
        << 400;
    QTest::newRow("two Hosts") << QByteArray(
        "GET /a HTTP/1.1\r\nHost: 127.0.0.1:1\r\nHost: evil.example\r\n\r\n")
                               << qint64(0) << none << 400;
    QTest::newRow("a folded header line")
        << QByteArray("GET /a HTTP/1.1\r\nX-A: 1\r\n Content-Length: 5\r\n\r\n") << qint64(1000) << none
        << 400;
    QTest::newRow("a header line without a colon")
        << QByteArray("GET /a HTTP/1.1\r\nX-A 1\r\n\r\n") << qint64(0) << none << 400;
    QTest::newRow("a malformed request line")
        << QByteArray("GET  /a HTTP/1.1\r\n\r\n") << qint64(0) << none << 400;
    QTest::newRow("a chunk size in 0x notation") << chunkedPost("/a", "0x5\r\nhello\r\n0\r\n\r\n")
                                                 << qint64(1000) << QStringList {u"POST /a"_s} << 400;
    QTest::newRow("a negative chunk size")
        << chunkedPost("/a", "-5\r\nhello\r\n0\r\n\r\n") << qint64(1000) << QStringList {u"POST /a"_s} << 400;
    QTest::newRow("chunk data longer than its size")
        << chunkedPost("/a", "3\r\nhello\r\n0\r\n\r\n") << qint64(1000) << QStringList {u"POST /a"_s} << 400;
    QTest::newRow("trailer fields") << chunkedPost("/a", "5\r\nhello\r\n0\r\nX-Trailer: 1\r\n\r\n")
                                    << qint64(1000) << QStringList {u"POST /a"_s} << 400;
    QTest::newRow("a head past 64 KiB")
        << "GET /a HTTP/1.1\r\nX-Padding: " + QByteArray(RequestStream::kMaxHeadBytes, 'p') + "\r\n\r\n"
        << qint64(0) << none << 431;
    QByteArray manyFields = "GET /a HTTP/1.1\r\n";
    for (int i = 0; i <= RequestStream::kMaxHeaderFields; ++i)
        manyFields += "X-" + QByteArray::number(i) + ": 1\r\n";
    QTest::newRow("too many header fields") << manyFields + "\r\n" << qint64(0) << none << 431;
}

void tst_RequestStream::followsRequests()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, maxBody);
    QFETCH(QStringList, heads);
    QFETCH(int, refusal);

    for (const qsizetype piece : {qsizetype(0), qsizetype(1), bytes.size() / 2 + 1}) {
        const Outcome outcome = follow(bytes, piece, maxBody);
        QVERIFY2(outcome.heads == heads,
                 qPrintable(u"in pieces of %1: %2"_s.arg(piece).arg(outcome.heads.join(u", "_s))));
        QVERIFY2(outcome.refusal == refusal,
                 qPrintable(u"in pieces of %1: refused with %2"_s.arg(piece).arg(outcome.refusal)));
    }
}

void tst_RequestStream::skipsOpaqueBodies()
{
    // The gate counts a Content-Length body instead of looking at it; the next head is still found.
    QStringList heads;
    RequestStream stream([&](const ApiRequest &head) {
        heads.append(head.path);
        return HeadVerdict {std::nullopt, 1'000'000};
    });
    QVERIFY(!stream.follow(get("/a")));
    QCOMPARE(stream.opaqueBytesAhead(), 0);
    const QByteArray head = "POST /b HTTP/1.1\r\nContent-Length: 500000\r\n\r\n";
    QVERIFY(!stream.follow(head));
    QCOMPARE(stream.opaqueBytesAhead(), 500'000);
    stream.skip(499'999);
    QVERIFY(!stream.follow(QByteArray("x" + get("/c"))));
    QCOMPARE(heads, (QStringList {u"/a"_s, u"/b"_s, u"/c"_s}));
}

QTEST_GUILESS_MAIN(tst_RequestStream)
#include "tst_requeststream.moc"
