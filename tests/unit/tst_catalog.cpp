// The local catalogue (core/catalog/Catalog): folder listing in both folder modes, full-text search
// and facets, write-through, and `find` evaluating Search API expressions like the live API.

#include "core/catalog/catalog.h"
#include "core/catalog/catalogpaths.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus::core;
using namespace stratus::core::catalog;
using namespace Qt::StringLiterals;

namespace {

CatalogAsset makeAsset(const QString &id, const QString &publicId, const QString &assetFolder,
                       const QString &displayName, const QStringList &tags, const QString &format = u"jpg"_s,
                       qint64 bytes = 1000, int dayOfMonth = 1)
{
    CatalogAsset a;
    a.assetId = id;
    a.publicId = publicId;
    a.resourceType = format == u"mp4" ? u"video"_s : format.isEmpty() ? u"raw"_s : u"image"_s;
    a.type = u"upload"_s;
    a.format = format;
    a.bytes = bytes;
    if (!format.isEmpty()) {
        a.width = 640;
        a.height = 480;
    }
    if (format == u"mp4")
        a.duration = 3.0;
    a.createdAt = QDateTime(QDate(2026, 1, dayOfMonth), QTime(10, 0), Qt::UTC);
    a.uploadedAt = a.createdAt;
    a.assetFolder = assetFolder;
    a.publicIdFolder = search::fixedModeFolder(publicId);
    a.displayName = displayName;
    a.tags = tags;
    a.context = QJsonObject {{u"alt"_s, QString(u"A picture of "_s + displayName)}};
    a.status = u"active"_s;
    return a;
}

// Public ids follow the folders (fixed mode); asset folders differ for two of them (dynamic mode).
QList<CatalogAsset> sampleAssets()
{
    return {
        makeAsset(u"a1"_s, u"beach/sunset_1"_s, u"beach"_s, u"Sunset one"_s, {u"summer"_s, u"sea"_s},
                  u"jpg"_s, 2000, 1),
        makeAsset(u"a2"_s, u"beach/dune"_s, u"beach"_s, u"Dune"_s, {u"summer"_s}, u"png"_s, 500000, 2),
        makeAsset(u"a3"_s, u"beach/rocks/pebble"_s, u"beach/rocks"_s, u"Pebble"_s, {u"Stone"_s}, u"jpg"_s,
                  3000, 3),
        makeAsset(u"a4"_s, u"city/tower"_s, u"beach"_s, u"Tower at night"_s, {u"night"_s}, u"jpg"_s, 4000000,
                  4),
        makeAsset(u"a5"_s, u"clip"_s, u"city/videos"_s, u"Clip"_s, {u"night"_s, u"sea"_s}, u"mp4"_s, 9000000,
                  5),
        makeAsset(u"a6"_s, u"notes.txt"_s, u""_s, u"notes.txt"_s, {}, u""_s, 120, 6),
    };
}

QStringList ids(const QList<CatalogAsset> &assets)
{
    QStringList out;
    for (const CatalogAsset &a : assets)
        out.append(a.assetId);
    return out;
}

QStringList sortedIds(const QList<CatalogAsset> &assets)
{
    QStringList out = ids(assets);
    out.sort();
    return out;
}

} // namespace

class TestCatalog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Catalog> openFilled(FolderMode mode)
    {
        auto opened = Catalog::open(catalogFilePath(m_dir.path(), u"env-%1"_s.arg(++m_counter)));
        if (!opened)
            qFatal("cannot open: %s", qPrintable(opened.error().message));
        std::unique_ptr<Catalog> catalog = std::move(opened).value();
        if (auto set = catalog->setFolderMode(mode); !set)
            qFatal("cannot set the folder mode: %s", qPrintable(set.error().message));
        if (auto filled = catalog->upsert(sampleAssets()); !filled)
            qFatal("cannot fill the catalogue: %s", qPrintable(filled.error().message));
        return catalog;
    }

    QTemporaryDir m_dir;
    int m_counter = 0;

private Q_SLOTS:
    void pathIsPerEnvironment()
    {
        QCOMPARE(catalogFilePath(u"/root"_s, u"e1"_s), u"/root/e1/catalog.sqlite"_s);
    }

    void listFolder_data()
    {
        QTest::addColumn<bool>("dynamic");
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QStringList>("expected"); // in name order
        QTest::newRow("fixed root") << false << u""_s << QStringList {u"a5"_s, u"a6"_s};
        QTest::newRow("fixed root as a null string") << false << QString() << QStringList {u"a5"_s, u"a6"_s};
        QTest::newRow("fixed beach") << false << u"beach"_s << QStringList {u"a2"_s, u"a1"_s};
        QTest::newRow("fixed nested") << false << u"beach/rocks"_s << QStringList {u"a3"_s};
        QTest::newRow("fixed city") << false << u"city"_s << QStringList {u"a4"_s};
        QTest::newRow("dynamic root") << true << u""_s << QStringList {u"a6"_s};
        QTest::newRow("dynamic beach: display names")
            << true << u"beach"_s << QStringList {u"a2"_s, u"a1"_s, u"a4"_s};
        QTest::newRow("dynamic city is empty") << true << u"city"_s << QStringList {};
        QTest::newRow("dynamic videos") << true << u"city/videos"_s << QStringList {u"a5"_s};
    }
    void listFolder()
    {
        QFETCH(bool, dynamic);
        QFETCH(QString, folder);
        QFETCH(QStringList, expected);
        auto catalog = openFilled(dynamic ? FolderMode::Dynamic : FolderMode::Fixed);
        auto page = catalog->listFolder(folder);
        QVERIFY2(page, qPrintable(page ? QString() : page.error().message));
        QCOMPARE(ids(page->assets), expected);
        QCOMPARE(page->total, expected.size());
    }

    void pagingAndSorting()
    {
        auto catalog = openFilled(FolderMode::Dynamic);
        auto first = catalog->listFolder(u"beach"_s, CatalogSort::Bytes, Qt::DescendingOrder, 0, 2);
        QVERIFY(first);
        QCOMPARE(ids(first->assets), (QStringList {u"a4"_s, u"a2"_s}));
        QCOMPARE(first->total, 3);
        auto second = catalog->listFolder(u"beach"_s, CatalogSort::Bytes, Qt::DescendingOrder, 2, 2);
        QVERIFY(second);
        QCOMPARE(ids(second->assets), (QStringList {u"a1"_s}));
    }

    void childFoldersWithCounts()
    {
        auto fixed = openFilled(FolderMode::Fixed);
        auto top = fixed->childFolders(QString());
        QVERIFY(top);
        QCOMPARE(top->size(), 2);
        QCOMPARE(top->at(0).path, u"beach"_s);
        QCOMPARE(top->at(0).directCount, 2);
        QCOMPARE(top->at(0).totalCount, 3); // incl. beach/rocks
        QVERIFY(top->at(0).hasChildren);
        QCOMPARE(top->at(1).path, u"city"_s);
        QCOMPARE(top->at(1).totalCount, 1);
        QVERIFY(!top->at(1).hasChildren);

        auto dynamic = openFilled(FolderMode::Dynamic);
        auto city = dynamic->childFolders(u"city"_s);
        QVERIFY(city);
        QCOMPARE(city->size(), 1);
        QCOMPARE(city->at(0).name, u"videos"_s);
        auto cityInfo = dynamic->folderInfo(u"city"_s);
        QVERIFY(cityInfo && *cityInfo);
        QCOMPARE((*cityInfo)->directCount, 0);
        QCOMPARE((*cityInfo)->totalCount, 1);
    }

    void switchingFolderModeRefiles()
    {
        auto catalog = openFilled(FolderMode::Fixed);
        QVERIFY(catalog->setFolderMode(FolderMode::Dynamic));
        auto beach = catalog->listFolder(u"beach"_s);
        QVERIFY(beach);
        QCOMPARE(sortedIds(beach->assets), (QStringList {u"a1"_s, u"a2"_s, u"a4"_s}));
        QCOMPARE(beach->assets.at(2).name(FolderMode::Dynamic), u"Tower at night"_s);
    }

    void fullTextSearch_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("prefix of a public id word") << u"suns"_s << QStringList {u"a1"_s};
        QTest::newRow("display name word") << u"tower"_s << QStringList {u"a4"_s};
        QTest::newRow("tag") << u"summer"_s << QStringList {u"a1"_s, u"a2"_s};
        QTest::newRow("context value") << u"picture pebble"_s << QStringList {u"a3"_s};
        QTest::newRow("all words required") << u"night clip"_s << QStringList {u"a5"_s};
        QTest::newRow("case and punctuation") << u"BEACH/Rocks"_s << QStringList {u"a3"_s};
        QTest::newRow("FTS syntax is only words") << u"\"sea\" OR NOT"_s << QStringList {};
        QTest::newRow("nothing") << u"zebra"_s << QStringList {};
    }
    void fullTextSearch()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        auto catalog = openFilled(FolderMode::Fixed);
        CatalogQuery query;
        query.text = text;
        auto page = catalog->search(query);
        QVERIFY2(page, qPrintable(page ? QString() : page.error().message));
        QCOMPARE(sortedIds(page->assets), expected);
    }

    void facetFilters()
    {
        auto catalog = openFilled(FolderMode::Fixed);
        CatalogQuery query;
        query.resourceTypes = {u"image"_s};
        query.tags = {u"summer"_s};
        auto page = catalog->search(query);
        QVERIFY(page);
        QCOMPARE(sortedIds(page->assets), (QStringList {u"a1"_s, u"a2"_s}));

        CatalogQuery sized;
        sized.minBytes = 3000;
        sized.maxBytes = 4000000;
        sized.createdFrom = QDateTime(QDate(2026, 1, 3), QTime(0, 0), Qt::UTC);
        sized.createdBefore = QDateTime(QDate(2026, 1, 5), QTime(0, 0), Qt::UTC);
        page = catalog->search(sized);
        QVERIFY(page);
        QCOMPARE(sortedIds(page->assets), (QStringList {u"a3"_s, u"a4"_s}));

        CatalogQuery formats;
        formats.formats = {u"JPG"_s, u"mp4"_s};
        formats.text = u"night"_s;
        page = catalog->search(formats);
        QVERIFY(page);
        QCOMPARE(sortedIds(page->assets), (QStringList {u"a4"_s, u"a5"_s}));
    }

    // Ticked tags: an asset with all of them, or (anyTag) with any one (issue 13, point 7).
    void tagsAllOrAny_data()
    {
        QTest::addColumn<QStringList>("tags");
        QTest::addColumn<bool>("any");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("all of two") << QStringList {u"summer"_s, u"sea"_s} << false << QStringList {u"a1"_s};
        QTest::newRow("any of two") << QStringList {u"summer"_s, u"sea"_s} << true
                                    << QStringList {u"a1"_s, u"a2"_s, u"a5"_s};
        QTest::newRow("any of one") << QStringList {u"night"_s} << true << QStringList {u"a4"_s, u"a5"_s};
        QTest::newRow("any of none there") << QStringList {u"zebra"_s, u"winter"_s} << true << QStringList {};
    }
    void tagsAllOrAny()
    {
        QFETCH(QStringList, tags);
        QFETCH(bool, any);
        QFETCH(QStringList, expected);
        auto catalog = openFilled(FolderMode::Fixed);
        CatalogQuery query;
        query.tags = tags;
        query.anyTag = any;
        auto page = catalog->search(query);
        QVERIFY(page);
        QCOMPARE(sortedIds(page->assets), expected);
        QCOMPARE(page->total, qint64(expected.size()));
    }

    void facetCounts()
    {
        auto catalog = openFilled(FolderMode::Fixed);
        auto facets = catalog->facets({});
        QVERIFY(facets);
        QCOMPARE(facets->resourceTypes.size(), 3);
        QCOMPARE(facets->resourceTypes.at(0).value, u"image"_s);
        QCOMPARE(facets->resourceTypes.at(0).count, 4);
        QCOMPARE(facets->formats.at(0).value, u"jpg"_s);
        QCOMPARE(facets->formats.at(0).count, 3);
        QCOMPARE(facets->tags.size(), 4);
        QCOMPARE(facets->tags.at(0).count, 2); // night, sea, summer: 2 each, by name
        QCOMPARE(facets->tags.at(0).value, u"night"_s);

        CatalogQuery night;
        night.tags = {u"night"_s};
        facets = catalog->facets(night, 2);
        QVERIFY(facets);
        QCOMPARE(facets->tags.size(), 2);
        QCOMPARE(facets->formats.size(), 2);

        // The counts of a typed search (the filter bar's counts while searching).
        CatalogQuery typed;
        typed.text = u"sunset"_s;
        facets = catalog->facets(typed);
        QVERIFY2(facets, facets ? "" : qPrintable(facets.error().message));
        QCOMPARE(facets->resourceTypes.size(), 1);
        QCOMPARE(facets->resourceTypes.at(0).count, 1);
        QCOMPARE(facets->tags.size(), 2); // a1's summer and sea
    }

    void writeThrough()
    {
        auto catalog = openFilled(FolderMode::Fixed);
        // A tag edited in the app: searchable at once.
        CatalogAsset edited = *catalog->asset(u"a2"_s).value();
        edited.tags = {u"autumn"_s};
        QVERIFY(catalog->upsert({edited}));
        CatalogQuery autumn;
        autumn.text = u"autumn"_s;
        QCOMPARE(ids(catalog->search(autumn)->assets), QStringList {u"a2"_s});
        autumn.text = u"summer"_s;
        QCOMPARE(ids(catalog->search(autumn)->assets), QStringList {u"a1"_s});

        // A rename in fixed mode moves the asset; the folder counts follow.
        QVERIFY(catalog->rename(u"a3"_s, u"city/pebble"_s));
        QCOMPARE(ids(catalog->listFolder(u"city"_s)->assets), (QStringList {u"a3"_s, u"a4"_s}));
        QVERIFY(!catalog->folderInfo(u"beach/rocks"_s).value().has_value());
        QCOMPARE(catalog->folderInfo(u"beach"_s).value()->totalCount, 2);

        // A delete.
        QVERIFY(catalog->remove({u"a1"_s, u"unknown"_s}));
        QVERIFY(!catalog->asset(u"a1"_s).value().has_value());
        autumn.text = u"sunset"_s;
        QCOMPARE(catalog->search(autumn)->total, 0);
        QCOMPARE(catalog->assetCount(), 5);
    }

    void manyMatchesPageLikeFewMatches()
    {
        // Thousands of matches take another way to the first page (the name index, the FTS count):
        // the same pages, in the same order, as sorting every match.
        auto catalog = openFilled(FolderMode::Dynamic);
        QList<CatalogAsset> many;
        QStringList names;
        for (int i = 0; i < 2600; ++i) {
            // Names in a scrambled order, mixed case, some equal (asset_id breaks the tie).
            const int n = (i * 7919) % 2600;
            const QString name = (n % 3 ? u"Lake %1"_s : u"lake %1"_s).arg(n / 2, 4, 10, QLatin1Char('0'));
            many << makeAsset(u"m%1"_s.arg(i, 5, 10, QLatin1Char('0')), u"bulk/p%1"_s.arg(i), u"bulk"_s, name,
                              {u"lake"_s});
        }
        QVERIFY(catalog->upsert(many));
        QList<std::pair<QString, QString>> expected; // (folded name, asset id)
        for (const CatalogAsset &a : std::as_const(many))
            expected.append({a.name(FolderMode::Dynamic).toCaseFolded(), a.assetId});
        std::sort(expected.begin(), expected.end());

        CatalogQuery lake;
        lake.text = u"lake"_s;
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            QStringList all;
            for (int offset = 0; offset < 2600; offset += 500) {
                auto page = catalog->search(lake, CatalogSort::Name, order, offset, 500);
                QVERIFY(page);
                QCOMPARE(page->total, 2600);
                all << ids(page->assets);
            }
            QStringList wanted;
            for (const auto &[name, id] : std::as_const(expected))
                wanted << id;
            if (order == Qt::DescendingOrder)
                std::reverse(wanted.begin(), wanted.end());
            QCOMPARE(all, wanted);
        }
        // With a filter the count is made over the assets again, and still right.
        lake.formats = {u"jpg"_s};
        QCOMPARE(catalog->search(lake, CatalogSort::Name, Qt::AscendingOrder, 0, 10)->total, 2600);
        lake.formats = {u"png"_s};
        QCOMPARE(catalog->search(lake, CatalogSort::Name, Qt::AscendingOrder, 0, 10)->total, 0);
    }

    void assetsWithEtag()
    {
        auto catalog = openFilled(FolderMode::Fixed);
        CatalogAsset a2 = *catalog->asset(u"a2"_s).value();
        CatalogAsset a5 = *catalog->asset(u"a5"_s).value();
        a2.etag = u"0cc175b9c0f1b6a831c399e269772661"_s;
        a5.etag = a2.etag;
        QVERIFY(catalog->upsert({a2, a5}));
        QCOMPARE(ids(catalog->assetsWithEtag(a2.etag).value()), (QStringList {u"a2"_s, u"a5"_s}));
        // Hex case does not matter; an unknown or empty etag finds nothing.
        QCOMPARE(ids(catalog->assetsWithEtag(a2.etag.toUpper()).value()), (QStringList {u"a2"_s, u"a5"_s}));
        QVERIFY(catalog->assetsWithEtag(u"92eb5ffee6ae2fec3ad71c777531578f"_s).value().isEmpty());
        QVERIFY(catalog->assetsWithEtag({}).value().isEmpty());
    }

    void fullSyncRemovesWhatItDidNotSee()
    {
        auto catalog = openFilled(FolderMode::Fixed);
        QVERIFY(catalog->beginFullSync());
        QList<CatalogAsset> seen = sampleAssets();
        seen.removeAt(0);
        QVERIFY(catalog->upsert(seen, false));
        const QDateTime end = QDateTime::currentDateTimeUtc();
        auto removed = catalog->finishFullSync(end);
        QVERIFY(removed);
        QCOMPARE(removed.value(), 1);
        QVERIFY(!catalog->asset(u"a1"_s).value().has_value());
        QCOMPARE(catalog->syncState().lastFullSync, end);

        // The state survives reopening.
        const QString path = catalog->filePath();
        catalog.reset();
        auto reopened = Catalog::openExisting(path);
        QVERIFY(reopened);
        QCOMPARE(reopened.value()->syncState().folderMode, FolderMode::Fixed);
        QCOMPARE(reopened.value()->syncState().lastFullSync.toMSecsSinceEpoch(), end.toMSecsSinceEpoch());
        QCOMPARE(reopened.value()->syncState().schemaVersion, Catalog::kSchemaVersion);
        QCOMPARE(reopened.value()->assetCount(), 5);
    }

    void openExistingNeedsAFile()
    {
        auto missing = Catalog::openExisting(m_dir.filePath(u"none/catalog.sqlite"_s));
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, Error::Kind::NotFound);
    }

    void find_data()
    {
        QTest::addColumn<bool>("dynamic");
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QStringList>("expected"); // Search API order: created_at desc
        QTest::newRow("everything") << false << u""_s
                                    << QStringList {u"a6"_s, u"a5"_s, u"a4"_s, u"a3"_s, u"a2"_s, u"a1"_s};
        QTest::newRow("tag") << false << u"tags:summer"_s << QStringList {u"a2"_s, u"a1"_s};
        QTest::newRow("exact tag is case-sensitive") << false << u"tags=stone"_s << QStringList {};
        QTest::newRow("fixed folder") << false << u"folder:beach"_s << QStringList {u"a2"_s, u"a1"_s};
        QTest::newRow("fixed subtree")
            << false << u"folder:beach/*"_s << QStringList {u"a3"_s, u"a2"_s, u"a1"_s};
        QTest::newRow("dynamic folder")
            << true << u"asset_folder:beach"_s << QStringList {u"a4"_s, u"a2"_s, u"a1"_s};
        QTest::newRow("dynamic root") << true << u"asset_folder:\"\""_s << QStringList {u"a6"_s};
        QTest::newRow("raw has no width")
            << false << u"width<1000"_s << QStringList {u"a5"_s, u"a4"_s, u"a3"_s, u"a2"_s, u"a1"_s};
        QTest::newRow("bytes range") << false << u"bytes:[1k TO 5m]"_s
                                     << QStringList {u"a4"_s, u"a3"_s, u"a2"_s, u"a1"_s};
        QTest::newRow("and not") << false << u"resource_type:image AND -format:png"_s
                                 << QStringList {u"a4"_s, u"a3"_s, u"a1"_s};
        QTest::newRow("or") << false << u"format:mp4 OR tags:Stone"_s << QStringList {u"a5"_s, u"a3"_s};
        QTest::newRow("context") << false << u"context.alt:dune"_s << QStringList {u"a2"_s};
        QTest::newRow("date") << false << u"created_at>=2026-01-05"_s << QStringList {u"a6"_s, u"a5"_s};
        QTest::newRow("duration") << false << u"duration>1"_s << QStringList {u"a5"_s};
        QTest::newRow("wildcard") << false << u"public_id:sun*"_s << QStringList {u"a1"_s};
        QTest::newRow("free text") << false << u"night"_s << QStringList {u"a5"_s, u"a4"_s};
    }
    void find()
    {
        QFETCH(bool, dynamic);
        QFETCH(QString, expression);
        QFETCH(QStringList, expected);
        auto catalog = openFilled(dynamic ? FolderMode::Dynamic : FolderMode::Fixed);
        auto parsed = search::Expression::parse(expression);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        auto found = catalog->find(*parsed, QDateTime(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC));
        QVERIFY(found);
        QCOMPARE(ids(*found), expected);
    }

    // Issue 11, item 11: the Search API answers expressions of thousands of terms; so must find().
    void findWithThousandsOfTerms_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QStringList>("expected");
        QStringList ors;
        for (int i = 0; i < 3000; ++i)
            ors << u"public_id:missing_%1"_s.arg(i);
        ors.insert(1500, u"tags:Stone"_s);
        QTest::newRow("3,000 ORs") << ors.join(u" OR "_s) << QStringList {u"a3"_s};
        QStringList ands;
        for (int i = 0; i < 1500; ++i)
            ands << u"bytes>%1"_s.arg(i);
        ands << u"format:png"_s;
        QTest::newRow("1,501 ANDs") << ands.join(u" AND "_s) << QStringList {u"a2"_s};
        QStringList mixed;
        for (int i = 0; i < 1200; ++i)
            mixed << u"(format:gif AND bytes>%1)"_s.arg(i);
        mixed << u"(format:mp4 AND bytes>1)"_s;
        QTest::newRow("1,201 ORs of ANDs") << mixed.join(u" OR "_s) << QStringList {u"a5"_s};
        QStringList many;
        for (int i = 0; i < 17000; ++i)
            many << u"bytes:[%1 TO %2]"_s.arg(i * 2000).arg(i * 2000 + 1);
        QTest::newRow("more values than SQLite binds")
            << many.join(u" OR "_s) << QStringList {u"a5"_s, u"a4"_s, u"a2"_s, u"a1"_s};
    }

    void findWithThousandsOfTerms()
    {
        QFETCH(QString, expression);
        QFETCH(QStringList, expected);
        auto catalog = openFilled(FolderMode::Fixed);
        auto parsed = search::Expression::parse(expression);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        auto found = catalog->find(*parsed);
        QVERIFY2(found, qPrintable(found ? QString() : found.error().message));
        QCOMPARE(ids(*found), expected);
    }

    void resourceJsonRoundTrip()
    {
        const QJsonObject json {{u"asset_id"_s, u"x"_s},
                                {u"public_id"_s, u"a/b/c"_s},
                                {u"resource_type"_s, u"video"_s},
                                {u"type"_s, u"upload"_s},
                                {u"format"_s, u"mp4"_s},
                                {u"bytes"_s, 12345},
                                {u"width"_s, 320},
                                {u"height"_s, 180},
                                {u"duration"_s, 2.5},
                                {u"created_at"_s, u"2026-11-01T09:00:00Z"_s},
                                {u"asset_folder"_s, u"a/b"_s},
                                {u"folder"_s, u"a/b"_s},
                                {u"display_name"_s, u"c"_s},
                                {u"tags"_s, QJsonArray {u"t1"_s}},
                                {u"context"_s, QJsonObject {{u"custom"_s, QJsonObject {{u"k"_s, u"v"_s}}}}}};
        const CatalogAsset asset = CatalogAsset::fromResourceJson(json);
        QCOMPARE(asset.publicIdFolder, u"a/b"_s);
        QCOMPARE(asset.uploadedAt, asset.createdAt);
        QCOMPARE(asset.context.value(u"k"_s).toString(), u"v"_s);
        const QJsonObject cli = asset.toCliJson();
        QCOMPARE(cli.value(u"created_at"_s).toString(), u"2026-11-01T09:00:00Z"_s);
        QCOMPARE(cli.value(u"bytes"_s).toInteger(), 12345);
        QCOMPARE(cli.value(u"duration"_s).toDouble(), 2.5);
        QCOMPARE(CatalogAsset::fromResourceJson(asset.toResourceJson()).toCliJson(), cli);
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
