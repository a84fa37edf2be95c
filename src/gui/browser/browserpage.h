#pragma once

#include "thumbnailurls.h"

#include <QTimer>
#include <QWidget>

#include <memory>

namespace Ui {
class BrowserPage;
}

class QAbstractItemView;
class QListView;
class QLineEdit;
class QSlider;
class QTreeView;

namespace stratus::core::catalog {
class Catalog;
}

namespace stratus::gui {

class AssetColumnsModel;
class AssetListModel;
class FolderTreeModel;
class ThumbnailDelegate;
class ThumbnailLoader;
class ThumbnailScheduler;

/// The asset browser of one product environment, over its local catalogue: the folder tree on the
/// left; on the right a thumbnail grid or a sortable details list of the open folder; a toolbar
/// with the view switch, the zoom slider and a search box (Ctrl+F) that searches the whole
/// catalogue as you type. Everything it shows comes from the catalogue (no API calls); thumbnails
/// come through the loader from delivery URLs that @p thumbnailUrl builds, visible rows first.
///
/// Hosted by the environment page, which owns the catalogue and the loader (both must outlive the
/// page) and calls reload() after a sync. GUI thread only.
class BrowserPage : public QWidget
{
    Q_OBJECT

public:
    enum class ViewMode { Grid, Details };
    Q_ENUM(ViewMode)

    BrowserPage(core::catalog::Catalog *catalog, ThumbnailLoader *loader, ThumbnailUrlFunction thumbnailUrl,
                QWidget *parent = nullptr);
    ~BrowserPage() override;

    /// Lists @p folder ("" is Home) and selects it in the tree; clears the search.
    void openFolder(const QString &folder);
    [[nodiscard]] QString currentFolder() const { return m_folder; }

    void setViewMode(ViewMode mode);
    [[nodiscard]] ViewMode viewMode() const;
    /// The thumbnail edge in device-independent pixels (the zoom slider's value).
    void setZoom(int pixels);
    [[nodiscard]] int zoom() const;

    /// Reads the catalogue again (after a sync), keeping the open folder and the search.
    void reload();

    [[nodiscard]] AssetListModel *assetModel() const { return m_assets; }
    [[nodiscard]] FolderTreeModel *folderModel() const { return m_folders; }
    [[nodiscard]] QListView *gridView() const;
    [[nodiscard]] QTreeView *detailsView() const;
    [[nodiscard]] QTreeView *folderView() const;
    [[nodiscard]] QLineEdit *searchField() const;
    [[nodiscard]] QSlider *zoomSlider() const;
    [[nodiscard]] ThumbnailDelegate *thumbnailDelegate() const { return m_delegate; }
    [[nodiscard]] ThumbnailScheduler *thumbnailScheduler() const { return m_scheduler; }

Q_SIGNALS:
    /// A folder was opened (tree, grid, or openFolder()).
    void folderOpened(const QString &folder);
    /// Enter or a double click on an asset.
    void assetActivated(const QString &assetId);

private:
    void applySearch();
    void updateCountLabel();
    void activate(const QModelIndex &index);
    void selectFolderInTree(const QString &folder);
    [[nodiscard]] QAbstractItemView *currentView() const;
    void applyZoom();

    std::unique_ptr<Ui::BrowserPage> m_ui;
    core::catalog::Catalog *m_catalog;
    AssetListModel *m_assets;
    AssetColumnsModel *m_columns;
    FolderTreeModel *m_folders;
    ThumbnailDelegate *m_delegate;
    ThumbnailScheduler *m_scheduler;
    QTimer m_searchDebounce;
    QString m_folder;
};

} // namespace stratus::gui
