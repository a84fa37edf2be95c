#pragma once

#include "core/util/result.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace stratus::core {

/// One value of a single- or multi-select field's datasource. Deleted values stay, inactive:
/// assets may still carry them, but they cannot be chosen any more.
struct MetadataOption
{
    QString externalId; ///< what an asset's metadata holds
    QString value; ///< what a person reads
    bool active = true;
};

/// A bound of an integer or date field's validation (greater_than / less_than): a number, or a
/// date as yyyy-mm-dd, and whether the bound itself is allowed.
struct MetadataBound
{
    QJsonValue value;
    bool inclusive = false;
};

/// A structured metadata field of an environment (Admin API `metadata_fields`), as Cloudinary
/// defines it: type, label, external id, mandatory, default value, validation (flattened: an `and`
/// of rules is all of its rules) and, for select fields, the datasource. Plain value, parsed
/// leniently (an unknown validation rule is ignored here; the server still applies it).
struct MetadataField
{
    enum class Type : quint8 { Text, Integer, Date, SingleSelect, MultiSelect };

    Type type = Type::Text;
    QString externalId;
    QString label;
    bool mandatory = false;
    QJsonValue defaultValue; ///< null: none; else in the stored form (see check())
    std::optional<int> minLength; ///< text: strlen min
    std::optional<int> maxLength; ///< text: strlen max
    QList<MetadataBound> lowerBounds; ///< integer, date: greater_than rules
    QList<MetadataBound> upperBounds; ///< integer, date: less_than rules
    QList<MetadataOption> options; ///< select fields: the datasource, in its order
    QJsonObject raw; ///< the definition as the server sent it

    /// nullopt for a definition without an external id or with a type this version does not know.
    [[nodiscard]] static std::optional<MetadataField> fromJson(const QJsonObject &json);
    /// Every field of a `GET metadata_fields` answer that fromJson() reads, in order.
    [[nodiscard]] static QList<MetadataField> listFromJson(const QJsonObject &answer);

    [[nodiscard]] bool isSelect() const { return type == Type::SingleSelect || type == Type::MultiSelect; }
    /// The datasource value with the external id @p optionId, or nullptr.
    [[nodiscard]] const MetadataOption *option(const QString &optionId) const;
    /// What a person reads for a stored value: an option's value for select fields (several
    /// joined by ", "), the number or date as text otherwise.
    [[nodiscard]] QString displayText(const QJsonValue &value) const;

    /// The smallest and largest integer the validation allows (inclusive), when bounded.
    [[nodiscard]] std::optional<qint64> minimumInteger() const;
    [[nodiscard]] std::optional<qint64> maximumInteger() const;
    /// The earliest and latest date the validation allows (inclusive), when bounded.
    [[nodiscard]] QDate minimumDate() const;
    [[nodiscard]] QDate maximumDate() const;

    /// @p value checked as this field's value, in the form the API stores it: text as text,
    /// integers as numbers (text holding one is read), dates as yyyy-mm-dd, a single-select's one
    /// active option id, a multi-select's array of active option ids. An empty value (null, "",
    /// []) is null: "no value", refused for a mandatory field. Errors are InvalidInput with a
    /// Metadata… reason, the field's label as subject and, where it helps, the value or the bound
    /// as outside words.
    [[nodiscard]] Result<QJsonValue> check(const QJsonValue &value) const;
};

} // namespace stratus::core
