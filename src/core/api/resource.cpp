#include "resource.h"

#include "jsonfields.h"

namespace stratus::core {

using namespace JsonFields;

Resource Resource::fromJson(const QJsonObject &json)
{
    Resource r;
    r.assetId = text(json, u"asset_id");
    r.publicId = text(json, u"public_id");
    r.resourceType = text(json, u"resource_type");
    r.type = text(json, u"type");
    r.format = text(json, u"format");
    r.version = integer(json, u"version");
    r.versionId = text(json, u"version_id");
    r.assetFolder = text(json, u"asset_folder");
    r.displayName = text(json, u"display_name");
    r.folder = text(json, u"folder");
    r.filename = text(json, u"filename");
    r.originalFilename = text(json, u"original_filename");
    r.bytes = integer(json, u"bytes");
    r.width = int(integer(json, u"width"));
    r.height = int(integer(json, u"height"));
    r.pages = int(integer(json, u"pages"));
    r.duration = number(json, u"duration");
    r.etag = text(json, u"etag");
    r.url = text(json, u"url");
    r.secureUrl = text(json, u"secure_url");
    r.status = text(json, u"status");
    r.accessMode = text(json, u"access_mode");
    r.createdAt = dateTime(json, u"created_at");
    r.uploadedAt = dateTime(json, u"uploaded_at");
    r.tags = textList(json, u"tags");
    // Context comes as {"custom": {k: v}} from the APIs; accept a flat object too.
    const QJsonObject context = object(json, u"context");
    const QJsonObject custom = context.contains(u"custom") ? object(context, u"custom") : context;
    for (auto it = custom.constBegin(); it != custom.constEnd(); ++it)
        r.context.insert(it.key(), text(custom, it.key()));
    r.metadata = object(json, u"metadata");
    r.raw = json;
    return r;
}

ResourcePage ResourcePage::fromJson(const QJsonObject &json)
{
    ResourcePage page;
    for (const QJsonObject &resource : objects(json, u"resources"))
        page.resources.append(Resource::fromJson(resource));
    page.nextCursor = text(json, u"next_cursor");
    page.totalCount = integer(json, u"total_count", -1);
    page.time = number(json, u"time");
    page.aggregations = object(json, u"aggregations");
    page.raw = json;
    return page;
}

} // namespace stratus::core
