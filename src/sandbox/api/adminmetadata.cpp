// The sandbox's Admin API: structured metadata field definitions (metadata_fields) and their
// datasources. The rules for definitions and values are in metadatarules.cpp.
#include "adminservice.h"
#include "metadatarules.h"

#include <QJsonArray>

#include <algorithm>

namespace stratus::sandbox {

namespace {

const QString kCreatedAt = QStringLiteral("_created_at"); // kept for ordering by created_at, not answered

// A field as answered: without the sandbox's own bookkeeping.
QJsonObject answered(QJsonObject field)
{
    field.remove(kCreatedAt);
    if (!field.contains(QStringLiteral("default_value")))
        field.insert(QStringLiteral("default_value"), QJsonValue::Null);
    return field;
}

QJsonArray answeredAll(const QJsonArray &fields)
{
    QJsonArray out;
    for (const QJsonValue &field : fields)
        out.append(answered(field.toObject()));
    return out;
}

// A call's definition: the JSON body, or (for form-encoded clients) the scalar parameters.
QJsonObject givenObject(const ApiRequest &request)
{
    if (!request.json.isEmpty())
        return request.json;
    QJsonObject given;
    for (const auto &[name, value] : request.params) {
        if (name == u"mandatory")
            given.insert(name, value == u"1" || value.compare(u"true", Qt::CaseInsensitive) == 0);
        else
            given.insert(name, value);
    }
    return given;
}

bool descending(const ApiRequest &request)
{
    return request.param(QStringLiteral("direction")).compare(u"desc", Qt::CaseInsensitive) == 0;
}

} // namespace

ApiResponse AdminService::metadataFields(const ApiContext &ctx, const QStringList &path,
                                         const ApiRequest &request)
{
    QJsonArray fields = ctx.store.metadataFields(ctx.env.cloudName);
    QString error;
    auto save = [&](const QJsonArray &changed) {
        return ctx.store.putMetadataFields(ctx.env.cloudName, changed, &error);
    };
    if (path.isEmpty()) {
        if (request.method == "POST") {
            auto field = metadatarules::createdField(givenObject(request), fields, &error);
            if (!field)
                return ApiResponse::error(400, error);
            field->insert(kCreatedAt, ctx.now.toUTC().toString(Qt::ISODateWithMs));
            fields.append(*field);
            if (!save(fields))
                return ApiResponse::error(500, error);
            return ApiResponse::json(answered(*field));
        }
        if (request.method != "GET")
            return ApiResponse::error(404, QStringLiteral("Unsupported method"));
        return ApiResponse::json({{QStringLiteral("metadata_fields"), answeredAll(fields)}});
    }
    if (path.size() == 1 && path.first() == u"order" && request.method == "PUT") {
        const QString orderBy = request.param(QStringLiteral("order_by"));
        static const QStringList keys
            = {QStringLiteral("label"), QStringLiteral("external_id"), QStringLiteral("created_at")};
        if (!keys.contains(orderBy))
            return ApiResponse::error(400, QStringLiteral("Invalid order_by %1").arg(orderBy));
        const QString key = orderBy == u"created_at" ? kCreatedAt : orderBy;
        QList<QJsonObject> list;
        for (const QJsonValue &field : fields)
            list.append(field.toObject());
        const bool desc = descending(request);
        std::stable_sort(list.begin(), list.end(), [&](const QJsonObject &a, const QJsonObject &b) {
            const int order
                = QString::compare(a.value(key).toString(), b.value(key).toString(), Qt::CaseInsensitive);
            return desc ? order > 0 : order < 0;
        });
        QJsonArray ordered;
        for (const QJsonObject &field : list)
            ordered.append(field);
        if (!save(ordered))
            return ApiResponse::error(500, error);
        return ApiResponse::json({{QStringLiteral("metadata_fields"), answeredAll(ordered)}});
    }
    const QString id = path.first();
    const qsizetype index = metadatarules::indexOf(fields, id);
    if (index < 0)
        return ApiResponse::error(404, QStringLiteral("Metadata field %1 not found").arg(id));
    QJsonObject field = fields.at(index).toObject();
    if (path.size() == 1) {
        if (request.method == "PUT") {
            auto changed = metadatarules::updatedField(field, givenObject(request), &error);
            if (!changed)
                return ApiResponse::error(400, error);
            fields.replace(index, *changed);
            if (!save(fields))
                return ApiResponse::error(500, error);
            return ApiResponse::json(answered(*changed));
        }
        if (request.method == "DELETE") {
            // The field's values go with it.
            for (const Asset *asset : ctx.store.assets(ctx.env.cloudName)) {
                if (!asset->metadata.contains(id))
                    continue;
                Asset copy = *asset;
                copy.metadata.remove(id);
                if (!ctx.store.updateAsset(ctx.env.cloudName, copy, &error))
                    return ApiResponse::error(500, error);
            }
            fields.removeAt(index);
            if (!save(fields))
                return ApiResponse::error(500, error);
            return ApiResponse::json({{QStringLiteral("message"), QStringLiteral("ok")}});
        }
        return ApiResponse::json(answered(field));
    }
    const QString type = field.value(QStringLiteral("type")).toString();
    if (type != u"enum" && type != u"set")
        return ApiResponse::error(400, QStringLiteral("Metadata field %1 has no datasource").arg(id));
    QJsonArray values
        = field.value(QStringLiteral("datasource")).toObject().value(QStringLiteral("values")).toArray();
    const QString sub = path.mid(1).join(u'/');
    if (sub == u"datasource" && request.method == "PUT") {
        // Values with a known external id change; others are added.
        for (const QJsonValue &entry : givenObject(request).value(QStringLiteral("values")).toArray()) {
            QJsonObject value = entry.toObject();
            bool found = false;
            for (qsizetype i = 0;
                 i < values.size() && !value.value(QStringLiteral("external_id")).isUndefined(); ++i) {
                QJsonObject existing = values.at(i).toObject();
                if (existing.value(QStringLiteral("external_id"))
                    != value.value(QStringLiteral("external_id")))
                    continue;
                for (auto it = value.begin(); it != value.end(); ++it)
                    existing.insert(it.key(), it.value());
                values.replace(i, existing);
                found = true;
            }
            if (!found)
                values.append(value);
        }
    } else if ((sub == u"datasource" && request.method == "DELETE")
               || (sub == u"datasource_restore" && request.method == "POST")) {
        // Deleted values become inactive (assets keep them); a restore makes them active again.
        const QStringList ids = request.arrayParam(QStringLiteral("external_ids"));
        if (ids.isEmpty())
            return ApiResponse::error(400, QStringLiteral("Missing required parameter - external_ids"));
        const QString state = sub == u"datasource" ? QStringLiteral("inactive") : QStringLiteral("active");
        for (qsizetype i = 0; i < values.size(); ++i) {
            QJsonObject value = values.at(i).toObject();
            if (ids.contains(value.value(QStringLiteral("external_id")).toString())) {
                value.insert(QStringLiteral("state"), state);
                values.replace(i, value);
            }
        }
    } else if (sub == u"datasource/order" && request.method == "POST") {
        if (request.param(QStringLiteral("order_by")) != u"value")
            return ApiResponse::error(
                400, QStringLiteral("Invalid order_by %1").arg(request.param(QStringLiteral("order_by"))));
        QList<QJsonObject> list;
        for (const QJsonValue &value : values)
            list.append(value.toObject());
        const bool desc = descending(request);
        std::stable_sort(list.begin(), list.end(), [&](const QJsonObject &a, const QJsonObject &b) {
            const int order
                = QString::compare(a.value(QStringLiteral("value")).toString(),
                                   b.value(QStringLiteral("value")).toString(), Qt::CaseInsensitive);
            return desc ? order > 0 : order < 0;
        });
        values = QJsonArray();
        for (const QJsonObject &value : list)
            values.append(value);
    } else {
        return ApiResponse::error(
            404, QStringLiteral("Unsupported Admin API path /metadata_fields/%1").arg(path.join(u'/')));
    }
    auto changed = metadatarules::updatedField(
        field, QJsonObject {{QStringLiteral("datasource"), QJsonObject {{QStringLiteral("values"), values}}}},
        &error);
    if (!changed)
        return ApiResponse::error(400, error);
    fields.replace(index, *changed);
    if (!save(fields))
        return ApiResponse::error(500, error);
    return ApiResponse::json(changed->value(QStringLiteral("datasource")).toObject());
}

} // namespace stratus::sandbox
