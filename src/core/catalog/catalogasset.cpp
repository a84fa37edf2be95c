#include "catalogasset.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace stratus::core::catalog {

namespace {

QDateTime utcDate(const QJsonValue &value)
{
    QDateTime date = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return date.isValid() ? date.toUTC() : QDateTime();
}

// The fields both JSON shapes share, with the same names and value formats.
QJsonObject commonJson(const CatalogAsset &a)
{
    return QJsonObject {
        {u"asset_id"_s, a.assetId},
        {u"public_id"_s, a.publicId},
        {u"resource_type"_s, a.resourceType},
        {u"type"_s, a.type},
        {u"format"_s, a.format},
        {u"bytes"_s, double(a.bytes)},
        {u"tags"_s, QJsonArray::fromStringList(a.tags)},
        {u"asset_folder"_s, a.assetFolder},
        {u"display_name"_s, a.displayName},
        {u"created_at"_s, isoUtc(a.createdAt)},
        {u"uploaded_at"_s, isoUtc(a.uploadedAt)},
    };
}

} // namespace

QString isoUtc(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return {};
    const QDateTime utc = dateTime.toUTC();
    return utc.time().msec() == 0 ? utc.toString(Qt::ISODate) : utc.toString(Qt::ISODateWithMs);
}

CatalogAsset CatalogAsset::fromResourceJson(const QJsonObject &json)
{
    CatalogAsset a;
    a.assetId = json.value("asset_id"_L1).toString();
    a.publicId = json.value("public_id"_L1).toString();
    a.resourceType = json.value("resource_type"_L1).toString();
    a.type = json.value("type"_L1).toString();
    a.format = json.value("format"_L1).toString();
    a.bytes = qint64(json.value("bytes"_L1).toDouble());
    a.width = json.value("width"_L1).toInt();
    a.height = json.value("height"_L1).toInt();
    if (json.value("duration"_L1).isDouble())
        a.duration = json.value("duration"_L1).toDouble();
    a.version = qint64(json.value("version"_L1).toDouble());
    a.etag = json.value("etag"_L1).toString();
    a.createdAt = utcDate(json.value("created_at"_L1));
    a.uploadedAt = utcDate(json.value("uploaded_at"_L1));
    if (!a.uploadedAt.isValid())
        a.uploadedAt = a.createdAt;
    a.publicIdFolder = search::fixedModeFolder(a.publicId);
    const QJsonValue assetFolder = json.value("asset_folder"_L1);
    a.assetFolder = assetFolder.isString() ? assetFolder.toString() : json.value("folder"_L1).toString();
    a.displayName = json.value("display_name"_L1).toString();
    for (const QJsonValue &tag : json.value("tags"_L1).toArray())
        a.tags.append(tag.toString());
    a.context = json.value("context"_L1).toObject();
    if (a.context.value("custom"_L1).isObject())
        a.context = a.context.value("custom"_L1).toObject();
    a.metadata = json.value("metadata"_L1).toObject();
    a.status = json.value("status"_L1).toString();
    return a;
}

QJsonObject CatalogAsset::toResourceJson() const
{
    QJsonObject json = commonJson(*this);
    json.insert(u"version"_s, double(version));
    json.insert(u"etag"_s, etag);
    json.insert(u"status"_s, status);
    // Absent rather than zero: a raw file has no dimensions, and a search for `width<100` must not
    // match it (as it does not on the server).
    if (width > 0)
        json.insert(u"width"_s, width);
    if (height > 0)
        json.insert(u"height"_s, height);
    if (duration)
        json.insert(u"duration"_s, *duration);
    if (!context.isEmpty())
        json.insert(u"context"_s, QJsonObject {{u"custom"_s, context}});
    if (!metadata.isEmpty())
        json.insert(u"metadata"_s, metadata);
    return json;
}

QString CatalogAsset::folder(FolderMode mode) const
{
    return mode == FolderMode::Fixed ? publicIdFolder : assetFolder;
}

QString CatalogAsset::name(FolderMode mode) const
{
    const QString lastSegment = publicId.mid(publicId.lastIndexOf(u'/') + 1);
    if (mode == FolderMode::Fixed || displayName.isEmpty())
        return lastSegment;
    return displayName;
}

search::SearchRecordData CatalogAsset::searchRecord(FolderMode mode) const
{
    search::SearchRecordData record = search::SearchRecordData::fromResourceJson(toResourceJson());
    record.folder = folder(mode);
    record.assetFolder = record.folder;
    return record;
}

QJsonObject CatalogAsset::toCliJson() const
{
    QJsonObject json = commonJson(*this);
    json.insert(u"width"_s, width);
    json.insert(u"height"_s, height);
    if (duration)
        json.insert(u"duration"_s, *duration);
    return json;
}

} // namespace stratus::core::catalog
