#include "renamedialog.h"

#include "core/assets/assetnames.h"
#include "words/errorwords.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace stratus::gui {

RenameDialog::RenameDialog(const core::catalog::CatalogAsset &asset, core::FolderMode mode, QWidget *parent)
    : QDialog(parent)
    , m_asset(asset)
    , m_mode(mode)
    , m_original(asset.name(mode))
    , m_name(new QLineEdit(m_original, this))
    , m_note(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("renameDialog"));
    setWindowTitle(tr("Rename"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_note->setObjectName(QStringLiteral("noteLabel"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Rename"));

    auto *form = new QFormLayout;
    form->addRow(mode == core::FolderMode::Dynamic ? tr("&Display name:") : tr("&Name:"), m_name);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    setMinimumWidth(440);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &RenameDialog::update);
    // The name without its extension is what one usually changes.
    const qsizetype dot = m_original.lastIndexOf(u'.');
    m_name->setSelection(0, dot > 0 && asset.resourceType == u"raw" ? int(dot) : int(m_original.size()));
    update();
}

QString RenameDialog::name() const
{
    return m_name->text().trimmed();
}

void RenameDialog::update()
{
    const std::optional<core::Error> invalid = core::assets::nameProblem(m_name->text());
    const QString problem = invalid ? words::ErrorWords::text(*invalid) : QString();
    if (m_mode == core::FolderMode::Dynamic) {
        m_note->setText(tr("Only the display name changes: the public ID “%1” and its delivery URLs stay "
                           "the same.")
                            .arg(m_asset.publicId));
    } else {
        const QString to = core::assets::renamedPublicId(m_asset, name());
        m_note->setText(tr("Warning: the public ID changes from “%1” to “%2”. Delivery URLs with the "
                           "old public ID stop working, wherever they are used (web pages, apps, "
                           "e-mails).")
                            .arg(m_asset.publicId, to));
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty() && !m_name->text().isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty() && name() != m_original);
}

} // namespace stratus::gui
