#include "jsonfields.h"

#include "core/signing/jscoercion.h"

namespace stratus::core::JsonFields {

QString text(const QJsonObject &object, QStringView key)
{
    const QJsonValue value = object.value(key);
    if (value.isString() || value.isDouble() || value.isBool())
        return jsToString(value);
    return {};
}

qint64 integer(const QJsonObject &object, QStringView key, qint64 fallback)
{
    const QJsonValue value = object.value(key);
    if (value.isDouble())
        return qint64(value.toDouble());
    if (value.isString()) {
        bool ok = false;
        const qint64 parsed = value.toString().trimmed().toLongLong(&ok);
        if (ok)
            return parsed;
        const double real = value.toString().trimmed().toDouble(&ok);
        return ok ? qint64(real) : fallback;
    }
    return fallback;
}

double number(const QJsonObject &object, QStringView key, double fallback)
{
    const QJsonValue value = object.value(key);
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        const double parsed = value.toString().trimmed().toDouble(&ok);
        return ok ? parsed : fallback;
    }
    return fallback;
}

bool boolean(const QJsonObject &object, QStringView key, bool fallback)
{
    const QJsonValue value = object.value(key);
    if (value.isBool())
        return value.toBool();
    if (value.isDouble())
        return value.toDouble() != 0;
    if (value.isString()) {
        const QString text = value.toString().trimmed().toLower();
        if (text == u"true" || text == u"1")
            return true;
        if (text == u"false" || text == u"0")
            return false;
    }
    return fallback;
}

QStringList textList(const QJsonObject &object, QStringView key)
{
    const QJsonValue value = object.value(key);
    QStringList list;
    if (value.isArray()) {
        for (const QJsonValue &element : value.toArray()) {
            if (element.isString() || element.isDouble())
                list.append(jsToString(element));
        }
    } else if (value.isString() && !value.toString().isEmpty()) {
        for (const QString &part : value.toString().split(u','))
            list.append(part.trimmed());
    }
    return list;
}

QDateTime dateTime(const QJsonObject &object, QStringView key)
{
    const QString value = object.value(key).toString();
    if (value.isEmpty())
        return {};
    QDateTime parsed = QDateTime::fromString(value, Qt::ISODateWithMs);
    if (!parsed.isValid())
        parsed = QDateTime::fromString(value, Qt::ISODate);
    return parsed.isValid() ? parsed.toUTC() : QDateTime();
}

QJsonObject object(const QJsonObject &object, QStringView key)
{
    return object.value(key).toObject();
}

QJsonArray array(const QJsonObject &object, QStringView key)
{
    return object.value(key).toArray();
}

QList<QJsonObject> objects(const QJsonObject &object, QStringView key)
{
    QList<QJsonObject> list;
    for (const QJsonValue &element : object.value(key).toArray()) {
        if (element.isObject())
            list.append(element.toObject());
    }
    return list;
}

} // namespace stratus::core::JsonFields
