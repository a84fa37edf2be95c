#pragma once

#include "gui/shell/statuskind.h"

#include "browserenvironment.h"

#include "core/catalog/catalogasset.h"

#include <QKeySequence>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QAction;
class QWidget;

namespace stratus::core::assets {
class AssetJob;
class AssetService;
} // namespace stratus::core::assets

namespace stratus::core::transfers {
class DownloadQueue;
}

namespace stratus::gui {

using core::transfers::DownloadQueue;

/// The browser's commands on assets and folders as QActions (menus, toolbar, shortcuts) and what
/// they do for a person: ask (rename, move, tags, new folder), confirm (delete: named, and final),
/// run the job of the environment's core::assets::AssetService or the download, report progress and
/// failures (worded by words::ErrorWords). The page tells it the
/// selection and the folder a command is about; it enables each action only when it makes sense
/// (something selected, the environment online, the folder mode allowing it) and puts the reason in
/// the tooltip when it does not.
///
/// Owned by the BrowserPage (its dialogs' parent). GUI thread.
class BrowserCommands : public QObject
{
    Q_OBJECT

public:
    enum class Command {
        Download,
        Rename,
        Move,
        EditTags,
        CopyUrl,
        Delete,
        NewFolder,
        NewFolderHere, ///< the tree's "New folder…", below the folder clicked
        RenameFolder,
        DeleteFolder,
        EditInMediaEditor, ///< one image or video: Cloudinary's Media Editor (issue 15)
        PreviewInVideoPlayer, ///< one video: Cloudinary's Video Player, with an embed snippet
        PreviewAsProductGallery, ///< images and videos: Cloudinary's Product Gallery, with an embed snippet
    };
    Q_ENUM(Command)

    /// Where downloads go; the default asks with QFileDialog::getExistingDirectory. Empty: cancelled.
    using DirectoryChooser = std::function<QString(QWidget *parent)>;

    BrowserCommands(BrowserEnvironment environment, QWidget *page);
    ~BrowserCommands() override;

    [[nodiscard]] QAction *action(Command command) const;
    /// The asset operations of the environment (also the details panel's).
    [[nodiscard]] core::assets::AssetService *assetService() const { return m_assets; }
    [[nodiscard]] DownloadQueue *downloads() const { return m_downloads; }

    /// The assets the asset commands act on (in the order shown).
    void setSelection(const QList<core::catalog::CatalogAsset> &assets);
    /// The open folder: where "New folder…" of the asset area makes one.
    void setCurrentFolder(const QString &folder) { m_currentFolder = folder; }
    /// The folder the tree's commands act on, and how many assets it holds in all.
    void setTreeFolder(const QString &folder, qint64 assetsBelow);
    void setDirectoryChooser(DirectoryChooser chooser) { m_chooseDirectory = std::move(chooser); }
    /// Reads the environment's state again (online, folder mode) and enables the actions.
    void updateActions();
    /// Shows the commands of Cloudinary's widgets (Edit in Media Editor…, Preview in Video Player,
    /// Preview as Product Gallery) whenever @p available says the widgets can be opened (asked at each
    /// updateActions()); hidden until then. Whoever opens them follows the …Requested() signals.
    void setWidgetCommands(std::function<bool()> available);
    [[nodiscard]] QList<QAction *> widgetActions() const;

    void download(const QList<core::catalog::CatalogAsset> &assets);
    void rename(const core::catalog::CatalogAsset &asset);
    void move(const QList<core::catalog::CatalogAsset> &assets);
    /// After a drop on the tree: confirms, then moves.
    void moveTo(const QList<core::catalog::CatalogAsset> &assets, const QString &folder);
    void editTags(const QList<core::catalog::CatalogAsset> &assets);
    void copyUrls(const QList<core::catalog::CatalogAsset> &assets);
    void remove(const QList<core::catalog::CatalogAsset> &assets);
    void newFolder(const QString &parent);
    void renameFolder(const QString &folder);
    void deleteFolder(const QString &folder);

Q_SIGNALS:
    /// A short line about what runs or what happened ("Deleting 3 assets… 1 of 3"), and whether it
    /// runs, is done or failed (how long a status bar keeps it).
    void status(const QString &text, stratus::gui::StatusKind kind);
    /// A folder the tree should open (after it was made or renamed).
    void folderToOpen(const QString &folder);
    /// The widget commands (setWidgetCommandsAvailable()): what to open them on.
    void mediaEditorRequested(const stratus::core::catalog::CatalogAsset &asset);
    void videoPlayerRequested(const stratus::core::catalog::CatalogAsset &video);
    void productGalleryRequested(const QList<stratus::core::catalog::CatalogAsset> &assets);

private:
    QAction *makeAction(Command command, const QString &text, const QKeySequence &shortcut = {});
    void watch(core::assets::AssetJob *job, const std::optional<QString> &openAfter = std::nullopt);
    /// Empty when changes can be sent; otherwise why not, for a person.
    [[nodiscard]] QString refusal() const;
    /// A line for the status bar while a download runs, and when it is over; the transfers dock
    /// shows the files.
    void showDownloadProgress();
    void reportDownload();
    void warn(const QString &title, const QString &text, const QString &details = {});
    [[nodiscard]] QWidget *dialogParent() const;
    [[nodiscard]] QString displayName(const core::catalog::CatalogAsset &asset) const;

    BrowserEnvironment m_env;
    QPointer<QWidget> m_page;
    core::assets::AssetService *m_assets;
    DownloadQueue *m_downloads;
    QHash<Command, QAction *> m_actionsByCommand;
    QList<core::catalog::CatalogAsset> m_selection;
    QString m_currentFolder;
    QString m_treeFolder;
    qint64 m_treeFolderAssets = 0;
    DirectoryChooser m_chooseDirectory;
    int m_running = 0;
    std::function<bool()> m_widgetsAvailable;
};

} // namespace stratus::gui
