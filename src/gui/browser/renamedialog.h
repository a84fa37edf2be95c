#pragma once

#include "core/api/admintypes.h"
#include "core/catalog/catalogasset.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace stratus::gui {

/// Asks for an asset's new name. Fixed folder mode: the name is the public id's last segment, and
/// the dialog warns, with the new public id, that the delivery URLs in use will stop working.
/// Dynamic mode: the name is the display name, and the dialog says the URLs stay. OK is enabled
/// only for a valid, changed name. Modal, made on demand.
class RenameDialog : public QDialog
{
    Q_OBJECT

public:
    RenameDialog(const core::catalog::CatalogAsset &asset, core::FolderMode mode, QWidget *parent = nullptr);

    [[nodiscard]] QString name() const;
    [[nodiscard]] QLineEdit *nameEdit() const { return m_name; }
    /// The warning about URLs (fixed mode) or the note that they stay (dynamic mode).
    [[nodiscard]] QLabel *noteLabel() const { return m_note; }

private:
    void update();

    core::catalog::CatalogAsset m_asset;
    core::FolderMode m_mode;
    QString m_original;
    QLineEdit *m_name;
    QLabel *m_note;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace stratus::gui
