// BrowserPage's construction, step by step: the models, the views, search, the commands, the
// filters and the details panel (browserpage.cpp has what the page does once built).
#include "browserpage.h"

#include "assetcolumnsmodel.h"
#include "assetlistmodel.h"
#include "assetnamedelegate.h"
#include "browsercommands.h"
#include "detailspanel.h"
#include "facetbar.h"
#include "foldertreemodel.h"
#include "justifiedview.h"
#include "sidepanelfitter.h"
#include "thumbnaildelegate.h"

#include "core/assets/assetservice.h"
#include "core/catalog/catalog.h"
#include "gui/shell/collapsingbox.h"

#include "ui_browserpage.h"

#include <QAction>
#include <QHeaderView>
#include <QLocale>
#include <QStyle>

namespace stratus::gui {

using core::Result;
using namespace Qt::StringLiterals;
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
    // The name keeps a readable width (the list scrolls sideways when the window is narrow); the
    // tags take what is left.
    details->header()->setSectionResizeMode(AssetColumnsModel::Name, QHeaderView::Interactive);
    details->header()->resizeSection(AssetColumnsModel::Name, 220);
    details->header()->setStretchLastSection(true);
    details->header()->setSortIndicator(AssetColumnsModel::Name, Qt::AscendingOrder);
    // Small square icons in the Name column, the same height in every row (folders too).
    details->setIconSize(QSize(28, 28));
    details->setItemDelegateForColumn(AssetColumnsModel::Name, new AssetNameDelegate(details));
    // Columns wide enough for what they hold (a full date, a size, a type), without measuring rows.
    const QFontMetrics metrics(details->font());
    const int padding
        = 3 * details->style()->pixelMetric(QStyle::PM_HeaderMargin) + metrics.averageCharWidth();
    const auto wide = [&](int column, const QStringList &samples) {
        int width = metrics.horizontalAdvance(m_columns->headerData(column, Qt::Horizontal).toString()) + 24;
        for (const QString &sample : samples)
            width = std::max(width, metrics.horizontalAdvance(sample));
        details->header()->setSectionResizeMode(column, QHeaderView::Interactive);
        details->header()->resizeSection(column, width + padding);
    };
    wide(AssetColumnsModel::Type, {tr("folder"), u"image"_s, u"video"_s});
    wide(AssetColumnsModel::Format, {u"jpeg"_s});
    wide(AssetColumnsModel::Dimensions, {tr("%1 × %2").arg(88888).arg(88888)});
    wide(AssetColumnsModel::Size, {QLocale().formattedDataSize(999900000), tr("%n asset(s)", nullptr, 8888)});
    wide(AssetColumnsModel::Created,
         {AssetColumnsModel::dateText(QDateTime(QDate(2028, 12, 28), QTime(22, 58)))});
    wide(AssetColumnsModel::Tags, {u"landscape, summer"_s});
    // What people compare first comes first, as in a file manager: name, date, size, then the rest, so
    // that the date is seen without scrolling sideways in a narrow window.
    int position = 1;
    for (const int column : {AssetColumnsModel::Created, AssetColumnsModel::Size, AssetColumnsModel::Type,
                             AssetColumnsModel::Format, AssetColumnsModel::Dimensions})
        details->header()->moveSection(details->header()->visualIndex(column), position++);

    // The justified view: pictures in their own aspect ratios, with its own delegate instance.
    m_justified = new JustifiedView(m_ui->viewStack);
    m_justified->setObjectName(u"justifiedView"_s);
    m_justified->setAccessibleName(tr("Assets in rows"));
    m_justified->setModel(m_assets);
    m_justifiedDelegate = new ThumbnailDelegate(m_justified);
    m_justifiedDelegate->setLayout(ThumbnailDelegate::Layout::Justified);
    m_justified->setItemDelegate(m_justifiedDelegate);
    m_ui->viewStack->addWidget(m_justified);

    // Toolbar controls keep their shape in a small window: the slider stays a slider; the search box
    // gives up width before anything collapses, and takes what is left over otherwise.
    m_ui->zoomSlider->setMinimumWidth(96);
    m_ui->searchEdit->setMinimumWidth(160);
    m_ui->searchEdit->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

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
    connect(m_justified, &QAbstractItemView::activated, this, &BrowserPage::activate);
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
            // The justified view's rows are laid out only while it shows (setViewMode() hands it the
            // current row when it does).
            if (m_justified->isVisible())
                m_justified->selectionModel()->setCurrentIndex(m_assets->index(0),
                                                               QItemSelectionModel::NoUpdate);
        }
        updateSortControls();
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
    constexpr int kTreeWidth = 200;
    m_ui->splitter->setSizes({kTreeWidth, 700, 280});
    connect(this, &BrowserPage::selectionChanged, m_details, &DetailsPanel::setAssets);
    connect(m_details, &DetailsPanel::assetsChanged, this, &BrowserPage::reload);
    m_infoButton = new QToolButton(this);
    m_infoButton->setText(tr("Info"));
    m_infoButton->setToolTip(tr("Show or hide the details of the selected assets (Ctrl+I)"));
    m_infoButton->setCheckable(true);
    m_infoButton->setChecked(true);
    m_infoButton->setAccessibleName(tr("Details panel"));
    m_ui->toolbarLayout->insertWidget(2, m_infoButton);
    connect(m_infoButton, &QToolButton::toggled, this, &BrowserPage::setDetailsVisible);
    // Small windows: the tree narrower, the details panel collapsed (the grid stays the widest).
    new SidePanelFitter(
        m_ui->splitter, m_ui->folderView, kTreeWidth, m_details,
        [this](bool visible) { setDetailsVisible(visible); }, this);
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

    for (QAbstractItemView *view : assetViews()) {
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
    // What the commands do goes to the status bar (BrowseView), not beside the search box.
    connect(m_commands, &BrowserCommands::status, this, &BrowserPage::statusMessage);
}

void BrowserPage::fitToolbarToSmallWindows()
{
    // Download… and Delete… are also in the context menu (and Delete in the Edit menu): in a small
    // window they give up their room, last first, so that the views, the sort, the zoom and the search
    // keep theirs and the window can still be made small (point 1 of issue 13).
    auto *commands = new CollapsingBox(this);
    commands->setObjectName(u"toolbarCommands"_s);
    const int at = m_ui->toolbarLayout->indexOf(m_ui->downloadButton);
    m_ui->toolbarLayout->removeWidget(m_ui->downloadButton);
    m_ui->toolbarLayout->removeWidget(m_ui->deleteButton);
    commands->addWidget(m_ui->downloadButton);
    commands->addWidget(m_ui->deleteButton);
    commands->setSpacing(m_ui->toolbarLayout->spacing());
    m_ui->toolbarLayout->insertWidget(at, commands, 1);

    // The word "Zoom" goes too, before the slider itself (which keeps its name for screen readers).
    m_ui->zoomSlider->setAccessibleName(m_ui->zoomLabel->text().remove(u'&'));
    auto *zoomWord = new CollapsingBox(this);
    zoomWord->setObjectName(u"zoomWord"_s);
    const int zoomAt = m_ui->toolbarLayout->indexOf(m_ui->zoomLabel);
    m_ui->toolbarLayout->removeWidget(m_ui->zoomLabel);
    zoomWord->addWidget(m_ui->zoomLabel);
    m_ui->toolbarLayout->insertWidget(zoomAt, zoomWord);
}

} // namespace stratus::gui
