#include "environmentswitcher.h"

#include "core/accounts/accountstore.h"
#include "gui/theme/symbolicicon.h"

#include <QApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QScreen>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stratus::gui {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
}

EnvironmentSwitcherPopup::EnvironmentSwitcherPopup(core::AccountStore *store, QWidget *parent)
    : QFrame(parent, Qt::Popup)
    , m_store(store)
    , m_filter(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("environmentSwitcherPopup"));
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_filter->setObjectName(QStringLiteral("switcherFilter"));
    m_filter->setPlaceholderText(tr("Type to filter environments"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    layout->addWidget(m_filter);
    m_tree->setObjectName(QStringLiteral("switcherTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setColumnCount(2);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    layout->addWidget(m_tree);

    connect(m_filter, &QLineEdit::textChanged, this, &EnvironmentSwitcherPopup::applyFilter);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (item && item->data(0, kIdRole).isValid())
            chooseCurrent();
    });
}

void EnvironmentSwitcherPopup::popup(QWidget *anchor, const QString &currentId)
{
    rebuild(currentId);
    m_filter->clear();
    // As tall as the list, up to a screenful of rows.
    int rows = 0;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        ++rows;
    const QTreeWidgetItem *first = m_tree->topLevelItem(0);
    const int rowHeight = first ? std::max(m_tree->visualItemRect(first).height(), fontMetrics().height() + 4)
                                : fontMetrics().height() + 4;
    const int margins = layout()->contentsMargins().top() + layout()->contentsMargins().bottom()
        + layout()->spacing() + 2 * m_tree->frameWidth() + 4;
    resize(420, std::min(420, m_filter->sizeHint().height() + margins + std::max(rows, 3) * rowHeight));
    QPoint position;
    if (anchor) {
        position = anchor->mapToGlobal(QPoint(0, anchor->height()));
    } else if (parentWidget()) {
        const QWidget *window = parentWidget()->window();
        position = window->mapToGlobal(QPoint((window->width() - width()) / 2, window->height() / 6));
    }
    move(position);
    show();
    m_filter->setFocus();
}

void EnvironmentSwitcherPopup::rebuild(const QString &currentId)
{
    m_tree->clear();
    QFont bold = m_tree->font();
    bold.setBold(true);
    int number = 0;
    for (const core::AccountRecord &account : m_store->accounts()) {
        if (!account.loggedIn)
            continue;
        const QList<core::EnvironmentRecord> environments = m_store->environmentsOf(account.id);
        if (environments.isEmpty())
            continue;
        auto *group = new QTreeWidgetItem(m_tree, {account.displayLabel()});
        group->setFont(0, bold);
        group->setFlags(Qt::ItemIsEnabled);
        group->setData(0, Qt::UserRole, account.displayLabel());
        for (const core::EnvironmentRecord &env : environments) {
            ++number;
            auto *item = new QTreeWidgetItem(
                group, {env.displayName(), number <= 9 ? tr("Ctrl+%1").arg(number) : QString()});
            item->setData(0, kIdRole, env.id);
            item->setData(0, Qt::UserRole, QString(env.displayName() + QLatin1Char(' ') + env.cloudName()));
            item->setToolTip(0,
                             env.embeddedSandbox ? tr("Local sandbox on this computer")
                                                 : tr("Cloud %1").arg(env.cloudName()));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            if (env.id == currentId)
                m_tree->setCurrentItem(item);
        }
    }
    m_tree->expandAll();
    if (!m_tree->currentItem())
        applyFilter(QString());
}

void EnvironmentSwitcherPopup::applyFilter(const QString &text)
{
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QTreeWidgetItem *firstVisible = nullptr;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *group = m_tree->topLevelItem(i);
        const QString account = group->data(0, Qt::UserRole).toString();
        bool anyVisible = false;
        for (int j = 0; j < group->childCount(); ++j) {
            QTreeWidgetItem *item = group->child(j);
            const QString haystack = account + QLatin1Char(' ') + item->data(0, Qt::UserRole).toString();
            const bool visible = std::all_of(words.cbegin(), words.cend(), [&](const QString &word) {
                return haystack.contains(word, Qt::CaseInsensitive);
            });
            item->setHidden(!visible);
            if (visible && !firstVisible)
                firstVisible = item;
            anyVisible = anyVisible || visible;
        }
        group->setHidden(!anyVisible);
    }
    QTreeWidgetItem *current = m_tree->currentItem();
    if (!current || current->isHidden() || !current->data(0, kIdRole).isValid())
        m_tree->setCurrentItem(firstVisible);
}

void EnvironmentSwitcherPopup::chooseCurrent()
{
    QTreeWidgetItem *item = m_tree->currentItem();
    if (!item || item->isHidden() || !item->data(0, kIdRole).isValid())
        return;
    const QString id = item->data(0, kIdRole).toString();
    hide();
    Q_EMIT environmentChosen(id);
}

bool EnvironmentSwitcherPopup::eventFilter(QObject *watched, QEvent *event)
{
    // The filter line keeps the focus; arrows move through the list, Enter chooses.
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Down:
        case Qt::Key_Up:
        case Qt::Key_PageDown:
        case Qt::Key_PageUp: {
            // Skip the account rows and the hidden ones.
            QTreeWidgetItem *item = m_tree->currentItem();
            const bool down = key->key() == Qt::Key_Down || key->key() == Qt::Key_PageDown;
            QList<QTreeWidgetItem *> selectable;
            for (QTreeWidgetItemIterator all(m_tree); *all; ++all) {
                if (!(*all)->isHidden() && (*all)->data(0, kIdRole).isValid()
                    && !((*all)->parent() && (*all)->parent()->isHidden()))
                    selectable.append(*all);
            }
            if (selectable.isEmpty())
                return true;
            qsizetype index = selectable.indexOf(item);
            index = index < 0 ? 0 : std::clamp<qsizetype>(index + (down ? 1 : -1), 0, selectable.size() - 1);
            m_tree->setCurrentItem(selectable.at(index));
            return true;
        }
        case Qt::Key_Return:
        case Qt::Key_Enter:
            chooseCurrent();
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

EnvironmentSwitcherButton::EnvironmentSwitcherButton(core::AccountStore *store, QWidget *parent)
    : QToolButton(parent)
    , m_store(store)
    , m_popup(new EnvironmentSwitcherPopup(store, this))
{
    setObjectName(QStringLiteral("environmentSwitcher"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setPopupMode(QToolButton::InstantPopup);
    setIcon(symbolicIcon(QStringLiteral(":/icons/environment.svg")));
    setToolTip(tr("Switch product environment (Ctrl+K)"));
    connect(this, &QToolButton::clicked, this, &EnvironmentSwitcherButton::openPopup);
    connect(m_popup, &EnvironmentSwitcherPopup::environmentChosen, this,
            &EnvironmentSwitcherButton::environmentChosen);
    connect(m_store, &core::AccountStore::changed, this, &EnvironmentSwitcherButton::updateText);
    updateText();
}

void EnvironmentSwitcherButton::setCurrent(const QString &environmentId)
{
    m_currentId = environmentId;
    updateText();
}

void EnvironmentSwitcherButton::openPopup()
{
    m_popup->popup(isVisible() ? this : nullptr, m_currentId);
}

void EnvironmentSwitcherButton::updateText()
{
    const core::EnvironmentRecord *env = m_store->environment(m_currentId);
    const core::AccountRecord *account = env ? m_store->account(env->accountId) : nullptr;
    if (!env || !account) {
        setText(tr("No environment"));
        return;
    }
    setText(account->label == env->name ? env->displayName()
                                        : tr("%1 › %2").arg(account->displayLabel(), env->displayName()));
}

} // namespace stratus::gui
