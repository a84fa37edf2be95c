// AccountStore over a MemorySecretStore: what the app and stratus-cli rely on when they add, remove,
// log out, log in, rename and choose environments — settings in a versioned INI file, secrets only in
// the SecretStore, and nothing saved half-way when the keychain or the file refuses.
#include "core/accounts/accountstore.h"
#include "core/accounts/apicontextfor.h"
#include "core/accounts/environmentcheck.h"
#include "core/accounts/secretstore.h"
#include "core/net/neterror.h"
#include "core/net/secretsource.h"
#include "words/errorwords.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace stratus::core;

Q_DECLARE_METATYPE(stratus::core::Error)

namespace {

// A MemorySecretStore that refuses to write one chosen key (a keychain that fails half-way through
// a series of writes).
class FailingKeyStore final : public SecretStore
{
public:
    void read(const QString &key, QObject *context, ReadCallback done) override
    {
        memory.read(key, context, std::move(done));
    }
    void write(const QString &key, const QString &secret, QObject *context, DoneCallback done) override
    {
        if (key == failingKey) {
            done(makeError(Error::Kind::Permission, u"Access to the keychain was denied."_s));
            return;
        }
        memory.write(key, secret, context, std::move(done));
    }
    void remove(const QString &key, QObject *context, DoneCallback done) override
    {
        memory.remove(key, context, std::move(done));
    }

    MemorySecretStore memory;
    QString failingKey;
};

EnvironmentRecord environment(const QString &name, const QString &cloud, const QString &id = {})
{
    EnvironmentRecord env;
    env.id = id;
    env.name = name;
    env.url = CloudinaryUrl::parse(
                  u"cloudinary://123456789@%1?upload_prefix=https://api.example.test"_s.arg(cloud))
                  .value();
    return env;
}

AccountRecord account(const QString &label, const QString &id = {})
{
    AccountRecord record;
    record.id = id;
    record.label = label;
    return record;
}

// Writes `values` into the settings file at `path` the way QSettings writes them.
void writeSettings(const QString &path, const QList<std::pair<QString, QVariant>> &values)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSettings settings(path, QSettings::IniFormat);
    settings.clear();
    for (const auto &[key, value] : values)
        settings.setValue(key, value);
    settings.sync();
}

// Every key under `group` of the settings file at `path` with its value, as QSettings reads it.
QVariantMap groupOf(const QString &path, const QString &group)
{
    QSettings settings(path, QSettings::IniFormat);
    settings.beginGroup(group);
    QVariantMap values;
    for (const QString &key : settings.allKeys())
        values.insert(key, settings.value(key));
    return values;
}

// "Work" (acc-work) with the environments at `indexes` of the array, named env-INDEX.
QList<std::pair<QString, QVariant>> workWith(const QList<int> &indexes)
{
    QList<std::pair<QString, QVariant>> values {{u"version"_s, 1},
                                                {u"accounts/1/id"_s, u"acc-work"_s},
                                                {u"accounts/1/label"_s, u"Work"_s},
                                                {u"accounts/size"_s, 1}};
    int last = 0;
    for (const int i : indexes) {
        const QString entry = u"environments/%1/"_s.arg(i);
        values += QList<std::pair<QString, QVariant>> {
            {entry + u"id"_s, u"env-%1"_s.arg(i)},
            {entry + u"account"_s, u"acc-work"_s},
            {entry + u"name"_s, u"env-%1"_s.arg(i)},
            {entry + u"url"_s, u"cloudinary://123456789@cloud-%1"_s.arg(i)},
        };
        last = std::max(last, i);
    }
    values.append({u"environments/size"_s, last});
    return values;
}

QByteArray fileContents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestAccountStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    StorageLayout paths() const
    {
        StorageLayout paths;
        paths.settingsFile = m_dir->filePath(u"config/Stratus/accounts.ini"_s);
        paths.dataRoot = m_dir->filePath(u"data"_s);
        paths.cacheRoot = m_dir->filePath(u"cache"_s);
        return paths;
    }

    // Runs one asynchronous change and waits for its one answer.
    template<typename Start> static Result<Done> await(Start start)
    {
        QObject context;
        std::optional<Result<Done>> answer;
        int answers = 0;
        start(&context, [&](Result<Done> result) {
            ++answers;
            answer.emplace(std::move(result));
        });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 5000))
            return makeError(Error::Kind::Internal, u"no answer"_s);
        QCoreApplication::processEvents(); // a second answer already queued would come now
        if (answers != 1)
            return makeError(Error::Kind::Internal, u"answered %1 times"_s.arg(answers));
        return *answer;
    }

    static Result<QString> fetch(const std::shared_ptr<const SecretSource> &source)
    {
        QObject context;
        std::optional<Result<QString>> answer;
        source->fetch(&context, [&](Result<QString> result) { answer.emplace(std::move(result)); });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 5000))
            return makeError(Error::Kind::Internal, u"no answer"_s);
        return *answer;
    }

    // "Work" with prod (current) and staging, plus provisioning credentials.
    static Result<Done> addWork(AccountStore &store)
    {
        AccountRecord work = account(u"Work"_s, u"acc-work"_s);
        work.hasProvisioning = true;
        work.provisioningUrl = CloudinaryUrl::parse(u"account://PKEY:PSECRET@acc123"_s).value();
        return await([&](QObject *context, AccountStore::DoneCallback done) {
            store.addAccount(
                work,
                {{environment(u"prod"_s, u"work-prod"_s, u"env-prod"_s), u"SECRET-PROD"_s},
                 {environment(u"staging"_s, u"work-staging"_s, u"env-staging"_s), u"SECRET-STAGING"_s}},
                u"SECRET-PROVISIONING"_s, context, std::move(done));
        });
    }

    static Result<Done> addHome(AccountStore &store)
    {
        return await([&](QObject *context, AccountStore::DoneCallback done) {
            store.addAccount(account(u"Home"_s, u"acc-home"_s),
                             {{environment(u"home"_s, u"home-cloud"_s, u"env-home"_s), u"SECRET-HOME"_s}},
                             QString(), context, std::move(done));
        });
    }

    // Loads the (empty) file, then adds "Work" and "Home".
    static bool loadWorkAndHome(AccountStore &store)
    {
        return store.load().ok() && addWork(store) && addHome(store);
    }

    // The secret a job would get, or "error: …".
    static QString secretOf(const std::shared_ptr<const SecretSource> &source)
    {
        const auto secret = fetch(source);
        return secret ? secret.value() : u"error: "_s + secret.error().message;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void addKeepsSecretsOutOfTheFile()
    {
        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QVERIFY(store.load());
        QSignalSpy changed(&store, &AccountStore::changed);
        const auto added = addWork(store);
        QVERIFY2(added, qPrintable(added.ok() ? QString() : added.error().message));
        QCOMPARE(changed.size(), 1);

        QCOMPARE(store.accounts().size(), 1);
        QCOMPARE(store.environments().size(), 2);
        QCOMPARE(store.currentEnvironmentId(), u"env-prod"_s); // the first one added
        QCOMPARE(secrets->entries().value(u"environment/env-prod"_s), u"SECRET-PROD"_s);
        QCOMPARE(secrets->entries().value(u"environment/env-staging"_s), u"SECRET-STAGING"_s);
        QCOMPARE(secrets->entries().value(u"account/acc-work/provisioning"_s), u"SECRET-PROVISIONING"_s);
        QCOMPARE(store.secretKeys().size(), 3);

        const QByteArray file = fileContents(paths().settingsFile);
        QVERIFY(file.contains("work-prod"));
        QVERIFY(!file.contains("SECRET"));
        QVERIFY(!file.contains("PSECRET"));

        // A name in use, an empty secret: refused before anything is written.
        const int calls = secrets->callCount();
        const auto duplicate = await([&](QObject *context, AccountStore::DoneCallback done) {
            store.addEnvironment(
                [] {
                    EnvironmentRecord env = environment(u"prod"_s, u"other"_s);
                    env.accountId = u"acc-work"_s;
                    return env;
                }(),
                u"SECRET-X"_s, context, std::move(done));
        });
        QVERIFY(!duplicate);
        QCOMPARE(duplicate.error().kind, Error::Kind::Conflict);
        const auto noSecret = await([&](QObject *context, AccountStore::DoneCallback done) {
            store.addAccount(account(u"Other"_s), {{environment(u"other"_s, u"other"_s), QString()}},
                             QString(), context, std::move(done));
        });
        QVERIFY(!noSecret);
        QCOMPARE(noSecret.error().kind, Error::Kind::InvalidInput);
        QCOMPARE(secrets->callCount(), calls);
        QCOMPARE(store.environments().size(), 2);
    }

    void persistsAcrossANewStore()
    {
        auto secrets = std::make_shared<MemorySecretStore>();
        {
            AccountStore store(secrets, paths());
            QVERIFY(loadWorkAndHome(store));
            EnvironmentRecord checked = *store.environment(u"env-staging"_s);
            checked.folderMode = FolderMode::Dynamic;
            checked.deniedFeatures.insert(QString(Feature::Usage), u"Permission denied"_s);
            checked.checkedAt = QDateTime(QDate(2024, 5, 1), QTime(12, 30), Qt::UTC);
            QVERIFY(store.updateCheck(checked));
            QVERIFY(store.setCurrentEnvironment(u"env-home"_s));
        }
        AccountStore reopened(secrets, paths());
        QVERIFY(reopened.load());
        QCOMPARE(reopened.accounts().size(), 2);
        QCOMPARE(reopened.environments().size(), 3);
        QCOMPARE(reopened.currentEnvironmentId(), u"env-home"_s);
        const AccountRecord *work = reopened.accountByLabel(u"Work"_s);
        QVERIFY(work);
        QVERIFY(work->loggedIn);
        QVERIFY(work->hasProvisioning);
        QCOMPARE(work->provisioningUrl.accountId(), u"acc123"_s);
        QVERIFY(work->provisioningUrl.apiSecret().isEmpty());
        const EnvironmentRecord *staging = reopened.environmentByName(u"staging"_s);
        QVERIFY(staging);
        QCOMPARE(staging->accountId, work->id);
        QCOMPARE(staging->cloudName(), u"work-staging"_s);
        QCOMPARE(staging->apiKey(), u"123456789"_s);
        QCOMPARE(staging->url.uploadPrefix(), u"https://api.example.test"_s);
        QCOMPARE(staging->folderMode, FolderMode::Dynamic);
        QCOMPARE(staging->deniedFeatures.value(QString(Feature::Usage)), u"Permission denied"_s);
        QCOMPARE(staging->checkedAt, QDateTime(QDate(2024, 5, 1), QTime(12, 30), Qt::UTC));
        QCOMPARE(reopened.secretKeys().size(), 4);
        QCOMPARE(secretOf(reopened.secretSource(u"env-staging"_s)), u"SECRET-STAGING"_s);
    }

    void removeTakesTheSecretAndTheCaches()
    {
        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QVERIFY(loadWorkAndHome(store));
        QVERIFY(QDir().mkpath(store.layout().cacheDirectory(u"env-prod"_s)));
        QVERIFY(QDir().mkpath(store.layout().webProfileDirectory(u"acc-work"_s)));

        QVERIFY(await(
            [&](QObject *c, AccountStore::DoneCallback d) { store.removeEnvironment(u"env-prod"_s, c, d); }));
        QVERIFY(!store.environment(u"env-prod"_s));
        QVERIFY(!secrets->entries().contains(u"environment/env-prod"_s));
        QVERIFY(!store.secretKeys().contains(u"environment/env-prod"_s));
        QVERIFY(store.currentEnvironmentId().isEmpty()); // it was the current one
        QVERIFY(!QFileInfo::exists(store.layout().cacheDirectory(u"env-prod"_s)));
        QVERIFY(store.account(u"acc-work"_s)); // staging is left

        // The last environment takes its account, the provisioning secret and the web profile along.
        QVERIFY(await([&](QObject *c, AccountStore::DoneCallback d) {
            store.removeEnvironment(u"env-staging"_s, c, d);
        }));
        QVERIFY(!store.account(u"acc-work"_s));
        QVERIFY(!QFileInfo::exists(store.layout().webProfileDirectory(u"acc-work"_s)));
        QCOMPARE(secrets->entries().keys(), QList<QString> {u"environment/env-home"_s});
        QCOMPARE(store.secretKeys(), QStringList {u"environment/env-home"_s});

        const auto unknown = await(
            [&](QObject *c, AccountStore::DoneCallback d) { store.removeEnvironment(u"nope"_s, c, d); });
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, Error::Kind::NotFound);

        AccountStore reopened(secrets, paths());
        QVERIFY(reopened.load());
        QCOMPARE(reopened.environments().size(), 1);
        QCOMPARE(reopened.accounts().size(), 1);
    }

    void logOutRemovesEveryKeyAndLogInRestores()
    {
        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QVERIFY(loadWorkAndHome(store));
        QVERIFY(QDir().mkpath(store.layout().webProfileDirectory(u"acc-work"_s)));
        QSignalSpy loggedOut(&store, &AccountStore::accountLoggedOut);

        QVERIFY(await([&](QObject *c, AccountStore::DoneCallback d) { store.logOut(u"acc-work"_s, c, d); }));
        QCOMPARE(loggedOut.size(), 1);
        QCOMPARE(secrets->entries().keys(), QList<QString> {u"environment/env-home"_s});
        QCOMPARE(store.secretKeys(), QStringList {u"environment/env-home"_s});
        QVERIFY(!store.account(u"acc-work"_s)->loggedIn);
        QCOMPARE(store.environments().size(), 3); // still known, just not usable
        QCOMPARE(store.activeEnvironments().size(), 1);
        QVERIFY(store.currentEnvironmentId().isEmpty());
        QVERIFY(!QFileInfo::exists(store.layout().webProfileDirectory(u"acc-work"_s)));
        const auto gone = fetch(store.secretSource(u"env-prod"_s));
        QVERIFY(!gone);
        QCOMPARE(gone.error().kind, Error::Kind::Auth);
        {
            AccountStore reopened(secrets, paths());
            QVERIFY(reopened.load());
            QVERIFY(!reopened.account(u"acc-work"_s)->loggedIn);
        }

        // Every environment needs its secret back; a missing one writes nothing.
        const int calls = secrets->callCount();
        const auto partial = await([&](QObject *c, AccountStore::DoneCallback d) {
            store.logIn(u"acc-work"_s, {{u"env-prod"_s, u"NEW-PROD"_s}}, QString(), c, d);
        });
        QVERIFY(!partial);
        QCOMPARE(partial.error().kind, Error::Kind::InvalidInput);
        QCOMPARE(secrets->callCount(), calls);

        QVERIFY(await([&](QObject *c, AccountStore::DoneCallback d) {
            store.logIn(u"acc-work"_s, {{u"env-prod"_s, u"NEW-PROD"_s}, {u"env-staging"_s, u"NEW-STAGING"_s}},
                        u"NEW-PROVISIONING"_s, c, d);
        }));
        QVERIFY(store.account(u"acc-work"_s)->loggedIn);
        QCOMPARE(store.activeEnvironments().size(), 3);
        QCOMPARE(secrets->entries().value(u"environment/env-staging"_s), u"NEW-STAGING"_s);
        QCOMPARE(secrets->entries().value(u"account/acc-work/provisioning"_s), u"NEW-PROVISIONING"_s);
        QCOMPARE(store.secretKeys().size(), 4);
        QCOMPARE(secretOf(store.secretSource(u"env-prod"_s)), u"NEW-PROD"_s);
    }

    void renameAndRelabel()
    {
        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QVERIFY(loadWorkAndHome(store));

        QVERIFY(store.renameEnvironment(u"env-prod"_s, u"  production "_s));
        QCOMPARE(store.environment(u"env-prod"_s)->name, u"production"_s);
        QVERIFY(store.renameEnvironment(u"env-prod"_s, u"production"_s)); // its own name is free
        const auto taken = store.renameEnvironment(u"env-prod"_s, u"home"_s);
        QVERIFY(!taken);
        QCOMPARE(taken.error().kind, Error::Kind::Conflict);
        const auto empty = store.renameEnvironment(u"env-prod"_s, u"  "_s);
        QVERIFY(!empty);
        QCOMPARE(empty.error().kind, Error::Kind::InvalidInput);
        const auto unknown = store.renameEnvironment(u"nope"_s, u"x"_s);
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, Error::Kind::NotFound);
        QVERIFY(store.setAccountLabel(u"acc-work"_s, u"Agency"_s));
        QVERIFY(!store.setAccountLabel(u"acc-work"_s, QString()));

        AccountStore reopened(secrets, paths());
        QVERIFY(reopened.load());
        QVERIFY(reopened.environmentByName(u"production"_s));
        QVERIFY(!reopened.environmentByName(u"prod"_s));
        QCOMPARE(reopened.environmentByName(u"production"_s)->id, u"env-prod"_s);
        QVERIFY(reopened.accountByLabel(u"Agency"_s));
        // The secret follows the id, not the name.
        QCOMPARE(secretOf(reopened.secretSource(u"env-prod"_s)), u"SECRET-PROD"_s);
    }

    void currentEnvironment()
    {
        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QVERIFY(store.load());
        QVERIFY(store.currentEnvironmentId().isEmpty());
        QVERIFY(addWork(store));
        QVERIFY(addHome(store));
        QCOMPARE(store.currentEnvironmentId(), u"env-prod"_s); // adding more does not switch
        QVERIFY(store.setCurrentEnvironment(u"env-staging"_s));
        const auto unknown = store.setCurrentEnvironment(u"nope"_s);
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, Error::Kind::NotFound);
        QCOMPARE(store.currentEnvironmentId(), u"env-staging"_s);
        {
            AccountStore reopened(secrets, paths());
            QVERIFY(reopened.load());
            QCOMPARE(reopened.currentEnvironmentId(), u"env-staging"_s);
        }
        QVERIFY(store.setCurrentEnvironment(QString()));
        AccountStore reopened(secrets, paths());
        QVERIFY(reopened.load());
        QVERIFY(reopened.currentEnvironmentId().isEmpty());
    }

    void damagedEntriesAreKeptThroughEverySave()
    {
        // An environment with a URL that is not one, one without an id, one of an account that is
        // not there, one under a key that is not an index, and an account without an id.
        QList<std::pair<QString, QVariant>> values = workWith({1});
        values += QList<std::pair<QString, QVariant>> {
            {u"environments/2/id"_s, u"env-bad-url"_s},
            {u"environments/2/account"_s, u"acc-work"_s},
            {u"environments/2/name"_s, u"bad url"_s},
            {u"environments/2/url"_s, u"https://example.com"_s},
            {u"environments/2/folderMode"_s, u"fixed"_s},
            {u"environments/2/denied/usage"_s, u"Not allowed"_s},
            {u"environments/2/somethingElse"_s, QStringList {u"a"_s, u"b"_s}},
            {u"environments/3/account"_s, u"acc-work"_s},
            {u"environments/3/name"_s, u"no id"_s},
            {u"environments/3/url"_s, u"cloudinary://1@no-id"_s},
            {u"environments/4/id"_s, u"env-orphan"_s},
            {u"environments/4/account"_s, u"acc-gone"_s},
            {u"environments/4/name"_s, u"orphan"_s},
            {u"environments/4/url"_s, u"cloudinary://1@orphan"_s},
            {u"environments/x/id"_s, u"env-x"_s},
            {u"environments/x/account"_s, u"acc-work"_s},
            {u"environments/x/name"_s, u"under x"_s},
            {u"environments/x/url"_s, u"cloudinary://1@x"_s},
            {u"environments/size"_s, 4},
            {u"accounts/2/label"_s, u"No id"_s},
            {u"accounts/size"_s, 2},
        };
        const QString file = paths().settingsFile;
        writeSettings(file, values);
        const QStringList damaged {u"environments/2"_s, u"environments/3"_s, u"environments/4"_s,
                                   u"environments/x"_s, u"accounts/2"_s};
        QList<QVariantMap> before;
        for (const QString &group : damaged)
            before.append(groupOf(file, group));

        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QVERIFY(store.load());
        QCOMPARE(store.environments().size(), 1);
        QCOMPARE(store.environments().first().name, u"env-1"_s);
        QCOMPARE(store.accounts().size(), 1);
        // Each is reported: where it is, what it was called, and why it was set aside.
        using Kind = SettingsProblem::Kind;
        QStringList reported;
        for (const SettingsProblem &problem : store.problems())
            reported.append(u"%1 %2 %3"_s.arg(problem.location(), problem.name).arg(int(problem.kind)));
        const auto line = [](const QString &location, const QString &name, Kind kind) {
            return u"%1 %2 %3"_s.arg(location, name).arg(int(kind));
        };
        const QStringList expected {
            line(u"accounts/2"_s, u"No id"_s, Kind::MissingId),
            line(u"environments/2"_s, u"bad url"_s, Kind::BadUrl),
            line(u"environments/3"_s, u"no id"_s, Kind::MissingId),
            line(u"environments/4"_s, u"orphan"_s, Kind::UnknownAccount),
            line(u"environments/x"_s, QString(), Kind::EntryKey),
        };
        QCOMPARE(reported, expected);
        // Why, as a reason words::ErrorWords words; an unreadable URL names what the URL parser found.
        QStringList reasons;
        for (const SettingsProblem &problem : store.problems()) {
            QCOMPARE(problem.error().kind, Error::Kind::Damaged);
            reasons.append(errorReasonName(problem.error().reason) + u' ' + problem.error().subject);
        }
        const QStringList expectedReasons {
            u"AccountsEntryIdMissing "_s,    u"AccountsEntryUrlUnreadable UrlUnsupportedScheme"_s,
            u"AccountsEntryIdMissing "_s,    u"AccountsEntryAccountMissing acc-gone"_s,
            u"AccountsEntryKeyNotNumber "_s,
        };
        QCOMPARE(reasons, expectedReasons);
        // Its name is taken.
        QVERIFY(store.damagedEnvironment(u"bad url"_s));
        QCOMPARE(store.renameEnvironment(u"env-1"_s, u"bad url"_s).error().kind, Error::Kind::Conflict);

        // Every kind of save: an addition, a rename, a removal, the current environment.
        QVERIFY(addHome(store));
        QVERIFY(store.renameEnvironment(u"env-1"_s, u"first"_s));
        QVERIFY(store.setCurrentEnvironment(u"env-home"_s));
        QVERIFY(await(
            [&](QObject *c, AccountStore::DoneCallback d) { store.removeAccount(u"acc-home"_s, c, d); }));

        // Each damaged entry is still in the file with every key it had (its index may differ).
        QSettings reread(file, QSettings::IniFormat);
        QList<QVariantMap> after;
        for (const QString &array : {u"environments"_s, u"accounts"_s}) {
            reread.beginGroup(array);
            for (const QString &group : reread.childGroups())
                after.append(groupOf(file, array + u'/' + group));
            reread.endGroup();
        }
        for (const QVariantMap &entry : std::as_const(before))
            QVERIFY2(after.contains(entry),
                     qPrintable(entry.value(u"name"_s, entry.value(u"label"_s)).toString()));
        AccountStore reopened(secrets, paths());
        QVERIFY(reopened.load());
        QCOMPARE(reopened.environments().size(), 1);
        QCOMPARE(reopened.environments().first().name, u"first"_s);
        QCOMPARE(reopened.problems().size(), store.problems().size());
    }

    void aDamagedCurrentEnvironmentStaysCurrent()
    {
        QList<std::pair<QString, QVariant>> values = workWith({1});
        values += QList<std::pair<QString, QVariant>> {
            {u"environments/2/id"_s, u"env-broken"_s},
            {u"environments/2/account"_s, u"acc-work"_s},
            {u"environments/2/name"_s, u"broken"_s},
            {u"environments/2/url"_s, u"https://example.com"_s},
            {u"environments/size"_s, 2},
            {u"current"_s, u"env-broken"_s},
        };
        writeSettings(paths().settingsFile, values);
        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QVERIFY(store.load());
        QVERIFY(store.currentEnvironmentId().isEmpty());
        QVERIFY(store.damagedCurrent());
        QCOMPARE(store.damagedCurrent()->name, u"broken"_s);
        // Adding one does not make it current instead, and the file still says which one it is.
        QVERIFY(addHome(store));
        QVERIFY(store.currentEnvironmentId().isEmpty());
        QSettings reread(paths().settingsFile, QSettings::IniFormat);
        QCOMPARE(reread.value(u"current"_s).toString(), u"env-broken"_s);
        // Choosing another is the person's call.
        QVERIFY(store.setCurrentEnvironment(u"env-home"_s));
        QCOMPARE(store.currentEnvironmentId(), u"env-home"_s);
        QVERIFY(!store.damagedCurrent());
    }

    void unknownSettingsAreKept()
    {
        QList<std::pair<QString, QVariant>> values = workWith({1});
        values += QList<std::pair<QString, QVariant>> {
            {u"somethingNew"_s, u"keep me"_s},
            {u"future/nested/key"_s, QStringList {u"a"_s, u"b"_s}},
            {u"environments/1/futureField"_s, u"from a later Stratus"_s},
            {u"accounts/1/futureField"_s, 42},
        };
        writeSettings(paths().settingsFile, values);
        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QVERIFY(store.load());
        QVERIFY(store.problems().isEmpty());
        QVERIFY(store.renameEnvironment(u"env-1"_s, u"renamed"_s));
        QSettings reread(paths().settingsFile, QSettings::IniFormat);
        QCOMPARE(reread.value(u"somethingNew"_s).toString(), u"keep me"_s);
        QCOMPARE(reread.value(u"future/nested/key"_s).toStringList(), (QStringList {u"a"_s, u"b"_s}));
        QCOMPARE(reread.value(u"environments/1/name"_s).toString(), u"renamed"_s);
        QCOMPARE(reread.value(u"environments/1/futureField"_s).toString(), u"from a later Stratus"_s);
        QCOMPARE(reread.value(u"accounts/1/futureField"_s).toInt(), 42);
    }

    void storedUnsafeNamesAreShownEscaped()
    {
        QList<std::pair<QString, QVariant>> values = workWith({1});
        values.append({u"environments/1/name"_s, u"prod\u202Eevil\nX\t\u0085"_s});
        writeSettings(paths().settingsFile, values);
        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QVERIFY(store.load());
        QVERIFY(store.problems().isEmpty()); // loaded, not damaged: it only needs to be shown safely
        const EnvironmentRecord env = store.environments().first();
        QCOMPARE(env.name, u"prod\u202Eevil\nX\t\u0085"_s);
        QCOMPARE(env.displayName(), u"prod\\u202Eevil\\nX\\t\\u0085"_s);
        QCOMPARE(displaySafe(u"Zürich ☁ 東京 \U0001F600 a\\b"_s), u"Zürich ☁ 東京 \U0001F600 a\\b"_s);
        QVERIFY(checkName(u"Zürich ☁ 東京 \U0001F600 Ω"_s).ok());
        QVERIFY(!checkName(u"   "_s).ok());
        const NameCheck rlo = checkName(u"ab\u202E"_s);
        QCOMPARE(rlo.problem, NameProblem::DirectionControl);
        QCOMPARE(rlo.character, char32_t(0x202E));
        QCOMPARE(rlo.position, qsizetype(2));
        const auto refused = validateName(u"ab\u202E"_s, ErrorReason::EnvironmentNameUnusable);
        QVERIFY(!refused);
        QCOMPARE(refused.error().reason, ErrorReason::EnvironmentNameUnusable);
        const QString words = stratus::words::ErrorWords::text(refused.error());
        QVERIFY2(words.contains(u"U+202E"_s) && words.contains(u"text-direction"_s), qPrintable(words));
    }

    void insecureTransportIsAllowedPerEnvironment()
    {
        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QVERIFY(store.load());
        EnvironmentRecord plain = environment(u"plain"_s, u"plain-cloud"_s, u"env-plain"_s);
        plain.url
            = CloudinaryUrl::parse(u"cloudinary://1234@plain-cloud?upload_prefix=http://intranet.example"_s)
                  .value();
        plain.allowInsecureTransport = true;
        QVERIFY(await([&](QObject *c, AccountStore::DoneCallback d) {
            store.addAccount(
                account(u"Intranet"_s, u"acc-intranet"_s),
                {{plain, u"SECRET"_s}, {environment(u"safe"_s, u"safe-cloud"_s, u"env-safe"_s), u"S2"_s}},
                QString(), c, d);
        }));
        QNetworkAccessManager network;
        const auto contextOf = [&](const QString &id) {
            return apiContextFor(store.effectiveUrl(id), store.secretSource(id), &network);
        };
        QVERIFY(contextOf(u"env-plain"_s));
        QCOMPARE(store.secretSource(u"env-plain"_s)->insecureTransport(), InsecureTransport::Allowed);
        QCOMPARE(store.secretSource(u"env-safe"_s)->insecureTransport(), InsecureTransport::Refused);

        AccountStore reopened(secrets, paths());
        QVERIFY(reopened.load());
        QVERIFY(reopened.environment(u"env-plain"_s)->allowInsecureTransport);
        QVERIFY(!reopened.environment(u"env-safe"_s)->allowInsecureTransport);

        // Taken back: refused where the API context is made, with a kind the front ends word.
        QVERIFY(store.setInsecureTransportAllowed(u"env-plain"_s, false));
        const auto refused = contextOf(u"env-plain"_s);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, Error::Kind::InsecureTransport);
        QCOMPARE(refused.error().reason, ErrorReason::CredentialsInClear);
        QCOMPARE(refused.error().subject, u"intranet.example"_s);
        QCOMPARE(classifyProblem(refused.error()), CheckProblem::InsecureTransport);
        // Without a secret nothing is sent that could be read: unsigned uploads may go.
        QVERIFY(apiContextFor(store.effectiveUrl(u"env-plain"_s), nullptr, &network));
        // Loopback and https need no allowance.
        QVERIFY(apiContextFor(
            CloudinaryUrl::parse(u"cloudinary://1:s@c?upload_prefix=http://127.0.0.1:9"_s).value(),
            std::make_shared<FixedSecret>(u"s"_s), &network));
        QVERIFY(apiContextFor(CloudinaryUrl::parse(u"cloudinary://1:s@c"_s).value(),
                              std::make_shared<FixedSecret>(u"s"_s), &network));
    }

    // A value QSettings would decode as binary (`@Variant(…)`, found by fuzz_accountsfile) with a
    // crafted length asked for gigabytes and crashed every command; an id that is a path would make
    // removal delete folders outside Stratus's own. Both are damaged entries, kept as text.
    void typedValuesAndPathIdsAreDamagedEntries()
    {
        const QByteArray text
            = "[General]\nversion=1\n\n[accounts]\n1\\id=acc-work\n1\\label=Work\nsize=1\n\n"
              "[environments]\n1\\id=env-1\n1\\account=acc-work\n1\\name=env-1\n"
              "1\\url=cloudinary://1@env1\n"
              "2\\id=@Variant(\\0\\0\\0\\t\\fxf\\xff\\xff\\xff)\n2\\account=acc-work\n"
              "2\\name=typed\n2\\url=cloudinary://1@typed\n"
              "3\\id=../../..\n3\\account=acc-work\n3\\name=escape\n"
              "3\\url=cloudinary://1@escape\n"
              "4\\id=env-4\n4\\account=acc-work\n4\\name=list\n"
              "4\\url=cloudinary://1@list\n4\\extra=\"a\", @Variant(\\0\\0\\0\\x7f\\xff\\xff\\xff\\xff)\n"
              "size=4\n";
        const QString file = paths().settingsFile;
        QDir().mkpath(QFileInfo(file).absolutePath());
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(text);
        }
        AccountStore store(std::make_shared<MemorySecretStore>(), paths());
        QVERIFY(store.load());
        QStringList names;
        for (const EnvironmentRecord &env : store.environments())
            names.append(env.name);
        QCOMPARE(names, (QStringList {u"env-1"_s, u"list"_s}));
        QStringList damaged;
        for (const SettingsProblem &problem : store.problems())
            damaged.append(problem.location() + u' ' + problem.name);
        QCOMPARE(damaged, (QStringList {u"environments/2 typed"_s, u"environments/3 escape"_s}));

        // Saved and read again: still there, still set aside, still text.
        QVERIFY(store.renameEnvironment(u"env-1"_s, u"renamed"_s));
        AccountStore again(std::make_shared<MemorySecretStore>(), paths());
        QVERIFY(again.load());
        QCOMPARE(again.problems().size(), 2);
        QCOMPARE(again.environments().size(), 2);
        QFile saved(file);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray savedText = saved.readAll();
        QVERIFY2(savedText.contains("=@String(@Variant("), savedText.constData());
        QVERIFY2(savedText.contains("../../.."), savedText.constData());
    }

    void untrustedArraySizesDoNotDriveTheWork_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QVariant>("size");
        QTest::addColumn<QList<int>>("indexes");
        const QList<int> two {1, 2};
        QTest::newRow("2000000000") << u"environments/size"_s << QVariant(2000000000) << two;
        QTest::newRow("-1") << u"environments/size"_s << QVariant(-1) << two;
        QTest::newRow("abc") << u"environments/size"_s << QVariant(u"abc"_s) << two;
        QTest::newRow("2^31") << u"environments/size"_s << QVariant(u"2147483648"_s) << two;
        QTest::newRow("an entry after size") << u"environments/size"_s << QVariant(2) << QList<int> {1, 2, 7};
        QTest::newRow("gaps") << u"environments/size"_s << QVariant(9) << QList<int> {1, 4, 9};
        QTest::newRow("accounts 2000000000") << u"accounts/size"_s << QVariant(2000000000) << two;
        QTest::newRow("accounts -1") << u"accounts/size"_s << QVariant(-1) << two;
    }

    void untrustedArraySizesDoNotDriveTheWork()
    {
        QFETCH(QString, key);
        QFETCH(QVariant, size);
        QFETCH(QList<int>, indexes);
        QList<std::pair<QString, QVariant>> values = workWith(indexes);
        values.append({key, size});
        writeSettings(paths().settingsFile, values);

        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QElapsedTimer clock;
        clock.start();
        QVERIFY(store.load());
        // Not a speed test: walking the stated size took about 55 minutes; anything near that fails.
        QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
        QStringList names;
        for (const EnvironmentRecord &env : store.environments())
            names.append(env.name);
        QStringList expected;
        for (const int i : indexes)
            expected.append(u"env-%1"_s.arg(i));
        QCOMPARE(names, expected);

        // Saving writes a size that agrees with the entries.
        QVERIFY(store.renameEnvironment(u"env-1"_s, u"renamed"_s));
        QSettings reread(paths().settingsFile, QSettings::IniFormat);
        QCOMPARE(reread.value(u"environments/size"_s).toInt(), int(indexes.size()));
        QCOMPARE(reread.value(u"accounts/size"_s).toInt(), 1);
    }

    void unsafeNamesAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("line feed") << u"two\nlines"_s;
        QTest::newRow("tab") << u"a\tb"_s;
        QTest::newRow("NUL") << QString(QChar(0)) + u"x"_s;
        QTest::newRow("DEL") << u"a\u007Fb"_s;
        QTest::newRow("C1") << u"a\u009Bb"_s;
        QTest::newRow("line separator") << u"a\u2028b"_s;
        QTest::newRow("paragraph separator") << u"a\u2029b"_s;
        QTest::newRow("LRE") << u"a\u202Ab"_s;
        QTest::newRow("RLO") << u"a\u202Eb"_s;
        QTest::newRow("LRI") << u"a\u2066b"_s;
        QTest::newRow("PDI") << u"a\u2069b"_s;
        QTest::newRow("LRM") << u"a\u200Eb"_s;
        QTest::newRow("RLM") << u"a\u200Fb"_s;
        QTest::newRow("ALM") << u"a\u061Cb"_s;
        QTest::newRow("lone surrogate") << u"a"_s + QChar(0xD800) + u"b"_s;
    }

    void unsafeNamesAreRefused()
    {
        QFETCH(QString, name);
        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QVERIFY(loadWorkAndHome(store));
        const QByteArray before = fileContents(paths().settingsFile);

        const auto newEnvironment = await([&](QObject *c, AccountStore::DoneCallback d) {
            EnvironmentRecord env = environment(name, u"other"_s);
            env.accountId = u"acc-home"_s;
            store.addEnvironment(env, u"SECRET"_s, c, d);
        });
        QVERIFY(!newEnvironment);
        QCOMPARE(newEnvironment.error().kind, Error::Kind::InvalidInput);
        const auto newAccount = await([&](QObject *c, AccountStore::DoneCallback d) {
            store.addAccount(account(name), {{environment(u"fine"_s, u"other"_s), u"SECRET"_s}}, QString(), c,
                             d);
        });
        QVERIFY(!newAccount);
        QCOMPARE(newAccount.error().kind, Error::Kind::InvalidInput);
        const auto renamed = store.renameEnvironment(u"env-home"_s, name);
        QVERIFY(!renamed);
        QCOMPARE(renamed.error().kind, Error::Kind::InvalidInput);
        const auto relabelled = store.setAccountLabel(u"acc-home"_s, name);
        QVERIFY(!relabelled);
        QCOMPARE(relabelled.error().kind, Error::Kind::InvalidInput);
        QCOMPARE(fileContents(paths().settingsFile), before);
        QCOMPARE(secrets->entries().size(), 4);
    }

    void newerFormatIsRefusedAndNeverWritten()
    {
        QVERIFY(QDir().mkpath(QFileInfo(paths().settingsFile).absolutePath()));
        QFile file(paths().settingsFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray future = "[General]\nversion=" + QByteArray::number(AccountStore::kFormatVersion + 1)
            + "\nsomethingNew=keep me\n";
        file.write(future);
        file.close();

        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        const auto loaded = store.load();
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().kind, Error::Kind::InvalidInput);
        QCOMPARE(loaded.error().reason, ErrorReason::SettingsFileFromNewerVersion);
        QVERIFY2(stratus::words::ErrorWords::text(loaded.error()).contains(u"newer"_s),
                 qPrintable(stratus::words::ErrorWords::text(loaded.error())));

        const auto added = addHome(store);
        QVERIFY(!added);
        QVERIFY(secrets->entries().isEmpty()); // the secret written first was taken back
        QCOMPARE(fileContents(paths().settingsFile), future);
        QVERIFY(store.accounts().isEmpty());
    }

    void keychainErrors_data()
    {
        QTest::addColumn<Error>("failure");
        QTest::newRow("no backend") << keychainUnavailableError(
            u"org.freedesktop.secrets was not provided"_s);
        QTest::newRow("access denied")
            << makeError(Error::Kind::Permission, u"Access to the keychain was denied."_s);
    }

    void keychainErrors()
    {
        QFETCH(Error, failure);
        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QVERIFY(store.load());
        QVERIFY(addHome(store));
        const QByteArray before = fileContents(paths().settingsFile);

        secrets->setFailure(failure);
        const auto added = addWork(store);
        QVERIFY(!added);
        QCOMPARE(added.error().kind, failure.kind);
        QCOMPARE(store.accounts().size(), 1);
        QCOMPARE(fileContents(paths().settingsFile), before);

        const auto read = fetch(store.secretSource(u"env-home"_s));
        QVERIFY(!read);
        QCOMPARE(read.error().kind, failure.kind); // not mistaken for a missing secret

        const auto removed = await(
            [&](QObject *c, AccountStore::DoneCallback d) { store.removeEnvironment(u"env-home"_s, c, d); });
        QVERIFY(!removed);
        QCOMPARE(removed.error().kind, failure.kind);
        QVERIFY(store.environment(u"env-home"_s)); // still there, its secret too
        const auto loggedOut
            = await([&](QObject *c, AccountStore::DoneCallback d) { store.logOut(u"acc-home"_s, c, d); });
        QVERIFY(!loggedOut);
        QVERIFY(store.account(u"acc-home"_s)->loggedIn);
        QCOMPARE(fileContents(paths().settingsFile), before);

        secrets->setFailure(std::nullopt);
        QCOMPARE(secrets->entries().value(u"environment/env-home"_s), u"SECRET-HOME"_s);
        QCOMPARE(secrets->entries().size(), 1);
    }

    void missingEntry()
    {
        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QVERIFY(store.load());
        QVERIFY(addHome(store));
        // Someone deleted the entry behind Stratus's back (seahorse, secret-tool clear).
        std::optional<Result<Done>> removed;
        QObject context;
        secrets->remove(u"environment/env-home"_s, &context, [&](Result<Done> r) { removed.emplace(r); });
        QVERIFY(removed && removed->ok());

        std::optional<Result<QString>> read;
        store.secretStore()->read(u"environment/env-home"_s, &context,
                                  [&](Result<QString> r) { read.emplace(r); });
        QVERIFY(read && !read->ok());
        QCOMPARE(read->error().kind, Error::Kind::NotFound);

        const auto fetched = fetch(store.secretSource(u"env-home"_s));
        QVERIFY(!fetched);
        QCOMPARE(fetched.error().kind, Error::Kind::Auth); // "log in again", not "not found"
        const auto unknown = fetch(store.secretSource(u"no-such-environment"_s));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, Error::Kind::Auth);
    }

    void failingWriteLeavesNothing_data()
    {
        QTest::addColumn<QString>("failingKey");
        QTest::newRow("provisioning, first") << u"account/acc-work/provisioning"_s;
        QTest::newRow("second environment, last") << u"environment/env-staging"_s;
    }

    void failingWriteLeavesNothing()
    {
        QFETCH(QString, failingKey);
        auto secrets = std::make_shared<FailingKeyStore>();
        AccountStore store(secrets, paths());
        QVERIFY(store.load());
        QVERIFY(addHome(store));
        const QByteArray before = fileContents(paths().settingsFile);
        QSignalSpy changed(&store, &AccountStore::changed);

        secrets->failingKey = failingKey;
        const auto added = addWork(store);
        QVERIFY(!added);
        QCOMPARE(added.error().kind, Error::Kind::Permission);
        // The secrets written before the failure are gone again; the other account's stays.
        QCOMPARE(secrets->memory.entries().keys(), QList<QString> {u"environment/env-home"_s});
        QCOMPARE(fileContents(paths().settingsFile), before);
        QCOMPARE(store.accounts().size(), 1);
        QCOMPARE(store.environments().size(), 1);
        QCOMPARE(store.secretKeys(), QStringList {u"environment/env-home"_s});
        QCOMPARE(changed.size(), 0);
    }

    void everyWriteFailing()
    {
        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QVERIFY(store.load());
        secrets->setWriteFailure(keychainUnavailableError(QString()));
        const auto added = addWork(store);
        QVERIFY(!added);
        QCOMPARE(added.error().kind, Error::Kind::Unavailable);
        QVERIFY(secrets->entries().isEmpty());
        QVERIFY(!QFileInfo::exists(paths().settingsFile));
    }

    void unwritableSettingsUndoTheSecret()
    {
        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, paths());
        QVERIFY(store.load());
        QVERIFY(addHome(store));
        const QByteArray before = fileContents(paths().settingsFile);

        // The folder of accounts.ini becomes a plain file: nothing can be written there (even as root).
        const QString folder = QFileInfo(paths().settingsFile).absolutePath();
        QVERIFY(QDir(folder).removeRecursively());
        QFile blocker(folder);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();

        const auto added = await([&](QObject *c, AccountStore::DoneCallback d) {
            EnvironmentRecord env = environment(u"second"_s, u"second-cloud"_s, u"env-second"_s);
            env.accountId = u"acc-home"_s;
            store.addEnvironment(env, u"SECRET-SECOND"_s, c, d);
        });
        QVERIFY(!added);
        QCOMPARE(added.error().kind, Error::Kind::Io);
        QVERIFY(!secrets->entries().contains(u"environment/env-second"_s));
        QCOMPARE(secrets->entries().value(u"environment/env-home"_s), u"SECRET-HOME"_s);
        QCOMPARE(store.environments().size(), 1);
        QVERIFY(!store.secretKeys().contains(u"environment/env-second"_s));

        const auto account = addWork(store);
        QVERIFY(!account);
        QCOMPARE(account.error().kind, Error::Kind::Io);
        QCOMPARE(secrets->entries().keys(), QList<QString> {u"environment/env-home"_s});

        const auto loggedIn = await([&](QObject *c, AccountStore::DoneCallback d) {
            store.logIn(u"acc-home"_s, {{u"env-home"_s, u"SECRET-HOME-2"_s}}, QString(), c, d);
        });
        QVERIFY(!loggedIn);
        // The account was logged in: its secret was overwritten in place and must not be taken out
        // (the file still says it is logged in).
        QVERIFY(!secretOf(store.secretSource(u"env-home"_s)).startsWith(u"error: "_s));
        QVERIFY(!store.setCurrentEnvironment(QString()));
        QCOMPARE(store.currentEnvironmentId(), u"env-home"_s);

        // Put the file back: it holds what it held before the failures.
        QVERIFY(QFile::remove(folder));
        QVERIFY(QDir().mkpath(folder));
        QFile restored(paths().settingsFile);
        QVERIFY(restored.open(QIODevice::WriteOnly));
        restored.write(before);
        restored.close();
        AccountStore reopened(secrets, paths());
        QVERIFY(reopened.load());
        QCOMPARE(reopened.environments().size(), 1);
        QCOMPARE(reopened.secretKeys(), QStringList {u"environment/env-home"_s});
    }
};

QTEST_GUILESS_MAIN(TestAccountStore)
#include "tst_accountstore.moc"
