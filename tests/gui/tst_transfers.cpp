// Issue 13, points 9 and 10, in the window against a real stratus-sandbox: downloads named by the
// name shown, never overwriting, listed in the transfers dock (no progress box) with Show in Folder
// (FileManager1 on D-Bus, else the folder opened, else the path in words); uploads made while the
// environment does not answer wait ("Waiting for connection") and start when it answers again, also
// after a restart; files over the environment's media limits refused at once with the limit; files
// given to Stratus (command line, drops) open the upload options with the folder shown, unless the
// settings say not to ask.

#include "sandboxaccount.h"
#include "sandboxprocess.h"

#include "core/accounts/accountstore.h"
#include "core/catalog/catalog.h"
#include "core/session/environmentsession.h"
#include "core/transfers/downloadqueue.h"
#include "core/transfers/uploadqueue.h"
#include "gui/browser/browsercommands.h"
#include "gui/browser/browserpage.h"
#include "gui/mainwindow/mainwindow.h"
#include "gui/settings/preferences.h"
#include "gui/upload/downloadspanel.h"
#include "gui/upload/showinfolder.h"
#include "gui/upload/uploadcontroller.h"
#include "gui/upload/uploaddock.h"
#include "gui/upload/uploadlistmodel.h"
#include "gui/upload/uploadoptionsdialog.h"
#include "words/errorwords.h"

#include <QAction>
#include <QApplication>
#include <QDBusConnection>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QProgressDialog>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace stratus;
using namespace stratus::gui;
using namespace Qt::StringLiterals;
using core::EnvironmentSession;
using core::transfers::UploadQueue;
using core::transfers::UploadState;

namespace {

bool writeFile(const QString &path, qint64 bytes, char seed)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QByteArray data(bytes, Qt::Uninitialized);
    for (qint64 i = 0; i < bytes; ++i)
        data[i] = char(seed + i * 7 + (i >> 9));
    return file.write(data) == bytes;
}

bool writePicture(const QString &path, const QColor &color)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QImage image(64, 48, QImage::Format_RGB32);
    image.fill(color);
    return image.save(path);
}

/// Stands in for the desktop's file manager on the session bus.
class FakeFileManager : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.FileManager1")

public:
    QStringList shown;

public Q_SLOTS:
    void ShowItems(const QStringList &uris, const QString &startupId)
    {
        Q_UNUSED(startupId);
        shown << uris;
    }
};

/// A window over its own store, with one environment on a sandbox.
struct Window
{
    QTemporaryDir home;
    std::shared_ptr<core::MemorySecretStore> secrets = std::make_shared<core::MemorySecretStore>();
    core::AccountStore store {
        secrets, {home.filePath(u"accounts.ini"_s), home.filePath(u"data"_s), home.filePath(u"cache"_s)}};
    QNetworkAccessManager network;
    Preferences preferences {home.filePath(u"stratus.conf"_s)};
    std::unique_ptr<MainWindow> window;
    QStringList warnings;

    bool open(const QString &url, const QString &name, bool ask)
    {
        if (!test::addSandboxEnvironment(store, network, url, name))
            return false;
        setAsk(ask);
        return reopen();
    }
    bool reopen()
    {
        window = std::make_unique<MainWindow>(&store, &network, &preferences);
        window->resize(1100, 720);
        window->show();
        window->uploads()->setWarningSink([this](const QString &, const QString &text) { warnings << text; });
        return QTest::qWaitForWindowExposed(window.get());
    }
    void setAsk(bool ask)
    {
        AppSettings values = preferences.values();
        values.askBeforeUploadingGivenFiles = ask;
        (void)preferences.setValues(values);
    }
    EnvironmentSession *session() const { return window->session(window->currentEnvironmentId()); }
    BrowserPage *browser() const { return window->findChild<BrowserPage *>(); }
};

QString stateText(const UploadDock &dock, qint64 jobId)
{
    const UploadListModel *model = dock.model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->jobIdAt(row) == jobId)
            return model->index(row, UploadListModel::StateColumn).data().toString();
    }
    return {};
}

} // namespace

class TestTransfers : public QObject
{
    Q_OBJECT

private:
    test::SandboxProcess m_sandbox;
    test::SandboxProcess m_limited; ///< an environment whose plan takes images of up to 4000 bytes
    QTemporaryDir m_dir;

    QString cloud() const
    {
        return core::CloudinaryUrl::parse(m_sandbox.cloudinaryUrls().constFirst())->cloudName();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_sandbox.start({}, 1, false, &error), qPrintable(error));
        QVERIFY2(m_limited.start(
                     {u"--environment"_s, u"cloudinary://4321:limited-secret@limited?max_image_bytes=4000"_s},
                     1, false, &error),
                 qPrintable(error));
    }
    void cleanupTestCase()
    {
        m_sandbox.stop();
        m_limited.stop();
    }

    void downloadsAreNamedShownAndRevealed()
    {
        Window w;
        QVERIFY(w.open(m_sandbox.cloudinaryUrls().constFirst(), u"Downloads"_s, false));
        EnvironmentSession *session = w.session();
        QTRY_COMPARE_WITH_TIMEOUT(session->connection(), EnvironmentSession::Connection::Online, 20000);
        const QString picture = m_dir.filePath(u"dl/sunset.png"_s);
        QVERIFY(writePicture(picture, Qt::darkYellow));
        QVERIFY(w.window->uploads()->offer({picture}, u"downloads"_s));
        UploadQueue *queue = session->uploadsIfMade();
        QVERIFY(queue);
        QTRY_VERIFY_WITH_TIMEOUT(queue->isIdle(), 30000);
        const qint64 jobId = queue->jobIds().constLast();
        QCOMPARE(queue->job(jobId)->state, UploadState::Done);
        const auto asset = session->catalog()->asset(queue->job(jobId)->assetId);
        QVERIFY(asset && asset->has_value());
        // The public id has a random suffix (unique file names); the download does not.
        QVERIFY2(asset->value().publicId != u"downloads/sunset"_s, qPrintable(asset->value().publicId));
        QCOMPARE(core::transfers::DownloadQueue::fileNameFor(asset->value()), u"sunset.png"_s);

        // A file of that name is there already: kept, and the download becomes "sunset (2).png".
        QTemporaryDir target;
        QFile existing(QDir(target.path()).filePath(u"sunset.png"_s));
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("keep me");
        existing.close();

        BrowserPage *browser = w.browser();
        QVERIFY(browser);
        browser->openFolder(u"downloads"_s);
        QTRY_COMPARE(browser->currentFolder(), u"downloads"_s);
        browser->commands()->setDirectoryChooser([&](QWidget *) { return target.path(); });
        browser->commands()->setSelection({asset->value()});
        UploadDock *dock = w.window->uploadDock();
        dock->hide();
        DownloadsPanel *panel = dock->downloads();
        QSignalSpy finished(browser->commands()->downloads(), &core::transfers::DownloadQueue::finished);
        browser->commands()->action(BrowserCommands::Command::Download)->trigger();
        // The dock comes up on its Downloads tab; no progress box, during or after.
        QTRY_VERIFY(dock->isVisible());
        QCOMPARE(dock->tabs()->currentWidget(), static_cast<QWidget *>(panel));
        QVERIFY(finished.wait(20000));
        QTRY_COMPARE(panel->view()->topLevelItemCount(), 1);
        QVERIFY(w.window->findChildren<QProgressDialog *>().isEmpty());
        for (QWidget *top : QApplication::topLevelWidgets())
            QVERIFY2(!qobject_cast<QProgressDialog *>(top) || !top->isVisible(), "a progress box is shown");
        const QString saved = QDir(target.path()).filePath(u"sunset (2).png"_s);
        QTreeWidgetItem *row = panel->view()->topLevelItem(0);
        QCOMPARE(row->text(DownloadsPanel::NameColumn), u"sunset (2).png"_s);
        QCOMPARE(row->text(DownloadsPanel::StateColumn), u"Downloaded"_s);
        QCOMPARE(row->data(DownloadsPanel::NameColumn, DownloadsPanel::PathRole).toString(), saved);
        QVERIFY(!panel->cancelButton()->isVisible());
        QVERIFY2(panel->summary().startsWith(u"1 file(s) downloaded to "_s), qPrintable(panel->summary()));
        QFile kept(QDir(target.path()).filePath(u"sunset.png"_s));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("keep me"));
        QCOMPARE(QImage(saved).size(), QSize(64, 48));

        // Show in Folder: this test's session bus has no file manager, so the folder is opened.
        QStringList opened;
        bool openerWorks = true;
        ShowInFolder reveal;
        reveal.setFolderOpener([&](const QString &folder) {
            opened << folder;
            return openerWorks;
        });
        panel->setShowInFolder(reveal);
        QStringList messages;
        panel->setWarningSink([&](const QString &, const QString &text) { messages << text; });
        QVERIFY(panel->showInFolderAction()->isEnabled());
        panel->view()->setFocus();
        panel->view()->setCurrentItem(row);
        QTest::keyClick(panel->view(), Qt::Key_Return); // Enter shows it, as a double click does
        QCOMPARE(opened, QStringList {QDir(target.path()).absolutePath()});
        QVERIFY(messages.isEmpty());
        // Neither works: the path, in words.
        openerWorks = false;
        panel->setShowInFolder(reveal);
        QVERIFY(!panel->showInFolder(0));
        QCOMPARE(messages.size(), 1);
        QVERIFY2(messages.first().contains(QDir::toNativeSeparators(saved)), qPrintable(messages.first()));
        // A file manager on the bus shows the file itself, selected (the real D-Bus call).
        FakeFileManager fileManager;
        QDBusConnection bus = QDBusConnection::sessionBus();
        QVERIFY2(bus.isConnected(), "no session bus: run through tests/run-headless.sh");
        QVERIFY(bus.registerObject(u"/org/freedesktop/FileManager1"_s, &fileManager,
                                   QDBusConnection::ExportAllSlots));
        QVERIFY(bus.registerService(u"org.freedesktop.FileManager1"_s));
        opened.clear();
        QVERIFY(panel->showInFolder(0));
        QCOMPARE(fileManager.shown, QStringList {QUrl::fromLocalFile(saved).toString()});
        QVERIFY(opened.isEmpty());
        bus.unregisterService(u"org.freedesktop.FileManager1"_s);
        bus.unregisterObject(u"/org/freedesktop/FileManager1"_s);

        // What the dock looks like (docs/screenshots, issue 13).
        dock->resize(1000, 260);
        const QString shots = QStringLiteral(STRATUS_SOURCE_DIR) + u"/docs/screenshots/"_s;
        QVERIFY(dock->grab().save(shots + u"transfers-dock-downloads.png"_s));
        dock->tabs()->setCurrentIndex(0);
        QVERIFY(dock->grab().save(shots + u"transfers-dock-uploads.png"_s));
    }

    void offlineUploadsWaitAndStartWhenTheEnvironmentAnswers()
    {
        Window w;
        QVERIFY(w.open(m_sandbox.cloudinaryUrls().constFirst(), u"Offline"_s, false));
        EnvironmentSession *session = w.session();
        QTRY_COMPARE_WITH_TIMEOUT(session->connection(), EnvironmentSession::Connection::Online, 20000);
        session->setReconnectInterval(std::chrono::milliseconds(200));
        QVERIFY(m_sandbox.control(u"faults"_s, cloud(), {{u"error_rate"_s, u"1"_s}}));
        auto answerAgain = qScopeGuard([this] {
            m_sandbox.control(u"faults"_s, cloud(), {{u"error_rate"_s, u"0"_s}});
        });
        session->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(session->connection(), EnvironmentSession::Connection::Offline, 60000);

        // Queued, not refused; nothing starts.
        const QString file = m_dir.filePath(u"offline/postcard.png"_s);
        QVERIFY(writePicture(file, Qt::darkCyan));
        QVERIFY(w.window->uploads()->offer({file}, u"offline"_s));
        QVERIFY2(w.warnings.isEmpty(), qPrintable(w.warnings.join(u'\n')));
        UploadQueue *queue = session->uploadsIfMade();
        QVERIFY(queue);
        const qint64 jobId = queue->jobIds().constLast();
        QCOMPARE(queue->job(jobId)->state, UploadState::Pending);
        UploadDock *dock = w.window->uploadDock();
        QTRY_VERIFY(dock->isVisible());
        QCOMPARE(stateText(*dock, jobId), u"Waiting for connection"_s);
        QVERIFY2(dock->summary().endsWith(u"waiting for connection"_s), qPrintable(dock->summary()));

        // Stratus is closed and started again while the environment still does not answer: the
        // file waits again.
        w.window.reset();
        QVERIFY(w.reopen());
        session = w.session();
        QVERIFY(session);
        session->setReconnectInterval(std::chrono::milliseconds(200));
        QTRY_VERIFY_WITH_TIMEOUT(session->uploadsIfMade() != nullptr, 60000);
        queue = session->uploadsIfMade();
        QTRY_VERIFY(queue->job(jobId) != nullptr);
        QCOMPARE(queue->job(jobId)->state, UploadState::Pending);
        QTRY_COMPARE(stateText(*w.window->uploadDock(), jobId), u"Waiting for connection"_s);

        // It answers again: the session notices by itself, and the file goes.
        answerAgain.dismiss();
        QVERIFY(m_sandbox.control(u"faults"_s, cloud(), {{u"error_rate"_s, u"0"_s}}));
        QTRY_COMPARE_WITH_TIMEOUT(session->connection(), EnvironmentSession::Connection::Online, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(queue->job(jobId)->state, UploadState::Done, 30000);
        QVERIFY(session->catalog()->asset(queue->job(jobId)->assetId).value().has_value());
        QCOMPARE(queue->job(jobId)->options.assetFolder, u"offline"_s);
    }

    void filesOverTheMediaLimitsAreRefusedAtOnce()
    {
        Window w;
        QVERIFY(w.open(m_limited.cloudinaryUrls().constFirst(), u"Limited"_s, false));
        EnvironmentSession *session = w.session();
        QTRY_COMPARE_WITH_TIMEOUT(session->connection(), EnvironmentSession::Connection::Online, 20000);
        QVERIFY(session->usage());
        const QString big = m_dir.filePath(u"limits/poster.jpg"_s);
        const QString small = m_dir.filePath(u"limits/stamp.jpg"_s);
        const QString raw = m_dir.filePath(u"limits/notes.txt"_s);
        QVERIFY(writeFile(big, 6000, 'p'));
        QVERIFY(writeFile(small, 1500, 's'));
        QVERIFY(writeFile(raw, 6000, 'n')); // the raw limit is the sandbox's default: fine
        QVERIFY(w.window->uploads()->offer({big, small, raw}, u"limits"_s));
        UploadQueue *queue = session->uploadsIfMade();
        QVERIFY(queue);
        // At once: before anything was sent, the person is told, with the limit.
        QCOMPARE(w.warnings.size(), 1);
        const QString limit = QLocale().formattedDataSize(4000, 1, QLocale::DataSizeTraditionalFormat);
        QVERIFY2(w.warnings.first().contains(u"poster.jpg is too large"_s)
                     && w.warnings.first().contains(limit),
                 qPrintable(w.warnings.first()));
        qint64 bigJob = 0;
        for (const qint64 id : queue->jobIds()) {
            if (queue->job(id)->filePath == big)
                bigJob = id;
        }
        QVERIFY(bigJob);
        QCOMPARE(queue->job(bigJob)->state, UploadState::Failed);
        QCOMPARE(queue->job(bigJob)->error->reason, core::ErrorReason::ImageTooLarge);
        QCOMPARE(queue->job(bigJob)->attempts, 0);
        QVERIFY2(stateText(*w.window->uploadDock(), bigJob)
                     .startsWith(u"Failed: "_s + QDir::toNativeSeparators(big)),
                 qPrintable(stateText(*w.window->uploadDock(), bigJob)));
        QTRY_VERIFY_WITH_TIMEOUT(queue->isIdle(), 30000);
        int done = 0;
        for (const qint64 id : queue->jobIds())
            done += queue->job(id)->state == UploadState::Done ? 1 : 0;
        QCOMPARE(done, 2);
    }

    void givenFilesOpenTheOptionsWithTheFolderShown()
    {
        Window w;
        QVERIFY(w.open(m_sandbox.cloudinaryUrls().constFirst(), u"Given"_s, false));
        EnvironmentSession *session = w.session();
        QTRY_COMPARE_WITH_TIMEOUT(session->connection(), EnvironmentSession::Connection::Online, 20000);

        // The setting says not to ask: the file goes at once, into the folder given.
        const QString first = m_dir.filePath(u"given/first.png"_s);
        QVERIFY(writePicture(first, Qt::red));
        QVERIFY(w.window->uploads()->offer({first}, u"given"_s));
        QVERIFY(QApplication::activeModalWidget() == nullptr);
        UploadQueue *queue = session->uploadsIfMade();
        QVERIFY(queue);
        QTRY_VERIFY_WITH_TIMEOUT(queue->isIdle(), 30000);
        QCOMPARE(queue->job(queue->jobIds().constLast())->state, UploadState::Done);

        // Asked: the options come first, with the folder the browser shows chosen.
        w.setAsk(true);
        BrowserPage *browser = w.browser();
        QVERIFY(browser);
        QTRY_VERIFY(browser->folderModel() != nullptr);
        browser->openFolder(u"given"_s);
        QTRY_COMPARE(browser->currentFolder(), u"given"_s);
        QString shownFolder, title;
        bool acceptNext = true;
        int asked = 0;
        QTimer answer;
        connect(&answer, &QTimer::timeout, this, [&] {
            auto *dialog = qobject_cast<UploadOptionsDialog *>(QApplication::activeModalWidget());
            if (dialog == nullptr)
                return;
            ++asked;
            shownFolder = dialog->folderEdit()->text();
            title = dialog->windowTitle();
            dialog->tagsEdit()->setText(u"given-on-the-command-line"_s);
            if (acceptNext)
                dialog->accept();
            else
                dialog->reject();
        });
        answer.start(20);
        const QString second = m_dir.filePath(u"given/second.png"_s);
        QVERIFY(writePicture(second, Qt::green));
        const qsizetype before = queue->jobIds().size();
        w.window->uploadWhenReady({second}); // what `stratus FILE` does
        QCOMPARE(asked, 1);
        QCOMPARE(shownFolder, u"given"_s);
        QCOMPARE(title, u"Upload “second.png”"_s);
        QCOMPARE(queue->jobIds().size(), before + 1);
        const auto *entry = queue->job(queue->jobIds().constLast());
        QCOMPARE(entry->options.tags, QStringList {u"given-on-the-command-line"_s});
        QCOMPARE(entry->options.assetFolder, u"given"_s);

        // A drop on the window asks too; Cancel queues nothing.
        acceptNext = false;
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(first), QUrl::fromLocalFile(second)});
        QDragEnterEvent enter(QPoint(300, 300), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(w.window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(300, 300), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(w.window.get(), &drop);
        QVERIFY(drop.isAccepted());
        QTRY_COMPARE(asked, 2);
        QCOMPARE(title, u"Upload 2 Item(s)"_s);
        QCOMPARE(shownFolder, u"given"_s);
        QCOMPARE(queue->jobIds().size(), before + 1);
        answer.stop();
    }
};

QTEST_MAIN(TestTransfers)
#include "tst_transfers.moc"
