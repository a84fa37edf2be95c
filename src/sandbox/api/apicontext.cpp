#include "apicontext.h"
#include "metadatarules.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QUrl>

namespace stratus::sandbox {

QString folderOf(const EnvironmentConfig &env, const Asset &asset)
{
    return env.folderMode == FolderMode::Dynamic ? asset.assetFolder : asset.publicIdFolder();
}

QString deliveryUrl(const ApiContext &ctx, const Asset &asset)
{
    QString path = QString::fromUtf8(QUrl::toPercentEncoding(asset.publicId, "/:!~*'()"));
    if (!asset.format.isEmpty())
        path += u'.' + asset.format;
    return ctx.baseUrl + u'/' + ctx.env.cloudName + u'/' + asset.resourceType + u'/' + asset.type
        + QStringLiteral("/v") + QString::number(asset.version) + u'/' + path;
}

QJsonObject resourceJson(const ApiContext &ctx, const Asset &asset, const ResourceFields &fields)
{
    const QString url = deliveryUrl(ctx, asset);
    QJsonObject json {
        {QStringLiteral("asset_id"), asset.assetId},
        {QStringLiteral("public_id"), asset.publicId},
        {QStringLiteral("format"), asset.format},
        {QStringLiteral("version"), double(asset.version)},
        {QStringLiteral("version_id"), asset.versionId},
        {QStringLiteral("resource_type"), asset.resourceType},
        {QStringLiteral("type"), asset.type},
        {QStringLiteral("created_at"), asset.createdAt.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("uploaded_at"), asset.uploadedAt.toUTC().toString(Qt::ISODate)},
        // What the Search API's `updated_at` field evaluates; the Admin API's resource object also
        // reports it under last_updated (shared/reference/cloudinary-api.md §e).
        {QStringLiteral("updated_at"), asset.updatedAt.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("last_updated"),
         QJsonObject {{QStringLiteral("updated_at"), asset.updatedAt.toUTC().toString(Qt::ISODate)}}},
        {QStringLiteral("bytes"), double(asset.bytes)},
        {QStringLiteral("width"), asset.width},
        {QStringLiteral("height"), asset.height},
        {QStringLiteral("asset_folder"), asset.assetFolder},
        {QStringLiteral("display_name"), asset.displayName},
        {QStringLiteral("etag"), asset.etag},
        {QStringLiteral("url"), url},
        // The sandbox speaks plain HTTP on loopback; there is no TLS endpoint to point at.
        {QStringLiteral("secure_url"), url},
        {QStringLiteral("status"), QStringLiteral("active")},
        {QStringLiteral("access_mode"), QStringLiteral("public")},
        {QStringLiteral("filename"), asset.filename()},
        {QStringLiteral("placeholder"), false},
    };
    if (ctx.env.folderMode == FolderMode::Fixed)
        json.insert(QStringLiteral("folder"), asset.publicIdFolder());
    if (asset.resourceType == u"video")
        json.insert(QStringLiteral("duration"), asset.duration);
    if (asset.width > 0 && asset.height > 0) {
        json.insert(QStringLiteral("aspect_ratio"), double(asset.width) / asset.height);
        json.insert(QStringLiteral("pixels"), double(asset.width) * asset.height);
    }
    if (!asset.originalFilename.isEmpty())
        json.insert(QStringLiteral("original_filename"), asset.originalFilename);
    if (fields.tags)
        json.insert(QStringLiteral("tags"), QJsonArray::fromStringList(asset.tags));
    if (fields.context && !asset.context.isEmpty())
        json.insert(QStringLiteral("context"), QJsonObject {{QStringLiteral("custom"), asset.context}});
    if (fields.metadata && !asset.metadata.isEmpty())
        json.insert(QStringLiteral("metadata"), asset.metadata);
    return json;
}

QJsonObject parseContextString(const QString &text)
{
    QJsonObject out;
    QString key;
    QString value;
    bool inValue = false;
    auto flush = [&] {
        if (!key.isEmpty() || !value.isEmpty())
            out.insert(key.trimmed(), value);
        key.clear();
        value.clear();
        inValue = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\\' && i + 1 < text.size()) {
            (inValue ? value : key) += text.at(++i);
        } else if (c == u'|') {
            flush();
        } else if (c == u'=' && !inValue) {
            inValue = true;
        } else {
            (inValue ? value : key) += c;
        }
    }
    flush();
    return out;
}

std::optional<QJsonObject> checkedMetadataParam(const ApiContext &ctx, const ApiRequest &request,
                                                ApiResponse *refusal)
{
    const QJsonValue json = request.json.value(QStringLiteral("metadata"));
    if (!json.isObject() && !request.hasParam(QStringLiteral("metadata")))
        return QJsonObject();
    QString error;
    const auto given = json.isObject()
        ? std::optional<QJsonObject>(json.toObject())
        : metadatarules::parseParam(request.param(QStringLiteral("metadata")), &error);
    const auto checked = given
        ? metadatarules::checkedValues(ctx.store.metadataFields(ctx.env.cloudName), *given,
                                       request.boolParam(QStringLiteral("clear_invalid")), &error)
        : std::nullopt;
    if (!checked)
        *refusal = ApiResponse::error(400, error);
    return checked;
}

std::optional<ApiResponse> applyMetadataParams(const ApiContext &ctx, const ApiRequest &request, Asset &asset)
{
    if (request.hasParam(QStringLiteral("context")))
        asset.context = parseContextString(request.param(QStringLiteral("context")));
    ApiResponse refusal;
    const auto metadata = checkedMetadataParam(ctx, request, &refusal);
    if (!metadata)
        return refusal;
    metadatarules::merge(asset.metadata, *metadata);
    if (request.hasParam(QStringLiteral("display_name")))
        asset.displayName = request.param(QStringLiteral("display_name"));
    return std::nullopt;
}

ApiResponse saveChangedAsset(const ApiContext &ctx, Asset asset)
{
    asset.updatedAt = ctx.now;
    QString error;
    if (!ctx.store.updateAsset(ctx.env.cloudName, asset, &error))
        return ApiResponse::error(500, error);
    return ApiResponse::json(resourceJson(ctx, asset));
}

QString encodeCursor(qsizetype offset)
{
    return QString::fromLatin1(
        QByteArray("offset:" + QByteArray::number(offset)).toBase64(QByteArray::Base64UrlEncoding));
}

qsizetype decodeCursor(const QString &cursor)
{
    const QByteArray raw = QByteArray::fromBase64(cursor.toLatin1(), QByteArray::Base64UrlEncoding);
    if (!raw.startsWith("offset:"))
        return -1;
    bool ok = false;
    const qsizetype offset = raw.mid(7).toLongLong(&ok);
    return ok && offset >= 0 ? offset : -1;
}

QStringList splitTags(const QString &text)
{
    QStringList tags;
    for (const QString &tag : text.split(u',')) {
        const QString trimmed = tag.trimmed();
        if (!trimmed.isEmpty() && !tags.contains(trimmed))
            tags.append(trimmed);
    }
    return tags;
}

QString trimSlashes(QString path)
{
    while (path.startsWith(u'/'))
        path.remove(0, 1);
    while (path.endsWith(u'/'))
        path.chop(1);
    return path;
}

QString randomHexId()
{
    QString out;
    out.reserve(32);
    for (int i = 0; i < 4; ++i)
        out += QStringLiteral("%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    return out;
}

} // namespace stratus::sandbox
