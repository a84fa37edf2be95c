#include "uploadoptionsdialog.h"

#include "core/api/adminapi.h"
#include "core/api/apiparams.h"
#include "core/assets/assetnames.h"
#include "gui/errors/errorpresenter.h"
#include "gui/metadata/metadataeditor.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

using core::transfers::UploadBatchOptions;

UploadOptionsDialog::UploadOptionsDialog(const UploadBatchOptions &options,
                                         std::function<core::Result<core::ApiContext>()> apiContext,
                                         bool folderEditable, QWidget *parent)
    : QDialog(parent)
    , m_options(options)
    , m_folder(new QLineEdit(options.folder, this))
    , m_tags(new QLineEdit(options.tags.join(u", "_s), this))
    , m_preset(new QComboBox(this))
    , m_presetNote(new QLabel(this))
    , m_naming(new QButtonGroup(this))
    , m_metadataGroup(new QGroupBox(tr("Structured metadata"), this))
    , m_metadata(new MetadataEditor(m_metadataGroup))
{
    setWindowTitle(tr("Upload Options"));
    auto *form = new QFormLayout;
    m_folder->setReadOnly(!folderEditable);
    m_folder->setPlaceholderText(tr("Home"));
    m_folder->setToolTip(tr("The folder the files go to; the sub-folders of an uploaded folder go below it"));
    form->addRow(tr("&Folder:"), m_folder);
    m_tags->setPlaceholderText(tr("e.g. holiday, 2026"));
    m_tags->setToolTip(tr("Tags for every file, separated by commas"));
    form->addRow(tr("&Tags:"), m_tags);
    m_preset->addItem(tr("None"), QString());
    m_preset->setToolTip(tr("An upload preset of this environment: its settings apply to every file"));
    form->addRow(tr("Upload &preset:"), m_preset);
    m_presetNote->setWordWrap(true);
    m_presetNote->setEnabled(false);
    form->addRow(QString(), m_presetNote);

    auto *unique = new QRadioButton(tr("File name with a random &suffix (never replaces anything)"), this);
    auto *exact = new QRadioButton(tr("File name &exactly (replaces an asset of the same name)"), this);
    auto *random = new QRadioButton(tr("&Random public ID"), this);
    m_naming->addButton(unique, int(Naming::FileNameUnique));
    m_naming->addButton(exact, int(Naming::FileNameExact));
    m_naming->addButton(random, int(Naming::Random));
    auto *namingBox = new QVBoxLayout;
    namingBox->setSpacing(2);
    for (QRadioButton *button : {unique, exact, random})
        namingBox->addWidget(button);
    form->addRow(tr("Public IDs:"), namingBox);
    setNaming(namingOf(options));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *metadataLayout = new QVBoxLayout(m_metadataGroup);
    metadataLayout->addWidget(m_metadata);
    m_metadataGroup->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_metadataGroup);
    layout->addWidget(buttons);
    loadPresets(apiContext);
}

UploadOptionsDialog::~UploadOptionsDialog() = default;

UploadOptionsDialog::Naming UploadOptionsDialog::namingOf(const UploadBatchOptions &options)
{
    if (!options.useFilename.value_or(false))
        return Naming::Random;
    return options.uniqueFilename.value_or(true) ? Naming::FileNameUnique : Naming::FileNameExact;
}

void UploadOptionsDialog::setNaming(Naming naming)
{
    if (QAbstractButton *button = m_naming->button(int(naming)))
        button->setChecked(true);
}

UploadOptionsDialog::Naming UploadOptionsDialog::naming() const
{
    return Naming(m_naming->checkedId());
}

void UploadOptionsDialog::loadPresets(const std::function<core::Result<core::ApiContext>()> &apiContext)
{
    auto context = apiContext ? apiContext()
                              : core::Result<core::ApiContext>(core::Error::because(
                                  core::Error::Kind::Unavailable, core::ErrorReason::EnvironmentNotReady));
    if (!context) {
        m_presetNote->setText(
            tr("Presets cannot be listed now: %1").arg(ErrorPresenter::text(context.error())));
        Q_EMIT presetsLoaded();
        return;
    }
    m_presetNote->setText(tr("Listing the presets…"));
    auto *call = core::AdminApi(context.value()).uploadPresets({}, this);
    connect(call, &core::Job::finished, this, [this, call] {
        call->deleteLater();
        const auto &page = call->result();
        if (!page) {
            m_presetNote->setText(tr("Presets cannot be listed: %1").arg(ErrorPresenter::text(page.error())));
        } else {
            for (const core::UploadPreset &preset : page->presets)
                m_preset->addItem(preset.isUnsigned ? tr("%1 (unsigned)").arg(preset.name) : preset.name,
                                  preset.name);
            m_presetNote->setText(page->presets.isEmpty() ? tr("This environment has no upload presets.")
                                                          : QString());
        }
        if (const int index = m_preset->findData(m_options.uploadPreset); index >= 0)
            m_preset->setCurrentIndex(index);
        Q_EMIT presetsLoaded();
    });
    call->start();
}

void UploadOptionsDialog::setMetadataFields(const QList<core::MetadataField> &fields)
{
    m_metadata->setFields(fields);
    m_metadata->showDefaults();
    m_metadataGroup->setVisible(!fields.isEmpty());
}

void UploadOptionsDialog::accept()
{
    if (!m_metadata->showUploadErrors())
        return; // the fields say what is wrong
    QDialog::accept();
}

UploadBatchOptions UploadOptionsDialog::options() const
{
    UploadBatchOptions options = m_options;
    options.extra.remove(u"metadata"_s);
    // Every field with a value (defaults included: the server would apply them anyway).
    if (const auto values = m_metadata->uploadValues(); values && !values->isEmpty())
        options.extra.insert(u"metadata"_s, core::ApiParams::metadataText(*values));
    options.folder = core::assets::normalizedFolder(m_folder->text());
    options.tags.clear();
    for (const QString &tag : m_tags->text().split(u',', Qt::SkipEmptyParts)) {
        if (const QString trimmed = tag.trimmed(); !trimmed.isEmpty() && !options.tags.contains(trimmed))
            options.tags << trimmed;
    }
    options.uploadPreset = m_preset->currentData().toString();
    switch (naming()) {
    case Naming::FileNameUnique:
        options.useFilename = true;
        options.uniqueFilename = true;
        options.overwrite.reset();
        break;
    case Naming::FileNameExact:
        options.useFilename = true;
        options.uniqueFilename = false;
        options.overwrite = true;
        break;
    case Naming::Random:
        options.useFilename = false;
        options.uniqueFilename.reset();
        options.overwrite.reset();
        break;
    }
    return options;
}

} // namespace stratus::gui
