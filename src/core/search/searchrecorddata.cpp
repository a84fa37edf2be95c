#include "searchrecorddata.h"

#include <QJsonArray>
#include <QJsonValue>

namespace stratus::core::search {

using namespace Qt::StringLiterals;

QString SearchRecordData::text(Field field) const
{
    switch (field) {
    case Field::PublicId:
        return publicId;
    case Field::AssetId:
        return assetId;
    case Field::Filename:
        return filename;
    case Field::DisplayName:
        return displayName;
    case Field::Folder:
        return folder;
    case Field::AssetFolder:
        return assetFolder;
    case Field::ResourceType:
        return resourceType;
    case Field::Type:
        return type;
    case Field::Format:
        return format;
    default:
        return {};
    }
}

std::optional<double> SearchRecordData::number(Field field) const
{
    switch (field) {
    case Field::Bytes:
        return bytes;
    case Field::Width:
        return width;
    case Field::Height:
        return height;
    case Field::Duration:
        return duration;
    case Field::AspectRatio:
        return aspectRatio;
    case Field::Pixels:
        return pixels;
    default:
        return std::nullopt;
    }
}

QDateTime SearchRecordData::dateTime(Field field) const
{
    switch (field) {
    case Field::UploadedAt:
        return uploadedAt;
    case Field::CreatedAt:
        return createdAt;
    case Field::UpdatedAt:
        return updatedAt;
    default:
        return {};
    }
}

QString SearchRecordData::contextValue(QStringView key) const
{
    for (const auto &[k, v] : context) {
        if (k == key)
            return v;
    }
    return {};
}

QStringList SearchRecordData::contextValues() const
{
    QStringList values;
    values.reserve(context.size());
    for (const auto &entry : context)
        values.append(entry.second);
    return values;
}

QStringList SearchRecordData::metadataValues(QStringView key) const
{
    QStringList values;
    for (const auto &[k, v] : metadata) {
        if (k == key)
            values.append(v);
    }
    return values;
}

QString fixedModeFolder(QStringView publicId)
{
    const qsizetype slash = publicId.lastIndexOf(u'/');
    return slash < 0 ? QString() : publicId.first(slash).toString();
}

namespace {

QString scalarText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double d = value.toDouble();
        const auto asInt = static_cast<qint64>(d);
        return static_cast<double>(asInt) == d ? QString::number(asInt) : QString::number(d, 'g', 17);
    }
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    return {};
}

std::optional<double> optionalNumber(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue value = object.value(key);
    if (!value.isDouble())
        return std::nullopt;
    return value.toDouble();
}

QDateTime utcDate(const QJsonValue &value)
{
    QDateTime date = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (date.isValid())
        date = date.toUTC();
    return date;
}

} // namespace

SearchRecordData SearchRecordData::fromResourceJson(const QJsonObject &resource)
{
    SearchRecordData record;
    record.publicId = resource.value("public_id"_L1).toString();
    record.assetId = resource.value("asset_id"_L1).toString();
    record.filename = resource.value("filename"_L1).toString();
    if (record.filename.isEmpty())
        record.filename = record.publicId.mid(record.publicId.lastIndexOf(u'/') + 1);
    record.displayName = resource.value("display_name"_L1).toString();
    record.resourceType = resource.value("resource_type"_L1).toString();
    record.type = resource.value("type"_L1).toString();
    record.format = resource.value("format"_L1).toString();

    const QJsonValue folder = resource.value("folder"_L1);
    const QJsonValue assetFolder = resource.value("asset_folder"_L1);
    record.folder = folder.isString() ? folder.toString() : assetFolder.toString();
    record.assetFolder = assetFolder.isString() ? assetFolder.toString() : folder.toString();

    const QJsonArray tags = resource.value("tags"_L1).toArray();
    for (const QJsonValue &tag : tags)
        record.tagList.append(tag.toString());

    QJsonObject context = resource.value("context"_L1).toObject();
    if (context.value("custom"_L1).isObject())
        context = context.value("custom"_L1).toObject();
    for (auto it = context.constBegin(); it != context.constEnd(); ++it)
        record.context.append({it.key(), scalarText(it.value())});

    const QJsonObject metadata = resource.value("metadata"_L1).toObject();
    for (auto it = metadata.constBegin(); it != metadata.constEnd(); ++it) {
        if (it.value().isArray()) {
            const QJsonArray values = it.value().toArray();
            for (const QJsonValue &value : values)
                record.metadata.append({it.key(), scalarText(value)});
        } else {
            record.metadata.append({it.key(), scalarText(it.value())});
        }
    }

    record.bytes = optionalNumber(resource, "bytes"_L1);
    record.width = optionalNumber(resource, "width"_L1);
    record.height = optionalNumber(resource, "height"_L1);
    record.duration = optionalNumber(resource, "duration"_L1);
    record.aspectRatio = optionalNumber(resource, "aspect_ratio"_L1);
    record.pixels = optionalNumber(resource, "pixels"_L1);
    if (!record.pixels && record.width && record.height)
        record.pixels = *record.width * *record.height;
    if (!record.aspectRatio && record.width && record.height && *record.height > 0)
        record.aspectRatio = *record.width / *record.height;

    record.createdAt = utcDate(resource.value("created_at"_L1));
    record.uploadedAt = utcDate(resource.value("uploaded_at"_L1));
    if (!record.uploadedAt.isValid())
        record.uploadedAt = record.createdAt;
    record.updatedAt = utcDate(resource.value("updated_at"_L1));
    if (!record.updatedAt.isValid())
        record.updatedAt = utcDate(resource.value("last_updated"_L1).toObject().value("updated_at"_L1));
    if (!record.updatedAt.isValid())
        record.updatedAt = record.uploadedAt;
    return record;
}

} // namespace stratus::core::search
