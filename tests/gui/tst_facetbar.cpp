// The browser's filter bar: what each choice adds to a catalogue query, the menus built from the
// scope's counts, several values ticked in one opening of a menu, and the buttons' labels.

#include "gui/browser/facetbar.h"

#include <QMenu>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace stratus;
using namespace stratus::gui;
using core::catalog::CatalogFacets;
using core::catalog::CatalogQuery;
using namespace Qt::StringLiterals;

namespace {

CatalogFacets sampleFacets()
{
    CatalogFacets facets;
    facets.resourceTypes = {{u"image"_s, 83}, {u"video"_s, 25}, {u"raw"_s, 12}};
    facets.formats = {{u"jpg"_s, 60}, {u"png"_s, 23}, {u"mp4"_s, 25}};
    facets.tags = {{u"summer"_s, 40}, {u"sea"_s, 12}};
    return facets;
}

QStringList actionTexts(const QMenu *menu)
{
    QStringList texts;
    for (const QAction *action : menu->actions()) {
        if (!action->isSeparator())
            texts << action->text();
    }
    return texts;
}

QAction *actionStartingWith(const QMenu *menu, const QString &start)
{
    for (QAction *action : menu->actions()) {
        if (action->text().startsWith(start))
            return action;
    }
    return nullptr;
}

} // namespace

class TestFacetBar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyBarAddsNothing()
    {
        FacetBar bar;
        QVERIFY(!bar.hasFilters());
        CatalogQuery query;
        query.text = u"beach"_s;
        bar.applyTo(query);
        QCOMPARE(query.text, u"beach"_s);
        QVERIFY(query.resourceTypes.isEmpty() && query.formats.isEmpty() && query.tags.isEmpty());
        QVERIFY(!query.createdFrom.isValid() && !query.createdBefore.isValid());
        QVERIFY(!query.minBytes && !query.maxBytes);
        QVERIFY(bar.clearButton()->isHidden());
    }

    void valuesNarrowTheQuery()
    {
        FacetBar bar;
        QSignalSpy changed(&bar, &FacetBar::filtersChanged);
        bar.setResourceTypes({u"video"_s});
        bar.setFormats({u"mp4"_s, u"webm"_s});
        bar.setTags({u"sea"_s});
        QCOMPARE(changed.count(), 3);
        CatalogQuery query;
        bar.applyTo(query);
        QCOMPARE(query.resourceTypes, QStringList {u"video"_s});
        QCOMPARE(query.formats, (QStringList {u"mp4"_s, u"webm"_s}));
        QCOMPARE(query.tags, QStringList {u"sea"_s});
        QCOMPARE(bar.typeButton()->text(), u"Type: Videos"_s);
        QCOMPARE(bar.formatButton()->text(), u"Format: mp4, webm"_s);
        QVERIFY(bar.typeButton()->font().bold());
        QVERIFY(!bar.dateButton()->font().bold());
        QVERIFY(!bar.clearButton()->isHidden());

        bar.clear();
        QCOMPARE(changed.count(), 4); // one signal for the whole clear
        QVERIFY(!bar.hasFilters());
        bar.clear();
        QCOMPARE(changed.count(), 4); // nothing to clear: no signal
        QCOMPARE(bar.typeButton()->text(), u"Type"_s);
    }

    void datePresets_data()
    {
        QTest::addColumn<FacetBar::DateRange>("range");
        QTest::addColumn<qint64>("secondsBack");
        QTest::newRow("day") << FacetBar::DateRange::LastDay << qint64(24 * 3600);
        QTest::newRow("week") << FacetBar::DateRange::LastWeek << qint64(7 * 24 * 3600);
        QTest::newRow("month") << FacetBar::DateRange::LastMonth << qint64(30 * 24 * 3600);
        QTest::newRow("year") << FacetBar::DateRange::LastYear << qint64(365 * 24 * 3600);
    }
    void datePresets()
    {
        QFETCH(FacetBar::DateRange, range);
        QFETCH(qint64, secondsBack);
        FacetBar bar;
        bar.setDateRange(range);
        const QDateTime now(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC);
        CatalogQuery query;
        bar.applyTo(query, now);
        QCOMPARE(query.createdFrom.secsTo(now), secondsBack);
        QVERIFY(!query.createdBefore.isValid());
        QVERIFY(bar.dateButton()->text().startsWith(u"Created: last"_s));
    }

    void customDatesIncludeTheLastDay()
    {
        FacetBar bar;
        bar.setDateRange(FacetBar::DateRange::Custom, QDate(2026, 10, 1), QDate(2026, 10, 31));
        CatalogQuery query;
        bar.applyTo(query);
        QCOMPARE(query.createdFrom, QDate(2026, 10, 1).startOfDay().toUTC());
        QCOMPARE(query.createdBefore, QDate(2026, 11, 1).startOfDay().toUTC());
    }

    void sizePresets_data()
    {
        QTest::addColumn<FacetBar::SizeRange>("range");
        QTest::addColumn<qint64>("minBytes"); // -1: open
        QTest::addColumn<qint64>("maxBytes");
        QTest::newRow("small") << FacetBar::SizeRange::Small << qint64(-1) << qint64(102399);
        QTest::newRow("medium") << FacetBar::SizeRange::Medium << qint64(102400) << qint64(1048575);
        QTest::newRow("large") << FacetBar::SizeRange::Large << qint64(1048576) << qint64(10485759);
        QTest::newRow("huge") << FacetBar::SizeRange::Huge << qint64(10485760) << qint64(-1);
    }
    void sizePresets()
    {
        QFETCH(FacetBar::SizeRange, range);
        QFETCH(qint64, minBytes);
        QFETCH(qint64, maxBytes);
        FacetBar bar;
        bar.setSizeRange(range);
        CatalogQuery query;
        bar.applyTo(query);
        QCOMPARE(query.minBytes.value_or(-1), minBytes);
        QCOMPARE(query.maxBytes.value_or(-1), maxBytes);
        QVERIFY(bar.sizeButton()->font().bold());
    }

    void customSize()
    {
        FacetBar bar;
        bar.setSizeRange(FacetBar::SizeRange::Custom, qint64(2) * 1024 * 1024, std::nullopt);
        CatalogQuery query;
        bar.applyTo(query);
        QCOMPARE(query.minBytes.value_or(-1), qint64(2) * 1024 * 1024);
        QVERIFY(!query.maxBytes);
        QCOMPARE(bar.sizeButton()->text(), u"Size: at least 2.0 MB"_s);
    }

    void menusListTheScopeWithCounts()
    {
        FacetBar bar;
        bar.setFacets(sampleFacets());
        QMenu *types = bar.typeButton()->menu();
        Q_EMIT types->aboutToShow();
        QCOMPARE(actionTexts(types),
                 (QStringList {u"Images (83)"_s, u"Videos (25)"_s, u"Other files (12)"_s}));

        // A ticked value the scope no longer has stays listed, so that it can be unticked.
        bar.setFormats({u"gif"_s});
        QMenu *formats = bar.formatButton()->menu();
        Q_EMIT formats->aboutToShow();
        QCOMPARE(actionTexts(formats),
                 (QStringList {u"jpg (60)"_s, u"png (23)"_s, u"mp4 (25)"_s, u"gif"_s, u"Clear"_s}));
        QVERIFY(actionStartingWith(formats, u"gif"_s)->isChecked());

        // Nothing to filter: one disabled entry.
        bar.setFacets({});
        QMenu *tags = bar.tagButton()->menu();
        Q_EMIT tags->aboutToShow();
        QCOMPARE(tags->actions().size(), 1);
        QVERIFY(!tags->actions().first()->isEnabled());
    }

    void severalValuesTickedInOneOpening()
    {
        FacetBar bar;
        bar.setFacets(sampleFacets());
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        QMenu *types = bar.typeButton()->menu();
        types->popup(bar.mapToGlobal(QPoint(0, bar.height())));
        QVERIFY(QTest::qWaitForWindowExposed(types));
        QSignalSpy changed(&bar, &FacetBar::filtersChanged);

        QAction *images = actionStartingWith(types, u"Images"_s);
        QAction *videos = actionStartingWith(types, u"Videos"_s);
        QTest::mouseClick(types, Qt::LeftButton, {}, types->actionGeometry(images).center());
        QVERIFY(types->isVisible()); // still open for the next tick
        QTest::mouseClick(types, Qt::LeftButton, {}, types->actionGeometry(videos).center());
        QVERIFY(types->isVisible());
        QCOMPARE(bar.resourceTypes(), (QStringList {u"image"_s, u"video"_s}));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(bar.typeButton()->text(), u"Type: Images, Videos"_s);

        // Keyboard: Space on the active entry unticks it, the menu stays; Escape closes it.
        types->setActiveAction(images);
        QTest::keyClick(types, Qt::Key_Space);
        QVERIFY(types->isVisible());
        QCOMPARE(bar.resourceTypes(), QStringList {u"video"_s});
        QTest::keyClick(types, Qt::Key_Escape);
        QTRY_VERIFY(!types->isVisible());
    }

    // Two ticked tags mean both unless "any" is chosen, and the bar says which.
    void tagsMatchAllOrAny()
    {
        FacetBar bar;
        bar.setFacets(sampleFacets());
        QSignalSpy changed(&bar, &FacetBar::filtersChanged);
        bar.setTags({u"summer"_s, u"sea"_s});
        QCOMPARE(bar.tagButton()->text(), u"Tags (all): summer, sea"_s);
        CatalogQuery query;
        bar.applyTo(query);
        QVERIFY(!query.anyTag);

        QMenu *tags = bar.tagButton()->menu();
        Q_EMIT tags->aboutToShow();
        QAction *all = tags->findChild<QAction *>(u"tagMatchAll"_s);
        QAction *any = tags->findChild<QAction *>(u"tagMatchAny"_s);
        QVERIFY(all && any);
        QVERIFY(all->isChecked());
        any->trigger();
        QCOMPARE(bar.tagMatch(), FacetBar::TagMatch::Any);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(bar.tagButton()->text(), u"Tags (any): summer, sea"_s);
        bar.applyTo(query);
        QVERIFY(query.anyTag);

        // With one tag the choice changes no result: no signal.
        bar.setTags({u"sea"_s});
        bar.setTagMatch(FacetBar::TagMatch::All);
        QCOMPARE(changed.count(), 3);
        QCOMPARE(bar.tagButton()->text(), u"Tags: sea"_s);
    }

    void chipsNameAndRemoveEachFilter()
    {
        FacetBar bar;
        bar.setResourceTypes({u"video"_s});
        bar.setTags({u"sea"_s, u"summer"_s});
        bar.setSizeRange(FacetBar::SizeRange::Huge);
        QList<FacetBar::Chip> chips = bar.chips();
        QStringList texts;
        for (const FacetBar::Chip &chip : chips)
            texts << chip.text;
        QCOMPARE(texts,
                 (QStringList {u"Type: Videos"_s, u"Tag: sea"_s, u"Tag: summer"_s, u"Size: over 10 MB"_s}));
        QSignalSpy changed(&bar, &FacetBar::filtersChanged);
        chips.at(1).remove();
        QCOMPARE(bar.tags(), QStringList {u"summer"_s});
        chips.at(3).remove();
        QCOMPARE(bar.sizeRange(), FacetBar::SizeRange::Any);
        chips.at(0).remove();
        QCOMPARE(bar.resourceTypes(), QStringList());
        QCOMPARE(changed.count(), 3);
        QCOMPARE(bar.chips().size(), 1);
    }

    void dateMenuOffersPresets()
    {
        FacetBar bar;
        QMenu *dates = bar.dateButton()->menu();
        Q_EMIT dates->aboutToShow();
        QAction *week = actionStartingWith(dates, u"Last 7 days"_s);
        QVERIFY(week);
        QVERIFY(actionStartingWith(dates, u"Any time"_s)->isChecked());
        week->trigger();
        QCOMPARE(bar.dateRange(), FacetBar::DateRange::LastWeek);
        QCOMPARE(bar.dateButton()->text(), u"Created: last 7 days"_s);
        Q_EMIT dates->aboutToShow();
        QVERIFY(actionStartingWith(dates, u"Last 7 days"_s)->isChecked());
    }
};

QTEST_MAIN(TestFacetBar)
#include "tst_facetbar.moc"
