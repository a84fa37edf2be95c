// Structured metadata on the sandbox: field definitions and the values assets may carry, with the
// 400 messages Cloudinary answers.
#include "metadatarules.h"

#include "apicontext.h"

#include <QDate>
#include <QJsonDocument>
#include <QSet>

namespace stratus::sandbox::metadatarules {

namespace {

const QString kType = QStringLiteral("type");
const QString kExternalId = QStringLiteral("external_id");
const QString kLabel = QStringLiteral("label");
const QString kMandatory = QStringLiteral("mandatory");
const QString kDefault = QStringLiteral("default_value");
const QString kValidation = QStringLiteral("validation");
const QString kDatasource = QStringLiteral("datasource");
const QString kValues = QStringLiteral("values");
const QString kState = QStringLiteral("state");
const QString kValue = QStringLiteral("value");

bool isList(const QString &type)
{
    return type == u"enum" || type == u"set";
}

QString valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

// A rule of `validation` as a field of `type` may have it.
bool ruleIsValid(const QJsonObject &rule, const QString &type, QString *error)
{
    const QString kind = rule.value(kType).toString();
    if (kind == u"and") {
        const QJsonArray rules = rule.value(QStringLiteral("rules")).toArray();
        if (rules.isEmpty()) {
            *error = QStringLiteral("Validation rule 'and' needs rules");
            return false;
        }
        for (const QJsonValue &inner : rules) {
            if (!ruleIsValid(inner.toObject(), type, error))
                return false;
        }
        return true;
    }
    if (kind == u"strlen") {
        if (type != u"string") {
            *error = QStringLiteral("Validation strlen is not supported for type %1").arg(type);
            return false;
        }
        if (!rule.contains(QStringLiteral("min")) && !rule.contains(QStringLiteral("max"))) {
            *error = QStringLiteral("Validation strlen needs min or max");
            return false;
        }
        return true;
    }
    if (kind == u"greater_than" || kind == u"less_than") {
        const QJsonValue bound = rule.value(kValue);
        const bool fits = type == u"integer" ? bound.isDouble()
            : type == u"date"                ? QDate::fromString(bound.toString(), Qt::ISODate).isValid()
                                             : false;
        if (!fits) {
            *error = QStringLiteral("Validation %1 is not valid for type %2").arg(kind, type);
            return false;
        }
        return true;
    }
    *error = QStringLiteral("Invalid validation type %1").arg(kind);
    return false;
}

bool passes(const QJsonObject &rule, const QJsonValue &stored)
{
    const QString kind = rule.value(kType).toString();
    if (kind == u"and") {
        for (const QJsonValue &inner : rule.value(QStringLiteral("rules")).toArray()) {
            if (!passes(inner.toObject(), stored))
                return false;
        }
        return true;
    }
    if (kind == u"strlen") {
        const qsizetype length = stored.toString().size();
        if (rule.contains(QStringLiteral("min")) && length < rule.value(QStringLiteral("min")).toInt())
            return false;
        return !rule.contains(QStringLiteral("max")) || length <= rule.value(QStringLiteral("max")).toInt();
    }
    const bool equals = rule.value(QStringLiteral("equals")).toBool();
    int order = 0; // stored compared with the bound
    if (stored.isDouble()) {
        const double a = stored.toDouble(), b = rule.value(kValue).toDouble();
        order = a < b ? -1 : a > b ? 1 : 0;
    } else {
        order = QString::compare(stored.toString(), rule.value(kValue).toString());
        order = order < 0 ? -1 : order > 0 ? 1 : 0;
    }
    if (order == 0)
        return equals;
    return kind == u"greater_than" ? order > 0 : order < 0;
}

// The active datasource ids of a list field.
QSet<QString> activeIds(const QJsonObject &field)
{
    QSet<QString> ids;
    for (const QJsonValue &entry : field.value(kDatasource).toObject().value(kValues).toArray()) {
        const QJsonObject value = entry.toObject();
        if (value.value(kState).toString(QStringLiteral("active")) == u"active")
            ids.insert(value.value(kExternalId).toString());
    }
    return ids;
}

// One non-empty value checked against its field, in its stored form.
std::optional<QJsonValue> checkedValue(const QJsonObject &field, const QJsonValue &value, QString *error)
{
    const QString id = field.value(kExternalId).toString();
    const QString type = field.value(kType).toString();
    auto refuse = [&](const QString &why) {
        *error = QStringLiteral("Metadata field %1: %2").arg(id, why);
        return std::nullopt;
    };
    QJsonValue stored;
    if (type == u"string") {
        if (!value.isString() && !value.isDouble())
            return refuse(QStringLiteral("value %1 is not a string").arg(valueText(value)));
        stored = valueText(value);
    } else if (type == u"integer") {
        bool ok = value.isDouble() && value.toDouble() == double(qint64(value.toDouble()));
        const qint64 number
            = value.isDouble() ? qint64(value.toDouble()) : value.toString().trimmed().toLongLong(&ok);
        if (!ok)
            return refuse(QStringLiteral("value %1 is not an integer").arg(valueText(value)));
        stored = double(number);
    } else if (type == u"date") {
        const QDate date = QDate::fromString(value.toString().trimmed(), Qt::ISODate);
        if (!date.isValid())
            return refuse(QStringLiteral("value %1 is not a date (yyyy-mm-dd)").arg(valueText(value)));
        stored = date.toString(Qt::ISODate);
    } else {
        QJsonArray given;
        if (value.isArray()) {
            given = value.toArray();
        } else if (value.isString() && value.toString().trimmed().startsWith(u'[')) {
            const QJsonDocument doc = QJsonDocument::fromJson(value.toString().toUtf8());
            if (!doc.isArray())
                return refuse(QStringLiteral("value %1 is not a list").arg(valueText(value)));
            given = doc.array();
        } else {
            given.append(value);
        }
        if (type == u"enum" && given.size() != 1)
            return refuse(QStringLiteral("takes one value, not %1").arg(given.size()));
        const QSet<QString> active = activeIds(field);
        QJsonArray ids;
        for (const QJsonValue &entry : given) {
            const QString valueId = entry.toString();
            if (!active.contains(valueId))
                return refuse(QStringLiteral("value %1 is not in the datasource").arg(valueText(entry)));
            if (!ids.contains(valueId))
                ids.append(valueId);
        }
        stored = type == u"enum" ? ids.first() : QJsonValue(ids);
    }
    const QJsonObject rule = field.value(kValidation).toObject();
    if (!rule.isEmpty() && !passes(rule, stored))
        return refuse(QStringLiteral("value %1 does not pass the field's validation").arg(valueText(stored)));
    return stored;
}

bool isEmptyValue(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined() || (value.isString() && value.toString().isEmpty())
        || (value.isArray() && value.toArray().isEmpty());
}

// Datasource values completed: ids generated when absent, the active state by default.
std::optional<QJsonObject> checkedDatasource(const QJsonObject &datasource, QString *error)
{
    QJsonArray values;
    QSet<QString> seen;
    for (const QJsonValue &entry : datasource.value(kValues).toArray()) {
        QJsonObject value = entry.toObject();
        if (value.value(kValue).toString().isEmpty()) {
            *error = QStringLiteral("Datasource values need a value");
            return std::nullopt;
        }
        if (value.value(kExternalId).toString().isEmpty())
            value.insert(kExternalId, randomHexId().left(20));
        if (seen.contains(value.value(kExternalId).toString())) {
            *error = QStringLiteral("Datasource value external_id %1 is repeated")
                         .arg(value.value(kExternalId).toString());
            return std::nullopt;
        }
        seen.insert(value.value(kExternalId).toString());
        if (value.value(kState).toString() != u"inactive")
            value.insert(kState, QStringLiteral("active"));
        values.append(value);
    }
    return QJsonObject {{kValues, values}};
}

// The parts of a definition that depend on each other: datasource, validation, default.
bool checkDefinition(QJsonObject &field, QString *error)
{
    const QString type = field.value(kType).toString();
    if (field.value(kLabel).toString().trimmed().isEmpty()) {
        *error = QStringLiteral("Label can't be blank");
        return false;
    }
    if (isList(type)) {
        const auto datasource = checkedDatasource(field.value(kDatasource).toObject(), error);
        if (!datasource)
            return false;
        if (datasource->value(kValues).toArray().isEmpty()) {
            *error = QStringLiteral("Datasource is required for %1 fields").arg(type);
            return false;
        }
        field.insert(kDatasource, *datasource);
    } else {
        field.remove(kDatasource);
    }
    const QJsonValue rule = field.value(kValidation);
    if (rule.isObject() && !rule.toObject().isEmpty()) {
        if (isList(type)) {
            *error = QStringLiteral("Validation is not supported for %1 fields").arg(type);
            return false;
        }
        if (!ruleIsValid(rule.toObject(), type, error))
            return false;
    } else {
        field.insert(kValidation, QJsonValue::Null);
    }
    field.insert(kMandatory, field.value(kMandatory).toBool());
    if (isEmptyValue(field.value(kDefault))) {
        field.remove(kDefault);
    } else {
        const auto stored = checkedValue(field, field.value(kDefault), error);
        if (!stored) {
            *error = QStringLiteral("Invalid default value: %1").arg(*error);
            return false;
        }
        field.insert(kDefault, *stored);
    }
    return true;
}

} // namespace

bool isKnownType(const QString &type)
{
    static const QSet<QString> types
        = {QStringLiteral("string"), QStringLiteral("integer"), QStringLiteral("date"),
           QStringLiteral("enum"), QStringLiteral("set")};
    return types.contains(type);
}

qsizetype indexOf(const QJsonArray &fields, const QString &externalId)
{
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (fields.at(i).toObject().value(kExternalId).toString() == externalId)
            return i;
    }
    return -1;
}

std::optional<QJsonObject> createdField(const QJsonObject &given, const QJsonArray &existing, QString *error)
{
    QJsonObject field;
    for (const QString &key : {kType, kExternalId, kLabel, kMandatory, kDefault, kValidation, kDatasource}) {
        if (given.contains(key))
            field.insert(key, given.value(key));
    }
    const QString type = field.value(kType).toString();
    if (!isKnownType(type)) {
        *error = type.isEmpty() ? QStringLiteral("Missing required parameter - type")
                                : QStringLiteral("Invalid type %1").arg(type);
        return std::nullopt;
    }
    QString id = field.value(kExternalId).toString().trimmed();
    if (id.isEmpty())
        id = randomHexId().left(20);
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (!allowed.match(id).hasMatch()) {
        *error = QStringLiteral("Invalid external_id %1").arg(id);
        return std::nullopt;
    }
    if (indexOf(existing, id) >= 0) {
        *error = QStringLiteral("External id %1 already exists").arg(id);
        return std::nullopt;
    }
    field.insert(kExternalId, id);
    if (!checkDefinition(field, error))
        return std::nullopt;
    return field;
}

std::optional<QJsonObject> updatedField(const QJsonObject &field, const QJsonObject &given, QString *error)
{
    if (given.contains(kType) && given.value(kType).toString() != field.value(kType).toString()) {
        *error = QStringLiteral("The type of a metadata field cannot be changed");
        return std::nullopt;
    }
    QJsonObject changed = field;
    for (const QString &key : {kLabel, kMandatory, kDefault, kValidation, kDatasource}) {
        if (given.contains(key))
            changed.insert(key, given.value(key));
    }
    if (!checkDefinition(changed, error))
        return std::nullopt;
    return changed;
}

std::optional<QJsonObject> parseParam(const QString &text, QString *error)
{
    if (text.trimmed().isEmpty())
        return QJsonObject();
    if (text.trimmed().startsWith(u'{')) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
        if (!doc.isObject()) {
            *error = QStringLiteral("Invalid metadata JSON: %1").arg(parseError.errorString());
            return std::nullopt;
        }
        return doc.object();
    }
    QJsonObject values = parseContextString(text);
    for (auto it = values.begin(); it != values.end(); ++it) {
        const QString value = it.value().toString();
        // A JSON array is a multi-select's values; other text (even with a bracket) stays text.
        if (value.trimmed().startsWith(u'[')) {
            const QJsonDocument doc = QJsonDocument::fromJson(value.toUtf8());
            if (doc.isArray())
                it.value() = doc.array();
        }
    }
    return values;
}

std::optional<QJsonObject> checkedValues(const QJsonArray &fields, const QJsonObject &given,
                                         bool clearInvalid, QString *error)
{
    QJsonObject checked;
    for (auto it = given.begin(); it != given.end(); ++it) {
        const qsizetype index = indexOf(fields, it.key());
        if (index < 0) {
            *error = QStringLiteral("Metadata field %1 does not exist").arg(it.key());
            return std::nullopt;
        }
        const QJsonObject field = fields.at(index).toObject();
        if (isEmptyValue(it.value())) {
            if (field.value(kMandatory).toBool()) {
                *error = QStringLiteral("Metadata field %1 is mandatory").arg(it.key());
                return std::nullopt;
            }
            checked.insert(it.key(), QJsonValue::Null);
            continue;
        }
        const auto stored = checkedValue(field, it.value(), error);
        if (!stored && !clearInvalid)
            return std::nullopt;
        checked.insert(it.key(), stored ? *stored : QJsonValue(QJsonValue::Null));
    }
    return checked;
}

void merge(QJsonObject &metadata, const QJsonObject &checked)
{
    for (auto it = checked.begin(); it != checked.end(); ++it) {
        if (it.value().isNull())
            metadata.remove(it.key());
        else
            metadata.insert(it.key(), it.value());
    }
}

std::optional<QJsonObject> withDefaults(const QJsonArray &fields, QJsonObject metadata, QString *error)
{
    for (const QJsonValue &entry : fields) {
        const QJsonObject field = entry.toObject();
        const QString id = field.value(kExternalId).toString();
        if (metadata.contains(id) && !metadata.value(id).isNull())
            continue;
        if (field.contains(kDefault)) {
            metadata.insert(id, field.value(kDefault));
        } else if (field.value(kMandatory).toBool()) {
            *error = QStringLiteral("Metadata field %1 is mandatory").arg(id);
            return std::nullopt;
        }
    }
    for (auto it = metadata.begin(); it != metadata.end();)
        it = it.value().isNull() ? metadata.erase(it) : it + 1;
    return metadata;
}

} // namespace stratus::sandbox::metadatarules
