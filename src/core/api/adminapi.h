#pragma once

#include "admintypes.h"
#include "apicall.h"
#include "apicontext.h"
#include "core/metadata/metadatafield.h"
#include "resource.h"

#include <QDate>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace stratus::core {

/// Paging of a listing: `max_results` (0: the server's default) and the `next_cursor` of the
/// previous page (empty: the first page).
struct PageRequest
{
    int maxResults = 0;
    QString nextCursor;
};

enum class SortDirection { Default, Ascending, Descending };

/// What `GET resources/<resource_type>[/<type>]` (or `…/tags/<tag>`) lists.
struct ResourceListing
{
    QString resourceType = QStringLiteral("image");
    QString type; ///< "upload", "private", …; empty: every type
    QString prefix; ///< public-id prefix (fixed folder mode: the folder path + "/")
    QString tag; ///< list the assets with this tag instead (type and prefix then unused)
    QStringList publicIds;
    PageRequest page;
    SortDirection direction = SortDirection::Default;
    bool withTags = false;
    bool withContext = false;
    bool withMetadata = false;
};

/// What `GET resources/by_asset_folder` lists (dynamic folder mode).
struct AssetFolderListing
{
    QString assetFolder;
    PageRequest page;
    SortDirection direction = SortDirection::Default;
    bool withTags = false;
    bool withContext = false;
    bool withMetadata = false;
};

/// Extras of `GET resources/<rt>/<type>/<public_id>`.
struct ResourceDetailsOptions
{
    bool colors = false;
    bool faces = false;
    bool mediaMetadata = false;
    bool phash = false;
    bool versions = false;
    int maxDerived = 0;
};

/// `POST resources/<rt>/<type>/<public_id>`: only the fields that are set are changed. `tags`
/// replaces all tags.
struct ResourceUpdate
{
    std::optional<QStringList> tags;
    std::optional<QMap<QString, QString>> context;
    std::optional<QJsonObject> metadata;
    std::optional<QString> displayName;
    std::optional<QString> assetFolder;
    QJsonObject extra; ///< any other documented parameter, sent as given
};

/// `POST upload_presets`: name, whether unsigned uploads may use it, and its upload parameters
/// (folder, tags, …) as top-level fields.
struct UploadPresetDefinition
{
    QString name;
    bool isUnsigned = false;
    QJsonObject settings;
};

/// The Admin API of one product environment (reference §e), over Basic auth. Each function returns
/// a job, not started, owned by `parent`; the caller connects to finished(), calls start(), reads
/// result(). Every call counts against the environment's hourly budget (the context's
/// RateLimitBudget). Cheap to copy; holds no secret.
class AdminApi
{
public:
    explicit AdminApi(ApiContext context)
        : m_context(std::move(context))
    {
    }

    [[nodiscard]] const ApiContext &context() const { return m_context; }

    [[nodiscard]] ApiCall<ApiMessage> *ping(QObject *parent) const;
    /// `date` invalid: the current usage; else the usage of that day.
    [[nodiscard]] ApiCall<Usage> *usage(QObject *parent, QDate date = {}) const;
    /// With `settings=true`, so the folder mode is known.
    [[nodiscard]] ApiCall<CloudConfig> *config(QObject *parent) const;

    [[nodiscard]] ApiCall<ResourcePage> *listResources(const ResourceListing &listing, QObject *parent) const;
    [[nodiscard]] ApiCall<ResourcePage> *listResourcesByAssetFolder(const AssetFolderListing &listing,
                                                                    QObject *parent) const;
    [[nodiscard]] ApiCall<Resource> *resource(const AssetRef &asset, const ResourceDetailsOptions &options,
                                              QObject *parent) const;
    [[nodiscard]] ApiCall<Resource> *updateResource(const AssetRef &asset, const ResourceUpdate &update,
                                                    QObject *parent) const;
    /// `public_ids[]` of one resource type and type (Cloudinary takes up to 100 per call).
    [[nodiscard]] ApiCall<DeletedResources> *
    deleteResources(const QStringList &publicIds, QObject *parent,
                    const QString &resourceType = QStringLiteral("image"),
                    const QString &type = QStringLiteral("upload")) const;
    /// Every asset whose public id starts with `prefix`; `partial` + a cursor when there is more.
    [[nodiscard]] ApiCall<DeletedResources> *deleteResourcesByPrefix(
        const QString &prefix, QObject *parent, const QString &resourceType = QStringLiteral("image"),
        const QString &type = QStringLiteral("upload"), const QString &nextCursor = {}) const;

    [[nodiscard]] ApiCall<FolderPage> *rootFolders(const PageRequest &page, QObject *parent) const;
    [[nodiscard]] ApiCall<FolderPage> *subFolders(const QString &path, const PageRequest &page,
                                                  QObject *parent) const;
    [[nodiscard]] ApiCall<FolderCreated> *createFolder(const QString &path, QObject *parent) const;
    /// Dynamic folder mode only.
    [[nodiscard]] ApiCall<FolderRenamed> *renameFolder(const QString &from, const QString &to,
                                                       QObject *parent) const;
    [[nodiscard]] ApiCall<FoldersDeleted> *deleteFolder(const QString &path, QObject *parent) const;

    [[nodiscard]] ApiCall<TagPage> *tags(const QString &resourceType, const QString &prefix,
                                         const PageRequest &page, QObject *parent) const;

    /// `named`: only named (true) or only unnamed (false) transformations; unset: all.
    [[nodiscard]] ApiCall<TransformationPage> *
    transformations(std::optional<bool> named, const PageRequest &page, QObject *parent) const;
    /// A named transformation (with or without its `t_` prefix) or a transformation string.
    [[nodiscard]] ApiCall<TransformationDetails> *
    transformation(const QString &name, const PageRequest &derivedPage, QObject *parent) const;
    [[nodiscard]] ApiCall<ApiMessage> *createTransformation(const QString &name, const QString &definition,
                                                            QObject *parent) const;
    [[nodiscard]] ApiCall<ApiMessage> *deleteTransformation(const QString &name, QObject *parent) const;

    [[nodiscard]] ApiCall<UploadPresetPage> *uploadPresets(const PageRequest &page, QObject *parent) const;
    [[nodiscard]] ApiCall<UploadPreset> *uploadPreset(const QString &name, QObject *parent) const;
    [[nodiscard]] ApiCall<ApiMessage> *createUploadPreset(const UploadPresetDefinition &preset,
                                                          QObject *parent) const;
    [[nodiscard]] ApiCall<ApiMessage> *deleteUploadPreset(const QString &name, QObject *parent) const;

    /// The environment's structured metadata fields, in their order (`GET metadata_fields`).
    [[nodiscard]] ApiCall<QList<MetadataField>> *metadataFields(QObject *parent) const;
    /// `POST metadata_fields` with @p definition as the API takes it (type, label, external_id,
    /// mandatory, default_value, validation, datasource); the answer is the field as stored.
    [[nodiscard]] ApiCall<QJsonObject> *createMetadataField(const QJsonObject &definition,
                                                            QObject *parent) const;

private:
    template<typename T> ApiCall<T> *call(ApiRequest request, QObject *parent) const
    {
        return new ApiCall<T>(m_context, std::move(request), &T::fromJson, parent);
    }

    ApiContext m_context;
};

} // namespace stratus::core
