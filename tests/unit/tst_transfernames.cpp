// What downloads are called and what uploads are refused before sending (issue 13, point 9):
// download names from the display name (or the public ID's last segment) plus the extension, a
// second copy as "name (2).ext" and never an overwrite; the environment's media limits read from the
// usage report, files sorted into image, video and raw, and a file over its limit refused with the
// limit in words.

#include "core/catalog/catalogasset.h"
#include "core/transfers/downloadqueue.h"
#include "core/transfers/medialimits.h"
#include "words/errorwords.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus;
using namespace Qt::StringLiterals;
using core::catalog::CatalogAsset;
using core::transfers::DownloadQueue;
using core::transfers::MediaLimits;

class TestTransferNames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void downloadName_data()
    {
        QTest::addColumn<QString>("publicId");
        QTest::addColumn<QString>("displayName");
        QTest::addColumn<QString>("resourceType");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expected");
        QTest::newRow("display name") << u"cats/cat_00012"_s << u"Cat on the sofa"_s << u"image"_s
                                      << u"webp"_s << u"Cat on the sofa.webp"_s;
        QTest::newRow("no display name: the id's last segment")
            << u"cats/cat_00012"_s << QString() << u"image"_s << u"webp"_s << u"cat_00012.webp"_s;
        QTest::newRow("blank display name") << u"a/b/c"_s << u"   "_s << u"video"_s << u"mp4"_s << u"c.mp4"_s;
        QTest::newRow("display name with the extension")
            << u"x/beach_k2j3"_s << u"Beach.JPG"_s << u"image"_s << u"jpg"_s << u"Beach.JPG"_s;
        QTest::newRow("raw keeps the id's extension") << u"docs/report_x1.pdf"_s << u"Annual report"_s
                                                      << u"raw"_s << QString() << u"Annual report.pdf"_s;
        QTest::newRow("raw without a display name")
            << u"docs/data.csv"_s << QString() << u"raw"_s << QString() << u"data.csv"_s;
        QTest::newRow("a slash is not a folder")
            << u"p"_s << u"before/after"_s << u"image"_s << u"png"_s << u"before_after.png"_s;
        QTest::newRow("no hidden file")
            << u"p"_s << u".profile"_s << u"image"_s << u"png"_s << u"_profile.png"_s;
        QTest::newRow("dot dot") << u"p"_s << u".."_s << u"raw"_s << QString() << u"asset-id"_s;
    }
    void downloadName()
    {
        QFETCH(QString, publicId);
        QFETCH(QString, displayName);
        QFETCH(QString, resourceType);
        QFETCH(QString, format);
        QFETCH(QString, expected);
        CatalogAsset asset;
        asset.assetId = u"asset-id"_s;
        asset.publicId = publicId;
        asset.displayName = displayName;
        asset.resourceType = resourceType;
        asset.format = format;
        QCOMPARE(DownloadQueue::fileNameFor(asset), expected);
    }

    void secondCopyIsNumberedNeverOverwritten()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QDir folder(dir.path());
        QCOMPARE(DownloadQueue::uniquePath(folder, u"Cat.jpg"_s, {}), folder.filePath(u"Cat.jpg"_s));
        QFile first(folder.filePath(u"Cat.jpg"_s));
        QVERIFY(first.open(QIODevice::WriteOnly));
        first.close();
        QCOMPARE(DownloadQueue::uniquePath(folder, u"Cat.jpg"_s, {}), folder.filePath(u"Cat (2).jpg"_s));
        // One being written in the same batch counts as taken too.
        QCOMPARE(DownloadQueue::uniquePath(folder, u"Cat.jpg"_s, {folder.filePath(u"Cat (2).jpg"_s)}),
                 folder.filePath(u"Cat (3).jpg"_s));
        QCOMPARE(
            DownloadQueue::uniquePath(folder, u"archive.tar.gz"_s, {folder.filePath(u"archive.tar.gz"_s)}),
            folder.filePath(u"archive (2).tar.gz"_s));
    }

    void mediaLimitsFromTheUsageReport()
    {
        const QJsonObject json {{u"image_max_size_bytes"_s, 10485760},
                                {u"video_max_size_bytes"_s, 104857600},
                                {u"raw_max_size_bytes"_s, 10485760},
                                {u"image_max_px"_s, 25000000}};
        const MediaLimits limits = MediaLimits::fromJson(json);
        QCOMPARE(limits.imageBytes, qint64(10485760));
        QCOMPARE(limits.videoBytes, qint64(104857600));
        QCOMPARE(limits.rawBytes, qint64(10485760));
        QCOMPARE(MediaLimits::fromJson({}), MediaLimits {});
    }

    void kinds_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("kind");
        QTest::newRow("jpeg") << u"/a/IMG_1.JPG"_s << int(MediaLimits::Kind::Image);
        QTest::newRow("pdf is an image") << u"doc.pdf"_s << int(MediaLimits::Kind::Image);
        QTest::newRow("video") << u"clip.mov"_s << int(MediaLimits::Kind::Video);
        QTest::newRow("audio counts as video") << u"song.mp3"_s << int(MediaLimits::Kind::Video);
        QTest::newRow("raw") << u"data.csv"_s << int(MediaLimits::Kind::Raw);
        QTest::newRow("no extension") << u"README"_s << int(MediaLimits::Kind::Raw);
    }
    void kinds()
    {
        QFETCH(QString, file);
        QFETCH(int, kind);
        QCOMPARE(int(MediaLimits::kindOf(file)), kind);
    }

    void tooLargeIsRefusedWithTheLimitInWords()
    {
        MediaLimits limits;
        limits.imageBytes = 10 * 1024 * 1024;
        limits.videoBytes = 100 * 1024 * 1024;
        QVERIFY(!limits.check(u"/p/ok.jpg"_s, limits.imageBytes)); // at the limit: fine
        QVERIFY(!limits.check(u"/p/big.csv"_s, qint64(1) << 40)); // no raw limit known
        const auto refused = limits.check(u"/p/huge.jpg"_s, limits.imageBytes + 1);
        QVERIFY(refused);
        QCOMPARE(refused->reason, core::ErrorReason::ImageTooLarge);
        QCOMPARE(refused->subject, u"/p/huge.jpg"_s);
        const QString words = words::ErrorWords::text(*refused);
        QVERIFY2(words.contains(u"huge.jpg"_s) && words.contains(u"10.0 MB"_s) && words.contains(u"images"_s),
                 qPrintable(words));
        const auto video = limits.check(u"/p/long.mp4"_s, limits.videoBytes * 2);
        QVERIFY(video);
        QCOMPARE(video->reason, core::ErrorReason::VideoTooLarge);
        QVERIFY2(words::ErrorWords::text(*video).contains(u"100.0 MB"_s),
                 qPrintable(words::ErrorWords::text(*video)));
    }
};

QTEST_GUILESS_MAIN(TestTransferNames)
#include "tst_transfernames.moc"
