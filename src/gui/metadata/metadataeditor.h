#pragma once

#include "core/metadata/metadatafield.h"

#include <QJsonObject>
#include <QList>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace stratus::gui {

/// Editors for an environment's structured metadata fields, one row a field: a line for text
/// (length checked), a line for whole numbers (range checked, the range shown), a date with a
/// calendar (sent as yyyy-mm-dd), a list for single-select fields (the active choices) and
/// checkable choices for multi-select fields. Mandatory fields are marked with an asterisk; a
/// field's default is shown where an asset has no value (or set, for a new upload). Every value
/// is checked with core::MetadataField::check() as it is typed; an invalid one is named under its
/// editor and changes() refuses to give anything while one is left.
///
/// One asset or several: with several, a field whose values differ says "Mixed" and is left alone
/// unless the user edits it; a multi-select choice some of them have is partly checked, and stays
/// as each asset has it unless clicked. Only the fields the user changed are written.
///
/// Knows nothing of assets or saving: its owner gives it fields and values and takes the
/// changes (MetadataSection in the details pane, the upload options dialog). GUI thread only.
class MetadataEditor : public QWidget
{
    Q_OBJECT

public:
    explicit MetadataEditor(QWidget *parent = nullptr);
    ~MetadataEditor() override;

    /// The fields to edit, in their order; values given before are dropped.
    void setFields(const QList<core::MetadataField> &fields);
    [[nodiscard]] const QList<core::MetadataField> &fields() const { return m_fields; }

    /// Shows the values of the assets being edited (each asset's `metadata` object): one asset, or
    /// several (differing values show as mixed). No asset: every editor empty. Nothing is changed.
    void setValues(const QList<QJsonObject> &assetsMetadata);
    /// For a new upload: every field shows its default as its value; nothing counts as changed.
    void showDefaults();

    /// Whether the user changed a field since setValues() / showDefaults().
    [[nodiscard]] bool isModified() const;
    /// The labels of the changed fields whose value is not valid (shown under their editors).
    [[nodiscard]] QStringList invalidFields() const;

    /// What to write for an asset whose metadata is @p assetMetadata: the fields the user changed
    /// (external id → value as the API takes it, null to clear). A multi-select's partly checked
    /// choices keep this asset's state. nullopt while a changed field is invalid.
    [[nodiscard]] std::optional<QJsonObject> changes(const QJsonObject &assetMetadata = {}) const;
    /// Every field with a value, as a new upload's `metadata`; nullopt while a field is invalid
    /// (a mandatory one left empty included).
    [[nodiscard]] std::optional<QJsonObject> uploadValues() const;
    /// Shows under every field what is wrong with it for an upload (not only the fields edited);
    /// true when nothing is.
    bool showUploadErrors();

    /// The editor widget of a field (for tests and focus), or nullptr.
    [[nodiscard]] QWidget *editorFor(const QString &externalId) const;
    /// The inline error text under a field ("" when valid).
    [[nodiscard]] QString errorFor(const QString &externalId) const;

Q_SIGNALS:
    /// The user changed a value (valid or not).
    void edited();

private:
    struct Row;

    void buildRows();
    void loadRow(Row &row, const QList<QJsonValue> &values);
    void markEdited(Row &row);
    void validate(Row &row);
    [[nodiscard]] QJsonValue rowValue(const Row &row, const QJsonObject &assetMetadata) const;

    QList<core::MetadataField> m_fields;
    QList<Row *> m_rows;
    QFormLayout *m_form;
    QLabel *m_empty;
    bool m_loading = false;
};

} // namespace stratus::gui
