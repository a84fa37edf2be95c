// Uploads in the window, against a real stratus-sandbox: the dock's rows, progress, pause/resume,
// failures and retry over a real UploadQueue; files dropped on the main window go to the folder
// the browser shows; uploads are refused while the environment does not answer; files a closed
// window left unfinished are resumed when the environment is opened again.

#include "sandboxaccount.h"
#include "sandboxprocess.h"

#include "core/accounts/accountstore.h"
#include "core/api/adminapi.h"
#include "core/session/environmentsession.h"
#include "core/transfers/uploadjournal.h"
#include "core/transfers/uploadqueue.h"
#include "gui/browser/browserpage.h"
#include "gui/browser/foldertreemodel.h"
#include "gui/mainwindow/mainwindow.h"
#include "gui/settings/preferences.h"
#include "gui/upload/uploadcontroller.h"
#include "gui/upload/uploaddock.h"
#include "gui/upload/uploadlistmodel.h"
#include "gui/upload/uploadoptionsdialog.h"
#include "words/errorwords.h"

#include <QAction>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace stratus;
using namespace stratus::gui;
using core::transfers::UploadQueue;
using core::transfers::UploadState;
using namespace Qt::StringLiterals;

namespace {

/// Writes @p bytes of varied content (so chunks differ) to @p path.
bool writeFile(const QString &path, qint64 bytes, char seed)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QByteArray block(64 * 1024, Qt::Uninitialized);
    for (int i = 0; i < block.size(); ++i)
        block[i] = char(seed + i * 7 + (i >> 9));
    for (qint64 written = 0; written < bytes;) {
        const qint64 n = std::min<qint64>(block.size(), bytes - written);
        if (file.write(block.constData(), n) != n)
            return false;
        written += n;
    }
    return true;
}

UploadState stateOf(const UploadQueue &queue, qint64 jobId)
{
    return queue.job(jobId) ? queue.job(jobId)->state : UploadState::Failed;
}

} // namespace

class TestUploads : public QObject
{
    Q_OBJECT

private:
    test::SandboxProcess m_sandbox;
    QTemporaryDir m_dir;

    std::unique_ptr<UploadQueue> makeQueue(core::transfers::UploadJournal *journal, int concurrency = 4)
    {
        auto queue = std::make_unique<UploadQueue>(m_sandbox.context(0), journal);
        core::transfers::UploadQueueSettings settings;
        settings.concurrency = concurrency;
        settings.chunkThreshold = 2 * 1024 * 1024;
        settings.chunkSize = 1024 * 1024;
        queue->setSettings(settings);
        queue->setFolderMode(core::FolderMode::Dynamic);
        return queue;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_sandbox.start({}, 1, false, &error), qPrintable(error));
    }
    void cleanupTestCase() { m_sandbox.stop(); }

    void dockFollowsTheQueue()
    {
        auto journal = core::transfers::UploadJournal::open(m_dir.filePath(u"dock/journal.sqlite"_s));
        QVERIFY(journal);
        auto queue = makeQueue(journal.value().get());
        UploadDock dock;
        dock.resize(900, 300);
        dock.show();
        dock.setQueue(queue.get());
        QSignalSpy summaries(&dock, &UploadDock::summaryChanged);

        QStringList files;
        for (int i = 0; i < 4; ++i) {
            files << m_dir.filePath(u"dock/small_%1.bin"_s.arg(i));
            QVERIFY(writeFile(files.last(), 40 * 1024 + i, char('a' + i)));
        }
        files << m_dir.filePath(u"dock/large.bin"_s);
        QVERIFY(writeFile(files.last(), 6 * 1024 * 1024, 'z')); // chunked: 6 chunks of 1 MiB
        files << m_dir.filePath(u"dock/missing.bin"_s); // fails: no such file
        core::transfers::UploadBatchOptions options;
        options.folder = u"dock"_s;
        QVERIFY(queue->enqueue(files, options));
        QCOMPARE(dock.model()->rowCount(), 6);
        QVERIFY(dock.windowTitle().startsWith(u"Uploads — "_s));

        QTRY_VERIFY_WITH_TIMEOUT(queue->isIdle(), 60000);
        UploadListModel *model = dock.model();
        int uploaded = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto state = UploadState(model->index(row, 0).data(UploadListModel::StateRole).toInt());
            const QString stateText = model->index(row, UploadListModel::StateColumn).data().toString();
            if (model->index(row, UploadListModel::NameColumn).data().toString() == u"missing.bin"_s) {
                QCOMPARE(state, UploadState::Failed);
                QVERIFY2(stateText.startsWith(u"Failed: "_s), qPrintable(stateText));
                QVERIFY(!model->index(row, UploadListModel::StateColumn)
                             .data(Qt::ToolTipRole)
                             .toString()
                             .isEmpty());
                continue;
            }
            QCOMPARE(state, UploadState::Done);
            QCOMPARE(stateText, u"Uploaded"_s);
            QCOMPARE(model->index(row, 0).data(UploadListModel::FractionRole).toDouble(), 1.0);
            QCOMPARE(model->index(row, UploadListModel::FolderColumn).data().toString(), u"dock"_s);
            ++uploaded;
        }
        QCOMPARE(uploaded, 5);
        QCOMPARE(dock.summary(), u"5 file(s) uploaded, 1 failed"_s);
        QCOMPARE(dock.percent(), -1);
        QVERIFY(!summaries.isEmpty());
        QVERIFY(dock.retryFailedAction()->isEnabled());
        QVERIFY(dock.clearFinishedAction()->isEnabled());

        // Clear Finished keeps the failed file only.
        dock.clearFinishedAction()->trigger();
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, UploadListModel::NameColumn).data().toString(), u"missing.bin"_s);

        // Retrying it once the file exists uploads it.
        QVERIFY(writeFile(m_dir.filePath(u"dock/missing.bin"_s), 1000, 'm'));
        dock.view()->setCurrentIndex(dock.model()->index(0, 0));
        QVERIFY(dock.retryAction()->isEnabled());
        dock.retryAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(UploadState(model->index(0, 0).data(UploadListModel::StateRole).toInt()),
                                  UploadState::Done, 30000);
    }

    void pauseResumeAndCancelFromTheKeyboard()
    {
        auto journal = core::transfers::UploadJournal::open(m_dir.filePath(u"pause/journal.sqlite"_s));
        QVERIFY(journal);
        auto queue = makeQueue(journal.value().get(), 1);
        // Slow the sandbox down so that the file is still on its way when we act.
        const QString cloud
            = core::CloudinaryUrl::parse(m_sandbox.cloudinaryUrls().constFirst())->cloudName();
        QVERIFY(m_sandbox.control(u"faults"_s, cloud, {{u"latency_ms"_s, u"150"_s}}));
        const auto noLatency = qScopeGuard([&] {
            m_sandbox.control(u"faults"_s, cloud, {{u"latency_ms"_s, u"0"_s}});
        });
        UploadDock dock;
        dock.resize(900, 300);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        dock.setQueue(queue.get());
        const QString big = m_dir.filePath(u"pause/big.bin"_s);
        const QString other = m_dir.filePath(u"pause/other.bin"_s);
        QVERIFY(writeFile(big, 24 * 1024 * 1024, 'q'));
        QVERIFY(writeFile(other, 10 * 1024, 'r'));
        QVERIFY(queue->enqueue({big, other}, {}));
        const qint64 bigId = dock.model()->jobIdAt(0);
        const qint64 otherId = dock.model()->jobIdAt(1);

        QTRY_VERIFY_WITH_TIMEOUT(queue->bytesSent(bigId) > 0, 30000);
        dock.view()->setFocus();
        dock.view()->setCurrentIndex(dock.model()->index(0, 0));
        QVERIFY(dock.pauseAction()->isEnabled());
        QTest::keyClick(dock.view(), Qt::Key_Space); // pause
        QTRY_COMPARE(stateOf(*queue, bigId), UploadState::Paused);
        QVERIFY(dock.resumeAction()->isEnabled());
        QVERIFY(dock.model()->index(0, UploadListModel::StateColumn).data().toString() == u"Paused"_s);
        // With the big one paused, the other gets the slot.
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, otherId), UploadState::Done, 30000);
        QVERIFY(dock.summary().contains(u"paused"_s));

        const qint64 sentWhenPaused = queue->bytesSent(bigId);
        QTest::keyClick(dock.view(), Qt::Key_Space); // resume
        QTRY_VERIFY(stateOf(*queue, bigId) != UploadState::Paused);
        QTRY_VERIFY_WITH_TIMEOUT(
            queue->bytesSent(bigId) > sentWhenPaused || stateOf(*queue, bigId) == UploadState::Done, 30000);

        // Delete cancels.
        QTest::keyClick(dock.view(), Qt::Key_Delete);
        QTRY_VERIFY(stateOf(*queue, bigId) == UploadState::Cancelled
                    || stateOf(*queue, bigId) == UploadState::Done);
    }

    void optionsDialogListsPresetsAndMapsChoices()
    {
        core::AdminApi admin(m_sandbox.context(0));
        auto *created
            = admin.createUploadPreset({u"holiday-preset"_s, false, {{u"tags"_s, u"from-preset"_s}}}, this);
        QVERIFY(test::runToEnd(created));
        QVERIFY2(created->result(), test::errorText(created).constData());

        core::transfers::UploadBatchOptions start;
        start.folder = u"trips"_s;
        start.useFilename = true;
        start.uniqueFilename = true;
        UploadOptionsDialog dialog(
            start, [this] { return core::Result<core::ApiContext>(m_sandbox.context(0)); }, true);
        QSignalSpy loaded(&dialog, &UploadOptionsDialog::presetsLoaded);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(dialog.naming(), UploadOptionsDialog::Naming::FileNameUnique);
        const int preset = dialog.presetBox()->findData(u"holiday-preset"_s);
        QVERIFY(preset > 0); // after "None"
        dialog.presetBox()->setCurrentIndex(preset);
        dialog.folderEdit()->setText(u"/trips/2026/"_s);
        dialog.tagsEdit()->setText(u"beach, 2026, beach,  "_s);
        dialog.setNaming(UploadOptionsDialog::Naming::FileNameExact);
        core::transfers::UploadBatchOptions chosen = dialog.options();
        QCOMPARE(chosen.folder, u"trips/2026"_s);
        QCOMPARE(chosen.tags, (QStringList {u"beach"_s, u"2026"_s}));
        QCOMPARE(chosen.uploadPreset, u"holiday-preset"_s);
        QCOMPARE(chosen.useFilename, std::optional<bool>(true));
        QCOMPARE(chosen.uniqueFilename, std::optional<bool>(false));
        QCOMPARE(chosen.overwrite, std::optional<bool>(true));
        dialog.setNaming(UploadOptionsDialog::Naming::Random);
        QCOMPARE(dialog.options().useFilename, std::optional<bool>(false));

        // Without a way to call the environment, the presets say why they are missing.
        UploadOptionsDialog offline(
            start, [] { return core::Result<core::ApiContext>(core::Error::invalidInput(u"offline"_s)); },
            false);
        QVERIFY(offline.folderEdit()->isReadOnly());
        QCOMPARE(offline.presetBox()->count(), 1);
    }

    void droppedFilesGoToTheFolderShown()
    {
        QTemporaryDir home;
        auto secrets = std::make_shared<core::MemorySecretStore>();
        core::AccountStore store(
            secrets, {home.filePath(u"accounts.ini"_s), home.filePath(u"data"_s), home.filePath(u"cache"_s)});
        QNetworkAccessManager network;
        QVERIFY(
            test::addSandboxEnvironment(store, network, m_sandbox.cloudinaryUrls().constFirst(), u"Drops"_s));

        Preferences preferences(home.filePath(u"stratus.conf"_s));
        MainWindow window(&store, &network, &preferences);
        window.resize(1100, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        core::EnvironmentSession *session = window.session(window.currentEnvironmentId());
        QVERIFY(session);
        QTRY_COMPARE_WITH_TIMEOUT(session->connection(), core::EnvironmentSession::Connection::Online, 20000);

        QStringList warnings;
        window.uploads()->setWarningSink([&](const QString &, const QString &text) { warnings << text; });
        const QString folder = m_dir.filePath(u"drop/trip"_s);
        QVERIFY(writeFile(folder + u"/day1/a.jpg"_s, 3000, 'a'));
        QVERIFY(writeFile(folder + u"/day2/b.jpg"_s, 4000, 'b'));
        const QString single = m_dir.filePath(u"drop/c.bin"_s);
        QVERIFY(writeFile(single, 5000, 'c'));

        // What Options… in the dock sets applies to dropped files.
        core::transfers::UploadBatchOptions defaults = window.uploads()->defaults();
        QCOMPARE(defaults.useFilename, std::optional<bool>(true));
        defaults.tags = {u"dropped"_s};
        window.uploads()->setDefaults(defaults);

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(folder), QUrl::fromLocalFile(single)});
        QDragEnterEvent enter(QPoint(300, 300), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(300, 300), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY(drop.isAccepted());

        QTRY_VERIFY(session->uploadsIfMade() != nullptr);
        UploadQueue *queue = session->uploadsIfMade();
        QTRY_VERIFY(window.uploadDock()->isVisible());
        QTRY_COMPARE(queue->jobIds().size(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(queue->isIdle(), 30000);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
        QStringList folders;
        for (const qint64 id : queue->jobIds()) {
            QCOMPARE(queue->job(id)->state, UploadState::Done);
            QCOMPARE(queue->job(id)->options.tags, QStringList {u"dropped"_s});
            folders << queue->job(id)->options.assetFolder;
        }
        folders.sort();
        // The browser showed Home: the dropped folder lands at the top with its sub-folders.
        QCOMPARE(folders, (QStringList {QString(), u"trip/day1"_s, u"trip/day2"_s}));
        // Written through: the catalogue knows them at once.
        QTRY_VERIFY(session->catalog()->folderInfo(u"trip/day1"_s).value().has_value());
        // …and the browser shows them without waiting for a sync.
        auto *browser = window.findChild<BrowserPage *>();
        QVERIFY(browser);
        QTRY_VERIFY(browser->folderModel()->indexForPath(u"trip"_s).isValid());
        auto *statusUploads = window.findChild<QLabel *>(u"statusUploads"_s);
        QTRY_COMPARE(statusUploads->text(), u"Uploads: 3 file(s) uploaded"_s);

        // Issue 11, items 1 and 7: a folder with nothing to send says so at once; what cannot be
        // sent is a failed row with its reason, not left out without a word.
        const QString empty = m_dir.filePath(u"drop/empty"_s);
        QVERIFY(QDir().mkpath(empty));
        QVERIFY(!window.uploads()->upload({empty}));
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().contains(u"no file to upload"_s), qPrintable(warnings.first()));
        warnings.clear();
        const QString odd = m_dir.filePath(u"drop/odd"_s);
        QVERIFY(writeFile(odd + u"/fine.jpg"_s, 2000, 'f'));
        QVERIFY(QFile(odd + u"/nothing.jpg"_s).open(QIODevice::WriteOnly));
        QVERIFY(window.uploads()->upload({odd}));
        QTRY_COMPARE(queue->jobIds().size(), 5);
        QTRY_VERIFY_WITH_TIMEOUT(queue->isIdle(), 30000);
        QStringList failures;
        for (const qint64 id : queue->jobIds()) {
            if (queue->job(id)->state == UploadState::Failed)
                failures << QFileInfo(queue->job(id)->filePath).fileName() + u": "_s
                        + (queue->job(id)->error ? words::ErrorWords::text(*queue->job(id)->error)
                                                 : QString());
        }
        QCOMPARE(failures.size(), 1);
        QVERIFY2(failures.first().startsWith(u"nothing.jpg: "_s)
                     && failures.first().endsWith(
                         u"nothing.jpg is empty; Cloudinary does not accept empty files."_s),
                 qPrintable(failures.first()));

        // Offline: refused with a message, nothing queued.
        m_sandbox.stop();
        session->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(session->connection() == core::EnvironmentSession::Connection::Offline,
                                 20000);
        QVERIFY(!window.uploads()->upload({single}));
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().contains(u"does not answer"_s), qPrintable(warnings.first()));
        QCOMPARE(queue->jobIds().size(), 5);
    }
};

QTEST_MAIN(TestUploads)
#include "tst_uploads.moc"
