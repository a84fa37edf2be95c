#include "browserpage.h"

#include "assetcolumnsmodel.h"
#include "assetlistmodel.h"
#include "assetmimedata.h"
#include "browsercommands.h"
#include "detailspanel.h"
#include "facetbar.h"
#include "foldertreemodel.h"
#include "justifiedview.h"
#include "previewdialog.h"
#include "thumbnaildelegate.h"
#include "thumbnailloader.h"
#include "thumbnailscheduler.h"

#include "core/catalog/catalog.h"
#include "core/delivery/originalurls.h"

#include "ui_browserpage.h"

#include <QAction>
#include <QDir>
#include <QMenu>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QWindow>

namespace stratus::gui {

namespace {
// A drag of up to this many assets, this heavy in all, brings the files themselves to a file
// manager (AssetMimeData); a larger one brings delivery URLs.
constexpr int kDragFilesMaxAssets = 10;
constexpr qint64 kDragFilesMaxBytes = 50 << 20;
} // namespace

BrowserPage::BrowserPage(BrowserEnvironment environment, ThumbnailLoader *loader,
                         core::ThumbnailUrlFunction thumbnailUrl, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::BrowserPage>())
    , m_env(std::move(environment))
    , m_catalog(m_env.catalog)
    , m_commands(new BrowserCommands(m_env, this))
    , m_assets(new AssetListModel(m_catalog, this))
    , m_columns(new AssetColumnsModel(this))
    , m_folders(new FolderTreeModel(m_catalog, this))
    , m_delegate(new ThumbnailDelegate(this))
    , m_scheduler(new ThumbnailScheduler(m_assets, loader, std::move(thumbnailUrl), this))
    , m_loader(loader)
    , m_sideLoader(new ThumbnailLoader(environment.network, loader ? loader->cache() : nullptr, this))
{
    m_ui->setupUi(this);
    setUpModels();
    setUpNavigation();
    setUpViews();
    connectViews();
    setUpSearch();
    connectModelResets();
    setUpCommands();
    setUpFacets();
    setUpDetailsPanel();
    setUpScopeAndEmptyState();
    setUpViewActions();
    setUpSortControl();
    setUpMenuActions();
    setUpContextMenuKeys();
    fitToolbarToSmallWindows();

    // Space previews (the commands ask), Enter opens the preview at the asset.
    connect(this, &BrowserPage::previewRequested, this, &BrowserPage::showPreview);
    connect(this, &BrowserPage::assetActivated, this, &BrowserPage::requestPreview);
    connect(m_folders, &FolderTreeModel::filesDropped, this, &BrowserPage::filesDropped);

    applyZoom();
    m_scheduler->setView(m_ui->gridView);
    openFolder(QString());
    refreshEnvironment();
}

BrowserPage::~BrowserPage() = default;

QListView *BrowserPage::gridView() const
{
    return m_ui->gridView;
}

QTreeView *BrowserPage::detailsView() const
{
    return m_ui->detailsView;
}

QTreeView *BrowserPage::folderView() const
{
    return m_ui->folderView;
}

QLineEdit *BrowserPage::searchField() const
{
    return m_ui->searchEdit;
}

QSlider *BrowserPage::zoomSlider() const
{
    return m_ui->zoomSlider;
}

QAbstractItemView *BrowserPage::currentView() const
{
    switch (viewMode()) {
    case ViewMode::Grid:
        return m_ui->gridView;
    case ViewMode::Details:
        return m_ui->detailsView;
    case ViewMode::Justified:
        return m_justified;
    }
    return m_ui->gridView;
}

void BrowserPage::selectFolderInTree(const QString &folder)
{
    const QModelIndex index = m_folders->indexForPath(folder);
    if (!index.isValid())
        return;
    QTreeView *tree = m_ui->folderView;
    for (QModelIndex up = index.parent(); up.isValid(); up = up.parent())
        tree->expand(up);
    if (tree->currentIndex() != index)
        tree->setCurrentIndex(index);
    tree->scrollTo(index);
}

void BrowserPage::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QModelIndex first = index.siblingAtColumn(0);
    if (first.data(AssetListModel::KindRole).value<AssetListModel::RowKind>()
        == AssetListModel::RowKind::Folder)
        openFolder(first.data(AssetListModel::FolderPathRole).toString());
    else
        Q_EMIT assetActivated(first.data(AssetListModel::AssetIdRole).toString());
}

void BrowserPage::setDetailsVisible(bool visible)
{
    m_details->setVisible(visible);
    if (m_infoButton->isChecked() != visible)
        m_infoButton->setChecked(visible);
    if (m_detailsAction != nullptr && m_detailsAction->isChecked() != visible)
        m_detailsAction->setChecked(visible);
}

void BrowserPage::showPreview(const QStringList &assetIds, int current)
{
    if (assetIds.isEmpty())
        return;
    auto *preview = new PreviewDialog(m_env, m_sideLoader, assetIds, current, this);
    preview->setAttribute(Qt::WA_DeleteOnClose);
    // The selection follows the preview, so that closing it leaves you on the asset you looked at.
    connect(preview, &PreviewDialog::currentChanged, this,
            [this](const QString &assetId) { selectAssets({assetId}); });
    // The dialog takes the keyboard (Space closes it, the arrows browse), not the grid behind it.
    preview->setFocusPolicy(Qt::StrongFocus);
    preview->open();
    preview->activateWindow();
    preview->setFocus(Qt::ActiveWindowFocusReason);
}

void BrowserPage::setViewMode(ViewMode mode)
{
    QAbstractItemView *before = currentView();
    QWidget *shown = m_ui->gridView;
    if (mode == ViewMode::Details)
        shown = m_ui->detailsView;
    else if (mode == ViewMode::Justified)
        shown = m_justified;
    m_ui->gridButton->setChecked(mode == ViewMode::Grid);
    m_ui->detailsButton->setChecked(mode == ViewMode::Details);
    if (QAction *action = viewModeAction(mode); action != nullptr && !action->isChecked())
        action->setChecked(true);
    m_ui->zoomSlider->setEnabled(mode != ViewMode::Details);
    m_ui->viewStack->setCurrentWidget(shown);
    QAbstractItemView *after = currentView();
    if (before != after) {
        // Keep the current row and the selection across the switch.
        QItemSelection selection;
        for (const QModelIndex &index : before->selectionModel()->selectedIndexes()) {
            if (index.column() == 0)
                selection.select(after->model()->index(index.row(), 0),
                                 after->model()->index(index.row(), 0));
        }
        const int row = before->currentIndex().row();
        if (row >= 0)
            after->selectionModel()->setCurrentIndex(after->model()->index(row, 0),
                                                     QItemSelectionModel::NoUpdate);
        after->selectionModel()->select(selection,
                                        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        if (row >= 0)
            after->scrollTo(after->model()->index(row, 0));
        updateSelection();
    }
    if (before && before->hasFocus())
        after->setFocus();
    // Every view asks for the thumbnails it shows (the list's small icons are the grid's pictures).
    applyZoom();
    m_scheduler->setView(after);
    placeEmptyState();
}

BrowserPage::ViewMode BrowserPage::viewMode() const
{
    QWidget *shown = m_ui->viewStack->currentWidget();
    if (shown == m_ui->detailsView)
        return ViewMode::Details;
    if (shown != nullptr && shown == m_justified)
        return ViewMode::Justified;
    return ViewMode::Grid;
}

void BrowserPage::setZoom(int pixels)
{
    m_ui->zoomSlider->setValue(pixels);
}

int BrowserPage::zoom() const
{
    return m_ui->zoomSlider->value();
}

void BrowserPage::applyZoom()
{
    const int edge = m_ui->zoomSlider->value();
    m_delegate->setZoom(edge);
    m_ui->gridView->setGridSize(m_delegate->cellSize(m_ui->gridView->font()) + QSize(4, 4));
    const qreal ratio
        = window()->windowHandle() ? window()->windowHandle()->devicePixelRatio() : devicePixelRatioF();
    const int device = int(std::ceil(edge * ratio));
    if (m_justified != nullptr)
        m_justified->setRowHeight(edge);
    // The justified rows want pictures of the row's height in their own aspect ratio (width 0: any).
    m_assets->setThumbnailSize(viewMode() == ViewMode::Justified ? QSize(0, device) : QSize(device, device));
}

void BrowserPage::reload()
{
    QAbstractItemView *view = currentView();
    const QStringList selected = selectedAssetIds();
    const QStringList shown = m_details->assets(); // the selection, or the assets the panel follows
    const QString current
        = view->currentIndex().siblingAtColumn(0).data(AssetListModel::AssetIdRole).toString();
    const int loadedRows = m_assets->rowCount();
    const int scroll = view->verticalScrollBar()->value();

    if (auto fields = m_catalog ? m_catalog->metadataFields()
                                : core::Result<QList<core::MetadataField>>(QList<core::MetadataField>());
        fields)
        m_facets->setMetadataFields(*fields);
    m_folders->reload();
    m_ui->folderView->expand(m_folders->index(0, 0));
    if (m_assets->isSearch()) {
        m_assets->reload();
    } else {
        m_assets->setFolder(m_folder);
        selectFolderInTree(m_folder);
    }
    // As many rows as were loaded, so that the selection and the scroll position find their rows.
    while (m_assets->rowCount() < loadedRows && m_assets->canFetchMore({}))
        m_assets->fetchMore({});
    selectAssets(selected);
    if (const int row = m_assets->rowOfAsset(current); row >= 0)
        view->selectionModel()->setCurrentIndex(view->model()->index(row, 0), QItemSelectionModel::NoUpdate);
    view->doItemsLayout();
    view->verticalScrollBar()->setValue(scroll);
    // Moved to another folder (or renamed out of the rows shown): the panel follows what was selected
    // (or what it followed already) rather than going blank.
    if (!shown.isEmpty() && selectedAssetIds().isEmpty())
        m_details->followAssets(shown);
    else
        m_details->reload();
}

void BrowserPage::refreshEnvironment()
{
    const QString reason = m_env.isOnline() ? QString() : m_env.offlineReason();
    m_ui->offlineLabel->setText(
        reason.isEmpty() ? QString()
                         : tr("%1 — browsing works from the catalogue; changes to assets wait until the "
                              "environment answers.")
                               .arg(reason));
    m_ui->offlineLabel->setVisible(!reason.isEmpty());
    m_assets->setSignedUrlsUnavailable(m_env.cannotSignUrls());
    m_commands->updateActions();
    if (m_details != nullptr)
        m_details->refreshOnlineState();
}

QList<core::catalog::CatalogAsset> BrowserPage::selectedAssets() const
{
    QAbstractItemView *view = currentView();
    QList<int> rows;
    for (const QModelIndex &index : view->selectionModel()->selectedIndexes()) {
        if (index.column() == 0 && m_assets->assetAt(index.row()))
            rows.append(index.row());
    }
    std::sort(rows.begin(), rows.end());
    QList<core::catalog::CatalogAsset> assets;
    for (int row : std::as_const(rows))
        assets.append(*m_assets->assetAt(row));
    return assets;
}

QStringList BrowserPage::selectedAssetIds() const
{
    QStringList ids;
    for (const auto &asset : selectedAssets())
        ids.append(asset.assetId);
    return ids;
}

void BrowserPage::selectAssets(const QStringList &assetIds)
{
    QAbstractItemView *view = currentView();
    QItemSelection selection;
    for (const QString &id : assetIds) {
        if (const int row = m_assets->rowOfAsset(id); row >= 0)
            selection.select(view->model()->index(row, 0), view->model()->index(row, 0));
    }
    view->selectionModel()->select(selection,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

int BrowserPage::revealAssets(const QStringList &assetIds)
{
    if (m_catalog == nullptr)
        return 0;
    std::optional<QString> folder;
    for (const QString &id : assetIds) {
        if (auto found = m_catalog->asset(id); found && found.value()) {
            folder = found.value()->folder(m_catalog->folderMode());
            break;
        }
    }
    if (!folder)
        return 0;
    if (*folder != m_folder || m_assets->isSearch())
        openFolder(*folder);
    // As many rows as it takes to reach them (a long folder loads in pages).
    const auto rowsFound = [&] {
        return std::count_if(assetIds.cbegin(), assetIds.cend(),
                             [this](const QString &id) { return m_assets->rowOfAsset(id) >= 0; });
    };
    const auto wanted = std::count_if(assetIds.cbegin(), assetIds.cend(), [&](const QString &id) {
        auto found = m_catalog->asset(id);
        return found && found.value() && found.value()->folder(m_catalog->folderMode()) == *folder;
    });
    while (rowsFound() < wanted && m_assets->canFetchMore({}))
        m_assets->fetchMore({});
    selectAssets(assetIds);
    QAbstractItemView *view = currentView();
    for (const QString &id : assetIds) {
        if (const int row = m_assets->rowOfAsset(id); row >= 0) {
            const QModelIndex index = view->model()->index(row, 0);
            view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
            view->scrollTo(index);
            break;
        }
    }
    view->setFocus(Qt::OtherFocusReason);
    return int(rowsFound());
}

void BrowserPage::updateSelection()
{
    const QList<core::catalog::CatalogAsset> assets = selectedAssets();
    m_commands->setCurrentFolder(m_assets->isSearch() ? QString() : m_folder);
    m_commands->setSelection(assets);
    QStringList ids;
    for (const auto &asset : assets)
        ids.append(asset.assetId);
    Q_EMIT selectionChanged(ids);
}

void BrowserPage::showAssetMenu(QAbstractItemView *view, const QPoint &position)
{
    using Command = BrowserCommands::Command;
    // A right click on an unselected cell acts on that cell, as in file managers.
    const QModelIndex index = view->indexAt(position);
    if (index.isValid() && !view->selectionModel()->isSelected(index))
        view->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    refreshEnvironment();
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("assetMenu"));
    menu.addAction(m_commands->action(Command::Download));
    menu.addSeparator();
    menu.addAction(m_commands->action(Command::Rename));
    menu.addAction(m_commands->action(Command::Move));
    menu.addAction(m_commands->action(Command::EditTags));
    menu.addAction(m_commands->action(Command::CopyUrl));
    menu.addSeparator();
    // Cloudinary's widgets (issue 15): hidden while the window has none.
    menu.addActions(m_commands->widgetActions());
    menu.addSeparator();
    menu.addAction(m_commands->action(Command::Delete));
    menu.addSeparator();
    menu.addAction(m_commands->action(Command::NewFolder));
    menu.exec(view->viewport()->mapToGlobal(position));
}

void BrowserPage::showFolderMenu(const QPoint &position)
{
    using Command = BrowserCommands::Command;
    QTreeView *tree = m_ui->folderView;
    const QModelIndex index = tree->indexAt(position);
    if (!index.isValid())
        return;
    m_commands->setTreeFolder(FolderTreeModel::pathOf(index),
                              index.data(FolderTreeModel::TotalCountRole).toLongLong());
    refreshEnvironment();
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("folderMenu"));
    menu.addAction(m_commands->action(Command::NewFolderHere));
    menu.addAction(m_commands->action(Command::RenameFolder));
    menu.addAction(m_commands->action(Command::DeleteFolder));
    menu.exec(tree->viewport()->mapToGlobal(position));
}

void BrowserPage::requestPreview()
{
    QAbstractItemView *view = currentView();
    const QString current
        = view->currentIndex().siblingAtColumn(0).data(AssetListModel::AssetIdRole).toString();
    QStringList ids = selectedAssetIds();
    if (ids.size() < 2) {
        ids.clear();
        for (int row = m_assets->folderRowCount(); row < m_assets->rowCount(); ++row)
            ids.append(m_assets->assetAt(row)->assetId);
    }
    if (ids.isEmpty())
        return;
    Q_EMIT previewRequested(ids, std::max(0, int(ids.indexOf(current))));
}

void BrowserPage::moveDropped(const QStringList &assetIds, const QString &folder)
{
    QList<core::catalog::CatalogAsset> assets;
    for (const QString &id : assetIds) {
        if (const int row = m_assets->rowOfAsset(id); row >= 0)
            assets.append(*m_assets->assetAt(row));
    }
    m_commands->moveTo(assets, folder);
}

QMimeData *BrowserPage::dragData(const QList<core::catalog::CatalogAsset> &assets)
{
    const core::OriginalUrls urls(m_env.url ? m_env.url() : core::CloudinaryUrl());
    QList<QUrl> delivery;
    qint64 bytes = 0;
    for (const auto &asset : assets) {
        const auto url = urls.url(asset);
        delivery.append(url ? url.value() : QUrl());
        bytes += asset.bytes;
    }
    auto *mime = new AssetMimeData(assets, delivery);
    if (assets.size() <= kDragFilesMaxAssets && bytes <= kDragFilesMaxBytes && m_env.network) {
        if (!m_dragDirectory)
            m_dragDirectory = std::make_unique<QTemporaryDir>();
        const QString directory = m_dragDirectory->filePath(QStringLiteral("drag-%1").arg(++m_drags));
        if (m_dragDirectory->isValid() && QDir().mkpath(directory))
            mime->prefetch(m_env, directory);
    }
    return mime;
}

} // namespace stratus::gui
