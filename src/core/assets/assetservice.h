#pragma once

#include "assetjob.h"
#include "catalogwritethrough.h"

#include "core/api/adminapi.h"
#include "core/api/apicontext.h"
#include "core/api/uploadtypes.h"
#include "core/catalog/catalogasset.h"

#include <QObject>

#include <functional>
#include <memory>
#include <variant>

namespace stratus::core::assets {

/// The changes a person or a script makes to assets and folders of one environment (reference §d
/// Upload API rename/destroy/tags, §e Admin API delete/folders/update, §g folder modes), each
/// written through to the catalogue (CatalogWriteThrough) as soon as the server confirmed it. The
/// browser's commands, the details panel and stratus-cli all go through it.
///
/// Folder modes: in fixed mode an asset's folder and name are its public id, so rename() and move()
/// change the public id (Upload API `rename`) and with it every delivery URL; in dynamic mode
/// rename() changes the display name and move() the asset folder (Admin API update), and the public
/// id and URLs stay.
///
/// Every function returns a started AssetJob owned by this object (finished jobs are deleted when a
/// later one starts, or with this object). While the API context cannot be had (the owner's
/// ContextSource answers an error: offline, no credentials) or there is no catalogue, every job is
/// refused: it sends nothing and fails with that error. Made by whoever acts on an environment (the
/// browser, stratus-cli) over its catalogue, which must outlive it; the thread it lives in.
class AssetService : public QObject
{
    Q_OBJECT

public:
    /// The API context to send changes with, asked before each operation; an error (kind, reason)
    /// refuses the operation.
    using ContextSource = std::function<Result<ApiContext>()>;

    AssetService(catalog::Catalog *catalog, ContextSource apiContext, QObject *parent = nullptr);
    ~AssetService() override;

    [[nodiscard]] catalog::Catalog *catalog() const { return m_catalog; }
    [[nodiscard]] FolderMode folderMode() const;
    /// Why changes cannot be sent now, or nothing when they can.
    [[nodiscard]] std::optional<Error> refusal() const;
    /// Folders made in this run that hold no asset yet (the catalogue cannot list them).
    [[nodiscard]] const LocalFolders &localFolders() const { return m_writeThrough->localFolders(); }

    /// Fixed mode: @p newName becomes the last segment of the public id (URLs change). Dynamic mode:
    /// @p newName becomes the display name.
    AssetJob *rename(const catalog::CatalogAsset &asset, const QString &newName);
    /// Moves @p assets into @p folder ("" is Home); assets already there are left alone.
    AssetJob *move(const QList<catalog::CatalogAsset> &assets, const QString &folder);
    /// Deletes @p assets for good: Admin API, up to 100 public ids per call, per resource and delivery type.
    AssetJob *remove(const QList<catalog::CatalogAsset> &assets);
    /// Adds @p add and removes @p remove on each of @p assets (Upload API `tags`, 100 ids a call).
    AssetJob *editTags(const QList<catalog::CatalogAsset> &assets, const QStringList &add,
                       const QStringList &remove);
    /// Makes @p tags the only tags of each of @p assets.
    AssetJob *replaceTags(const QList<catalog::CatalogAsset> &assets, const QStringList &tags);
    /// Sets what @p update holds (tags, context, structured metadata, display name) on @p asset in
    /// one Admin API call; the answer replaces the asset in the catalogue.
    AssetJob *update(const catalog::CatalogAsset &asset, const ResourceUpdate &update);
    AssetJob *createFolder(const QString &path);
    /// Dynamic mode only: the folder and everything below it get the new path; URLs stay.
    AssetJob *renameFolder(const QString &from, const QString &to);
    /// The server refuses folders that still hold assets.
    AssetJob *deleteFolder(const QString &path);

Q_SIGNALS:
    /// A job was made and started (also a refused one).
    void started(stratus::core::assets::AssetJob *job);
    /// The catalogue or the local folders changed: views over them should read them again.
    void catalogChanged();

private:
    struct Request;
    /// An operation's calls, or why it is refused.
    using Plan = std::variant<QList<AssetJob::Step>, Error>;
    /// The context to send changes with, or why they cannot be sent.
    [[nodiscard]] Result<ApiContext> context() const;
    /// The one way a job is made: refused when context() is, else what @p plan makes of it; started.
    AssetJob *start(const Request &request, const std::function<Plan(const ApiContext &)> &plan);
    AssetJob *tagJob(const QList<catalog::CatalogAsset> &assets,
                     const QList<std::pair<TagCommand, QStringList>> &commands);

    catalog::Catalog *m_catalog;
    ContextSource m_apiContext;
    std::unique_ptr<CatalogWriteThrough> m_writeThrough;
};

} // namespace stratus::core::assets
