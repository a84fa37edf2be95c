#pragma once

#include "searchrecord.h"

#include <QJsonObject>
#include <QList>

#include <utility>

namespace stratus::core::search {

/// A SearchRecord that simply holds its values: for tests, for the fuzz target and for callers that
/// have a Cloudinary resource object at hand (fromResourceJson). A plain value type.
struct SearchRecordData final : SearchRecord
{
    QString publicId;
    QString assetId;
    QString filename;
    QString displayName;
    QString folder;
    QString assetFolder;
    QString resourceType;
    QString type;
    QString format;
    QStringList tagList;
    QList<std::pair<QString, QString>> context; ///< key → value
    QList<std::pair<QString, QString>> metadata; ///< external id → value; a set field repeats its key
    std::optional<double> bytes;
    std::optional<double> width;
    std::optional<double> height;
    std::optional<double> duration;
    std::optional<double> aspectRatio;
    std::optional<double> pixels;
    QDateTime uploadedAt;
    QDateTime createdAt;
    QDateTime updatedAt;

    [[nodiscard]] QString text(Field field) const override;
    [[nodiscard]] std::optional<double> number(Field field) const override;
    [[nodiscard]] QDateTime dateTime(Field field) const override;
    [[nodiscard]] QStringList tags() const override { return tagList; }
    [[nodiscard]] QString contextValue(QStringView key) const override;
    [[nodiscard]] QStringList contextValues() const override;
    [[nodiscard]] QStringList metadataValues(QStringView key) const override;

    /// A record from a resource object as the Admin and Search APIs return it. Fills what the JSON
    /// lacks the way Cloudinary derives it: filename from the public id, pixels and aspect_ratio from
    /// the dimensions, uploaded_at from created_at, updated_at from `last_updated.updated_at` (the
    /// Admin API's shape) and else from uploaded_at (an asset never changed since its upload), and
    /// `folder`/`asset_folder` from each other (see SearchRecord on folder modes). `context` may be
    /// `{"custom":{…}}` or a flat object.
    [[nodiscard]] static SearchRecordData fromResourceJson(const QJsonObject &resource);
};

/// The folder part of a public id in fixed folder mode: "a/b/c" → "a/b", "c" → "" (the root).
[[nodiscard]] QString fixedModeFolder(QStringView publicId);

} // namespace stratus::core::search
