#include "core/accounts/accountstore.h"
#include "core/session/environmentsession.h"
#include "core/transfers/uploadqueue.h"
#include "gui/browser/browserpage.h"
#include "gui/browser/detailspanel.h"
#include "gui/environment/environmentpage.h"
#include "gui/mainwindow/aboutdialog.h"
#include "gui/mainwindow/environmentswitcher.h"
#include "gui/mainwindow/mainwindow.h"
#include "gui/settings/preferences.h"
#include "gui/settings/settingsdialog.h"
#include "words/errorwords.h"

#include "stratus/version.h"

#include "../unit/storagefiles.h"
#include "windowfixture.h"

#include <QAction>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>
#include <optional>

using namespace stratus;
using namespace stratus::gui;

namespace {

using test::Fixture;

QStackedWidget *pagesOf(MainWindow &window)
{
    return window.findChild<QStackedWidget *>(QStringLiteral("pages"));
}

QString currentName(MainWindow &window)
{
    auto *page = qobject_cast<EnvironmentPage *>(pagesOf(window)->currentWidget());
    return page ? page->session()->record().name : QString();
}

constexpr qint64 kMegabyte = 1024 * 1024;

// `count` thumbnails of a megabyte each in the disk cache at `directory`, named as DiskCache names
// them, the first the least recently used. Their relative paths, in that order.
QStringList fillThumbnailCache(const QString &directory, int count)
{
    QStringList relatives;
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-1);
    for (int i = 0; i < count; ++i) {
        const QString hash = QString::fromLatin1(
            QCryptographicHash::hash(QByteArray::number(i), QCryptographicHash::Sha1).toHex());
        const QString relative = hash.left(2) + u'/' + hash.mid(2);
        QDir().mkpath(directory + u'/' + hash.left(2));
        QFile file(directory + u'/' + relative);
        // Sparse: a megabyte by its size, nothing on the disk.
        if (!file.open(QIODevice::WriteOnly) || !file.resize(kMegabyte)
            || !file.setFileTime(start.addSecs(60 * i), QFileDevice::FileModificationTime))
            qFatal("cannot write %s", qPrintable(file.fileName()));
        relatives << relative;
    }
    return relatives;
}

// The thumbnails in the cache at `directory` (relative paths) and their bytes.
std::pair<QStringList, qint64> thumbnailsIn(const QString &directory)
{
    QStringList relatives;
    qint64 bytes = 0;
    const QDir root(directory);
    QDirIterator it(directory, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        relatives << root.relativeFilePath(it.filePath());
        bytes += it.fileInfo().size();
    }
    return {relatives, bytes};
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Catalogues and upload journals of the fixtures' environments go to a test location.
        QStandardPaths::setTestModeEnabled(true);
    }

    void opensOnTheWelcomePageWithoutEnvironments()
    {
        Fixture fixture;
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Stratus"));
        QCOMPARE(pagesOf(window)->currentWidget()->objectName(), QStringLiteral("welcomePage"));
        const QPixmap shot = window.grab();
        QVERIFY(!shot.isNull());
        QVERIFY(shot.width() >= 400);
    }

    void ctrlNumbersSwitchAndEachEnvironmentKeepsItsPage()
    {
        Fixture fixture;
        fixture.addAccount(QStringLiteral("Agency"),
                           {QStringLiteral("Production"), QStringLiteral("Staging")});
        fixture.addAccount(QStringLiteral("Brand"), {QStringLiteral("Brand assets")});
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        // The first environment opens; the title and status bar name it.
        QCOMPARE(currentName(window), QStringLiteral("Production"));
        QCOMPARE(window.windowTitle(), QStringLiteral("Production — Stratus"));
        auto *statusEnvironment
            = window.statusBar()->findChild<QLabel *>(QStringLiteral("statusEnvironment"));
        QVERIFY(statusEnvironment->text().contains(QStringLiteral("Production")));
        QWidget *productionPage = pagesOf(window)->currentWidget();

        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(currentName(window), QStringLiteral("Staging"));
        QCOMPARE(window.windowTitle(), QStringLiteral("Staging — Stratus"));
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(currentName(window), QStringLiteral("Brand assets"));
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(currentName(window), QStringLiteral("Production"));
        // The same page object: whatever state it had is still there.
        QCOMPARE(pagesOf(window)->currentWidget(), productionPage);
        QCOMPARE(fixture.store.currentEnvironmentId(),
                 fixture.store.environmentByName(QStringLiteral("Production"))->id);

        // None of them answers (closed port): the window says so instead of hanging.
        auto *connection = window.statusBar()->findChild<QLabel *>(QStringLiteral("statusConnection"));
        QTRY_VERIFY_WITH_TIMEOUT(connection->text().startsWith(QStringLiteral("Offline")), 15000);
    }

    void theSwitcherFiltersAsYouTypeAndOpensWithEnter()
    {
        Fixture fixture;
        fixture.addAccount(QStringLiteral("Agency"),
                           {QStringLiteral("Production"), QStringLiteral("Staging")});
        fixture.addAccount(QStringLiteral("Brand"), {QStringLiteral("Brand assets")});
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
        auto *popup = window.findChild<EnvironmentSwitcherPopup *>();
        QVERIFY(popup);
        QTRY_VERIFY(popup->isVisible());
        // Grouped by account.
        QCOMPARE(popup->tree()->topLevelItemCount(), 2);
        QCOMPARE(popup->tree()->topLevelItem(0)->text(0), QStringLiteral("Agency"));
        QCOMPARE(popup->tree()->topLevelItem(0)->childCount(), 2);

        // STRATUS_SCREENSHOTS=DIR keeps a picture of the switcher for a person to look at.
        if (const QString dir = qEnvironmentVariable("STRATUS_SCREENSHOTS"); !dir.isEmpty())
            popup->grab().save(dir + QStringLiteral("/switcher.png"));
        QTest::keyClicks(popup->filterEdit(), QStringLiteral("stag"));
        QVERIFY(popup->tree()->topLevelItem(1)->isHidden());
        QVERIFY(popup->tree()->topLevelItem(0)->child(0)->isHidden());
        QVERIFY(!popup->tree()->topLevelItem(0)->child(1)->isHidden());
        QTest::keyClick(popup->filterEdit(), Qt::Key_Return);
        QVERIFY(!popup->isVisible());
        QCOMPARE(currentName(window), QStringLiteral("Staging"));

        // The account label matches too; arrows move through what is shown.
        QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(popup->isVisible());
        QTest::keyClicks(popup->filterEdit(), QStringLiteral("agency"));
        QTest::keyClick(popup->filterEdit(), Qt::Key_Up);
        QTest::keyClick(popup->filterEdit(), Qt::Key_Enter);
        QCOMPARE(currentName(window), QStringLiteral("Production"));
    }

    void loggingOutRemovesTheAccountsEnvironmentsFromTheWindow()
    {
        Fixture fixture;
        const QString agency = fixture.addAccount(QStringLiteral("Agency"),
                                                  {QStringLiteral("Production"), QStringLiteral("Staging")});
        fixture.addAccount(QStringLiteral("Brand"), {QStringLiteral("Brand assets")});
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        QCOMPARE(currentName(window), QStringLiteral("Production"));

        bool done = false;
        fixture.store.logOut(agency, &window, [&](core::Result<core::Done> result) { done = result.ok(); });
        QVERIFY(done);
        QCOMPARE(currentName(window), QStringLiteral("Brand assets"));
        QVERIFY(!window.session(fixture.store.environmentByName(QStringLiteral("Production"))->id));
        // Only Brand's environment is left in the menu, as Ctrl+Alt+1 (Ctrl+1 is the browser's grid).
        QList<QAction *> numbered;
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->objectName().startsWith(QStringLiteral("environmentAction")))
                numbered.append(action);
        }
        QCOMPARE(numbered.size(), 1);
        QCOMPARE(numbered.first()->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_1));
        // Its secrets left the keychain.
        for (const QString &key : fixture.secrets->entries().keys())
            QVERIFY2(!key.contains(agency), qPrintable(key));
    }

    void logOutAndRemovalCloseAndDeleteTheAccountsFiles_data()
    {
        QTest::addColumn<bool>("remove");
        QTest::newRow("log out") << false;
        QTest::newRow("remove") << true;
    }

    // The sessions and pages of the account's environments hold its catalogues, journals and
    // thumbnail caches open: they are closed before the store deletes them, nothing of the account
    // is left under the layout's root, and the other account's files and session are untouched.
    void logOutAndRemovalCloseAndDeleteTheAccountsFiles()
    {
        QFETCH(bool, remove);
        Fixture fixture;
        const QString agency = fixture.addAccount(QStringLiteral("Agency"),
                                                  {QStringLiteral("Production"), QStringLiteral("Staging")});
        const QString brand = fixture.addAccount(QStringLiteral("Brand"), {QStringLiteral("Brand assets")});
        const core::StorageLayout &layout = fixture.store.layout();
        const QString root = fixture.dir.path();
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        QStringList agencyIds {agency};
        QStringList brandIds {brand};
        for (const core::EnvironmentRecord &env : fixture.store.environments()) {
            window.openEnvironment(env.id);
            core::EnvironmentSession *session = window.session(env.id);
            QVERIFY(session && session->catalog());
            QVERIFY2(session->uploads(),
                     qPrintable(session->uploadsError() ? words::ErrorWords::text(*session->uploadsError())
                                                        : QString())); // opens the journal
            QVERIFY(test::writeFileUnder(layout.thumbnailCacheDirectory(env.id) + QStringLiteral("/0a/0a1b"),
                                         "JPEG"));
            (env.accountId == agency ? agencyIds : brandIds).append(env.id);
        }
        for (const QString &account : {agency, brand})
            QVERIFY(
                test::writeFileUnder(layout.webProfileDirectory(account) + QStringLiteral("/Cookies"), "c"));
        const QStringList before = test::filesUnder(root);
        for (const QString &id : agencyIds.mid(1)) {
            const QStringList files {layout.catalogFile(id), layout.catalogFile(id) + QStringLiteral("-wal"),
                                     layout.uploadJournalFile(id)};
            for (const QString &file : files)
                QVERIFY2(before.contains(QDir(root).relativeFilePath(file)), qPrintable(file));
        }
        QVERIFY(!test::ownedBy(test::openFilesUnder(root), agencyIds).isEmpty());

        std::optional<bool> done;
        auto finished = [&](core::Result<core::Done> result) {
            done = result.ok();
        };
        if (remove)
            fixture.store.removeAccount(agency, &window, finished);
        else
            fixture.store.logOut(agency, &window, finished);
        QTRY_VERIFY(done.has_value());
        QVERIFY(*done);
        // Closed, not merely deleted under a session that goes on writing.
        const QStringList stillOpen = test::ownedBy(test::openFilesUnder(root), agencyIds);
        QVERIFY2(stillOpen.isEmpty(), qPrintable(stillOpen.join(u", ")));
        QCOMPARE(test::ownedBy(test::filesUnder(root), agencyIds), QStringList());
        // Nothing writes them back once the event loop runs again.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QCoreApplication::processEvents();
        const QStringList after = test::filesUnder(root);
        QCOMPARE(test::ownedBy(after, agencyIds), QStringList());
        for (const QString &path : test::ownedBy(before, brandIds))
            QVERIFY2(after.contains(path), qPrintable(path));
        QCOMPARE(currentName(window), QStringLiteral("Brand assets"));
        core::EnvironmentSession *left = window.session(brandIds.last());
        QVERIFY(left && left->catalog() && left->uploadsIfMade());
        QVERIFY(core::catalog::Catalog::checkFile(layout.catalogFile(brandIds.last())));
    }

    // The keychain is still thinking (locked, asking for its password) when the window closes:
    // its answers come to nothing that was destroyed, and a new window works as usual.
    void windowClosedWhileTheKeychainThinks()
    {
        Fixture fixture;
        fixture.addAccount(QStringLiteral("Agency"),
                           {QStringLiteral("Production"), QStringLiteral("Staging")});
        fixture.secrets->setHolding(true);
        auto window = std::make_unique<MainWindow>(&fixture.store, &fixture.network, &fixture.preferences);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QTRY_VERIFY(fixture.secrets->heldCount() > 0); // the connection test waits for the secret
        window->close();
        window.reset();
        fixture.secrets->setHolding(false);
        QVERIFY(fixture.secrets->release() > 0);
        QCoreApplication::processEvents();

        MainWindow again(&fixture.store, &fixture.network, &fixture.preferences);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(currentName(again), QStringLiteral("Production"));
        auto *connection = again.statusBar()->findChild<QLabel *>(QStringLiteral("statusConnection"));
        QTRY_VERIFY_WITH_TIMEOUT(connection->text().startsWith(QStringLiteral("Offline")), 15000);
    }

    // An account logged out while its environment's session still waits for the keychain: the
    // session goes when the log out is done, the window moves on to what is left, nothing crashes
    // when the keychain's answers come.
    void loggedOutWhileTheKeychainThinks()
    {
        Fixture fixture;
        const QString agency = fixture.addAccount(QStringLiteral("Agency"), {QStringLiteral("Production")});
        fixture.addAccount(QStringLiteral("Brand"), {QStringLiteral("Brand assets")});
        const QString production = fixture.store.environmentByName(QStringLiteral("Production"))->id;
        fixture.secrets->setHolding(true);
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(currentName(window), QStringLiteral("Production"));
        QTRY_VERIFY(fixture.secrets->heldCount() > 0);

        std::optional<bool> loggedOut;
        fixture.store.logOut(agency, &window,
                             [&](core::Result<core::Done> result) { loggedOut = result.ok(); });
        QVERIFY(window.session(production)); // still there: the keychain has not removed anything yet
        fixture.secrets->setHolding(false);
        while (fixture.secrets->heldCount() > 0)
            fixture.secrets->release();
        QTRY_VERIFY(loggedOut.has_value());
        QVERIFY(*loggedOut);
        QVERIFY(!window.session(production));
        QCOMPARE(currentName(window), QStringLiteral("Brand assets"));
        for (const QString &key : fixture.secrets->entries().keys())
            QVERIFY2(!key.contains(agency), qPrintable(key));
    }

    void damagedSettingsAreShownInTheStatusBar()
    {
        Fixture fixture;
        QVERIFY(fixture.loadHandWritten(QStringLiteral("Production"), true));
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(currentName(window), QStringLiteral("Production"));
        auto *problem = window.findChild<QLabel *>(QStringLiteral("statusSettingsProblem"));
        QVERIFY(problem);
        QVERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(QStringLiteral("unreadable")), qPrintable(problem->text()));

        // Without damage there is nothing to say.
        Fixture clean;
        QVERIFY(clean.loadHandWritten(QStringLiteral("Production"), false));
        MainWindow cleanWindow(&clean.store, &clean.network, &clean.preferences);
        cleanWindow.show();
        QVERIFY(QTest::qWaitForWindowExposed(&cleanWindow));
        auto *none = cleanWindow.findChild<QLabel *>(QStringLiteral("statusSettingsProblem"));
        QVERIFY(!none || !none->isVisible());
    }

    void storedUnsafeNamesCannotSpoofTheWindow()
    {
        // An environment whose stored name carries a right-to-left override and a line break.
        Fixture fixture;
        QVERIFY(fixture.loadHandWritten(QStringLiteral("Prod\u202Egnp.exe\nEvil"), false));
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString escaped = QStringLiteral("Prod\\u202Egnp.exe\\nEvil");
        QCOMPARE(window.windowTitle(), QStringLiteral("%1 — Stratus").arg(escaped));
        auto *statusEnvironment
            = window.statusBar()->findChild<QLabel *>(QStringLiteral("statusEnvironment"));
        QVERIFY2(statusEnvironment->text().contains(escaped), qPrintable(statusEnvironment->text()));
        for (QAction *action : window.findChildren<QAction *>()) {
            QVERIFY2(!action->text().contains(QChar(0x202E)) && !action->text().contains(u'\n'),
                     qPrintable(action->text()));
        }
    }

    // A smaller thumbnail cache, chosen in Settings, applies at once to every open environment's
    // page: the least recently used thumbnails are deleted there and then, without opening the
    // window again. A page opened later starts with the new size.
    void aSmallerThumbnailCacheIsTrimmedAtOnce()
    {
        Fixture fixture;
        const QStringList names {QStringLiteral("Production"), QStringLiteral("Staging"),
                                 QStringLiteral("Archive")};
        fixture.addAccount(QStringLiteral("Agency"), names);
        QStringList directories;
        for (const QString &name : names) {
            directories << fixture.store.layout().thumbnailCacheDirectory(
                fixture.store.environmentByName(name)->id);
        }
        QStringList thumbnails;
        for (const QString &directory : std::as_const(directories))
            thumbnails = fillThumbnailCache(directory, 24);

        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        window.openEnvironment(fixture.store.environmentByName(names.at(1))->id);
        QCOMPARE(currentName(window), QStringLiteral("Staging"));
        // Both pages are open, each with its browser and so its thumbnail cache.
        const QList<EnvironmentPage *> pages = pagesOf(window)->findChildren<EnvironmentPage *>();
        QCOMPARE(pages.size(), 2);
        for (const EnvironmentPage *page : pages)
            QVERIFY(page->browser());
        // 512 MB by default: all there.
        QCOMPARE(thumbnailsIn(directories.at(0)).second, 24 * kMegabyte);
        QCOMPARE(thumbnailsIn(directories.at(1)).second, 24 * kMegabyte);

        window.showSettings();
        auto *dialog = window.findChild<SettingsDialog *>();
        QVERIFY(dialog);
        dialog->findChild<QSpinBox *>(QStringLiteral("thumbnailCacheSpin"))->setValue(16);
        dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
            ->button(QDialogButtonBox::Ok)
            ->click();
        QCOMPARE(fixture.preferences.values().thumbnailCacheMegabytes, 16);

        for (const QString &directory : {directories.at(0), directories.at(1)}) {
            const auto [left, bytes] = thumbnailsIn(directory);
            QVERIFY2(bytes > 0 && bytes <= 16 * kMegabyte, qPrintable(QString::number(bytes)));
            QVERIFY(left.contains(thumbnails.last()));
            QVERIFY(!left.contains(thumbnails.first()));
        }
        // Archive's page was not open: untouched until it opens, with the new size.
        QCOMPARE(thumbnailsIn(directories.at(2)).second, 24 * kMegabyte);
        window.openEnvironment(fixture.store.environmentByName(names.at(2))->id);
        QCOMPARE(currentName(window), QStringLiteral("Archive"));
        QVERIFY(thumbnailsIn(directories.at(2)).second <= 16 * kMegabyte);
    }

    // The number of parallel transfers applies at once to every environment's upload queue, the
    // ones of environments not shown too, and to queues made later.
    void parallelTransfersApplyToEveryQueueAtOnce()
    {
        Fixture fixture;
        fixture.addAccount(
            QStringLiteral("Agency"),
            {QStringLiteral("Production"), QStringLiteral("Staging"), QStringLiteral("Archive")});
        const auto idOf = [&](const QString &name) {
            return fixture.store.environmentByName(name)->id;
        };
        const auto sessionOf = [&](MainWindow &window, const QString &name) {
            return window.session(idOf(name));
        };
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        window.openEnvironment(idOf(QStringLiteral("Staging")));
        QList<core::upload::UploadQueue *> queues;
        for (const QString &name : {QStringLiteral("Production"), QStringLiteral("Staging")}) {
            core::EnvironmentSession *session = sessionOf(window, name);
            QVERIFY(session);
            queues << session->uploads();
            QVERIFY2(queues.last(),
                     qPrintable(session->uploadsError() ? words::ErrorWords::text(*session->uploadsError())
                                                        : QString()));
            QCOMPARE(queues.last()->settings().concurrency, AppSettings::kDefaultParallelTransfers);
        }

        AppSettings values = fixture.preferences.values();
        values.parallelTransfers = 9;
        QVERIFY(fixture.preferences.setValues(values));
        for (const core::upload::UploadQueue *queue : std::as_const(queues))
            QCOMPARE(queue->settings().concurrency, 9);

        window.openEnvironment(idOf(QStringLiteral("Archive")));
        core::upload::UploadQueue *later = sessionOf(window, QStringLiteral("Archive"))->uploads();
        QVERIFY(later);
        QCOMPARE(later->settings().concurrency, 9);
    }

    // The details panel's Technical section opens as it was left: in every environment's browser
    // and after a restart (the preferences file keeps it).
    void detailsTechnicalSectionIsRemembered()
    {
        Fixture fixture;
        const QStringList names {QStringLiteral("Production"), QStringLiteral("Staging")};
        fixture.addAccount(QStringLiteral("Agency"), names);
        {
            MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
            window.show();
            const QList<EnvironmentPage *> pages = pagesOf(window)->findChildren<EnvironmentPage *>();
            QVERIFY(!pages.isEmpty() && pages.first()->browser());
            DetailsPanel *panel = pages.first()->browser()->detailsPanel();
            QVERIFY(!panel->isTechnicalExpanded()); // closed at first
            panel->setTechnicalExpanded(true);
            QVERIFY(fixture.preferences.values().detailsTechnicalOpen);
            // An environment opened afterwards has it open too.
            window.openEnvironment(fixture.store.environmentByName(names.at(1))->id);
            const QList<EnvironmentPage *> both = pagesOf(window)->findChildren<EnvironmentPage *>();
            QCOMPARE(both.size(), 2);
            for (const EnvironmentPage *page : both)
                QVERIFY(page->browser()->detailsPanel()->isTechnicalExpanded());
        }
        gui::Preferences restarted(fixture.preferences.fileName());
        QVERIFY(restarted.values().detailsTechnicalOpen);
        MainWindow window(&fixture.store, &fixture.network, &restarted);
        window.show();
        const QList<EnvironmentPage *> pages = pagesOf(window)->findChildren<EnvironmentPage *>();
        QVERIFY(!pages.isEmpty() && pages.first()->browser());
        DetailsPanel *panel = pages.first()->browser()->detailsPanel();
        QVERIFY(panel->isTechnicalExpanded());
        // Settings, which do not show it, leave it as it is.
        window.showSettings();
        auto *dialog = window.findChild<SettingsDialog *>();
        QVERIFY(dialog);
        dialog->findChild<QSpinBox *>(QStringLiteral("parallelTransfersSpin"))->setValue(3);
        dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
            ->button(QDialogButtonBox::Ok)
            ->click();
        QCOMPARE(restarted.values().parallelTransfers, 3);
        QVERIFY(restarted.values().detailsTechnicalOpen);
        panel->setTechnicalExpanded(false);
        QVERIFY(!restarted.values().detailsTechnicalOpen);
    }

    void everyMenuActionHasAKeyboardRoute()
    {
        Fixture fixture;
        fixture.addAccount(QStringLiteral("Agency"), {QStringLiteral("Production")});
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        QList<QAction *> actions;
        for (QAction *menuAction : window.menuBar()->actions())
            actions += menuAction->menu()->actions();
        QVERIFY(actions.size() > 8);
        for (QAction *action : std::as_const(actions)) {
            if (action->isSeparator() || action->menu())
                continue;
            // Either a shortcut or a mnemonic in the menu text.
            QVERIFY2(!action->shortcut().isEmpty() || action->text().contains(u'&'),
                     qPrintable(action->objectName()));
        }
    }

    void quitClosesTheWindow()
    {
        Fixture fixture;
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *quit = window.findChild<QAction *>(QStringLiteral("quitAction"));
        QVERIFY(quit);
        QCOMPARE(quit->shortcut(), QKeySequence(QKeySequence::Quit));
        quit->trigger();
        QVERIFY(!window.isVisible());
    }

    void aboutShowsVersionQtAndSupport()
    {
        AboutDialog dialog;
        auto *text = dialog.findChild<QLabel *>(QStringLiteral("aboutText"));
        QVERIFY(text);
        QVERIFY(text->text().contains(QStringLiteral(STRATUS_VERSION_STRING)));
        QVERIFY(text->text().contains(QString::fromLatin1(qVersion())));
        QVERIFY(text->text().contains(QStringLiteral("MIT")));
        QVERIFY(text->text().contains(QStringLiteral("issues")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
