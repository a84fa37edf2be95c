// The browser's actions on assets, offscreen, against a real stratus-sandbox with one environment in
// fixed and one in dynamic folder mode, each with a catalogue filled by a real CatalogSync: rename,
// move, delete (with its confirmation), new and deleted folders, bulk tags, downloads (also of a
// private asset through a signed URL), drags, the refusal while offline, and the keyboard.
// Dialogs are the real ones, answered through QApplication::activeModalWidget().

#include "foldermodesandbox.h"

#include "core/api/uploadapi.h"
#include "core/assets/assetnames.h"
#include "core/assets/assetservice.h"
#include "core/catalog/catalog.h"
#include "core/catalog/catalogsync.h"
#include "core/delivery/originalurls.h"
#include "core/transfers/downloadqueue.h"
#include "gui/browser/assetlistmodel.h"
#include "gui/browser/assetmimedata.h"
#include "gui/browser/browsercommands.h"
#include "gui/browser/browserpage.h"
#include "gui/browser/detailspanel.h"
#include "gui/browser/foldertreemodel.h"
#include "gui/browser/movedialog.h"
#include "gui/browser/previewdialog.h"
#include "gui/browser/renamedialog.h"
#include "gui/browser/tagsdialog.h"
#include "gui/browser/thumbnailloader.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCompleter>
#include <QDir>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace stratus;
using namespace Qt::StringLiterals;
using core::catalog::Catalog;
using core::catalog::CatalogAsset;
using Command = gui::BrowserCommands::Command;

namespace {

using test::bothModes;
using test::CountingNetwork;

/// Calls @p respond with the modal dialog once one shows (polling, since exec() blocks the caller).
void whenModal(std::function<void(QWidget *)> respond)
{
    auto *timer = new QTimer;
    auto tries = std::make_shared<int>(0);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, tries, respond] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal && ++*tries < 750) // 15 s, as long as WAIT_FOR_JOB waits
            return;
        timer->stop();
        timer->deleteLater();
        if (modal)
            respond(modal);
    });
    timer->start();
}

/// answer() for a modal of type T; any other modal is closed unanswered (and the test fails on).
template<typename T> void answer(std::function<void(T *)> reply)
{
    whenModal([reply](QWidget *modal) {
        if (auto *typed = qobject_cast<T *>(modal))
            reply(typed);
        else
            modal->close();
    });
}

QPushButton *buttonWithRole(QMessageBox *box, QMessageBox::ButtonRole role)
{
    for (QAbstractButton *button : box->buttons()) {
        if (box->buttonRole(button) == role)
            return qobject_cast<QPushButton *>(button);
    }
    return nullptr;
}

/// Waits for the job a JobWatch watches and fails the test when it failed.
#define WAIT_FOR_JOB(watch)                                                                                  \
    do {                                                                                                     \
        QTRY_VERIFY_WITH_TIMEOUT((watch).finished, 15000);                                                   \
        QVERIFY2(!(watch).error, qPrintable((watch).failures.join(u'\n')));                                  \
    } while (false)

/// The outcome of the next AssetService job.
struct JobWatch
{
    bool finished = false;
    std::optional<core::Error> error;
    QStringList failures; ///< the server's words of each
};

void saveScreenshot(const QPixmap &pixmap, const QString &name)
{
    if (const QString dir = qEnvironmentVariable("STRATUS_SCREENSHOTS"); !dir.isEmpty()) {
        QDir().mkpath(dir);
        QVERIFY(pixmap.save(QDir(dir).filePath(name)));
    }
}

} // namespace

class TestBrowserActions : public QObject
{
    Q_OBJECT

private:
    test::FolderModeSandbox m_fixture;
    test::SandboxProcess &m_sandbox = m_fixture.sandbox;
    QTemporaryDir &m_dir = m_fixture.dir;
    CountingNetwork &m_network = m_fixture.network;
    test::FolderModeSandbox::Env (&m_envs)[2] = m_fixture.envs;
    QString m_offline; ///< what offlineReason() answers
    QSet<QString> m_used; ///< assets a test already changed
    std::unique_ptr<gui::ThumbnailLoader> m_loader;

    gui::BrowserEnvironment environment(int env)
    {
        gui::BrowserEnvironment environment;
        environment.catalog = m_envs[env].catalog.get();
        environment.network = &m_network;
        const core::ApiContext context = m_envs[env].context;
        environment.apiContext = [context]() -> core::Result<core::ApiContext> {
            return context;
        };
        const core::CloudinaryUrl url = m_envs[env].url.withoutSecret();
        environment.url = [url] {
            return url;
        };
        environment.offlineReason = [this] {
            return m_offline;
        };
        return environment;
    }

    std::unique_ptr<gui::BrowserPage> makePage(int env)
    {
        auto page = std::make_unique<gui::BrowserPage>(
            environment(env), m_loader.get(), [](const CatalogAsset &, const QSize &) { return QUrl(); });
        page->resize(1000, 640);
        page->show();
        if (!QTest::qWaitForWindowExposed(page.get()))
            return nullptr;
        return page;
    }

    /// @p count images of environment @p env in one folder, not used by an earlier test.
    QList<CatalogAsset> freshImages(int env, int count, const QString &resourceType = u"image"_s,
                                    bool inSubfolder = false)
    {
        Catalog &catalog = *m_envs[env].catalog;
        core::catalog::CatalogQuery query;
        query.resourceTypes = {resourceType};
        const auto all = catalog.search(query).value().assets;
        QHash<QString, QList<CatalogAsset>> byFolder;
        for (const CatalogAsset &asset : all) {
            if (!m_used.contains(asset.assetId))
                byFolder[asset.folder(m_envs[env].mode)].append(asset);
        }
        for (auto it = byFolder.cbegin(); it != byFolder.cend(); ++it) {
            if (it->size() >= count && !(inSubfolder && it.key().isEmpty())) {
                QList<CatalogAsset> picked = it->mid(0, count);
                for (const CatalogAsset &asset : picked)
                    m_used.insert(asset.assetId);
                return picked;
            }
        }
        return {};
    }

    /// Opens the assets' folder and selects them in the grid, which gets the focus.
    static void select(gui::BrowserPage &page, const QList<CatalogAsset> &assets, core::FolderMode mode)
    {
        page.openFolder(assets.constFirst().folder(mode));
        QStringList ids;
        for (const CatalogAsset &asset : assets)
            ids.append(asset.assetId);
        page.selectAssets(ids);
        page.gridView()->setFocus();
        page.gridView()->selectionModel()->setCurrentIndex(
            page.assetModel()->index(page.assetModel()->rowOfAsset(ids.constFirst())),
            QItemSelectionModel::NoUpdate);
    }

    /// What the grid hands to a drag of @p assets (selected first).
    static QMimeData *dragOf(gui::BrowserPage &page, const QList<CatalogAsset> &assets, core::FolderMode mode)
    {
        select(page, assets, mode);
        QModelIndexList rows;
        for (const CatalogAsset &asset : assets)
            rows.append(page.assetModel()->index(page.assetModel()->rowOfAsset(asset.assetId)));
        return page.assetModel()->mimeData(rows);
    }

    /// Offscreen, a closed dialog leaves no window active (a window manager would activate the page
    /// again), and the keyboard commands need the grid to have the focus.
    static void refocus(gui::BrowserPage &page)
    {
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        page.gridView()->setFocus();
    }

    static void watchNextJob(gui::BrowserPage &page, JobWatch &watch)
    {
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = QObject::connect(page.commands()->assetService(), &core::assets::AssetService::started,
                                       &page, [&watch, connection](core::assets::AssetJob *job) {
                                           QObject::disconnect(*connection);
                                           QObject::connect(job, &core::Job::finished, job, [&watch, job] {
                                               watch.finished = true;
                                               watch.error = job->error();
                                               for (const core::Error &failure : job->failures())
                                                   watch.failures.append(failure.message);
                                           });
                                       });
    }

    std::optional<QJsonObject> serverResource(int env, const CatalogAsset &asset,
                                              const QString &publicId = {})
    {
        return m_fixture.resource(env, asset, publicId);
    }

    QStringList serverFolders(int env, const QString &parent = {}) { return m_fixture.folders(env, parent); }

    std::optional<CatalogAsset> catalogued(int env, const QString &assetId)
    {
        auto found = m_envs[env].catalog->asset(assetId);
        return found ? *found : std::nullopt;
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_fixture.start(40, &error), qPrintable(error));
        for (const auto &e : m_envs)
            QCOMPARE(e.catalog->assetCount(), 40);
        m_loader = std::make_unique<gui::ThumbnailLoader>(&m_network, nullptr);
    }

    void init() { m_offline.clear(); }

    void cleanup()
    {
        // A dialog a failed test left open would answer the next test's question.
        while (QWidget *modal = QApplication::activeModalWidget())
            modal->close();
    }

    void renameWithF2_data() { bothModes(); }

    void renameWithF2()
    {
        QFETCH(int, env);
        const core::FolderMode mode = m_envs[env].mode;
        auto page = makePage(env);
        QVERIFY(page);
        const CatalogAsset asset = freshImages(env, 1).value(0);
        QVERIFY(!asset.assetId.isEmpty());
        select(*page, {asset}, mode);
        QCOMPARE(page->selectedAssetIds(), QStringList {asset.assetId});

        JobWatch watch;
        watchNextJob(*page, watch);
        QString note;
        const QString newName = u"renamed_%1"_s.arg(env);
        answer<gui::RenameDialog>([&](gui::RenameDialog *dialog) {
            dialog->nameEdit()->setText(newName);
            note = dialog->noteLabel()->text();
            if (env == 0)
                saveScreenshot(dialog->grab(), u"browser-rename-fixed.png"_s);
            dialog->accept();
        });
        QTest::keyClick(page->gridView(), Qt::Key_F2);
        WAIT_FOR_JOB(watch);

        const auto after = catalogued(env, asset.assetId);
        QVERIFY(after);
        if (mode == core::FolderMode::Fixed) {
            // The warning names the new public id and says the URLs break.
            const QString newId = core::assets::renamedPublicId(asset, newName);
            QVERIFY2(note.contains(newId) && note.contains(u"stop working"_s), qPrintable(note));
            QCOMPARE(after->publicId, newId);
            QVERIFY(!serverResource(env, asset)); // the old public id is gone
            const auto server = serverResource(env, asset, newId);
            QVERIFY(server);
            QCOMPARE(server->value(u"asset_id"_s).toString(), asset.assetId);
        } else {
            QVERIFY2(note.contains(u"stay the same"_s), qPrintable(note));
            QCOMPARE(after->publicId, asset.publicId);
            QCOMPARE(after->displayName, newName);
            const auto server = serverResource(env, asset);
            QVERIFY(server);
            QCOMPARE(server->value(u"display_name"_s).toString(), newName);
        }
        // The page shows the new name at once, still selected.
        QTRY_COMPARE(page->selectedAssetIds(), QStringList {asset.assetId});
        const int row = page->assetModel()->rowOfAsset(asset.assetId);
        QCOMPARE(page->assetModel()->index(row).data().toString(), newName);
    }

    void moveToFolder_data() { bothModes(); }

    void moveToFolder()
    {
        QFETCH(int, env);
        const core::FolderMode mode = m_envs[env].mode;
        auto page = makePage(env);
        QVERIFY(page);
        const QList<CatalogAsset> assets = freshImages(env, 2);
        QCOMPARE(assets.size(), 2);
        select(*page, assets, mode);

        JobWatch watch;
        watchNextJob(*page, watch);
        QString note;
        answer<gui::MoveDialog>([&](gui::MoveDialog *dialog) {
            note = dialog->noteLabel()->text();
            dialog->folderEdit()->setText(u"moved/here/"_s);
            dialog->accept();
        });
        page->commands()->action(Command::Move)->trigger();
        WAIT_FOR_JOB(watch);
        QCOMPARE(note.contains(u"stop working"_s), mode == core::FolderMode::Fixed);

        for (const CatalogAsset &asset : assets) {
            const auto after = catalogued(env, asset.assetId);
            QVERIFY(after);
            QCOMPARE(after->folder(mode), u"moved/here"_s);
            if (mode == core::FolderMode::Fixed) {
                QCOMPARE(after->publicId, core::assets::movedPublicId(asset, u"moved/here"_s));
                QVERIFY(serverResource(env, asset, after->publicId));
                QVERIFY(!serverResource(env, asset));
            } else {
                QCOMPARE(after->publicId, asset.publicId);
                const auto server = serverResource(env, asset);
                QVERIFY(server);
                QCOMPARE(server->value(u"asset_folder"_s).toString(), u"moved/here"_s);
            }
        }
        // The tree knows the new folder at once.
        QVERIFY(page->folderModel()->indexForPath(u"moved/here"_s).isValid());
    }

    void detailsFollowMovedAsset_data() { bothModes(); }

    void detailsFollowMovedAsset()
    {
        // The details panel does not go blank when the asset it shows leaves the folder shown.
        QFETCH(int, env);
        const core::FolderMode mode = m_envs[env].mode;
        auto page = makePage(env);
        QVERIFY(page);
        const CatalogAsset asset = freshImages(env, 1).value(0);
        QVERIFY(!asset.assetId.isEmpty());
        select(*page, {asset}, mode);
        gui::DetailsPanel *panel = page->detailsPanel();
        QCOMPARE(panel->assets(), QStringList {asset.assetId});

        JobWatch watch;
        watchNextJob(*page, watch);
        answer<gui::MoveDialog>([](gui::MoveDialog *dialog) {
            dialog->folderEdit()->setText(u"followed/here"_s);
            dialog->accept();
        });
        page->commands()->action(Command::Move)->trigger();
        WAIT_FOR_JOB(watch);

        // Gone from the folder shown, still in the panel, with where it is now.
        QTRY_VERIFY(page->selectedAssetIds().isEmpty());
        QCOMPARE(page->assetModel()->rowOfAsset(asset.assetId), -1);
        QCOMPARE(panel->assets(), QStringList {asset.assetId});
        auto *name = panel->findChild<QLineEdit *>(u"displayNameField"_s);
        QVERIFY(name->isVisible());
        QCOMPARE(name->text(), asset.name(mode));
        QCOMPARE(panel->findChild<QLineEdit *>(u"assetFolderField"_s)->text(), u"followed/here"_s);
        auto *note = panel->findChild<QLabel *>(u"followNoteLabel"_s);
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains(u"followed/here"_s), qPrintable(note->text()));
        // A sync's reload keeps it there; choosing another asset shows that one.
        page->reload();
        QCOMPARE(panel->assets(), QStringList {asset.assetId});
        const CatalogAsset other = freshImages(env, 1).value(0);
        select(*page, {other}, mode);
        QCOMPARE(panel->assets(), QStringList {other.assetId});
        QVERIFY(!note->isVisible());
    }

    void dropOnFolderMoves()
    {
        const int env = 1;
        auto page = makePage(env);
        QVERIFY(page);
        // From a sub-folder: assets already in Home would make the drop on Home a move to where they
        // are, which asks nothing and starts no job. (Which folder freshImages() picks first depends
        // on QHash's per-process seed: this test failed about every other run.)
        const QList<CatalogAsset> assets = freshImages(env, 2, u"image"_s, true);
        QCOMPARE(assets.size(), 2);
        std::unique_ptr<QMimeData> data(dragOf(*page, assets, m_envs[env].mode));
        QVERIFY(data);
        QCOMPARE(gui::AssetMimeData::assetIds(data.get()).size(), 2);

        JobWatch watch;
        watchNextJob(*page, watch);
        QString question;
        answer<QMessageBox>([&](QMessageBox *box) {
            question = box->text();
            buttonWithRole(box, QMessageBox::AcceptRole)->click();
        });
        const QModelIndex home = page->folderModel()->index(0, 0);
        QVERIFY(page->folderModel()->canDropMimeData(data.get(), Qt::CopyAction, -1, -1, home));
        QVERIFY(page->folderModel()->dropMimeData(data.get(), Qt::CopyAction, -1, -1, home));
        WAIT_FOR_JOB(watch);
        QVERIFY2(question.contains(u"Home"_s), qPrintable(question));
        for (const CatalogAsset &asset : assets)
            QCOMPARE(catalogued(env, asset.assetId)->assetFolder, QString());
    }

    void deleteAsksFirst_data() { bothModes(); }

    void deleteAsksFirst()
    {
        QFETCH(int, env);
        auto page = makePage(env);
        QVERIFY(page);
        const QList<CatalogAsset> assets = freshImages(env, 2);
        QCOMPARE(assets.size(), 2);
        select(*page, assets, m_envs[env].mode);

        // Cancel: nothing happens, nothing is sent. The command runs inside the key press (the
        // confirmation is modal), so once that returns no job started means none will.
        const int before = m_network.requests;
        QSignalSpy started(page->commands()->assetService(), &core::assets::AssetService::started);
        QString text;
        answer<QMessageBox>([&](QMessageBox *box) {
            text = box->text() + u'\n' + box->informativeText();
            box->reject();
        });
        QTest::keyClick(page->gridView(), Qt::Key_Delete);
        QVERIFY(!text.isEmpty());
        QVERIFY2(text.contains(u"cannot be undone"_s), qPrintable(text));
        QVERIFY2(text.contains(assets.at(0).name(m_envs[env].mode)), qPrintable(text));
        QVERIFY2(text.contains(assets.at(1).name(m_envs[env].mode)), qPrintable(text));
        QVERIFY(!QApplication::activeModalWidget());
        QCOMPARE(started.size(), 0);
        QCOMPARE(m_network.requests, before);
        for (const CatalogAsset &asset : assets) {
            QVERIFY(catalogued(env, asset.assetId));
            QVERIFY(serverResource(env, asset));
        }

        // Accept: gone from the server, the catalogue and the page.
        JobWatch watch;
        watchNextJob(*page, watch);
        answer<QMessageBox>(
            [&](QMessageBox *box) { buttonWithRole(box, QMessageBox::DestructiveRole)->click(); });
        refocus(*page);
        QTest::keyClick(page->gridView(), Qt::Key_Delete);
        WAIT_FOR_JOB(watch);
        for (const CatalogAsset &asset : assets) {
            QVERIFY(!catalogued(env, asset.assetId));
            QVERIFY(!serverResource(env, asset));
            QCOMPARE(page->assetModel()->rowOfAsset(asset.assetId), -1);
        }
        QVERIFY(page->selectedAssetIds().isEmpty());
    }

    void newAndDeletedFolder_data() { bothModes(); }

    void newAndDeletedFolder()
    {
        QFETCH(int, env);
        auto page = makePage(env);
        QVERIFY(page);
        page->openFolder(QString());

        JobWatch watch;
        watchNextJob(*page, watch);
        answer<QInputDialog>([&](QInputDialog *dialog) {
            dialog->setTextValue(u"empty shelf"_s);
            dialog->accept();
        });
        page->gridView()->setFocus();
        page->commands()->action(Command::NewFolder)->trigger();
        WAIT_FOR_JOB(watch);
        QVERIFY(serverFolders(env).contains(u"empty shelf"_s));
        // The catalogue has no asset in it, and the tree and the grid show it anyway, opened.
        const QModelIndex folder = page->folderModel()->indexForPath(u"empty shelf"_s);
        QVERIFY(folder.isValid());
        QTRY_COMPARE(page->currentFolder(), u"empty shelf"_s);
        page->openFolder(QString());
        bool inGrid = false;
        for (int row = 0; row < page->assetModel()->folderRowCount(); ++row)
            inGrid = inGrid || page->assetModel()->index(row).data().toString() == u"empty shelf"_s;
        QVERIFY(inGrid);

        // Delete folder, offered because it is empty.
        page->commands()->setTreeFolder(u"empty shelf"_s, 0);
        QVERIFY(page->commands()->action(Command::DeleteFolder)->isEnabled());
        JobWatch deleted;
        watchNextJob(*page, deleted);
        answer<QMessageBox>(
            [&](QMessageBox *box) { buttonWithRole(box, QMessageBox::DestructiveRole)->click(); });
        page->commands()->action(Command::DeleteFolder)->trigger();
        WAIT_FOR_JOB(deleted);
        QVERIFY(!serverFolders(env).contains(u"empty shelf"_s));
        QVERIFY(!page->folderModel()->indexForPath(u"empty shelf"_s).isValid());

        // A folder that holds assets cannot be deleted from the tree.
        page->commands()->setTreeFolder(u"somewhere"_s, 3);
        QVERIFY(!page->commands()->action(Command::DeleteFolder)->isEnabled());
    }

    void renameFolderInDynamicMode()
    {
        auto fixedPage = makePage(0);
        QVERIFY(fixedPage);
        fixedPage->commands()->setTreeFolder(u"anything"_s, 0);
        QVERIFY(!fixedPage->commands()->action(Command::RenameFolder)->isEnabled());
        fixedPage.reset();

        const int env = 1;
        auto page = makePage(env);
        QVERIFY(page);
        const QList<CatalogAsset> assets = freshImages(env, 1, u"image"_s, true);
        QCOMPARE(assets.size(), 1);
        const QString from = assets.constFirst().assetFolder;
        QVERIFY(!from.isEmpty());
        const qint64 count = m_envs[env].catalog->folderInfo(from).value()->totalCount;
        page->commands()->setTreeFolder(from, count);
        QVERIFY(page->commands()->action(Command::RenameFolder)->isEnabled());
        JobWatch watch;
        watchNextJob(*page, watch);
        answer<QInputDialog>([&](QInputDialog *dialog) {
            dialog->setTextValue(u"renamed folder"_s);
            dialog->accept();
        });
        page->commands()->action(Command::RenameFolder)->trigger();
        WAIT_FOR_JOB(watch);
        const qsizetype slash = from.lastIndexOf(u'/');
        const QString to = (slash < 0 ? QString() : from.left(slash + 1)) + u"renamed folder"_s;
        QCOMPARE(catalogued(env, assets.constFirst().assetId)->assetFolder, to);
        QCOMPARE(serverResource(env, assets.constFirst())->value(u"asset_folder"_s).toString(), to);
        QCOMPARE(m_envs[env].catalog->folderInfo(to).value()->totalCount, count);
        QTRY_COMPARE(page->currentFolder(), to);
    }

    void bulkTags()
    {
        const int env = 0;
        auto page = makePage(env);
        QVERIFY(page);
        const QList<CatalogAsset> assets = freshImages(env, 3);
        QCOMPARE(assets.size(), 3);
        select(*page, assets, m_envs[env].mode);
        QCOMPARE(page->selectedAssetIds().size(), 3);

        const auto edit = [&](const QString &add, const QString &remove, QStringList *completions) {
            JobWatch watch;
            watchNextJob(*page, watch);
            answer<gui::TagsDialog>([&](gui::TagsDialog *dialog) {
                if (completions) {
                    auto *model = dialog->addEdit()->completer()->model();
                    for (int row = 0; row < model->rowCount(); ++row)
                        completions->append(model->index(row, 0).data().toString());
                }
                dialog->addEdit()->setText(add);
                dialog->removeEdit()->setText(remove);
                dialog->accept();
            });
            page->commands()->action(Command::EditTags)->trigger();
            WAIT_FOR_JOB(watch);
        };

        QStringList completions;
        edit(u"alpha, beta"_s, QString(), &completions);
        // Completion offers the catalogue's tags.
        QVERIFY(!completions.isEmpty());
        for (const QString &tag : assets.constFirst().tags)
            QVERIFY2(completions.contains(tag), qPrintable(tag));
        for (const CatalogAsset &asset : assets) {
            const QStringList server
                = serverResource(env, asset)->value(u"tags"_s).toVariant().toStringList();
            QVERIFY(server.contains(u"alpha"_s) && server.contains(u"beta"_s));
            const QStringList local = catalogued(env, asset.assetId)->tags;
            QVERIFY(local.contains(u"alpha"_s) && local.contains(u"beta"_s));
        }
        QTRY_COMPARE(page->selectedAssetIds().size(), 3);

        const QString existing = assets.constFirst().tags.value(0);
        edit(QString(), u"alpha"_s, nullptr);
        for (const CatalogAsset &asset : assets) {
            const QStringList server
                = serverResource(env, asset)->value(u"tags"_s).toVariant().toStringList();
            QVERIFY(!server.contains(u"alpha"_s) && server.contains(u"beta"_s));
            const QStringList local = catalogued(env, asset.assetId)->tags;
            QVERIFY(!local.contains(u"alpha"_s) && local.contains(u"beta"_s));
        }
        QVERIFY(catalogued(env, assets.constFirst().assetId)->tags.contains(existing));
    }

    void download()
    {
        const int env = 0;
        auto page = makePage(env);
        QVERIFY(page);
        QList<CatalogAsset> assets = freshImages(env, 2);
        QCOMPARE(assets.size(), 2);
        // A raw file too when the seed has one (its public id carries the extension).
        const QList<CatalogAsset> raws = freshImages(env, 1, u"raw"_s);

        // And a private asset, which only a signed URL delivers.
        QImage picture(64, 48, QImage::Format_RGB32);
        picture.fill(Qt::darkCyan);
        const QString picturePath = m_dir.filePath(u"private.png"_s);
        QVERIFY(picture.save(picturePath));
        core::UploadOptions options;
        options.resourceType = u"image"_s;
        options.type = u"private"_s;
        options.publicId = u"vault/private_picture"_s;
        std::unique_ptr<core::UploadJob> upload(
            core::UploadApi(m_envs[env].context).upload(picturePath, options, nullptr));
        QVERIFY2(test::runToEnd(upload.get()), test::errorText(upload.get()));
        QVERIFY(m_envs[env].catalog->upsertResources({upload->result()->asset.raw}).ok());
        const CatalogAsset privateAsset = CatalogAsset::fromResourceJson(upload->result()->asset.raw);
        QCOMPARE(privateAsset.type, u"private"_s);

        QTemporaryDir target;
        // A file of the first name exists already: it must be kept, the download gets "(2)".
        const QString firstName = core::transfers::DownloadQueue::fileNameFor(assets.constFirst());
        QFile existing(QDir(target.path()).filePath(firstName));
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("keep me");
        existing.close();

        // Direct: download from the queue of the page, with the directory chooser answered.
        page->commands()->setDirectoryChooser([&](QWidget *) { return target.path(); });
        auto *queue = page->commands()->downloads();
        int lastPercent = -1;
        connect(queue, &core::transfers::DownloadQueue::progress, page.get(), [&] {
            if (queue->bytesTotal() > 0)
                lastPercent = int(queue->bytesReceived() * 100 / queue->bytesTotal());
        });
        QSignalSpy finished(queue, &core::transfers::DownloadQueue::finished);
        QList<CatalogAsset> all = assets + raws;
        page->commands()->setSelection(all + QList<CatalogAsset> {privateAsset});
        QVERIFY(page->commands()->action(Command::Download)->isEnabled());
        page->commands()->action(Command::Download)->trigger();
        QVERIFY(finished.wait(20000));
        QVERIFY2(queue->failures().isEmpty(), qPrintable(queue->failures().value(0).error.message));
        QCOMPARE(queue->filesDone(), int(all.size()) + 1);
        QCOMPARE(lastPercent, 100);
        QCOMPARE(queue->bytesReceived(), queue->bytesTotal());

        // The names and the exact bytes the sandbox serves for the originals.
        const core::OriginalUrls urls(m_envs[env].url.withoutSecret());
        for (const CatalogAsset &asset : std::as_const(all)) {
            const QString path = queue->savedFiles().value(asset.assetId);
            QString expected
                = QDir(target.path()).filePath(core::transfers::DownloadQueue::fileNameFor(asset));
            if (asset.assetId == assets.constFirst().assetId) {
                const QFileInfo info(expected);
                expected = info.dir().filePath(info.completeBaseName() + u" (2)."_s + info.suffix());
            }
            QCOMPARE(path, expected);
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QUrl url = urls.url(asset).value();
            const auto served = m_sandbox.raw("GET", url.path());
            QCOMPARE(served.status, 200);
            QCOMPARE(file.readAll(), served.body);
        }
        QFile kept(QDir(target.path()).filePath(firstName));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("keep me"));
        QFile privateFile(queue->savedFiles().value(privateAsset.assetId));
        QCOMPARE(QFileInfo(privateFile).fileName(), u"private_picture.png"_s);
        QVERIFY(privateFile.open(QIODevice::ReadOnly));
        QFile original(picturePath);
        QVERIFY(original.open(QIODevice::ReadOnly));
        QCOMPARE(privateFile.readAll(), original.readAll());
        // Without the secret the private asset has no URL.
        QVERIFY(!urls.url(privateAsset));
    }

    void dragCarriesUrlsAndFiles()
    {
        const int env = 1;
        auto page = makePage(env);
        QVERIFY(page);
        // From a sub-folder: assets already in Home would make the drop on Home a move to where they
        // are, which asks nothing and starts no job. (Which folder freshImages() picks first depends
        // on QHash's per-process seed: this test failed about every other run.)
        const QList<CatalogAsset> assets = freshImages(env, 2, u"image"_s, true);
        QCOMPARE(assets.size(), 2);
        std::unique_ptr<QMimeData> data(dragOf(*page, assets, m_envs[env].mode));
        QVERIFY(data);
        // Assets can be dragged, folder rows cannot.
        const int row = page->assetModel()->rowOfAsset(assets.constFirst().assetId);
        QVERIFY(page->assetModel()->flags(page->assetModel()->index(row)) & Qt::ItemIsDragEnabled);
        QVERIFY(!(page->assetModel()->flags(page->assetModel()->index(0)) & Qt::ItemIsDragEnabled)
                || page->assetModel()->folderRowCount() == 0);
        QVERIFY(data->hasFormat(u"text/uri-list"_s));
        const QStringList lines = data->text().split(u'\n');
        QCOMPARE(lines.size(), 2);
        const core::OriginalUrls urls(m_envs[env].url.withoutSecret());
        QCOMPARE(lines.at(0), urls.url(assets.at(0)).value().toString());
        // A small selection: the files themselves, with the bytes served.
        const QList<QUrl> files = data->urls();
        QCOMPARE(files.size(), 2);
        for (qsizetype i = 0; i < files.size(); ++i) {
            QVERIFY2(files.at(i).isLocalFile(), qPrintable(files.at(i).toString()));
            QCOMPARE(QFileInfo(files.at(i).toLocalFile()).fileName(),
                     core::transfers::DownloadQueue::fileNameFor(assets.at(i)));
            QFile file(files.at(i).toLocalFile());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), m_sandbox.raw("GET", QUrl(lines.at(i)).path()).body);
        }
    }

    void refusedWhileOffline()
    {
        const int env = 0;
        auto page = makePage(env);
        QVERIFY(page);
        const QList<CatalogAsset> assets = freshImages(env, 1);
        QCOMPARE(assets.size(), 1);
        select(*page, assets, m_envs[env].mode);
        QVERIFY(page->commands()->action(Command::Delete)->isEnabled());

        m_offline = u"Offline: no network connection"_s;
        page->refreshEnvironment();
        auto *banner = page->findChild<QLabel *>(u"offlineLabel"_s);
        QVERIFY(banner && banner->isVisible());
        QVERIFY(banner->text().startsWith(m_offline));
        for (Command command : {Command::Delete, Command::Rename, Command::Move, Command::EditTags,
                                Command::Download, Command::NewFolder}) {
            QAction *action = page->commands()->action(command);
            QVERIFY2(!action->isEnabled(), qPrintable(action->objectName()));
            QCOMPARE(action->toolTip(), m_offline);
        }
        // Copy URL needs no server.
        QVERIFY(page->commands()->action(Command::CopyUrl)->isEnabled());

        // Keys do nothing: the disabled actions do not fire (a confirmation would have been shown,
        // and answered, inside the key press), no job starts. Asked directly, the actions refuse
        // with the reason and send nothing.
        const int before = m_network.requests;
        QSignalSpy started(page->commands()->assetService(), &core::assets::AssetService::started);
        QTest::keyClick(page->gridView(), Qt::Key_Delete);
        QTest::keyClick(page->gridView(), Qt::Key_F2);
        QVERIFY(!QApplication::activeModalWidget());
        QCOMPARE(started.size(), 0);
        core::assets::AssetService *actions = page->commands()->assetService();
        const std::function<core::assets::AssetJob *()> attempts[] = {
            [&] { return actions->remove(assets); },
            [&] { return actions->rename(assets.constFirst(), u"x"_s); },
            [&] { return actions->move(assets, u"elsewhere"_s); },
            [&] { return actions->editTags(assets, {u"t"_s}, {}); },
            [&] { return actions->createFolder(u"f"_s); },
        };
        for (const auto &attempt : attempts) {
            core::assets::AssetJob *job = attempt();
            QSignalSpy finished(job, &core::Job::finished);
            QVERIFY(finished.wait(5000));
            QVERIFY(job->error());
            QCOMPARE(job->error()->kind, core::Error::Kind::Unavailable);
            QCOMPARE(job->error()->reason, core::ErrorReason::AssetsOffline);
        }
        QCOMPARE(m_network.requests, before);
        QVERIFY(serverResource(env, assets.constFirst()));
        QVERIFY(catalogued(env, assets.constFirst().assetId));

        // Back online: the banner goes, the actions come back.
        m_offline.clear();
        page->refreshEnvironment();
        QVERIFY(!banner->isVisible());
        QVERIFY(page->commands()->action(Command::Delete)->isEnabled());
    }

    void keyboard()
    {
        const int env = 1;
        auto page = makePage(env);
        QVERIFY(page);
        const QList<CatalogAsset> assets = freshImages(env, 2);
        QCOMPARE(assets.size(), 2);
        const core::FolderMode mode = m_envs[env].mode;
        select(*page, {assets.at(1)}, mode);
        QSignalSpy selection(page.get(), &gui::BrowserPage::selectionChanged);

        // F2 opens the rename dialog, Delete the confirmation.
        QString seen;
        whenModal([&](QWidget *modal) {
            seen = modal->objectName();
            modal->close();
        });
        QTest::keyClick(page->gridView(), Qt::Key_F2);
        QCOMPARE(seen, u"renameDialog"_s);
        whenModal([&](QWidget *modal) {
            seen = modal->objectName();
            modal->close();
        });
        refocus(*page);
        QTest::keyClick(page->gridView(), Qt::Key_Delete);
        QCOMPARE(seen, u"deleteConfirmation"_s);

        // Space asks for a preview of the listing, at the current asset.
        refocus(*page);
        QSignalSpy preview(page.get(), &gui::BrowserPage::previewRequested);
        QTest::keyClick(page->gridView(), Qt::Key_Space);
        QCOMPARE(preview.size(), 1);
        const QStringList ids = preview.at(0).at(0).toStringList();
        const int current = preview.at(0).at(1).toInt();
        QCOMPARE(ids.size(), page->assetModel()->rowCount() - page->assetModel()->folderRowCount());
        QCOMPARE(ids.value(current), assets.at(1).assetId);
        // The preview opens on it; Space closes it again.
        QCOMPARE(page->findChildren<gui::PreviewDialog *>().size(), 1);
        auto *dialog = page->findChild<gui::PreviewDialog *>();
        QTRY_VERIFY(dialog->isVisible());
        // A window manager activates the dialog, which takes the keyboard; offscreen there is none.
        QApplication::setActiveWindow(dialog);
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(dialog));
        QTest::keyClick(dialog, Qt::Key_Space);
        QTRY_VERIFY(page->findChild<gui::PreviewDialog *>() == nullptr);
        refocus(*page);

        // With several selected, the selection.
        page->selectAssets({assets.at(0).assetId, assets.at(1).assetId});
        QVERIFY(!selection.isEmpty());
        QCOMPARE(selection.constLast().at(0).toStringList().size(), 2);
        QTest::keyClick(page->gridView(), Qt::Key_Space);
        QCOMPARE(preview.size(), 2);
        QCOMPARE(preview.at(1).at(0).toStringList().size(), 2);
        dialog = page->findChild<gui::PreviewDialog *>();
        QVERIFY(dialog);
        QApplication::setActiveWindow(dialog);
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(dialog));
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(page->findChild<gui::PreviewDialog *>() == nullptr);
        refocus(*page);

        // Ctrl+A selects every asset; Ctrl+F goes to the search.
        QTest::keyClick(page->gridView(), Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(page->selectedAssetIds().size(), ids.size());
        QTest::keyClick(page->gridView(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(page->searchField()->hasFocus());
        // Delete in the search box edits the text.
        page->searchField()->setText(u"abc"_s);
        page->searchField()->setCursorPosition(0);
        QSignalSpy started(page->commands()->assetService(), &core::assets::AssetService::started);
        QTest::keyClick(page->searchField(), Qt::Key_Delete);
        QVERIFY(!QApplication::activeModalWidget());
        QCOMPARE(started.size(), 0);
        QCOMPARE(page->searchField()->text(), u"bc"_s);
    }

    void contextMenuScreenshot()
    {
        const int env = 0;
        auto page = makePage(env);
        QVERIFY(page);
        const QList<CatalogAsset> assets = freshImages(env, 2);
        QCOMPARE(assets.size(), 2);
        select(*page, assets, m_envs[env].mode);
        const int row = page->assetModel()->rowOfAsset(assets.constFirst().assetId);
        const QPoint at = page->gridView()->visualRect(page->assetModel()->index(row)).center();

        QStringList entries;
        bool renameEnabled = true;
        auto *timer = new QTimer(page.get());
        timer->setInterval(20);
        connect(timer, &QTimer::timeout, page.get(), [&, timer] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            timer->stop();
            for (QAction *action : menu->actions()) {
                if (!action->isSeparator())
                    entries.append(action->text());
                if (action->objectName() == u"Rename")
                    renameEnabled = action->isEnabled();
            }
            QPixmap shot = page->window()->grab();
            QPainter painter(&shot);
            painter.drawPixmap(page->window()->mapFromGlobal(menu->pos()), menu->grab());
            painter.end();
            saveScreenshot(shot, u"browser-context-menu.png"_s);
            menu->close();
        });
        timer->start();
        Q_EMIT page->gridView()->customContextMenuRequested(at);
        QVERIFY2(entries.contains(u"&Delete…"_s) && entries.contains(u"&Download…"_s),
                 qPrintable(entries.join(u',')));
        // Two assets selected: nothing to rename.
        QVERIFY(!renameEnabled);
    }
};

QTEST_MAIN(TestBrowserActions)
#include "tst_browseractions.moc"
