// Catalog's known folders: what the server's folder listing (Admin API `folders`) named, so that
// folders without assets show in the tree. The folder table itself is rebuilt in catalogwrite.cpp.
#include "catalog.h"

#include "catalogsql_p.h"

#include "core/search/searchrecorddata.h"

#include <QSet>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace stratus::core::catalog {

namespace {

// `path` itself or below it, without LIKE (whose wildcards a folder name may contain).
// Takes the path three times.
const QString kInSubtree = u"(path = ? OR substr(path, 1, length(?) + 1) = ? || '/')"_s;

} // namespace

Result<QStringList> Catalog::knownFolders() const
{
    auto rows = sql::run(db(), u"SELECT path FROM known_folders WHERE path <> '' ORDER BY path"_s);
    if (!rows)
        return rows.error();
    QStringList paths;
    while (rows.value().next())
        paths.append(rows.value().value(0).toString());
    if (auto read = sql::drained(*rows); !read)
        return read.error();
    return paths;
}

Result<QStringList> Catalog::foldersByListingAge() const
{
    // The root's listing time is kept like a folder's, under the path "".
    auto rows = sql::run(db(),
                         u"SELECT p.path FROM (SELECT '' AS path UNION SELECT path FROM folders) p"
                         u" LEFT JOIN known_folders k ON k.path = p.path"
                         u" ORDER BY k.listed_at IS NOT NULL, k.listed_at, length(p.path) - "
                         u"length(replace(p.path, '/', '')), p.path"_s);
    if (!rows)
        return rows.error();
    QStringList paths;
    while (rows.value().next())
        paths.append(rows.value().value(0).toString());
    if (auto read = sql::drained(*rows); !read)
        return read.error();
    return paths;
}

Result<Done> Catalog::forgetKnownSubtree(const QString &path)
{
    if (path.isEmpty())
        return Done {};
    auto removed = sql::run(db(), u"DELETE FROM known_folders WHERE "_s + kInSubtree, {path, path, path});
    return removed ? Result<Done>(Done {}) : Result<Done>(removed.error());
}

Result<Done> Catalog::addKnownFolder(const QString &path)
{
    for (QString folder = path; !folder.isEmpty(); folder = search::fixedModeFolder(folder)) {
        auto added = sql::run(db(), u"INSERT OR IGNORE INTO known_folders (path, parent) VALUES (?, ?)"_s,
                              {folder, search::fixedModeFolder(folder)});
        if (!added)
            return added.error();
    }
    return Done {};
}

Result<Done> Catalog::setKnownChildren(const QString &parent, const QStringList &children,
                                       const QDateTime &when)
{
    return transaction([&]() -> Result<Done> {
        const QSet<QString> listed(children.cbegin(), children.cend());
        auto rows = sql::run(db(), u"SELECT path FROM known_folders WHERE parent = ?"_s, {parent});
        if (!rows)
            return rows.error();
        QStringList gone;
        while (rows.value().next()) {
            const QString path = rows.value().value(0).toString();
            if (!listed.contains(path))
                gone.append(path);
        }
        if (auto read = sql::drained(*rows); !read)
            return read;
        for (const QString &path : std::as_const(gone)) {
            if (auto forgotten = forgetKnownSubtree(path); !forgotten)
                return forgotten;
        }
        for (const QString &child : children) {
            if (child.isEmpty() || search::fixedModeFolder(child) != parent)
                continue; // not a child of parent: a server answering nonsense changes nothing
            if (auto added = addKnownFolder(child); !added)
                return added;
        }
        if (!parent.isEmpty()) {
            if (auto added = addKnownFolder(parent); !added)
                return added;
        }
        auto marked = sql::run(db(),
                               u"INSERT INTO known_folders (path, parent, listed_at) VALUES (?, ?, ?)"
                               u" ON CONFLICT (path) DO UPDATE SET listed_at = excluded.listed_at"_s,
                               {parent, search::fixedModeFolder(parent), sql::dateValue(when)});
        return marked ? Result<Done>(Done {}) : Result<Done>(marked.error());
    });
}

Result<Done> Catalog::applyKnownFolders()
{
    return transaction([this] { return rebuildFolders(); });
}

Result<Done> Catalog::forgetKnownFolder(const QString &path)
{
    return transaction([&] { return forgetKnownSubtree(path); });
}

Result<Done> Catalog::folderCreated(const QString &path)
{
    return transaction([&]() -> Result<Done> {
        if (auto added = addKnownFolder(path); !added)
            return added;
        return rebuildFolders();
    });
}

Result<Done> Catalog::folderDeleted(const QString &path)
{
    return transaction([&]() -> Result<Done> {
        if (auto forgotten = forgetKnownSubtree(path); !forgotten)
            return forgotten;
        return rebuildFolders();
    });
}

Result<Done> Catalog::folderRenamed(const QString &from, const QString &to)
{
    return transaction([&]() -> Result<Done> {
        auto rows
            = sql::run(db(), u"SELECT path FROM known_folders WHERE "_s + kInSubtree, {from, from, from});
        if (!rows)
            return rows.error();
        QStringList moved;
        while (rows.value().next())
            moved.append(to + rows.value().value(0).toString().mid(from.size()));
        if (auto read = sql::drained(*rows); !read)
            return read;
        if (auto forgotten = forgetKnownSubtree(from); !forgotten)
            return forgotten;
        for (const QString &path : std::as_const(moved)) {
            if (auto added = addKnownFolder(path); !added)
                return added;
        }
        return rebuildFolders();
    });
}

} // namespace stratus::core::catalog
