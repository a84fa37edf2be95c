#include "metadatafield.h"

#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

using Reason = ErrorReason;

std::optional<MetadataField::Type> typeFromName(const QString &name)
{
    if (name == "string"_L1)
        return MetadataField::Type::Text;
    if (name == "integer"_L1)
        return MetadataField::Type::Integer;
    if (name == "date"_L1)
        return MetadataField::Type::Date;
    if (name == "enum"_L1)
        return MetadataField::Type::SingleSelect;
    if (name == "set"_L1)
        return MetadataField::Type::MultiSelect;
    return std::nullopt;
}

// An `and` of rules is all of them; each rule sets what it bounds.
void readRule(const QJsonObject &rule, MetadataField &field)
{
    const QString kind = rule.value("type"_L1).toString();
    if (kind == "and"_L1) {
        for (const QJsonValue &inner : rule.value("rules"_L1).toArray())
            readRule(inner.toObject(), field);
    } else if (kind == "strlen"_L1) {
        if (rule.contains("min"_L1))
            field.minLength = rule.value("min"_L1).toInt();
        if (rule.contains("max"_L1))
            field.maxLength = rule.value("max"_L1).toInt();
    } else if (kind == "greater_than"_L1 || kind == "less_than"_L1) {
        const MetadataBound bound {rule.value("value"_L1), rule.value("equals"_L1).toBool()};
        (kind == "greater_than"_L1 ? field.lowerBounds : field.upperBounds).append(bound);
    }
}

QString valueText(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(qint64(value.toDouble()));
    if (value.isString())
        return value.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

bool isEmpty(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined() || (value.isString() && value.toString().trimmed().isEmpty())
        || (value.isArray() && value.toArray().isEmpty());
}

Error invalid(Reason reason, const QString &label, const QString &outside = {})
{
    return Error::because(Error::Kind::InvalidInput, reason, label, outside);
}

// -1, 0, 1 for a stored integer or date against a bound.
int compare(const QJsonValue &stored, const QJsonValue &bound)
{
    if (stored.isDouble()) {
        const double a = stored.toDouble(), b = bound.toDouble();
        return a < b ? -1 : a > b ? 1 : 0;
    }
    const int order = QString::compare(stored.toString(), bound.toString());
    return order < 0 ? -1 : order > 0 ? 1 : 0;
}

} // namespace

std::optional<MetadataField> MetadataField::fromJson(const QJsonObject &json)
{
    const auto type = typeFromName(json.value("type"_L1).toString());
    MetadataField field;
    field.externalId = json.value("external_id"_L1).toString();
    if (!type || field.externalId.isEmpty())
        return std::nullopt;
    field.type = *type;
    field.label = json.value("label"_L1).toString(field.externalId);
    if (field.label.isEmpty())
        field.label = field.externalId;
    field.mandatory = json.value("mandatory"_L1).toBool();
    field.raw = json;
    readRule(json.value("validation"_L1).toObject(), field);
    for (const QJsonValue &entry : json.value("datasource"_L1).toObject().value("values"_L1).toArray()) {
        const QJsonObject value = entry.toObject();
        field.options.append({value.value("external_id"_L1).toString(), value.value("value"_L1).toString(),
                              value.value("state"_L1).toString(u"active"_s) != "inactive"_L1});
    }
    const QJsonValue defaultValue = json.value("default_value"_L1);
    if (!isEmpty(defaultValue)) {
        // Read as a value would be, but an inactive option or a rule does not drop it: the server
        // applies it as defined.
        if (field.type == Type::Integer && defaultValue.isString())
            field.defaultValue = double(defaultValue.toString().toLongLong());
        else
            field.defaultValue = defaultValue;
    }
    return field;
}

QList<MetadataField> MetadataField::listFromJson(const QJsonObject &answer)
{
    QList<MetadataField> fields;
    for (const QJsonValue &entry : answer.value("metadata_fields"_L1).toArray()) {
        if (auto field = fromJson(entry.toObject()))
            fields.append(std::move(*field));
    }
    return fields;
}

const MetadataOption *MetadataField::option(const QString &optionId) const
{
    for (const MetadataOption &candidate : options) {
        if (candidate.externalId == optionId)
            return &candidate;
    }
    return nullptr;
}

QString MetadataField::displayText(const QJsonValue &value) const
{
    if (isEmpty(value))
        return {};
    if (!isSelect())
        return valueText(value);
    QStringList texts;
    const QJsonArray ids = value.isArray() ? value.toArray() : QJsonArray {value};
    for (const QJsonValue &id : ids) {
        const MetadataOption *chosen = option(id.toString());
        texts.append(chosen ? chosen->value : id.toString());
    }
    return texts.join(", "_L1);
}

std::optional<qint64> MetadataField::minimumInteger() const
{
    std::optional<qint64> minimum;
    for (const MetadataBound &bound : lowerBounds) {
        const qint64 limit = qint64(bound.value.toDouble()) + (bound.inclusive ? 0 : 1);
        minimum = minimum ? std::max(*minimum, limit) : limit;
    }
    return minimum;
}

std::optional<qint64> MetadataField::maximumInteger() const
{
    std::optional<qint64> maximum;
    for (const MetadataBound &bound : upperBounds) {
        const qint64 limit = qint64(bound.value.toDouble()) - (bound.inclusive ? 0 : 1);
        maximum = maximum ? std::min(*maximum, limit) : limit;
    }
    return maximum;
}

QDate MetadataField::minimumDate() const
{
    QDate minimum;
    for (const MetadataBound &bound : lowerBounds) {
        const QDate limit
            = QDate::fromString(bound.value.toString(), Qt::ISODate).addDays(bound.inclusive ? 0 : 1);
        if (limit.isValid() && (!minimum.isValid() || limit > minimum))
            minimum = limit;
    }
    return minimum;
}

QDate MetadataField::maximumDate() const
{
    QDate maximum;
    for (const MetadataBound &bound : upperBounds) {
        const QDate limit
            = QDate::fromString(bound.value.toString(), Qt::ISODate).addDays(bound.inclusive ? 0 : -1);
        if (limit.isValid() && (!maximum.isValid() || limit < maximum))
            maximum = limit;
    }
    return maximum;
}

Result<QJsonValue> MetadataField::check(const QJsonValue &value) const
{
    if (isEmpty(value)) {
        if (mandatory)
            return invalid(Reason::MetadataValueMissing, label);
        return QJsonValue(QJsonValue::Null);
    }
    QJsonValue stored;
    switch (type) {
    case Type::Text:
        stored = valueText(value);
        if (minLength && stored.toString().size() < *minLength)
            return invalid(Reason::MetadataTextTooShort, label, QString::number(*minLength));
        if (maxLength && stored.toString().size() > *maxLength)
            return invalid(Reason::MetadataTextTooLong, label, QString::number(*maxLength));
        return stored;
    case Type::Integer: {
        bool ok = value.isDouble() && value.toDouble() == double(qint64(value.toDouble()));
        const qint64 number
            = value.isDouble() ? qint64(value.toDouble()) : value.toString().trimmed().toLongLong(&ok);
        if (!ok)
            return invalid(Reason::MetadataNotInteger, label, valueText(value));
        stored = double(number);
        break;
    }
    case Type::Date: {
        const QDate date = QDate::fromString(value.toString().trimmed(), Qt::ISODate);
        if (!date.isValid())
            return invalid(Reason::MetadataNotDate, label, valueText(value));
        stored = date.toString(Qt::ISODate);
        break;
    }
    case Type::SingleSelect:
    case Type::MultiSelect: {
        const QJsonArray given = value.isArray() ? value.toArray() : QJsonArray {value};
        if (type == Type::SingleSelect && given.size() != 1)
            return invalid(Reason::MetadataOneChoiceOnly, label);
        QJsonArray ids;
        for (const QJsonValue &entry : given) {
            const MetadataOption *chosen = option(entry.toString());
            if (!chosen || !chosen->active)
                return invalid(Reason::MetadataChoiceUnknown, label, valueText(entry));
            if (!ids.contains(entry))
                ids.append(entry);
        }
        return type == Type::SingleSelect ? ids.first() : QJsonValue(ids);
    }
    }
    // Integers and dates: the bounds of the validation, named as the first or last value allowed.
    auto limitText = [this](bool lower) {
        if (type == Type::Integer) {
            const auto limit = lower ? minimumInteger() : maximumInteger();
            return limit ? QString::number(*limit) : QString();
        }
        return (lower ? minimumDate() : maximumDate()).toString(Qt::ISODate);
    };
    for (const MetadataBound &bound : lowerBounds) {
        const int order = compare(stored, bound.value);
        if (order < 0 || (order == 0 && !bound.inclusive))
            return invalid(Reason::MetadataValueTooSmall, label, limitText(true));
    }
    for (const MetadataBound &bound : upperBounds) {
        const int order = compare(stored, bound.value);
        if (order > 0 || (order == 0 && !bound.inclusive))
            return invalid(Reason::MetadataValueTooLarge, label, limitText(false));
    }
    return stored;
}

} // namespace stratus::core
