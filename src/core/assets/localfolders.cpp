#include "localfolders.h"

#include <algorithm>

namespace stratus::core::assets {

using catalog::CatalogFolder;

namespace {

bool isAtOrBelow(const QString &path, const QString &folder)
{
    return path == folder || path.startsWith(folder + u'/');
}

QString parentOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash < 0 ? QString() : path.left(slash);
}

} // namespace

void LocalFolders::add(const QString &path)
{
    for (QString folder = path; !folder.isEmpty(); folder = parentOf(folder))
        m_paths.insert(folder);
}

void LocalFolders::remove(const QString &path)
{
    m_paths.removeIf([&](const QString &folder) { return isAtOrBelow(folder, path); });
}

void LocalFolders::rename(const QString &from, const QString &to)
{
    QStringList moved;
    for (const QString &folder : std::as_const(m_paths)) {
        if (isAtOrBelow(folder, from))
            moved.append(to + folder.mid(from.size()));
    }
    remove(from);
    for (const QString &folder : std::as_const(moved))
        add(folder);
}

bool LocalFolders::hasChildren(const QString &parent) const
{
    return std::any_of(m_paths.cbegin(), m_paths.cend(),
                       [&](const QString &folder) { return parentOf(folder) == parent; });
}

void LocalFolders::mergeInto(QList<CatalogFolder> &folders, const QString &parent) const
{
    bool added = false;
    for (const QString &path : m_paths) {
        if (parentOf(path) != parent)
            continue;
        const auto known = std::find_if(folders.begin(), folders.end(),
                                        [&](const CatalogFolder &folder) { return folder.path == path; });
        if (known != folders.end()) {
            known->hasChildren = known->hasChildren || hasChildren(path);
            continue;
        }
        CatalogFolder folder;
        folder.path = path;
        folder.name = path.mid(path.lastIndexOf(u'/') + 1);
        folder.parent = parent;
        folder.hasChildren = hasChildren(path);
        folders.append(folder);
        added = true;
    }
    if (added) {
        std::stable_sort(folders.begin(), folders.end(), [](const CatalogFolder &a, const CatalogFolder &b) {
            return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
        });
    }
}

} // namespace stratus::core::assets
