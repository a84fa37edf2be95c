#pragma once

#include "core/catalog/catalogtypes.h"

#include <QSet>
#include <QString>

namespace stratus::core::assets {

/// Folders that exist on the server but that the catalogue cannot list: the catalogue knows a folder
/// only while an asset lies somewhere below it, so a folder made in this run ("New folder…") would
/// not show until something is moved into it. The browser's models merge these into what the
/// catalogue lists; once the catalogue has the folder, the catalogue's row (with its counts) wins.
///
/// Owned by AssetService, whose catalogue write-through adds what it creates and drops what it
/// deletes; read by the folder tree and the asset list. Lives for the run only; the catalogue keeps
/// the same folders too (Catalog::folderCreated, and the sync's folder walk for those made
/// elsewhere), so these matter only until the folder table is read again.
class LocalFolders
{
public:
    /// Adds @p path and every folder above it.
    void add(const QString &path);
    /// Forgets @p path and every folder below it.
    void remove(const QString &path);
    /// Forgets @p from and below, and adds the same folders under @p to.
    void rename(const QString &from, const QString &to);
    [[nodiscard]] bool contains(const QString &path) const { return m_paths.contains(path); }
    [[nodiscard]] bool isEmpty() const { return m_paths.isEmpty(); }
    [[nodiscard]] bool hasChildren(const QString &parent) const;

    /// @p folders (the catalogue's children of @p parent) plus the local ones it lacks, by name.
    void mergeInto(QList<catalog::CatalogFolder> &folders, const QString &parent) const;

private:
    QSet<QString> m_paths;
};

} // namespace stratus::core::assets
