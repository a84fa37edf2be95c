// AccountStore: reading and writing accounts.ini, the queries and the changes that involve no secret
// (those that do are in accountstorechanges.cpp, the keychain half in accountstorekeychain.cpp).
#include "accountstore.h"

#include "core/net/neterror.h"
#include "core/net/secretsource.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSettings>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <utility>

using namespace Qt::StringLiterals;

namespace stratus::core {

Q_LOGGING_CATEGORY(lcAccounts, "stratus.core.accounts")

AccountStore::AccountStore(std::shared_ptr<SecretStore> secrets, StorageLayout layout, QObject *parent)
    : QObject(parent)
    , m_secrets(std::move(secrets))
    , m_layout(std::move(layout))
{
}

AccountStore::~AccountStore() = default;

QString AccountStore::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Result<Done> AccountStore::load()
{
    m_loadError.reset();
    m_accounts.clear();
    m_environments.clear();
    m_currentId.clear();
    m_secretKeys.clear();
    m_kept.clear();
    m_accountExtras.clear();
    m_environmentExtras.clear();
    m_problems.clear();

    if (!QFileInfo::exists(m_layout.settingsFile))
        return Done {};
    AccountsFileReader reader(m_layout.settingsFile);
    if (reader.error() || reader.settings().status() != QSettings::NoError) {
        // Whatever is in there must not be overwritten by what little could be read.
        m_loadError = reader.error().value_or(
            Error::because(Error::Kind::Io, ErrorReason::SettingsFileUnreadable, m_layout.settingsFile));
        return *m_loadError;
    }
    QSettings &settings = reader.settings();
    const int version = settings.value(u"version"_s, 0).toInt();
    if (version > kFormatVersion) {
        m_loadError = Error::because(Error::Kind::InvalidInput, ErrorReason::SettingsFileFromNewerVersion,
                                     m_layout.settingsFile);
        return *m_loadError;
    }

    AccountsFileContents contents = readAccountsFile(settings);
    m_accounts = std::move(contents.accounts);
    m_environments = std::move(contents.environments);
    m_secretKeys = std::move(contents.secretKeys);
    m_kept = std::move(contents.kept);
    m_accountExtras = std::move(contents.accountExtras);
    m_environmentExtras = std::move(contents.environmentExtras);
    m_problems = std::move(contents.problems);
    for (const SettingsProblem &problem : std::as_const(m_problems))
        qCWarning(lcAccounts).noquote() << m_layout.settingsFile << problem.location()
                                        << errorReasonName(problem.error().reason) << problem.detail;
    // A current environment whose entry is damaged stays current (and in the file): it is what the
    // person chose, and front ends say why it cannot be used rather than quietly using another.
    m_currentId = contents.currentId;
    if (!environment(m_currentId) && !damagedEnvironmentWithId(m_currentId))
        m_currentId.clear();
    return Done {};
}

AccountStore::State AccountStore::state() const
{
    return State {m_accounts, m_environments, m_currentId, m_secretKeys};
}

Result<Done> AccountStore::save(const State &next)
{
    if (m_loadError)
        return *m_loadError;
    QDir().mkpath(QFileInfo(m_layout.settingsFile).absolutePath());
    // Written whole to a new file that then takes the old one's place: QSettings never parses the
    // old file (see withoutTypedValues()), and a crash half-way leaves the old file as it was.
    const QString written = m_layout.settingsFile + u".new"_s;
    QFile::remove(written);
    bool ok = false;
    {
        QSettings settings(written, QSettings::IniFormat);
        writeAccountsFile(settings, kFormatVersion,
                          AccountsFileContents {next.accounts,
                                                next.environments,
                                                next.currentId,
                                                next.secretKeys,
                                                m_kept,
                                                m_accountExtras,
                                                m_environmentExtras,
                                                {}});
        settings.sync();
        ok = settings.status() == QSettings::NoError;
    }
    ok = ok && QFile::setPermissions(written, QFile::ReadOwner | QFile::WriteOwner)
        && ::rename(QFile::encodeName(written).constData(),
                    QFile::encodeName(m_layout.settingsFile).constData())
            == 0;
    if (!ok) {
        QFile::remove(written);
        return Error::because(Error::Kind::Io, ErrorReason::SettingsFileUnwritable, m_layout.settingsFile);
    }

    m_accounts = next.accounts;
    m_environments = next.environments;
    m_currentId = next.currentId;
    m_secretKeys = next.secretKeys;
    // The file's array sizes agree with its entries now; damaged entries are still there.
    m_problems.removeIf([](const SettingsProblem &problem) { return !problem.isDamagedEntry(); });
    Q_EMIT changed();
    return Done {};
}

QList<EnvironmentRecord> AccountStore::activeEnvironments() const
{
    QList<EnvironmentRecord> result;
    for (const AccountRecord &account : m_accounts) {
        if (account.loggedIn)
            result.append(environmentsOf(account.id));
    }
    return result;
}

QList<EnvironmentRecord> AccountStore::environmentsOf(const QString &accountId) const
{
    QList<EnvironmentRecord> result;
    for (const EnvironmentRecord &env : m_environments) {
        if (env.accountId == accountId)
            result.append(env);
    }
    return result;
}

namespace {

// The first record whose `field` equals `value`, or null.
template<typename Record>
const Record *findBy(const QList<Record> &records, QString Record::*field, const QString &value)
{
    const auto it = std::find_if(records.cbegin(), records.cend(),
                                 [&](const Record &record) { return record.*field == value; });
    return it == records.cend() ? nullptr : &*it;
}

} // namespace

const EnvironmentRecord *AccountStore::environment(const QString &id) const
{
    return findBy(m_environments, &EnvironmentRecord::id, id);
}

const EnvironmentRecord *AccountStore::environmentByName(const QString &name) const
{
    return findBy(m_environments, &EnvironmentRecord::name, name);
}

const AccountRecord *AccountStore::account(const QString &id) const
{
    return findBy(m_accounts, &AccountRecord::id, id);
}

const AccountRecord *AccountStore::accountByLabel(const QString &label) const
{
    return findBy(m_accounts, &AccountRecord::label, label);
}

QString AccountStore::currentEnvironmentId() const
{
    return environment(m_currentId) ? m_currentId : QString();
}

const SettingsProblem *AccountStore::damagedEnvironment(const QString &name) const
{
    const auto it = std::find_if(m_problems.cbegin(), m_problems.cend(), [&](const SettingsProblem &problem) {
        return problem.isDamagedEntry() && problem.array == u"environments" && !name.isEmpty()
            && problem.name == name;
    });
    return it == m_problems.cend() ? nullptr : &*it;
}

const SettingsProblem *AccountStore::damagedEnvironmentWithId(const QString &id) const
{
    const auto it = std::find_if(m_problems.cbegin(), m_problems.cend(), [&](const SettingsProblem &problem) {
        return problem.isDamagedEntry() && problem.array == u"environments" && !id.isEmpty()
            && problem.id == id;
    });
    return it == m_problems.cend() ? nullptr : &*it;
}

const SettingsProblem *AccountStore::damagedCurrent() const
{
    return environment(m_currentId) ? nullptr : damagedEnvironmentWithId(m_currentId);
}

Result<Done> AccountStore::setCurrentEnvironment(const QString &id)
{
    if (!id.isEmpty() && !environment(id))
        return Error::because(Error::Kind::NotFound, ErrorReason::NoSuchEnvironment);
    if (id == m_currentId)
        return Done {};
    State next = state();
    next.currentId = id;
    return save(next);
}

Result<Done> AccountStore::setAccountLabel(const QString &id, const QString &label)
{
    if (!account(id))
        return Error::because(Error::Kind::NotFound, ErrorReason::NoSuchAccount);
    if (label.trimmed().isEmpty())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::AccountLabelMissing);
    if (auto valid = validateName(label.trimmed(), ErrorReason::AccountLabelUnusable); !valid)
        return valid.error();
    State next = state();
    for (AccountRecord &account : next.accounts) {
        if (account.id == id)
            account.label = label.trimmed();
    }
    return save(next);
}

Result<Done> AccountStore::setConsoleEmail(const QString &id, const QString &email)
{
    if (!account(id))
        return Error::because(Error::Kind::NotFound, ErrorReason::NoSuchAccount);
    const QString trimmed = email.trimmed();
    if (!trimmed.isEmpty()) {
        const qsizetype at = trimmed.indexOf(u'@');
        const bool shaped = at > 0 && at == trimmed.lastIndexOf(u'@') && at < trimmed.size() - 1
            && trimmed.size() <= 254 && std::none_of(trimmed.cbegin(), trimmed.cend(), [](QChar c) {
                                return c.isSpace() || c.category() == QChar::Other_Control;
                            });
        if (!shaped)
            return Error::invalidInput(trimmed);
    }
    State next = state();
    for (AccountRecord &account : next.accounts) {
        if (account.id == id)
            account.consoleEmail = trimmed;
    }
    return save(next);
}

Result<Done> AccountStore::renameEnvironment(const QString &id, const QString &name)
{
    const EnvironmentRecord *env = environment(id);
    if (!env)
        return Error::because(Error::Kind::NotFound, ErrorReason::NoSuchEnvironment);
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::EnvironmentNameMissing);
    if (auto valid = validateName(trimmed, ErrorReason::EnvironmentNameUnusable); !valid)
        return valid.error();
    const EnvironmentRecord *other = environmentByName(trimmed);
    if ((other && other->id != id) || damagedEnvironment(trimmed))
        return Error::because(Error::Kind::Conflict, ErrorReason::EnvironmentNameTaken, trimmed);
    State next = state();
    for (EnvironmentRecord &e : next.environments) {
        if (e.id == id)
            e.name = trimmed;
    }
    return save(next);
}

Result<Done> AccountStore::setInsecureTransportAllowed(const QString &id, bool allowed)
{
    if (!environment(id))
        return Error::because(Error::Kind::NotFound, ErrorReason::NoSuchEnvironment);
    State next = state();
    for (EnvironmentRecord &e : next.environments) {
        if (e.id == id)
            e.allowInsecureTransport = allowed;
    }
    return save(next);
}

Result<Done> AccountStore::updateCheck(const EnvironmentRecord &checked)
{
    if (!environment(checked.id))
        return Error::because(Error::Kind::NotFound, ErrorReason::NoSuchEnvironment);
    State next = state();
    for (EnvironmentRecord &e : next.environments) {
        if (e.id == checked.id) {
            e.folderMode = checked.folderMode;
            e.deniedFeatures = checked.deniedFeatures;
            e.checkedAt = checked.checkedAt;
        }
    }
    return save(next);
}

CloudinaryUrl AccountStore::effectiveUrl(const QString &environmentId) const
{
    if (const auto it = m_runtime.constFind(environmentId); it != m_runtime.constEnd())
        return it->url.withoutSecret();
    const EnvironmentRecord *env = environment(environmentId);
    if (!env || env->embeddedSandbox)
        return {};
    return env->url;
}

void AccountStore::setRuntimeEnvironment(const QString &environmentId, const CloudinaryUrl &url,
                                         std::shared_ptr<const SecretSource> secret)
{
    m_runtime.insert(environmentId, Runtime {url.withoutSecret(), std::move(secret)});
    Q_EMIT changed();
}

bool AccountStore::isRuntimeAvailable(const QString &environmentId) const
{
    return m_runtime.contains(environmentId);
}

void AccountStore::deleteLocalData(const QString &accountId, const QList<EnvironmentRecord> &environments)
{
    // Called after save() announced the change, so whoever held these files open has let them go.
    // The record is gone already: a file that cannot be deleted is logged, not reported as a failed
    // removal of something that no longer exists.
    for (const EnvironmentRecord &env : environments) {
        if (env.embeddedSandbox)
            continue;
        if (auto removed = m_layout.removeEnvironmentData(env.id); !removed)
            qCWarning(lcAccounts).noquote() << "cannot delete" << removed.error().subject;
    }
    if (!accountId.isEmpty()) {
        if (auto removed = m_layout.removeAccountData(accountId); !removed)
            qCWarning(lcAccounts).noquote() << "cannot delete" << removed.error().subject;
    }
}

} // namespace stratus::core
