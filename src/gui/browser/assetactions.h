#pragma once

#include "browserenvironment.h"
#include "localfolders.h"

#include "core/api/admintypes.h"
#include "core/api/apicall.h"
#include "core/catalog/catalogasset.h"

#include <QObject>

namespace stratus::gui {

class AssetActionJob;

/// The changes a person makes to assets and folders from the browser, over one environment's APIs
/// (reference §d Upload API rename/destroy/tags, §e Admin API delete/folders/update, §g folder
/// modes), each written through to the catalogue as soon as the server confirmed it, so the browser
/// shows the change at once without a sync.
///
/// Folder modes: in fixed mode an asset's folder and name are its public id, so rename() and move()
/// change the public id (Upload API `rename`) and with it every delivery URL; in dynamic mode
/// rename() changes the display name and move() the asset folder (Admin API update), and the public
/// id and URLs stay.
///
/// Every function returns a started AssetActionJob owned by this object (finished jobs are deleted
/// when a later one starts, or with this object). While the environment does not answer
/// (BrowserEnvironment::offlineReason) or has no API context, every job is refused: it sends
/// nothing and fails with the reason. GUI thread only; the environment's catalogue must outlive it.
class AssetActions : public QObject
{
    Q_OBJECT

public:
    explicit AssetActions(BrowserEnvironment environment, QObject *parent = nullptr);
    ~AssetActions() override;

    [[nodiscard]] const BrowserEnvironment &environment() const { return m_env; }
    [[nodiscard]] core::FolderMode folderMode() const;
    /// Empty when changes can be sent; otherwise why not, for a person.
    [[nodiscard]] QString refusal() const;
    /// Folders made in this run that hold no asset yet (the catalogue cannot list them).
    [[nodiscard]] const LocalFolders &localFolders() const { return m_localFolders; }

    /// Fixed mode: @p newName becomes the last segment of the public id (URLs change). Dynamic mode:
    /// @p newName becomes the display name.
    AssetActionJob *rename(const core::catalog::CatalogAsset &asset, const QString &newName);
    /// Moves @p assets into @p folder ("" is Home); assets already there are left alone.
    AssetActionJob *move(const QList<core::catalog::CatalogAsset> &assets, const QString &folder);
    /// Deletes @p assets for good: Admin API, up to 100 public ids per call, per resource and delivery type.
    AssetActionJob *remove(const QList<core::catalog::CatalogAsset> &assets);
    /// Adds @p add and removes @p remove on each of @p assets (Upload API `tags`, 100 ids a call).
    AssetActionJob *editTags(const QList<core::catalog::CatalogAsset> &assets, const QStringList &add,
                             const QStringList &remove);
    AssetActionJob *createFolder(const QString &path);
    /// Dynamic mode only: the folder and everything below it get the new path; URLs stay.
    AssetActionJob *renameFolder(const QString &from, const QString &to);
    /// The server refuses folders that still hold assets.
    AssetActionJob *deleteFolder(const QString &path);

    /// The public id @p asset gets from rename(asset, @p newName) in fixed mode.
    [[nodiscard]] static QString renamedPublicId(const core::catalog::CatalogAsset &asset,
                                                 const QString &newName);
    /// The public id @p asset gets from a fixed-mode move into @p folder.
    [[nodiscard]] static QString movedPublicId(const core::catalog::CatalogAsset &asset,
                                               const QString &folder);
    /// "a//b/" → "a/b"; leading and trailing slashes and blanks go.
    [[nodiscard]] static QString normalizedFolder(const QString &path);
    /// Why @p name cannot be an asset name or a folder segment, or nothing when it can.
    [[nodiscard]] static QString nameProblem(const QString &name);

Q_SIGNALS:
    /// A job was made and started (also a refused one).
    void started(stratus::gui::AssetActionJob *job);
    /// The catalogue or the local folders changed: views over them should read them again.
    void catalogueChanged();

private:
    AssetActionJob *launch(AssetActionJob *job);
    /// launch() of a job of one call.
    template<typename T>
    AssetActionJob *launchCall(const QString &title, std::function<core::ApiCall<T> *(QObject *)> make,
                               std::function<QString(const T &)> apply);
    AssetActionJob *refuse(const QString &title, const QString &reason);

    BrowserEnvironment m_env;
    LocalFolders m_localFolders;
};

} // namespace stratus::gui
