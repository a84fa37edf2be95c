// What the quick look needs of stratus-sandbox's delivery (issue 13, point 4), from the real
// executable on 127.0.0.1:0:
// - originals answer HTTP byte ranges (RFC 9110 §14): Accept-Ranges, 206 with Content-Range for one
//   range (closed, open-ended, suffix), 416 with `bytes */size` for one past the end, and the whole
//   file (200) for a Range header it does not take (several ranges, last before first, another unit);
// - PDFs are images of format pdf, their first page's size in points, delivered page by page as
//   pictures with `pg_N` (real pages, rendered with QtPdf); a page past the end is a 400;
// - audio files are videos of their own format, streamed with ranges too.

#include "../integration/sandboxprocess.h"
#include "../integration/testmedia.h"

#include "core/api/uploadapi.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace stratus;
using stratus::test::SandboxProcess;

namespace {
const QString kCloud = u"mediacloud"_s;
const QList<QColor> kPageColours = {QColor(200, 30, 30), QColor(30, 160, 40), QColor(30, 60, 200)};

QColor middleColour(const QImage &image)
{
    return image.pixelColor(image.width() / 2, image.height() * 3 / 4);
}

QByteArray number(qint64 value)
{
    return QByteArray::number(value);
}

bool near(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) < 40 && std::abs(a.green() - b.green()) < 40
        && std::abs(a.blue() - b.blue()) < 40;
}
} // namespace

class TestSandboxMedia : public QObject
{
    Q_OBJECT

private:
    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    QByteArray m_video;
    core::Resource m_pdf;
    core::Resource m_audio;
    QByteArray m_audioBytes;

    core::Resource upload(const QString &file, const QString &publicId,
                          const QString &resourceType = u"auto"_s)
    {
        core::UploadOptions options;
        options.resourceType = resourceType;
        options.publicId = publicId;
        std::unique_ptr<core::UploadJob> job(
            core::UploadApi(m_sandbox.context(0)).upload(file, options, nullptr));
        if (!test::runToEnd(job.get()) || job->error() || !job->result())
            return {};
        return job->result()->asset;
    }

    SandboxProcess::RawAnswer get(const QString &path, const QByteArray &range = {})
    {
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!range.isEmpty())
            headers.append({"Range", range});
        return m_sandbox.raw("GET", path, headers);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_sandbox.start({u"--environment"_s, u"cloudinary://420001:mediasecret@%1"_s.arg(kCloud)}, 1,
                                 false, &error),
                 qPrintable(error));
        const QString clip = QStringLiteral(STRATUS_SOURCE_DIR "/resources/sample-media/sample-clip.mp4");
        QFile file(clip);
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_video = file.readAll();
        QVERIFY(m_video.size() > 10000);
        QCOMPARE(upload(clip, u"media/clip"_s, u"video"_s).format, u"mp4"_s);

        const QString pdf = m_dir.filePath(u"pages.pdf"_s);
        QVERIFY(test::writeColouredPdf(pdf, kPageColours));
        m_pdf = upload(pdf, u"media/pages"_s);

        const QString wav = m_dir.filePath(u"tone.wav"_s);
        QVERIFY(test::writeToneWav(wav, 1.0));
        QFile tone(wav);
        QVERIFY(tone.open(QIODevice::ReadOnly));
        m_audioBytes = tone.readAll();
        m_audio = upload(wav, u"media/tone"_s);
    }

    void cleanupTestCase() { m_sandbox.stop(); }

    void wholeFileSaysItTakesRanges()
    {
        const auto answer = get(u"/%1/video/upload/media/clip.mp4"_s.arg(kCloud));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.header("Accept-Ranges"), QByteArray("bytes"));
        QCOMPARE(answer.body, m_video);
    }

    void byteRanges_data()
    {
        QTest::addColumn<QByteArray>("range");
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("first"); // -1: no body expected (416) / the whole file (200)
        QTest::addColumn<qint64>("last");
        const qint64 size = m_video.size();
        QTest::newRow("first bytes") << QByteArray("bytes=0-99") << 206 << qint64(0) << qint64(99);
        QTest::newRow("one byte") << QByteArray("bytes=0-0") << 206 << qint64(0) << qint64(0);
        QTest::newRow("middle") << QByteArray("bytes=1000-4999") << 206 << qint64(1000) << qint64(4999);
        QTest::newRow("open-ended") << "bytes=" + number(size - 300) + "-" << 206 << size - 300 << size - 1;
        QTest::newRow("suffix") << QByteArray("bytes=-500") << 206 << size - 500 << size - 1;
        QTest::newRow("suffix longer than the file")
            << "bytes=-" + number(size + 50) << 206 << qint64(0) << size - 1;
        QTest::newRow("last past the end") << "bytes=10-" + number(size * 2) << 206 << qint64(10) << size - 1;
        QTest::newRow("first past the end")
            << "bytes=" + number(size) + "-" << 416 << qint64(-1) << qint64(-1);
        QTest::newRow("far past the end")
            << "bytes=" + number(size + 10) + "-" + number(size + 20) << 416 << qint64(-1) << qint64(-1);
        QTest::newRow("empty suffix") << QByteArray("bytes=-0") << 416 << qint64(-1) << qint64(-1);
        // Not taken: the whole file.
        QTest::newRow("several ranges") << QByteArray("bytes=0-9,20-29") << 200 << qint64(-1) << qint64(-1);
        QTest::newRow("last before first") << QByteArray("bytes=50-10") << 200 << qint64(-1) << qint64(-1);
        QTest::newRow("another unit") << QByteArray("items=0-9") << 200 << qint64(-1) << qint64(-1);
    }

    void byteRanges()
    {
        QFETCH(QByteArray, range);
        QFETCH(int, status);
        QFETCH(qint64, first);
        QFETCH(qint64, last);
        const auto answer = get(u"/%1/video/upload/media/clip.mp4"_s.arg(kCloud), range);
        QCOMPARE(answer.status, status);
        QCOMPARE(answer.header("Accept-Ranges"), QByteArray("bytes"));
        const QByteArray size = QByteArray::number(m_video.size());
        if (status == 206) {
            QCOMPARE(answer.header("Content-Range"),
                     "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/' + size);
            QCOMPARE(answer.body, m_video.mid(first, last - first + 1));
            QCOMPARE(answer.header("Content-Type"), QByteArray("video/mp4"));
        } else if (status == 416) {
            QCOMPARE(answer.header("Content-Range"), "bytes */" + size);
            QVERIFY(answer.body.isEmpty());
        } else {
            QVERIFY(answer.header("Content-Range").isEmpty());
            QCOMPARE(answer.body, m_video);
        }
    }

    void aVideoReadInPiecesIsTheFile()
    {
        // A video read piece by piece, as a player does, gives the file back.
        QByteArray joined;
        const qint64 piece = 8000;
        for (qint64 at = 0; at < m_video.size(); at += piece) {
            const auto answer
                = get(u"/%1/video/upload/v1/media/clip.mp4"_s.arg(kCloud),
                      "bytes=" + QByteArray::number(at) + '-' + QByteArray::number(at + piece - 1));
            QCOMPARE(answer.status, 206);
            joined += answer.body;
        }
        QCOMPARE(joined, m_video);
    }

    void pdfIsAnImageWithPages()
    {
        QCOMPARE(m_pdf.resourceType, u"image"_s);
        QCOMPARE(m_pdf.format, u"pdf"_s);
        // A4 in points.
        QCOMPARE(m_pdf.width, 595);
        QCOMPARE(m_pdf.height, 842);
        // The original as it was uploaded.
        const auto original = get(u"/%1/image/upload/media/pages.pdf"_s.arg(kCloud));
        QCOMPARE(original.status, 200);
        QCOMPARE(original.header("Content-Type"), QByteArray("application/pdf"));
        QVERIFY(original.body.startsWith("%PDF-"));
    }

    void pdfPagesArePictures_data()
    {
        QTest::addColumn<QString>("transformation");
        QTest::addColumn<QString>("extension");
        QTest::addColumn<int>("page"); // 1-based
        QTest::addColumn<QSize>("size");
        // At 150 dpi unless the URL says otherwise, as Cloudinary rasterises.
        QTest::newRow("no page: the first") << QString() << u"jpg"_s << 1 << QSize(1240, 1754);
        QTest::newRow("pg_1") << u"pg_1"_s << u"jpg"_s << 1 << QSize(1240, 1754);
        QTest::newRow("pg_2 png") << u"pg_2"_s << u"png"_s << 2 << QSize(1240, 1754);
        QTest::newRow("pg_3 resized") << u"c_limit,h_400,pg_3,w_400"_s << u"jpg"_s << 3 << QSize(283, 400);
        QTest::newRow("page and density in two steps") << u"pg_2/dn_72"_s << u"jpg"_s << 2 << QSize(595, 842);
    }

    void pdfPagesArePictures()
    {
        QFETCH(QString, transformation);
        QFETCH(QString, extension);
        QFETCH(int, page);
        QFETCH(QSize, size);
        const QString path = transformation.isEmpty()
            ? u"/%1/image/upload/media/pages.%2"_s.arg(kCloud, extension)
            : u"/%1/image/upload/%2/media/pages.%3"_s.arg(kCloud, transformation, extension);
        const auto answer = get(path);
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.header("Content-Type"), extension == u"png" ? QByteArray("image/png") : "image/jpeg");
        const QImage image = QImage::fromData(answer.body);
        // Within a pixel: how a reduction rounds is the transformer's business.
        QVERIFY2(std::abs(image.width() - size.width()) <= 1 && std::abs(image.height() - size.height()) <= 1,
                 qPrintable(u"%1x%2"_s.arg(image.width()).arg(image.height())));
        QVERIFY2(near(middleColour(image), kPageColours.at(page - 1)),
                 qPrintable(middleColour(image).name()));
    }

    void pdfPagePastTheEndIsRefused()
    {
        const auto answer = get(u"/%1/image/upload/pg_4/media/pages.jpg"_s.arg(kCloud));
        QCOMPARE(answer.status, 400);
        QVERIFY2(answer.header("X-Cld-Error").contains("page 4"), answer.header("X-Cld-Error").constData());
    }

    void audioIsAVideoOfItsFormat()
    {
        QCOMPARE(m_audio.resourceType, u"video"_s);
        QCOMPARE(m_audio.format, u"wav"_s);
        const auto whole = get(u"/%1/video/upload/media/tone.wav"_s.arg(kCloud));
        QCOMPARE(whole.status, 200);
        QVERIFY(whole.header("Content-Type").startsWith("audio/"));
        QCOMPARE(whole.body, m_audioBytes);
        const auto tail = get(u"/%1/video/upload/media/tone.wav"_s.arg(kCloud), "bytes=-44");
        QCOMPARE(tail.status, 206);
        QCOMPARE(tail.body, m_audioBytes.right(44));
    }
};

QTEST_MAIN(TestSandboxMedia)
#include "tst_sandboxmedia.moc"
