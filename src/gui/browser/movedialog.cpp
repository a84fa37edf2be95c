#include "movedialog.h"

#include "core/assets/assetnames.h"
#include "foldertreemodel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace stratus::gui {

MoveDialog::MoveDialog(core::catalog::Catalog *catalog, const core::assets::LocalFolders *localFolders,
                       int assetCount, core::FolderMode mode, const QString &currentFolder, QWidget *parent)
    : QDialog(parent)
    , m_model(new FolderTreeModel(catalog, this))
    , m_tree(new QTreeView(this))
    , m_path(new QLineEdit(currentFolder, this))
    , m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("moveDialog"));
    setWindowTitle(tr("Move %n asset(s)", nullptr, assetCount));
    m_model->setLocalFolders(localFolders);
    m_model->reload();
    m_tree->setModel(m_model);
    m_tree->setHeaderHidden(true);
    m_tree->setAccessibleName(tr("Folders"));
    m_tree->expand(m_model->index(0, 0));
    if (const QModelIndex current = m_model->indexForPath(currentFolder); current.isValid()) {
        for (QModelIndex up = current.parent(); up.isValid(); up = up.parent())
            m_tree->expand(up);
        m_tree->setCurrentIndex(current);
    }
    m_path->setObjectName(QStringLiteral("folderEdit"));
    m_path->setPlaceholderText(tr("Home"));
    m_note->setObjectName(QStringLiteral("noteLabel"));
    m_note->setWordWrap(true);
    m_note->setText(mode == core::FolderMode::Fixed
                        ? tr("Warning: in fixed folder mode the folder is part of the public ID. Moving "
                             "changes the public IDs, and delivery URLs with the old ones stop working.")
                        : tr("The public IDs and delivery URLs stay the same."));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Move"));
    auto *label = new QLabel(tr("Move &to:"), this);
    label->setBuddy(m_tree);
    auto *form = new QFormLayout;
    form->addRow(tr("&Folder path:"), m_path);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_tree);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(buttons);
    resize(420, 460);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { m_path->setText(FolderTreeModel::pathOf(current)); });
    connect(m_tree, &QAbstractItemView::activated, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString MoveDialog::folder() const
{
    return core::assets::normalizedFolder(m_path->text());
}

} // namespace stratus::gui
