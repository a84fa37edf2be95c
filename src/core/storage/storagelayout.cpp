#include "storagelayout.h"

#include "core/catalog/catalogpaths.h"
#include "core/net/neterror.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

// An id becomes a file or folder name under a root. One that is empty, a dot name or holds a
// separator would name the root itself or something outside it: deleting that must never happen,
// whatever a hand-edited accounts.ini says.
bool isOneComponent(const QString &id)
{
    return !id.isEmpty() && id != u"."_s && id != u".."_s && !id.contains(u'/') && !id.contains(u'\\')
        && !id.contains(QChar(0));
}

// Deletes a folder with all it holds, or a file; what is not there is no failure.
bool removePath(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists() && !info.isSymLink())
        return true;
    if (info.isDir() && !info.isSymLink())
        return QDir(path).removeRecursively();
    return QFile::remove(path);
}

Result<Done> removeAll(const QString &id, const QStringList &paths)
{
    if (!isOneComponent(id))
        return Error::because(Error::Kind::InvalidInput, ErrorReason::StorageIdUnusable, id);
    QStringList left;
    for (const QString &path : paths) {
        if (!removePath(path))
            left.append(QDir::toNativeSeparators(path));
    }
    if (!left.isEmpty())
        return Error::because(Error::Kind::Io, ErrorReason::FilesNotDeleted, left.join(u", "_s));
    return Done {};
}

QString folderOf(const QString &file)
{
    return QFileInfo(file).path();
}

} // namespace

StorageLayout StorageLayout::standard()
{
    // Generic locations with a fixed "Stratus", not the application's own: the app and stratus-cli
    // have different application names and must find the same files.
    StorageLayout layout;
    layout.settingsFile = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + u"/Stratus/accounts.ini"_s;
    layout.dataRoot = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/Stratus"_s;
    layout.cacheRoot = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + u"/Stratus"_s;
    return layout;
}

StorageLayout StorageLayout::under(const QString &root)
{
    return StorageLayout {root + u"/config/accounts.ini"_s, root + u"/data"_s, root + u"/cache"_s};
}

QString StorageLayout::preferencesFile() const
{
    return QFileInfo(settingsFile).path() + u"/Stratus.conf"_s;
}

QString StorageLayout::catalogFile(const QString &environmentId) const
{
    return catalog::catalogFilePath(dataRoot + u"/catalog"_s, environmentId);
}

QString StorageLayout::uploadJournalFile(const QString &environmentId) const
{
    return dataRoot + u"/uploads/"_s + environmentId + u"/journal.sqlite"_s;
}

QString StorageLayout::cacheDirectory(const QString &environmentId) const
{
    return cacheRoot + u"/environments/"_s + environmentId;
}

QString StorageLayout::thumbnailCacheDirectory(const QString &environmentId) const
{
    return cacheDirectory(environmentId) + u"/thumbnails"_s;
}

QString StorageLayout::tokenMetadataFile(const QString &environmentId) const
{
    return dataRoot + u"/tokens/"_s + environmentId + u".json"_s;
}

QString StorageLayout::tokenLockFile(const QString &environmentId) const
{
    return dataRoot + u"/tokens/"_s + environmentId + u".lock"_s;
}

QString StorageLayout::webProfileDirectory(const QString &accountId) const
{
    return dataRoot + u"/web-profiles/"_s + accountId;
}

QString StorageLayout::localSandboxDirectory() const
{
    return dataRoot + u"/local-sandbox"_s;
}

Result<Done> StorageLayout::removeEnvironmentData(const QString &environmentId) const
{
    // The catalogue's and the journal's folders, not only their files: SQLite's -wal and -shm and
    // the journal's lock files live beside them, and nothing else does.
    return removeAll(environmentId,
                     {folderOf(catalogFile(environmentId)), folderOf(uploadJournalFile(environmentId)),
                      cacheDirectory(environmentId), tokenMetadataFile(environmentId)});
}

Result<Done> StorageLayout::removeAccountData(const QString &accountId) const
{
    return removeAll(accountId, {webProfileDirectory(accountId)});
}

} // namespace stratus::core
