#include "asset.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>

namespace stratus::sandbox {

QJsonObject Asset::toStorageJson() const
{
    return QJsonObject {
        {QStringLiteral("asset_id"), assetId},
        {QStringLiteral("public_id"), publicId},
        {QStringLiteral("resource_type"), resourceType},
        {QStringLiteral("type"), type},
        {QStringLiteral("format"), format},
        {QStringLiteral("version"), double(version)},
        {QStringLiteral("version_id"), versionId},
        {QStringLiteral("bytes"), double(bytes)},
        {QStringLiteral("width"), width},
        {QStringLiteral("height"), height},
        {QStringLiteral("duration"), duration},
        {QStringLiteral("etag"), etag},
        {QStringLiteral("created_at"), createdAt.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("uploaded_at"), uploadedAt.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("updated_at"), updatedAt.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("asset_folder"), assetFolder},
        {QStringLiteral("display_name"), displayName},
        {QStringLiteral("original_filename"), originalFilename},
        {QStringLiteral("tags"), QJsonArray::fromStringList(tags)},
        {QStringLiteral("context"), context},
        {QStringLiteral("metadata"), metadata},
        {QStringLiteral("storage_name"), storageName},
    };
}

Asset Asset::fromStorageJson(const QJsonObject &json)
{
    Asset a;
    a.assetId = json.value(QStringLiteral("asset_id")).toString();
    a.publicId = json.value(QStringLiteral("public_id")).toString();
    a.resourceType = json.value(QStringLiteral("resource_type")).toString();
    a.type = json.value(QStringLiteral("type")).toString();
    a.format = json.value(QStringLiteral("format")).toString();
    a.version = qint64(json.value(QStringLiteral("version")).toDouble());
    a.versionId = json.value(QStringLiteral("version_id")).toString();
    a.bytes = qint64(json.value(QStringLiteral("bytes")).toDouble());
    a.width = json.value(QStringLiteral("width")).toInt();
    a.height = json.value(QStringLiteral("height")).toInt();
    a.duration = json.value(QStringLiteral("duration")).toDouble();
    a.etag = json.value(QStringLiteral("etag")).toString();
    a.createdAt = QDateTime::fromString(json.value(QStringLiteral("created_at")).toString(), Qt::ISODate);
    a.uploadedAt = QDateTime::fromString(json.value(QStringLiteral("uploaded_at")).toString(), Qt::ISODate);
    // Data directories from before updated_at was kept: an asset counts as unchanged since its upload.
    a.updatedAt = QDateTime::fromString(json.value(QStringLiteral("updated_at")).toString(), Qt::ISODate);
    if (!a.updatedAt.isValid())
        a.updatedAt = a.uploadedAt;
    a.assetFolder = json.value(QStringLiteral("asset_folder")).toString();
    a.displayName = json.value(QStringLiteral("display_name")).toString();
    a.originalFilename = json.value(QStringLiteral("original_filename")).toString();
    for (const QJsonValue &tag : json.value(QStringLiteral("tags")).toArray())
        a.tags.append(tag.toString());
    a.context = json.value(QStringLiteral("context")).toObject();
    a.metadata = json.value(QStringLiteral("metadata")).toObject();
    a.storageName = json.value(QStringLiteral("storage_name")).toString();
    return a;
}

QString etagOfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Md5);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace stratus::sandbox
