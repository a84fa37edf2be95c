#include "uploadtypes.h"

#include "apiparams.h"
#include "jsonfields.h"

using namespace Qt::StringLiterals;

namespace stratus::core {

using namespace JsonFields;

namespace {

void insertText(QJsonObject &params, const QString &name, const QString &value)
{
    if (!value.isEmpty())
        params.insert(name, value);
}

void insertFlag(QJsonObject &params, const QString &name, std::optional<bool> value)
{
    if (value)
        params.insert(name, ApiParams::flag(*value));
}

} // namespace

QJsonObject UploadOptions::toParams() const
{
    QJsonObject params = ApiParams::withObjectsAsText(extra);
    insertText(params, u"type"_s, type);
    insertText(params, u"public_id"_s, publicId);
    insertText(params, u"folder"_s, folder);
    insertText(params, u"asset_folder"_s, assetFolder);
    insertText(params, u"display_name"_s, displayName);
    insertFlag(params, u"use_filename"_s, useFilename);
    insertFlag(params, u"unique_filename"_s, uniqueFilename);
    insertFlag(params, u"overwrite"_s, overwrite);
    insertText(params, u"tags"_s, tags.join(u','));
    insertText(params, u"context"_s, ApiParams::contextText(context));
    insertText(params, u"upload_preset"_s, uploadPreset);
    return params;
}

UploadResult UploadResult::fromJson(const QJsonObject &json)
{
    UploadResult result;
    result.asset = Resource::fromJson(json);
    result.done = boolean(json, u"done", true);
    result.bytesReceived = result.done ? result.asset.bytes : integer(json, u"bytes");
    result.signature = text(json, u"signature");
    result.raw = json;
    return result;
}

PublicIdsResult PublicIdsResult::fromJson(const QJsonObject &json)
{
    return PublicIdsResult {textList(json, u"public_ids"), textList(json, u"unauthorized"), json};
}

QJsonObject ExplicitOptions::toParams() const
{
    QJsonObject params = ApiParams::withObjectsAsText(extra);
    if (tags)
        params.insert(u"tags"_s, tags->join(u','));
    if (context)
        params.insert(u"context"_s, ApiParams::contextText(*context));
    if (metadata)
        params.insert(u"metadata"_s, ApiParams::metadataText(*metadata));
    if (displayName)
        params.insert(u"display_name"_s, *displayName);
    if (assetFolder)
        params.insert(u"asset_folder"_s, *assetFolder);
    insertFlag(params, u"invalidate"_s, invalidate);
    return params;
}

} // namespace stratus::core
