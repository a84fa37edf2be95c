// The environment page shows why the environment cannot be used in words::ErrorWords' words, with
// the remedy that fixes it: a secret missing from the keychain is entered again right there, and the
// connection is tested again (issue 12, point 3).
#include "core/accounts/accountstore.h"
#include "core/session/environmentsession.h"
#include "gui/environment/environmentpage.h"
#include "gui/errors/errorbanner.h"
#include "gui/settings/preferences.h"
#include "words/errorwords.h"

#include <QApplication>
#include <QInputDialog>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace stratus;

class TestEnvironmentPageErrors : public QObject
{
    Q_OBJECT

private slots:
    void missingSecretIsEnteredAgainFromThePage()
    {
        QTemporaryDir dir;
        auto secrets = std::make_shared<core::MemorySecretStore>();
        core::AccountStore store(secrets, core::StorageLayout::under(dir.path()));
        QNetworkAccessManager network;
        gui::Preferences preferences(dir.filePath(u"stratus.conf"_s));

        core::AccountRecord account;
        account.label = u"Agency"_s;
        core::EnvironmentRecord env;
        env.name = u"prod"_s;
        // Nothing listens there: once it has a secret, the test of the connection fails as offline.
        env.url = core::CloudinaryUrl::parse(u"cloudinary://1234@agency?upload_prefix=http://127.0.0.1:9"_s)
                      .value();
        bool added = false;
        store.addAccount(account, {{env, u"old-secret"_s}}, QString(), &network,
                         [&](core::Result<core::Done> result) { added = result.ok(); });
        QVERIFY(added);
        const QString id = store.environments().constFirst().id;
        // The keychain lost it (another tool, a new keyring).
        bool removed = false;
        secrets->remove(u"environment/"_s + id, &network,
                        [&](core::Result<core::Done> gone) { removed = gone.ok(); });
        QVERIFY(removed);

        core::EnvironmentSession session(&store, id, &network);
        gui::EnvironmentPageServices services;
        services.store = &store;
        services.preferences = &preferences;
        gui::EnvironmentPage page(&session, services);
        page.show();
        session.refresh();
        auto *banner = page.findChild<gui::ErrorBanner *>(u"errorBanner"_s);
        QVERIFY(banner);
        QTRY_VERIFY(banner->isVisible());
        QVERIFY(banner->error());
        QCOMPARE(banner->error()->reason, core::ErrorReason::SecretNotInKeychain);
        // Refused for the keychain, not for a wrong secret: the server was never asked.
        QCOMPARE(session.connection(), core::EnvironmentSession::Connection::Refused);
        QCOMPARE(session.problem(), core::CheckProblem::Keychain);
        QVERIFY2(banner->text().contains(words::ErrorWords::text(*banner->error())),
                 qPrintable(banner->text()));
        auto *remedy = banner->findChild<QPushButton *>(u"errorBannerRemedy"_s);
        QVERIFY(remedy->isVisible());
        QCOMPARE(remedy->text(), words::ErrorWords::remedyLabel(words::Remedy::ReenterSecret));

        // The person enters the secret in the question the button opens.
        QTimer::singleShot(0, this, [] {
            auto *question = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            QVERIFY(question);
            question->setTextValue(u"new-secret"_s);
            question->accept();
        });
        QTest::mouseClick(remedy, Qt::LeftButton);
        const auto stored = [&] {
            QString secret;
            secrets->read(u"environment/"_s + id, &network,
                          [&](core::Result<QString> read) { secret = read ? read.value() : QString(); });
            return secret;
        };
        QTRY_COMPARE(stored(), u"new-secret"_s);
        // Tested again with it: no longer refused for the secret (nothing answers, so it is offline).
        QCOMPARE(session.connection(), core::EnvironmentSession::Connection::Checking);
        QTRY_VERIFY_WITH_TIMEOUT(session.connection() == core::EnvironmentSession::Connection::Offline,
                                 60000);
        QVERIFY(!banner->error() || banner->error()->reason != core::ErrorReason::SecretNotInKeychain);
    }
};

QTEST_MAIN(TestEnvironmentPageErrors)
#include "tst_environmentpageerrors.moc"
