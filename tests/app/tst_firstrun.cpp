// The newcomer's path (issue 4's "done when"): the app comes up on its Local sandbox, a second
// environment (another stratus-sandbox standing in for a real account) is added through the dialog,
// the user switches between them with the keyboard and logs out — and the secret of the added
// environment exists nowhere but in the keychain: not in a file under HOME or XDG_*, not in the
// log, not in any process's arguments. Real keychain (run under tests/run-headless.sh), real HTTP.
#include "../headlesssession.h"
#include "sandboxprocess.h"

#include "app/localsandbox.h"
#include "core/accounts/accountstore.h"
#include "core/accounts/keychainsecretstore.h"
#include "core/session/environmentsession.h"
#include "gui/accounts/accountsdialog.h"
#include "gui/accounts/addenvironmentdialog.h"
#include "gui/environment/environmentpage.h"
#include "gui/mainwindow/mainwindow.h"
#include "gui/settings/preferences.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QLineEdit>
#include <QMessageBox>
#include <QMutex>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>

using namespace stratus;

namespace {

QMutex g_logMutex;
QStringList g_log;

void captureLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    QMutexLocker lock(&g_logMutex);
    g_log.append(message);
}

QStringList filesContaining(const QString &root, const QByteArray &needle)
{
    QStringList found;
    if (root.isEmpty())
        return found;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found.append(file.fileName());
    }
    return found;
}

// Every process of this user whose command line contains `needle`.
QStringList processesContaining(const QByteArray &needle)
{
    QStringList found;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString dir = it.next();
        QFile cmdline(dir + QStringLiteral("/cmdline"));
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(needle))
            found.append(dir);
    }
    return found;
}

QString currentName(gui::MainWindow &window)
{
    auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
    auto *page = qobject_cast<gui::EnvironmentPage *>(pages->currentWidget());
    return page ? page->session()->record().name : QString();
}

template<typename T> T *waitForDialog(int timeoutMs = 5000)
{
    T *shown = nullptr;
    [[maybe_unused]] const bool found = QTest::qWaitFor(
        [&] {
            for (QWidget *widget : QApplication::topLevelWidgets()) {
                if (auto *dialog = qobject_cast<T *>(widget); dialog && dialog->isVisible())
                    shown = dialog;
            }
            return shown != nullptr;
        },
        timeoutMs);
    return shown;
}

} // namespace

class TestFirstRun : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Only in the private session of tests/run-headless.sh: never touch a real keyring or HOME.
        STRATUS_REQUIRE_HEADLESS_SESSION();
    }

    void newcomerAddsSwitchesAndLogsOut()
    {
        // The stand-in for a real account: a sandbox that makes its own credentials and prints
        // them (so the secret is on no command line).
        test::SandboxProcess remote;
        QString error;
        QVERIFY2(remote.start({}, 1, false, &error), qPrintable(error));
        const QString remoteUrl = remote.cloudinaryUrls().constFirst();
        const QString secret = core::CloudinaryUrl::parse(remoteUrl)->apiSecret();
        QVERIFY(secret.size() >= 16);

        qInstallMessageHandler(captureLog);
        QNetworkAccessManager network;
        core::AccountStore store(std::make_shared<core::KeychainSecretStore>(),
                                 core::StorageLayout::standard());
        QVERIFY(store.load().ok());
        app::LocalSandbox localSandbox(&store, store.layout().localSandboxDirectory(), 12);
        localSandbox.start();
        // The app's own file, in the temporary HOME this test insists on.
        gui::Preferences preferences(store.layout().preferencesFile());
        gui::MainWindow window(&store, &network, &preferences);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        // 1. The window is on the Local sandbox, and it answers.
        QCOMPARE(currentName(window), QStringLiteral("Local sandbox"));
        QTRY_COMPARE_WITH_TIMEOUT(window.session(localSandbox.environmentId())->connection(),
                                  core::EnvironmentSession::Connection::Online, 60000);

        // 2. File → Add Account…: paste the URL, name it, Add.
        window.findChild<QAction *>(QStringLiteral("addAccountAction"))->trigger();
        QPointer<gui::AddEnvironmentDialog> add = waitForDialog<gui::AddEnvironmentDialog>();
        QVERIFY(add);
        // The URL page (the first tab is Sign in with Cloudinary).
        add->findChild<QTabWidget *>(QStringLiteral("methodTabs"))
            ->setCurrentWidget(add->findChild<QWidget *>(QStringLiteral("urlPage")));
        QTest::keyClicks(add->findChild<QLineEdit *>(QStringLiteral("urlEdit")), remoteUrl);
        auto *name = add->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
        name->clear();
        QTest::keyClicks(name, QStringLiteral("Client work"));
        add->findChild<QPushButton *>(QStringLiteral("addButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(store.environmentByName(QStringLiteral("Client work")), 30000);
        const QString added = store.environmentByName(QStringLiteral("Client work"))->id;
        QTRY_COMPARE(currentName(window), QStringLiteral("Client work"));
        QTRY_COMPARE_WITH_TIMEOUT(window.session(added)->connection(),
                                  core::EnvironmentSession::Connection::Online, 30000);

        // 3. Switch with the keyboard, both ways; the title follows.
        QTRY_VERIFY(add.isNull()); // deleted on close
        // The offscreen platform has no window manager to hand the focus back to the main window.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(currentName(window), QStringLiteral("Local sandbox"));
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(currentName(window), QStringLiteral("Client work"));
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("Client work")));

        // The secret is in the keychain, and only there.
        const QByteArray needle = secret.toUtf8();
        const QStringList roots {QDir::homePath(), qEnvironmentVariable("XDG_CONFIG_HOME"),
                                 qEnvironmentVariable("XDG_DATA_HOME"),
                                 qEnvironmentVariable("XDG_CACHE_HOME")};
        // gnome-keyring's own file holds it encrypted; a plaintext copy would show here.
        for (const QString &root : roots)
            QCOMPARE(filesContaining(root, needle), QStringList());

        // 4. Log out through the Accounts dialog.
        window.findChild<QAction *>(QStringLiteral("accountsAction"))->trigger();
        QPointer<gui::AccountsDialog> accounts = waitForDialog<gui::AccountsDialog>();
        QVERIFY(accounts);
        accounts->selectEnvironment(added);
        accounts->findChild<QPushButton *>(QStringLiteral("logOutButton"))->click();
        QMessageBox *confirmation = nullptr;
        QVERIFY(QTest::qWaitFor(
            [&] { return (confirmation = accounts->findChild<QMessageBox *>()) != nullptr; }, 5000));
        confirmation->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!store.account(store.environment(added)->accountId)->loggedIn, 10000);
        accounts->close();
        QTRY_COMPARE(currentName(window), QStringLiteral("Local sandbox"));
        QVERIFY(!window.session(added));

        // Gone from the keychain.
        bool answered = false;
        core::Error::Kind kind = core::Error::Kind::Internal;
        store.secretStore()->read(store.environment(added)->secretKey(), this,
                                  [&](core::Result<QString> read) {
                                      answered = true;
                                      kind = read.ok() ? core::Error::Kind::Internal : read.error().kind;
                                  });
        QTRY_VERIFY(answered);
        QCOMPARE(kind, core::Error::Kind::NotFound);

        // 5. Nowhere else, ever: files, log, process arguments.
        for (const QString &root : roots)
            QCOMPARE(filesContaining(root, needle), QStringList());
        {
            QMutexLocker lock(&g_logMutex);
            QVERIFY(!g_log.isEmpty()); // the log was captured (requests are logged)
            for (const QString &line : std::as_const(g_log))
                QVERIFY2(!line.contains(secret), "the secret reached the log");
        }
        QCOMPARE(processesContaining(needle), QStringList());
        qInstallMessageHandler(nullptr);
    }
};

QTEST_MAIN(TestFirstRun)
#include "tst_firstrun.moc"
