#include "adminapi.h"

#include "apiparams.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

ApiRequest get(QStringList path, QJsonObject params = {})
{
    return ApiRequest {"GET", std::move(path), std::move(params), false, NetworkJob::Authentication::Basic};
}

ApiRequest send(QByteArray method, QStringList path, QJsonObject params = {}, bool json = false)
{
    return ApiRequest {std::move(method), std::move(path), std::move(params), json,
                       NetworkJob::Authentication::Basic};
}

void addPage(QJsonObject &params, const PageRequest &page)
{
    if (page.maxResults > 0)
        params.insert(u"max_results"_s, page.maxResults);
    if (!page.nextCursor.isEmpty())
        params.insert(u"next_cursor"_s, page.nextCursor);
}

void addDirection(QJsonObject &params, SortDirection direction)
{
    if (direction == SortDirection::Ascending)
        params.insert(u"direction"_s, u"asc"_s);
    else if (direction == SortDirection::Descending)
        params.insert(u"direction"_s, u"desc"_s);
}

// The listing flags travel as `true`, as the Node SDK sends them; absent means false.
void addFlag(QJsonObject &params, const QString &name, bool on)
{
    if (on)
        params.insert(name, true);
}

// A folder path as path segments: its `/` stay separators (Cloudinary reads folders/a/b as the
// folder "a/b"); empty segments from stray slashes are dropped.
QStringList folderPath(const QString &path)
{
    QStringList segments {u"folders"_s};
    segments.append(path.split(u'/', Qt::SkipEmptyParts));
    return segments;
}

} // namespace

ApiCall<ApiMessage> *AdminApi::ping(QObject *parent) const
{
    return call<ApiMessage>(get({u"ping"_s}), parent);
}

ApiCall<Usage> *AdminApi::usage(QObject *parent, QDate date) const
{
    QStringList path {u"usage"_s};
    if (date.isValid())
        path.append(date.toString(u"dd-MM-yyyy"_s));
    return call<Usage>(get(path), parent);
}

ApiCall<CloudConfig> *AdminApi::config(QObject *parent) const
{
    return call<CloudConfig>(get({u"config"_s}, {{u"settings"_s, true}}), parent);
}

ApiCall<ResourcePage> *AdminApi::listResources(const ResourceListing &listing, QObject *parent) const
{
    QStringList path {u"resources"_s, listing.resourceType};
    QJsonObject params;
    if (!listing.tag.isEmpty()) {
        path << u"tags"_s << listing.tag;
    } else {
        if (!listing.type.isEmpty())
            path.append(listing.type);
        if (!listing.prefix.isEmpty())
            params.insert(u"prefix"_s, listing.prefix);
        if (!listing.publicIds.isEmpty())
            params.insert(u"public_ids"_s, QJsonArray::fromStringList(listing.publicIds));
    }
    addPage(params, listing.page);
    addDirection(params, listing.direction);
    addFlag(params, u"tags"_s, listing.withTags);
    addFlag(params, u"context"_s, listing.withContext);
    addFlag(params, u"metadata"_s, listing.withMetadata);
    return call<ResourcePage>(get(path, params), parent);
}

ApiCall<ResourcePage> *AdminApi::listResourcesByAssetFolder(const AssetFolderListing &listing,
                                                            QObject *parent) const
{
    QJsonObject params {{u"asset_folder"_s, listing.assetFolder}};
    addPage(params, listing.page);
    addDirection(params, listing.direction);
    addFlag(params, u"tags"_s, listing.withTags);
    addFlag(params, u"context"_s, listing.withContext);
    addFlag(params, u"metadata"_s, listing.withMetadata);
    return call<ResourcePage>(get({u"resources"_s, u"by_asset_folder"_s}, params), parent);
}

ApiCall<Resource> *AdminApi::resource(const AssetRef &asset, const ResourceDetailsOptions &options,
                                      QObject *parent) const
{
    QJsonObject params;
    addFlag(params, u"colors"_s, options.colors);
    addFlag(params, u"faces"_s, options.faces);
    addFlag(params, u"media_metadata"_s, options.mediaMetadata);
    addFlag(params, u"phash"_s, options.phash);
    addFlag(params, u"versions"_s, options.versions);
    if (options.maxDerived > 0)
        params.insert(u"max_results"_s, options.maxDerived);
    return call<Resource>(get({u"resources"_s, asset.resourceType, asset.type, asset.publicId}, params),
                          parent);
}

ApiCall<Resource> *AdminApi::updateResource(const AssetRef &asset, const ResourceUpdate &update,
                                            QObject *parent) const
{
    QJsonObject params = update.extra;
    if (update.tags)
        params.insert(u"tags"_s, update.tags->join(u','));
    if (update.context)
        params.insert(u"context"_s, ApiParams::contextText(*update.context));
    if (update.metadata)
        params.insert(u"metadata"_s, ApiParams::metadataText(*update.metadata));
    if (update.displayName)
        params.insert(u"display_name"_s, *update.displayName);
    if (update.assetFolder)
        params.insert(u"asset_folder"_s, *update.assetFolder);
    return call<Resource>(
        send("POST", {u"resources"_s, asset.resourceType, asset.type, asset.publicId}, params), parent);
}

ApiCall<DeletedResources> *AdminApi::deleteResources(const QStringList &publicIds, QObject *parent,
                                                     const QString &resourceType, const QString &type) const
{
    return call<DeletedResources>(send("DELETE", {u"resources"_s, resourceType, type},
                                       {{u"public_ids"_s, QJsonArray::fromStringList(publicIds)}}),
                                  parent);
}

ApiCall<DeletedResources> *AdminApi::deleteResourcesByPrefix(const QString &prefix, QObject *parent,
                                                             const QString &resourceType, const QString &type,
                                                             const QString &nextCursor) const
{
    QJsonObject params {{u"prefix"_s, prefix}};
    if (!nextCursor.isEmpty())
        params.insert(u"next_cursor"_s, nextCursor);
    return call<DeletedResources>(send("DELETE", {u"resources"_s, resourceType, type}, params), parent);
}

ApiCall<FolderPage> *AdminApi::rootFolders(const PageRequest &page, QObject *parent) const
{
    QJsonObject params;
    addPage(params, page);
    return call<FolderPage>(get({u"folders"_s}, params), parent);
}

ApiCall<FolderPage> *AdminApi::subFolders(const QString &path, const PageRequest &page, QObject *parent) const
{
    QJsonObject params;
    addPage(params, page);
    return call<FolderPage>(get(folderPath(path), params), parent);
}

ApiCall<FolderCreated> *AdminApi::createFolder(const QString &path, QObject *parent) const
{
    return call<FolderCreated>(send("POST", folderPath(path)), parent);
}

ApiCall<FolderRenamed> *AdminApi::renameFolder(const QString &from, const QString &to, QObject *parent) const
{
    return call<FolderRenamed>(send("PUT", folderPath(from), {{u"to_folder"_s, to}}, true), parent);
}

ApiCall<FoldersDeleted> *AdminApi::deleteFolder(const QString &path, QObject *parent) const
{
    return call<FoldersDeleted>(send("DELETE", folderPath(path)), parent);
}

ApiCall<TagPage> *AdminApi::tags(const QString &resourceType, const QString &prefix, const PageRequest &page,
                                 QObject *parent) const
{
    QJsonObject params;
    if (!prefix.isEmpty())
        params.insert(u"prefix"_s, prefix);
    addPage(params, page);
    return call<TagPage>(get({u"tags"_s, resourceType}, params), parent);
}

ApiCall<TransformationPage> *AdminApi::transformations(std::optional<bool> named, const PageRequest &page,
                                                       QObject *parent) const
{
    QJsonObject params;
    if (named)
        params.insert(u"named"_s, *named);
    addPage(params, page);
    return call<TransformationPage>(get({u"transformations"_s}, params), parent);
}

ApiCall<TransformationDetails> *AdminApi::transformation(const QString &name, const PageRequest &derivedPage,
                                                         QObject *parent) const
{
    QJsonObject params;
    addPage(params, derivedPage);
    return call<TransformationDetails>(get({u"transformations"_s, name}, params), parent);
}

ApiCall<ApiMessage> *AdminApi::createTransformation(const QString &name, const QString &definition,
                                                    QObject *parent) const
{
    // As the Node SDK: POST transformations with the name in the body.
    return call<ApiMessage>(
        send("POST", {u"transformations"_s}, {{u"name"_s, name}, {u"transformation"_s, definition}}), parent);
}

ApiCall<ApiMessage> *AdminApi::deleteTransformation(const QString &name, QObject *parent) const
{
    return call<ApiMessage>(send("DELETE", {u"transformations"_s, name}), parent);
}

ApiCall<UploadPresetPage> *AdminApi::uploadPresets(const PageRequest &page, QObject *parent) const
{
    QJsonObject params;
    addPage(params, page);
    return call<UploadPresetPage>(get({u"upload_presets"_s}, params), parent);
}

ApiCall<UploadPreset> *AdminApi::uploadPreset(const QString &name, QObject *parent) const
{
    return call<UploadPreset>(get({u"upload_presets"_s, name}), parent);
}

ApiCall<ApiMessage> *AdminApi::createUploadPreset(const UploadPresetDefinition &preset, QObject *parent) const
{
    QJsonObject params = preset.settings;
    params.insert(u"name"_s, preset.name);
    params.insert(u"unsigned"_s, preset.isUnsigned);
    return call<ApiMessage>(send("POST", {u"upload_presets"_s}, params), parent);
}

ApiCall<ApiMessage> *AdminApi::deleteUploadPreset(const QString &name, QObject *parent) const
{
    return call<ApiMessage>(send("DELETE", {u"upload_presets"_s, name}), parent);
}

ApiCall<QList<MetadataField>> *AdminApi::metadataFields(QObject *parent) const
{
    return new ApiCall<QList<MetadataField>>(m_context, get({u"metadata_fields"_s}),
                                             &MetadataField::listFromJson, parent);
}

ApiCall<QJsonObject> *AdminApi::createMetadataField(const QJsonObject &definition, QObject *parent) const
{
    return new ApiCall<QJsonObject>(
        m_context, send("POST", {u"metadata_fields"_s}, definition, true),
        [](const QJsonObject &json) { return json; }, parent);
}

} // namespace stratus::core
