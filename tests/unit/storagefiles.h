#pragma once

// What the tests of removal and log out look at: every file and folder under a temporary
// StorageLayout's root, which of them are an account's or an environment's, and which files this
// process still has open.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <algorithm>

namespace stratus::test {

/// Every file and folder under @p root, relative to it, sorted.
inline QStringList filesUnder(const QString &root)
{
    QStringList found;
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        found.append(QDir(root).relativeFilePath(it.next()));
    found.sort();
    return found;
}

/// Those of @p paths that are one of @p ids' own: under a folder named by the id, or a file named
/// after it (`tokens/<id>.json`). Ids are UUIDs or words no other id starts with.
inline QStringList ownedBy(const QStringList &paths, const QStringList &ids)
{
    QStringList owned;
    for (const QString &path : paths) {
        const QStringList parts = path.split(u'/');
        const bool theirs = std::any_of(parts.cbegin(), parts.cend(), [&](const QString &part) {
            return std::any_of(ids.cbegin(), ids.cend(),
                               [&](const QString &id) { return part == id || part.startsWith(id + u'.'); });
        });
        if (theirs)
            owned.append(path);
    }
    return owned;
}

/// The files under @p root this process has open (Linux: /proc/self/fd), relative to it; a file
/// deleted while open ends in " (deleted)".
inline QStringList openFilesUnder(const QString &root)
{
    const QString prefix = QFileInfo(root).canonicalFilePath() + u'/';
    QStringList open;
    const QDir descriptors(QStringLiteral("/proc/self/fd"));
    for (const QString &fd : descriptors.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
        const QString target = QFile::symLinkTarget(descriptors.filePath(fd));
        if (target.startsWith(prefix))
            open.append(target.mid(prefix.size()));
    }
    open.sort();
    return open;
}

inline bool writeFileUnder(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace stratus::test
