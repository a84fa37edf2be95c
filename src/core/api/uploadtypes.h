#pragma once

#include "resource.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace stratus::core {

/// The parameters of an upload (reference §d "Common upload parameters"). Unset fields are not
/// sent, so the server's defaults (and the preset's) apply. Plain value.
struct UploadOptions
{
    QString resourceType = QStringLiteral("auto"); ///< image, video, raw or auto (in the URL, not signed)
    QString type; ///< upload (default), private, authenticated
    QString publicId;
    QString folder; ///< fixed folder mode: prefixes the public id
    QString assetFolder; ///< dynamic folder mode
    QString displayName; ///< dynamic folder mode
    std::optional<bool> useFilename;
    std::optional<bool> uniqueFilename;
    std::optional<bool> overwrite;
    QStringList tags;
    QMap<QString, QString> context;
    QString uploadPreset;
    /// No api_key, timestamp or signature: an unsigned upload through an unsigned `uploadPreset`.
    bool unsignedUpload = false;
    /// Any other documented parameter, as text (eager, transformation, …), sent and signed as given.
    QJsonObject extra;
    /// The file name sent with the file part; empty: the file's own name.
    QString fileName;

    /// The body parameters (without `file` and `resource_type`), before signing.
    [[nodiscard]] QJsonObject toParams() const;
};

/// The answer to an upload, or to one chunk of it.
struct UploadResult
{
    Resource asset;
    /// False for a chunk the server stored while waiting for the rest (`{"done": false, …}`).
    bool done = true;
    /// For an unfinished chunked upload: the bytes the server has so far.
    qint64 bytesReceived = 0;
    /// Cloudinary's signature of public_id + version (verify with ApiSigner::verifyResponseSignature).
    QString signature;
    QJsonObject raw;

    [[nodiscard]] static UploadResult fromJson(const QJsonObject &json);
};

/// The answer of the bulk `tags` and `context` actions.
struct PublicIdsResult
{
    QStringList publicIds;
    QStringList unauthorized;
    QJsonObject raw;

    [[nodiscard]] static PublicIdsResult fromJson(const QJsonObject &json);
};

enum class TagCommand { Add, Remove, Replace, RemoveAll, SetExclusive };
enum class ContextCommand { Add, RemoveAll };

struct RenameOptions
{
    QString toType; ///< move to another delivery type; empty: keep
    std::optional<bool> overwrite;
    std::optional<bool> invalidate;
};

/// `explicit`: change an existing asset through the Upload API (not rate limited, unlike Admin
/// `update`).
struct ExplicitOptions
{
    std::optional<QStringList> tags;
    std::optional<QMap<QString, QString>> context;
    std::optional<QJsonObject> metadata;
    std::optional<QString> displayName;
    std::optional<QString> assetFolder;
    std::optional<bool> invalidate;
    QJsonObject extra;

    [[nodiscard]] QJsonObject toParams() const;
};

} // namespace stratus::core
