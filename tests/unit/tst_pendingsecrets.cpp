// While the keychain is still thinking (a locked keyring asking for its password, a slow Secret
// Service): MemorySecretStore holds its calls until released, or answers after a delay, and the code
// that waits for a secret must cope — a job cancelled or destroyed before the secret comes sends
// nothing and finishes once; changes to accounts made while another call is pending are all kept;
// a caller that goes away never leaves a secret in the keychain that the index does not list.
#include "core/accounts/accountstore.h"
#include "core/accounts/apicontextfor.h"
#include "core/accounts/secretstore.h"
#include "core/api/adminapi.h"
#include "core/net/neterror.h"
#include "core/net/secretsource.h"
#include "core/storage/storagelayout.h"

#include "fakenetwork.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace stratus::core;
using stratus::test::FakeNetwork;

namespace {

EnvironmentRecord environment(const QString &name, const QString &id)
{
    EnvironmentRecord env;
    env.id = id;
    env.name = name;
    env.url = CloudinaryUrl::parse(
                  u"cloudinary://123456789@%1?upload_prefix=https://api.example.test"_s.arg(name))
                  .value();
    return env;
}

AccountRecord account(const QString &label, const QString &id)
{
    AccountRecord record;
    record.id = id;
    record.label = label;
    return record;
}

// An answer to a store call, and how many times it came.
template<typename T> struct Answer
{
    std::optional<Result<T>> result;
    int count = 0;

    std::function<void(Result<T>)> callback()
    {
        return [this](Result<T> answer) {
            ++count;
            result.emplace(std::move(answer));
        };
    }
};

} // namespace

class TestPendingSecrets : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    StorageLayout paths() const { return StorageLayout::under(m_dir->path()); }

    // Adds account `label` with one environment `name` (secret "SECRET-<name>"), the keychain
    // answering at once.
    static bool addNow(AccountStore &store, const QString &label, const QString &name)
    {
        Answer<Done> added;
        QObject context;
        store.addAccount(account(label, u"acc-"_s + name),
                         {{environment(name, u"env-"_s + name), u"SECRET-"_s + name}}, QString(), &context,
                         added.callback());
        return QTest::qWaitFor([&] { return added.count > 0; }, 5000) && added.count == 1
            && added.result->ok();
    }

    // The environment names the file holds, as a second AccountStore reads it.
    QStringList namesInTheFile() const
    {
        AccountStore reader(std::make_shared<MemorySecretStore>(), paths());
        if (!reader.load())
            return {u"<unreadable>"_s};
        QStringList names;
        for (const EnvironmentRecord &env : reader.environments())
            names.append(env.name);
        names.sort();
        return names;
    }

    // The keychain keys the file's index lists.
    QStringList indexInTheFile() const
    {
        AccountStore reader(std::make_shared<MemorySecretStore>(), paths());
        if (!reader.load())
            return {u"<unreadable>"_s};
        QStringList keys = reader.secretKeys();
        keys.sort();
        return keys;
    }

    // A ping of environment "prod" (account "Work", acc-prod) that waits for its secret: started,
    // with the keychain holding the read.
    struct WaitingPing
    {
        std::shared_ptr<MemorySecretStore> secrets = std::make_shared<MemorySecretStore>();
        std::unique_ptr<AccountStore> store;
        FakeNetwork network;
        QPointer<ApiCall<ApiMessage>> call;
        std::unique_ptr<QSignalSpy> finished;

        ~WaitingPing() { delete call.data(); }
    };
    bool startWaitingPing(WaitingPing &ping) const
    {
        ping.store = std::make_unique<AccountStore>(ping.secrets, paths());
        if (!ping.store->load() || !addNow(*ping.store, u"Work"_s, u"prod"_s))
            return false;
        ping.secrets->setHolding(true);
        auto context = apiContextFor(ping.store->effectiveUrl(u"env-prod"_s),
                                     ping.store->secretSource(u"env-prod"_s), &ping.network);
        if (!context)
            return false;
        ping.call = AdminApi(*context).ping(nullptr);
        ping.finished = std::make_unique<QSignalSpy>(ping.call.data(), &Job::finished);
        ping.call->start();
        return QTest::qWaitFor([&ping] { return ping.secrets->heldCount() == 1; }, 5000)
            && !ping.call->isFinished();
    }

    static QStringList keysIn(const MemorySecretStore &secrets)
    {
        QStringList keys = secrets.entries().keys();
        keys.sort();
        return keys;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    // The fake itself: held calls wait for release(), in order, and do their work then; a caller
    // that is gone by then gets no answer, but what it asked for is done, as by a real keychain.
    void heldCallsWaitForRelease()
    {
        MemorySecretStore secrets;
        secrets.setHolding(true);
        QObject context;
        Answer<Done> written;
        Answer<QString> read;
        secrets.write(u"k"_s, u"v"_s, &context, written.callback());
        secrets.read(u"k"_s, &context, read.callback());
        QCoreApplication::processEvents();
        QCOMPARE(written.count, 0);
        QCOMPARE(read.count, 0);
        QCOMPARE(secrets.heldCount(), 2);
        QVERIFY(secrets.entries().isEmpty()); // not written until answered

        QCOMPARE(secrets.release(1), 1);
        QCOMPARE(written.count, 1);
        QCOMPARE(read.count, 0);
        QCOMPARE(secrets.entries().value(u"k"_s), u"v"_s);
        QCOMPARE(secrets.release(), 1);
        QCOMPARE(read.count, 1);
        QCOMPARE(read.result->value(), u"v"_s);

        Answer<Done> orphaned;
        {
            QObject gone;
            secrets.remove(u"k"_s, &gone, orphaned.callback());
        }
        QCOMPARE(secrets.release(), 1);
        QCOMPARE(orphaned.count, 0);
        QVERIFY(secrets.entries().isEmpty());

        // Calls made after holding stops are answered at once again.
        secrets.setHolding(false);
        Answer<QString> direct;
        secrets.read(u"k"_s, &context, direct.callback());
        QCOMPARE(direct.count, 1);
        QCOMPARE(direct.result->error().kind, Error::Kind::NotFound);
    }

    void delayedCallsAnswerFromTheEventLoop()
    {
        auto secrets = std::make_unique<MemorySecretStore>();
        secrets->setDelay(20);
        QObject context;
        Answer<Done> written;
        secrets->write(u"k"_s, u"v"_s, &context, written.callback());
        QCOMPARE(written.count, 0); // not inside the call
        QTRY_COMPARE(written.count, 1);
        QCOMPARE(secrets->entries().value(u"k"_s), u"v"_s);

        // A store destroyed before its delayed answers drops them: nothing comes afterwards, not
        // even once another store's answer, asked for later with the same delay, has come.
        Answer<QString> read;
        secrets->read(u"k"_s, &context, read.callback());
        secrets.reset();
        MemorySecretStore other;
        other.setDelay(20);
        Answer<QString> barrier;
        other.read(u"k"_s, &context, barrier.callback());
        QTRY_COMPARE(barrier.count, 1);
        QCOMPARE(read.count, 0);
    }

    // A job waiting for its secret is stopped: it finishes once, cancelled, and sends nothing, not
    // even when the keychain answers afterwards; a job destroyed meanwhile is not called back.
    void jobStoppedWhileTheKeychainThinks_data()
    {
        QTest::addColumn<bool>("destroy");
        QTest::newRow("cancelled") << false;
        QTest::newRow("destroyed") << true;
    }
    void jobStoppedWhileTheKeychainThinks()
    {
        QFETCH(bool, destroy);
        WaitingPing ping;
        QVERIFY(startWaitingPing(ping));
        if (destroy) {
            delete ping.call.data();
        } else {
            ping.call->cancel();
            QVERIFY(ping.finished->wait(5000));
            QVERIFY(ping.call->error());
            QCOMPARE(ping.call->error()->kind, Error::Kind::Cancelled);
        }
        QCOMPARE(ping.secrets->release(), 1);
        QCoreApplication::processEvents();
        QCOMPARE(ping.finished->size(), destroy ? 0 : 1);
        QVERIFY(ping.network.requests.isEmpty());
    }

    // The keychain answers only after the person unlocks it: the job then goes on and sends its
    // request with the secret, once.
    void jobGoesOnWhenTheKeychainAnswers()
    {
        WaitingPing ping;
        QVERIFY(startWaitingPing(ping));
        QVERIFY(ping.network.requests.isEmpty());
        ping.secrets->release();
        QVERIFY(ping.finished->wait(5000));
        QCOMPARE(ping.finished->size(), 1);
        QVERIFY2(!ping.call->error(),
                 qPrintable(ping.call->error() ? ping.call->error()->message : QString()));
        QCOMPARE(ping.network.requests.size(), 1);
        QCOMPARE(ping.network.requests.first().header("Authorization"),
                 "Basic " + QByteArray("123456789:SECRET-prod").toBase64());
    }

    // Two accounts added while the keychain is still writing the first one's secret (two Add
    // dialogs, or the CLI in a script): both are kept, in the file and in the index.
    void additionsWhileTheKeychainThinksAreAllKept()
    {
        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QVERIFY(store.load());
        QVERIFY(addNow(store, u"Existing"_s, u"existing"_s));
        secrets->setHolding(true);

        QObject context;
        Answer<Done> first;
        Answer<Done> second;
        store.addAccount(account(u"Work"_s, u"acc-work"_s),
                         {{environment(u"work"_s, u"env-work"_s), u"SECRET-work"_s}}, QString(), &context,
                         first.callback());
        store.addAccount(account(u"Home"_s, u"acc-home"_s),
                         {{environment(u"home"_s, u"env-home"_s), u"SECRET-home"_s}}, QString(), &context,
                         second.callback());
        // Meanwhile, a change that needs no keychain.
        QVERIFY(store.renameEnvironment(u"env-existing"_s, u"renamed"_s));
        QCOMPARE(secrets->heldCount(), 2);
        QCOMPARE(secrets->release(), 2);
        QTRY_COMPARE(first.count + second.count, 2);
        QVERIFY(first.result->ok());
        QVERIFY(second.result->ok());

        const QStringList names {u"home"_s, u"renamed"_s, u"work"_s};
        QStringList inStore;
        for (const EnvironmentRecord &env : store.environments())
            inStore.append(env.name);
        inStore.sort();
        QCOMPARE(inStore, names);
        QCOMPARE(namesInTheFile(), names);
        QCOMPARE(indexInTheFile(), keysIn(*secrets));
    }

    // An account removed while a job is still waiting for its secret: the removal is done (file,
    // index and keychain); the job, answered after it, fails asking to log in again and sends nothing.
    void removalWhileAReadIsPending()
    {
        WaitingPing ping;
        QVERIFY(startWaitingPing(ping));

        // The removal overtakes the read (keychains do not promise an order).
        ping.secrets->setHolding(false);
        QObject owner;
        Answer<Done> removed;
        QSignalSpy loggedOut(ping.store.get(), &AccountStore::accountLoggedOut);
        ping.store->removeAccount(u"acc-prod"_s, &owner, removed.callback());
        QTRY_COMPARE(removed.count, 1);
        QVERIFY(removed.result->ok());
        QCOMPARE(loggedOut.size(), 1);
        QVERIFY(ping.store->environments().isEmpty());
        QCOMPARE(namesInTheFile(), QStringList());
        QVERIFY(ping.secrets->entries().isEmpty());
        QCOMPARE(indexInTheFile(), QStringList());

        QCOMPARE(ping.secrets->release(), 1);
        QTRY_COMPARE(ping.finished->size(), 1);
        QVERIFY(ping.call->error());
        QCOMPARE(ping.call->error()->kind, Error::Kind::Auth);
        QVERIFY(ping.network.requests.isEmpty());
    }

    // The caller of a change goes away (its dialog closed) before the keychain answers: it hears
    // nothing, but the change is finished as the keychain did it. No secret is left in the keychain
    // that the file's index does not list (removal and log out delete by the index), and no
    // account is left in the file whose secrets the keychain removed.
    void callerGoneBeforeTheKeychainAnswers_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QStringList>("namesAfter");
        QTest::newRow("add") << u"add"_s << QStringList {u"prod"_s, u"work"_s};
        QTest::newRow("remove") << u"remove"_s << QStringList {};
        QTest::newRow("log out") << u"log out"_s << QStringList {u"prod"_s};
    }
    void callerGoneBeforeTheKeychainAnswers()
    {
        QFETCH(QString, change);
        QFETCH(QStringList, namesAfter);
        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QVERIFY(store.load());
        QVERIFY(addNow(store, u"Prod"_s, u"prod"_s));
        secrets->setHolding(true);
        Answer<Done> answered;
        {
            QObject dialog;
            if (change == u"add")
                store.addAccount(account(u"Work"_s, u"acc-work"_s),
                                 {{environment(u"work"_s, u"env-work"_s), u"SECRET-work"_s}}, QString(),
                                 &dialog, answered.callback());
            else if (change == u"remove")
                store.removeAccount(u"acc-prod"_s, &dialog, answered.callback());
            else
                store.logOut(u"acc-prod"_s, &dialog, answered.callback());
        }
        while (secrets->heldCount() > 0)
            secrets->release();
        QCoreApplication::processEvents();
        QCOMPARE(answered.count, 0);
        QCOMPARE(namesInTheFile(), namesAfter);
        QCOMPARE(indexInTheFile(), keysIn(*secrets));
        QStringList index = store.secretKeys();
        index.sort();
        QCOMPARE(index, keysIn(*secrets));
        if (change == u"log out")
            QVERIFY(!store.account(u"acc-prod"_s)->loggedIn);
    }

    // The store itself destroyed (the app quitting) while the keychain is writing: nothing is called
    // on the dead store when the keychain answers.
    void storeGoneBeforeTheKeychainAnswers()
    {
        auto secrets = std::make_shared<MemorySecretStore>();
        Answer<Done> added;
        QObject caller;
        {
            AccountStore store(secrets, paths());
            QVERIFY(store.load());
            secrets->setHolding(true);
            store.addAccount(account(u"Work"_s, u"acc-work"_s),
                             {{environment(u"work"_s, u"env-work"_s), u"SECRET-work"_s}}, QString(), &caller,
                             added.callback());
            QCOMPARE(secrets->heldCount(), 1);
        }
        QCOMPARE(secrets->release(), 1);
        QCoreApplication::processEvents();
        QCOMPARE(added.count, 0);
    }
};

QTEST_GUILESS_MAIN(TestPendingSecrets)
#include "tst_pendingsecrets.moc"
