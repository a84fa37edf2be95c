#pragma once

#include "core/api/apicontext.h"
#include "core/transfers/uploadplan.h"
#include "core/util/result.h"

#include "core/metadata/metadatafield.h"

#include <QDialog>

#include <functional>

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace stratus::gui {

class MetadataEditor;

/// How the next files are uploaded to an environment: the folder they go to, tags for all of them,
/// an upload preset (listed from the environment through the Admin API, in the background), and
/// how their public IDs are made — from the file name with a random suffix (the default), from the
/// file name exactly (replacing an asset of that name), or random.
///
/// Structured metadata for every file can be set too (setMetadataFields()).
///
/// Shown after File → Upload Files…/Folder…, and from the upload dock's Options… for what is
/// dropped or pasted.
class UploadOptionsDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Naming { FileNameUnique, FileNameExact, Random };
    Q_ENUM(Naming)

    /// @p apiContext lists the presets; an error shows instead of them. @p folder is shown as the
    /// destination ("" is Home); with @p folderEditable the person may change it.
    UploadOptionsDialog(const core::transfers::UploadBatchOptions &options,
                        std::function<core::Result<core::ApiContext>()> apiContext, bool folderEditable,
                        QWidget *parent = nullptr);
    ~UploadOptionsDialog() override;

    /// The options as chosen.
    [[nodiscard]] core::transfers::UploadBatchOptions options() const;

    [[nodiscard]] QLineEdit *folderEdit() const { return m_folder; }
    [[nodiscard]] QLineEdit *tagsEdit() const { return m_tags; }
    [[nodiscard]] QComboBox *presetBox() const { return m_preset; }
    void setNaming(Naming naming);
    /// Offers the environment's structured metadata fields (their defaults shown) in a section of
    /// their own; what is set there goes with every file (`metadata`). No fields: no section.
    void setMetadataFields(const QList<core::MetadataField> &fields);
    [[nodiscard]] MetadataEditor *metadataEditor() const { return m_metadata; }

    /// Refuses to close while a metadata value is not valid (the field says why).
    void accept() override;
    [[nodiscard]] Naming naming() const;

    /// The naming that @p options imply.
    [[nodiscard]] static Naming namingOf(const core::transfers::UploadBatchOptions &options);

Q_SIGNALS:
    /// The presets arrived (or could not be listed).
    void presetsLoaded();

private:
    void loadPresets(const std::function<core::Result<core::ApiContext>()> &apiContext);

    core::transfers::UploadBatchOptions m_options;
    QLineEdit *m_folder;
    QLineEdit *m_tags;
    QComboBox *m_preset;
    QLabel *m_presetNote;
    QButtonGroup *m_naming;
    QWidget *m_metadataGroup;
    MetadataEditor *m_metadata;
};

} // namespace stratus::gui
