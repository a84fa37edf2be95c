#include "assetactions.h"

#include "assetactionjob.h"
#include "browserlogging.h"

#include "core/api/adminapi.h"
#include "core/api/uploadapi.h"
#include "core/catalog/catalog.h"

#include <QRegularExpression>

namespace stratus::gui {

using namespace Qt::StringLiterals;
using core::catalog::CatalogAsset;
using Step = AssetActionJob::Step;

namespace {

// Cloudinary takes up to 100 public ids per deletion call (reference §e); tags take 1000, but 100
// keeps one failed call from costing a whole selection.
constexpr int kIdsPerCall = 100;

/// A Step whose answer is an ApiCall<T>, applied with the typed result.
template<typename T>
Step typedStep(int weight, std::function<core::ApiCall<T> *(QObject *)> make,
               std::function<QString(const T &)> apply)
{
    return {weight, [make](QObject *parent) -> core::ApiCallBase * { return make(parent); },
            [apply](core::ApiCallBase *call) {
                return apply(static_cast<core::ApiCall<T> *>(call)->result().value());
            }};
}

QString writeProblem(const core::Result<core::Done> &written)
{
    return written ? QString() : written.error().message;
}

core::AssetRef refOf(const CatalogAsset &asset)
{
    return {asset.publicId, asset.resourceType.isEmpty() ? u"image"_s : asset.resourceType,
            asset.type.isEmpty() ? u"upload"_s : asset.type};
}

QString lastSegment(const QString &publicId)
{
    return publicId.mid(publicId.lastIndexOf(u'/') + 1);
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
        const core::AssetRef ref = refOf(asset);
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

/// Every asset in @p folder and below, under @p mode.
QList<CatalogAsset> assetsBelow(const core::catalog::Catalog &catalog, const QString &folder)
{
    QList<CatalogAsset> found;
    QStringList pending {folder};
    while (!pending.isEmpty()) {
        const QString current = pending.takeLast();
        if (auto page = catalog.listFolder(current))
            found += page.value().assets;
        if (auto children = catalog.childFolders(current)) {
            for (const auto &child : children.value())
                pending.append(child.path);
        }
    }
    return found;
}

} // namespace

AssetActions::AssetActions(BrowserEnvironment environment, QObject *parent)
    : QObject(parent)
    , m_env(std::move(environment))
{
}

AssetActions::~AssetActions() = default;

core::FolderMode AssetActions::folderMode() const
{
    return m_env.catalog ? m_env.catalog->folderMode() : core::FolderMode::Unknown;
}

QString AssetActions::refusal() const
{
    if (!m_env.catalog)
        return tr("This environment has no catalogue.");
    if (!m_env.isOnline())
        return m_env.offlineReason();
    if (!m_env.apiContext)
        return tr("This environment cannot be called.");
    if (auto context = m_env.apiContext(); !context)
        return context.error().message;
    return {};
}

AssetActionJob *AssetActions::launch(AssetActionJob *job)
{
    // Reap the jobs that finished before this one: whoever watched them has read them by now.
    for (AssetActionJob *old : findChildren<AssetActionJob *>(QString(), Qt::FindDirectChildrenOnly)) {
        if (old != job && old->isFinished())
            old->deleteLater();
    }
    connect(job, &core::Job::finished, this, [this, job] {
        if (job->changedCatalogue())
            Q_EMIT catalogueChanged();
    });
    job->start();
    Q_EMIT started(job);
    return job;
}

template<typename T>
AssetActionJob *AssetActions::launchCall(const QString &title,
                                         std::function<core::ApiCall<T> *(QObject *)> make,
                                         std::function<QString(const T &)> apply)
{
    return launch(new AssetActionJob(title, {typedStep<T>(1, std::move(make), std::move(apply))}, this));
}

AssetActionJob *AssetActions::refuse(const QString &title, const QString &reason)
{
    qCInfo(lcBrowser) << title << "refused:" << reason;
    return launch(AssetActionJob::refused(title, reason, this));
}

QString AssetActions::renamedPublicId(const CatalogAsset &asset, const QString &newName)
{
    const qsizetype slash = asset.publicId.lastIndexOf(u'/');
    return slash < 0 ? newName : asset.publicId.left(slash + 1) + newName;
}

QString AssetActions::movedPublicId(const CatalogAsset &asset, const QString &folder)
{
    const QString name = lastSegment(asset.publicId);
    return folder.isEmpty() ? name : folder + u'/' + name;
}

QString AssetActions::normalizedFolder(const QString &path)
{
    QStringList segments;
    for (const QString &segment : path.split(u'/', Qt::SkipEmptyParts)) {
        if (const QString trimmed = segment.trimmed(); !trimmed.isEmpty())
            segments.append(trimmed);
    }
    return segments.join(u'/');
}

QString AssetActions::nameProblem(const QString &name)
{
    if (name.trimmed().isEmpty())
        return tr("The name is empty.");
    if (name.contains(u'/'))
        return tr("A name cannot contain “/”; use Move to… to change the folder.");
    static const QRegularExpression forbidden(u"[\\\\?&#%<>]"_s);
    if (name.contains(forbidden))
        return tr("A name cannot contain any of \\ ? & # % < >.");
    if (name != name.trimmed())
        return tr("A name cannot start or end with a space.");
    return {};
}

AssetActionJob *AssetActions::rename(const CatalogAsset &asset, const QString &newName)
{
    const QString title = tr("Rename %1").arg(asset.name(folderMode()));
    if (const QString reason = refusal(); !reason.isEmpty())
        return refuse(title, reason);
    if (const QString problem = nameProblem(newName); !problem.isEmpty())
        return refuse(title, problem);
    core::catalog::Catalog *catalog = m_env.catalog;
    const core::ApiContext context = m_env.apiContext().value();
    const QString assetId = asset.assetId;
    const core::AssetRef ref = refOf(asset);

    if (folderMode() == core::FolderMode::Dynamic) {
        return launchCall<core::Resource>(
            title,
            [context, ref, newName](QObject *parent) {
                core::ResourceUpdate update;
                update.displayName = newName;
                return core::AdminApi(context).updateResource(ref, update, parent);
            },
            [catalog, assetId, newName](const core::Resource &) {
                auto current = catalog->asset(assetId);
                if (!current || !*current)
                    return current ? QString() : current.error().message;
                CatalogAsset changed = **current;
                changed.displayName = newName;
                return writeProblem(catalog->upsert({changed}));
            });
    }
    if (folderMode() != core::FolderMode::Fixed)
        return refuse(title, tr("The folder mode of this environment is not known yet; sync it first."));
    const QString to = renamedPublicId(asset, newName);
    return launchCall<core::Resource>(
        title,
        [context, ref, to](QObject *parent) { return core::UploadApi(context).rename(ref, to, {}, parent); },
        [catalog, assetId, to](const core::Resource &) {
            return writeProblem(catalog->rename(assetId, to));
        });
}

AssetActionJob *AssetActions::move(const QList<CatalogAsset> &assets, const QString &folder)
{
    const QString target = normalizedFolder(folder);
    const QString title = tr("Move %n asset(s)", nullptr, int(assets.size()));
    if (const QString reason = refusal(); !reason.isEmpty())
        return refuse(title, reason);
    const core::FolderMode mode = folderMode();
    if (mode == core::FolderMode::Unknown)
        return refuse(title, tr("The folder mode of this environment is not known yet; sync it first."));
    core::catalog::Catalog *catalog = m_env.catalog;
    const core::ApiContext context = m_env.apiContext().value();
    QList<Step> steps;
    for (const CatalogAsset &asset : assets) {
        if (asset.folder(mode) == target)
            continue;
        const core::AssetRef ref = refOf(asset);
        const QString assetId = asset.assetId;
        if (mode == core::FolderMode::Fixed) {
            const QString to = movedPublicId(asset, target);
            steps.append(typedStep<core::Resource>(
                1,
                [context, ref, to](QObject *parent) {
                    return core::UploadApi(context).rename(ref, to, {}, parent);
                },
                [catalog, assetId, to](const core::Resource &) {
                    return writeProblem(catalog->rename(assetId, to));
                }));
        } else {
            steps.append(typedStep<core::Resource>(
                1,
                [context, ref, target](QObject *parent) {
                    core::ResourceUpdate update;
                    update.assetFolder = target;
                    return core::AdminApi(context).updateResource(ref, update, parent);
                },
                [catalog, assetId, target](const core::Resource &) {
                    return writeProblem(catalog->moveToFolder(assetId, target));
                }));
        }
    }
    return launch(new AssetActionJob(title, steps, this));
}

AssetActionJob *AssetActions::remove(const QList<CatalogAsset> &assets)
{
    const QString title = tr("Delete %n asset(s)", nullptr, int(assets.size()));
    if (const QString reason = refusal(); !reason.isEmpty())
        return refuse(title, reason);
    core::catalog::Catalog *catalog = m_env.catalog;
    const core::ApiContext context = m_env.apiContext().value();
    QList<Step> steps;
    for (const Batch &batch : batches(assets)) {
        steps.append(typedStep<core::DeletedResources>(
            int(batch.publicIds.size()),
            [context, batch](QObject *parent) {
                return core::AdminApi(context).deleteResources(batch.publicIds, parent, batch.resourceType,
                                                               batch.type);
            },
            [catalog, batch](const core::DeletedResources &answer) {
                // "not_found" is gone too: the catalogue should not keep what the server has not.
                QStringList gone;
                for (auto it = answer.deleted.cbegin(); it != answer.deleted.cend(); ++it) {
                    if (batch.assetIds.contains(it.key()))
                        gone.append(batch.assetIds.value(it.key()));
                }
                return writeProblem(catalog->remove(gone));
            }));
    }
    return launch(new AssetActionJob(title, steps, this));
}

AssetActionJob *AssetActions::editTags(const QList<CatalogAsset> &assets, const QStringList &add,
                                       const QStringList &remove)
{
    const QString title = tr("Edit the tags of %n asset(s)", nullptr, int(assets.size()));
    if (const QString reason = refusal(); !reason.isEmpty())
        return refuse(title, reason);
    core::catalog::Catalog *catalog = m_env.catalog;
    const core::ApiContext context = m_env.apiContext().value();
    QList<Step> steps;
    for (const Batch &batch : batches(assets)) {
        // No structured binding: clang 14 cannot capture one in the lambdas below.
        for (const bool adding : {true, false}) {
            const QStringList tags = adding ? add : remove;
            if (tags.isEmpty())
                continue;
            const core::TagCommand command = adding ? core::TagCommand::Add : core::TagCommand::Remove;
            steps.append(typedStep<core::PublicIdsResult>(
                int(batch.publicIds.size()),
                [context, command, tags, batch](QObject *parent) {
                    return core::UploadApi(context).tags(command, tags, batch.publicIds, parent,
                                                         batch.resourceType, batch.type);
                },
                [catalog, batch, tags, adding](const core::PublicIdsResult &answer) {
                    QList<CatalogAsset> changed;
                    for (const QString &publicId : answer.publicIds) {
                        auto current = catalog->asset(batch.assetIds.value(publicId));
                        if (!current)
                            return current.error().message;
                        if (!*current)
                            continue;
                        CatalogAsset asset = **current;
                        for (const QString &tag : tags) {
                            if (!adding)
                                asset.tags.removeAll(tag);
                            else if (!asset.tags.contains(tag))
                                asset.tags.append(tag);
                        }
                        changed.append(asset);
                    }
                    return changed.isEmpty() ? QString() : writeProblem(catalog->upsert(changed));
                }));
        }
    }
    return launch(new AssetActionJob(title, steps, this));
}

AssetActionJob *AssetActions::createFolder(const QString &path)
{
    const QString folder = normalizedFolder(path);
    const QString title = tr("Create the folder %1").arg(folder);
    if (const QString reason = refusal(); !reason.isEmpty())
        return refuse(title, reason);
    if (folder.isEmpty())
        return refuse(title, tr("The folder name is empty."));
    for (const QString &segment : folder.split(u'/')) {
        if (const QString problem = nameProblem(segment); !problem.isEmpty())
            return refuse(title, problem);
    }
    const core::ApiContext context = m_env.apiContext().value();
    return launchCall<core::FolderCreated>(
        title,
        [context, folder](QObject *parent) { return core::AdminApi(context).createFolder(folder, parent); },
        [this, folder](const core::FolderCreated &) {
            m_localFolders.add(folder);
            return QString();
        });
}

AssetActionJob *AssetActions::renameFolder(const QString &from, const QString &to)
{
    const QString source = normalizedFolder(from);
    const QString target = normalizedFolder(to);
    const QString title = tr("Rename the folder %1").arg(source);
    if (const QString reason = refusal(); !reason.isEmpty())
        return refuse(title, reason);
    if (folderMode() != core::FolderMode::Dynamic)
        return refuse(title, tr("Folders can be renamed in dynamic folder mode only."));
    if (source.isEmpty() || target.isEmpty())
        return refuse(title, tr("Home cannot be renamed."));
    core::catalog::Catalog *catalog = m_env.catalog;
    const core::ApiContext context = m_env.apiContext().value();
    return launchCall<core::FolderRenamed>(
        title,
        [context, source, target](QObject *parent) {
            return core::AdminApi(context).renameFolder(source, target, parent);
        },
        [this, catalog, source, target](const core::FolderRenamed &) {
            m_localFolders.rename(source, target);
            QList<CatalogAsset> moved = assetsBelow(*catalog, source);
            for (CatalogAsset &asset : moved)
                asset.assetFolder = target + asset.assetFolder.mid(source.size());
            return moved.isEmpty() ? QString() : writeProblem(catalog->upsert(moved));
        });
}

AssetActionJob *AssetActions::deleteFolder(const QString &path)
{
    const QString folder = normalizedFolder(path);
    const QString title = tr("Delete the folder %1").arg(folder);
    if (const QString reason = refusal(); !reason.isEmpty())
        return refuse(title, reason);
    if (folder.isEmpty())
        return refuse(title, tr("Home cannot be deleted."));
    const core::ApiContext context = m_env.apiContext().value();
    return launchCall<core::FoldersDeleted>(
        title,
        [context, folder](QObject *parent) { return core::AdminApi(context).deleteFolder(folder, parent); },
        [this, folder](const core::FoldersDeleted &) {
            m_localFolders.remove(folder);
            return QString();
        });
}

} // namespace stratus::gui
