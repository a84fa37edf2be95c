#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace stratus::sandbox {

/// One stored asset of a product environment, as the sandbox keeps it. A plain value; the
/// store owns the canonical copies.
struct Asset
{
    QString assetId; ///< 32 hex characters, stable across renames
    QString publicId;
    QString resourceType; ///< image, video, raw
    QString type; ///< upload, private, authenticated
    QString format; ///< jpg, png, mp4, … ; empty for raw (the extension is in the public id)
    qint64 version = 0;
    QString versionId;
    qint64 bytes = 0;
    int width = 0;
    int height = 0;
    double duration = 0;
    QString etag; ///< MD5 of the original, hex
    QDateTime createdAt;
    QDateTime uploadedAt;
    /// The last change of the asset: its upload, then every edit (tags, context, metadata, display
    /// name, asset folder, rename, a folder move). Stored as `updated_at` in the row's JSON; rows
    /// written before the sandbox kept it read back with uploaded_at (fromStorageJson).
    QDateTime updatedAt;
    QString assetFolder; ///< dynamic folder mode; in fixed mode the public id's path
    QString displayName;
    QString originalFilename;
    QStringList tags;
    QJsonObject context; ///< custom context, key → value
    QJsonObject metadata; ///< structured metadata, external id → value
    QString storageName; ///< file name of the original under the environment's files folder

    /// "resource_type/type/public_id": unique within an environment.
    [[nodiscard]] QString key() const { return keyOf(resourceType, type, publicId); }
    [[nodiscard]] static QString keyOf(const QString &resourceType, const QString &type,
                                       const QString &publicId)
    {
        return resourceType + u'/' + type + u'/' + publicId;
    }

    /// The folder of the public id (fixed folder mode): "a/b" for "a/b/c".
    [[nodiscard]] QString publicIdFolder() const
    {
        const qsizetype slash = publicId.lastIndexOf(u'/');
        return slash < 0 ? QString() : publicId.left(slash);
    }

    /// The file name part: the last public id segment (raw files keep their extension there).
    [[nodiscard]] QString filename() const { return publicId.mid(publicId.lastIndexOf(u'/') + 1); }

    [[nodiscard]] QJsonObject toStorageJson() const;
    static Asset fromStorageJson(const QJsonObject &json);
};

/// The etag the sandbox gives a file, as Cloudinary does: the MD5 of its bytes in lower-case hex.
/// Empty when the file cannot be read. The sandbox's own, not the client's (core::transfers::fileMd5),
/// so that tests of duplicate detection compare two independent hashes.
[[nodiscard]] QString etagOfFile(const QString &path);

} // namespace stratus::sandbox
