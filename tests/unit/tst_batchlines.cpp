// The line handling behind `stratus-cli url --batch`, `sign --batch` and `env add`: lines come out
// whole and in order however the bytes arrive, a line over the bound stops the reader before it is
// read to its end, and no answer printed for a line can break into two lines.
#include "core/delivery/deliveryurl.h"
#include "core/delivery/jsvalue.h"
#include "core/delivery/urlbatch.h"
#include "core/signing/signbatch.h"
#include "core/util/linesplitter.h"
#include "words/errorwords.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace stratus::core;

namespace {

// What stratus-cli prints for a refused line (urlcommand.cpp, signcommand.cpp): the words of its reason.
QString printed(const Error &error)
{
    return stratus::words::ErrorWords::text(error);
}

} // namespace

namespace {

struct Split
{
    QByteArrayList lines; // without their '\n'
    qsizetype firstOfEachRun = 0; // checked: runs follow each other
    qsizetype overlong = 0;
};

// Feeds \a input to a splitter \a piece bytes at a time, as read(2) might deliver it.
Split split(const QByteArray &input, qsizetype piece, qsizetype maxLine)
{
    Split result;
    LineSplitter splitter(maxLine);
    qsizetype expectedFirst = 1;
    auto take = [&] {
        if (splitter.lines().isEmpty())
            return;
        QCOMPARE(splitter.firstLineNumber(), expectedFirst);
        QByteArrayList lines = splitter.lines().toByteArray().split('\n');
        if (splitter.lines().endsWith('\n'))
            lines.removeLast();
        result.lines += lines;
        expectedFirst += lines.size();
        splitter.dropLines();
    };
    for (qsizetype at = 0; at < input.size() && splitter.overlongLine() == 0; at += piece) {
        splitter.append(QByteArrayView(input).sliced(at, std::min(piece, input.size() - at)));
        take();
    }
    splitter.finish();
    take();
    result.overlong = splitter.overlongLine();
    return result;
}

DeliveryUrlBuilder demoBuilder()
{
    return DeliveryUrlBuilder(JsValue::parseJson(u"{\"cloud_name\":\"demo\"}"_s).value());
}

} // namespace

class TestBatchLines : public QObject
{
    Q_OBJECT

private slots:
    void splitsLinesHoweverTheBytesArrive_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArrayList>("lines");
        QTest::newRow("empty") << QByteArray() << QByteArrayList {};
        QTest::newRow("one line") << QByteArray("abc\n") << QByteArrayList {"abc"};
        QTest::newRow("no final line feed") << QByteArray("a\nbc") << QByteArrayList {"a", "bc"};
        QTest::newRow("blank lines") << QByteArray("\n\na\n\n") << QByteArrayList {"", "", "a", ""};
        QTest::newRow("CRLF stays in the line") << QByteArray("a\r\nb\r\n") << QByteArrayList {"a\r", "b\r"};
        QTest::newRow("NUL bytes are bytes")
            << QByteArray("a\0b\n\0\n", 6) << QByteArrayList {QByteArray("a\0b", 3), QByteArray(1, '\0')};
        QTest::newRow("exactly the bound")
            << QByteArray(16, 'x') + "\ny" << QByteArrayList {QByteArray(16, 'x'), "y"};
    }
    void splitsLinesHoweverTheBytesArrive()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArrayList, lines);
        for (qsizetype piece : {1, 2, 3, 7, 64}) {
            const Split s = split(input, piece, 16);
            QCOMPARE(s.overlong, 0);
            QCOMPARE(s.lines, lines);
        }
    }

    void stopsAtAnOverlongLine_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArrayList>("before");
        QTest::addColumn<qsizetype>("overlong");
        QTest::newRow("first line") << QByteArray(17, 'x') + "\nok\n" << QByteArrayList {} << qsizetype(1);
        QTest::newRow("third line") << "a\nb\n" + QByteArray(40, 'x') + "\nc\n"
                                    << QByteArrayList {"a", "b"} << qsizetype(3);
        QTest::newRow("last line, unfinished")
            << "a\n" + QByteArray(17, 'x') << QByteArrayList {"a"} << qsizetype(2);
    }
    void stopsAtAnOverlongLine()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArrayList, before);
        QFETCH(qsizetype, overlong);
        for (qsizetype piece : {1, 5, 64}) {
            const Split s = split(input, piece, 16);
            QCOMPARE(s.lines, before);
            QCOMPARE(s.overlong, overlong);
        }
    }

    void endlessLineIsCaughtEarly()
    {
        // An endless stream of one line (/dev/zero) is refused once the bound is passed: no more than
        // the bound and one piece is ever held.
        LineSplitter splitter(1024);
        const QByteArray zeros(100, '\0');
        qsizetype fed = 0;
        while (splitter.overlongLine() == 0 && fed < 1 << 20) {
            splitter.append(zeros);
            fed += zeros.size();
        }
        QCOMPARE(splitter.overlongLine(), 1);
        QVERIFY(fed <= 1024 + zeros.size());
        QVERIFY(splitter.atEnd());
    }

    void blankLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<bool>("blank");
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("spaces, tab, CR") << QByteArray(" \t \r") << true;
        QTest::newRow("no-break space") << QByteArray("\xc2\xa0") << true;
        QTest::newRow("JSON") << QByteArray(" {}") << false;
        QTest::newRow("NUL") << QByteArray(1, '\0') << false;
        QTest::newRow("letter after non-ASCII space") << QByteArray("\xc2\xa0x") << false;
    }
    void blankLines()
    {
        QFETCH(QByteArray, line);
        QFETCH(bool, blank);
        QCOMPARE(isBlankLine(line), blank);
    }

    // Where the SDK percent-encodes a line break, so do we; where it copies it into the URL raw,
    // the line is an error, so that the URL never spans two lines.
    void urlLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("error");
        QTest::newRow("plain") << QByteArray(R"({"public_id":"a","options":{"width":1}})")
                               << u"https://res.cloudinary.com/demo/image/upload/w_1/a"_s << QString();
        QTest::newRow("line feed in the public id is escaped")
            << QByteArray(R"({"public_id":"a\nb"})")
            << u"https://res.cloudinary.com/demo/image/upload/a%0Ab"_s << QString();
        QTest::newRow("line feed in an effect")
            << QByteArray(R"({"public_id":"a","options":{"effect":"x\ny"}})") << QString()
            << u"the URL would hold a raw line feed (U+000A)"_s;
        QTest::newRow("carriage return in the format")
            << QByteArray(R"({"public_id":"a","options":{"format":"jp\rg"}})") << QString()
            << u"the URL would hold a raw carriage return (U+000D)"_s;
        QTest::newRow("NUL in the version")
            << QByteArray(R"({"public_id":"a","options":{"version":"1\u0000"}})") << QString()
            << u"the URL would hold a raw NUL (U+0000)"_s;
        QTest::newRow("an error quoting a line feed stays on one line")
            << QByteArray(R"({"public_id":"a","options":{"sign_url":true,"signature_algorithm":"x\ny"}})")
            << QString() << u"Signature algorithm x\\ny is not supported"_s;
        QTest::newRow("not JSON") << QByteArray("nope") << QString() << u"invalid JSON at offset 0"_s;
        QTest::newRow("no public id") << QByteArray("{}") << QString() << u"missing public_id"_s;
        QTest::newRow("public id not text")
            << QByteArray(R"({"public_id":true})") << QString() << u"public_id must be a string"_s;
        QTest::newRow("options not an object") << QByteArray(R"({"public_id":"a","options":5})") << QString()
                                               << u"options must be a JSON object"_s;
        QTest::newRow("not an object")
            << QByteArray("[1]") << QString()
            << u"expected a JSON object {\"public_id\": ..., \"options\": {...}}"_s;
    }
    void urlLines()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, url);
        QFETCH(QString, error);
        const DeliveryUrlBuilder builder = demoBuilder();
        UrlBatchLines batch(builder);
        const auto answer = batch.answer(line);
        QVERIFY(answer.has_value());
        if (error.isEmpty()) {
            QVERIFY2(answer->ok(), answer->ok() ? "" : qPrintable(answer->error().message));
            QCOMPARE(answer->value(), url);
        } else {
            QVERIFY(!answer->ok());
            QVERIFY2(printed(answer->error()).startsWith(error), qPrintable(printed(answer->error())));
            QVERIFY(!printed(answer->error()).contains(u'\n'));
        }
        QVERIFY(!batch.answer("  \r").has_value());
    }

    void remoteUrlOutlivesItsLine()
    {
        // A remote URL is answered as given, and its characters must not be those of the buffer the
        // next line is decoded into.
        const DeliveryUrlBuilder builder = demoBuilder();
        UrlBatchLines batch(builder);
        // (ordinary literals: moc 6.4 takes "//" inside a raw string for a comment)
        const auto first = batch.answer("{\"public_id\":\"https://example.com/a.jpg\"}");
        const auto second = batch.answer("{\"public_id\":\"https://example.com/b.jpg\"}");
        QCOMPARE(first->value(), u"https://example.com/a.jpg"_s);
        QCOMPARE(second->value(), u"https://example.com/b.jpg"_s);
    }

    void signLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("error");
        QTest::newRow("params only") << QByteArray(R"({"params":{"timestamp":1}})") << QString();
        QTest::newRow("everything") << QByteArray(
            R"({"params":{},"algorithm":"sha256","signature_version":1})")
                                    << QString();
        QTest::newRow("not JSON") << QByteArray("{") << u"invalid JSON ("_s;
        QTest::newRow("not an object") << QByteArray("[]") << u"expected a JSON object"_s;
        QTest::newRow("no params") << QByteArray("{}") << u"\"params\" must be a JSON object"_s;
        QTest::newRow("bad algorithm")
            << QByteArray(R"({"params":{},"algorithm":"md5"})") << u"unknown \"algorithm\""_s;
        QTest::newRow("bad version") << QByteArray(R"({"params":{},"signature_version":3})")
                                     << u"\"signature_version\" must be 1 or 2"_s;
    }
    void signLines()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, error);
        const auto request = SignRequest::parseLine(line);
        QCOMPARE(request.ok(), error.isEmpty());
        if (!request.ok())
            QVERIFY2(printed(request.error()).startsWith(error), qPrintable(printed(request.error())));
    }
};

QTEST_GUILESS_MAIN(TestBatchLines)
#include "tst_batchlines.moc"
