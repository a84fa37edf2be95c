// Issue 11, item 3, in the window: the catalogue file of an environment is damaged between two runs
// (a disk error, a crash). The next run finds out, says so in the status bar, replaces the file and
// fills it again from the server, and the browser shows every asset — never a part of them.

#include "sandboxaccount.h"
#include "sandboxprocess.h"

#include "core/accounts/accountstore.h"
#include "core/session/environmentsession.h"
#include "core/catalog/catalog.h"
#include "gui/browser/browserpage.h"
#include "gui/browser/foldertreemodel.h"
#include "gui/mainwindow/mainwindow.h"
#include "gui/settings/preferences.h"

#include <QFile>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus;
using namespace Qt::StringLiterals;

class TestDamagedCatalog : public QObject
{
    Q_OBJECT

private:
    test::SandboxProcess m_sandbox;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(m_sandbox.start({u"--seed"_s, u"600"_s}, 1, false, &error), qPrintable(error));
    }
    void cleanupTestCase() { m_sandbox.stop(); }

    void damagedCatalogIsRebuilt()
    {
        QTemporaryDir home;
        core::AccountStore store(
            std::make_shared<core::MemorySecretStore>(),
            {home.filePath(u"accounts.ini"_s), home.filePath(u"data"_s), home.filePath(u"cache"_s)});
        QNetworkAccessManager network;
        gui::Preferences preferences(home.filePath(u"stratus.conf"_s));
        QVERIFY(test::addSandboxEnvironment(store, network, m_sandbox.cloudinaryUrls().constFirst(),
                                            u"Damaged"_s));

        QString catalogue;
        {
            gui::MainWindow window(&store, &network, &preferences);
            window.show();
            core::EnvironmentSession *session = window.session(window.currentEnvironmentId());
            QVERIFY(session);
            QTRY_VERIFY_WITH_TIMEOUT(session->catalog() && session->catalog()->assetCount() == 600
                                         && !session->isSyncing(),
                                     60000);
            catalogue = session->catalog()->filePath();
        }
        // Closed: SQLite moved everything from its log into the file.
        QVERIFY(!QFile::exists(catalogue + u"-wal"_s) || QFileInfo(catalogue + u"-wal"_s).size() == 0);
        QFile file(catalogue);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const qint64 pageSize = 4096;
        const qint64 pages = file.size() / pageSize;
        QVERIFY2(pages > 40, QByteArray::number(pages));
        for (qint64 page = pages / 4; page < pages * 3 / 4; page += 2) {
            file.seek(page * pageSize);
            file.write(QByteArray(pageSize, '\xab'));
        }
        file.close();
        QVERIFY(!core::catalog::Catalog::checkFile(catalogue));

        gui::MainWindow window(&store, &network, &preferences);
        window.show();
        core::EnvironmentSession *session = window.session(window.currentEnvironmentId());
        QVERIFY(session);
        auto *status = window.findChild<QLabel *>(u"statusSync"_s);
        QVERIFY(status);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"damaged"_s), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!session->isSyncing() && session->catalog()->assetCount() == 600, 60000);
        QVERIFY2(status->text().startsWith(u"Catalogue rebuilt"_s), qPrintable(status->text()));
        QVERIFY2(!status->text().contains(u'\n'), qPrintable(status->text())); // a status bar holds one line
        QVERIFY(core::catalog::Catalog::checkFile(catalogue));
        auto *browser = window.findChild<gui::BrowserPage *>();
        QVERIFY(browser);
        QTRY_VERIFY(browser->folderModel()->rowCount() > 0);
    }
};

QTEST_MAIN(TestDamagedCatalog)
#include "tst_damagedcatalog.moc"
