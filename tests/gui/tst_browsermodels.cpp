// The browser's models over a real catalogue in a temporary file: folder listings paged with
// fetchMore, search, sorting, thumbnails handed in, the lazy folder tree with counts, and the
// details columns. Every model runs under QAbstractItemModelTester.

#include "core/catalog/catalog.h"
#include "gui/browser/assetcolumnsmodel.h"
#include "gui/browser/assetlistmodel.h"
#include "gui/browser/foldertreemodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus;
using namespace stratus::core::catalog;
using namespace Qt::StringLiterals;
using gui::AssetListModel;

namespace {

CatalogAsset makeAsset(int n, const QString &folder, const QString &format)
{
    CatalogAsset a;
    a.assetId = u"id%1"_s.arg(n, 4, 10, QLatin1Char('0'));
    const QString name = u"asset_%1"_s.arg(n, 4, 10, QLatin1Char('0'));
    a.publicId = folder.isEmpty() ? name : folder + u'/' + name;
    a.resourceType = format == u"mp4" ? u"video"_s : format == u"txt" ? u"raw"_s : u"image"_s;
    a.type = u"upload"_s;
    a.format = format;
    a.bytes = 1000 + (n * 7919) % 50000;
    if (a.resourceType != u"raw") {
        a.width = 100 + n;
        a.height = 80 + n;
    }
    if (a.resourceType == u"video")
        a.duration = 2.5 + n;
    a.createdAt = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).addSecs(3600 * ((n * 37) % 500));
    a.uploadedAt = a.createdAt;
    a.assetFolder = folder;
    a.publicIdFolder = folder;
    a.displayName = name;
    a.tags = n % 3 == 0 ? QStringList {u"beach"_s} : QStringList {u"city"_s, u"night"_s};
    a.status = u"active"_s;
    return a;
}

} // namespace

// Each tester is told not to call fetchMore itself: the test pages explicitly, and the tester's own
// fetchMore from its modelReset handler would run before it has noted the end of the reset.
class TestBrowserModels : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Catalog> m_catalog;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto opened = Catalog::open(m_dir.filePath(u"catalog.sqlite"_s));
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().message));
        m_catalog = std::move(opened).value();
        QVERIFY(m_catalog->setFolderMode(core::FolderMode::Fixed).ok());
        // 250 in "photos" (more than a page), 12 in photos/2026/jan, 5 in "videos", 3 raw at the root.
        QList<CatalogAsset> assets;
        int n = 0;
        for (int i = 0; i < 250; ++i)
            assets.append(makeAsset(n++, u"photos"_s, i % 2 ? u"jpg"_s : u"png"_s));
        for (int i = 0; i < 12; ++i)
            assets.append(makeAsset(n++, u"photos/2026/jan"_s, u"jpg"_s));
        for (int i = 0; i < 5; ++i)
            assets.append(makeAsset(n++, u"videos"_s, u"mp4"_s));
        for (int i = 0; i < 3; ++i)
            assets.append(makeAsset(n++, QString(), u"txt"_s));
        QVERIFY(m_catalog->upsert(assets).ok());
        QCOMPARE(m_catalog->assetCount(), 270);
    }

    void folderListingIsPaged()
    {
        AssetListModel model(m_catalog.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(false);
        model.setPageSize(100);
        model.setFolder(u"photos"_s);
        QCOMPARE(model.totalAssets(), 250);
        QCOMPARE(model.folderRowCount(), 1); // photos/2026
        QCOMPARE(model.rowCount(), 1 + 100);
        QCOMPARE(model.index(0).data(AssetListModel::KindRole).value<AssetListModel::RowKind>(),
                 AssetListModel::RowKind::Folder);
        QCOMPARE(model.index(0).data(AssetListModel::FolderPathRole).toString(), u"photos/2026"_s);
        QCOMPARE(model.index(0).data(AssetListModel::CountRole).toLongLong(), 12);
        QCOMPARE(model.index(1).data(Qt::DisplayRole).toString(), u"asset_0000"_s);
        QVERIFY(model.canFetchMore({}));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.fetchMore({});
        model.fetchMore({});
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(model.rowCount(), 1 + 250);
        QVERIFY(!model.canFetchMore({}));
        // Every asset once, in name order.
        QCOMPARE(model.index(250).data(AssetListModel::NameRole).toString(), u"asset_0249"_s);
        QCOMPARE(model.rowOfAsset(u"id0249"_s), 250);
    }

    void rolesDescribeTheAsset()
    {
        AssetListModel model(m_catalog.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(false);
        model.setFolder(u"videos"_s);
        QCOMPARE(model.rowCount(), 5);
        const QModelIndex first = model.index(0);
        const CatalogAsset *asset = model.assetAt(0);
        QVERIFY(asset);
        QCOMPARE(first.data(AssetListModel::PublicIdRole).toString(), asset->publicId);
        QCOMPARE(first.data(AssetListModel::ResourceTypeRole).toString(), u"video"_s);
        QCOMPARE(first.data(AssetListModel::FormatRole).toString(), u"mp4"_s);
        QCOMPARE(first.data(AssetListModel::BytesRole).toLongLong(), asset->bytes);
        QCOMPARE(first.data(AssetListModel::WidthRole).toInt(), asset->width);
        QCOMPARE(first.data(AssetListModel::HeightRole).toInt(), asset->height);
        QCOMPARE(first.data(AssetListModel::DurationRole).toDouble(), *asset->duration);
        QCOMPARE(first.data(AssetListModel::CreatedAtRole).toDateTime(), asset->createdAt);
        QCOMPARE(first.data(AssetListModel::TagsRole).toStringList(), asset->tags);

        model.setFolder(QString());
        QCOMPARE(model.folderRowCount(), 2); // photos, videos
        QCOMPARE(model.rowCount(), 2 + 3);
        const QModelIndex raw = model.index(2);
        QCOMPARE(raw.data(AssetListModel::ResourceTypeRole).toString(), u"raw"_s);
        QVERIFY(!raw.data(AssetListModel::DurationRole).isValid());
        QCOMPARE(raw.data(AssetListModel::ThumbnailStateRole).value<AssetListModel::ThumbnailState>(),
                 AssetListModel::ThumbnailState::None);
        QVERIFY(!model.needsThumbnail(2));
    }

    void thumbnailsArriveByKey()
    {
        AssetListModel model(m_catalog.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(false);
        model.setFolder(u"videos"_s);
        model.setThumbnailSize(QSize(64, 64));
        const QModelIndex first = model.index(0);
        const QString key = first.data(AssetListModel::ThumbnailKeyRole).toString();
        QCOMPARE(key, u"%1~v%2@64x64"_s.arg(model.assetAt(0)->assetId).arg(model.assetAt(0)->version));
        QCOMPARE(first.data(AssetListModel::ThumbnailStateRole).value<AssetListModel::ThumbnailState>(),
                 AssetListModel::ThumbnailState::Loading);
        QVERIFY(model.needsThumbnail(0));
        // A placeholder while loading: not null, not the picture.
        QCOMPARE(first.data(AssetListModel::ThumbnailRole).value<QPixmap>().size(), QSize(64, 64));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QImage red(64, 64, QImage::Format_RGB32);
        red.fill(Qt::red);
        model.setThumbnail(key, red);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex(), first);
        QCOMPARE(first.data(AssetListModel::ThumbnailStateRole).value<AssetListModel::ThumbnailState>(),
                 AssetListModel::ThumbnailState::Ready);
        QCOMPARE(first.data(AssetListModel::ThumbnailRole).value<QPixmap>().toImage().pixelColor(5, 5),
                 QColor(Qt::red));
        QVERIFY(!model.needsThumbnail(0));

        // Zoomed: a new key; the old picture stands in, but a new one is wanted.
        model.setThumbnailSize(QSize(128, 128));
        QVERIFY(model.needsThumbnail(0));
        QCOMPARE(first.data(AssetListModel::ThumbnailRole).value<QPixmap>().size(), QSize(64, 64));

        // A failure keeps the placeholder and is not asked for again.
        const QString second = model.index(1).data(AssetListModel::ThumbnailKeyRole).toString();
        model.setThumbnailFailed(second);
        QCOMPARE(
            model.index(1).data(AssetListModel::ThumbnailStateRole).value<AssetListModel::ThumbnailState>(),
            AssetListModel::ThumbnailState::Failed);
        QVERIFY(!model.needsThumbnail(1));
    }

    // Issue 12, point 8: after an upload with "Replace" the asset keeps its id and gets a new
    // version; the grid must show the new picture, not the one it holds in memory for the id.
    void aReplacedAssetGetsItsNewPicture()
    {
        AssetListModel model(m_catalog.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(false);
        model.setFolder(u"videos"_s);
        model.setThumbnailSize(QSize(64, 64));
        CatalogAsset asset = *model.assetAt(0);
        QImage old(64, 64, QImage::Format_RGB32);
        old.fill(Qt::red);
        model.setThumbnail(model.index(0).data(AssetListModel::ThumbnailKeyRole).toString(), old);
        QVERIFY(!model.needsThumbnail(0));

        asset.version += 1; // written through after the replacing upload
        QVERIFY(m_catalog->upsert({asset}).ok());
        model.reload();
        QCOMPARE(model.assetAt(0)->assetId, asset.assetId);
        QVERIFY(model.needsThumbnail(0));
        QCOMPARE(
            model.index(0).data(AssetListModel::ThumbnailStateRole).value<AssetListModel::ThumbnailState>(),
            AssetListModel::ThumbnailState::Loading);
        QVERIFY(model.index(0).data(AssetListModel::ThumbnailRole).value<QPixmap>().toImage().pixelColor(5, 5)
                != QColor(Qt::red));
        QImage fresh(64, 64, QImage::Format_RGB32);
        fresh.fill(Qt::blue);
        model.setThumbnail(model.index(0).data(AssetListModel::ThumbnailKeyRole).toString(), fresh);
        QCOMPARE(
            model.index(0).data(AssetListModel::ThumbnailRole).value<QPixmap>().toImage().pixelColor(5, 5),
            QColor(Qt::blue));
    }

    void searchAndSort()
    {
        AssetListModel model(m_catalog.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(false);
        CatalogQuery query;
        query.text = u"beach"_s;
        model.setQuery(query);
        QVERIFY(model.isSearch());
        QCOMPARE(model.folderRowCount(), 0);
        QCOMPARE(model.totalAssets(), 90); // every third of 270
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 90);

        model.setFolder(u"photos"_s);
        model.setSort(CatalogSort::Bytes, Qt::DescendingOrder);
        qint64 previous = std::numeric_limits<qint64>::max();
        for (int row = model.folderRowCount(); row < model.rowCount(); ++row) {
            const qint64 bytes = model.index(row).data(AssetListModel::BytesRole).toLongLong();
            QVERIFY(bytes <= previous);
            previous = bytes;
        }
    }

    void detailsColumns()
    {
        AssetListModel list(m_catalog.get());
        gui::AssetColumnsModel columns;
        columns.setSourceModel(&list);
        QAbstractItemModelTester tester(&columns, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(false);
        list.setPageSize(50);
        list.setFolder(u"photos"_s);
        QCOMPARE(columns.rowCount(), 51);
        QCOMPARE(columns.columnCount(), int(gui::AssetColumnsModel::ColumnCount));
        QCOMPARE(columns.headerData(gui::AssetColumnsModel::Dimensions, Qt::Horizontal).toString(),
                 u"Dimensions"_s);
        QVERIFY(columns.canFetchMore({}));
        columns.fetchMore({});
        QCOMPARE(columns.rowCount(), 101);
        const CatalogAsset *asset = list.assetAt(1);
        QCOMPARE(columns.index(1, gui::AssetColumnsModel::Name).data().toString(), u"asset_0000"_s);
        QCOMPARE(columns.index(1, gui::AssetColumnsModel::Type).data().toString(), u"image"_s);
        QCOMPARE(columns.index(1, gui::AssetColumnsModel::Dimensions).data().toString(),
                 u"%1 × %2"_s.arg(asset->width).arg(asset->height));
        QCOMPARE(columns.index(1, gui::AssetColumnsModel::Tags).data().toString(), u"beach"_s);
        QCOMPARE(columns.index(0, gui::AssetColumnsModel::Type).data().toString(), u"folder"_s);

        // A header click sorts through the catalogue.
        columns.sort(gui::AssetColumnsModel::Created, Qt::DescendingOrder);
        QCOMPARE(list.sortKey(), CatalogSort::CreatedAt);
        QCOMPARE(columns.rowCount(), 51);
        QVERIFY(list.assetAt(1)->createdAt >= list.assetAt(2)->createdAt);
    }

    void folderTreeIsLazyWithCounts()
    {
        gui::FolderTreeModel model(m_catalog.get());
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex home = model.index(0, 0);
        QCOMPARE(home.data(Qt::DisplayRole).toString(), u"Home (270)"_s);
        QCOMPARE(home.data(gui::FolderTreeModel::DirectCountRole).toLongLong(), 3);
        QVERIFY(model.hasChildren(home));
        QCOMPARE(model.rowCount(home), 0); // not loaded until expanded
        QVERIFY(model.canFetchMore(home));
        // Attached only now: the tester would expand every folder it meets.
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(false);
        model.fetchMore(home);
        QCOMPARE(model.rowCount(home), 2);
        const QModelIndex photos = model.index(0, 0, home);
        QCOMPARE(photos.data(Qt::DisplayRole).toString(), u"photos (262)"_s);
        QCOMPARE(photos.data(gui::FolderTreeModel::DirectCountRole).toLongLong(), 250);
        QCOMPARE(model.parent(photos), home);

        const QModelIndex jan = model.indexForPath(u"photos/2026/jan"_s);
        QVERIFY(jan.isValid());
        QCOMPARE(jan.data(Qt::DisplayRole).toString(), u"jan (12)"_s);
        QVERIFY(!model.hasChildren(jan));
        QCOMPARE(gui::FolderTreeModel::pathOf(model.parent(jan)), u"photos/2026"_s);
        QVERIFY(!model.indexForPath(u"photos/nothing"_s).isValid());

        // After a sync the tree is read again.
        QVERIFY(m_catalog->upsert({makeAsset(900, u"new/place"_s, u"jpg"_s)}).ok());
        model.reload();
        QCOMPARE(model.index(0, 0).data(Qt::DisplayRole).toString(), u"Home (271)"_s);
        QVERIFY(model.indexForPath(u"new/place"_s).isValid());
        QVERIFY(m_catalog->remove({u"id0900"_s}).ok());
    }

    void emptyFoldersTheServerListedShowWithNoAssets()
    {
        // What the sync's folder walk found (issue 13, point 13): folders without any asset.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(m_catalog->setKnownChildren({}, {u"photos"_s, u"clients"_s, u"videos"_s}, now).ok());
        QVERIFY(m_catalog->setKnownChildren(u"clients"_s, {u"clients/acme"_s}, now).ok());
        QVERIFY(m_catalog->setKnownChildren(u"photos"_s, {u"photos/2026"_s, u"photos/empty"_s}, now).ok());
        QVERIFY(m_catalog->applyKnownFolders().ok());

        gui::FolderTreeModel model(m_catalog.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(false);
        const QModelIndex home = model.index(0, 0);
        QCOMPARE(home.data(Qt::DisplayRole).toString(), u"Home (270)"_s); // counts stay the assets'
        model.fetchMore(home);
        QCOMPARE(model.rowCount(home), 3);
        const QModelIndex clients = model.index(0, 0, home);
        QCOMPARE(clients.data(gui::FolderTreeModel::NameRole).toString(), u"clients"_s);
        QCOMPARE(clients.data(gui::FolderTreeModel::TotalCountRole).toLongLong(), 0);
        QCOMPARE(clients.data(Qt::DisplayRole).toString(), u"clients (0)"_s);
        QVERIFY(model.hasChildren(clients));
        const QModelIndex acme = model.indexForPath(u"clients/acme"_s);
        QVERIFY(acme.isValid());
        QVERIFY(!model.hasChildren(acme));
        const QModelIndex empty = model.indexForPath(u"photos/empty"_s);
        QVERIFY(empty.isValid());
        QCOMPARE(empty.data(Qt::DisplayRole).toString(), u"empty (0)"_s);
        QCOMPARE(m_catalog->listFolder(u"photos/empty"_s)->total, 0);

        // Gone from the server's next listing: gone from the tree at the next reload.
        QVERIFY(m_catalog->setKnownChildren({}, {u"photos"_s, u"videos"_s}, now).ok());
        QVERIFY(m_catalog->applyKnownFolders().ok());
        model.reload();
        QVERIFY(!model.indexForPath(u"clients"_s).isValid());
        QVERIFY(model.indexForPath(u"photos/empty"_s).isValid());
    }
};

QTEST_MAIN(TestBrowserModels)
#include "tst_browsermodels.moc"
