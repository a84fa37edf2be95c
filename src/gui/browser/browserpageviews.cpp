// BrowserPage's views and menus (issue 13, points 3 and 8): the view switch (Grid, List, Justified
// on Ctrl+1, 2, 3), the sort control shared by every view and the list's headers, zoom, the actions
// the window's Edit and View menus show, and the context menu from the keyboard (Shift+F10, Menu).
#include "browserpage.h"

#include "assetlistmodel.h"
#include "browsercommands.h"
#include "detailspanel.h"
#include "justifiedview.h"

#include "ui_browserpage.h"

#include <QAction>
#include <QActionGroup>
#include <QHeaderView>
#include <QMenu>
#include <QScrollBar>
#include <QStackedWidget>
#include <QToolButton>

namespace stratus::gui {

using core::catalog::CatalogSort;
using namespace Qt::StringLiterals;

QList<QAbstractItemView *> BrowserPage::assetViews() const
{
    return {m_ui->gridView, m_ui->detailsView, m_justified};
}

QAction *BrowserPage::viewModeAction(ViewMode mode) const
{
    if (m_viewModes == nullptr)
        return nullptr;
    for (QAction *action : m_viewModes->actions()) {
        if (action->data().toInt() == int(mode))
            return action;
    }
    return nullptr;
}

void BrowserPage::setUpViewActions()
{
    // Ctrl+1, 2, 3 as in Dolphin; in the window while this page is current (PageHost).
    m_viewModes = new QActionGroup(this);
    m_viewModes->setExclusive(true);
    const struct
    {
        ViewMode mode;
        QString name;
        QString text;
        QString tip;
        Qt::Key key;
    } modes[] = {
        {ViewMode::Grid, u"viewGridAction"_s, tr("&Grid"), tr("Square thumbnails"), Qt::Key_1},
        {ViewMode::Details, u"viewListAction"_s, tr("&List"), tr("A sortable list with details"), Qt::Key_2},
        {ViewMode::Justified, u"viewJustifiedAction"_s, tr("&Justified"),
         tr("Rows of pictures in their own proportions"), Qt::Key_3},
    };
    for (const auto &mode : modes) {
        auto *action = new QAction(mode.text, this);
        action->setObjectName(mode.name);
        action->setData(int(mode.mode));
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | mode.key));
        action->setToolTip(u"%1 (%2)"_s.arg(mode.tip, action->shortcut().toString(QKeySequence::NativeText)));
        m_viewModes->addAction(action);
        addAction(action);
        const ViewMode target = mode.mode;
        connect(action, &QAction::triggered, this, [this, target] { setViewMode(target); });
    }
    viewModeAction(viewMode())->setChecked(true);

    // The toolbar's switch: the .ui's two buttons and a third, each showing its action.
    m_ui->gridButton->setDefaultAction(viewModeAction(ViewMode::Grid));
    m_ui->detailsButton->setDefaultAction(viewModeAction(ViewMode::Details));
    auto *justifiedButton = new QToolButton(this);
    justifiedButton->setObjectName(u"justifiedButton"_s);
    justifiedButton->setDefaultAction(viewModeAction(ViewMode::Justified));
    justifiedButton->setToolButtonStyle(m_ui->detailsButton->toolButtonStyle());
    m_ui->toolbarLayout->insertWidget(m_ui->toolbarLayout->indexOf(m_ui->detailsButton) + 1, justifiedButton);

    // Zoom from the keyboard, a page step of the slider at a time.
    m_zoomInAction = new QAction(tr("Zoom &In"), this);
    m_zoomInAction->setObjectName(u"zoomInAction"_s);
    m_zoomInAction->setShortcuts(
        {QKeySequence(QKeySequence::ZoomIn), QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    m_zoomOutAction = new QAction(tr("Zoom &Out"), this);
    m_zoomOutAction->setObjectName(u"zoomOutAction"_s);
    m_zoomOutAction->setShortcut(QKeySequence::ZoomOut);
    for (QAction *action : {m_zoomInAction, m_zoomOutAction})
        addAction(action);
    connect(m_zoomInAction, &QAction::triggered, this,
            [this] { setZoom(zoom() + m_ui->zoomSlider->pageStep()); });
    connect(m_zoomOutAction, &QAction::triggered, this,
            [this] { setZoom(zoom() - m_ui->zoomSlider->pageStep()); });
    const auto updateZoomActions = [this] {
        const bool zooms = viewMode() != ViewMode::Details;
        m_zoomInAction->setEnabled(zooms && zoom() < m_ui->zoomSlider->maximum());
        m_zoomOutAction->setEnabled(zooms && zoom() > m_ui->zoomSlider->minimum());
    };
    connect(m_ui->zoomSlider, &QSlider::valueChanged, this, updateZoomActions);
    connect(m_ui->viewStack, &QStackedWidget::currentChanged, this, updateZoomActions);
    updateZoomActions();

    m_detailsAction = new QAction(tr("&Details Panel"), this);
    m_detailsAction->setObjectName(u"detailsPanelAction"_s);
    m_detailsAction->setCheckable(true);
    m_detailsAction->setChecked(m_infoButton->isChecked());
    m_detailsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    addAction(m_detailsAction);
    connect(m_detailsAction, &QAction::toggled, this, &BrowserPage::setDetailsVisible);
}

void BrowserPage::setUpSortControl()
{
    m_sortMenu = new QMenu(tr("&Sort By"), this);
    m_sortMenu->setObjectName(u"sortMenu"_s);
    m_sortKeys = new QActionGroup(this);
    m_sortKeys->setExclusive(true);
    const struct
    {
        CatalogSort key;
        QString name;
        QString text;
    } keys[] = {
        {CatalogSort::Name, u"sortByName"_s, tr("&Name")},
        {CatalogSort::CreatedAt, u"sortByCreated"_s, tr("&Created")},
        {CatalogSort::Bytes, u"sortBySize"_s, tr("&Size")},
        {CatalogSort::ResourceType, u"sortByType"_s, tr("&Type")},
        {CatalogSort::Format, u"sortByFormat"_s, tr("&Format")},
        {CatalogSort::Pixels, u"sortByDimensions"_s, tr("&Dimensions")},
    };
    for (const auto &key : keys) {
        QAction *action = m_sortMenu->addAction(key.text);
        action->setObjectName(key.name);
        action->setData(int(key.key));
        action->setCheckable(true);
        m_sortKeys->addAction(action);
        const CatalogSort chosen = key.key;
        connect(action, &QAction::triggered, this, [this, chosen] { setSort(chosen, sortOrder()); });
    }
    m_sortMenu->addSeparator();
    m_sortOrders = new QActionGroup(this);
    m_sortOrders->setExclusive(true);
    for (const auto &[order, name, text] :
         {std::tuple {Qt::AscendingOrder, u"sortAscending"_s, tr("&Ascending")},
          std::tuple {Qt::DescendingOrder, u"sortDescending"_s, tr("D&escending")}}) {
        QAction *action = m_sortMenu->addAction(text);
        action->setObjectName(name);
        action->setData(int(order));
        action->setCheckable(true);
        m_sortOrders->addAction(action);
        const Qt::SortOrder chosen = order;
        connect(action, &QAction::triggered, this, [this, chosen] { setSort(sortKey(), chosen); });
    }

    m_sortButton = new QToolButton(this);
    m_sortButton->setObjectName(u"sortButton"_s);
    m_sortButton->setMenu(m_sortMenu);
    m_sortButton->setPopupMode(QToolButton::InstantPopup);
    m_sortButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_sortButton->setAccessibleName(tr("Sort"));
    m_ui->toolbarLayout->insertWidget(m_ui->toolbarLayout->indexOf(m_ui->zoomLabel), m_sortButton);

    // The upload button, before Download: its actions come from whoever uploads (setUploadActions).
    m_uploadButton = new QToolButton(this);
    m_uploadButton->setObjectName(u"uploadButton"_s);
    m_uploadButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_uploadButton->setPopupMode(QToolButton::MenuButtonPopup);
    m_uploadButton->hide();
    m_ui->toolbarLayout->insertWidget(m_ui->toolbarLayout->indexOf(m_ui->downloadButton), m_uploadButton);
    updateSortControls();
}

void BrowserPage::setUploadActions(const QList<QAction *> &actions)
{
    if (actions.isEmpty()) {
        m_uploadButton->hide();
        return;
    }
    auto *menu = new QMenu(m_uploadButton);
    menu->setObjectName(u"uploadMenu"_s);
    menu->addActions(actions);
    delete m_uploadButton->menu();
    m_uploadButton->setMenu(menu);
    m_uploadButton->setDefaultAction(actions.constFirst());
    // The button names the command; the menu lists the kinds.
    m_uploadButton->setText(tr("Upload"));
    m_uploadButton->setToolTip(tr("Upload files to the folder shown; the arrow offers more"));
    m_uploadButton->show();
}

void BrowserPage::setSort(CatalogSort key, Qt::SortOrder order)
{
    if (key == m_assets->sortKey() && order == m_assets->sortOrder()) {
        updateSortControls();
        return;
    }
    m_assets->setSort(key, order); // resets the model: updateSortControls() follows
}

CatalogSort BrowserPage::sortKey() const
{
    return m_assets->sortKey();
}

Qt::SortOrder BrowserPage::sortOrder() const
{
    return m_assets->sortOrder();
}

void BrowserPage::updateSortControls()
{
    if (m_sortMenu == nullptr)
        return;
    const CatalogSort key = m_assets->sortKey();
    const Qt::SortOrder order = m_assets->sortOrder();
    QString keyName;
    for (QAction *action : m_sortKeys->actions()) {
        const bool on = CatalogSort(action->data().toInt()) == key;
        action->setChecked(on);
        if (on)
            keyName = action->text().remove(u'&');
    }
    for (QAction *action : m_sortOrders->actions())
        action->setChecked(Qt::SortOrder(action->data().toInt()) == order);
    const QString arrow = order == Qt::AscendingOrder ? u"↑"_s : u"↓"_s;
    m_sortButton->setText(tr("%1 %2", "sort key, arrow").arg(keyName, arrow));
    m_sortButton->setToolTip(
        tr("Sorted by %1, %2 — choose the order")
            .arg(keyName, order == Qt::AscendingOrder ? tr("ascending") : tr("descending")));
    const std::pair<CatalogSort, Qt::SortOrder> now {key, order};
    if (m_announcedSort != now) {
        const bool first = !m_announcedSort.has_value();
        m_announcedSort = now;
        if (!first)
            Q_EMIT sortChanged(key, order);
    }
}

void BrowserPage::setUpMenuActions()
{
    using Command = BrowserCommands::Command;
    // Select All where the assets have the keyboard (Ctrl+A in the search box selects its text).
    m_selectAllAction = new QAction(tr("Select &All"), this);
    m_selectAllAction->setObjectName(u"selectAllAction"_s);
    m_selectAllAction->setShortcut(QKeySequence::SelectAll);
    m_selectAllAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_selectAllAction, &QAction::triggered, this, [this] {
        currentView()->selectAll();
        currentView()->setFocus(Qt::ShortcutFocusReason);
    });
    for (QAbstractItemView *view : assetViews())
        view->addAction(m_selectAllAction);

    m_findAction = new QAction(tr("&Find…"), this);
    m_findAction->setObjectName(u"findAction"_s);
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_findAction);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_ui->searchEdit->setFocus(Qt::ShortcutFocusReason);
        m_ui->searchEdit->selectAll();
    });

    // Copy URL takes the standard Copy keys in the asset views (the old Ctrl+Shift+C still works).
    QAction *copy = m_commands->action(Command::CopyUrl);
    copy->setShortcuts({QKeySequence(QKeySequence::Copy), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)});

    // Select All makes sense only where there is something to select.
    const auto updateSelectAll = [this] {
        m_selectAllAction->setEnabled(m_assets->rowCount() > 0);
    };
    connect(m_assets, &QAbstractItemModel::modelReset, this, updateSelectAll);
    connect(m_assets, &QAbstractItemModel::rowsInserted, this, updateSelectAll);
    updateSelectAll();

    const auto separator = [this] {
        auto *action = new QAction(this);
        action->setSeparator(true);
        m_separators.append(action);
        return action;
    };
    // Made once, so that the lists editActions() and viewActions() hand out are the same objects.
    separator();
    separator();
    separator();
    separator();
}

QList<QAction *> BrowserPage::editActions() const
{
    using Command = BrowserCommands::Command;
    return {m_selectAllAction,
            m_separators.at(0),
            m_commands->action(Command::CopyUrl),
            m_commands->action(Command::Rename),
            m_commands->action(Command::Delete),
            m_separators.at(1),
            m_findAction};
}

QList<QAction *> BrowserPage::viewActions() const
{
    QList<QAction *> actions = m_viewModes->actions();
    actions << m_separators.at(2) << m_sortMenu->menuAction() << m_zoomInAction << m_zoomOutAction
            << m_separators.at(3) << m_detailsAction;
    return actions;
}

void BrowserPage::setUpContextMenuKeys()
{
    // Shift+F10 and the Menu key open the context menu of the current item, in every view and the
    // tree (Qt sends a context menu event for the Menu key only on some platforms, never for Shift+F10).
    const QList<QKeySequence> keys {QKeySequence(Qt::SHIFT | Qt::Key_F10), QKeySequence(Qt::Key_Menu)};
    QList<QAbstractItemView *> views = assetViews();
    views.append(m_ui->folderView);
    for (QAbstractItemView *view : std::as_const(views)) {
        auto *action = new QAction(tr("Open Context Menu"), view);
        action->setObjectName(u"contextMenuAction"_s);
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WidgetShortcut);
        view->addAction(action);
        connect(action, &QAction::triggered, this, [this, view] { showContextMenuForCurrent(view); });
    }
}

void BrowserPage::showContextMenuForCurrent(QAbstractItemView *view)
{
    QModelIndex current = view->currentIndex();
    if (!current.isValid() && view != m_ui->folderView) {
        const QModelIndexList selected = view->selectionModel()->selectedIndexes();
        if (!selected.isEmpty())
            current = selected.constFirst();
    }
    QPoint position;
    if (current.isValid()) {
        view->scrollTo(current);
        const QRect rect = view->visualRect(current);
        // Just inside the cell's top left, as file managers open it, so the menu never hides the cell.
        position = rect.topLeft() + QPoint(std::min(rect.width() / 2, 24), std::min(rect.height() / 2, 16));
    } else {
        position = view->viewport()->rect().center();
    }
    if (view == m_ui->folderView)
        showFolderMenu(position);
    else
        showAssetMenu(view, position);
}

} // namespace stratus::gui
