#include "browserpage.h"

#include "assetcolumnsmodel.h"
#include "assetlistmodel.h"
#include "foldertreemodel.h"
#include "thumbnaildelegate.h"
#include "thumbnailscheduler.h"

#include "core/catalog/catalog.h"

#include "ui_browserpage.h"

#include <QHeaderView>
#include <QLocale>
#include <QShortcut>
#include <QWindow>

namespace stratus::gui {

using core::catalog::CatalogQuery;

namespace {
// Results as you type, without a query for every keystroke of a fast typist.
constexpr int kSearchDebounceMs = 150;
} // namespace

BrowserPage::BrowserPage(core::catalog::Catalog *catalog, ThumbnailLoader *loader,
                         ThumbnailUrlFunction thumbnailUrl, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::BrowserPage>())
    , m_catalog(catalog)
    , m_assets(new AssetListModel(catalog, this))
    , m_columns(new AssetColumnsModel(this))
    , m_folders(new FolderTreeModel(catalog, this))
    , m_delegate(new ThumbnailDelegate(this))
    , m_scheduler(new ThumbnailScheduler(m_assets, loader, std::move(thumbnailUrl), this))
{
    m_ui->setupUi(this);
    m_columns->setSourceModel(m_assets);

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

    connect(m_ui->folderView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid() && FolderTreeModel::pathOf(current) != m_folder)
                    openFolder(FolderTreeModel::pathOf(current));
            });
    // Enter in the tree takes the keyboard to the open folder's assets.
    connect(m_ui->folderView, &QAbstractItemView::activated, this, [this] { currentView()->setFocus(); });
    connect(grid, &QAbstractItemView::activated, this, &BrowserPage::activate);
    connect(details, &QAbstractItemView::activated, this, &BrowserPage::activate);

    connect(m_ui->gridButton, &QToolButton::toggled, this,
            [this](bool on) { setViewMode(on ? ViewMode::Grid : ViewMode::Details); });
    connect(m_ui->zoomSlider, &QSlider::valueChanged, this, &BrowserPage::applyZoom);

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

    connect(m_assets, &AssetListModel::loaded, this, &BrowserPage::updateCountLabel);
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

    applyZoom();
    m_scheduler->setView(grid);
    openFolder(QString());
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
    return viewMode() == ViewMode::Grid ? static_cast<QAbstractItemView *>(m_ui->gridView)
                                        : static_cast<QAbstractItemView *>(m_ui->detailsView);
}

void BrowserPage::openFolder(const QString &folder)
{
    m_searchDebounce.stop();
    if (!m_ui->searchEdit->text().isEmpty()) {
        const QSignalBlocker blocker(m_ui->searchEdit);
        m_ui->searchEdit->clear();
    }
    m_folder = folder;
    m_assets->setFolder(folder);
    selectFolderInTree(folder);
    Q_EMIT folderOpened(folder);
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

void BrowserPage::applySearch()
{
    const QString text = m_ui->searchEdit->text().trimmed();
    if (text.isEmpty()) {
        if (m_assets->isSearch())
            m_assets->setFolder(m_folder);
        return;
    }
    CatalogQuery query;
    query.text = text;
    m_assets->setQuery(query);
}

void BrowserPage::updateCountLabel()
{
    const QLocale locale;
    const int total = int(std::min<qint64>(m_assets->totalAssets(), std::numeric_limits<int>::max()));
    if (!m_assets->lastError().isEmpty())
        m_ui->countLabel->setText(tr("The catalogue could not be read"));
    else if (m_assets->isSearch())
        m_ui->countLabel->setText(tr("%n result(s)", nullptr, total));
    else
        m_ui->countLabel->setText(tr("%n asset(s)", nullptr, total));
}

void BrowserPage::setViewMode(ViewMode mode)
{
    const bool grid = mode == ViewMode::Grid;
    m_ui->gridButton->setChecked(grid);
    m_ui->detailsButton->setChecked(!grid);
    m_ui->zoomSlider->setEnabled(grid);
    QAbstractItemView *before = currentView();
    m_ui->viewStack->setCurrentWidget(grid ? static_cast<QWidget *>(m_ui->gridView) : m_ui->detailsView);
    QAbstractItemView *after = currentView();
    if (before != after) {
        // Keep the current row across the switch.
        const int row = before->currentIndex().row();
        if (row >= 0)
            after->setCurrentIndex(after->model()->index(row, 0));
    }
    if (before && before->hasFocus())
        after->setFocus();
    // The details list has no thumbnails to ask for.
    m_scheduler->setView(grid ? m_ui->gridView : nullptr);
}

BrowserPage::ViewMode BrowserPage::viewMode() const
{
    return m_ui->viewStack->currentWidget() == m_ui->gridView ? ViewMode::Grid : ViewMode::Details;
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
    m_assets->setThumbnailSize(QSize(device, device));
}

void BrowserPage::reload()
{
    m_folders->reload();
    m_ui->folderView->expand(m_folders->index(0, 0));
    if (m_assets->isSearch())
        m_assets->reload();
    else
        openFolder(m_folder);
}

} // namespace stratus::gui
