// BrowserPage's navigation and what narrows the listing: Back, Forward and Up, the path bar, the
// counts; the search and the filters with their scope, and what an empty listing says.
#include "browserpage.h"

#include "assetlistmodel.h"
#include "emptystate.h"
#include "facetbar.h"
#include "foldertreemodel.h"
#include "pathbar.h"
#include "scopebar.h"

#include "core/catalog/catalog.h"

#include "ui_browserpage.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QStyle>
#include <QTextEdit>
#include <QToolButton>
#include <QTreeView>

#include <limits>

using namespace Qt::StringLiterals;

namespace stratus::gui {

using core::catalog::CatalogQuery;

namespace {

/// Whether @p widget takes typed text, so that Backspace is its own.
bool editsText(const QWidget *widget)
{
    if (widget == nullptr)
        return false;
    if (const auto *line = qobject_cast<const QLineEdit *>(widget))
        return !line->isReadOnly();
    if (const auto *text = qobject_cast<const QTextEdit *>(widget))
        return !text->isReadOnly();
    if (const auto *plain = qobject_cast<const QPlainTextEdit *>(widget))
        return !plain->isReadOnly();
    if (const auto *combo = qobject_cast<const QComboBox *>(widget))
        return combo->isEditable();
    return qobject_cast<const QAbstractSpinBox *>(widget) != nullptr;
}

QString parentOf(const QString &folder)
{
    const qsizetype slash = folder.lastIndexOf(u'/');
    return slash < 0 ? QString() : folder.left(slash);
}

/// How a folder is named in sentences: its path, or Home.
QString folderName(const QString &folder)
{
    return folder.isEmpty() ? BrowserPage::tr("Home") : folder;
}

} // namespace

void BrowserPage::setUpNavigation()
{
    // Back, Forward, Up as in file managers (KDE's standard shortcuts; Backspace goes back unless a
    // text field takes it).
    const auto makeAction
        = [this](const QString &name, const QString &text, const QString &icon,
                 QStyle::StandardPixmap fallback, const QKeySequence &key, const QString &tip) {
              auto *action = new QAction(QIcon::fromTheme(icon, style()->standardIcon(fallback)), text, this);
              action->setObjectName(name);
              action->setShortcut(key);
              action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
              action->setToolTip(tip);
              addAction(action);
              return action;
          };
    const auto keys = [](const QList<QKeySequence> &sequences) {
        QStringList shown;
        for (const QKeySequence &key : sequences)
            shown.append(key.toString(QKeySequence::NativeText));
        return shown.join(tr(", "));
    };
    const QKeySequence back(Qt::ALT | Qt::Key_Left);
    const QKeySequence backspace(Qt::Key_Backspace);
    const QKeySequence forward(Qt::ALT | Qt::Key_Right);
    const QKeySequence up(Qt::ALT | Qt::Key_Up);
    m_backAction = makeAction(u"goBack"_s, tr("&Back"), u"go-previous"_s, QStyle::SP_ArrowBack, back,
                              tr("Back to the previous folder (%1)").arg(keys({back, backspace})));
    m_forwardAction = makeAction(u"goForward"_s, tr("&Forward"), u"go-next"_s, QStyle::SP_ArrowForward,
                                 forward, tr("Forward to the next folder (%1)").arg(keys({forward})));
    m_upAction = makeAction(u"goUp"_s, tr("&Up"), u"go-up"_s, QStyle::SP_ArrowUp, up,
                            tr("Up to the folder that holds this one (%1)").arg(keys({up})));
    connect(m_backAction, &QAction::triggered, this, &BrowserPage::goBack);
    // Backspace goes back too, unless the keyboard is in a field that takes text (those normally
    // keep the key themselves; this is for one that lets it through).
    auto *backspaceShortcut = new QShortcut(backspace, this);
    backspaceShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(backspaceShortcut, &QShortcut::activated, this, [this] {
        if (!editsText(QApplication::focusWidget()))
            goBack();
    });
    connect(m_forwardAction, &QAction::triggered, this, &BrowserPage::goForward);
    connect(m_upAction, &QAction::triggered, this, &BrowserPage::goUp);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(4, 4, 4, 0);
    row->setSpacing(2);
    for (QAction *action : {m_backAction, m_forwardAction, m_upAction}) {
        auto *button = new QToolButton(this);
        button->setObjectName(action->objectName() + u"Button"_s);
        button->setDefaultAction(action);
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
        button->setAccessibleName(action->text().remove(u'&'));
        row->addWidget(button);
    }
    m_pathBar = new PathBar(this);
    row->addSpacing(6);
    row->addWidget(m_pathBar, 1);
    m_ui->toolbarLayout->removeWidget(m_ui->countLabel);
    row->addWidget(m_ui->countLabel);
    m_ui->pageLayout->insertLayout(0, row);
    connect(m_pathBar, &PathBar::folderActivated, this, &BrowserPage::openFolder);
}

void BrowserPage::setUpScopeAndEmptyState()
{
    // The scope line under the filters; hidden while nothing narrows the folder.
    m_scopeBar = new ScopeBar(this);
    m_scopeBar->hide();
    m_ui->pageLayout->insertWidget(m_ui->pageLayout->indexOf(m_facets) + 1, m_scopeBar);
    connect(m_scopeBar, &ScopeBar::scopeChosen, this, &BrowserPage::setScope);
    connect(m_scopeBar, &ScopeBar::tagMatchChosen, m_facets, &FacetBar::setTagMatch);

    m_emptyState = new EmptyState(m_ui->gridView->viewport());
    m_emptyState->hide();
    connect(m_emptyState, &EmptyState::clearFiltersRequested, m_facets, &FacetBar::clear);
    connect(m_emptyState, &EmptyState::clearSearchRequested, this, &BrowserPage::clearSearch);
    connect(m_emptyState, &EmptyState::searchEverywhereRequested, this,
            [this] { setScope(ScopeBar::Scope::Everywhere); });
    connect(m_assets, &AssetListModel::loaded, this, &BrowserPage::updateEmptyState);
    connect(m_assets, &QAbstractItemModel::rowsInserted, this, &BrowserPage::updateEmptyState);
    for (QAbstractItemView *view : assetViews())
        view->viewport()->installEventFilter(this);
    // Esc in the search box clears it (and, when it is empty, hands the keyboard to the assets).
    m_ui->searchEdit->installEventFilter(this);
    m_ui->searchEdit->setToolTip(tr("Search names, tags and context in every folder; Esc clears"));
}

QLabel *BrowserPage::countLabel() const
{
    return m_ui->countLabel;
}

void BrowserPage::openFolder(const QString &folder)
{
    showFolder(folder);
    m_history.visit(folder);
    updateNavigation();
}

void BrowserPage::showFolder(const QString &folder)
{
    m_searchDebounce.stop();
    if (!m_ui->searchEdit->text().isEmpty()) {
        const QSignalBlocker blocker(m_ui->searchEdit);
        m_ui->searchEdit->clear();
    }
    // The filters belong to the folder they were chosen in: another folder opens whole.
    if (m_facets != nullptr && m_facets->hasFilters()) {
        const QSignalBlocker blocker(m_facets);
        m_facets->clear();
    }
    m_scopeChoice.reset();
    m_folder = folder;
    m_assets->setFolder(folder);
    selectFolderInTree(folder);
    m_pathBar->setPath(folder);
    updateScopeBar();
    Q_EMIT folderOpened(folder);
}

void BrowserPage::goBack()
{
    if (!m_history.canGoBack())
        return;
    showFolder(m_history.back());
    updateNavigation();
}

void BrowserPage::goForward()
{
    if (!m_history.canGoForward())
        return;
    showFolder(m_history.forward());
    updateNavigation();
}

void BrowserPage::goUp()
{
    if (m_folder.isEmpty())
        return;
    const QString child = m_folder;
    openFolder(parentOf(m_folder));
    // The folder we came from is the current cell, as in a file manager.
    QAbstractItemView *view = currentView();
    for (int row = 0; row < m_assets->folderRowCount(); ++row) {
        if (m_assets->index(row).data(AssetListModel::FolderPathRole).toString() == child) {
            view->selectionModel()->setCurrentIndex(view->model()->index(row, 0),
                                                    QItemSelectionModel::ClearAndSelect
                                                        | QItemSelectionModel::Rows);
            view->scrollTo(view->model()->index(row, 0));
            break;
        }
    }
}

void BrowserPage::updateNavigation()
{
    const auto names = [](const QStringList &folders) {
        QStringList named;
        for (const QString &folder : folders)
            named.append(folderName(folder));
        return named;
    };
    m_backAction->setEnabled(m_history.canGoBack());
    m_forwardAction->setEnabled(m_history.canGoForward());
    m_upAction->setEnabled(!m_folder.isEmpty());
    // What a step would open, for screen readers and the curious.
    const QStringList back = names(m_history.backList());
    const QStringList forward = names(m_history.forwardList());
    m_backAction->setStatusTip(back.isEmpty() ? QString() : tr("Back to %1").arg(back.constLast()));
    m_forwardAction->setStatusTip(forward.isEmpty() ? QString()
                                                    : tr("Forward to %1").arg(forward.constFirst()));
    m_upAction->setStatusTip(m_folder.isEmpty() ? QString()
                                                : tr("Up to %1").arg(folderName(parentOf(m_folder))));
}

void BrowserPage::updateCountLabel()
{
    const int total = int(std::min<qint64>(m_assets->totalAssets(), std::numeric_limits<int>::max()));
    const int folders = m_assets->folderRowCount();
    QString text;
    if (!m_assets->lastError().isEmpty())
        text = tr("The catalogue could not be read");
    else if (m_assets->isSearch())
        text = tr("%n result(s)", nullptr, total);
    else if (folders > 0)
        text = tr("%1 · %2", "folders · assets")
                   .arg(tr("%n folder(s)", nullptr, folders), tr("%n asset(s)", nullptr, total));
    else
        text = tr("%n asset(s)", nullptr, total);
    m_ui->countLabel->setText(text);
}

ScopeBar::Scope BrowserPage::scope() const
{
    if (m_scopeChoice)
        return *m_scopeChoice;
    return m_ui->searchEdit->text().trimmed().isEmpty() ? ScopeBar::Scope::Folder
                                                        : ScopeBar::Scope::Everywhere;
}

void BrowserPage::setScope(ScopeBar::Scope scope)
{
    m_scopeChoice = scope;
    applySearch();
}

CatalogQuery BrowserPage::scopeQuery() const
{
    CatalogQuery query;
    query.text = m_ui->searchEdit->text().trimmed();
    if (scope() == ScopeBar::Scope::Folder)
        query.folder = m_folder;
    return query;
}

void BrowserPage::applySearch()
{
    CatalogQuery query = scopeQuery();
    if (query.text.isEmpty() && !m_facets->hasFilters()) {
        // The folder as it is, with its sub-folders; a new search starts with the default scope.
        m_scopeChoice.reset();
        if (m_assets->isSearch())
            m_assets->setFolder(m_folder);
        updateScopeBar();
        return;
    }
    m_facets->applyTo(query);
    m_assets->setQuery(query);
    updateScopeBar();
}

void BrowserPage::clearSearch()
{
    m_searchDebounce.stop();
    {
        const QSignalBlocker blocker(m_ui->searchEdit);
        m_ui->searchEdit->clear();
    }
    applySearch();
}

void BrowserPage::updateScopeBar()
{
    if (m_scopeBar == nullptr)
        return;
    const QString text = m_ui->searchEdit->text().trimmed();
    const bool narrowed = m_assets->isSearch() && (!text.isEmpty() || m_facets->hasFilters());
    if (narrowed) {
        m_scopeBar->showState(!text.isEmpty(), scope(), m_folder, m_facets->chips(),
                              int(m_facets->tags().size()), m_facets->tagMatch());
    }
    m_scopeBar->setVisible(narrowed);
}

void BrowserPage::updateEmptyState()
{
    if (m_emptyState == nullptr)
        return;
    if (m_assets->rowCount() > 0) {
        m_emptyState->hide();
        return;
    }
    using Offer = EmptyState::Offer;
    const QString text = m_ui->searchEdit->text().trimmed();
    const bool filters = m_facets->hasFilters();
    const bool everywhere = scope() == ScopeBar::Scope::Everywhere;
    const QString where = folderName(m_folder);
    EmptyState::Offers offers;
    if (filters)
        offers |= Offer::OfferClearFilters;
    if (!everywhere)
        offers |= Offer::OfferEverywhere;
    if (!m_assets->lastError().isEmpty()) {
        m_emptyState->setMessage(u"dialog-error"_s, tr("The catalogue could not be read"),
                                 m_assets->lastError(), Offer::NoOffer);
    } else if (!m_assets->isSearch()) {
        if (m_folder.isEmpty())
            m_emptyState->setMessage(u"folder-open"_s, tr("No assets yet"),
                                     tr("Nothing has been uploaded to this environment, or the catalogue "
                                        "has not been synced yet. Drop files on Home in the folder tree to "
                                        "upload them."),
                                     Offer::NoOffer);
        else
            m_emptyState->setMessage(
                u"folder-open"_s, tr("This folder is empty"),
                tr("“%1” holds no assets and no folders. Files dropped on a folder of the tree are "
                   "uploaded there.")
                    .arg(where),
                Offer::NoOffer);
    } else if (!text.isEmpty()) {
        QString why;
        if (everywhere)
            why = filters ? tr("No asset in any folder matches these words and the filters.")
                          : tr("No asset in any folder matches these words. Check the spelling, or try "
                               "fewer or shorter words.");
        else
            why = filters
                ? tr("No asset in “%1” matches these words and the filters; other folders were "
                     "not searched.")
                      .arg(where)
                : tr("No asset in “%1” matches these words; other folders were not searched.").arg(where);
        m_emptyState->setMessage(u"edit-find"_s, tr("No results for “%1”").arg(text), why,
                                 offers | Offer::OfferClearSearch);
    } else {
        const QString why = everywhere
            ? tr("No asset in any folder matches the filters.")
            : tr("None of the assets directly in “%1” match the filters; its sub-folders were not "
                 "searched.")
                  .arg(where);
        m_emptyState->setMessage(u"edit-find"_s, tr("No assets match the filters"), why, offers);
    }
    placeEmptyState();
    m_emptyState->show();
}

void BrowserPage::placeEmptyState()
{
    if (m_emptyState == nullptr)
        return;
    QWidget *viewport = currentView()->viewport();
    if (m_emptyState->parentWidget() != viewport) {
        const bool shown = !m_emptyState->isHidden();
        m_emptyState->setParent(viewport);
        m_emptyState->setVisible(shown);
    }
    // In the middle of the view, a readable width, never wider than the view.
    const int width = std::min(viewport->width() - 16, std::max(360, viewport->width() / 2));
    const int height = m_emptyState->heightForWidth(width) > 0 ? m_emptyState->heightForWidth(width)
                                                               : m_emptyState->sizeHint().height();
    m_emptyState->setGeometry((viewport->width() - width) / 2, std::max(0, (viewport->height() - height) / 3),
                              width, height);
}

bool BrowserPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_ui->searchEdit
        && (event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride)) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape && key->modifiers() == Qt::NoModifier) {
            // Esc is the search box's while it holds words (no window shortcut takes it first).
            if (event->type() == QEvent::ShortcutOverride) {
                if (!m_ui->searchEdit->text().isEmpty())
                    event->accept();
                return false;
            }
            if (!m_ui->searchEdit->text().isEmpty())
                clearSearch();
            else
                currentView()->setFocus(Qt::ShortcutFocusReason);
            return true;
        }
    } else if (event->type() == QEvent::Resize && m_emptyState != nullptr
               && watched == m_emptyState->parentWidget()) {
        placeEmptyState();
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace stratus::gui
