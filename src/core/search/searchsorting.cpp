#include "searchsorting.h"

#include <QJsonArray>

#include <algorithm>

namespace stratus::core::search {

using namespace Qt::StringLiterals;

QList<SortKey> defaultSortKeys()
{
    return {SortKey {Field::CreatedAt, {}, Qt::DescendingOrder}};
}

namespace {

Error invalid(ErrorReason reason, QString subject = {})
{
    return Error::because(Error::Kind::InvalidInput, reason, std::move(subject));
}

Result<SortKey> sortKeyFrom(const QString &name, const QJsonValue &direction)
{
    SortKey key;
    const qsizetype dot = name.indexOf(u'.');
    const QString base = dot < 0 ? name : name.first(dot);
    if ((base == "context"_L1 || base == "metadata"_L1) && dot > 0 && dot + 1 < name.size()) {
        key.field = base == "context"_L1 ? Field::Context : Field::Metadata;
        key.key = name.sliced(dot + 1);
    } else if (const auto field = fieldFromName(name);
               field && fieldInfo(*field).sortable && *field != Field::Context && *field != Field::Metadata) {
        key.field = *field;
    } else {
        return invalid(ErrorReason::SortByFieldUnsortable, name);
    }

    const QString order = direction.toString();
    if (order.compare("asc"_L1, Qt::CaseInsensitive) == 0)
        key.order = Qt::AscendingOrder;
    else if (order.compare("desc"_L1, Qt::CaseInsensitive) == 0)
        key.order = Qt::DescendingOrder;
    else
        return invalid(ErrorReason::SortByDirectionInvalid, name);
    return key;
}

Result<QList<SortKey>> appendFromObject(QList<SortKey> keys, const QJsonObject &object)
{
    if (object.size() != 1)
        return invalid(ErrorReason::SortByEntryNotOneField);
    auto key = sortKeyFrom(object.begin().key(), object.begin().value());
    if (!key)
        return key.error();
    keys.append(key.value());
    return keys;
}

// Text of a sort key's value; null when the asset has none.
QString sortText(const SearchRecord &record, const SortKey &key)
{
    if (key.field == Field::Context)
        return record.contextValue(key.key);
    if (key.field == Field::Metadata) {
        const QStringList values = record.metadataValues(key.key);
        return values.isEmpty() ? QString() : values.front();
    }
    return record.text(key.field);
}

// -1/0/1 for present values; "missing" is reported separately so it can sort last in both directions.
struct KeyOrder
{
    bool aMissing = false;
    bool bMissing = false;
    int order = 0;
};

KeyOrder compareKey(const SearchRecord &a, const SearchRecord &b, const SortKey &key)
{
    KeyOrder result;
    switch (fieldInfo(key.field).kind) {
    case FieldKind::Number: {
        const auto x = a.number(key.field);
        const auto y = b.number(key.field);
        result.aMissing = !x;
        result.bMissing = !y;
        if (x && y)
            result.order = *x < *y ? -1 : (*y < *x ? 1 : 0);
        return result;
    }
    case FieldKind::Date: {
        const QDateTime x = a.dateTime(key.field);
        const QDateTime y = b.dateTime(key.field);
        result.aMissing = !x.isValid();
        result.bMissing = !y.isValid();
        if (!result.aMissing && !result.bMissing) {
            const qint64 xm = x.toMSecsSinceEpoch();
            const qint64 ym = y.toMSecsSinceEpoch();
            result.order = xm < ym ? -1 : (ym < xm ? 1 : 0);
        }
        return result;
    }
    default: {
        const QString x = sortText(a, key);
        const QString y = sortText(b, key);
        result.aMissing = x.isEmpty();
        result.bMissing = y.isEmpty();
        if (!result.aMissing && !result.bMissing) {
            const int c = x.compare(y);
            result.order = c < 0 ? -1 : (c > 0 ? 1 : 0);
        }
        return result;
    }
    }
}

} // namespace

Result<QList<SortKey>> parseSortBy(const QJsonValue &sortBy)
{
    if (sortBy.isNull() || sortBy.isUndefined())
        return defaultSortKeys();
    if (sortBy.isObject())
        return appendFromObject({}, sortBy.toObject());
    if (!sortBy.isArray())
        return invalid(ErrorReason::SortByNotArray);
    const QJsonArray entries = sortBy.toArray();
    if (entries.isEmpty())
        return defaultSortKeys();
    QList<SortKey> keys;
    for (const QJsonValue &entry : entries) {
        if (!entry.isObject())
            return invalid(ErrorReason::SortByEntryNotObject);
        auto appended = appendFromObject(std::move(keys), entry.toObject());
        if (!appended)
            return appended.error();
        keys = std::move(appended).value();
    }
    return keys;
}

int compareRecords(const SearchRecord &a, const SearchRecord &b, const QList<SortKey> &keys)
{
    for (const SortKey &key : keys) {
        const KeyOrder result = compareKey(a, b, key);
        if (result.aMissing || result.bMissing) {
            if (result.aMissing && result.bMissing)
                continue;
            return result.aMissing ? 1 : -1;
        }
        if (result.order != 0)
            return key.order == Qt::AscendingOrder ? result.order : -result.order;
    }
    return 0;
}

void sortRecords(std::span<const SearchRecord *> records, const QList<SortKey> &keys)
{
    std::stable_sort(records.begin(), records.end(), [&keys](const SearchRecord *a, const SearchRecord *b) {
        return compareRecords(*a, *b, keys) < 0;
    });
}

Result<QList<Field>> parseAggregate(const QJsonValue &aggregate)
{
    QStringList names;
    if (aggregate.isNull() || aggregate.isUndefined())
        return QList<Field>();
    if (aggregate.isString()) {
        names = aggregate.toString().split(u',', Qt::SkipEmptyParts);
    } else if (aggregate.isArray()) {
        const QJsonArray entries = aggregate.toArray();
        for (const QJsonValue &entry : entries) {
            if (!entry.isString())
                return invalid(ErrorReason::AggregateRangeUnsupported);
            names.append(entry.toString());
        }
    } else {
        return invalid(ErrorReason::AggregateNotArray);
    }

    QList<Field> fields;
    for (const QString &rawName : std::as_const(names)) {
        const QString name = rawName.trimmed();
        const auto field = fieldFromName(name);
        if (!field || (*field != Field::Format && *field != Field::ResourceType && *field != Field::Type))
            return invalid(ErrorReason::AggregateFieldUnsupported, name);
        if (!fields.contains(*field))
            fields.append(*field);
    }
    return fields;
}

QMap<QString, qint64> countByValue(std::span<const SearchRecord *const> records, Field field)
{
    QMap<QString, qint64> counts;
    for (const SearchRecord *record : records) {
        const QString value = record->text(field);
        if (!value.isEmpty())
            ++counts[value];
    }
    return counts;
}

QJsonObject aggregationsJson(std::span<const SearchRecord *const> records, const QList<Field> &fields)
{
    QJsonObject aggregations;
    for (const Field field : fields) {
        QJsonObject counts;
        const QMap<QString, qint64> byValue = countByValue(records, field);
        for (auto it = byValue.cbegin(); it != byValue.cend(); ++it)
            counts.insert(it.key(), it.value());
        aggregations.insert(QString(fieldInfo(field).name), counts);
    }
    return aggregations;
}

} // namespace stratus::core::search
