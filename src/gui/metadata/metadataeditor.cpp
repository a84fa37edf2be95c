#include "metadataeditor.h"

#include "words/errorwords.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace stratus::gui {

namespace {

using Type = core::MetadataField::Type;

bool isEmptyValue(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined() || (value.isString() && value.toString().isEmpty())
        || (value.isArray() && value.toArray().isEmpty());
}

// The values of several assets for one field: the same for all, or mixed.
bool allSame(const QList<QJsonValue> &values)
{
    for (const QJsonValue &value : values) {
        if (value != values.first() && !(isEmptyValue(value) && isEmptyValue(values.first())))
            return false;
    }
    return true;
}

QStringList idsOf(const QJsonValue &value)
{
    QStringList ids;
    for (const QJsonValue &id : value.isArray() ? value.toArray() : QJsonArray {value}) {
        if (!id.toString().isEmpty())
            ids.append(id.toString());
    }
    return ids;
}

} // namespace

struct MetadataEditor::Row
{
    core::MetadataField field;
    QWidget *editor = nullptr;
    QLineEdit *line = nullptr;
    QDateEdit *date = nullptr;
    QComboBox *combo = nullptr;
    QListWidget *list = nullptr;
    QLabel *error = nullptr;
    bool edited = false;
    bool mixed = false;
};

MetadataEditor::MetadataEditor(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout)
    , m_empty(new QLabel(tr("This environment has no structured metadata fields."), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    layout->addLayout(m_form);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    layout->addWidget(m_empty);
}

MetadataEditor::~MetadataEditor()
{
    qDeleteAll(m_rows);
}

void MetadataEditor::setFields(const QList<core::MetadataField> &fields)
{
    m_fields = fields;
    buildRows();
}

void MetadataEditor::buildRows()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    qDeleteAll(m_rows);
    m_rows.clear();
    m_empty->setVisible(m_fields.isEmpty());
    for (const core::MetadataField &field : std::as_const(m_fields)) {
        auto *row = new Row;
        row->field = field;
        QWidget *editor = nullptr;
        switch (field.type) {
        case Type::Text:
        case Type::Integer: {
            row->line = new QLineEdit;
            row->line->setClearButtonEnabled(true);
            connect(row->line, &QLineEdit::textEdited, this, [this, row] { markEdited(*row); });
            editor = row->line;
            break;
        }
        case Type::Date: {
            // No date is the minimum, shown as a special text; the clear button goes back to it.
            row->date = new QDateEdit;
            row->date->setCalendarPopup(true);
            row->date->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
            const QDate minimum = field.minimumDate().isValid() ? field.minimumDate() : QDate(1900, 1, 2);
            row->date->setDateRange(minimum.addDays(-1),
                                    field.maximumDate().isValid() ? field.maximumDate()
                                                                  : QDate(9999, 12, 31));
            row->date->setSpecialValueText(tr("No date"));
            connect(row->date, &QDateEdit::dateChanged, this, [this, row] {
                if (!m_loading)
                    markEdited(*row);
            });
            auto *clear = new QToolButton;
            clear->setText(tr("Clear"));
            clear->setToolTip(tr("Remove the date"));
            connect(clear, &QToolButton::clicked, this,
                    [row] { row->date->setDate(row->date->minimumDate()); });
            auto *box = new QWidget;
            auto *boxLayout = new QHBoxLayout(box);
            boxLayout->setContentsMargins(0, 0, 0, 0);
            boxLayout->addWidget(row->date, 1);
            boxLayout->addWidget(clear);
            editor = box;
            break;
        }
        case Type::SingleSelect: {
            row->combo = new QComboBox;
            connect(row->combo, &QComboBox::activated, this, [this, row] { markEdited(*row); });
            editor = row->combo;
            break;
        }
        case Type::MultiSelect: {
            row->list = new QListWidget;
            row->list->setSelectionMode(QAbstractItemView::NoSelection);
            row->list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
            for (const core::MetadataOption &option : field.options) {
                if (!option.active)
                    continue;
                auto *item = new QListWidgetItem(option.value, row->list);
                item->setData(Qt::UserRole, option.externalId);
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
                item->setCheckState(Qt::Unchecked);
            }
            const int rows = qBound(1, row->list->count(), 6);
            row->list->setFixedHeight(row->list->sizeHintForRow(0) * rows + 2 * row->list->frameWidth() + 2);
            connect(row->list, &QListWidget::itemChanged, this, [this, row] {
                if (!m_loading)
                    markEdited(*row);
            });
            editor = row->list;
            break;
        }
        }
        row->editor = editor;
        editor->setObjectName(u"metadata_"_s + field.externalId);
        row->error = new QLabel;
        row->error->setWordWrap(true);
        row->error->setObjectName(u"metadataError_"_s + field.externalId);
        QPalette errorPalette = row->error->palette();
        errorPalette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
        row->error->setPalette(errorPalette);
        row->error->hide();

        auto *cell = new QWidget;
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(2);
        cellLayout->addWidget(editor);
        cellLayout->addWidget(row->error);

        auto *label = new QLabel(
            field.mandatory ? u"%1 <span style=\"color:#c01c28\">*</span>"_s.arg(field.label.toHtmlEscaped())
                            : field.label.toHtmlEscaped());
        label->setTextFormat(Qt::RichText);
        label->setBuddy(row->date ? static_cast<QWidget *>(row->date) : editor);
        if (field.mandatory)
            label->setToolTip(tr("Required: this field must have a value."));
        m_form->addRow(label, cell);
        m_rows.append(row);
        loadRow(*row, {});
    }
}

void MetadataEditor::loadRow(Row &row, const QList<QJsonValue> &values)
{
    const core::MetadataField &field = row.field;
    m_loading = true;
    row.edited = false;
    row.mixed = values.size() > 1 && !allSame(values);
    const QJsonValue value = values.isEmpty() || row.mixed ? QJsonValue() : values.first();
    const QString defaultText
        = field.defaultValue.isNull() ? QString() : field.displayText(field.defaultValue);
    const QString mixedText = tr("Mixed values");
    if (row.line) {
        row.line->setText(isEmptyValue(value) ? QString() : field.displayText(value));
        QString hint;
        if (field.type == Type::Integer) {
            const auto low = field.minimumInteger();
            const auto high = field.maximumInteger();
            if (low && high)
                hint = tr("A whole number from %1 to %2").arg(*low).arg(*high);
            else if (low)
                hint = tr("A whole number, %1 or more").arg(*low);
            else if (high)
                hint = tr("A whole number, %1 or less").arg(*high);
            else
                hint = tr("A whole number");
        } else if (field.maxLength) {
            hint = tr("Up to %n characters", nullptr, *field.maxLength);
        }
        if (row.mixed)
            row.line->setPlaceholderText(mixedText);
        else if (!defaultText.isEmpty() && values.size() == 1)
            row.line->setPlaceholderText(tr("No value (default: %1)").arg(defaultText));
        else
            row.line->setPlaceholderText(hint);
        row.line->setToolTip(hint);
    } else if (row.date) {
        row.date->setSpecialValueText(row.mixed ? mixedText : tr("No date"));
        const QDate date = QDate::fromString(value.toString(), Qt::ISODate);
        row.date->setDate(date.isValid() ? date : row.date->minimumDate());
    } else if (row.combo) {
        row.combo->clear();
        row.combo->addItem(row.mixed ? mixedText
                               : !defaultText.isEmpty() && values.size() == 1
                               ? tr("No value (default: %1)").arg(defaultText)
                               : tr("No value"),
                           QString());
        for (const core::MetadataOption &option : field.options) {
            if (option.active)
                row.combo->addItem(option.value, option.externalId);
            else if (option.externalId == value.toString())
                row.combo->addItem(tr("%1 (withdrawn)").arg(option.value), option.externalId);
        }
        const int index = row.combo->findData(value.toString());
        row.combo->setCurrentIndex(isEmptyValue(value) || index < 0 ? 0 : index);
    } else if (row.list) {
        for (int i = 0; i < row.list->count(); ++i) {
            QListWidgetItem *item = row.list->item(i);
            const QString id = item->data(Qt::UserRole).toString();
            int having = 0;
            for (const QJsonValue &assetValue : values)
                having += idsOf(assetValue).contains(id) ? 1 : 0;
            item->setCheckState(having == 0                   ? Qt::Unchecked
                                    : having == values.size() ? Qt::Checked
                                                              : Qt::PartiallyChecked);
        }
    }
    row.error->clear();
    row.error->hide();
    m_loading = false;
}

void MetadataEditor::setValues(const QList<QJsonObject> &assetsMetadata)
{
    for (Row *row : std::as_const(m_rows)) {
        QList<QJsonValue> values;
        for (const QJsonObject &metadata : assetsMetadata)
            values.append(metadata.value(row->field.externalId));
        loadRow(*row, values);
    }
}

void MetadataEditor::showDefaults()
{
    for (Row *row : std::as_const(m_rows)) {
        loadRow(*row, {row->field.defaultValue});
        if (row->line)
            row->line->setPlaceholderText(row->line->toolTip());
        else if (row->combo)
            row->combo->setItemText(0, tr("No value"));
    }
}

void MetadataEditor::markEdited(Row &row)
{
    // Back on "Mixed values" (several assets): each keeps its own value again.
    const bool backToMixed = row.mixed
        && ((row.combo && row.combo->currentIndex() == 0)
            || (row.date && row.date->date() == row.date->minimumDate()));
    row.edited = !backToMixed;
    validate(row);
    Q_EMIT edited();
}

QJsonValue MetadataEditor::rowValue(const Row &row, const QJsonObject &assetMetadata) const
{
    if (row.line)
        return row.line->text().trimmed().isEmpty() ? QJsonValue() : QJsonValue(row.line->text().trimmed());
    if (row.date)
        return row.date->date() == row.date->minimumDate()
            ? QJsonValue()
            : QJsonValue(row.date->date().toString(Qt::ISODate));
    if (row.combo) {
        const QString id = row.combo->currentData().toString();
        return id.isEmpty() ? QJsonValue() : QJsonValue(id);
    }
    QJsonArray ids;
    const QStringList had = idsOf(assetMetadata.value(row.field.externalId));
    for (int i = 0; i < row.list->count(); ++i) {
        const QListWidgetItem *item = row.list->item(i);
        const QString id = item->data(Qt::UserRole).toString();
        if (item->checkState() == Qt::Checked
            || (item->checkState() == Qt::PartiallyChecked && had.contains(id)))
            ids.append(id);
    }
    // Withdrawn choices the asset has are not listed: they stay.
    for (const QString &id : had) {
        const core::MetadataOption *option = row.field.option(id);
        if (option && !option->active)
            ids.append(id);
    }
    return ids;
}

void MetadataEditor::validate(Row &row)
{
    QString text;
    if (row.edited) {
        // A multi-select with partly checked choices is checked per asset when written; its
        // checked choices alone are checked here.
        const auto checked = row.field.check(rowValue(row, {}));
        if (!checked)
            text = words::ErrorWords::text(checked.error());
    }
    row.error->setText(text);
    row.error->setVisible(!text.isEmpty());
}

bool MetadataEditor::isModified() const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(), [](const Row *row) { return row->edited; });
}

QStringList MetadataEditor::invalidFields() const
{
    QStringList labels;
    for (const Row *row : m_rows) {
        if (!row->error->text().isEmpty())
            labels.append(row->field.label);
    }
    return labels;
}

std::optional<QJsonObject> MetadataEditor::changes(const QJsonObject &assetMetadata) const
{
    QJsonObject out;
    for (const Row *row : m_rows) {
        if (!row->edited)
            continue;
        const auto checked = row->field.check(rowValue(*row, assetMetadata));
        if (!checked)
            return std::nullopt;
        // The API clears a value given as empty text.
        out.insert(row->field.externalId, checked->isNull() ? QJsonValue(QString()) : *checked);
    }
    return out;
}

std::optional<QJsonObject> MetadataEditor::uploadValues() const
{
    QJsonObject out;
    for (const Row *row : m_rows) {
        const auto checked = row->field.check(rowValue(*row, {}));
        if (!checked)
            return std::nullopt;
        if (!checked->isNull())
            out.insert(row->field.externalId, *checked);
    }
    return out;
}

bool MetadataEditor::showUploadErrors()
{
    bool valid = true;
    for (Row *row : std::as_const(m_rows)) {
        const auto checked = row->field.check(rowValue(*row, {}));
        const QString text = checked ? QString() : words::ErrorWords::text(checked.error());
        row->error->setText(text);
        row->error->setVisible(!text.isEmpty());
        valid = valid && checked;
    }
    return valid;
}

QWidget *MetadataEditor::editorFor(const QString &externalId) const
{
    for (const Row *row : m_rows) {
        if (row->field.externalId == externalId)
            return row->date ? static_cast<QWidget *>(row->date) : row->editor;
    }
    return nullptr;
}

QString MetadataEditor::errorFor(const QString &externalId) const
{
    for (const Row *row : m_rows) {
        if (row->field.externalId == externalId)
            return row->error->text();
    }
    return {};
}

} // namespace stratus::gui
