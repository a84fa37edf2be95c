// Where Stratus keeps each account's and environment's files (StorageLayout), and what removing an
// account or an environment, or logging out, leaves of them: every file under one temporary root is
// listed before and after; nothing of what was removed or logged out of may remain, and nothing of
// another account may change.
#include "core/accounts/accountstore.h"
#include "core/accounts/secretstore.h"
#include "core/cache/diskcache.h"
#include "core/catalog/catalog.h"
#include "core/net/neterror.h"
#include "core/storage/storagelayout.h"
#include "core/transfers/uploadjournal.h"

#include "storagefiles.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace stratus::core;
using stratus::test::filesUnder;
using stratus::test::ownedBy;
using stratus::test::writeFileUnder;

namespace {

// What a run of the app leaves of an environment: a catalogue, a journal with a batch (and its lock
// file), SQLite's side files as a killed process leaves them, thumbnails and token metadata.
bool fillEnvironment(const StorageLayout &layout, const QString &id)
{
    {
        auto catalog = catalog::Catalog::open(layout.catalogFile(id));
        auto journal = upload::UploadJournal::open(layout.uploadJournalFile(id));
        if (!catalog || !journal)
            return false;
        QList<upload::UploadEntry> entries(1);
        entries[0].filePath = u"/pictures/a.jpg"_s;
        if (!journal.value()->addBatch(entries, upload::DuplicatePolicy::Ask))
            return false;
    }
    DiskCache thumbnails(layout.thumbnailCacheDirectory(id), 1024 * 1024);
    return thumbnails.write(u"https://res.example.test/a.jpg"_s, "JPEG")
        && writeFileUnder(layout.catalogFile(id) + u"-wal"_s, "wal")
        && writeFileUnder(layout.catalogFile(id) + u"-shm"_s, "shm")
        && writeFileUnder(QFileInfo(layout.uploadJournalFile(id)).path() + u"/batch-1.lock"_s, "4242")
        && writeFileUnder(layout.tokenMetadataFile(id), "{}");
}

Result<Done> addAccount(AccountStore &store, const QString &id, const QStringList &environmentIds)
{
    AccountRecord account;
    account.id = id;
    account.label = id;
    QList<std::pair<EnvironmentRecord, QString>> environments;
    for (const QString &envId : environmentIds) {
        EnvironmentRecord env;
        env.id = envId;
        env.name = envId;
        env.url = CloudinaryUrl::parse(QString(u"cloudinary://123456789@"_s + envId)).value();
        environments.append({env, u"SECRET-"_s + envId});
    }
    std::optional<Result<Done>> answer;
    QObject context;
    store.addAccount(account, environments, QString(), &context,
                     [&](Result<Done> result) { answer.emplace(std::move(result)); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }))
        return makeError(Error::Kind::Internal, u"no answer"_s);
    return *answer;
}

// The changes that delete files, each on the account "acc-work" (env-prod, env-staging).
using Change = std::function<void(AccountStore &, QObject *, AccountStore::DoneCallback)>;

void removeWork(AccountStore &store, QObject *context, AccountStore::DoneCallback done)
{
    store.removeAccount(u"acc-work"_s, context, std::move(done));
}

void logOutOfWork(AccountStore &store, QObject *context, AccountStore::DoneCallback done)
{
    store.logOut(u"acc-work"_s, context, std::move(done));
}

void removeProd(AccountStore &store, QObject *context, AccountStore::DoneCallback done)
{
    store.removeEnvironment(u"env-prod"_s, context, std::move(done));
}

// The last environment takes its account along.
void removeProdThenStaging(AccountStore &store, QObject *context, AccountStore::DoneCallback done)
{
    store.removeEnvironment(u"env-prod"_s, context, [&store, context, done](Result<Done> first) {
        if (!first)
            done(first);
        else
            store.removeEnvironment(u"env-staging"_s, context, done);
    });
}

} // namespace

Q_DECLARE_METATYPE(Change)

class TestStorageLayout : public QObject
{
    Q_OBJECT

private slots:
    // standard() asks QStandardPaths: its test locations, never the real home.
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Users' files must be found where earlier versions put them: standard() names today's places.
    void standardKeepsTheKnownPlaces_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        const StorageLayout layout = StorageLayout::standard();
        const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
        const QString cache = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
        QTest::newRow("accounts") << layout.settingsFile << config + u"/Stratus/accounts.ini"_s;
        QTest::newRow("preferences") << layout.preferencesFile() << config + u"/Stratus/Stratus.conf"_s;
        QTest::newRow("catalogue") << layout.catalogFile(u"e1"_s)
                                   << data + u"/Stratus/catalog/e1/catalog.sqlite"_s;
        QTest::newRow("journal") << layout.uploadJournalFile(u"e1"_s)
                                 << data + u"/Stratus/uploads/e1/journal.sqlite"_s;
        QTest::newRow("caches") << layout.cacheDirectory(u"e1"_s) << cache + u"/Stratus/environments/e1"_s;
        QTest::newRow("thumbnails") << layout.thumbnailCacheDirectory(u"e1"_s)
                                    << cache + u"/Stratus/environments/e1/thumbnails"_s;
        QTest::newRow("web profile") << layout.webProfileDirectory(u"a1"_s)
                                     << data + u"/Stratus/web-profiles/a1"_s;
        QTest::newRow("tokens") << layout.tokenMetadataFile(u"e1"_s) << data + u"/Stratus/tokens/e1.json"_s;
        QTest::newRow("local sandbox")
            << layout.localSandboxDirectory() << data + u"/Stratus/local-sandbox"_s;
    }

    void standardKeepsTheKnownPlaces()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        QCOMPARE(path, expected);
    }

    void removalLeavesNothingBehind_data()
    {
        QTest::addColumn<Change>("change");
        QTest::addColumn<QStringList>("gone"); ///< the ids whose files must all be deleted
        QTest::addColumn<bool>("accountKept"); ///< the record of acc-work stays

        const QStringList work {u"acc-work"_s, u"env-prod"_s, u"env-staging"_s};
        QTest::newRow("remove the account") << Change(removeWork) << work << false;
        QTest::newRow("log out") << Change(logOutOfWork) << work << true;
        QTest::newRow("remove one environment") << Change(removeProd) << QStringList {u"env-prod"_s} << true;
        QTest::newRow("remove the last environment") << Change(removeProdThenStaging) << work << false;
    }

    void removalLeavesNothingBehind()
    {
        QFETCH(Change, change);
        QFETCH(QStringList, gone);
        QFETCH(bool, accountKept);

        QTemporaryDir root;
        QVERIFY(root.isValid());
        const StorageLayout layout = StorageLayout::under(root.path());
        AccountStore store(std::make_shared<MemorySecretStore>(), layout);
        QVERIFY(store.load());
        QVERIFY(addAccount(store, u"acc-work"_s, {u"env-prod"_s, u"env-staging"_s}));
        QVERIFY(addAccount(store, u"acc-home"_s, {u"env-home"_s}));
        for (const QString &id : {u"env-prod"_s, u"env-staging"_s, u"env-home"_s})
            QVERIFY2(fillEnvironment(layout, id), qPrintable(id));
        for (const QString &id : {u"acc-work"_s, u"acc-home"_s})
            QVERIFY(writeFileUnder(layout.webProfileDirectory(id) + u"/Default/Cookies"_s, "cookies"));

        const QStringList before = filesUnder(root.path());
        // The listing holds every kind of file, so that a kind left behind shows.
        for (const QString &expected :
             {u"data/catalog/env-prod/catalog.sqlite"_s, u"data/catalog/env-prod/catalog.sqlite-wal"_s,
              u"data/catalog/env-prod/catalog.sqlite-shm"_s, u"data/uploads/env-prod/journal.sqlite"_s,
              u"data/uploads/env-prod/batch-1.lock"_s, u"data/tokens/env-prod.json"_s,
              u"data/web-profiles/acc-work/Default/Cookies"_s, u"cache/environments/env-prod/thumbnails"_s})
            QVERIFY2(before.contains(expected), qPrintable(expected + u" in "_s + before.join(u", "_s)));

        std::optional<Result<Done>> answer;
        QObject context;
        change(store, &context, [&](Result<Done> result) { answer.emplace(std::move(result)); });
        QTRY_VERIFY(answer.has_value());
        QVERIFY2(answer->ok(), qPrintable(answer->ok() ? QString() : answer->error().message));
        QCOMPARE(store.account(u"acc-work"_s) != nullptr, accountKept);

        const QStringList after = filesUnder(root.path());
        const QStringList left = ownedBy(after, gone);
        QVERIFY2(left.isEmpty(), qPrintable(u"left behind: "_s + left.join(u", "_s)));
        // Everything else is still there (accounts.ini, rewritten, among it).
        QStringList lost;
        for (const QString &path : before) {
            if (!after.contains(path) && ownedBy({path}, gone).isEmpty())
                lost.append(path);
        }
        QVERIFY2(lost.isEmpty(), qPrintable(u"deleted as well: "_s + lost.join(u", "_s)));
        QVERIFY(catalog::Catalog::openExisting(layout.catalogFile(u"env-home"_s)));
    }

    // An id that is not one path component would name a root, or something outside the roots: such
    // a deletion is refused and deletes nothing.
    void removalRefusesWhatIsNotAnId_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("empty") << QString();
        QTest::newRow("dot") << u"."_s;
        QTest::newRow("dot dot") << u".."_s;
        QTest::newRow("a path") << u"../../data"_s;
        QTest::newRow("slash") << u"env/prod"_s;
    }

    void removalRefusesWhatIsNotAnId()
    {
        QFETCH(QString, id);
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const StorageLayout layout = StorageLayout::under(root.path() + u"/inner"_s);
        QVERIFY(fillEnvironment(layout, u"env-prod"_s));
        QVERIFY(writeFileUnder(layout.webProfileDirectory(u"acc-work"_s) + u"/Cookies"_s, "cookies"));
        QVERIFY(writeFileUnder(root.path() + u"/data/outside.txt"_s, "not ours"));
        const QStringList before = filesUnder(root.path());

        const auto environment = layout.removeEnvironmentData(id);
        QVERIFY(!environment);
        QCOMPARE(environment.error().kind, Error::Kind::InvalidInput);
        const auto account = layout.removeAccountData(id);
        QVERIFY(!account);
        QCOMPARE(account.error().kind, Error::Kind::InvalidInput);
        QCOMPARE(filesUnder(root.path()), before);
    }
};

QTEST_GUILESS_MAIN(TestStorageLayout)
#include "tst_storagelayout.moc"
