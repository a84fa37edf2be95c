#include "searchservice.h"

#include "assetsearchrecord.h"
#include "core/search/searchexpression.h"
#include "core/search/searchsorting.h"
#include "words/errorwords.h"

#include <QJsonArray>

#include <algorithm>
#include <vector>

namespace stratus::sandbox {

namespace search = core::search;

namespace {

// The search request's fields from a JSON body, or from query/form parameters for the GET form.
QJsonObject searchBody(const ApiRequest &request)
{
    if (!request.json.isEmpty())
        return request.json;
    QJsonObject body;
    for (const QString &key : {QStringLiteral("expression"), QStringLiteral("next_cursor")}) {
        if (request.hasParam(key))
            body.insert(key, request.param(key));
    }
    if (request.hasParam(QStringLiteral("max_results")))
        body.insert(QStringLiteral("max_results"),
                    double(request.intParam(QStringLiteral("max_results"), 50)));
    for (const QString &key :
         {QStringLiteral("with_field"), QStringLiteral("aggregate"), QStringLiteral("fields")}) {
        const QStringList values = request.arrayParam(key);
        if (!values.isEmpty())
            body.insert(key, QJsonArray::fromStringList(values));
    }
    return body;
}

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            out.append(item.toString().trimmed());
    } else if (value.isString()) {
        for (const QString &item : value.toString().split(u','))
            out.append(item.trimmed());
    }
    out.removeAll(QString());
    return out;
}

} // namespace

ApiResponse SearchService::handle(const ApiContext &ctx, const ApiRequest &request)
{
    const QJsonObject body = searchBody(request);
    const QString text = body.value(QStringLiteral("expression")).toString();
    auto expression = search::Expression::parse(text);
    if (!expression)
        return ApiResponse::error(400, words::ErrorWords::text(expression.error()));
    auto sortKeys = search::parseSortBy(body.value(QStringLiteral("sort_by")));
    if (!sortKeys)
        return ApiResponse::error(400, words::ErrorWords::text(sortKeys.error()));
    auto aggregate = search::parseAggregate(body.value(QStringLiteral("aggregate")));
    if (!aggregate)
        return ApiResponse::error(400, words::ErrorWords::text(aggregate.error()));
    const QJsonValue maxValue = body.value(QStringLiteral("max_results"));
    const int maxResults = maxValue.isUndefined() || maxValue.isNull() ? 50 : maxValue.toInt(-1);
    if (maxResults < 0 || maxResults > 500)
        return ApiResponse::error(400, QStringLiteral("max_results must be between 0 and 500"));
    qsizetype offset = 0;
    if (const QString cursor = body.value(QStringLiteral("next_cursor")).toString(); !cursor.isEmpty()) {
        offset = decodeCursor(cursor);
        if (offset < 0)
            return ApiResponse::error(400, QStringLiteral("Invalid next_cursor"));
    }

    // Evaluate over every asset, in asset-id order so equal sort keys page deterministically.
    auto assets = ctx.store.assets(ctx.env.cloudName);
    std::sort(assets.begin(), assets.end(),
              [](const Asset *a, const Asset *b) { return a->assetId < b->assetId; });
    std::vector<AssetSearchRecord> records;
    records.reserve(assets.size());
    const qint64 now = ctx.now.toMSecsSinceEpoch();
    for (const Asset *asset : assets) {
        AssetSearchRecord record(*asset, ctx.env.folderMode);
        if (expression->isEmpty() || expression->matches(record, now))
            records.push_back(record);
    }
    std::vector<const search::SearchRecord *> matched;
    matched.reserve(records.size());
    for (const AssetSearchRecord &record : records)
        matched.push_back(&record);
    search::sortRecords(matched, *sortKeys);

    // with_field adds tags/context/metadata; `fields` narrows the answer (always-returned fields stay).
    const QStringList withField = stringList(body.value(QStringLiteral("with_field")));
    const QStringList fields = stringList(body.value(QStringLiteral("fields")));
    ResourceFields extras;
    extras.tags = withField.contains(QStringLiteral("tags")) || fields.contains(QStringLiteral("tags"));
    extras.context
        = withField.contains(QStringLiteral("context")) || fields.contains(QStringLiteral("context"));
    extras.metadata
        = withField.contains(QStringLiteral("metadata")) || fields.contains(QStringLiteral("metadata"));
    static const QStringList alwaysReturned
        = {QStringLiteral("public_id"),    QStringLiteral("asset_id"), QStringLiteral("asset_folder"),
           QStringLiteral("created_at"),   QStringLiteral("status"),   QStringLiteral("type"),
           QStringLiteral("resource_type")};

    QJsonArray resources;
    const qsizetype end = qMin<qsizetype>(qsizetype(matched.size()), offset + maxResults);
    for (qsizetype i = offset; i < end; ++i) {
        const Asset &asset = static_cast<const AssetSearchRecord *>(matched[std::size_t(i)])->asset();
        QJsonObject json = resourceJson(ctx, asset, extras);
        if (!fields.isEmpty()) {
            for (const QString &key : json.keys()) {
                if (!fields.contains(key) && !alwaysReturned.contains(key))
                    json.remove(key);
            }
        }
        resources.append(json);
    }
    QJsonObject answer {{QStringLiteral("total_count"), double(matched.size())},
                        {QStringLiteral("time"), 1},
                        {QStringLiteral("resources"), resources}};
    if (end < qsizetype(matched.size()))
        answer.insert(QStringLiteral("next_cursor"), encodeCursor(end));
    if (!aggregate->isEmpty())
        answer.insert(QStringLiteral("aggregations"), search::aggregationsJson(matched, *aggregate));
    return ApiResponse::json(answer);
}

} // namespace stratus::sandbox
