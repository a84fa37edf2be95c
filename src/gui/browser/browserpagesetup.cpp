// BrowserPage's construction, step by step: the models, the views, search, the commands, the
// filters and the details panel (browserpage.cpp has what the page does once built).
#include "browserpage.h"

#include "assetcolumnsmodel.h"
#include "assetlistmodel.h"
#include "browsercommands.h"
#include "detailspanel.h"
#include "facetbar.h"
#include "foldertreemodel.h"
#include "thumbnaildelegate.h"

#include "core/assets/assetservice.h"
#include "core/catalog/catalog.h"

#include "ui_browserpage.h"

#include <QAction>
#include <QHeaderView>
#include <QShortcut>

namespace stratus::gui {

using core::Result;
using core::catalog::CatalogFacets;

namespace {
// Results as you type, without a query for every keystroke of a fast typist.
constexpr int kSearchDebounceMs = 150;
} // namespace

void BrowserPage::setUpModels()
{
    m_columns->setSourceModel(m_assets);
    m_assets->setLocalFolders(&m_commands->assetService()->localFolders());
    m_folders->setLocalFolders(&m_commands->assetService()->localFolders());
    m_folders->reload();
    m_assets->setMimeDataFactory(
        [this](const QList<core::catalog::CatalogAsset> &assets) { return dragData(assets); });
}

void BrowserPage::setUpViews()
{
    m_ui->folderView->setModel(m_folders);
    m_ui->folderView->expand(m_folders->index(0, 0));

    QListView *grid = m_ui->gridView;
    grid->setModel(m_assets);
    grid->setItemDelegate(m_delegate);
    grid->setViewMode(QListView::IconMode);
    grid->setResizeMode(QListView::Adjust);
    grid->setMovement(QListView::Static);
    grid->setUniformItemSizes(true);
    grid->setSelectionMode(QAbstractItemView::ExtendedSelection);
    grid->setSpacing(2);
    grid->setMouseTracking(true);
    grid->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);

    QTreeView *details = m_ui->detailsView;
    details->setModel(m_columns);
    details->setSelectionMode(QAbstractItemView::ExtendedSelection);
    details->setSelectionBehavior(QAbstractItemView::SelectRows);
    details->header()->setSectionResizeMode(AssetColumnsModel::Name, QHeaderView::Stretch);
    details->header()->setStretchLastSection(false);
    details->header()->setSortIndicator(AssetColumnsModel::Name, Qt::AscendingOrder);
    details->setIconSize(QSize(24, 24));

    m_ui->splitter->setStretchFactor(0, 0);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setSizes({220, 680});
}

void BrowserPage::connectViews()
{
    connect(m_ui->folderView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid() && FolderTreeModel::pathOf(current) != m_folder)
                    openFolder(FolderTreeModel::pathOf(current));
            });
    // Enter in the tree takes the keyboard to the open folder's assets.
    connect(m_ui->folderView, &QAbstractItemView::activated, this, [this] { currentView()->setFocus(); });
    connect(m_ui->gridView, &QAbstractItemView::activated, this, &BrowserPage::activate);
    connect(m_ui->detailsView, &QAbstractItemView::activated, this, &BrowserPage::activate);

    connect(m_ui->gridButton, &QToolButton::toggled, this,
            [this](bool on) { setViewMode(on ? ViewMode::Grid : ViewMode::Details); });
    connect(m_ui->zoomSlider, &QSlider::valueChanged, this, &BrowserPage::applyZoom);
}

void BrowserPage::setUpSearch()
{
    m_searchDebounce.setSingleShot(true);
    m_searchDebounce.setInterval(kSearchDebounceMs);
    connect(&m_searchDebounce, &QTimer::timeout, this, &BrowserPage::applySearch);
    connect(m_ui->searchEdit, &QLineEdit::textEdited, &m_searchDebounce, qOverload<>(&QTimer::start));
    // The clear button changes the text without textEdited.
    connect(m_ui->searchEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            m_searchDebounce.start();
    });
    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_ui->searchEdit->setFocus(Qt::ShortcutFocusReason);
        m_ui->searchEdit->selectAll();
    });
}

void BrowserPage::connectModelResets()
{
    connect(m_assets, &AssetListModel::loaded, this, &BrowserPage::updateCountLabel);
    connect(m_assets, &AssetListModel::catalogDamaged, this, &BrowserPage::catalogDamaged);
    connect(m_assets, &QAbstractItemModel::modelReset, this, [this] {
        const int column = AssetColumnsModel::columnForSort(int(m_assets->sortKey()));
        m_ui->detailsView->header()->setSortIndicator(column, m_assets->sortOrder());
        // A current item from the start, so that End, PgDn and the arrows move from the first cell
        // (Qt sends every move to the first row when there is none).
        if (m_assets->rowCount() > 0) {
            m_ui->gridView->selectionModel()->setCurrentIndex(m_assets->index(0),
                                                              QItemSelectionModel::NoUpdate);
            m_ui->detailsView->selectionModel()->setCurrentIndex(m_columns->index(0, 0),
                                                                 QItemSelectionModel::NoUpdate);
        }
    });
}

void BrowserPage::setUpFacets()
{
    // Filters under the toolbar; they narrow the open folder, or the search across the catalogue.
    m_facets = new FacetBar(this);
    m_facets->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_facets->setContentsMargins(4, 0, 4, 0);
    m_ui->pageLayout->insertWidget(m_ui->pageLayout->indexOf(m_ui->toolbarLayout) + 1, m_facets);
    m_ui->pageLayout->setStretchFactor(m_ui->splitter, 1);
    m_facets->setFacetSource([this] {
        auto counts = m_catalog ? m_catalog->facets(scopeQuery()) : Result<CatalogFacets>(CatalogFacets {});
        return counts ? counts.value() : CatalogFacets {};
    });
    connect(m_facets, &FacetBar::filtersChanged, this, &BrowserPage::applySearch);
    // The structured metadata fields the last sync cached; reload() reads them again.
    if (auto fields = m_catalog ? m_catalog->metadataFields()
                                : Result<QList<core::MetadataField>>(QList<core::MetadataField>());
        fields)
        m_facets->setMetadataFields(*fields);
}

void BrowserPage::setUpDetailsPanel()
{
    // The details panel on the right follows the selection; its edits reload the listing.
    m_details = new DetailsPanel(m_env, m_sideLoader, m_ui->splitter, m_commands->assetService());
    m_ui->splitter->addWidget(m_details);
    m_ui->splitter->setStretchFactor(2, 0);
    m_ui->splitter->setSizes({220, 640, 320});
    connect(this, &BrowserPage::selectionChanged, m_details, &DetailsPanel::setAssets);
    connect(m_details, &DetailsPanel::assetsChanged, this, &BrowserPage::reload);
    m_infoButton = new QToolButton(this);
    m_infoButton->setText(tr("Info"));
    m_infoButton->setToolTip(tr("Show or hide the details of the selected assets (Ctrl+I)"));
    m_infoButton->setCheckable(true);
    m_infoButton->setChecked(true);
    m_infoButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_infoButton->setAccessibleName(tr("Details panel"));
    m_ui->toolbarLayout->insertWidget(2, m_infoButton);
    connect(m_infoButton, &QToolButton::toggled, this, &BrowserPage::setDetailsVisible);
}

void BrowserPage::setUpCommands()
{
    using Command = BrowserCommands::Command;
    m_ui->downloadButton->setDefaultAction(m_commands->action(Command::Download));
    m_ui->deleteButton->setDefaultAction(m_commands->action(Command::Delete));

    auto *preview = new QAction(tr("&Preview"), this);
    preview->setObjectName(QStringLiteral("Preview"));
    preview->setShortcut(QKeySequence(Qt::Key_Space));
    preview->setShortcutContext(Qt::WidgetShortcut);
    connect(preview, &QAction::triggered, this, &BrowserPage::requestPreview);

    for (QAbstractItemView *view : {static_cast<QAbstractItemView *>(m_ui->gridView),
                                    static_cast<QAbstractItemView *>(m_ui->detailsView)}) {
        // The keyboard commands work where the assets have the focus (Delete and F2 in the search box
        // edit the text).
        view->addActions({m_commands->action(Command::Rename), m_commands->action(Command::Delete),
                          m_commands->action(Command::CopyUrl), m_commands->action(Command::NewFolder),
                          preview});
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this,
                [this, view](const QPoint &position) { showAssetMenu(view, position); });
        connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this, view] {
            if (view == currentView())
                updateSelection();
        });
        view->setDragEnabled(true);
        view->setDragDropMode(QAbstractItemView::DragOnly);
        view->setDefaultDropAction(Qt::CopyAction);
    }
    connect(m_assets, &QAbstractItemModel::modelReset, this, &BrowserPage::updateSelection);

    QTreeView *tree = m_ui->folderView;
    tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(tree, &QWidget::customContextMenuRequested, this, &BrowserPage::showFolderMenu);
    tree->setAcceptDrops(true);
    tree->setDragDropMode(QAbstractItemView::DropOnly);
    tree->setDragDropOverwriteMode(true);
    tree->setDropIndicatorShown(true);
    connect(m_folders, &FolderTreeModel::assetsDropped, this, &BrowserPage::moveDropped);

    connect(m_commands->assetService(), &core::assets::AssetService::catalogChanged, this,
            &BrowserPage::reload);
    connect(m_commands, &BrowserCommands::folderToOpen, this, &BrowserPage::openFolder);
    connect(m_commands, &BrowserCommands::status, this, [this](const QString &text) {
        m_ui->activityLabel->setText(text);
        Q_EMIT statusMessage(text);
    });
}

} // namespace stratus::gui
