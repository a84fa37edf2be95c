// The browser's views (issue 13, points 3 and 8), offscreen over a catalogue that holds a real
// stratus-sandbox's assets (real thumbnails through delivery URLs) and assets of many shapes that
// exist only in the catalogue: justified rows keep each asset's aspect ratio and fill the width,
// with thumbnails of the row's height in the picture's own shape; the list shows square icons in
// aligned rows and full dates; Shift+F10 and the Menu key open the context menu at the current item
// in every view and the folder tree; Select All and Copy URL follow the selection.

#include "sandboxprocess.h"

#include "core/cache/diskcache.h"
#include "core/catalog/catalog.h"
#include "gui/browser/assetcolumnsmodel.h"
#include "gui/browser/assetlistmodel.h"
#include "gui/browser/assetnamedelegate.h"
#include "gui/browser/browsercommands.h"
#include "gui/browser/browserpage.h"
#include "gui/browser/foldertreemodel.h"
#include "gui/browser/justifiedview.h"
#include "gui/browser/thumbnailloader.h"

#include <QAction>
#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace stratus;
using namespace stratus::core::catalog;
using namespace Qt::StringLiterals;
using gui::AssetListModel;
using gui::BrowserPage;

namespace {

// Catalogue-only assets of many shapes in "shapes": panoramas, portraits, squares, a too-wide strip.
QList<CatalogAsset> shapedAssets()
{
    const QList<QSize> sizes {{1600, 900}, {600, 900},  {1000, 1000}, {3000, 1000}, {800, 1200},
                              {1200, 800}, {4000, 500}, {900, 1600},  {640, 480},   {2000, 1100}};
    QList<CatalogAsset> assets;
    for (int i = 0; i < 40; ++i) {
        CatalogAsset a;
        a.assetId = u"shape-%1"_s.arg(i);
        a.publicId = u"shapes/shape_%1"_s.arg(i, 2, 10, QLatin1Char('0'));
        a.resourceType = u"image"_s;
        a.type = u"upload"_s;
        a.format = u"jpg"_s;
        a.bytes = 1000 * (i + 1);
        a.width = sizes.at(i % sizes.size()).width();
        a.height = sizes.at(i % sizes.size()).height();
        a.createdAt = QDateTime(QDate(2024, 5, 1 + i % 28), QTime(12, 0), Qt::UTC);
        a.uploadedAt = a.createdAt;
        a.assetFolder = u"shapes"_s;
        a.publicIdFolder = u"shapes"_s;
        a.status = u"active"_s;
        assets.append(a);
    }
    return assets;
}

// Opens the context menu of @p view's current item with @p key and returns the menu's name and
// where it opened (the menu is closed again); empty when no menu came.
std::pair<QString, QPoint> contextMenuFor(QWidget *view, Qt::Key key, Qt::KeyboardModifiers modifiers)
{
    std::pair<QString, QPoint> seen;
    // The keys are the focused view's: its window active again after the last menu closed.
    view->window()->activateWindow();
    if (!QTest::qWaitForWindowActive(view->window()))
        return seen;
    view->setFocus();
    QDeadlineTimer focused(2000);
    while (!view->hasFocus() && !focused.hasExpired())
        QTest::qWait(10);
    if (!view->hasFocus())
        return {u"(the view did not get the keyboard)"_s, {}};
    // Looks for the menu while it runs its own event loop, and closes it; gives up after two seconds.
    QTimer poll;
    int polls = 0;
    QObject::connect(&poll, &QTimer::timeout, view, [&] {
        if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
            seen = {menu->objectName(), menu->pos()};
            menu->close();
        }
        if (!seen.first.isEmpty() || ++polls > 100)
            poll.stop();
    });
    poll.start(20);
    QTest::keyClick(view, key, modifiers);
    QDeadlineTimer deadline(3000);
    while (poll.isActive() && !deadline.hasExpired())
        QTest::qWait(20);
    return seen;
}

} // namespace

class TestBrowserViews : public QObject
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

    std::unique_ptr<BrowserPage> makePage(QSize size = {1100, 720})
    {
        gui::BrowserEnvironment environment;
        environment.catalog = m_catalog.get();
        environment.network = m_sandbox.network();
        auto page = std::make_unique<BrowserPage>(
            environment, m_loader.get(), core::thumbnailUrlFunction(m_sdkConfig, {{u"secure"_s, false}}));
        page->resize(size);
        page->show();
        page->activateWindow();
        if (!QTest::qWaitForWindowActive(page.get()))
            return nullptr;
        return page;
    }

    static void saveScreenshot(QWidget *widget, const QString &name)
    {
        const QString directory = QStringLiteral(STRATUS_SOURCE_DIR "/docs/screenshots");
        QVERIFY(QDir().mkpath(directory));
        QVERIFY(widget->grab().save(directory + u'/' + name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start({u"--seed"_s, u"60"_s}, 1, false, &error), qPrintable(error));
        const auto url = core::CloudinaryUrl::parse(m_sandbox.cloudinaryUrls().constFirst()).value();
        m_sdkConfig = url.toSdkConfig();
        const auto answer = m_sandbox.searchEverything(0);
        QCOMPARE(answer.status, 200);
        QList<CatalogAsset> assets;
        QHash<QString, int> pictures;
        for (const QJsonValue &resource : QJsonDocument::fromJson(answer.body)[u"resources"_s].toArray()) {
            assets.append(CatalogAsset::fromResourceJson(resource.toObject()));
            if (assets.constLast().resourceType == u"image")
                ++pictures[assets.constLast().publicIdFolder];
        }
        int most = 0;
        for (auto it = pictures.cbegin(); it != pictures.cend(); ++it) {
            if (it.value() > most) {
                most = it.value();
                m_photoFolder = it.key();
            }
        }
        QVERIFY(most >= 6);
        assets += shapedAssets();
        auto opened = Catalog::open(m_dir.filePath(u"catalog.sqlite"_s));
        QVERIFY(opened.ok());
        m_catalog = std::move(opened).value();
        QVERIFY(m_catalog->setFolderMode(core::FolderMode::Fixed).ok());
        QVERIFY(m_catalog->upsert(assets).ok());
        m_cache = std::make_unique<core::DiskCache>(m_dir.filePath(u"thumbnails"_s), 50 << 20);
        m_loader = std::make_unique<gui::ThumbnailLoader>(m_sandbox.network(), m_cache.get());
    }

    void justifiedRowsKeepAspectRatiosAndFillTheWidth()
    {
        auto page = makePage();
        QVERIFY(page);
        page->openFolder(u"shapes"_s);
        page->viewModeAction(BrowserPage::ViewMode::Justified)->trigger();
        QCOMPARE(page->viewMode(), BrowserPage::ViewMode::Justified);
        gui::JustifiedView *view = page->justifiedView();
        QVERIFY(view->isVisible());
        QTRY_VERIFY(view->visualRect(page->assetModel()->index(0)).isValid());

        // Every cell in the aspect ratio of its asset (a pixel of rounding either way), cells of one
        // row equally high, and every row but the last from the left edge to the right one.
        const int right = view->viewport()->width() - view->spacing();
        QMap<int, QList<QRect>> rows; // by top
        const int count = page->assetModel()->rowCount();
        QCOMPARE(count, 40);
        for (int row = 0; row < count; ++row) {
            const QModelIndex index = page->assetModel()->index(row);
            const QRect rect = view->visualRect(index);
            const double aspect = std::clamp(index.data(AssetListModel::WidthRole).toDouble()
                                                 / index.data(AssetListModel::HeightRole).toDouble(),
                                             0.25, 4.0);
            const double shown = double(rect.width()) / rect.height();
            QVERIFY2(std::abs(shown - aspect) <= aspect * 1.5 / rect.height() + 1.5 / rect.height(),
                     qPrintable(u"row %1: %2×%3 for an aspect of %4"_s.arg(row)
                                    .arg(rect.width())
                                    .arg(rect.height())
                                    .arg(aspect)));
            QVERIFY(rect.height() <= view->rowHeight());
            rows[rect.top()].append(rect);
        }
        QVERIFY2(rows.size() >= 3, "the shapes should need several rows");
        const QList<int> tops = rows.keys();
        for (int line = 0; line < tops.size(); ++line) {
            const QList<QRect> &cells = rows.value(tops.at(line));
            QCOMPARE(cells.constFirst().left(), view->spacing());
            for (const QRect &cell : cells)
                QCOMPARE(cell.height(), cells.constFirst().height());
            if (line + 1 < tops.size()) {
                QVERIFY2(std::abs(cells.constLast().right() + 1 - right) <= 1,
                         qPrintable(u"row %1 ends at %2, not %3"_s.arg(line)
                                        .arg(cells.constLast().right() + 1)
                                        .arg(right)));
                QVERIFY(cells.constFirst().height() >= view->rowHeight() / 2);
            } else {
                QCOMPARE(cells.constFirst().height(), view->rowHeight());
                QVERIFY(cells.constLast().right() < right);
            }
        }

        // The zoom is the rows' height.
        page->setZoom(200);
        QCOMPARE(view->rowHeight(), 200);
        QVERIFY(view->visualRect(page->assetModel()->index(0)).height() <= 200);
        page->setZoom(128);

        // Keyboard: Right moves along the row, Down to the nearest cell of the next row.
        view->setFocus();
        view->setCurrentIndex(page->assetModel()->index(0));
        QTest::keyClick(view, Qt::Key_Right);
        QCOMPARE(view->currentIndex().row(), 1);
        QTest::keyClick(view, Qt::Key_Down);
        QVERIFY(view->visualRect(view->currentIndex()).top()
                > view->visualRect(page->assetModel()->index(1)).top());
        QTest::keyClick(view, Qt::Key_End);
        QCOMPARE(view->currentIndex().row(), count - 1);
        // A click selects, Ctrl+A (the Edit menu's Select All) selects every cell.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->visualRect(page->assetModel()->index(2)).center());
        QCOMPARE(page->selectedAssetIds().size(), 1);
        QTest::keyClick(view, Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(page->selectedAssetIds().size(), count);
    }

    void justifiedThumbnailsHaveThePicturesShape()
    {
        auto page = makePage();
        QVERIFY(page);
        page->openFolder(m_photoFolder);
        page->setViewMode(BrowserPage::ViewMode::Justified);
        gui::JustifiedView *view = page->justifiedView();
        // The model asks for pictures of the row's height in their own shape (width 0).
        QCOMPARE(page->assetModel()->thumbnailSize().width(), 0);
        int checked = 0;
        for (int row = page->assetModel()->folderRowCount(); row < page->assetModel()->rowCount(); ++row) {
            const QModelIndex index = page->assetModel()->index(row);
            if (index.data(AssetListModel::ResourceTypeRole).toString() != u"image"
                || !view->visualRect(index).intersects(view->viewport()->rect()))
                continue;
            QTRY_COMPARE_WITH_TIMEOUT(
                index.data(AssetListModel::ThumbnailStateRole).value<AssetListModel::ThumbnailState>(),
                AssetListModel::ThumbnailState::Ready, 20000);
            const QPixmap picture = index.data(AssetListModel::ThumbnailRole).value<QPixmap>();
            const double aspect = index.data(AssetListModel::WidthRole).toDouble()
                / index.data(AssetListModel::HeightRole).toDouble();
            QVERIFY2(std::abs(double(picture.width()) / picture.height() - aspect) < 0.05,
                     qPrintable(u"%1×%2 for %3"_s.arg(picture.width()).arg(picture.height()).arg(aspect)));
            QCOMPARE(picture.height(), page->assetModel()->thumbnailSize().height());
            ++checked;
        }
        QVERIFY(checked >= 3);
        view->setCurrentIndex(page->assetModel()->index(page->assetModel()->folderRowCount() + 1));
        view->selectionModel()->select(view->currentIndex(), QItemSelectionModel::Select);
        saveScreenshot(page.get(), u"justified-view.png"_s);
        // Back to the grid: square pictures again.
        page->setViewMode(BrowserPage::ViewMode::Grid);
        const QSize size = page->assetModel()->thumbnailSize();
        QCOMPARE(size.width(), size.height());
    }

    void listShowsSquareIconsAlignedRowsAndFullDates()
    {
        auto page = makePage();
        QVERIFY(page);
        page->openFolder(QString()); // folders and assets together
        page->viewModeAction(BrowserPage::ViewMode::Details)->trigger();
        QTreeView *list = page->detailsView();
        QVERIFY(list->isVisible());
        QVERIFY(page->assetModel()->folderRowCount() > 0);
        auto *delegate = qobject_cast<gui::AssetNameDelegate *>(list->itemDelegateForColumn(0));
        QVERIFY(delegate);
        QAbstractItemModel *model = list->model();
        int folderIconLeft = -1;
        int assetIconLeft = -1;
        int rowHeight = -1;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            QStyleOptionViewItem option;
            option.widget = list;
            option.rect = list->visualRect(index);
            delegate->initStyleOption(&option, index);
            // A square icon of the view's icon size in every row, pictures and folders alike.
            QCOMPARE(option.decorationSize, list->iconSize());
            QCOMPARE(option.decorationSize.width(), option.decorationSize.height());
            const QRect icon
                = list->style()->subElementRect(QStyle::SE_ItemViewItemDecoration, &option, list);
            QCOMPARE(icon.width(), icon.height());
            if (rowHeight < 0)
                rowHeight = option.rect.height();
            QCOMPARE(option.rect.height(), rowHeight);
            const bool folder = index.data(AssetListModel::KindRole).value<AssetListModel::RowKind>()
                == AssetListModel::RowKind::Folder;
            (folder ? folderIconLeft : assetIconLeft) = icon.left();
        }
        QVERIFY(rowHeight >= list->iconSize().height());
        QVERIFY(folderIconLeft >= 0 && assetIconLeft >= 0);
        QCOMPARE(folderIconLeft, assetIconLeft);

        // Created: the date with the year in full, in a column wide enough to show it whole.
        page->openFolder(u"shapes"_s);
        const QModelIndex created = model->index(0, gui::AssetColumnsModel::Created);
        const QString text = created.data().toString();
        const QDateTime when = created.siblingAtColumn(0).data(AssetListModel::CreatedAtRole).toDateTime();
        QCOMPARE(text, gui::AssetColumnsModel::dateText(when.toLocalTime()));
        QVERIFY2(text.contains(QString::number(when.toLocalTime().date().year())), qPrintable(text));
        const int needed = list->fontMetrics().horizontalAdvance(text);
        QVERIFY2(list->header()->sectionSize(gui::AssetColumnsModel::Created) > needed,
                 qPrintable(u"%1 px for %2 px of text"_s
                                .arg(list->header()->sectionSize(gui::AssetColumnsModel::Created))
                                .arg(needed)));
        page->openFolder(m_photoFolder);
        // The list as one uses it, the details panel closed, its icons loaded.
        page->setDetailsVisible(false);
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (!list->visualRect(index).intersects(list->viewport()->rect()))
                break;
            QTRY_VERIFY_WITH_TIMEOUT(
                index.data(AssetListModel::ThumbnailStateRole).value<AssetListModel::ThumbnailState>()
                    != AssetListModel::ThumbnailState::Loading,
                20000);
        }
        page->selectAssets(
            {model->index(model->rowCount() - 1, 0).data(AssetListModel::AssetIdRole).toString()});
        saveScreenshot(page.get(), u"list-view.png"_s);
    }

    void shiftF10AndTheMenuKeyOpenTheContextMenu()
    {
        auto page = makePage();
        QVERIFY(page);
        page->openFolder(u"shapes"_s);
        for (const auto mode : {BrowserPage::ViewMode::Grid, BrowserPage::ViewMode::Details,
                                BrowserPage::ViewMode::Justified}) {
            page->setViewMode(mode);
            QAbstractItemView *view = mode == BrowserPage::ViewMode::Grid
                ? static_cast<QAbstractItemView *>(page->gridView())
                : mode == BrowserPage::ViewMode::Details
                ? static_cast<QAbstractItemView *>(page->detailsView())
                : page->justifiedView();
            // contextMenuFor() activates the window and gives the view the keyboard before each key.
            // The second item: well inside the screen, where a menu opens at the point it is given
            // (near the screen's edge Qt moves it inwards, away from the item).
            const QModelIndex second = view->model()->index(1, 0);
            view->selectionModel()->setCurrentIndex(second, QItemSelectionModel::NoUpdate);
            for (const auto &[key, modifiers] :
                 {std::pair {Qt::Key_F10, Qt::KeyboardModifiers(Qt::ShiftModifier)},
                  std::pair {Qt::Key_Menu, Qt::KeyboardModifiers()}}) {
                view->selectionModel()->clearSelection();
                const auto [name, where] = contextMenuFor(view, key, modifiers);
                QCOMPARE(name, u"assetMenu"_s);
                // At the current item, which it acts on.
                const QRect cell(view->viewport()->mapToGlobal(view->visualRect(second).topLeft()),
                                 view->visualRect(second).size());
                QVERIFY2(cell.contains(where),
                         qPrintable(u"menu at %1,%2, cell %3,%4 %5x%6, mode %7"_s.arg(where.x())
                                        .arg(where.y())
                                        .arg(cell.x())
                                        .arg(cell.y())
                                        .arg(cell.width())
                                        .arg(cell.height())
                                        .arg(int(mode))));
                QCOMPARE(
                    page->selectedAssetIds(),
                    QStringList {second.siblingAtColumn(0).data(AssetListModel::AssetIdRole).toString()});
            }
        }
        // The folder tree: its own menu, at the current folder.
        QTreeView *tree = page->folderView();
        QCOMPARE(contextMenuFor(tree, Qt::Key_F10, Qt::ShiftModifier).first, u"folderMenu"_s);
        QCOMPARE(contextMenuFor(tree, Qt::Key_Menu, {}).first, u"folderMenu"_s);
    }

    void editCommandsFollowTheSelection()
    {
        auto page = makePage();
        QVERIFY(page);
        page->openFolder(u"shapes"_s);
        page->gridView()->setFocus();
        page->gridView()->clearSelection();
        const QList<QAction *> edit = page->editActions();
        QAction *selectAll = edit.value(0);
        QCOMPARE(selectAll->shortcut(), QKeySequence(QKeySequence::SelectAll));
        QAction *copyUrl = page->commands()->action(gui::BrowserCommands::Command::CopyUrl);
        QVERIFY(edit.contains(copyUrl));
        QVERIFY(copyUrl->shortcuts().contains(QKeySequence(QKeySequence::Copy)));
        QVERIFY(!copyUrl->isEnabled()); // nothing selected
        selectAll->trigger();
        QCOMPARE(page->selectedAssetIds().size(), 40);
        QVERIFY(copyUrl->isEnabled());
        // Find takes the keyboard to the search box.
        QAction *find = edit.constLast();
        QCOMPARE(find->shortcut(), QKeySequence(QKeySequence::Find));
        find->trigger();
        QTRY_VERIFY(page->searchField()->hasFocus());
    }
};

QTEST_MAIN(TestBrowserViews)
#include "tst_browserviews.moc"
