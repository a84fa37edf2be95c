#include "accountsfile.h"

#include <QFile>
#include <QSet>
#include <QSettings>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::core {

QString folderModeName(FolderMode mode)
{
    switch (mode) {
    case FolderMode::Fixed:
        return u"fixed"_s;
    case FolderMode::Dynamic:
        return u"dynamic"_s;
    case FolderMode::Unknown:
        break;
    }
    return u"unknown"_s;
}

FolderMode folderModeFromName(QStringView name)
{
    if (name == u"fixed")
        return FolderMode::Fixed;
    if (name == u"dynamic")
        return FolderMode::Dynamic;
    return FolderMode::Unknown;
}

QString SettingsProblem::location() const
{
    return array + u'/' + (kind == Kind::ArraySize ? u"size"_s : key);
}

Error SettingsProblem::error() const
{
    const auto damaged = [this](ErrorReason reason) {
        return Error::because(Error::Kind::Damaged, reason, detail);
    };
    switch (kind) {
    case Kind::ArraySize:
        return damaged(ErrorReason::AccountsFileSizeMismatch);
    case Kind::EntryKey:
        return damaged(ErrorReason::AccountsEntryKeyNotNumber);
    case Kind::NotText:
        return damaged(ErrorReason::AccountsEntryValueNotText);
    case Kind::MissingId:
        return damaged(ErrorReason::AccountsEntryIdMissing);
    case Kind::BadId:
        return damaged(ErrorReason::AccountsEntryIdUnusable);
    case Kind::DuplicateId:
        return damaged(ErrorReason::AccountsEntryIdTaken);
    case Kind::MissingName:
        return damaged(array == u"accounts" ? ErrorReason::AccountsEntryLabelMissing
                                            : ErrorReason::AccountsEntryNameMissing);
    case Kind::DuplicateName:
        return damaged(ErrorReason::AccountsEntryNameTaken);
    case Kind::BadUrl:
        return damaged(detail.isEmpty() ? ErrorReason::AccountsEntryUrlMissing
                                        : ErrorReason::AccountsEntryUrlUnreadable);
    case Kind::BadProvisioningUrl:
        return damaged(ErrorReason::AccountsEntryProvisioningUrlUnreadable);
    case Kind::UnknownAccount:
        return damaged(ErrorReason::AccountsEntryAccountMissing);
    }
    return damaged(ErrorReason::None);
}

namespace {

// Ids Stratus makes are UUIDs; tests and older files use short words. Either way an id becomes a
// folder name, so nothing that could leave the folder or hide in it.
bool isSafeId(const QString &id)
{
    if (id.size() > 128 || id.startsWith(u'.'))
        return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'-'
              || u == u'_' || u == u'.'))
            return false;
    }
    return true;
}

const QString kAccounts = u"accounts"_s;
const QString kEnvironments = u"environments"_s;

// An entry's key as QSettings arrays write it: 1, 2, … up to INT_MAX, in plain digits. 0 for
// anything else.
int entryIndex(const QString &key)
{
    if (key.isEmpty() || key.size() > 10 || key.front() == u'0')
        return 0;
    if (!std::all_of(key.cbegin(), key.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
        return 0;
    bool ok = false;
    const int index = key.toInt(&ok);
    return ok ? index : 0;
}

// Whether QSettings can read the value of `key` by that name. A key written in the file with a
// leading, trailing or doubled slash is listed as it is but looked up in its normal form, so its value
// cannot be had (nor kept); writing "it" back would overwrite the key it normalises to.
bool addressable(const QString &key)
{
    return !key.isEmpty() && !key.startsWith(u'/') && !key.endsWith(u'/') && !key.contains(u"//");
}

// Every key below `path`, and its own value when it is also a key (not for an array's "size",
// which is written anew).
QList<std::pair<QString, QVariant>> rawValues(QSettings &settings, const QString &path)
{
    QList<std::pair<QString, QVariant>> values;
    if (settings.contains(path) && !path.endsWith(u"/size"))
        values.append({QString(), settings.value(path)});
    settings.beginGroup(path);
    for (const QString &key : settings.allKeys()) {
        if (addressable(key))
            values.append({key, settings.value(key)});
    }
    settings.endGroup();
    return values;
}

// Reads one entry of an array; a failure is what makes it a damaged entry.
class EntryReader
{
public:
    EntryReader(QSettings &settings, SettingsProblem &problem)
        : m_settings(settings)
        , m_problem(problem)
    {
    }

    // A value that must be text: QSettings gives a QString, or a QStringList for an unquoted value
    // with commas (joined back the way it wrote them). Absent: empty. Anything else: damage.
    QString text(const QString &key)
    {
        const QVariant value = m_settings.value(key);
        if (!value.isValid())
            return {};
        if (value.typeId() == QMetaType::QString)
            return value.toString();
        if (value.typeId() == QMetaType::QStringList)
            return value.toStringList().join(u", "_s);
        fail(SettingsProblem::Kind::NotText, key);
        return {};
    }

    // What the entry is called in the report; an id it must have, and one no entry before it has.
    void identify(const QString &id, const QString &name, const QSet<QString> &idsBefore)
    {
        m_problem.id = id;
        m_problem.name = name;
        if (id.isEmpty())
            fail(SettingsProblem::Kind::MissingId);
        else if (!isSafeId(id))
            fail(SettingsProblem::Kind::BadId);
        else if (idsBefore.contains(id))
            fail(SettingsProblem::Kind::DuplicateId);
    }

    bool fail(SettingsProblem::Kind kind, const QString &detail = {})
    {
        if (m_failed)
            return false; // the first reason is the one reported
        m_failed = true;
        m_problem.kind = kind;
        m_problem.detail = detail;
        return false;
    }

    [[nodiscard]] bool failed() const { return m_failed; }

private:
    QSettings &m_settings;
    SettingsProblem &m_problem;
    bool m_failed = false;
};

// The keys of an entry this version reads and writes; any other is extra, and kept.
bool isKnownAccountKey(const QString &key)
{
    static const QStringList known {
        u"id"_s, u"label"_s, u"loggedIn"_s, u"embeddedSandbox"_s, u"provisioningUrl"_s, u"consoleEmail"_s};
    return known.contains(key);
}

bool isKnownEnvironmentKey(const QString &key)
{
    static const QStringList known {
        u"id"_s,         u"account"_s,         u"name"_s,      u"url"_s,
        u"folderMode"_s, u"embeddedSandbox"_s, u"checkedAt"_s, u"allowInsecureTransport"_s,
        u"credential"_s};
    return known.contains(key) || (key.startsWith(u"denied/") && key.count(u'/') == 1);
}

QList<std::pair<QString, QVariant>> extraValues(QSettings &settings, const QString &path,
                                                bool (*isKnown)(const QString &))
{
    QList<std::pair<QString, QVariant>> extras = rawValues(settings, path);
    extras.removeIf([isKnown](const std::pair<QString, QVariant> &entry) { return isKnown(entry.first); });
    return extras;
}

void writeExtras(QSettings &settings, const ExtraSettings &extras, const QString &id)
{
    for (const auto &[key, value] : extras.value(id))
        settings.setValue(key, value);
}

struct Slot
{
    QString key;
    int index = 0; ///< 0: not an entry index
    bool isEntry = false; ///< a group, and not also a value: what an array entry is
};

// What is under `array` but its size: the entries, indexes in order first, then anything else.
QList<Slot> slotsOf(QSettings &settings, const QString &array)
{
    settings.beginGroup(array);
    QStringList groupList = settings.childGroups();
    groupList.removeIf([](const QString &group) { return !addressable(group); });
    const QSet<QString> groups(groupList.cbegin(), groupList.cend());
    QStringList keyList = settings.childKeys();
    keyList.removeIf([](const QString &key) { return key == u"size" || !addressable(key); });
    const QSet<QString> keys(keyList.cbegin(), keyList.cend());
    QList<Slot> entries;
    for (const QString &group : groupList)
        entries.append({group, entryIndex(group), !keys.contains(group)});
    for (const QString &key : std::as_const(keyList)) {
        if (!groups.contains(key))
            entries.append({key, entryIndex(key), false});
    }
    settings.endGroup();
    std::stable_sort(entries.begin(), entries.end(), [](const Slot &a, const Slot &b) {
        if ((a.index == 0) != (b.index == 0))
            return a.index != 0;
        return a.index != 0 ? a.index < b.index : a.key < b.key;
    });
    return entries;
}

// Reports an array's `size` when it is not the index of its last entry.
void checkSize(QSettings &settings, const QString &array, const QList<Slot> &entries,
               QList<SettingsProblem> &problems)
{
    int last = 0;
    for (const Slot &slot : entries)
        last = std::max(last, slot.index);
    const QVariant stored = settings.value(array + u"/size"_s);
    if (!stored.isValid() && last == 0)
        return;
    // Text in the file; a number when this process wrote it (QSettings keeps what it was given).
    const QString text = stored.typeId() != QMetaType::QStringList && stored.canConvert<QString>()
        ? stored.toString()
        : QString();
    if (!text.isEmpty() && entryIndex(text) == last && last > 0)
        return;
    if (text == u"0" && last == 0)
        return;
    SettingsProblem problem;
    problem.kind = SettingsProblem::Kind::ArraySize;
    problem.array = array;
    problem.key = last > 0 ? QString::number(last) : QString();
    problem.detail = stored.isValid() ? (text.isEmpty() ? u"(not a number)"_s : text.left(40)) : QString();
    problems.append(problem);
}

// Reads every entry of `array`: `read(entry)` makes the record from the entry's group (the
// current group while it runs), failing `entry` for what makes it unusable; a failed entry is set
// aside with its problem, a good one goes to `use(record, its path)`.
template<typename Record, typename Read, typename Use>
void readArray(QSettings &settings, const QString &array, AccountsFileContents &contents, Read read, Use use)
{
    const QList<Slot> entries = slotsOf(settings, array);
    checkSize(settings, array, entries, contents.problems);
    for (const Slot &slot : entries) {
        const QString path = array + u'/' + slot.key;
        SettingsProblem problem;
        problem.array = array;
        problem.key = slot.key;
        EntryReader entry(settings, problem);
        Record record;
        if (slot.index == 0 || !slot.isEntry) {
            entry.fail(SettingsProblem::Kind::EntryKey);
        } else {
            settings.beginGroup(path);
            record = read(entry);
            settings.endGroup();
        }
        if (!entry.failed()) {
            use(std::move(record), path);
            continue;
        }
        // A group of keys QSettings lists but cannot read (see addressable()) holds nothing to keep.
        if (auto values = rawValues(settings, path); !values.isEmpty()) {
            contents.problems.append(problem);
            contents.kept.append({path, std::move(values)});
        }
    }
}

// The [accounts] array: the readable ones into contents.accounts; returns the ids read.
QSet<QString> readAccounts(QSettings &settings, AccountsFileContents &contents)
{
    QSet<QString> accountIds;
    readArray<AccountRecord>(
        settings, kAccounts, contents,
        [&](EntryReader &entry) {
            AccountRecord account;
            account.id = entry.text(u"id"_s);
            account.label = entry.text(u"label"_s);
            account.loggedIn = settings.value(u"loggedIn"_s, true).toBool();
            account.embeddedSandbox = settings.value(u"embeddedSandbox"_s, false).toBool();
            account.consoleEmail = settings.value(u"consoleEmail"_s).toString().trimmed();
            const QString provisioning = entry.text(u"provisioningUrl"_s);
            entry.identify(account.id, account.label, accountIds);
            if (!provisioning.isEmpty()) {
                if (auto url = CloudinaryUrl::parse(provisioning, CloudinaryUrl::Kind::Account)) {
                    account.provisioningUrl = url->withoutSecret();
                    account.hasProvisioning = true;
                } else {
                    entry.fail(SettingsProblem::Kind::BadProvisioningUrl,
                               errorReasonName(url.error().reason));
                }
            }
            return account;
        },
        [&](AccountRecord account, const QString &path) {
            accountIds.insert(account.id);
            if (auto extras = extraValues(settings, path, isKnownAccountKey); !extras.isEmpty())
                contents.accountExtras.insert(account.id, std::move(extras));
            contents.accounts.append(std::move(account));
        });
    return accountIds;
}

// The [environments] array, each of which must belong to one of `accountIds`.
void readEnvironments(QSettings &settings, AccountsFileContents &contents, const QSet<QString> &accountIds)
{
    QSet<QString> environmentIds;
    QSet<QString> names;
    readArray<EnvironmentRecord>(
        settings, kEnvironments, contents,
        [&](EntryReader &entry) {
            EnvironmentRecord env;
            env.id = entry.text(u"id"_s);
            env.accountId = entry.text(u"account"_s);
            env.name = entry.text(u"name"_s);
            const QString urlText = entry.text(u"url"_s);
            env.embeddedSandbox = settings.value(u"embeddedSandbox"_s, false).toBool();
            env.allowInsecureTransport = settings.value(u"allowInsecureTransport"_s, false).toBool();
            env.credential = settings.value(u"credential"_s).toString() == u"token"
                ? CredentialKind::AccessToken
                : CredentialKind::ApiSecret;
            env.folderMode = folderModeFromName(settings.value(u"folderMode"_s).toString());
            env.checkedAt = QDateTime::fromString(settings.value(u"checkedAt"_s).toString(), Qt::ISODate);
            settings.beginGroup(u"denied"_s);
            for (const QString &feature : settings.childKeys())
                env.deniedFeatures.insert(feature, settings.value(feature).toString());
            settings.endGroup();
            entry.identify(env.id, env.name, environmentIds);
            if (env.name.trimmed().isEmpty())
                entry.fail(SettingsProblem::Kind::MissingName);
            else if (names.contains(env.name))
                entry.fail(SettingsProblem::Kind::DuplicateName);
            if (urlText.isEmpty()) {
                entry.fail(SettingsProblem::Kind::BadUrl);
            } else if (auto url = CloudinaryUrl::parse(urlText, CloudinaryUrl::Kind::Cloud)) {
                env.url = url->withoutSecret();
            } else {
                entry.fail(SettingsProblem::Kind::BadUrl, errorReasonName(url.error().reason));
            }
            if (!accountIds.contains(env.accountId))
                entry.fail(SettingsProblem::Kind::UnknownAccount, env.accountId);
            return env;
        },
        [&](EnvironmentRecord env, const QString &path) {
            environmentIds.insert(env.id);
            names.insert(env.name);
            if (auto extras = extraValues(settings, path, isKnownEnvironmentKey); !extras.isEmpty())
                contents.environmentExtras.insert(env.id, std::move(extras));
            contents.environments.append(std::move(env));
        });
}

// What this version does not know (written by hand, or by a later minor version): kept as is.
void keepUnknownKeys(QSettings &settings, AccountsFileContents &contents)
{
    static const QStringList known {u"version"_s, kAccounts, kEnvironments, u"current"_s, u"secretKeys"_s};
    QStringList unknown;
    for (const QStringList &found : {settings.childKeys(), settings.childGroups()}) {
        for (const QString &name : found) {
            if (addressable(name) && !known.contains(name) && !unknown.contains(name))
                unknown.append(name);
        }
    }
    for (const QString &name : std::as_const(unknown)) {
        if (auto values = rawValues(settings, name); !values.isEmpty())
            contents.kept.append({name, std::move(values)});
    }
}

} // namespace

AccountsFileContents readAccountsFile(QSettings &settings)
{
    AccountsFileContents contents;
    const QSet<QString> accountIds = readAccounts(settings, contents);
    readEnvironments(settings, contents, accountIds);
    const QVariant current = settings.value(u"current"_s);
    contents.currentId = current.typeId() == QMetaType::QString ? current.toString() : QString();
    contents.secretKeys = settings.value(u"secretKeys"_s).toStringList();

    keepUnknownKeys(settings, contents);
    return contents;
}

namespace {

// The indexes the kept entries of `array` hold, and the highest of them.
QSet<int> takenIndexes(const QList<KeptSettings> &kept, const QString &array, int *highest)
{
    QSet<int> taken;
    const QString prefix = array + u'/';
    for (const KeptSettings &entry : kept) {
        if (!entry.path.startsWith(prefix))
            continue;
        const int index = entryIndex(entry.path.mid(prefix.size()));
        if (index > 0) {
            taken.insert(index);
            *highest = std::max(*highest, index);
        }
    }
    return taken;
}

// The next free index after `index`.
int nextFree(int index, const QSet<int> &taken)
{
    do
        ++index;
    while (taken.contains(index));
    return index;
}

} // namespace

void writeAccountsFile(QSettings &settings, int formatVersion, const AccountsFileContents &contents)
{
    settings.clear();
    settings.setValue(u"version"_s, formatVersion);

    int lastAccount = 0;
    const QSet<int> takenAccounts = takenIndexes(contents.kept, kAccounts, &lastAccount);
    int index = 0;
    for (const AccountRecord &account : contents.accounts) {
        index = nextFree(index, takenAccounts);
        settings.beginGroup(kAccounts + u'/' + QString::number(index));
        settings.setValue(u"id"_s, account.id);
        settings.setValue(u"label"_s, account.label);
        settings.setValue(u"loggedIn"_s, account.loggedIn);
        settings.setValue(u"embeddedSandbox"_s, account.embeddedSandbox);
        if (account.hasProvisioning)
            settings.setValue(u"provisioningUrl"_s, account.provisioningUrl.withoutSecret().toString());
        if (!account.consoleEmail.isEmpty())
            settings.setValue(u"consoleEmail"_s, account.consoleEmail);
        writeExtras(settings, contents.accountExtras, account.id);
        settings.endGroup();
    }
    settings.setValue(kAccounts + u"/size"_s, std::max(lastAccount, index));

    int lastEnvironment = 0;
    const QSet<int> takenEnvironments = takenIndexes(contents.kept, kEnvironments, &lastEnvironment);
    index = 0;
    for (const EnvironmentRecord &env : contents.environments) {
        index = nextFree(index, takenEnvironments);
        settings.beginGroup(kEnvironments + u'/' + QString::number(index));
        settings.setValue(u"id"_s, env.id);
        settings.setValue(u"account"_s, env.accountId);
        settings.setValue(u"name"_s, env.name);
        settings.setValue(u"url"_s, env.url.withoutSecret().toString());
        settings.setValue(u"folderMode"_s, folderModeName(env.folderMode));
        settings.setValue(u"embeddedSandbox"_s, env.embeddedSandbox);
        if (env.allowInsecureTransport)
            settings.setValue(u"allowInsecureTransport"_s, true);
        if (env.credential == CredentialKind::AccessToken)
            settings.setValue(u"credential"_s, u"token"_s); // absent: an API key and secret
        if (env.checkedAt.isValid())
            settings.setValue(u"checkedAt"_s, env.checkedAt.toUTC().toString(Qt::ISODate));
        for (auto it = env.deniedFeatures.cbegin(); it != env.deniedFeatures.cend(); ++it)
            settings.setValue(u"denied/"_s + it.key(), it.value());
        writeExtras(settings, contents.environmentExtras, env.id);
        settings.endGroup();
    }
    settings.setValue(kEnvironments + u"/size"_s, std::max(lastEnvironment, index));

    for (const KeptSettings &entry : contents.kept) {
        for (const auto &[key, value] : entry.values)
            settings.setValue(key.isEmpty() ? entry.path : entry.path + u'/' + key, value);
    }
    if (!contents.currentId.isEmpty())
        settings.setValue(u"current"_s, contents.currentId);
    if (!contents.secretKeys.isEmpty())
        settings.setValue(u"secretKeys"_s, contents.secretKeys);
}

QByteArray withoutTypedValues(const QByteArray &ini)
{
    QByteArray safe;
    safe.reserve(ini.size());
    const auto decodedThroughDataStream = [&ini](qsizetype at) {
        const QByteArrayView rest = QByteArrayView(ini).sliced(at);
        return rest.startsWith("@Variant(") || rest.startsWith("@DateTime(");
    };
    for (qsizetype i = 0; i < ini.size(); ++i) {
        const char c = ini.at(i);
        if (c == '@' && decodedThroughDataStream(i)) {
            // Where a value, or an element of a list value, starts: after `=` or `,`, blanks and
            // an opening quote aside.
            qsizetype before = i - 1;
            if (before >= 0 && ini.at(before) == '"')
                --before;
            while (before >= 0 && (ini.at(before) == ' ' || ini.at(before) == '\t'))
                --before;
            if (before >= 0 && (ini.at(before) == '=' || ini.at(before) == ','))
                safe.append('@');
        }
        safe.append(c);
    }
    return safe;
}

AccountsFileReader::AccountsFileReader(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error
            = Error::because(Error::Kind::Io, ErrorReason::SettingsFileUnreadable, path, file.errorString());
        return;
    }
    if (file.size() > kMaxAccountsFileBytes) {
        m_error = Error::because(Error::Kind::Io, ErrorReason::SettingsFileTooLarge, path);
        return;
    }
    const QByteArray text = file.read(kMaxAccountsFileBytes + 1);
    if (text.size() > kMaxAccountsFileBytes) {
        m_error = Error::because(Error::Kind::Io, ErrorReason::SettingsFileTooLarge, path);
        return;
    }
    QFile copy(m_dir.filePath(u"accounts.ini"_s));
    if (!m_dir.isValid() || !copy.open(QIODevice::WriteOnly) || copy.write(withoutTypedValues(text)) < 0
        || !copy.flush()) {
        m_error = Error::because(Error::Kind::Io, ErrorReason::SettingsFileNoWorkingCopy, path);
        return;
    }
    copy.close();
    m_settings = std::make_unique<QSettings>(copy.fileName(), QSettings::IniFormat);
}

AccountsFileReader::~AccountsFileReader() = default;

} // namespace stratus::core
