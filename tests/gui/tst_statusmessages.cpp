// Issue 13, point 14: status messages clear after a while (failures stay longer, progress until
// the next message) and never squeeze the search box — they are in the status bar, elided.

#include "core/session/environmentsession.h"
#include "gui/browser/browsercommands.h"
#include "gui/browser/browserpage.h"
#include "gui/environment/browseview.h"
#include "gui/environment/environmentpage.h"
#include "gui/mainwindow/mainwindow.h"
#include "gui/shell/statusline.h"

#include "windowfixture.h"

#include <QLineEdit>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>

using namespace stratus;
using namespace stratus::gui;
using namespace Qt::StringLiterals;

class TestStatusMessages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void messagesClearAfterTheirTime()
    {
        StatusLine line;
        line.setTimeouts(40, 120);
        line.resize(400, line.sizeHint().height());
        line.show();
        line.setIdleText(u"3 assets selected"_s);
        QCOMPARE(line.text(), u"3 assets selected"_s);

        line.showMessage(u"2 URLs copied"_s, StatusKind::Done);
        QCOMPARE(line.text(), u"2 URLs copied"_s);
        QVERIFY(line.showsMessage());
        QTRY_COMPARE(line.text(), u"3 assets selected"_s); // back to what is selected
        QVERIFY(!line.showsMessage());

        line.showMessage(u"Delete failed"_s, StatusKind::Failure);
        QTRY_VERIFY(!line.showsMessage());

        // Progress stays until the next message, however long it takes.
        line.showMessage(u"Deleting 3 assets… 1 of 3"_s, StatusKind::Progress);
        QTest::qWait(300); // several times the other timeouts: it must still be there
        QCOMPARE(line.text(), u"Deleting 3 assets… 1 of 3"_s);
        // A failure replaces it and, like any message, goes after its time.
        line.showMessage(u"Delete failed"_s, StatusKind::Failure);
        QCOMPARE(line.text(), u"Delete failed"_s);
        QTRY_COMPARE(line.text(), u"3 assets selected"_s);
    }

    // The defaults: a failure stays longer than a success, both a few seconds.
    void failuresStayLongerThanSuccesses()
    {
        QVERIFY(StatusLine::kDoneTimeoutMs >= 3000 && StatusLine::kDoneTimeoutMs <= 8000);
        QVERIFY(StatusLine::kFailureTimeoutMs > StatusLine::kDoneTimeoutMs);
    }

    // In the window: what the browser's commands say goes to the status bar, elided when long, the
    // search box keeps its width, and the message clears.
    void browserMessagesLeaveTheSearchBoxAlone()
    {
        test::Fixture fixture;
        fixture.addAccount(u"Agency"_s, {u"Production"_s});
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.resize(800, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *page = qobject_cast<EnvironmentPage *>(window.currentPage());
        QVERIFY(page && page->browser());
        auto *browse = qobject_cast<BrowseView *>(page->view(EnvironmentPage::View::Browse));
        QVERIFY(browse);
        StatusLine *line = browse->statusLine();
        QVERIFY(line->parentWidget() == window.statusBar() && line->isVisible());
        line->setTimeouts(60, 200);
        QLineEdit *search = page->browser()->searchField();
        QTRY_VERIFY(search->width() > 0);
        const int searchWidth = search->width();

        const QString longText = u"Moving 1,204 assets to campaigns/2026/spring/final-selection/approved "
                                 u"by the art director… 17 of 1,204"_s;
        Q_EMIT page->browser()->commands()->status(longText, StatusKind::Progress);
        QCOMPARE(line->text(), longText);
        QTest::qWait(50); // the layouts settle
        QCOMPARE(search->width(), searchWidth);
        // Elided in the status bar (the window does not grow); the status bar is no wider than the window.
        QCOMPARE(window.width(), 800);
        QVERIFY(line->geometry().right() <= window.statusBar()->width());
        QVERIFY(line->isElided());
        QVERIFY(line->width() < line->fontMetrics().horizontalAdvance(longText));

        Q_EMIT page->browser()->commands()->status(u"Move: done"_s, StatusKind::Done);
        QCOMPARE(line->text(), u"Move: done"_s);
        QTRY_VERIFY(!line->showsMessage());
        QVERIFY(line->text().isEmpty()); // nothing selected
        QCOMPARE(search->width(), searchWidth);
    }
};

QTEST_MAIN(TestStatusMessages)
#include "tst_statusmessages.moc"
