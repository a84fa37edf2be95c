#include "apiparams.h"

#include "core/signing/jscoercion.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace stratus::core::ApiParams {

namespace {

QString escapeContextValue(QString value)
{
    value.replace(u'=', u"\\="_s);
    value.replace(u'|', u"\\|"_s);
    return value;
}

} // namespace

QString valueText(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return jsToString(value);
}

Pairs toPairs(const QJsonObject &params)
{
    Pairs pairs;
    // QJsonObject iterates in key order already; sorted output keeps requests comparable.
    for (auto it = params.constBegin(); it != params.constEnd(); ++it) {
        const QJsonValue value = it.value();
        if (value.isNull() || value.isUndefined())
            continue;
        if (value.isArray()) {
            const QString name = it.key() + u"[]"_s;
            for (const QJsonValue &element : value.toArray())
                pairs.append({name, valueText(element)});
            continue;
        }
        pairs.append({it.key(), valueText(value)});
    }
    return pairs;
}

QByteArray formEncode(const Pairs &pairs)
{
    QByteArray encoded;
    for (const auto &[name, value] : pairs) {
        if (!encoded.isEmpty())
            encoded += '&';
        encoded += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return encoded;
}

QJsonObject withObjectsAsText(QJsonObject params)
{
    for (auto it = params.begin(); it != params.end(); ++it) {
        if (it.value().isObject())
            it.value() = valueText(it.value());
    }
    return params;
}

QString contextText(const QMap<QString, QString> &context)
{
    QStringList parts;
    for (auto it = context.constBegin(); it != context.constEnd(); ++it)
        parts.append(it.key() + u'=' + escapeContextValue(it.value()));
    return parts.join(u'|');
}

QString metadataText(const QJsonObject &metadata)
{
    QStringList parts;
    for (auto it = metadata.constBegin(); it != metadata.constEnd(); ++it) {
        const QJsonValue value = it.value();
        QString text;
        if (value.isArray())
            text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        else
            text = escapeContextValue(valueText(value));
        parts.append(it.key() + u'=' + text);
    }
    return parts.join(u'|');
}

} // namespace stratus::core::ApiParams
