#include "assetservice.h"

#include "assetnames.h"

#include "core/api/uploadapi.h"
#include "core/catalog/catalog.h"

namespace stratus::core::assets {

using namespace Qt::StringLiterals;
using catalog::CatalogAsset;
using Step = AssetJob::Step;
using Operation = AssetJob::Operation;

namespace {

// Cloudinary takes up to 100 public ids per deletion call (reference §e); tags take 1000, but 100
// keeps one failed call from costing a whole selection.
constexpr int kIdsPerCall = 100;

/// A Step whose answer is an ApiCall<T>, written through with the typed result.
template<typename T>
Step typedStep(int weight, QString subject, ErrorReason reason, std::function<ApiCall<T> *(QObject *)> make,
               std::function<Result<Done>(const T &)> apply)
{
    return {weight, std::move(subject), reason,
            [make](QObject *parent) -> ApiCallBase * { return make(parent); },
            [apply](ApiCallBase *call) {
                return apply(static_cast<ApiCall<T> *>(call)->result().value());
            }};
}

AssetRef refOf(const CatalogAsset &asset)
{
    return {asset.publicId, asset.resourceType.isEmpty() ? u"image"_s : asset.resourceType,
            asset.type.isEmpty() ? u"upload"_s : asset.type};
}

/// Fixed mode's rename and move: the Upload API gives @p asset the public id @p to.
Step publicIdStep(const ApiContext &api, CatalogWriteThrough *writeThrough, const CatalogAsset &asset,
                  const QString &to, ErrorReason reason)
{
    const AssetRef ref = refOf(asset);
    const QString assetId = asset.assetId;
    return typedStep<Resource>(
        1, asset.publicId, reason,
        [api, ref, to](QObject *parent) { return UploadApi(api).rename(ref, to, {}, parent); },
        [writeThrough, assetId, to](const Resource &) { return writeThrough->renamed(assetId, to); });
}

/// An Admin API update of @p asset (dynamic mode's rename and move, the details panel's save), whose
/// answer @p written writes through.
Step updateStep(const ApiContext &api, const CatalogAsset &asset, const ResourceUpdate &update,
                ErrorReason reason, std::function<Result<Done>(const Resource &)> written)
{
    const AssetRef ref = refOf(asset);
    return typedStep<Resource>(
        1, asset.publicId, reason,
        [api, ref, update](QObject *parent) { return AdminApi(api).updateResource(ref, update, parent); },
        std::move(written));
}

/// One bulk call's share of a selection: public ids of one resource type and delivery type, at most
/// kIdsPerCall of them, and the asset id of each (the answers speak of public ids).
struct Batch
{
    QString resourceType;
    QString type;
    QStringList publicIds;
    QHash<QString, QString> assetIds; ///< public id → asset id
};

QList<Batch> batches(const QList<CatalogAsset> &assets)
{
    QMap<std::pair<QString, QString>, QList<CatalogAsset>> groups;
    for (const CatalogAsset &asset : assets) {
        const AssetRef ref = refOf(asset);
        groups[{ref.resourceType, ref.type}].append(asset);
    }
    QList<Batch> result;
    for (auto group = groups.cbegin(); group != groups.cend(); ++group) {
        for (qsizetype first = 0; first < group->size(); first += kIdsPerCall) {
            Batch batch {group.key().first, group.key().second, {}, {}};
            for (const CatalogAsset &asset : group->mid(first, kIdsPerCall)) {
                batch.publicIds.append(asset.publicId);
                batch.assetIds.insert(asset.publicId, asset.assetId);
            }
            result.append(batch);
        }
    }
    return result;
}

CatalogWriteThrough::TagChange tagChangeOf(TagCommand command)
{
    switch (command) {
    case TagCommand::Remove:
        return CatalogWriteThrough::TagChange::Remove;
    case TagCommand::Replace:
        return CatalogWriteThrough::TagChange::Replace;
    default:
        return CatalogWriteThrough::TagChange::Add;
    }
}

} // namespace

/// What an operation is, for its job and a refusal.
struct AssetService::Request
{
    Operation operation;
    int count = 0;
    QString subject;
};

AssetService::AssetService(catalog::Catalog *catalog, ContextSource apiContext, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_apiContext(std::move(apiContext))
    , m_writeThrough(std::make_unique<CatalogWriteThrough>(catalog))
{
}

AssetService::~AssetService() = default;

FolderMode AssetService::folderMode() const
{
    return m_catalog ? m_catalog->folderMode() : FolderMode::Unknown;
}

Result<ApiContext> AssetService::context() const
{
    if (!m_catalog)
        return Error::because(Error::Kind::Unavailable, ErrorReason::AssetsWithoutCatalog);
    if (!m_apiContext)
        return Error::because(Error::Kind::Unavailable, ErrorReason::AssetsNotCallable);
    return m_apiContext();
}

std::optional<Error> AssetService::refusal() const
{
    if (auto api = context(); !api)
        return api.error();
    return std::nullopt;
}

AssetJob *AssetService::start(const Request &request, const std::function<Plan(const ApiContext &)> &plan)
{
    // Reap the jobs that finished before this one: whoever watched them has read them by now.
    for (AssetJob *old : findChildren<AssetJob *>(QString(), Qt::FindDirectChildrenOnly)) {
        if (old->isFinished())
            old->deleteLater();
    }
    const auto make = [&]() -> AssetJob * {
        const Result<ApiContext> api = context();
        if (!api)
            return AssetJob::refused(request.operation, request.count, request.subject, api.error(), this);
        Plan planned = plan(api.value());
        if (const Error *problem = std::get_if<Error>(&planned))
            return AssetJob::refused(request.operation, request.count, request.subject, *problem, this);
        return new AssetJob(request.operation, request.count, request.subject,
                            std::get<QList<Step>>(std::move(planned)), this);
    };
    AssetJob *job = make();
    connect(job, &Job::finished, this, [this, job] {
        if (job->changedCatalog())
            Q_EMIT catalogChanged();
    });
    job->start();
    Q_EMIT started(job);
    return job;
}

AssetJob *AssetService::rename(const CatalogAsset &asset, const QString &newName)
{
    const FolderMode mode = folderMode();
    return start({Operation::Rename, 1, asset.name(mode)}, [&](const ApiContext &api) -> Plan {
        if (std::optional<Error> problem = nameProblem(newName))
            return *problem;
        CatalogWriteThrough *writeThrough = m_writeThrough.get();
        if (mode == FolderMode::Dynamic) {
            ResourceUpdate update;
            update.displayName = newName;
            const QString assetId = asset.assetId;
            return QList<Step> {updateStep(api, asset, update, ErrorReason::AssetRenameFailed,
                                           [writeThrough, assetId, newName](const Resource &) {
                                               return writeThrough->displayNameChanged(assetId, newName);
                                           })};
        }
        if (mode != FolderMode::Fixed)
            return Error::because(Error::Kind::InvalidInput, ErrorReason::FolderModeUnknown);
        return QList<Step> {publicIdStep(api, writeThrough, asset, renamedPublicId(asset, newName),
                                         ErrorReason::AssetRenameFailed)};
    });
}

AssetJob *AssetService::move(const QList<CatalogAsset> &assets, const QString &folder)
{
    const QString target = normalizedFolder(folder);
    const FolderMode mode = folderMode();
    return start({Operation::Move, int(assets.size()), target}, [&](const ApiContext &api) -> Plan {
        if (mode == FolderMode::Unknown)
            return Error::because(Error::Kind::InvalidInput, ErrorReason::FolderModeUnknown);
        CatalogWriteThrough *writeThrough = m_writeThrough.get();
        ResourceUpdate update;
        update.assetFolder = target;
        QList<Step> steps;
        for (const CatalogAsset &asset : assets) {
            if (asset.folder(mode) == target)
                continue;
            if (mode == FolderMode::Fixed) {
                steps.append(publicIdStep(api, writeThrough, asset, movedPublicId(asset, target),
                                          ErrorReason::AssetMoveFailed));
                continue;
            }
            const QString assetId = asset.assetId;
            steps.append(updateStep(api, asset, update, ErrorReason::AssetMoveFailed,
                                    [writeThrough, assetId, target](const Resource &) {
                                        return writeThrough->moved(assetId, target);
                                    }));
        }
        return steps;
    });
}

AssetJob *AssetService::remove(const QList<CatalogAsset> &assets)
{
    return start({Operation::Delete, int(assets.size()), {}}, [&](const ApiContext &api) -> Plan {
        CatalogWriteThrough *writeThrough = m_writeThrough.get();
        QList<Step> steps;
        for (const Batch &batch : batches(assets)) {
            steps.append(typedStep<DeletedResources>(
                int(batch.publicIds.size()), batch.publicIds.join(u", "_s), ErrorReason::AssetDeleteFailed,
                [api, batch](QObject *parent) {
                    return AdminApi(api).deleteResources(batch.publicIds, parent, batch.resourceType,
                                                         batch.type);
                },
                [writeThrough, batch](const DeletedResources &answer) {
                    // "not_found" is gone too: the catalogue should not keep what the server has not.
                    QStringList gone;
                    for (auto it = answer.deleted.cbegin(); it != answer.deleted.cend(); ++it) {
                        if (batch.assetIds.contains(it.key()))
                            gone.append(batch.assetIds.value(it.key()));
                    }
                    return writeThrough->deleted(gone);
                }));
        }
        return steps;
    });
}

AssetJob *AssetService::editTags(const QList<CatalogAsset> &assets, const QStringList &add,
                                 const QStringList &remove)
{
    return tagJob(assets, {{TagCommand::Add, add}, {TagCommand::Remove, remove}});
}

AssetJob *AssetService::replaceTags(const QList<CatalogAsset> &assets, const QStringList &tags)
{
    return tagJob(assets, {{TagCommand::Replace, tags}});
}

AssetJob *AssetService::tagJob(const QList<CatalogAsset> &assets,
                               const QList<std::pair<TagCommand, QStringList>> &commands)
{
    return start({Operation::EditTags, int(assets.size()), {}}, [&](const ApiContext &api) -> Plan {
        CatalogWriteThrough *writeThrough = m_writeThrough.get();
        QList<Step> steps;
        for (const Batch &batch : batches(assets)) {
            for (const auto &command : commands) {
                const TagCommand verb = command.first;
                const QStringList tags = command.second;
                if (tags.isEmpty())
                    continue;
                steps.append(typedStep<PublicIdsResult>(
                    int(batch.publicIds.size()), batch.publicIds.join(u", "_s), ErrorReason::AssetTagsFailed,
                    [api, verb, tags, batch](QObject *parent) {
                        return UploadApi(api).tags(verb, tags, batch.publicIds, parent, batch.resourceType,
                                                   batch.type);
                    },
                    [writeThrough, batch, verb, tags](const PublicIdsResult &answer) {
                        return writeThrough->tagsChanged(answer.publicIds, batch.assetIds, tagChangeOf(verb),
                                                         tags);
                    }));
            }
        }
        return steps;
    });
}

AssetJob *AssetService::update(const CatalogAsset &asset, const ResourceUpdate &update)
{
    return start({Operation::Update, 1, asset.name(folderMode())}, [&](const ApiContext &api) -> Plan {
        CatalogWriteThrough *writeThrough = m_writeThrough.get();
        return QList<Step> {
            updateStep(api, asset, update, ErrorReason::AssetUpdateFailed,
                       [writeThrough](const Resource &answer) { return writeThrough->updated(answer.raw); })};
    });
}

AssetJob *AssetService::createFolder(const QString &path)
{
    const QString folder = normalizedFolder(path);
    return start({Operation::CreateFolder, 1, folder}, [&](const ApiContext &api) -> Plan {
        if (folder.isEmpty())
            return Error::because(Error::Kind::InvalidInput, ErrorReason::FolderNameEmpty);
        for (const QString &segment : folder.split(u'/')) {
            if (std::optional<Error> problem = nameProblem(segment))
                return *problem;
        }
        CatalogWriteThrough *writeThrough = m_writeThrough.get();
        return QList<Step> {typedStep<FolderCreated>(
            1, folder, ErrorReason::FolderCreateFailed,
            [api, folder](QObject *parent) { return AdminApi(api).createFolder(folder, parent); },
            [writeThrough, folder](const FolderCreated &) { return writeThrough->folderCreated(folder); })};
    });
}

AssetJob *AssetService::renameFolder(const QString &from, const QString &to)
{
    const QString source = normalizedFolder(from);
    const QString target = normalizedFolder(to);
    return start({Operation::RenameFolder, 1, source}, [&](const ApiContext &api) -> Plan {
        if (folderMode() != FolderMode::Dynamic)
            return Error::because(Error::Kind::InvalidInput, ErrorReason::FolderRenameNeedsDynamicMode,
                                  source);
        if (source.isEmpty() || target.isEmpty())
            return Error::because(Error::Kind::InvalidInput, ErrorReason::HomeCannotBeRenamed);
        CatalogWriteThrough *writeThrough = m_writeThrough.get();
        return QList<Step> {typedStep<FolderRenamed>(
            1, source, ErrorReason::FolderRenameFailed,
            [api, source, target](QObject *parent) {
                return AdminApi(api).renameFolder(source, target, parent);
            },
            [writeThrough, source, target](const FolderRenamed &) {
                return writeThrough->folderRenamed(source, target);
            })};
    });
}

AssetJob *AssetService::deleteFolder(const QString &path)
{
    const QString folder = normalizedFolder(path);
    return start({Operation::DeleteFolder, 1, folder}, [&](const ApiContext &api) -> Plan {
        if (folder.isEmpty())
            return Error::because(Error::Kind::InvalidInput, ErrorReason::HomeCannotBeDeleted);
        CatalogWriteThrough *writeThrough = m_writeThrough.get();
        return QList<Step> {typedStep<FoldersDeleted>(
            1, folder, ErrorReason::FolderDeleteFailed,
            [api, folder](QObject *parent) { return AdminApi(api).deleteFolder(folder, parent); },
            [writeThrough, folder](const FoldersDeleted &) { return writeThrough->folderDeleted(folder); })};
    });
}

} // namespace stratus::core::assets
