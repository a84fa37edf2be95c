#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace stratus::core {

/// Which asset a call is about: its public id within a resource type and delivery type.
struct AssetRef
{
    QString publicId;
    QString resourceType = QStringLiteral("image");
    QString type = QStringLiteral("upload");
};

/// One asset as the Admin, Search and Upload APIs describe it (reference §d "Upload response",
/// §e "Resource object fields"). Parsed leniently: missing fields stay empty/zero, unknown fields
/// are kept in `raw`. Plain value.
struct Resource
{
    QString assetId;
    QString publicId;
    QString resourceType;
    QString type;
    QString format;
    qint64 version = 0;
    QString versionId;
    QString assetFolder; ///< dynamic folder mode
    QString displayName; ///< dynamic folder mode
    QString folder; ///< fixed folder mode
    QString filename;
    QString originalFilename;
    qint64 bytes = 0;
    int width = 0;
    int height = 0;
    int pages = 0;
    double duration = 0;
    QString etag; ///< MD5 of the original, hex
    QString url;
    QString secureUrl;
    QString status;
    QString accessMode;
    QDateTime createdAt;
    QDateTime uploadedAt;
    QStringList tags;
    QMap<QString, QString> context; ///< the `custom` context
    QJsonObject metadata; ///< structured metadata by external id
    QJsonObject raw;

    [[nodiscard]] static Resource fromJson(const QJsonObject &json);
};

/// A page of resources: Admin listings and Search results alike.
struct ResourcePage
{
    QList<Resource> resources;
    QString nextCursor; ///< empty on the last page
    qint64 totalCount = -1; ///< Search only; -1 when not reported
    double time = 0; ///< Search only: server time in ms
    QJsonObject aggregations;
    QJsonObject raw;

    [[nodiscard]] static ResourcePage fromJson(const QJsonObject &json);
};

} // namespace stratus::core
