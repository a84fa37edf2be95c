// Issue 13, point 1: content first. The window over the embedded Local sandbox (its seeded sample
// media, as a first run shows it): no page heading; the sandbox's word of welcome is a bar that,
// closed, stays closed; the grid shows at least 4 rows × 6 columns at 1440×900 with the details
// panel open, is still usable at 800×600 and nothing overlaps at 640×480; the transfers dock hides
// once the transfers are done unless pinned. Saves docs/screenshots/window-1440x900.png and
// window-800x600.png.

#include "app/localsandbox.h"
#include "core/accounts/accountstore.h"
#include "core/session/environmentsession.h"
#include "gui/browser/assetlistmodel.h"
#include "gui/browser/browserpage.h"
#include "gui/browser/detailspanel.h"
#include "gui/browser/scopebar.h"
#include "gui/environment/environmentpage.h"
#include "gui/mainwindow/mainwindow.h"
#include "gui/settings/preferences.h"
#include "gui/shell/infobar.h"
#include "gui/theme/themecontroller.h"
#include "gui/upload/uploadcontroller.h"
#include "gui/upload/uploaddock.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QNetworkAccessManager>
#include <QSet>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace stratus;
using namespace stratus::gui;
using namespace Qt::StringLiterals;

namespace {

// Enough sample media for Home to fill the grid at 1440×900 (the seeder spreads it over 13 folders).
constexpr int kSeeds = 480;

struct Grid
{
    int rows = 0;
    int columns = 0;
};

/// The cells of @p view whose whole rectangle is in sight: distinct rows and columns.
Grid visibleCells(QListView *view)
{
    QSet<int> tops;
    QSet<int> lefts;
    const QRect sight = view->viewport()->rect();
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QRect cell = view->visualRect(view->model()->index(row, 0));
        if (cell.isValid() && sight.contains(cell)) {
            tops.insert(cell.top());
            lefts.insert(cell.left());
        }
    }
    return {int(tops.size()), int(lefts.size())};
}

/// Visible widgets of @p parent's row (the browser's toolbars) that overlap another one.
QStringList overlaps(const QList<QWidget *> &widgets)
{
    QStringList found;
    for (qsizetype i = 0; i < widgets.size(); ++i) {
        for (qsizetype j = i + 1; j < widgets.size(); ++j) {
            const QWidget *a = widgets[i];
            const QWidget *b = widgets[j];
            if (!a->isVisible() || !b->isVisible() || a->isAncestorOf(b) || b->isAncestorOf(a))
                continue;
            const QRect ra(a->mapTo(a->window(), QPoint()), a->size());
            const QRect rb(b->mapTo(b->window(), QPoint()), b->size());
            if (ra.intersects(rb))
                found << u"%1 × %2"_s.arg(a->objectName(), b->objectName());
        }
    }
    return found;
}

} // namespace

class TestContentFirst : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_store = std::make_unique<core::AccountStore>(
            std::make_shared<core::MemorySecretStore>(),
            core::StorageLayout {m_dir.filePath(u"config/accounts.ini"_s), m_dir.filePath(u"data"_s),
                                 m_dir.filePath(u"cache"_s)});
        QVERIFY(m_store->load().ok());
        m_preferences = std::make_unique<Preferences>(m_dir.filePath(u"stratus.conf"_s));
        AppSettings values = m_preferences->values();
        values.askBeforeUploadingGivenFiles = false; // the dock test uploads without the dialog
        QVERIFY(m_preferences->setValues(values));
        m_sandbox = std::make_unique<app::LocalSandbox>(m_store.get(), m_dir.filePath(u"ls"_s), kSeeds);
        QSignalSpy ready(m_sandbox.get(), &app::LocalSandbox::ready);
        QSignalSpy failed(m_sandbox.get(), &app::LocalSandbox::failed);
        m_sandbox->start();
        m_window = std::make_unique<MainWindow>(m_store.get(), &m_network, m_preferences.get());
        m_window->resize(1440, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1 || failed.count() == 1, 180000);
        QCOMPARE(failed.count(), 0);
        core::EnvironmentSession *session = m_window->session(m_sandbox->environmentId());
        QVERIFY(session);
        QTRY_COMPARE_WITH_TIMEOUT(session->connection(), core::EnvironmentSession::Connection::Online, 60000);
        // The catalogue synced: Home lists its folders and many assets.
        QTRY_VERIFY_WITH_TIMEOUT(browser()->assetModel()->rowCount() >= 40, 120000);
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_sandbox.reset();
    }

    // The environment's name is in the window title, the switcher and the status bar, not in a
    // heading over the page; the sandbox's word is a bar, with a close button.
    void noHeadingAndAWelcomeBar()
    {
        QVERIFY(m_window->windowTitle().startsWith(u"Local sandbox"_s));
        auto *status = m_window->findChild<QLabel *>(u"statusEnvironment"_s);
        QVERIFY(status && status->isVisible() && status->text().contains(u"Local sandbox"_s));
        EnvironmentPage *page = environmentPage();
        QVERIFY(page);
        for (QLabel *label : page->findChildren<QLabel *>()) {
            if (!label->isVisible())
                continue;
            // No big bold title anywhere on the page.
            QVERIFY2(label->font().pointSizeF() <= m_window->font().pointSizeF() * 1.2
                         || label->objectName() == u"emptyStateTitle"_s,
                     qPrintable(label->objectName() + u": "_s + label->text()));
        }
        auto *welcome = page->findChild<InfoBar *>(u"sandboxWelcome"_s);
        QVERIFY(welcome && welcome->isVisible());
        // Slim: about a line of text (two when it wraps), not a panel.
        QVERIFY2(welcome->height() <= 3 * welcome->fontMetrics().height() + 16,
                 qPrintable(QString::number(welcome->height())));
    }

    void gridAt1440x900()
    {
        m_window->resize(1440, 900);
        BrowserPage *browser = this->browser();
        QVERIFY(browser && browser->detailsPanel());
        QVERIFY(browser->detailsPanel()->isVisible());
        QCOMPARE(browser->zoom(), 128); // the default thumbnail size
        QTRY_VERIFY(visibleCells(browser->gridView()).rows >= 4);
        const Grid grid = visibleCells(browser->gridView());
        qInfo("1440×900: %d rows × %d columns in sight", grid.rows, grid.columns);
        QVERIFY2(grid.rows >= 4, qPrintable(QString::number(grid.rows)));
        QVERIFY2(grid.columns >= 6, qPrintable(QString::number(grid.columns)));
        waitForThumbnails();
        QVERIFY(m_window->grab().save(shots() + u"window-1440x900.png"_s));
    }

    void usableAt800x600()
    {
        m_window->resize(800, 600);
        QTRY_COMPARE(m_window->size(), QSize(800, 600)); // no minimum size wider than the screen
        BrowserPage *browser = this->browser();
        QVERIFY(browser);
        // The details panel collapsed to leave the room to the grid; Info brings it back.
        QTRY_VERIFY(!browser->detailsPanel()->isVisible());
        QTRY_VERIFY(visibleCells(browser->gridView()).columns >= 3);
        const Grid grid = visibleCells(browser->gridView());
        qInfo("800×600: %d rows × %d columns in sight", grid.rows, grid.columns);
        QVERIFY2(grid.rows >= 2, qPrintable(QString::number(grid.rows)));
        QVERIFY2(grid.columns >= 3, qPrintable(QString::number(grid.columns)));
        // The toolbar's controls keep their shape: the zoom slider is a slider, not a square; the
        // search box has room for words.
        QSlider *zoom = browser->zoomSlider();
        QVERIFY2(zoom->isVisible() && zoom->width() >= 3 * zoom->height(),
                 qPrintable(u"%1×%2"_s.arg(zoom->width()).arg(zoom->height())));
        QVERIFY(browser->searchField()->width() >= 150);
        QCOMPARE(overlaps(toolbarWidgets()), QStringList());
        waitForThumbnails();
        QVERIFY(m_window->grab().save(shots() + u"window-800x600.png"_s));
    }

    void nothingOverlapsAt640x480()
    {
        m_window->resize(640, 480);
        QTRY_COMPARE(m_window->size(), QSize(640, 480));
        BrowserPage *browser = this->browser();
        QVERIFY(browser);
        QTest::qWait(50);
        QCOMPARE(overlaps(toolbarWidgets()), QStringList());
        const Grid grid = visibleCells(browser->gridView());
        qInfo("640×480: %d rows × %d columns in sight", grid.rows, grid.columns);
        QVERIFY(grid.rows >= 1 && grid.columns >= 2);
        QVERIFY(browser->zoomSlider()->width() >= 3 * browser->zoomSlider()->height());
        // Back to a large window: the details panel is back too, as wide as before, and the grid
        // as large as at first.
        m_window->resize(1440, 900);
        QTRY_VERIFY(browser->detailsPanel()->isVisible());
        QTRY_VERIFY(browser->detailsPanel()->width() >= 250);
        QTRY_VERIFY(visibleCells(browser->gridView()).columns >= 6);
    }

    // Closing the welcome bar is remembered for the environment: it does not come back, not even
    // in the next run; Settings → Show Closed Messages Again brings it back.
    void theWelcomeBarStaysClosed()
    {
        EnvironmentPage *page = environmentPage();
        QVERIFY(page);
        core::EnvironmentSession *session = page->session();
        QVERIFY(session);
        auto *welcome = page->findChild<InfoBar *>(u"sandboxWelcome"_s);
        QVERIFY(welcome && welcome->isVisible());
        QTest::mouseClick(welcome->closeButton(), Qt::LeftButton);
        QVERIFY(!welcome->isVisible());
        const QString id = m_sandbox->environmentId();
        QVERIFY(m_preferences->values().dismissedInfoBars.contains(id));
        QVERIFY(Preferences(m_preferences->fileName()).values().dismissedInfoBars.contains(id));
        session->refresh(); // the page reads its environment again
        QTRY_COMPARE(session->connection(), core::EnvironmentSession::Connection::Online);
        QVERIFY(!welcome->isVisible());

        AppSettings values = m_preferences->values();
        values.dismissedInfoBars.clear();
        QVERIFY(m_preferences->setValues(values));
        QTRY_VERIFY(welcome->isVisible());
    }

    // The dock comes while files upload and goes once they are done; pinned, it stays.
    void transfersDockHidesWhenDoneUnlessPinned()
    {
        UploadDock *dock = m_window->uploadDock();
        dock->setHideDelay(50);
        dock->setPinned(false);
        dock->hide();
        QVERIFY(!dock->isVisible());

        const QString file = m_dir.filePath(u"upload.png"_s);
        QImage image(64, 64, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        QVERIFY(image.save(file));
        m_window->uploads()->offer({file});
        QTRY_VERIFY(dock->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!dock->isBusy(), 30000);
        QTRY_VERIFY(!dock->isVisible());

        // Pinned (and remembered): it stays once done.
        QTest::mouseClick(dock->pinButton(), Qt::LeftButton);
        QVERIFY(dock->isPinned());
        QVERIFY(m_preferences->values().transfersPinned);
        image.fill(Qt::darkMagenta);
        QVERIFY(image.save(file));
        m_window->uploads()->offer({file});
        QTRY_VERIFY(dock->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!dock->isBusy(), 30000);
        QTest::qWait(200); // four times the delay: it must still be there
        QVERIFY(dock->isVisible());

        // Unpinned while idle: it goes as a done transfer would make it go… but only after a transfer;
        // a dock opened by hand while idle stays.
        dock->setPinned(false);
        QVERIFY(!m_preferences->values().transfersPinned);
        QTest::qWait(200);
        QVERIFY(dock->isVisible());
    }

    // Both schemes on the real window: a search (scope bar), a selection with its details, the
    // thumbnails' badges and the transfers dock. Saves docs/screenshots/theme-dark.png and
    // theme-light.png; the window's colours follow at once.
    void bothThemesOnTheWindow()
    {
        ThemeController theme(m_preferences.get(), nullptr);
        m_window->setThemeController(&theme);
        m_window->resize(1440, 900);
        BrowserPage *browser = this->browser();
        QVERIFY(browser);
        QTest::keyClicks(browser->searchField(), u"cat"_s);
        QTRY_VERIFY(browser->scopeBar()->isVisible());
        QTRY_VERIFY(browser->assetModel()->rowCount() > 3);
        browser->gridView()->setFocus();
        browser->selectAssets(
            {browser->assetModel()->index(1, 0).data(AssetListModel::AssetIdRole).toString()});
        QTRY_VERIFY(browser->detailsPanel()->isVisible());
        m_window->uploadDock()->show();
        m_window->resizeDocks({m_window->uploadDock()}, {170}, Qt::Vertical);

        for (const auto &[choice, file] : {std::pair {AppSettings::Theme::Dark, u"theme-dark.png"_s},
                                           std::pair {AppSettings::Theme::Light, u"theme-light.png"_s}}) {
            AppSettings values = m_preferences->values();
            values.theme = choice;
            QVERIFY(m_preferences->setValues(values));
            const bool dark = choice == AppSettings::Theme::Dark;
            QTRY_VERIFY((browser->gridView()->palette().color(QPalette::Base).lightness() < 100) == dark);
            QTRY_VERIFY((m_window->palette().color(QPalette::Window).lightness() < 100) == dark);
            waitForThumbnails();
            QVERIFY(m_window->grab().save(shots() + file));
        }
        browser->searchField()->clear();
        m_window->setThemeController(nullptr);
    }

private:
    EnvironmentPage *environmentPage() const
    {
        return qobject_cast<EnvironmentPage *>(m_window->currentPage());
    }
    BrowserPage *browser() const
    {
        EnvironmentPage *page = environmentPage();
        return page != nullptr ? page->browser() : nullptr;
    }
    static QString shots() { return QStringLiteral(STRATUS_SOURCE_DIR) + u"/docs/screenshots/"_s; }

    QList<QWidget *> toolbarWidgets() const
    {
        BrowserPage *browser = this->browser();
        QList<QWidget *> widgets;
        // The browser's own row of controls and the path row: every direct control of the page that
        // is not the splitter's content.
        for (QWidget *child : browser->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly)) {
            if (child->objectName() != u"splitter"_s && child->isVisible())
                widgets << child;
        }
        for (QWidget *widget : std::as_const(widgets)) {
            if (widget->objectName().isEmpty())
                widget->setObjectName(QString::fromLatin1(widget->metaObject()->className()));
        }
        return widgets;
    }

    void waitForThumbnails()
    {
        // Thumbnails of the cells in sight, for the screenshot (a failed one shows a placeholder).
        QListView *grid = browser()->gridView();
        const auto settled = [grid] {
            for (int row = 0; row < grid->model()->rowCount(); ++row) {
                const QModelIndex index = grid->model()->index(row, 0);
                if (!grid->viewport()->rect().intersects(grid->visualRect(index)))
                    continue;
                if (index.data(AssetListModel::ThumbnailStateRole).value<AssetListModel::ThumbnailState>()
                    == AssetListModel::ThumbnailState::Loading)
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 60000);
        QTest::qWait(100);
    }

    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    std::unique_ptr<core::AccountStore> m_store;
    std::unique_ptr<Preferences> m_preferences;
    std::unique_ptr<app::LocalSandbox> m_sandbox;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestContentFirst)
#include "tst_contentfirst.moc"
