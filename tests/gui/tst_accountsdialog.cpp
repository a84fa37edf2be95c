// The accounts dialogs driven as a person would (fields, buttons, confirmations), against a real
// stratus-sandbox and, for the happy paths, the real keychain (the Secret Service of
// tests/run-headless.sh). Error paths use a MemorySecretStore where the keychain must fail.
#include "gui/accounts/accountsdialog.h"
#include "gui/accounts/addenvironmentdialog.h"
#include "gui/accounts/logindialog.h"

#include "core/accounts/accountstore.h"
#include "core/accounts/keychainsecretstore.h"
#include "core/net/neterror.h"

#include "../headlesssession.h"
#include "sandboxprocess.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkProxy>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <optional>

using namespace stratus;
using namespace stratus::gui;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeout = 30000;

// The sandbox's two product environments and its account (Provisioning API).
const QString kAlphaSecret = u"alpha-secret-1"_s;
const QString kBetaSecret = u"beta-secret-2"_s;
const QString kProvisioningSecret = u"provisioning-secret-3"_s;
const QString kGammaSecret = u"gamma-secret-4"_s; // a key that may not read the usage
const QString kDeltaSecret = u"delta-secret-5"_s; // a key that may not even ping the Admin API

struct Fixture
{
    QTemporaryDir dir;
    std::shared_ptr<core::SecretStore> secrets;
    std::unique_ptr<core::AccountStore> store;

    explicit Fixture(std::shared_ptr<core::SecretStore> secretStore)
        : secrets(std::move(secretStore))
    {
        core::StorageLayout paths;
        paths.settingsFile = dir.filePath(u"accounts.ini"_s);
        paths.dataRoot = dir.filePath(u"data"_s);
        paths.cacheRoot = dir.filePath(u"cache"_s);
        store = std::make_unique<core::AccountStore>(secrets, paths);
    }

    [[nodiscard]] QByteArray settingsText() const
    {
        QFile file(store->layout().settingsFile);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
};

std::shared_ptr<core::SecretStore> keychain()
{
    return std::make_shared<core::KeychainSecretStore>(u"StratusGuiTest"_s);
}

// The keychain's answer for `key`, waited for.
std::optional<core::Result<QString>> readSecret(core::SecretStore &secrets, const QString &key)
{
    std::optional<core::Result<QString>> answer;
    QObject context;
    secrets.read(key, &context, [&answer](core::Result<QString> result) { answer = std::move(result); });
    [[maybe_unused]] const bool answered
        = QTest::qWaitFor([&answer] { return answer.has_value(); }, kTimeout);
    return answer;
}

bool hasSecret(core::SecretStore &secrets, const QString &key, const QString &expected)
{
    const auto answer = readSecret(secrets, key);
    return answer && answer->ok() && answer->value() == expected;
}

bool secretIsGone(core::SecretStore &secrets, const QString &key)
{
    const auto answer = readSecret(secrets, key);
    return answer && !answer->ok() && answer->error().kind == core::Error::Kind::NotFound;
}

template<typename T> T *child(QObject *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qWarning("no child named %s", qPrintable(name));
    return found;
}

// The confirmation `name` the dialog opened, once it is there.
QMessageBox *confirmation(QWidget *dialog, const QString &name)
{
    QMessageBox *box = nullptr;
    [[maybe_unused]] const bool shown = QTest::qWaitFor(
        [&] { return (box = dialog->findChild<QMessageBox *>(name)) != nullptr; }, kTimeout);
    return box;
}

// Says yes to the confirmation `name`; false when there was none.
bool confirm(QWidget *dialog, const QString &name)
{
    QMessageBox *box = confirmation(dialog, name);
    if (!box)
        return false;
    box->findChild<QPushButton *>(u"confirmButton"_s)->click();
    return true;
}

// Writes `values` into `fixture`'s accounts.ini the way QSettings writes them, then loads it.
bool loadSettings(Fixture &fixture, const QList<std::pair<QString, QVariant>> &values)
{
    {
        QSettings settings(fixture.store->layout().settingsFile, QSettings::IniFormat);
        settings.clear();
        for (const auto &[key, value] : values)
            settings.setValue(key, value);
        settings.sync();
    }
    return fixture.store->load().ok();
}

QString statusOf(QWidget *dialog)
{
    return child<QLabel>(dialog, u"statusLabel"_s)->text();
}

} // namespace

class TestAccountsDialog : public QObject
{
    Q_OBJECT

private:
    test::SandboxProcess m_sandbox;
    QString m_alphaUrl; ///< cloudinary://…:alpha-secret-1@alpha?upload_prefix=…
    QString m_betaUrl;
    QString m_gammaUrl;
    QString m_deltaUrl;
    QString m_accountUrl;

    // Adds the URL's environment to `fixture`'s store directly (not through a dialog).
    QString addDirectly(Fixture &fixture, const QString &label, const QString &urlText)
    {
        const auto url = core::CloudinaryUrl::parse(urlText);
        if (!url)
            return {};
        core::AccountRecord account;
        account.label = label;
        core::EnvironmentRecord env;
        env.id = core::AccountStore::newId();
        env.name = url->cloudName();
        env.url = *url;
        std::optional<bool> ok;
        fixture.store->addAccount(account, {{env, url->apiSecret()}}, {}, fixture.store.get(),
                                  [&ok](core::Result<core::Done> result) { ok = result.ok(); });
        [[maybe_unused]] const bool answered = QTest::qWaitFor([&ok] { return ok.has_value(); }, kTimeout);
        return ok.value_or(false) ? env.id : QString();
    }

    // The URL of alpha with some part replaced (a wrong secret, an unknown cloud, a closed port).
    QString alphaWith(const QString &before, const QString &after) const
    {
        QString text = m_alphaUrl;
        return text.replace(before, after);
    }

    static void pasteUrl(AddEnvironmentDialog &dialog, const QString &url)
    {
        child<QTabWidget>(&dialog, u"methodTabs"_s)->setCurrentIndex(1); // tab 0: Sign in with Cloudinary
        child<QLineEdit>(&dialog, u"urlEdit"_s)->setText(url);
    }

    static void clickAdd(AddEnvironmentDialog &dialog)
    {
        QPushButton *add = child<QPushButton>(&dialog, u"addButton"_s);
        QVERIFY(add && add->isEnabled());
        add->click();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // The happy paths write to the real keychain: only a private one (run-headless.sh) will do.
        STRATUS_REQUIRE_HEADLESS_SESSION();
        QString error;
        const QStringList arguments {
            u"--environment"_s,
            u"cloudinary://111111:%1@alpha?folder_mode=fixed&name=Alpha"_s.arg(kAlphaSecret),
            u"--environment"_s,
            u"cloudinary://222222:%1@beta?folder_mode=dynamic&name=Beta"_s.arg(kBetaSecret),
            u"--environment"_s,
            u"cloudinary://333333:%1@gamma?denied_apis=usage"_s.arg(kGammaSecret),
            u"--environment"_s,
            u"cloudinary://444444:%1@delta?denied_apis=ping,usage,config"_s.arg(kDeltaSecret),
            u"--account"_s,
            u"account://999:%1@acct1"_s.arg(kProvisioningSecret)};
        QVERIFY2(m_sandbox.start(arguments, 4, true, &error), qPrintable(error));
        m_alphaUrl = m_sandbox.cloudinaryUrls().at(0);
        m_betaUrl = m_sandbox.cloudinaryUrls().at(1);
        m_gammaUrl = m_sandbox.cloudinaryUrls().at(2);
        m_deltaUrl = m_sandbox.cloudinaryUrls().at(3);
        m_accountUrl = m_sandbox.accountUrl();
        if (!m_accountUrl.contains(u"upload_prefix="_s))
            m_accountUrl += u"?upload_prefix="_s + m_sandbox.baseUrl().toString(QUrl::RemovePath);
        QVERIFY(m_alphaUrl.contains(u"@alpha"_s));
    }

    void addsAPastedUrlAfterTestingIt()
    {
        Fixture fixture(keychain());
        AddEnvironmentDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.show();
        pasteUrl(dialog, m_alphaUrl);
        // The name defaults to the cloud name.
        QCOMPARE(child<QLineEdit>(&dialog, u"nameEdit"_s)->text(), u"alpha"_s);
        child<QLineEdit>(&dialog, u"accountLabelEdit"_s)->setText(u"Work"_s);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        clickAdd(dialog);
        QVERIFY(child<QProgressBar>(&dialog, u"busyIndicator"_s)->isVisible());
        QVERIFY2(accepted.wait(kTimeout), qPrintable(statusOf(&dialog)));

        const core::EnvironmentRecord *env = fixture.store->environmentByName(u"alpha"_s);
        QVERIFY(env);
        QCOMPARE(fixture.store->account(env->accountId)->label, u"Work"_s);
        QCOMPARE(env->folderMode, core::FolderMode::Fixed); // the test's result was stored
        QVERIFY(env->checkedAt.isValid());
        QCOMPARE(dialog.addedEnvironmentIds(), QStringList {env->id});
        // The secret is in the keychain, nowhere else, and the field no longer holds it.
        QVERIFY(hasSecret(*fixture.secrets, env->secretKey(), kAlphaSecret));
        QVERIFY(!fixture.settingsText().contains(kAlphaSecret.toUtf8()));
        QVERIFY(child<QLineEdit>(&dialog, u"urlEdit"_s)->text().isEmpty());
    }

    void addsFromKeysToAnExistingAccount()
    {
        Fixture fixture(keychain());
        const QString alphaId = addDirectly(fixture, u"Studio"_s, m_alphaUrl);
        QVERIFY(!alphaId.isEmpty());
        const QString accountId = fixture.store->environment(alphaId)->accountId;

        AddEnvironmentDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.setTargetAccount(accountId);
        dialog.show();
        child<QTabWidget>(&dialog, u"methodTabs"_s)->setCurrentIndex(2);
        child<QLineEdit>(&dialog, u"cloudNameEdit"_s)->setText(u"beta"_s);
        child<QLineEdit>(&dialog, u"apiKeyEdit"_s)->setText(u"222222"_s);
        auto *secret = child<QLineEdit>(&dialog, u"apiSecretEdit"_s);
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        secret->setText(kBetaSecret);
        child<QLineEdit>(&dialog, u"uploadPrefixEdit"_s)
            ->setText(m_sandbox.baseUrl().toString(QUrl::RemovePath));
        QCOMPARE(child<QComboBox>(&dialog, u"accountCombo"_s)->currentData().toString(), accountId);
        QVERIFY(!child<QLineEdit>(&dialog, u"accountLabelEdit"_s)->isEnabled());
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        clickAdd(dialog);
        QVERIFY2(accepted.wait(kTimeout), qPrintable(statusOf(&dialog)));

        const core::EnvironmentRecord *beta = fixture.store->environmentByName(u"beta"_s);
        QVERIFY(beta);
        QCOMPARE(beta->accountId, accountId);
        QCOMPARE(beta->folderMode, core::FolderMode::Dynamic);
        QCOMPARE(fixture.store->accounts().size(), 1);
        QVERIFY(hasSecret(*fixture.secrets, beta->secretKey(), kBetaSecret));
        QVERIFY(secret->text().isEmpty());
    }

    void addsTheEnvironmentsOfAnAccount()
    {
        Fixture fixture(keychain());
        AddEnvironmentDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.show();
        child<QTabWidget>(&dialog, u"methodTabs"_s)->setCurrentIndex(3);
        child<QLineEdit>(&dialog, u"accountUrlEdit"_s)->setText(m_accountUrl);
        child<QPushButton>(&dialog, u"listButton"_s)->click();
        auto *tree = child<QTreeWidget>(&dialog, u"subAccountTree"_s);
        QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItemCount(), 4, kTimeout);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(tree->topLevelItem(i)->checkState(0), Qt::Checked);
        QCOMPARE(tree->topLevelItem(0)->text(0), u"Alpha"_s); // the environment's name in the account
        QCOMPARE(tree->topLevelItem(0)->text(2), u"111111"_s); // the key the API gave
        tree->topLevelItem(2)->setCheckState(0, Qt::Unchecked);
        tree->topLevelItem(3)->setCheckState(0, Qt::Unchecked);

        QSignalSpy accepted(&dialog, &QDialog::accepted);
        clickAdd(dialog);
        QVERIFY2(accepted.wait(kTimeout), qPrintable(statusOf(&dialog)));

        QCOMPARE(fixture.store->accounts().size(), 1);
        const core::AccountRecord account = fixture.store->accounts().first();
        QCOMPARE(account.label, u"acct1"_s); // no label given: the account id
        QVERIFY(account.hasProvisioning);
        QVERIFY(hasSecret(*fixture.secrets, account.provisioningSecretKey(), kProvisioningSecret));
        const core::EnvironmentRecord *alpha = fixture.store->environmentByName(u"Alpha"_s);
        const core::EnvironmentRecord *beta = fixture.store->environmentByName(u"Beta"_s);
        QVERIFY(alpha && beta);
        QCOMPARE(alpha->folderMode, core::FolderMode::Fixed);
        QCOMPARE(beta->folderMode, core::FolderMode::Dynamic);
        QVERIFY(hasSecret(*fixture.secrets, alpha->secretKey(), kAlphaSecret));
        QVERIFY(hasSecret(*fixture.secrets, beta->secretKey(), kBetaSecret));
        // Each environment keeps the account's API host, so it reaches the same server.
        QVERIFY(alpha->url.uploadPrefix().startsWith(u"http://127.0.0.1:"_s));
        QVERIFY(!fixture.settingsText().contains(kProvisioningSecret.toUtf8()));
    }

    void nothingIsSavedWhenTheTestFails_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("keychainFailure"); // "", "all" or "write"
        QTest::addColumn<QString>("fault"); // switched on in the sandbox for alpha during the row
        QTest::addColumn<int>("proxyPort"); // non-zero: through an HTTP proxy on this port
        QTest::addColumn<QString>("expected");

        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const int closedPort = closed.serverPort();
        closed.close();
        const QString none;
        QTest::newRow("wrong secret") << alphaWith(kAlphaSecret, u"not-the-secret"_s) << none << none << 0
                                      << u"The API key or the API secret is wrong"_s;
        QTest::newRow("unknown cloud") << alphaWith(u"@alpha?"_s, u"@nosuchcloud?"_s) << none << none << 0
                                       << u"There is no cloud named “nosuchcloud”"_s;
        QTest::newRow("closed port") << alphaWith(QString::number(m_sandbox.baseUrl().port()),
                                                  QString::number(closedPort))
                                     << none << none << 0 << u"Cloudinary could not be reached"_s;
        QTest::newRow("proxy unreachable")
            << m_alphaUrl << none << none << closedPort << u"Check the proxy in Settings → Network"_s;
        QTest::newRow("rate limited")
            << m_alphaUrl << none << u"force_420"_s << 0 << u"used up its Admin API calls for now"_s;
        QTest::newRow("keychain unavailable")
            << m_alphaUrl << u"all"_s << none << 0 << u"keychain (Secret Service) is locked"_s;
        QTest::newRow("keychain refuses to write")
            << m_alphaUrl << u"write"_s << none << 0 << u"keychain (Secret Service) is locked"_s;
    }

    void nothingIsSavedWhenTheTestFails()
    {
        QFETCH(QString, url);
        QFETCH(QString, keychainFailure);
        QFETCH(QString, fault);
        QFETCH(int, proxyPort);
        QFETCH(QString, expected);

        QNetworkAccessManager proxied;
        proxied.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, u"127.0.0.1"_s, quint16(proxyPort)));
        if (!fault.isEmpty())
            QVERIFY(m_sandbox.control(u"faults"_s, u"alpha"_s, {{fault, u"true"_s}}));
        const auto resetFault = qScopeGuard([&] {
            if (!fault.isEmpty())
                m_sandbox.control(u"faults"_s, u"alpha"_s, {{fault, u"false"_s}});
        });

        auto memory = std::make_shared<core::MemorySecretStore>();
        const core::Error unavailable = core::keychainUnavailableError(u"the keyring is locked"_s);
        if (keychainFailure == u"all")
            memory->setFailure(unavailable);
        else if (keychainFailure == u"write")
            memory->setWriteFailure(unavailable);
        Fixture fixture(memory);
        AddEnvironmentDialog dialog(fixture.store.get(), proxyPort ? &proxied : m_sandbox.network());
        dialog.show();
        pasteUrl(dialog, url);
        clickAdd(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), kTimeout);

        QVERIFY2(statusOf(&dialog).contains(expected), qPrintable(statusOf(&dialog)));
        QVERIFY(dialog.isVisible());
        QVERIFY(fixture.store->accounts().isEmpty());
        QVERIFY(fixture.store->environments().isEmpty());
        QVERIFY(memory->entries().isEmpty());
        QVERIFY(!fixture.settingsText().contains("alpha"));
        QVERIFY(!child<QProgressBar>(&dialog, u"busyIndicator"_s)->isVisible());
        QVERIFY(child<QPushButton>(&dialog, u"addButton"_s)->isEnabled());
    }

    void aTakenNameIsRefusedBeforeTesting()
    {
        auto memory = std::make_shared<core::MemorySecretStore>();
        Fixture fixture(memory);
        QVERIFY(!addDirectly(fixture, u"Work"_s, m_alphaUrl).isEmpty());
        AddEnvironmentDialog dialog(fixture.store.get(), m_sandbox.network());
        pasteUrl(dialog, m_alphaUrl);
        clickAdd(dialog);
        QVERIFY(!dialog.isBusy());
        QVERIFY2(statusOf(&dialog).contains(u"exists already"_s), qPrintable(statusOf(&dialog)));
        QCOMPARE(fixture.store->environments().size(), 1);
    }

    void limitedKeysAreKeptWithWhatTheyMayNotDo()
    {
        // gamma may ping but not read the usage: it is added, and the refusal is remembered.
        Fixture fixture(std::make_shared<core::MemorySecretStore>());
        AddEnvironmentDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.show();
        pasteUrl(dialog, m_gammaUrl);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        clickAdd(dialog);
        QVERIFY2(accepted.wait(kTimeout), qPrintable(statusOf(&dialog)));
        const core::EnvironmentRecord *gamma = fixture.store->environmentByName(u"gamma"_s);
        QVERIFY(gamma);
        QVERIFY(gamma->deniedFeatures.contains(QString(core::Feature::Usage)));
        QVERIFY(gamma->deniedFeatures.value(QString(core::Feature::Usage)).contains(u"not permitted"_s));

        // The Accounts dialog says so in the server's words.
        AccountsDialog accounts(fixture.store.get(), m_sandbox.network());
        accounts.selectEnvironment(gamma->id);
        const QString details = child<QLabel>(&accounts, u"detailsLabel"_s)->text();
        QVERIFY2(details.contains(u"reading the plan and usage"_s), qPrintable(details));
        QVERIFY2(details.contains(u"not permitted to access usage"_s), qPrintable(details));
        QCOMPARE(child<QTreeWidget>(&accounts, u"accountTree"_s)->topLevelItem(0)->child(0)->text(3),
                 u"Limited access"_s);
    }

    void keysWithoutAdminAccessAreAddedOnlyWhenTheUserAgrees()
    {
        // delta may not even ping: the dialog explains, offers "Add Anyway", and saves only then.
        auto memory = std::make_shared<core::MemorySecretStore>();
        Fixture fixture(memory);
        AddEnvironmentDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.show();
        pasteUrl(dialog, m_deltaUrl);
        clickAdd(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), kTimeout);
        QVERIFY2(statusOf(&dialog).contains(u"Limited keys still work for what they may do"_s),
                 qPrintable(statusOf(&dialog)));
        QVERIFY(fixture.store->environments().isEmpty());
        auto *add = child<QPushButton>(&dialog, u"addButton"_s);
        QCOMPARE(add->text(), u"&Add Anyway"_s);

        QSignalSpy accepted(&dialog, &QDialog::accepted);
        add->click();
        QVERIFY2(accepted.wait(kTimeout), qPrintable(statusOf(&dialog)));
        const core::EnvironmentRecord *delta = fixture.store->environmentByName(u"delta"_s);
        QVERIFY(delta);
        QVERIFY(delta->deniedFeatures.value(QString(core::Feature::Admin)).contains(u"not permitted"_s));
        QCOMPARE(memory->entries().value(delta->secretKey()), kDeltaSecret);
    }

    void cancelStopsTheTestAndSavesNothing()
    {
        auto memory = std::make_shared<core::MemorySecretStore>();
        Fixture fixture(memory);
        QVERIFY(m_sandbox.control(u"faults"_s, u"alpha"_s, {{u"latency_ms"_s, u"1500"_s}}));
        AddEnvironmentDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.show();
        pasteUrl(dialog, m_alphaUrl);
        clickAdd(dialog);
        QVERIFY(dialog.isBusy());
        QVERIFY(child<QProgressBar>(&dialog, u"busyIndicator"_s)->isVisible());
        child<QDialogButtonBox>(&dialog, u"buttonBox"_s)->button(QDialogButtonBox::Cancel)->click();
        QTRY_VERIFY(!dialog.isBusy());
        QVERIFY(dialog.isVisible()); // the first Cancel stops the test, the dialog stays
        QVERIFY2(statusOf(&dialog).contains(u"cancelled"_s), qPrintable(statusOf(&dialog)));
        // The answer the test no longer waits for changes nothing when it comes.
        QVERIFY(m_sandbox.waitForEarlierAnswers(u"alpha"_s));
        QCoreApplication::processEvents();
        QVERIFY(fixture.store->environments().isEmpty());
        QVERIFY(memory->entries().isEmpty());
        QVERIFY(m_sandbox.control(u"faults"_s, u"alpha"_s, {{u"latency_ms"_s, u"0"_s}}));

        child<QDialogButtonBox>(&dialog, u"buttonBox"_s)->button(QDialogButtonBox::Cancel)->click();
        QVERIFY(!dialog.isVisible());
    }

    void listsAccountsAndEnvironments()
    {
        Fixture fixture(std::make_shared<core::MemorySecretStore>());
        const QString alphaId = addDirectly(fixture, u"Work"_s, m_alphaUrl);
        QVERIFY(!alphaId.isEmpty());
        AccountsDialog dialog(fixture.store.get(), m_sandbox.network());
        auto *tree = child<QTreeWidget>(&dialog, u"accountTree"_s);
        QCOMPARE(tree->topLevelItemCount(), 1);
        QTreeWidgetItem *account = tree->topLevelItem(0);
        QCOMPARE(account->text(0), u"Work"_s);
        QCOMPARE(account->text(3), u"Logged in"_s);
        QCOMPARE(account->childCount(), 1);
        QCOMPARE(account->child(0)->text(0), u"alpha"_s);
        QCOMPARE(account->child(0)->text(1), u"alpha"_s);
        QCOMPARE(account->child(0)->text(3), u"Not tested yet"_s);

        // Every action is a button with a keyboard shortcut.
        for (const QString &name : {u"addButton"_s, u"editButton"_s, u"testButton"_s, u"logOutButton"_s,
                                    u"logInButton"_s, u"removeButton"_s}) {
            auto *button = child<QPushButton>(&dialog, name);
            QVERIFY(button);
            QVERIFY2(!button->shortcut().isEmpty(), qPrintable(name));
            QVERIFY2(button->focusPolicy() & Qt::TabFocus, qPrintable(name));
        }
    }

    void testConnectionStoresWhatItLearnt()
    {
        Fixture fixture(keychain());
        const QString alphaId = addDirectly(fixture, u"Work"_s, m_alphaUrl);
        QVERIFY(!alphaId.isEmpty());
        QVERIFY(!fixture.store->environment(alphaId)->checkedAt.isValid());
        AccountsDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.show();
        dialog.selectEnvironment(alphaId);
        auto *test = child<QPushButton>(&dialog, u"testButton"_s);
        QVERIFY(test->isEnabled());
        test->click();
        QTRY_VERIFY_WITH_TIMEOUT(fixture.store->environment(alphaId)->checkedAt.isValid(), kTimeout);
        QCOMPARE(fixture.store->environment(alphaId)->folderMode, core::FolderMode::Fixed);
        QTRY_VERIFY(statusOf(&dialog).contains(u"works"_s));
        const QString details = child<QLabel>(&dialog, u"detailsLabel"_s)->text();
        QVERIFY2(details.contains(u"Folder mode: fixed"_s), qPrintable(details));
        QVERIFY2(details.contains(u"calls left this hour"_s), qPrintable(details)); // the Admin API budget
    }

    void logOutAndLogInAgain()
    {
        Fixture fixture(keychain());
        const QString alphaId = addDirectly(fixture, u"Work"_s, m_alphaUrl);
        QVERIFY(!alphaId.isEmpty());
        const QString accountId = fixture.store->environment(alphaId)->accountId;
        const QString secretKey = fixture.store->environment(alphaId)->secretKey();
        QVERIFY(hasSecret(*fixture.secrets, secretKey, kAlphaSecret));

        AccountsDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.show();
        dialog.selectAccount(accountId);
        auto *logOut = child<QPushButton>(&dialog, u"logOutButton"_s);
        auto *logIn = child<QPushButton>(&dialog, u"logInButton"_s);
        QVERIFY(logOut->isEnabled());
        QVERIFY(!logIn->isEnabled());

        // Cancel in the confirmation changes nothing.
        logOut->click();
        QMessageBox *box = confirmation(&dialog, u"confirmLogOut"_s);
        QVERIFY(box);
        QVERIFY(box->text().contains(u"Work"_s));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel)); // Enter does not log out
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!dialog.findChild<QMessageBox *>(u"confirmLogOut"_s));
        QVERIFY(fixture.store->account(accountId)->loggedIn);

        logOut->click();
        QVERIFY(confirm(&dialog, u"confirmLogOut"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!fixture.store->account(accountId)->loggedIn, kTimeout);
        QVERIFY(secretIsGone(*fixture.secrets, secretKey));
        auto *tree = child<QTreeWidget>(&dialog, u"accountTree"_s);
        QTRY_COMPARE(tree->topLevelItem(0)->text(3), u"Logged out"_s);
        QTRY_VERIFY(logIn->isEnabled());
        QVERIFY(!logOut->isEnabled());
        QVERIFY(!child<QPushButton>(&dialog, u"testButton"_s)->isEnabled());

        // A wrong secret is refused and nothing is stored.
        logIn->click();
        LogInDialog *login = nullptr;
        QTRY_VERIFY((login = dialog.findChild<LogInDialog *>()));
        auto *field = child<QLineEdit>(login, u"secretEdit_alpha"_s);
        QCOMPARE(field->echoMode(), QLineEdit::Password);
        field->setText(u"wrong"_s);
        child<QPushButton>(login, u"logInButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!login->isBusy(), kTimeout);
        QVERIFY2(statusOf(login).contains(u"The API key or the API secret is wrong"_s),
                 qPrintable(statusOf(login)));
        QVERIFY(!fixture.store->account(accountId)->loggedIn);
        QVERIFY(secretIsGone(*fixture.secrets, secretKey));

        field->setText(kAlphaSecret);
        QSignalSpy accepted(login, &QDialog::accepted);
        std::optional<QString> fieldAtClose; // the dialog deletes itself once closed
        connect(login, &QDialog::finished, this, [&fieldAtClose, field] { fieldAtClose = field->text(); });
        child<QPushButton>(login, u"logInButton"_s)->click();
        QVERIFY2(accepted.wait(kTimeout), qPrintable(statusOf(login)));
        QVERIFY(fixture.store->account(accountId)->loggedIn);
        QVERIFY(hasSecret(*fixture.secrets, secretKey, kAlphaSecret));
        QCOMPARE(fieldAtClose, QString());
        QTRY_COMPARE(tree->topLevelItem(0)->text(3), u"Logged in"_s);
    }

    void aLockedKeychainKeepsTheAccountLoggedIn()
    {
        auto memory = std::make_shared<core::MemorySecretStore>();
        Fixture fixture(memory);
        const QString alphaId = addDirectly(fixture, u"Work"_s, m_alphaUrl);
        const QString accountId = fixture.store->environment(alphaId)->accountId;
        memory->setFailure(core::keychainUnavailableError(u"locked"_s));
        AccountsDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.show();
        dialog.selectAccount(accountId);
        child<QPushButton>(&dialog, u"logOutButton"_s)->click();
        QVERIFY(confirm(&dialog, u"confirmLogOut"_s));
        QTRY_VERIFY(statusOf(&dialog).contains(u"keychain (Secret Service) is locked"_s));
        QVERIFY(fixture.store->account(accountId)->loggedIn);
    }

    void removeAnEnvironment()
    {
        Fixture fixture(keychain());
        const QString alphaId = addDirectly(fixture, u"Work"_s, m_alphaUrl);
        QVERIFY(!alphaId.isEmpty());
        const QString secretKey = fixture.store->environment(alphaId)->secretKey();
        AccountsDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.show();
        dialog.selectEnvironment(alphaId);
        child<QPushButton>(&dialog, u"removeButton"_s)->click();
        QVERIFY(confirm(&dialog, u"confirmRemove"_s));
        QTRY_VERIFY_WITH_TIMEOUT(fixture.store->environments().isEmpty(), kTimeout);
        QVERIFY(fixture.store->accounts().isEmpty()); // it was the account's only environment
        QVERIFY(secretIsGone(*fixture.secrets, secretKey));
        QTRY_COMPARE(child<QTreeWidget>(&dialog, u"accountTree"_s)->topLevelItemCount(), 0);
    }

    void renameInlineWithTheKeyboard()
    {
        Fixture fixture(std::make_shared<core::MemorySecretStore>());
        const QString alphaId = addDirectly(fixture, u"Work"_s, m_alphaUrl);
        const QString betaId = addDirectly(fixture, u"Home"_s, m_betaUrl);
        const QString accountId = fixture.store->environment(alphaId)->accountId;
        AccountsDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        auto *tree = child<QTreeWidget>(&dialog, u"accountTree"_s);

        dialog.selectAccount(accountId);
        QTest::keyClick(tree, Qt::Key_F2);
        QPointer<QLineEdit> editor; // the view deletes its editors later
        QTRY_VERIFY((editor = tree->viewport()->findChild<QLineEdit *>()));
        editor->selectAll();
        QTest::keyClicks(editor, u"Agency"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(fixture.store->account(accountId)->label, u"Agency"_s);
        QTRY_VERIFY(editor.isNull());

        // A name another environment has is refused with the store's reason, and shown as it was.
        dialog.selectEnvironment(betaId);
        child<QPushButton>(&dialog, u"editButton"_s)->click();
        QTRY_VERIFY((editor = tree->viewport()->findChild<QLineEdit *>()));
        editor->setText(u"alpha"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(statusOf(&dialog).contains(u"exists already"_s));
        QCOMPARE(fixture.store->environment(betaId)->name, u"beta"_s);
        QTRY_VERIFY(dialog.findChild<QTreeWidget *>()
                        ->findItems(u"beta"_s, Qt::MatchExactly | Qt::MatchRecursive)
                        .size()
                    == 1);
    }

    void damagedSettingsAreShownAndKept()
    {
        Fixture fixture(std::make_shared<core::MemorySecretStore>());
        QVERIFY(loadSettings(fixture,
                             {{u"version"_s, 1},
                              {u"accounts/1/id"_s, u"acc-work"_s},
                              {u"accounts/1/label"_s, u"Work"_s},
                              {u"accounts/size"_s, 1},
                              {u"environments/1/id"_s, u"env-good"_s},
                              {u"environments/1/account"_s, u"acc-work"_s},
                              {u"environments/1/name"_s, u"good"_s},
                              {u"environments/1/url"_s, u"cloudinary://111111@alpha"_s},
                              {u"environments/2/id"_s, u"env-broken"_s},
                              {u"environments/2/account"_s, u"acc-work"_s},
                              {u"environments/2/name"_s, u"Broken one"_s},
                              {u"environments/2/url"_s, u"https://example.com"_s},
                              {u"environments/size"_s, 2}}));
        AccountsDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *problems = child<QLabel>(&dialog, u"problemsLabel"_s);
        QVERIFY(problems);
        QVERIFY(problems->isVisible());
        // Which entry, why, and that it is kept; in words, not keys.
        QVERIFY2(problems->text().contains(u"Broken one"_s), qPrintable(problems->text()));
        QVERIFY2(problems->text().contains(u"CLOUDINARY_URL"_s), qPrintable(problems->text()));
        // What is wrong with its URL, in ErrorWords' words (before: "It has no CLOUDINARY_URL.").
        QVERIFY2(problems->text().contains(u"cannot be read"_s)
                     && problems->text().contains(u"must begin with cloudinary://"_s),
                 qPrintable(problems->text()));
        QVERIFY2(problems->text().contains(u"unchanged"_s), qPrintable(problems->text()));
        QVERIFY2(problems->text().contains(fixture.store->layout().settingsFile.toHtmlEscaped()),
                 qPrintable(problems->text()));
        auto *tree = child<QTreeWidget>(&dialog, u"accountTree"_s);
        QCOMPARE(tree->topLevelItem(0)->childCount(), 1);

        // A change in the dialog keeps the damaged entry in the file.
        dialog.selectEnvironment(u"env-good"_s);
        QVERIFY(fixture.store->renameEnvironment(u"env-good"_s, u"better"_s));
        QVERIFY(fixture.settingsText().contains("Broken one"));
        QVERIFY(fixture.settingsText().contains("https://example.com"));
        QTRY_VERIFY(problems->text().contains(u"Broken one"_s));
    }

    void plainHttpToAnotherComputerNeedsAnExplicitTick()
    {
        Fixture fixture(std::make_shared<core::MemorySecretStore>());
        AddEnvironmentDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *tick = child<QCheckBox>(&dialog, u"insecureTransportCheck"_s);
        auto *warning = child<QLabel>(&dialog, u"insecureTransportWarning"_s);
        QVERIFY(tick && warning);

        // Loopback (the sandbox) and https need no tick.
        pasteUrl(dialog, m_alphaUrl);
        QVERIFY(!tick->isVisible());
        pasteUrl(dialog,
                 u"cloudinary://111111:%1@alpha?upload_prefix=https://api.example.test"_s.arg(kAlphaSecret));
        QVERIFY(!tick->isVisible());

        // Another computer over plain http: a warning in words, a tick that is not ticked, and Add
        // refuses until it is.
        pasteUrl(dialog,
                 u"cloudinary://111111:%1@alpha?upload_prefix=http://api.stratus-test.invalid"_s.arg(
                     kAlphaSecret));
        QVERIFY(tick->isVisible());
        QVERIFY(!tick->isChecked());
        QVERIFY(warning->isVisible());
        QVERIFY2(warning->text().contains(u"unencrypted"_s)
                     && warning->text().contains(u"api.stratus-test.invalid"_s),
                 qPrintable(warning->text()));
        clickAdd(dialog);
        QVERIFY(!dialog.isBusy());
        QVERIFY2(statusOf(&dialog).contains(u"unencrypted"_s), qPrintable(statusOf(&dialog)));
        QVERIFY(fixture.store->environments().isEmpty());

        // The same from the keys page.
        child<QTabWidget>(&dialog, u"methodTabs"_s)->setCurrentIndex(2);
        child<QLineEdit>(&dialog, u"cloudNameEdit"_s)->setText(u"alpha"_s);
        child<QLineEdit>(&dialog, u"apiKeyEdit"_s)->setText(u"111111"_s);
        child<QLineEdit>(&dialog, u"apiSecretEdit"_s)->setText(kAlphaSecret);
        child<QLineEdit>(&dialog, u"uploadPrefixEdit"_s)->setText(u"http://api.stratus-test.invalid"_s);
        QVERIFY(tick->isVisible());

        // Ticked, the test runs (and here fails: no such host), which is no longer the refusal.
        tick->setChecked(true);
        clickAdd(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), kTimeout);
        QVERIFY2(!statusOf(&dialog).contains(u"unencrypted"_s), qPrintable(statusOf(&dialog)));
        QVERIFY(fixture.store->environments().isEmpty());
    }

    void theAccountsDialogShowsAndChangesTheAllowance()
    {
        Fixture fixture(std::make_shared<core::MemorySecretStore>());
        core::AccountRecord account;
        account.label = u"Intranet"_s;
        core::EnvironmentRecord env;
        env.id = core::AccountStore::newId();
        env.name = u"plain"_s;
        env.url = *core::CloudinaryUrl::parse(
            u"cloudinary://111111@alpha?upload_prefix=http://api.stratus-test.invalid"_s);
        env.allowInsecureTransport = true;
        std::optional<bool> ok;
        fixture.store->addAccount(account, {{env, kAlphaSecret}}, {}, fixture.store.get(),
                                  [&ok](core::Result<core::Done> result) { ok = result.ok(); });
        QTRY_VERIFY(ok.has_value());
        QVERIFY(*ok);

        AccountsDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.selectEnvironment(env.id);
        auto *tree = child<QTreeWidget>(&dialog, u"accountTree"_s);
        QCOMPARE(tree->topLevelItem(0)->child(0)->text(3), u"Unencrypted"_s);
        QVERIFY(child<QLabel>(&dialog, u"detailsLabel"_s)->text().contains(u"api.stratus-test.invalid"_s));
        auto *allow = child<QCheckBox>(&dialog, u"allowInsecureCheck"_s);
        QVERIFY(allow->isVisible());
        QVERIFY(allow->isChecked());

        // Taken back: stored, and the environment is refused until it is allowed again.
        allow->click();
        QVERIFY(!fixture.store->environment(env.id)->allowInsecureTransport);
        QTRY_COMPARE(tree->topLevelItem(0)->child(0)->text(3), u"Refused: unencrypted"_s);
        QVERIFY2(child<QLabel>(&dialog, u"detailsLabel"_s)->text().contains(u"refused"_s),
                 qPrintable(child<QLabel>(&dialog, u"detailsLabel"_s)->text()));
        child<QPushButton>(&dialog, u"testButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(&dialog).contains(u"unencrypted"_s), kTimeout);

        // Another environment, on https, shows no such tick.
        const QString safeId = addDirectly(fixture, u"Work"_s, m_alphaUrl);
        QTRY_COMPARE(tree->topLevelItemCount(), 2);
        dialog.selectEnvironment(safeId);
        QVERIFY(!allow->isVisible());
    }

    void unsafeNamesAreRefusedInTheDialogs()
    {
        Fixture fixture(std::make_shared<core::MemorySecretStore>());
        AddEnvironmentDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.show();
        pasteUrl(dialog, m_alphaUrl);
        for (const QString &name : {u"alpha\u202Egpj.exe"_s, u"right\u200F"_s, u"del\u007F"_s}) {
            child<QLineEdit>(&dialog, u"nameEdit"_s)->setText(name);
            clickAdd(dialog);
            QVERIFY(!dialog.isBusy());
            QVERIFY2(statusOf(&dialog).contains(u"control characters"_s), qPrintable(statusOf(&dialog)));
        }
        child<QLineEdit>(&dialog, u"nameEdit"_s)->setText(u"alpha"_s);
        child<QLineEdit>(&dialog, u"accountLabelEdit"_s)->setText(u"Work\u2066"_s);
        clickAdd(dialog);
        QVERIFY(!dialog.isBusy());
        QVERIFY2(statusOf(&dialog).contains(u"control characters"_s), qPrintable(statusOf(&dialog)));
        QVERIFY(fixture.store->environments().isEmpty());

        // Renaming in the Accounts dialog: refused with the same words, the name stays.
        const QString alphaId = addDirectly(fixture, u"Work"_s, m_alphaUrl);
        AccountsDialog accounts(fixture.store.get(), m_sandbox.network());
        accounts.show();
        QVERIFY(QTest::qWaitForWindowActive(&accounts));
        auto *tree = child<QTreeWidget>(&accounts, u"accountTree"_s);
        accounts.selectEnvironment(alphaId);
        child<QPushButton>(&accounts, u"editButton"_s)->click();
        QPointer<QLineEdit> editor;
        QTRY_VERIFY((editor = tree->viewport()->findChild<QLineEdit *>()));
        editor->setText(u"alpha\u202Ex"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY2(statusOf(&accounts).contains(u"control characters"_s), qPrintable(statusOf(&accounts)));
        QCOMPARE(fixture.store->environment(alphaId)->name, u"alpha"_s);
    }

    void storedUnsafeNamesAreShownEscaped()
    {
        Fixture fixture(std::make_shared<core::MemorySecretStore>());
        QVERIFY(loadSettings(fixture,
                             {{u"version"_s, 1},
                              {u"accounts/1/id"_s, u"acc-work"_s},
                              {u"accounts/1/label"_s, u"Wo\trk"_s},
                              {u"accounts/size"_s, 1},
                              {u"environments/1/id"_s, u"env-1"_s},
                              {u"environments/1/account"_s, u"acc-work"_s},
                              {u"environments/1/name"_s, u"prod\u202Eexe.txt"_s},
                              {u"environments/1/url"_s, u"cloudinary://111111@alpha"_s},
                              {u"environments/size"_s, 1}}));
        AccountsDialog dialog(fixture.store.get(), m_sandbox.network());
        auto *tree = child<QTreeWidget>(&dialog, u"accountTree"_s);
        const QString account = tree->topLevelItem(0)->text(0);
        const QString environment = tree->topLevelItem(0)->child(0)->text(0);
        QCOMPARE(account, u"Wo\\trk"_s);
        QCOMPARE(environment, u"prod\\u202Eexe.txt"_s);
        dialog.selectEnvironment(u"env-1"_s);
        const QString details = child<QLabel>(&dialog, u"detailsLabel"_s)->text();
        QVERIFY2(!details.contains(QChar(0x202E)), qPrintable(details));
    }

    void theLocalSandboxCannotBeLoggedOutOrRemoved()
    {
        Fixture fixture(std::make_shared<core::MemorySecretStore>());
        core::AccountRecord account;
        account.label = u"Local sandbox"_s;
        account.embeddedSandbox = true;
        core::EnvironmentRecord env;
        env.id = core::AccountStore::newId();
        env.name = u"Local sandbox"_s;
        env.url = *core::CloudinaryUrl::parse(u"cloudinary://111111@alpha"_s);
        env.embeddedSandbox = true;
        std::optional<bool> ok;
        fixture.store->addAccount(account, {{env, QString()}}, {}, fixture.store.get(),
                                  [&ok](core::Result<core::Done> result) { ok = result.ok(); });
        QTRY_VERIFY(ok.has_value());
        QVERIFY(*ok);
        // The app starts the sandbox and tells the store where it listens.
        const auto url = core::CloudinaryUrl::parse(m_alphaUrl);
        fixture.store->setRuntimeEnvironment(env.id, *url,
                                             std::make_shared<core::FixedSecret>(url->apiSecret()));

        AccountsDialog dialog(fixture.store.get(), m_sandbox.network());
        dialog.show();
        auto *tree = child<QTreeWidget>(&dialog, u"accountTree"_s);
        QTRY_COMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->child(0)->text(1), u"Local sandbox (on this computer)"_s);
        auto *logOut = child<QPushButton>(&dialog, u"logOutButton"_s);
        auto *remove = child<QPushButton>(&dialog, u"removeButton"_s);
        for (const bool selectEnvironment : {false, true}) {
            if (selectEnvironment)
                dialog.selectEnvironment(env.id);
            else
                dialog.selectAccount(fixture.store->accounts().first().id);
            QVERIFY(!logOut->isEnabled());
            QVERIFY(!remove->isEnabled());
            QVERIFY2(logOut->toolTip().contains(u"local sandbox"_s), qPrintable(logOut->toolTip()));
            QVERIFY2(remove->toolTip().contains(u"cannot be removed"_s), qPrintable(remove->toolTip()));
        }
        // It can be tested like any environment, at the address it has in this run.
        auto *test = child<QPushButton>(&dialog, u"testButton"_s);
        QVERIFY(test->isEnabled());
        test->click();
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(&dialog).contains(u"works"_s), kTimeout);
        QVERIFY(fixture.store->environment(env.id)->checkedAt.isValid());
    }
};

QTEST_MAIN(TestAccountsDialog)
#include "tst_accountsdialog.moc"
