// The browser as a file manager (issue 13, points 2 and 7), offscreen over a catalogue made for the
// test: Back, Forward and Up by the keyboard with a history per page, the breadcrumb, the counts;
// filters that show their scope and chips, are cleared on a change of folder, match all or any
// tags; empty states that say why and bring the assets back; Esc in the search box.

#include "../unit/fakenetwork.h"

#include "core/catalog/catalog.h"
#include "gui/browser/assetlistmodel.h"
#include "gui/browser/browserpage.h"
#include "gui/browser/emptystate.h"
#include "gui/browser/facetbar.h"
#include "gui/browser/foldertreemodel.h"
#include "gui/browser/pathbar.h"
#include "gui/browser/scopebar.h"
#include "gui/browser/thumbnailloader.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTranslator>
#include <QTreeView>

using namespace stratus;
using namespace stratus::core::catalog;
using namespace Qt::StringLiterals;
using gui::BrowserPage;
using gui::FacetBar;
using gui::ScopeBar;

namespace {

const QString kDeep
    = u"deep/clients/northwind-traders/campaigns-2024/spring-launch-europe/retouched-finals/web"_s;

CatalogAsset asset(const QString &folder, const QString &name, const QStringList &tags,
                   const QString &type = u"image"_s)
{
    CatalogAsset a;
    a.publicId = folder.isEmpty() ? name : folder + u'/' + name;
    a.assetId = u"id-"_s + QString(a.publicId).replace(u'/', u'-');
    a.resourceType = type;
    a.type = u"upload"_s;
    a.format = type == u"raw" ? QString() : u"jpg"_s;
    a.bytes = 20000;
    a.width = 640;
    a.height = 480;
    a.createdAt = QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
    a.uploadedAt = a.createdAt;
    a.assetFolder = folder;
    a.publicIdFolder = folder;
    a.tags = tags;
    a.status = u"active"_s;
    return a;
}

// Home: one file and three folders. "photos" holds only folders: 2023 (five assets, tagged so that
// "sea" and "summer" are both on one, either on three) and 2024 (two, one "sea"). "deep" is a
// path long enough to fold. "emptied" loses its one asset in a test.
QList<CatalogAsset> fixtureAssets()
{
    return {
        asset(QString(), u"readme"_s, {}, u"raw"_s),
        asset(u"photos/2023"_s, u"beach"_s, {u"sea"_s, u"summer"_s}),
        asset(u"photos/2023"_s, u"harbour"_s, {u"sea"_s}),
        asset(u"photos/2023"_s, u"meadow"_s, {u"summer"_s}),
        asset(u"photos/2023"_s, u"snow"_s, {u"winter"_s}),
        asset(u"photos/2023"_s, u"studio"_s, {}),
        asset(u"photos/2024"_s, u"cliffs"_s, {u"sea"_s}),
        asset(u"photos/2024"_s, u"forest"_s, {}),
        asset(kDeep, u"hero"_s, {}),
        asset(u"emptied"_s, u"last"_s, {}),
    };
}

QStringList segmentTexts(const gui::PathBar *bar)
{
    QStringList texts;
    for (const QToolButton *segment : bar->segments())
        texts << segment->text();
    return texts;
}

} // namespace

class TestBrowserNavigation : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::FakeNetwork m_network;
    std::unique_ptr<gui::ThumbnailLoader> m_loader;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<Catalog> m_otherCatalog;

    std::unique_ptr<BrowserPage> makePage(Catalog *catalog = nullptr, QSize size = {1000, 640})
    {
        gui::BrowserEnvironment environment;
        environment.catalog = catalog ? catalog : m_catalog.get();
        environment.network = &m_network;
        auto page = std::make_unique<BrowserPage>(environment, m_loader.get(),
                                                  [](const CatalogAsset &a, const QSize &) {
                                                      return QUrl(u"http://127.0.0.1:9/t/"_s + a.assetId);
                                                  });
        page->resize(size);
        page->show();
        page->activateWindow();
        if (!QTest::qWaitForWindowActive(page.get()))
            return nullptr;
        page->gridView()->setFocus();
        return page;
    }

    QTranslator m_english;
    bool m_englishComplete = false;

    // The counts as shown. English plural forms come from translations/stratus_en.ts, which is
    // filled after a merge; until a new message ("%n folder(s)") is there, it shows in its source
    // form, and both sides are compared in that form.
    QString count(const BrowserPage &page) const { return comparable(page.countLabel()->text()); }
    QString comparable(const QString &english) const
    {
        if (m_englishComplete)
            return english;
        static const QRegularExpression word(u"\\b(\\d+) (folder|asset|result)(s|\\(s\\))?(?=\\W|$)"_s);
        return QString(english).replace(word, u"\\1 \\2(s)"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_english.load(QStringLiteral(STRATUS_ENGLISH_QM)), STRATUS_ENGLISH_QM);
        QCoreApplication::installTranslator(&m_english);
        m_englishComplete
            = !QCoreApplication::translate("stratus::gui::BrowserPage", "%n folder(s)", nullptr, 2)
                   .contains(u'(');
        m_network.handler = [](const test::RecordedRequest &) {
            return test::FakeResponse::hanging();
        };
        m_loader = std::make_unique<gui::ThumbnailLoader>(&m_network, nullptr);
        for (auto [catalog, name] :
             {std::pair {&m_catalog, u"a.sqlite"_s}, std::pair {&m_otherCatalog, u"b.sqlite"_s}}) {
            auto opened = Catalog::open(m_dir.filePath(name));
            QVERIFY(opened.ok());
            *catalog = std::move(opened).value();
            QVERIFY((*catalog)->setFolderMode(core::FolderMode::Fixed).ok());
            QVERIFY((*catalog)->upsert(fixtureAssets()).ok());
        }
    }

    // Alt+Left, Alt+Right, Alt+Up and Backspace on the page, across folders; the buttons follow.
    void keysNavigateAndHistoryWorks()
    {
        auto page = makePage();
        QVERIFY(page);
        QVERIFY(!page->backAction()->isEnabled());
        QVERIFY(!page->forwardAction()->isEnabled());
        QVERIFY(!page->upAction()->isEnabled());
        page->openFolder(u"photos"_s);
        page->openFolder(u"photos/2023"_s);
        QVERIFY(page->backAction()->isEnabled());
        QVERIFY(page->upAction()->isEnabled());

        QTest::keyClick(page.get(), Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(page->currentFolder(), u"photos"_s);
        QTest::keyClick(page.get(), Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(page->currentFolder(), QString());
        QVERIFY(!page->backAction()->isEnabled());
        QTest::keyClick(page.get(), Qt::Key_Left, Qt::AltModifier); // nothing before Home
        QCOMPARE(page->currentFolder(), QString());
        QTest::keyClick(page.get(), Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(page->currentFolder(), u"photos"_s);
        QTest::keyClick(page.get(), Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(page->currentFolder(), u"photos/2023"_s);
        QVERIFY(!page->forwardAction()->isEnabled());
        // The tree follows.
        QCOMPARE(gui::FolderTreeModel::pathOf(page->folderView()->currentIndex()), u"photos/2023"_s);

        // Up opens the parent with the folder we came from as the current cell, and is a visit:
        // Forward has nothing after it.
        QTest::keyClick(page.get(), Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(page->currentFolder(), u"photos"_s);
        QCOMPARE(page->gridView()->currentIndex().data(gui::AssetListModel::FolderPathRole).toString(),
                 u"photos/2023"_s);
        QVERIFY(!page->forwardAction()->isEnabled());
        QTest::keyClick(page.get(), Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(page->currentFolder(), QString());
        QVERIFY(!page->upAction()->isEnabled());

        // Backspace goes back where the assets have the keyboard...
        page->gridView()->setFocus();
        QTest::keyClick(page->gridView(), Qt::Key_Backspace);
        QCOMPARE(page->currentFolder(), u"photos"_s);
        // ... and edits the text in the search box.
        page->searchField()->setFocus();
        QTest::keyClicks(page->searchField(), u"sea"_s);
        QTest::keyClick(page->searchField(), Qt::Key_Backspace);
        QCOMPARE(page->searchField()->text(), u"se"_s);
        QCOMPARE(page->currentFolder(), u"photos"_s);
        // Alt+Left works from there too (back to where Up came from), and ends the search.
        QTest::keyClick(page->searchField(), Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(page->currentFolder(), u"photos/2023"_s);
        QVERIFY(page->searchField()->text().isEmpty());
        QVERIFY(!page->assetModel()->isSearch());
    }

    void buttonsShowThemeIconsAndShortcuts()
    {
        auto page = makePage();
        QVERIFY(page);
        for (const auto &[name, key] :
             {std::pair {u"goBackButton"_s, u"Alt+Left"_s}, std::pair {u"goForwardButton"_s, u"Alt+Right"_s},
              std::pair {u"goUpButton"_s, u"Alt+Up"_s}}) {
            auto *button = page->findChild<QToolButton *>(name);
            QVERIFY2(button, qPrintable(name));
            QVERIFY(!button->icon().isNull());
            QVERIFY2(button->toolTip().contains(key), qPrintable(button->toolTip()));
        }
        QVERIFY(page->backAction()->toolTip().contains(u"Backspace"_s));
    }

    // Each environment has its own page, so its own history.
    void historyIsPerPage()
    {
        auto first = makePage();
        QVERIFY(first);
        first->openFolder(u"photos"_s);
        first->openFolder(u"photos/2024"_s);
        auto second = makePage(m_otherCatalog.get());
        QVERIFY(second);
        QVERIFY(!second->backAction()->isEnabled());
        second->openFolder(u"deep"_s);
        QTest::keyClick(second.get(), Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(second->currentFolder(), QString());
        QCOMPARE(first->currentFolder(), u"photos/2024"_s);
        QCOMPARE(first->history().backList(), (QStringList {QString(), u"photos"_s}));
    }

    void breadcrumbOpensItsFolders()
    {
        auto page = makePage();
        QVERIFY(page);
        gui::PathBar *bar = page->pathBar();
        QCOMPARE(segmentTexts(bar), QStringList {u"Home"_s});
        page->openFolder(u"photos/2023"_s);
        QCOMPARE(segmentTexts(bar), (QStringList {u"Home"_s, u"photos"_s, u"2023"_s}));
        QVERIFY(bar->segments().constLast()->isChecked());

        // A click on a segment opens it, and is a step of the history.
        QTest::mouseClick(bar->segments().at(1), Qt::LeftButton);
        QCOMPARE(page->currentFolder(), u"photos"_s);
        QCOMPARE(segmentTexts(bar), (QStringList {u"Home"_s, u"photos"_s}));
        QVERIFY(page->backAction()->isEnabled());

        // The keyboard: Left and Right move between segments, Enter opens one.
        page->openFolder(u"photos/2023"_s);
        bar->segments().constLast()->setFocus(Qt::TabFocusReason);
        QTest::keyClick(bar->segments().constLast(), Qt::Key_Left);
        QVERIFY(bar->segments().at(1)->hasFocus());
        QTest::keyClick(bar->segments().at(1), Qt::Key_Left);
        QVERIFY(bar->segments().at(0)->hasFocus());
        QTest::keyClick(bar->segments().at(0), Qt::Key_Return);
        QCOMPARE(page->currentFolder(), QString());
    }

    // A path wider than the bar folds the folders nearest Home into "…", whose menu opens them.
    void longPathsFold()
    {
        gui::PathBar bar;
        bar.resize(320, bar.sizeHint().height());
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        bar.setPath(kDeep);
        QSignalSpy activated(&bar, &gui::PathBar::folderActivated);
        QTRY_VERIFY(bar.overflowButton()->isVisible());
        QVERIFY(bar.segments().constFirst()->isVisible());
        QVERIFY(bar.segments().constLast()->isVisible());
        QCOMPARE(bar.segments().size(), 8);
        // What shows fits, and the nearest parents show before the farther ones.
        bool hiddenSeen = false;
        for (qsizetype i = bar.segments().size() - 1; i >= 1; --i) {
            const QToolButton *segment = bar.segments().at(i);
            if (segment->isVisible()) {
                QVERIFY2(!hiddenSeen, qPrintable(segment->text()));
                QVERIFY2(segment->geometry().right() <= bar.width(), qPrintable(segment->text()));
            } else {
                hiddenSeen = true;
            }
        }
        QMenu *menu = bar.overflowButton()->menu();
        QVERIFY(!menu->actions().isEmpty());
        QCOMPARE(menu->actions().constFirst()->text(), u"deep"_s);
        menu->actions().at(1)->trigger();
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.constFirst().constFirst().toString(), u"deep/clients"_s);

        // Wide enough: everything shows.
        bar.resize(2000, bar.height());
        QTRY_VERIFY(!bar.overflowButton()->isVisible());
        for (const QToolButton *segment : bar.segments())
            QVERIFY(segment->isVisible());
    }

    void counts_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("search");
        QTest::addColumn<QString>("expected");
        QTest::newRow("folders and a file") << QString() << QString() << u"3 folders · 1 asset"_s;
        QTest::newRow("only folders") << u"photos"_s << QString() << u"2 folders · 0 assets"_s;
        QTest::newRow("only assets") << u"photos/2023"_s << QString() << u"5 assets"_s;
        QTest::newRow("one folder") << u"deep/clients"_s << QString() << u"1 folder · 0 assets"_s;
        QTest::newRow("search") << u"photos"_s << u"sea"_s << u"3 results"_s;
        QTest::newRow("one result") << QString() << u"meadow"_s << u"1 result"_s;
    }

    void counts()
    {
        QFETCH(QString, folder);
        QFETCH(QString, search);
        QFETCH(QString, expected);
        auto page = makePage();
        QVERIFY(page);
        page->openFolder(folder);
        if (!search.isEmpty()) {
            QTest::keyClicks(page->searchField(), search);
            QTRY_VERIFY(page->assetModel()->isSearch());
        }
        QTRY_COMPARE(count(*page), comparable(expected));
    }

    // Filters say where they look and what they are, and stay in the folder they were chosen in.
    void filtersShowTheirScopeAndClearOnAnotherFolder()
    {
        auto page = makePage();
        QVERIFY(page);
        ScopeBar *scope = page->scopeBar();
        QVERIFY(scope->isHidden());
        page->openFolder(u"photos/2023"_s);
        page->facetBar()->setTags({u"sea"_s});
        page->facetBar()->setResourceTypes({u"image"_s});
        QVERIFY(scope->isVisible());
        QCOMPARE(page->scope(), ScopeBar::Scope::Folder);
        QVERIFY(scope->folderButton()->isChecked());
        QVERIFY(scope->folderButton()->text().contains(u"2023"_s));
        QStringList chips;
        for (const QToolButton *chip : scope->chipButtons())
            chips << chip->text();
        QCOMPARE(chips, (QStringList {u"Type: Images  ✕"_s, u"Tag: sea  ✕"_s}));
        QCOMPARE(page->assetModel()->totalAssets(), 2);

        // A chip removes its filter.
        scope->chipButtons().constFirst()->click();
        QCOMPARE(page->facetBar()->resourceTypes(), QStringList());
        QCOMPARE(page->facetBar()->tags(), QStringList {u"sea"_s});
        QTRY_COMPARE(scope->chipButtons().size(), 1);

        // Everywhere: the sea assets of every folder.
        scope->everywhereButton()->click();
        QCOMPARE(page->scope(), ScopeBar::Scope::Everywhere);
        QCOMPARE(page->assetModel()->totalAssets(), 3);

        // Another folder opens whole: no filter, no scope line.
        page->openFolder(u"photos/2024"_s);
        QVERIFY(!page->facetBar()->hasFilters());
        QVERIFY(scope->isHidden());
        QVERIFY(!page->assetModel()->isSearch());
        QCOMPARE(count(*page), comparable(u"2 assets"_s));
        // Back as well.
        page->facetBar()->setTags({u"sea"_s});
        QVERIFY(page->facetBar()->hasFilters());
        page->goBack();
        QCOMPARE(page->currentFolder(), u"photos/2023"_s);
        QVERIFY(!page->facetBar()->hasFilters());
        QCOMPARE(count(*page), comparable(u"5 assets"_s));
    }

    void tagsMatchAllOrAny_data()
    {
        QTest::addColumn<bool>("any");
        QTest::addColumn<bool>("everywhere");
        QTest::addColumn<int>("expected");
        QTest::newRow("all, this folder") << false << false << 1;
        QTest::newRow("any, this folder") << true << false << 3;
        QTest::newRow("all, everywhere") << false << true << 1;
        QTest::newRow("any, everywhere") << true << true << 4;
    }

    void tagsMatchAllOrAny()
    {
        QFETCH(bool, any);
        QFETCH(bool, everywhere);
        QFETCH(int, expected);
        auto page = makePage();
        QVERIFY(page);
        page->openFolder(u"photos/2023"_s);
        page->facetBar()->setTags({u"sea"_s, u"summer"_s});
        QCOMPARE(page->facetBar()->tagButton()->text(), u"Tags (all): sea, summer"_s);
        QToolButton *match = page->scopeBar()->tagMatchButton();
        QVERIFY(match->isVisible());
        QCOMPARE(match->text(), u"All of the tags"_s);
        if (everywhere)
            page->setScope(ScopeBar::Scope::Everywhere);
        if (any) {
            // Chosen the way a person does: from the scope line's menu.
            QList<QAction *> choices = match->menu()->actions();
            QCOMPARE(choices.size(), 2);
            choices.at(1)->trigger();
            QCOMPARE(page->facetBar()->tagMatch(), FacetBar::TagMatch::Any);
            QCOMPARE(match->text(), u"Any of the tags"_s);
            QCOMPARE(page->facetBar()->tagButton()->text(), u"Tags (any): sea, summer"_s);
        }
        QCOMPARE(page->assetModel()->totalAssets(), expected);
        // The catalogue agrees.
        CatalogQuery query;
        query.tags = {u"sea"_s, u"summer"_s};
        query.anyTag = any;
        if (!everywhere)
            query.folder = u"photos/2023"_s;
        QCOMPARE(m_catalog->search(query).value().total, expected);
    }

    void emptyFolderSaysSo()
    {
        auto page = makePage();
        QVERIFY(page);
        gui::EmptyState *empty = page->emptyState();
        QVERIFY(empty->isHidden());
        page->openFolder(u"emptied"_s);
        QVERIFY(empty->isHidden());
        // Its one asset goes (deleted elsewhere, a sync): the folder stays open, empty.
        QVERIFY(m_catalog->remove({u"id-emptied-last"_s}).ok());
        page->reload();
        QTRY_VERIFY(empty->isVisible());
        QCOMPARE(empty->title(), u"This folder is empty"_s);
        QVERIFY(empty->clearFiltersButton()->isHidden());
        QVERIFY(empty->clearSearchButton()->isHidden());
        QCOMPARE(count(*page), comparable(u"0 assets"_s));
        // In the middle of the view in sight.
        QVERIFY(page->gridView()->viewport()->rect().contains(empty->geometry()));
        shoot(*page, u"browser-empty-folder.png"_s);
        QVERIFY(m_catalog->upsert({asset(u"emptied"_s, u"last"_s, {})}).ok());
    }

    void noResultsOfSearchOffersWayBack()
    {
        auto page = makePage();
        QVERIFY(page);
        page->openFolder(u"photos/2023"_s);
        QTest::keyClicks(page->searchField(), u"zebra"_s);
        gui::EmptyState *empty = page->emptyState();
        QTRY_VERIFY(empty->isVisible());
        QCOMPARE(empty->title(), u"No results for “zebra”"_s);
        QVERIFY(empty->text().contains(u"any folder"_s));
        QVERIFY(empty->clearSearchButton()->isVisible());
        QVERIFY(empty->everywhereButton()->isHidden()); // it looked everywhere already
        QVERIFY(empty->clearFiltersButton()->isHidden());
        shoot(*page, u"browser-no-results.png"_s);
        empty->clearSearchButton()->click();
        QVERIFY(page->searchField()->text().isEmpty());
        QVERIFY(!page->assetModel()->isSearch());
        QCOMPARE(page->assetModel()->rowCount(), 5);
        QVERIFY(empty->isHidden());

        // In this folder only: "cliffs" is in photos/2024.
        QTest::keyClicks(page->searchField(), u"cliffs"_s);
        QTRY_VERIFY(page->assetModel()->isSearch());
        page->setScope(ScopeBar::Scope::Folder);
        QTRY_VERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(u"photos/2023"_s));
        QVERIFY(empty->everywhereButton()->isVisible());
        empty->everywhereButton()->click();
        QCOMPARE(page->scope(), ScopeBar::Scope::Everywhere);
        QCOMPARE(page->assetModel()->totalAssets(), 1);
        QVERIFY(empty->isHidden());
    }

    void noResultsOfFiltersOffersClearFilters()
    {
        auto page = makePage();
        QVERIFY(page);
        // A folder with only folders: filters look at its own assets, and there are none.
        page->openFolder(u"photos"_s);
        page->facetBar()->setTags({u"sea"_s});
        gui::EmptyState *empty = page->emptyState();
        QTRY_VERIFY(empty->isVisible());
        QCOMPARE(empty->title(), u"No assets match the filters"_s);
        QVERIFY(empty->text().contains(u"sub-folders"_s));
        QVERIFY(empty->clearFiltersButton()->isVisible());
        QVERIFY(empty->everywhereButton()->isVisible());
        QVERIFY(empty->clearSearchButton()->isHidden());
        QCOMPARE(count(*page), comparable(u"0 results"_s));
        shoot(*page, u"browser-no-filter-results.png"_s);
        empty->clearFiltersButton()->click();
        QVERIFY(!page->facetBar()->hasFilters());
        QVERIFY(!page->assetModel()->isSearch());
        QCOMPARE(count(*page), comparable(u"2 folders · 0 assets"_s));
        QVERIFY(empty->isHidden());
        QVERIFY(page->scopeBar()->isHidden());
    }

    void escapeClearsTheSearch()
    {
        auto page = makePage();
        QVERIFY(page);
        page->openFolder(u"photos/2023"_s);
        QTest::keySequence(page.get(), QKeySequence::Find);
        QLineEdit *search = page->searchField();
        QVERIFY(search->hasFocus());
        QTest::keyClicks(search, u"sea"_s);
        QTRY_VERIFY(page->assetModel()->isSearch());
        QVERIFY(page->scopeBar()->isVisible());
        QTest::keyClick(search, Qt::Key_Escape);
        QVERIFY(search->text().isEmpty());
        QVERIFY(!page->assetModel()->isSearch());
        QCOMPARE(page->currentFolder(), u"photos/2023"_s);
        QVERIFY(page->scopeBar()->isHidden());
        QVERIFY(search->hasFocus());
        // A second Esc hands the keyboard back to the assets.
        QTest::keyClick(search, Qt::Key_Escape);
        QVERIFY(page->gridView()->hasFocus());
    }

    void screenshotWithPathBar()
    {
        auto page = makePage(nullptr, {1100, 600});
        QVERIFY(page);
        page->openFolder(u"photos/2023"_s);
        page->facetBar()->setTags({u"sea"_s, u"summer"_s});
        page->facetBar()->setTagMatch(FacetBar::TagMatch::Any);
        QTRY_COMPARE(page->assetModel()->totalAssets(), 3);
        shoot(*page, u"browser-path-bar.png"_s);
    }

private:
    static void shoot(QWidget &widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("STRATUS_SCREENSHOTS");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QCoreApplication::processEvents();
        QVERIFY(widget.grab().save(QDir(dir).filePath(name)));
    }
};

QTEST_MAIN(TestBrowserNavigation)
#include "tst_browsernavigation.moc"
