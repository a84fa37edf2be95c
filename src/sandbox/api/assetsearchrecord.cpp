#include "assetsearchrecord.h"

#include <QJsonArray>

namespace stratus::sandbox {

using core::search::Field;

QString AssetSearchRecord::text(Field field) const
{
    switch (field) {
    case Field::PublicId:
        return m_asset->publicId;
    case Field::AssetId:
        return m_asset->assetId;
    case Field::Filename:
        return m_asset->filename();
    case Field::DisplayName:
        return m_asset->displayName;
    case Field::Folder:
    case Field::AssetFolder:
        return m_mode == FolderMode::Dynamic ? m_asset->assetFolder : m_asset->publicIdFolder();
    case Field::ResourceType:
        return m_asset->resourceType;
    case Field::Type:
        return m_asset->type;
    case Field::Format:
        return m_asset->format;
    default:
        return QString();
    }
}

std::optional<double> AssetSearchRecord::number(Field field) const
{
    switch (field) {
    case Field::Bytes:
        return double(m_asset->bytes);
    case Field::Width:
        return m_asset->width > 0 ? std::optional<double>(m_asset->width) : std::nullopt;
    case Field::Height:
        return m_asset->height > 0 ? std::optional<double>(m_asset->height) : std::nullopt;
    case Field::Duration:
        return m_asset->resourceType == u"video" ? std::optional<double>(m_asset->duration) : std::nullopt;
    case Field::AspectRatio:
        return m_asset->height > 0 ? std::optional<double>(double(m_asset->width) / m_asset->height)
                                   : std::nullopt;
    case Field::Pixels:
        return m_asset->width > 0 ? std::optional<double>(double(m_asset->width) * m_asset->height)
                                  : std::nullopt;
    default:
        return std::nullopt;
    }
}

QDateTime AssetSearchRecord::dateTime(Field field) const
{
    switch (field) {
    case Field::UploadedAt:
        return m_asset->uploadedAt;
    case Field::CreatedAt:
        return m_asset->createdAt;
    case Field::UpdatedAt:
        return m_asset->updatedAt;
    default:
        return QDateTime();
    }
}

QString AssetSearchRecord::contextValue(QStringView key) const
{
    const auto it = m_asset->context.constFind(key.toString());
    return it == m_asset->context.constEnd() ? QString() : it->toString();
}

QStringList AssetSearchRecord::contextValues() const
{
    QStringList values;
    for (const QJsonValue &value : m_asset->context)
        values.append(value.toString());
    return values;
}

QStringList AssetSearchRecord::metadataValues(QStringView key) const
{
    const QJsonValue value = m_asset->metadata.value(key.toString());
    if (value.isArray()) {
        QStringList values;
        for (const QJsonValue &item : value.toArray())
            values.append(item.toString());
        return values;
    }
    if (value.isDouble())
        return {QString::number(value.toDouble())};
    if (value.isString())
        return {value.toString()};
    return {};
}

} // namespace stratus::sandbox
