// What the sandbox learns from an uploaded file before it stores it (probeMedia): kind, format,
// dimensions and duration. Every size inside an MP4 comes from the file, so hostile box sizes
// (0, 1 with a 64-bit size that overflows, larger than what remains, smaller than the header,
// endless nesting, millions of tiny boxes) must end the walk and keep what was learnt so far —
// issue 11 found a 32-byte file that made the sandbox loop forever.
#include "sandbox/mediaprobe.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;
using stratus::sandbox::MediaInfo;
using stratus::sandbox::probeMedia;

namespace {

QByteArray be32(quint32 value)
{
    QByteArray out(4, Qt::Uninitialized);
    qToBigEndian(value, out.data());
    return out;
}

QByteArray be64(quint64 value)
{
    QByteArray out(8, Qt::Uninitialized);
    qToBigEndian(value, out.data());
    return out;
}

QByteArray box(const QByteArray &type, const QByteArray &payload = {})
{
    return be32(quint32(8 + payload.size())) + type + payload;
}

// A box with a 64-bit size field (size 1) that claims `declared` bytes, whatever follows.
QByteArray largeBox(const QByteArray &type, quint64 declared, const QByteArray &payload = {})
{
    return be32(1) + type + be64(declared) + payload;
}

QByteArray ftyp()
{
    return box("ftyp", "isom" + be32(0x200) + "isomiso2mp41");
}

// Movie header: version 0 has 32-bit times (timescale at 12, duration at 16), version 1 64-bit
// ones (timescale at 20, duration at 24).
QByteArray mvhd(quint32 timescale, quint64 duration, int version = 0)
{
    QByteArray payload = QByteArray(1, char(version)) + QByteArray(3, '\0');
    if (version == 1)
        payload += be64(0) + be64(0) + be32(timescale) + be64(duration);
    else
        payload += be32(0) + be32(0) + be32(timescale) + be32(quint32(duration));
    payload += QByteArray(80, '\0');
    return box("mvhd", payload);
}

// Track header with width and height in 16.16 fixed point after the matrix.
QByteArray tkhd(int width, int height, int version = 0)
{
    QByteArray payload = QByteArray(1, char(version)) + QByteArray(3, '\0');
    payload += QByteArray(version == 1 ? 32 : 20, '\0'); // times, track id, reserved, duration
    payload += QByteArray(8 + 8 + 36, '\0'); // reserved, layer/group/volume, matrix
    payload += be32(quint32(width) << 16) + be32(quint32(height) << 16);
    return box("tkhd", payload);
}

QByteArray movie(int width, int height, quint32 timescale, quint64 duration, int version = 0)
{
    return box("moov", mvhd(timescale, duration, version) + box("trak", tkhd(width, height, version)));
}

} // namespace

class tst_MediaProbe : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void probesWithoutHanging_data();
    void probesWithoutHanging();

private:
    QTemporaryDir m_dir;
};

void tst_MediaProbe::probesWithoutHanging_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("resourceType");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<double>("duration");

    const QSize none(0, 0);
    QTest::newRow("a well-formed MP4") << ftyp() + movie(640, 360, 1000, 5000) << u"clip.mp4"_s << u"video"_s
                                       << u"mp4"_s << QSize(640, 360) << 5.0;
    QTest::newRow("version 1 headers") << ftyp() + movie(1920, 1080, 600, 1500, 1) << u"clip.mov"_s
                                       << u"video"_s << u"mov"_s << QSize(1920, 1080) << 2.5;
    QTest::newRow("the issue's 32 bytes: a 64-bit size of 2^64 - 16")
        << QByteArray("\x00\x00\x00\x10"
                      "ftypisom\x00\x00\x00\x00\x00\x00\x00\x01"
                      "free\xff\xff\xff\xff\xff\xff\xff\xf0",
                      32)
        << u"l.mp4"_s << u"video"_s << u"mp4"_s << none << 0.0;
    QTest::newRow("64-bit size of exactly 2^63")
        << ftyp() + largeBox("free", quint64(1) << 63) << u"a.mp4"_s << u"video"_s << u"mp4"_s << none << 0.0;
    QTest::newRow("64-bit size smaller than its header")
        << ftyp() + largeBox("free", 15) + movie(8, 8, 1, 1) << u"a.mp4"_s << u"video"_s << u"mp4"_s << none
        << 0.0;
    QTest::newRow("size 1 cut off before its 64-bit field")
        << ftyp() + be32(1) + "free" << u"a.mp4"_s << u"video"_s << u"mp4"_s << none << 0.0;
    QTest::newRow("a box larger than what remains") << ftyp() + be32(0x7fffffff) + "moov" + mvhd(1, 1)
                                                    << u"a.mp4"_s << u"video"_s << u"mp4"_s << none << 0.0;
    QTest::newRow("a box smaller than its header") << ftyp() + be32(4) + "free" + movie(8, 8, 1, 1)
                                                   << u"a.mp4"_s << u"video"_s << u"mp4"_s << none << 0.0;
    // Size 0 means "to the end of the enclosing box": the track header inside is still found.
    QTest::newRow("size 0 runs to the end of its parent")
        << ftyp() + box("moov", mvhd(10, 30) + be32(0) + "trak" + tkhd(320, 240)) << u"a.mp4"_s << u"video"_s
        << u"mp4"_s << QSize(320, 240) << 3.0;
    QTest::newRow("a nested 64-bit size that wraps around")
        << ftyp() + box("moov", mvhd(10, 20) + largeBox("trak", ~quint64(0) - 7, tkhd(64, 48))) << u"a.mp4"_s
        << u"video"_s << u"mp4"_s << none << 2.0;
    QTest::newRow("a hostile box after the movie keeps what was read")
        << ftyp() + movie(1280, 720, 1000, 1234) + largeBox("free", quint64(1) << 63) << u"a.mp4"_s
        << u"video"_s << u"mp4"_s << QSize(1280, 720) << 1.234;
    QByteArray nested = tkhd(16, 16);
    for (int i = 0; i < 64; ++i)
        nested = box(i % 2 ? "moov" : "trak", nested);
    QTest::newRow("containers nested 64 deep")
        << ftyp() + nested << u"a.mp4"_s << u"video"_s << u"mp4"_s << none << 0.0;
    QByteArray tiny = ftyp();
    for (int i = 0; i < 200'000; ++i)
        tiny += box("free");
    QTest::newRow("200,000 empty boxes") << tiny << u"a.mp4"_s << u"video"_s << u"mp4"_s << none << 0.0;
    QTest::newRow("no ftyp, no video suffix")
        << QByteArray("\x00\x00\x00\x01moov\xff\xff\xff\xff\xff\xff\xff\xff", 16) << u"notes.bin"_s
        << u"raw"_s << QString() << none << 0.0;
}

void tst_MediaProbe::probesWithoutHanging()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, fileName);
    QFETCH(QString, resourceType);
    QFETCH(QString, format);
    QFETCH(QSize, size);
    QFETCH(double, duration);

    const QString path = m_dir.filePath(fileName);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
    file.close();

    QElapsedTimer clock;
    clock.start();
    const MediaInfo info = probeMedia(path, fileName);
    // A guard against a probe that never ends (a loop that does not advance), not a speed target:
    // the bound is far above what any input here takes, even on a loaded machine.
    QVERIFY2(clock.elapsed() < 30000, qPrintable(u"probing took %1 ms"_s.arg(clock.elapsed())));
    QCOMPARE(info.resourceType, resourceType);
    QCOMPARE(info.format, format);
    QCOMPARE(QSize(info.width, info.height), size);
    QCOMPARE(info.duration, duration);
}

QTEST_MAIN(tst_MediaProbe)
#include "tst_mediaprobe.moc"
