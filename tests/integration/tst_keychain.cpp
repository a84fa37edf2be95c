// KeychainSecretStore and AccountStore against the REAL Secret Service: under tests/run-headless.sh
// that is a private gnome-keyring, reached over D-Bus by QtKeychain through libsecret. What a person
// relies on: a secret written can be read back, an overwrite replaces it, a removal really removes
// it, and logging out leaves no entry of the account behind (checked with secret-tool, the way
// someone would look).
#include "../headlesssession.h"

#include "core/accounts/accountstore.h"
#include "core/accounts/keychainsecretstore.h"
#include "core/net/neterror.h"
#include "core/net/secretsource.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace stratus::core;

namespace {

template<typename T, typename Start> Result<T> await(Start start)
{
    QObject context;
    std::optional<Result<T>> answer;
    start(&context, [&answer](Result<T> result) { answer.emplace(std::move(result)); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 20000))
        return makeError(Error::Kind::Internal, u"the keychain did not answer in 20 s"_s);
    return *answer;
}

QString messageOf(const Result<QString> &result)
{
    return result.ok() ? QString() : result.error().message;
}

QString messageOf(const Result<Done> &result)
{
    return result.ok() ? QString() : result.error().message;
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private:
    // Services of its own, so that the test never sees or touches Stratus's real entries; the
    // AccountStore gets one to itself, so that its keys can be counted exactly.
    const QString m_service = u"StratusTest-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString m_accountService = m_service + u"-accounts"_s;
    std::shared_ptr<KeychainSecretStore> m_store = std::make_shared<KeychainSecretStore>(m_service);
    std::shared_ptr<KeychainSecretStore> m_accountStore
        = std::make_shared<KeychainSecretStore>(m_accountService);
    QStringList m_written;

    Result<Done> write(const QString &key, const QString &secret)
    {
        m_written.append(key);
        return await<Done>(
            [&](QObject *c, SecretStore::DoneCallback d) { m_store->write(key, secret, c, d); });
    }
    Result<QString> read(const QString &key)
    {
        return await<QString>([&](QObject *c, SecretStore::ReadCallback d) { m_store->read(key, c, d); });
    }
    Result<Done> remove(const QString &key, const std::shared_ptr<KeychainSecretStore> &store = {})
    {
        const auto &from = store ? store : m_store;
        return await<Done>([&](QObject *c, SecretStore::DoneCallback d) { from->remove(key, c, d); });
    }

    // The keys of `service` that the Secret Service holds, as `secret-tool` lists them.
    QStringList keysInTheKeyring(const QString &service)
    {
        QProcess tool;
        tool.start(u"secret-tool"_s,
                   {u"search"_s, u"--all"_s, u"xdg:schema"_s, u"org.qt.keychain"_s, u"server"_s, service});
        if (!tool.waitForFinished(20000))
            return {u"<secret-tool did not finish>"_s};
        QStringList keys;
        // secret-tool prints attributes on stdout or stderr depending on its version.
        const QString listing = QString::fromUtf8(tool.readAllStandardOutput() + tool.readAllStandardError());
        for (const QString &line : listing.split(u'\n')) {
            if (line.startsWith(u"attribute.user = "_s))
                keys.append(line.mid(17).trimmed());
        }
        keys.sort();
        return keys;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        STRATUS_REQUIRE_HEADLESS_SESSION();
        if (QStandardPaths::findExecutable(u"secret-tool"_s).isEmpty())
            QFAIL("secret-tool (package libsecret-tools) is missing");
    }

    void cleanupTestCase()
    {
        for (const QString &key : std::as_const(m_written)) {
            (void)remove(key);
            (void)remove(key, m_accountStore);
        }
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::newRow("cloudinary-like") << u"aB3dE5fG7hI9jK1lM3nO5pQ7rS9"_s;
        QTest::newRow("non-ascii and symbols") << u"ünïcødé €/+=:@%20 \"quoted\""_s;
        QTest::newRow("long") << QString(4096, u'x');
    }

    void roundTrip()
    {
        QFETCH(QString, secret);
        const QString key = u"environment/round-trip-"_s + QString::fromLatin1(QTest::currentDataTag());
        const auto written = write(key, secret);
        QVERIFY2(written, qPrintable(messageOf(written)));
        const auto back = read(key);
        QVERIFY2(back, qPrintable(messageOf(back)));
        QCOMPARE(back.value(), secret);
        QVERIFY(keysInTheKeyring(m_service).contains(key));
    }

    void overwriteReplaces()
    {
        const QString key = u"environment/overwrite"_s;
        QVERIFY(write(key, u"first-secret"_s));
        QVERIFY(write(key, u"second-secret"_s));
        const auto back = read(key);
        QVERIFY2(back, qPrintable(messageOf(back)));
        QCOMPARE(back.value(), u"second-secret"_s);
        QCOMPARE(keysInTheKeyring(m_service).count(key), 1); // replaced, not added next to it
    }

    void removalRemoves()
    {
        const QString key = u"environment/removal"_s;
        QVERIFY(write(key, u"to-be-removed"_s));
        const auto removed = remove(key);
        QVERIFY2(removed, qPrintable(messageOf(removed)));
        const auto back = read(key);
        QVERIFY(!back);
        QCOMPARE(back.error().kind, Error::Kind::NotFound);
        QVERIFY(!keysInTheKeyring(m_service).contains(key));
        // Removing what is not there is no error (log out twice, a half-finished removal retried).
        const auto again = remove(key);
        QVERIFY2(again, qPrintable(messageOf(again)));
    }

    void missingIsNotFound()
    {
        const auto back = read(u"environment/never-written"_s);
        QVERIFY(!back);
        QCOMPARE(back.error().kind, Error::Kind::NotFound);
    }

    void logOutRemovesEveryKey()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        StorageLayout paths;
        paths.settingsFile = dir.filePath(u"config/accounts.ini"_s);
        paths.dataRoot = dir.filePath(u"data"_s);
        paths.cacheRoot = dir.filePath(u"cache"_s);
        AccountStore store(m_accountStore, paths);
        QVERIFY(store.load());

        AccountRecord account;
        account.id = u"acc-keychain"_s;
        account.label = u"Keychain test"_s;
        account.hasProvisioning = true;
        account.provisioningUrl = CloudinaryUrl::parse(u"account://PKEY:PSECRET@acc"_s).value();
        QList<std::pair<EnvironmentRecord, QString>> environments;
        for (const QString &name : {u"one"_s, u"two"_s}) {
            EnvironmentRecord env;
            env.id = u"env-"_s + name;
            env.name = name;
            env.url = CloudinaryUrl::parse(QString(u"cloudinary://1234@cloud-"_s + name)).value();
            environments.append({env, u"secret-of-"_s + name});
        }
        m_written << u"environment/env-one"_s << u"environment/env-two"_s << account.provisioningSecretKey();
        const auto added = await<Done>([&](QObject *c, AccountStore::DoneCallback d) {
            store.addAccount(account, environments, u"provisioning-secret"_s, c, d);
        });
        QVERIFY2(added, qPrintable(messageOf(added)));
        const QStringList expected {u"account/acc-keychain/provisioning"_s, u"environment/env-one"_s,
                                    u"environment/env-two"_s};
        QCOMPARE(keysInTheKeyring(m_accountService), expected);
        QCOMPARE(store.secretKeys().size(), 3);
        const auto viaSource = await<QString>(
            [&](QObject *c, SecretSource::Callback d) { store.secretSource(u"env-two"_s)->fetch(c, d); });
        QVERIFY2(viaSource, qPrintable(messageOf(viaSource)));
        QCOMPARE(viaSource.value(), u"secret-of-two"_s);

        const auto loggedOut
            = await<Done>([&](QObject *c, AccountStore::DoneCallback d) { store.logOut(account.id, c, d); });
        QVERIFY2(loggedOut, qPrintable(messageOf(loggedOut)));
        QCOMPARE(keysInTheKeyring(m_accountService), QStringList {});
        for (const QString &key : expected) {
            const auto back = await<QString>(
                [&](QObject *c, SecretStore::ReadCallback d) { m_accountStore->read(key, c, d); });
            QVERIFY2(!back, qPrintable(key));
            QCOMPARE(back.error().kind, Error::Kind::NotFound);
        }
        QVERIFY(store.secretKeys().isEmpty());
        const auto afterwards = await<QString>(
            [&](QObject *c, SecretSource::Callback d) { store.secretSource(u"env-one"_s)->fetch(c, d); });
        QVERIFY(!afterwards);
        QCOMPARE(afterwards.error().kind, Error::Kind::Auth);

        // Logging in writes them again; removing the account takes them all out again.
        const auto loggedIn = await<Done>([&](QObject *c, AccountStore::DoneCallback d) {
            store.logIn(account.id, {{u"env-one"_s, u"again-one"_s}, {u"env-two"_s, u"again-two"_s}},
                        u"again-provisioning"_s, c, d);
        });
        QVERIFY2(loggedIn, qPrintable(messageOf(loggedIn)));
        QCOMPARE(keysInTheKeyring(m_accountService), expected);
        const auto removed = await<Done>(
            [&](QObject *c, AccountStore::DoneCallback d) { store.removeAccount(account.id, c, d); });
        QVERIFY2(removed, qPrintable(messageOf(removed)));
        QCOMPARE(keysInTheKeyring(m_accountService), QStringList {});
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
