#pragma once

#include "accounts.h"
#include "core/util/result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariant>

#include <memory>
#include <optional>
#include <utility>

class QSettings;

namespace stratus::core {

/// Something in accounts.ini that Stratus cannot use as it is. A damaged entry is set aside — not
/// used, and written back unchanged by every save (KeptSettings) — so that nothing a person or an
/// older or newer Stratus wrote is lost; a `size` that disagrees with the entries is only reported
/// (the entries that are there are what counts; the next save writes the right size). Plain value;
/// front ends word it.
struct SettingsProblem
{
    enum class Kind {
        ArraySize, ///< the array's `size` is not the index of its last entry; detail: the stored text
        EntryKey, ///< a key under the array that is not an entry index (1, 2, …)
        NotText, ///< a value that must be text is something else; detail: the key
        MissingId,
        /// an id Stratus would not make: ids name folders (catalogue, caches, web profile) that
        /// removal deletes, so one like "../.." must never be used
        BadId,
        DuplicateId, ///< another entry before it has the same id
        MissingName,
        DuplicateName, ///< an environment before it has the same name
        /// no CLOUDINARY_URL (detail empty), or one that does not parse; detail: the name of the
        /// parser's ErrorReason
        BadUrl,
        /// an account's provisioningUrl does not parse; detail: the name of the parser's ErrorReason
        BadProvisioningUrl,
        UnknownAccount, ///< an environment of an account that is not there or is damaged; detail: its id
    };

    Kind kind = Kind::ArraySize;
    QString array; ///< "accounts" or "environments"
    QString key; ///< the entry's key in the array as in the file ("3"); ArraySize: the last entry's
    QString id; ///< the entry's id as stored, may be empty
    QString name; ///< an environment's name or an account's label as stored, may be empty
    QString detail;

    /// Everything but ArraySize sets an entry aside.
    [[nodiscard]] bool isDamagedEntry() const { return kind != Kind::ArraySize; }
    /// Where in the file: "environments/3", or "environments/size".
    [[nodiscard]] QString location() const;
    /// Why, as an error value: Kind::Damaged, an accounts-file reason (AccountsEntry…, or
    /// AccountsFileSizeMismatch) and the detail as its subject. words::ErrorWords words it, for the
    /// app and stratus-cli alike; location() and the name say which entry.
    [[nodiscard]] Error error() const;
};

/// Settings Stratus does not use, exactly as they were read, to be written back unchanged: a damaged
/// entry of an array, or a key or group it does not know. (Keys QSettings lists but cannot read —
/// written with a leading, trailing or doubled separator — cannot be kept.)
struct KeptSettings
{
    QString path; ///< the group (or key) in the file: "environments/3", "somethingNew"
    QList<std::pair<QString, QVariant>> values; ///< keys below `path` ("" for `path` itself)
};

/// Keys of a used entry that this version does not know (a later minor version's), by the entry's
/// id: written back with the entry.
using ExtraSettings = QHash<QString, QList<std::pair<QString, QVariant>>>;

/// What accounts.ini holds, split into what Stratus uses and what it keeps without using.
struct AccountsFileContents
{
    QList<AccountRecord> accounts;
    QList<EnvironmentRecord> environments;
    QString currentId; ///< as stored: may name a damaged environment, or none at all
    QStringList secretKeys;
    QList<KeptSettings> kept;
    ExtraSettings accountExtras;
    ExtraSettings environmentExtras;
    QList<SettingsProblem> problems;
};

/// Reads accounts.ini through `settings` (the caller has checked the format version). The work is
/// bounded by what the file holds: the entries of an array are the groups under it, whatever its
/// `size` says. Never fails: what cannot be used is in `kept` and `problems`.
[[nodiscard]] AccountsFileContents readAccountsFile(QSettings &settings);

/// The most accounts.ini may hold: far beyond a real one (a few kB), and the bound on what a
/// damaged or hostile file costs to read.
constexpr qint64 kMaxAccountsFileBytes = 4 * 1024 * 1024;

/// accounts.ini's text as QSettings may safely read it. QSettings decodes a value written as
/// `@Variant(…)` or `@DateTime(…)` through QDataStream as it parses the file, and a crafted length
/// there asks for gigabytes (std::bad_alloc: a crash) before anything can look at it. Stratus writes
/// only text, numbers and booleans, so such a value (where a value or a list element starts) can
/// only be a hand edit or damage: it becomes the text it spells (`@@…`, QSettings' escape for a
/// leading `@`; written back as `@String(…)`), which the reader then judges like any other value.
/// The other `@` forms (`@String`, `@ByteArray`, `@Rect`, …) are parsed without QDataStream.
[[nodiscard]] QByteArray withoutTypedValues(const QByteArray &ini);

/// accounts.ini opened for reading through QSettings by way of a private copy made safe by
/// withoutTypedValues(), never the file itself (QSettings would parse it). The copy lives as long
/// as this object.
class AccountsFileReader
{
public:
    explicit AccountsFileReader(const QString &path);
    AccountsFileReader(const AccountsFileReader &) = delete;
    AccountsFileReader &operator=(const AccountsFileReader &) = delete;
    ~AccountsFileReader();

    /// Why the file cannot be read (missing, unreadable, larger than kMaxAccountsFileBytes); nullopt
    /// when settings() can be used.
    [[nodiscard]] const std::optional<Error> &error() const { return m_error; }
    [[nodiscard]] QSettings &settings() { return *m_settings; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::optional<Error> m_error;
};

/// Replaces everything in `settings` with `contents`: the records under fresh indexes, the kept
/// settings under the keys they had (records are numbered around them), each array's `size` the
/// index of its last entry. Does not sync.
void writeAccountsFile(QSettings &settings, int formatVersion, const AccountsFileContents &contents);

} // namespace stratus::core
