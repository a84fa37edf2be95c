#pragma once

#include "core/api/admintypes.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QTreeView;

namespace stratus::core::catalog {
class Catalog;
}

namespace stratus::core::assets {
class LocalFolders;
}

namespace stratus::gui {

class FolderTreeModel;

/// Asks where to move assets: the folder tree of the catalogue (with the local folders) to pick
/// from, and the path, which may name a folder that does not exist yet. In fixed mode it warns that
/// the public ids, and so the delivery URLs, change. Modal, made on demand.
class MoveDialog : public QDialog
{
    Q_OBJECT

public:
    MoveDialog(core::catalog::Catalog *catalog, const core::assets::LocalFolders *localFolders,
               int assetCount, core::FolderMode mode, const QString &currentFolder,
               QWidget *parent = nullptr);

    /// The chosen folder, normalised ("" is Home).
    [[nodiscard]] QString folder() const;
    [[nodiscard]] QLineEdit *folderEdit() const { return m_path; }
    [[nodiscard]] QLabel *noteLabel() const { return m_note; }

private:
    FolderTreeModel *m_model;
    QTreeView *m_tree;
    QLineEdit *m_path;
    QLabel *m_note;
};

} // namespace stratus::gui
