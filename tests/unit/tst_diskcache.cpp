#include "core/cache/diskcache.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

using stratus::core::DiskCache;

class TestDiskCache : public QObject
{
    Q_OBJECT

private slots:
    void storesAndReadsBack()
    {
        QTemporaryDir dir;
        DiskCache cache(dir.path(), 1 << 20);
        QVERIFY(!cache.read(QStringLiteral("a")).has_value());
        QVERIFY(cache.write(QStringLiteral("http://x/a.jpg"), QByteArray(1000, 'a')));
        QCOMPARE(cache.read(QStringLiteral("http://x/a.jpg")).value(), QByteArray(1000, 'a'));
        QCOMPARE(cache.size(), 1000);
        // Overwriting replaces, it does not add up.
        QVERIFY(cache.write(QStringLiteral("http://x/a.jpg"), QByteArray(10, 'b')));
        QCOMPARE(cache.size(), 10);
        QCOMPARE(cache.count(), 1);
    }

    void survivesARestart()
    {
        QTemporaryDir dir;
        {
            DiskCache cache(dir.path(), 1 << 20);
            QVERIFY(cache.write(QStringLiteral("k1"), "one"));
            QVERIFY(cache.write(QStringLiteral("k2"), "two!"));
        }
        DiskCache reopened(dir.path(), 1 << 20);
        QCOMPARE(reopened.count(), 2);
        QCOMPARE(reopened.size(), 7);
        QCOMPARE(reopened.read(QStringLiteral("k2")).value(), QByteArray("two!"));
    }

    void evictsTheLeastRecentlyUsedFirst_data()
    {
        // Both ways round, so that no order of the keys' file names can stand in for the order of use.
        QTest::addColumn<QString>("kept");
        QTest::addColumn<QString>("evicted");
        QTest::newRow("a read, b evicted") << QStringLiteral("a") << QStringLiteral("b");
        QTest::newRow("b read, a evicted") << QStringLiteral("b") << QStringLiteral("a");
    }
    void evictsTheLeastRecentlyUsedFirst()
    {
        // Uses in quick succession (a screen of thumbnails in one millisecond): the order still counts.
        QFETCH(QString, kept);
        QFETCH(QString, evicted);
        QTemporaryDir dir;
        DiskCache cache(dir.path(), 1000);
        QVERIFY(cache.write(kept, QByteArray(400, 'k')));
        QVERIFY(cache.write(evicted, QByteArray(400, 'e')));
        QVERIFY(cache.read(kept).has_value()); // now `evicted` is the oldest use
        QVERIFY(cache.write(QStringLiteral("new"), QByteArray(400, 'n')));
        QVERIFY(cache.contains(kept));
        QVERIFY(!cache.contains(evicted));
        QVERIFY(cache.contains(QStringLiteral("new")));
        QVERIFY(cache.size() <= 1000);
        // The files follow the index.
        int files = 0;
        for (QDirIterator it(dir.path(), QDir::Files, QDirIterator::Subdirectories); it.hasNext(); it.next())
            ++files;
        QCOMPARE(files, 2);
    }

    void neverExceedsTheLimitAndRefusesGiants()
    {
        QTemporaryDir dir;
        DiskCache cache(dir.path(), 10'000);
        for (int i = 0; i < 200; ++i) {
            QVERIFY(cache.write(QString::number(i), QByteArray(300 + i % 7, 'x')));
            QVERIFY(cache.size() <= 10'000);
        }
        QVERIFY(!cache.write(QStringLiteral("giant"), QByteArray(10'001, 'g')));
        QVERIFY(!cache.contains(QStringLiteral("giant")));
        cache.setMaximumSize(1000);
        QVERIFY(cache.size() <= 1000);
        cache.clear();
        QCOMPARE(cache.size(), 0);
        QCOMPARE(cache.count(), 0);
    }

    void ignoresForeignFiles()
    {
        QTemporaryDir dir;
        QFile stray(dir.filePath(QStringLiteral("notes.txt")));
        QVERIFY(stray.open(QIODevice::WriteOnly));
        stray.write("keep me");
        stray.close();
        DiskCache cache(dir.path(), 100);
        QCOMPARE(cache.count(), 0);
        cache.clear();
        QVERIFY(QFile::exists(stray.fileName()));
    }
};

QTEST_GUILESS_MAIN(TestDiskCache)
#include "tst_diskcache.moc"
