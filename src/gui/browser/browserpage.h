#pragma once

#include "browserenvironment.h"
#include "core/delivery/thumbnailurls.h"
#include "navigationhistory.h"
#include "scopebar.h"

#include "core/catalog/catalogasset.h"
#include "core/catalog/catalogtypes.h"
#include "gui/shell/statuskind.h"

#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

namespace Ui {
class BrowserPage;
}

class QAbstractItemView;
class QAction;
class QActionGroup;
class QMenu;
class QLabel;
class QListView;
class QLineEdit;
class QMimeData;
class QSlider;
class QTemporaryDir;
class QToolButton;
class QTreeView;

namespace stratus::core::catalog {
class Catalog;
}

namespace stratus::gui {

class AssetColumnsModel;
class AssetListModel;
class BrowserCommands;
class DetailsPanel;
class EmptyState;
class FacetBar;
class FolderTreeModel;
class JustifiedView;
class PathBar;
class ThumbnailDelegate;
class ThumbnailLoader;
class ThumbnailScheduler;

/// The asset browser of one product environment, over its local catalogue: the folder tree on the
/// left; on the right a thumbnail grid or a sortable details list of the open folder; a toolbar
/// with the view switch, the zoom slider and a search box (Ctrl+F) that searches the whole
/// catalogue as you type (Esc clears it).
///
/// Navigation as in a file manager: a row with Back, Forward and Up (Alt+Left, Alt+Right, Alt+Up;
/// Backspace goes back unless a text field has the keyboard), a breadcrumb of the open folder
/// (PathBar) and the counts ("3 folders · 12 assets"). The history is the page's, so each
/// environment keeps its own. Opening another folder clears the search and the filters (as a
/// file manager's search ends where it started): they never narrow a folder unseen. While a search
/// or a filter is on, the ScopeBar says where it looks (this folder or everywhere, switchable) and
/// lists each filter as a removable chip; an empty listing says why (EmptyState) and offers what
/// brings assets back. Everything it shows comes from the catalogue (no API calls); thumbnails
/// come through the loader from delivery URLs that @p thumbnailUrl builds, visible rows first.
///
/// Acting on assets: a context menu on the grid and the list (Download…, Rename… F2, Move to…,
/// Edit tags…, Copy URL, Delete… Del, New folder…) and on the tree (New folder…, Rename folder in
/// dynamic mode, Delete folder when empty), Download and Delete in the toolbar, Space to ask for a
/// preview, and drags of assets out (delivery URLs, files) and onto a folder of the tree (move).
/// BrowserCommands runs them; every change is written through to the catalogue, after which the
/// page reads it again keeping the folder, the selection and the scroll position. While the
/// environment does not answer, a line says why and the commands that need it are disabled.
///
/// Hosted by the environment page, which owns the catalogue, the network and the loader (all must
/// outlive the page), calls reload() after a sync and refreshEnvironment() when the connection
/// changes. GUI thread only.
class BrowserPage : public QWidget
{
    Q_OBJECT

public:
    /// Grid: square thumbnails. Details: the list with columns. Justified: rows of pictures in
    /// their own aspect ratios (JustifiedView).
    enum class ViewMode { Grid, Details, Justified };
    Q_ENUM(ViewMode)

    BrowserPage(BrowserEnvironment environment, ThumbnailLoader *loader,
                core::ThumbnailUrlFunction thumbnailUrl, QWidget *parent = nullptr);
    ~BrowserPage() override;

    /// Lists @p folder ("" is Home), selects it in the tree and records it in the history; clears
    /// the search and the filters.
    void openFolder(const QString &folder);
    [[nodiscard]] QString currentFolder() const { return m_folder; }
    /// Back, Forward and Up, as the toolbar's buttons and Alt+Left, Alt+Right, Alt+Up do.
    void goBack();
    void goForward();
    void goUp();
    [[nodiscard]] const NavigationHistory &history() const { return m_history; }
    [[nodiscard]] QAction *backAction() const { return m_backAction; }
    [[nodiscard]] QAction *forwardAction() const { return m_forwardAction; }
    [[nodiscard]] QAction *upAction() const { return m_upAction; }

    /// Where the search and the filters look: the open folder (its own assets) or every folder.
    /// Typed words look everywhere and filters alone in the folder until one is chosen.
    [[nodiscard]] ScopeBar::Scope scope() const;
    void setScope(ScopeBar::Scope scope);

    void setViewMode(ViewMode mode);
    [[nodiscard]] ViewMode viewMode() const;
    /// The order of the listing in every view (folders stay first, by name); the list's column
    /// headers, the Sort button and View → Sort all set it and show it.
    void setSort(core::catalog::CatalogSort key, Qt::SortOrder order);
    [[nodiscard]] core::catalog::CatalogSort sortKey() const;
    [[nodiscard]] Qt::SortOrder sortOrder() const;

    /// The thumbnail edge in device-independent pixels (the zoom slider's value).
    void setZoom(int pixels);
    [[nodiscard]] int zoom() const;

    /// Reads the catalogue again (after a sync or a change), keeping the open folder, the search,
    /// the selection (where the assets are still listed) and the scroll position.
    void reload();
    /// Reads the environment's state again (online or not) and enables the commands to match.
    void refreshEnvironment();

    /// The selected assets' ids, in the order shown (folder rows are not assets).
    [[nodiscard]] QStringList selectedAssetIds() const;
    [[nodiscard]] QList<core::catalog::CatalogAsset> selectedAssets() const;
    /// Selects the assets with these ids among the loaded rows of the current view.
    void selectAssets(const QStringList &assetIds);
    /// Shows these assets (from elsewhere: the Media Library's "Use in Stratus"): opens the folder of
    /// the first one the catalogue has and selects those of them that are in it, scrolled to. How many
    /// were selected (0 when the catalogue has none of them).
    int revealAssets(const QStringList &assetIds);
    [[nodiscard]] const BrowserEnvironment &environment() const { return m_env; }
    [[nodiscard]] BrowserCommands *commands() const { return m_commands; }

    [[nodiscard]] AssetListModel *assetModel() const { return m_assets; }
    [[nodiscard]] FolderTreeModel *folderModel() const { return m_folders; }
    [[nodiscard]] QListView *gridView() const;
    [[nodiscard]] JustifiedView *justifiedView() const { return m_justified; }
    [[nodiscard]] QTreeView *detailsView() const;
    [[nodiscard]] QTreeView *folderView() const;
    [[nodiscard]] QLineEdit *searchField() const;
    [[nodiscard]] QSlider *zoomSlider() const;
    [[nodiscard]] ThumbnailDelegate *thumbnailDelegate() const { return m_delegate; }
    [[nodiscard]] ThumbnailScheduler *thumbnailScheduler() const { return m_scheduler; }
    [[nodiscard]] FacetBar *facetBar() const { return m_facets; }
    [[nodiscard]] PathBar *pathBar() const { return m_pathBar; }
    [[nodiscard]] ScopeBar *scopeBar() const { return m_scopeBar; }
    [[nodiscard]] EmptyState *emptyState() const { return m_emptyState; }
    /// "3 folders · 12 assets", "240 results".
    [[nodiscard]] QLabel *countLabel() const;
    [[nodiscard]] DetailsPanel *detailsPanel() const { return m_details; }
    /// The Sort button's menu (name, created, size, type, format, dimensions; ascending, descending),
    /// also View → Sort.
    [[nodiscard]] QMenu *sortMenu() const { return m_sortMenu; }
    [[nodiscard]] QToolButton *sortButton() const { return m_sortButton; }
    /// The toolbar's Upload button; hidden until setUploadActions() gives it something to do.
    [[nodiscard]] QToolButton *uploadButton() const { return m_uploadButton; }
    /// The Upload button runs the first of @p actions, its menu offers them all (Files…, Folder…).
    void setUploadActions(const QList<QAction *> &actions);
    /// The view switch: Grid, List, Justified (Ctrl+1, Ctrl+2, Ctrl+3), an exclusive group.
    [[nodiscard]] QAction *viewModeAction(ViewMode mode) const;
    /// What the window's Edit menu shows for the browser: Select All, Copy URL, Rename, Delete, Find.
    [[nodiscard]] QList<QAction *> editActions() const;
    /// What the window's View menu shows for the browser: the view switch, Sort, zoom, the details
    /// panel.
    [[nodiscard]] QList<QAction *> viewActions() const;
    /// Opens the context menu of the current item of @p view (an asset view or the folder tree) at
    /// that item, as Shift+F10 and the Menu key do.
    void showContextMenuForCurrent(QAbstractItemView *view);

    /// Shows or hides the details panel (the Info button, Ctrl+I).
    void setDetailsVisible(bool visible);
    /// Opens the preview of @p assetIds at @p current (what Space and Enter do).
    void showPreview(const QStringList &assetIds, int current);

Q_SIGNALS:
    /// A folder was opened (tree, grid, or openFolder()).
    void folderOpened(const QString &folder);
    /// Enter or a double click on an asset.
    void assetActivated(const QString &assetId);
    /// The selection changed (also when a reload emptied it): the selected assets' ids.
    void selectionChanged(const QStringList &assetIds);
    /// Space on the grid or the list: preview @p assetIds (the selection when several assets are
    /// selected, else the loaded assets of the listing), starting at index @p current.
    void previewRequested(const QStringList &assetIds, int current);
    /// Files or folders from the file manager were dropped on the folder @p folder of the tree.
    void filesDropped(const QStringList &paths, const QString &folder);
    /// A short line on what the commands do ("Deleting 3 assets… 1 of 3"), for a status bar, and
    /// whether it runs, is done or failed (how long it stays).
    void statusMessage(const QString &text, stratus::gui::StatusKind kind);
    /// Reading the catalogue met a damaged file: whoever syncs it should rebuild it.
    void catalogDamaged();
    /// The listing's order changed (Sort menu, a column header, setSort()).
    void sortChanged(core::catalog::CatalogSort key, Qt::SortOrder order);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The constructor's steps, in order.
    void setUpModels();
    void setUpNavigation();
    void setUpViews();
    void connectViews();
    void setUpSearch();
    void connectModelResets();
    void setUpCommands();
    void setUpFacets();
    void setUpDetailsPanel();
    void setUpScopeAndEmptyState();
    // browserpageviews.cpp: the view switch, sorting, zoom, the Edit and View menus' actions, the
    // keyboard's context menu.
    void setUpViewActions();
    void setUpSortControl();
    void setUpMenuActions();
    void setUpContextMenuKeys();
    void fitToolbarToSmallWindows();
    void updateSortControls();
    [[nodiscard]] QList<QAbstractItemView *> assetViews() const;

    /// Lists @p folder without touching the history (Back and Forward).
    void showFolder(const QString &folder);
    void updateNavigation();
    void updateScopeBar();
    /// Shows why the listing is empty, or hides the message when it is not.
    void updateEmptyState();
    /// Keeps the empty state in the middle of the view in sight.
    void placeEmptyState();
    void clearSearch();

    void showAssetMenu(QAbstractItemView *view, const QPoint &position);
    void showFolderMenu(const QPoint &position);
    void updateSelection();
    void requestPreview();
    void moveDropped(const QStringList &assetIds, const QString &folder);
    [[nodiscard]] QMimeData *dragData(const QList<core::catalog::CatalogAsset> &assets);
    void applySearch();
    /// What the browser shows before the filters: the search text across the catalogue, or the
    /// open folder.
    [[nodiscard]] core::catalog::CatalogQuery scopeQuery() const;
    void updateCountLabel();
    void activate(const QModelIndex &index);
    void selectFolderInTree(const QString &folder);
    [[nodiscard]] QAbstractItemView *currentView() const;
    void applyZoom();

    std::unique_ptr<Ui::BrowserPage> m_ui;
    BrowserEnvironment m_env;
    core::catalog::Catalog *m_catalog;
    BrowserCommands *m_commands;
    AssetListModel *m_assets;
    AssetColumnsModel *m_columns;
    FolderTreeModel *m_folders;
    ThumbnailDelegate *m_delegate;
    ThumbnailScheduler *m_scheduler;
    ThumbnailLoader *m_loader;
    ThumbnailLoader *m_sideLoader; ///< the details panel's and the preview's (the grid's cancels)
    FacetBar *m_facets = nullptr;
    DetailsPanel *m_details = nullptr;
    QToolButton *m_infoButton = nullptr;
    PathBar *m_pathBar = nullptr;
    ScopeBar *m_scopeBar = nullptr;
    EmptyState *m_emptyState = nullptr;
    JustifiedView *m_justified = nullptr;
    ThumbnailDelegate *m_justifiedDelegate = nullptr;
    QActionGroup *m_viewModes = nullptr;
    QMenu *m_sortMenu = nullptr;
    QActionGroup *m_sortKeys = nullptr;
    QActionGroup *m_sortOrders = nullptr;
    QToolButton *m_sortButton = nullptr;
    QToolButton *m_uploadButton = nullptr;
    QAction *m_selectAllAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_zoomInAction = nullptr;
    QAction *m_zoomOutAction = nullptr;
    QAction *m_detailsAction = nullptr;
    QList<QAction *> m_separators;
    std::optional<std::pair<core::catalog::CatalogSort, Qt::SortOrder>> m_announcedSort;
    QAction *m_backAction = nullptr;
    QAction *m_forwardAction = nullptr;
    QAction *m_upAction = nullptr;
    NavigationHistory m_history;
    std::optional<ScopeBar::Scope> m_scopeChoice; ///< chosen on the scope bar, until the search ends
    QTimer m_searchDebounce;
    QString m_folder;
    std::unique_ptr<QTemporaryDir> m_dragDirectory; ///< files prefetched for drags, until the page closes
    int m_drags = 0;
};

} // namespace stratus::gui
