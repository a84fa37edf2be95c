#include "app/localsandbox.h"
#include "core/accounts/accountstore.h"
#include "core/api/uploadapi.h"
#include "core/api/uploadjob.h"
#include "core/net/secretsource.h"
#include "core/session/environmentsession.h"
#include "gui/environment/environmentpage.h"
#include "gui/mainwindow/mainwindow.h"
#include "gui/settings/preferences.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus;

namespace {

core::StorageLayout pathsIn(const QTemporaryDir &dir)
{
    return {dir.filePath(QStringLiteral("config/accounts.ini")), dir.filePath(QStringLiteral("data")),
            dir.filePath(QStringLiteral("cache"))};
}

QString fetchSecret(const core::SecretSource &source)
{
    QObject context;
    QString secret;
    bool answered = false;
    source.fetch(&context, [&](core::Result<QString> result) {
        answered = true;
        if (result)
            secret = result.value();
    });
    [[maybe_unused]] const bool inTime = QTest::qWaitFor([&] { return answered; }, 5000);
    return secret;
}

// Every file under `root` whose bytes contain `needle` (UTF-8 or UTF-16).
QStringList filesContaining(const QString &root, const QString &needle)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        if (bytes.contains(needle.toUtf8())
            || bytes.contains(QByteArray(reinterpret_cast<const char *>(needle.utf16()), needle.size() * 2)))
            found.append(file.fileName());
    }
    return found;
}

} // namespace

class TestLocalSandbox : public QObject
{
    Q_OBJECT

private slots:
    void firstRunAddsAndOpensTheLocalSandbox()
    {
        QTemporaryDir dir;
        QNetworkAccessManager network;
        gui::Preferences preferences(dir.filePath(QStringLiteral("stratus.conf")));
        QString secret;
        QString environmentId;
        {
            core::AccountStore store(std::make_shared<core::MemorySecretStore>(), pathsIn(dir));
            QVERIFY(store.load().ok());
            app::LocalSandbox sandbox(&store, dir.filePath(QStringLiteral("data/local-sandbox")), 12);
            QSignalSpy ready(&sandbox, &app::LocalSandbox::ready);
            QSignalSpy failed(&sandbox, &app::LocalSandbox::failed);
            sandbox.start();

            // The account and its environment exist at once, before the server is up.
            QCOMPARE(store.accounts().size(), 1);
            QVERIFY(store.accounts().first().embeddedSandbox);
            QCOMPARE(store.environments().size(), 1);
            const core::EnvironmentRecord env = store.environments().first();
            environmentId = env.id;
            QCOMPARE(env.name, QStringLiteral("Local sandbox"));
            QVERIFY(env.embeddedSandbox);
            QCOMPARE(store.currentEnvironmentId(), env.id);

            gui::MainWindow window(&store, &network, &preferences);
            window.show();
            QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1 || failed.count() == 1, 120000);
            QCOMPARE(failed.count(), 0);
            QVERIFY(store.isRuntimeAvailable(env.id));
            QVERIFY(
                store.effectiveUrl(env.id).uploadPrefix().startsWith(QStringLiteral("http://127.0.0.1:")));

            // The window tests it as soon as it listens: online, dynamic folders, a budget.
            core::EnvironmentSession *session = window.session(env.id);
            QVERIFY(session);
            QTRY_COMPARE_WITH_TIMEOUT(session->connection(), core::EnvironmentSession::Connection::Online,
                                      30000);
            QCOMPARE(store.environment(env.id)->folderMode, core::FolderMode::Dynamic);
            QVERIFY(session->budget()->isKnown());
            QVERIFY(session->usage().has_value());
            QCOMPARE(qRound(session->usage()->objects.usage), 12);
            auto *status = window.findChild<QLabel *>(QStringLiteral("statusEnvironment"));
            QVERIFY(status->text().contains(QStringLiteral("Local sandbox")));
            QVERIFY(window.windowTitle().startsWith(QStringLiteral("Local sandbox")));
            auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
            QVERIFY(
                pages->currentWidget()->findChild<QWidget *>(QStringLiteral("sandboxWelcome"))->isVisible());

            secret = fetchSecret(*store.secretSource(env.id));
            QVERIFY(secret.size() >= 20);
        }
        // The run's secret was in memory only: no file anywhere under the directories has it.
        QCOMPARE(filesContaining(dir.path(), secret), QStringList());

        // A second start reuses the environment and its media.
        core::AccountStore store(std::make_shared<core::MemorySecretStore>(), pathsIn(dir));
        QVERIFY(store.load().ok());
        app::LocalSandbox sandbox(&store, dir.filePath(QStringLiteral("data/local-sandbox")), 12);
        QSignalSpy ready(&sandbox, &app::LocalSandbox::ready);
        sandbox.start();
        QCOMPARE(store.accounts().size(), 1);
        QCOMPARE(store.environments().first().id, environmentId);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
        core::EnvironmentSession session(&store, environmentId, &network);
        session.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(session.connection(), core::EnvironmentSession::Connection::Online, 30000);
        QCOMPARE(qRound(session.usage()->objects.usage), 12);
        // A new run, a new secret.
        QVERIFY(fetchSecret(*store.secretSource(environmentId)) != secret);
    }

    // Issue 11, item 6, in the app: an MP4 whose box claims a 64-bit size of 2^64 - 16 put the
    // embedded sandbox into an endless loop — it answered nothing more, spun at 100 % and the app
    // could not quit (the sandbox's thread never returned). Now it is answered, the sandbox keeps
    // answering, and it stops when the app does.
    void hostileVideoLeavesTheLocalSandboxAnswering()
    {
        QTemporaryDir dir;
        QNetworkAccessManager network;
        core::AccountStore store(std::make_shared<core::MemorySecretStore>(), pathsIn(dir));
        QVERIFY(store.load().ok());
        auto sandbox
            = std::make_unique<app::LocalSandbox>(&store, dir.filePath(QStringLiteral("data/ls")), 1);
        QSignalSpy ready(sandbox.get(), &app::LocalSandbox::ready);
        sandbox->start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
        const QString envId = store.environments().first().id;
        core::EnvironmentSession session(&store, envId, &network);
        auto context = session.apiContext();
        QVERIFY2(context, qPrintable(context ? QString() : context.error().message));

        const QString path = dir.filePath(QStringLiteral("l.mp4"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray("\x00\x00\x00\x10"
                                  "ftypisom\x00\x00\x00\x00\x00\x00\x00\x01"
                                  "free\xff\xff\xff\xff\xff\xff\xff\xf0",
                                  32));
        }
        const auto upload = [&](const QString &publicId) {
            core::UploadOptions options;
            options.publicId = publicId;
            QObject owner;
            core::UploadJob *job = core::UploadApi(*context).upload(path, options, &owner);
            QSignalSpy finished(job, &core::Job::finished);
            job->start();
            const bool answered = finished.wait(20000) || finished.count() == 1;
            return answered && !job->error();
        };
        QVERIFY2(upload(QStringLiteral("hostile/first")), "the hostile video was not answered");
        QVERIFY2(upload(QStringLiteral("hostile/second")), "the sandbox answered nothing after it");

        // The app quits: the sandbox's thread ends at once.
        QElapsedTimer clock;
        clock.start();
        sandbox.reset();
        QVERIFY2(clock.elapsed() < 20000, qPrintable(QString::number(clock.elapsed())));
    }
};

QTEST_MAIN(TestLocalSandbox)
#include "tst_localsandbox.moc"
