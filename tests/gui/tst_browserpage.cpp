// The browser page offscreen, over a catalogue of ~300 assets in nested folders: 60 of them are a
// real stratus-sandbox's (so their thumbnails are real pictures through real delivery URLs), the
// rest exist only in the catalogue. Browse by the tree and by Enter on a folder, switch views and
// sort, search as you type, see thumbnails painted for the visible cells, and see that only the
// rows in sight and a screen's worth either side are asked for, nearest first, the rest cancelled
// as they scroll away.

#include "../unit/fakenetwork.h"
#include "sandboxprocess.h"

#include "core/cache/diskcache.h"
#include "core/catalog/catalog.h"
#include "gui/browser/assetcolumnsmodel.h"
#include "gui/browser/assetlistmodel.h"
#include "gui/browser/browserpage.h"
#include "gui/browser/foldertreemodel.h"
#include "gui/browser/thumbnailloader.h"
#include "gui/browser/thumbnailscheduler.h"

#include <QApplication>
#include <QDir>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace stratus;
using namespace stratus::core::catalog;
using namespace Qt::StringLiterals;
using gui::AssetListModel;

namespace {

// The catalogue-only assets: 240 images in archive/<year>/<quarter>, named after a word no sample
// asset uses, so that a search for it counts them exactly.
QList<CatalogAsset> archiveAssets()
{
    QList<CatalogAsset> assets;
    for (int i = 0; i < 240; ++i) {
        CatalogAsset a;
        const QString folder = u"archive/%1/q%2"_s.arg(2021 + i % 3).arg(1 + (i / 3) % 4);
        a.assetId = u"archive-%1"_s.arg(i);
        a.publicId = u"%1/herbarium_%2"_s.arg(folder).arg(i, 3, 10, QLatin1Char('0'));
        a.resourceType = u"image"_s;
        a.type = u"upload"_s;
        a.format = u"jpg"_s;
        a.bytes = 10000 + i;
        a.width = 800;
        a.height = 600;
        a.createdAt = QDateTime(QDate(2021 + i % 3, 1, 1), QTime(12, 0), Qt::UTC).addDays(i);
        a.uploadedAt = a.createdAt;
        a.assetFolder = folder;
        a.publicIdFolder = folder;
        a.tags = {u"scan"_s};
        a.status = u"active"_s;
        assets.append(a);
    }
    return assets;
}

QList<QModelIndex> visibleRows(QAbstractItemView *view)
{
    QList<QModelIndex> rows;
    const QRect area = view->viewport()->rect();
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QModelIndex index = view->model()->index(row, 0);
        if (view->visualRect(index).intersects(area))
            rows.append(index);
    }
    return rows;
}

// The mean colour of the square of half-width @p radius around @p centre: robust to a pixel's shift
// between the picture and where it was painted.
QColor meanColour(const QImage &image, const QPoint &centre, int radius)
{
    qint64 red = 0, green = 0, blue = 0, count = 0;
    for (int y = centre.y() - radius; y <= centre.y() + radius; ++y) {
        for (int x = centre.x() - radius; x <= centre.x() + radius; ++x) {
            if (!image.rect().contains(x, y))
                continue;
            const QColor colour = image.pixelColor(x, y);
            red += colour.red();
            green += colour.green();
            blue += colour.blue();
            ++count;
        }
    }
    return count ? QColor(int(red / count), int(green / count), int(blue / count)) : QColor();
}

bool near(QColor a, QColor b, int tolerance)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
        && std::abs(a.blue() - b.blue()) <= tolerance;
}

} // namespace

class TestBrowserPage : public QObject
{
    Q_OBJECT

private:
    test::SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<core::DiskCache> m_cache;
    std::unique_ptr<gui::ThumbnailLoader> m_loader;
    QJsonObject m_sdkConfig;
    QString m_photoFolder; ///< the sandbox folder with the most pictures
    int m_sandboxAssets = 0;

    core::ThumbnailUrlFunction thumbnailUrls() const
    {
        return core::thumbnailUrlFunction(m_sdkConfig, {{u"secure"_s, false}});
    }

    std::unique_ptr<gui::BrowserPage> makePage(gui::ThumbnailLoader *loader = nullptr)
    {
        gui::BrowserEnvironment environment;
        environment.catalog = m_catalog.get();
        environment.network = m_sandbox.network();
        auto page = std::make_unique<gui::BrowserPage>(environment, loader ? loader : m_loader.get(),
                                                       thumbnailUrls());
        page->resize(1100, 720);
        page->show();
        if (!QTest::qWaitForWindowExposed(page.get()))
            return nullptr;
        return page;
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start({u"--seed"_s, u"60"_s}, 1, false, &error), qPrintable(error));
        const auto url = core::CloudinaryUrl::parse(m_sandbox.cloudinaryUrls().constFirst()).value();
        m_sdkConfig = url.toSdkConfig();

        // Every sandbox asset, through the Search API, into the catalogue as a sync would put it.
        const auto answer = m_sandbox.searchEverything(0);
        QCOMPARE(answer.status, 200);
        QList<CatalogAsset> assets;
        QHash<QString, int> pictures;
        for (const QJsonValue &resource : QJsonDocument::fromJson(answer.body)[u"resources"_s].toArray()) {
            assets.append(CatalogAsset::fromResourceJson(resource.toObject()));
            if (assets.constLast().resourceType == u"image")
                ++pictures[assets.constLast().publicIdFolder];
        }
        m_sandboxAssets = int(assets.size());
        QCOMPARE(m_sandboxAssets, 60);
        int most = 0;
        for (auto it = pictures.cbegin(); it != pictures.cend(); ++it) {
            if (it.value() > most) {
                most = it.value();
                m_photoFolder = it.key();
            }
        }
        QVERIFY(pictures.value(m_photoFolder) >= 6);
        assets += archiveAssets();

        auto opened = Catalog::open(m_dir.filePath(u"catalog.sqlite"_s));
        QVERIFY(opened.ok());
        m_catalog = std::move(opened).value();
        QVERIFY(m_catalog->setFolderMode(core::FolderMode::Fixed).ok());
        QVERIFY(m_catalog->upsert(assets).ok());
        QCOMPARE(m_catalog->assetCount(), 300);

        m_cache = std::make_unique<core::DiskCache>(m_dir.filePath(u"thumbnails"_s), 50 << 20);
        m_loader = std::make_unique<gui::ThumbnailLoader>(m_sandbox.network(), m_cache.get());
    }

    void browseByTreeAndByEnter()
    {
        auto page = makePage();
        QVERIFY(page);
        QCOMPARE(page->currentFolder(), QString());
        QVERIFY(page->folderView()->isExpanded(page->folderModel()->index(0, 0)));
        QCOMPARE(page->folderModel()->index(0, 0).data().toString(), u"Home (300)"_s);

        // A click in the tree opens a folder, three levels down.
        const QModelIndex q2 = page->folderModel()->indexForPath(u"archive/2022/q2"_s);
        QVERIFY(q2.isValid());
        page->folderView()->setCurrentIndex(q2);
        QCOMPARE(page->currentFolder(), u"archive/2022/q2"_s);
        QCOMPARE(page->assetModel()->rowCount(), 20);
        QVERIFY(page->findChild<QLabel *>(u"countLabel"_s)->text().startsWith(u"20 asset"_s));

        // Enter on a folder cell in the grid opens it and the tree follows.
        page->openFolder(u"archive"_s);
        QListView *grid = page->gridView();
        QCOMPARE(page->assetModel()->folderRowCount(), 3);
        grid->setFocus();
        grid->setCurrentIndex(page->assetModel()->index(1, 0));
        QTest::keyClick(grid, Qt::Key_Return);
        QCOMPARE(page->currentFolder(), u"archive/2022"_s);
        QCOMPARE(gui::FolderTreeModel::pathOf(page->folderView()->currentIndex()), u"archive/2022"_s);
        // End goes to the last of its four quarter folders.
        QCOMPARE(grid->currentIndex().row(), 0);
        QTest::keyClick(grid, Qt::Key_End);
        QCOMPARE(grid->currentIndex().row(), 3);
        QTest::keyClick(grid, Qt::Key_Enter);
        QCOMPARE(page->currentFolder(), u"archive/2022/q4"_s);
    }

    void switchViewsAndSort()
    {
        auto page = makePage();
        QVERIFY(page);
        page->openFolder(u"archive/2021/q1"_s);
        auto *stack = page->findChild<QStackedWidget *>(u"viewStack"_s);
        page->findChild<QToolButton *>(u"detailsButton"_s)->click();
        QCOMPARE(page->viewMode(), gui::BrowserPage::ViewMode::Details);
        QCOMPARE(stack->currentWidget(), page->detailsView());
        QVERIFY(!page->zoomSlider()->isEnabled());
        QTreeView *details = page->detailsView();
        QCOMPARE(details->model()->columnCount(), 7);
        QCOMPARE(details->model()->rowCount(), 20);

        // A click on the Size header sorts by size through the catalogue, largest first on a second click.
        details->header()->setSortIndicator(gui::AssetColumnsModel::Size, Qt::DescendingOrder);
        QCOMPARE(page->assetModel()->sortKey(), CatalogSort::Bytes);
        const QAbstractItemModel *table = details->model();
        QVERIFY(table->index(0, 0).data(AssetListModel::BytesRole).toLongLong()
                > table->index(19, 0).data(AssetListModel::BytesRole).toLongLong());
        QCOMPARE(table->index(0, gui::AssetColumnsModel::Dimensions).data().toString(), u"800 × 600"_s);

        page->findChild<QToolButton *>(u"gridButton"_s)->click();
        QCOMPARE(page->viewMode(), gui::BrowserPage::ViewMode::Grid);
        QCOMPARE(stack->currentWidget(), page->gridView());
    }

    void searchAsYouType()
    {
        auto page = makePage();
        QVERIFY(page);
        page->openFolder(m_photoFolder);
        page->gridView()->setFocus();
        QTest::keySequence(page.get(), QKeySequence::Find);
        QLineEdit *search = page->searchField();
        QVERIFY(search->hasFocus());
        QTest::keyClicks(search, u"herbar"_s);
        QTRY_VERIFY(page->assetModel()->isSearch());
        QCOMPARE(page->assetModel()->totalAssets(), 240);
        QVERIFY(page->findChild<QLabel *>(u"countLabel"_s)->text().startsWith(u"240 result"_s));
        // Narrowed as the typing goes on: "herbarium 01" finds herbarium_010…019.
        QTest::keyClicks(search, u"ium 01"_s);
        QTRY_COMPARE(page->assetModel()->totalAssets(), 10);
        CatalogQuery query;
        query.text = search->text();
        QCOMPARE(m_catalog->search(query).value().total, 10);

        // Cleared: the folder again.
        search->clear();
        QTRY_VERIFY(!page->assetModel()->isSearch());
        QCOMPARE(page->currentFolder(), m_photoFolder);
    }

    void thumbnailsForTheVisibleCells()
    {
        auto page = makePage();
        QVERIFY(page);
        page->setZoom(160);
        page->openFolder(m_photoFolder);
        QListView *grid = page->gridView();
        AssetListModel *model = page->assetModel();
        QTRY_VERIFY(!visibleRows(grid).isEmpty());

        QList<QModelIndex> pictures;
        for (const QModelIndex &index : visibleRows(grid)) {
            if (model->assetAt(index.row()) && model->assetAt(index.row())->resourceType != u"raw")
                pictures.append(index);
        }
        QVERIFY(pictures.size() >= 4);
        for (const QModelIndex &index : std::as_const(pictures))
            QTRY_COMPARE_WITH_TIMEOUT(
                index.data(AssetListModel::ThumbnailStateRole).value<AssetListModel::ThumbnailState>(),
                AssetListModel::ThumbnailState::Ready, 30000);

        // The cells show the pictures, not the placeholder: the middle of each thumbnail square is the
        // middle of its picture (once the view has repainted them).
        const auto mispainted = [&] {
            const QImage shot = grid->viewport()->grab().toImage();
            QStringList wrong;
            int painted = 0;
            for (const QModelIndex &index : std::as_const(pictures)) {
                const QRect cell = grid->visualRect(index);
                const QPoint middle(cell.center().x(), cell.top() + 6 + page->zoom() / 2);
                if (!shot.rect().contains(middle))
                    continue;
                ++painted;
                const QImage picture = index.data(AssetListModel::ThumbnailRole).value<QPixmap>().toImage();
                const QColor expected = meanColour(picture, picture.rect().center(), picture.width() / 8);
                const QColor seen = meanColour(shot, middle, page->zoom() / 8);
                if (!near(seen, expected, 24))
                    wrong.append(u"%1: painted %2, picture %3"_s.arg(
                        index.data(AssetListModel::PublicIdRole).toString(), seen.name(), expected.name()));
            }
            if (painted < 4)
                wrong.append(u"only %1 pictures in sight"_s.arg(painted));
            return wrong;
        };
        QTRY_COMPARE(mispainted(), QStringList());

        if (const QString dir = qEnvironmentVariable("STRATUS_SCREENSHOTS"); !dir.isEmpty()) {
            QDir().mkpath(dir);
            QVERIFY(page->grab().save(QDir(dir).filePath(u"browser-grid.png"_s)));
        }
    }

    // What the grid asks the network for: exactly the rows in sight plus a screen's worth either side
    // (design.md, "The local catalogue"), those in sight first and, on each side, the nearest to the
    // middle first; when the view scrolls on, what is no longer wanted is cancelled. The replies never
    // come (a fake network that hangs), so every request stays visible as sent or aborted.
    void thumbnailsAskedForTheRowsInSightNearestFirst()
    {
        test::FakeNetwork network;
        network.handler = [](const test::RecordedRequest &) {
            return test::FakeResponse::hanging();
        };
        gui::ThumbnailLoader loader(&network, nullptr);
        // Every request goes out when asked: the order sent is the order asked.
        loader.setMaximumConcurrent(100000);
        auto page = makePage(&loader);
        QVERIFY(page);
        page->setZoom(96);
        QTest::keyClicks(page->searchField(), u"herbarium"_s);
        AssetListModel *model = page->assetModel();
        QTRY_VERIFY(model->isSearch());
        QCOMPARE(model->totalAssets(), 240);
        QListView *grid = page->gridView();
        gui::ThumbnailScheduler *scheduler = page->thumbnailScheduler();

        // The row each thumbnail URL is for.
        const core::ThumbnailUrlFunction urlFor = thumbnailUrls();
        const auto rowOf = [&](const QUrl &url) {
            for (int row = 0; row < model->rowCount(); ++row) {
                if (const auto *asset = model->assetAt(row);
                    asset && urlFor(*asset, model->thumbnailSize()) == url)
                    return row;
            }
            return -1;
        };
        // One pass of the scheduler over what the view shows now, from a clean slate: the rows it
        // asked for, in the order asked.
        const auto onePass = [&] {
            loader.retainOnly({});
            network.requests.clear();
            scheduler->update();
            // Each request goes out when its job runs, from the event loop, in the order asked.
            if (!QTest::qWaitFor([&] { return network.requests.size() >= loader.runningCount(); }, 5000))
                return QList<int> {};
            QList<int> rows;
            for (const test::RecordedRequest &request : std::as_const(network.requests))
                rows.append(rowOf(request.url()));
            return rows;
        };
        // Checks `asked` against the rows in sight now, found the slow way (every row's rectangle).
        const auto check = [&](const QList<int> &asked) -> QString {
            const QList<QModelIndex> inSight = visibleRows(grid);
            if (inSight.isEmpty())
                return u"no row in sight"_s;
            const int first = inSight.constFirst().row();
            const int last = inSight.constLast().row();
            const int screen = last - first + 1;
            if (int(inSight.size()) != screen)
                return u"the rows in sight are not one run"_s;
            const int wantedFirst = std::max(0, first - screen);
            const int wantedLast = std::min(model->rowCount() - 1, last + screen);
            if (scheduler->lastRange() != std::pair {wantedFirst, wantedLast})
                return u"wanted %1–%2, the scheduler says %3–%4"_s.arg(wantedFirst)
                    .arg(wantedLast)
                    .arg(scheduler->lastRange().first)
                    .arg(scheduler->lastRange().second);
            QList<int> sorted = asked;
            std::sort(sorted.begin(), sorted.end());
            QList<int> expected;
            for (int row = wantedFirst; row <= wantedLast; ++row)
                expected.append(row);
            if (sorted != expected)
                return u"asked for %1 rows from %2 to %3, wanted %4–%5"_s.arg(sorted.size())
                    .arg(sorted.value(0))
                    .arg(sorted.value(sorted.size() - 1))
                    .arg(wantedFirst)
                    .arg(wantedLast);
            // In sight before out of sight; nearer the middle before farther, in each group (to
            // within a row: with an even number of rows in sight the middle falls between two).
            const double middle = (first + last) / 2.0;
            const auto onScreen = [&](int row) {
                return row >= first && row <= last;
            };
            for (qsizetype i = 1; i < asked.size(); ++i) {
                const int row = asked.at(i);
                const int before = asked.at(i - 1);
                if ((onScreen(row) && !onScreen(before))
                    || (onScreen(row) == onScreen(before)
                        && std::abs(row - middle) < std::abs(before - middle) - 1.0))
                    return u"row %1 was asked for after row %2 (rows in sight: %3–%4)"_s.arg(asked.at(i))
                        .arg(asked.at(i - 1))
                        .arg(first)
                        .arg(last);
            }
            return {};
        };

        // In the middle of the results, so that the margin fits on both sides.
        QTRY_VERIFY(grid->verticalScrollBar()->maximum() > 0);
        grid->verticalScrollBar()->setValue(grid->verticalScrollBar()->maximum() / 2);
        QTRY_VERIFY(scheduler->lastRange().first > 0);
        const QList<int> asked = onePass();
        QVERIFY(asked.size() > 3 * 6);
        const QString problem = check(asked);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const std::pair<int, int> before = scheduler->lastRange();

        // Scrolled to the end: what was asked for the rows now far above is aborted, nothing else runs.
        const QList<test::RecordedRequest> sent = network.requests;
        grid->verticalScrollBar()->setValue(grid->verticalScrollBar()->maximum());
        QTRY_VERIFY(scheduler->lastRange() != before);
        const auto [newFirst, newLast] = scheduler->lastRange();
        QVERIFY(newFirst > before.first);
        int aborted = 0;
        for (qsizetype i = 0; i < sent.size(); ++i) {
            const int row = rowOf(sent.at(i).url());
            const bool stillWanted = row >= newFirst && row <= newLast;
            QVERIFY2(network.requests.at(i).aborted != stillWanted,
                     qPrintable(u"row %1: %2"_s.arg(row).arg(
                         stillWanted ? u"wanted, but aborted"_s : u"scrolled away, but not aborted"_s)));
            aborted += network.requests.at(i).aborted ? 1 : 0;
        }
        QVERIFY(aborted > 0);
        const QString after = check(onePass());
        QVERIFY2(after.isEmpty(), qPrintable(after));
    }
};

QTEST_MAIN(TestBrowserPage)
#include "tst_browserpage.moc"
