#pragma once

#include "core/catalog/catalogtypes.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace stratus::core::catalog {
class Catalog;
}

namespace stratus::core::assets {
class LocalFolders;
}

namespace stratus::gui {

/// The folder tree of a local catalogue for the browser's tree view: one top-level "Home" row for
/// the root, below it the folders, each labelled with how many assets it holds (itself and below).
/// Lazy: a folder's children are read from the catalogue (Catalog::childFolders) when the view
/// expands it (canFetchMore/fetchMore), so a tree of thousands of folders opens at once.
///
/// Folders the catalogue cannot list (LocalFolders: empty ones made in this run) are merged in with
/// count 0. A folder row accepts a drop of assets from the browser (AssetMimeData) and says so with
/// assetsDropped(), and a drop of local files (the file manager's text/uri-list) with filesDropped();
/// the model itself changes nothing.
///
/// Borrows the catalogue and the local folders, which must outlive it. GUI thread only.
class FolderTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role {
        PathRole = Qt::UserRole + 1, ///< "a/b"; "" for Home
        NameRole, ///< the folder's name without the count
        DirectCountRole, ///< assets directly in the folder
        TotalCountRole, ///< assets in it and below
    };
    Q_ENUM(Role)

    explicit FolderTreeModel(core::catalog::Catalog *catalog, QObject *parent = nullptr);
    ~FolderTreeModel() override;

    /// Forgets every loaded folder and reads the top level again (after a sync).
    void reload();
    /// Takes effect at the next reload().
    void setLocalFolders(const core::assets::LocalFolders *folders) { m_localFolders = folders; }

    /// The index of the folder at @p path, loading its ancestors' children on the way; invalid when
    /// the catalogue has no such folder.
    [[nodiscard]] QModelIndex indexForPath(const QString &path);
    [[nodiscard]] static QString pathOf(const QModelIndex &index) { return index.data(PathRole).toString(); }

    [[nodiscard]] QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] bool hasChildren(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    [[nodiscard]] QStringList mimeTypes() const override;
    [[nodiscard]] Qt::DropActions supportedDropActions() const override;
    [[nodiscard]] bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                       const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

Q_SIGNALS:
    /// Assets from the browser were dropped on the folder @p folder ("" is Home).
    void assetsDropped(const QStringList &assetIds, const QString &folder);
    /// Files or folders from the file manager were dropped on the folder @p folder: to upload.
    void filesDropped(const QStringList &paths, const QString &folder);

private:
    struct Node
    {
        core::catalog::CatalogFolder folder;
        Node *parent = nullptr;
        int row = 0;
        bool loaded = false;
        std::vector<std::unique_ptr<Node>> children;
    };
    [[nodiscard]] Node *nodeOf(const QModelIndex &index) const;
    [[nodiscard]] QModelIndex indexOf(Node *node) const;
    void loadChildren(Node *node, const QModelIndex &index);

    core::catalog::Catalog *m_catalog;
    const core::assets::LocalFolders *m_localFolders = nullptr;
    std::unique_ptr<Node> m_invisibleRoot; ///< parent of Home
};

} // namespace stratus::gui
