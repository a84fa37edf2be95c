#include "shortcutswindow.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stratus::gui {

using namespace Qt::StringLiterals;

namespace {

QString plain(QString text)
{
    // "&Delete…" → "Delete…", "&&" stays one ampersand.
    text.replace(u"&&"_s, QChar(0x1)).remove(u'&').replace(QChar(0x1), u'&');
    return text;
}

QString keysText(const QList<QKeySequence> &keys)
{
    QStringList shown;
    for (const QKeySequence &key : keys) {
        if (!key.isEmpty())
            shown.append(key.toString(QKeySequence::NativeText));
    }
    return shown.join(ShortcutsWindow::tr(", "));
}

void collectMenu(const QMenu *menu, const QString &title, QList<ShortcutsWindow::Group> *groups,
                 QSet<const QAction *> *seen)
{
    ShortcutsWindow::Group group {title, {}};
    QList<std::pair<const QMenu *, QString>> submenus;
    for (const QAction *action : menu->actions()) {
        if (action->isSeparator() || !action->isVisible() || action->text().isEmpty())
            continue;
        seen->insert(action);
        if (const QMenu *sub = action->menu()) {
            submenus.append({sub, ShortcutsWindow::tr("%1 › %2").arg(title, plain(action->text()))});
            continue;
        }
        group.entries.append({plain(action->text()), action->shortcuts()});
    }
    if (!group.entries.isEmpty())
        groups->append(group);
    for (const auto &[sub, subTitle] : std::as_const(submenus))
        collectMenu(sub, subTitle, groups, seen);
}

} // namespace

ShortcutsWindow::ShortcutsWindow(QWidget *parent)
    : QDialog(parent)
    , m_filter(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
{
    setObjectName(u"shortcutsWindow"_s);
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_filter->setObjectName(u"shortcutsFilter"_s);
    m_filter->setPlaceholderText(tr("Search commands and keys"));
    m_filter->setClearButtonEnabled(true);
    m_tree->setObjectName(u"shortcutsTree"_s);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Command"), tr("Keys")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setAccessibleName(tr("Keyboard shortcuts"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutsWindow::setFilter);
    resize(560, 640);
}

QList<ShortcutsWindow::Group> ShortcutsWindow::collect(const QMenuBar *menuBar, const QWidget *page)
{
    QList<Group> groups;
    QSet<const QAction *> seen;
    if (menuBar != nullptr) {
        for (const QAction *top : menuBar->actions()) {
            if (top->menu() != nullptr && top->isVisible())
                collectMenu(top->menu(), plain(top->text()), &groups, &seen);
        }
    }
    if (page != nullptr) {
        // Keys that work where the assets have the focus, which no menu lists (Preview on Space, the
        // context menu on Shift+F10 and the Menu key).
        Group others {tr("In the asset views"), {}};
        QSet<QString> listed;
        for (const QAction *action : page->findChildren<QAction *>()) {
            if (seen.contains(action) || action->shortcut().isEmpty() || action->text().isEmpty()
                || action->isSeparator())
                continue;
            const Entry entry {plain(action->text()), action->shortcuts()};
            const QString key = entry.command + keysText(entry.keys);
            if (listed.contains(key))
                continue; // one action per view, the same keys
            listed.insert(key);
            others.entries.append(entry);
        }
        if (!others.entries.isEmpty())
            groups.append(others);
    }
    return groups;
}

void ShortcutsWindow::setActions(const QList<Group> &groups)
{
    m_tree->clear();
    QFont bold = m_tree->font();
    bold.setBold(true);
    for (const Group &group : groups) {
        auto *heading = new QTreeWidgetItem(m_tree, {group.title});
        heading->setFont(0, bold);
        heading->setFirstColumnSpanned(true);
        heading->setFlags(Qt::ItemIsEnabled);
        for (const Entry &entry : group.entries)
            new QTreeWidgetItem(heading, {entry.command, keysText(entry.keys)});
        heading->setExpanded(true);
    }
    setFilter(m_filter->text());
}

void ShortcutsWindow::setFilter(const QString &text)
{
    const QString wanted = text.trimmed();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *heading = m_tree->topLevelItem(i);
        const bool headingMatches = heading->text(0).contains(wanted, Qt::CaseInsensitive);
        int shown = 0;
        for (int j = 0; j < heading->childCount(); ++j) {
            QTreeWidgetItem *item = heading->child(j);
            const bool match = wanted.isEmpty() || headingMatches
                || item->text(0).contains(wanted, Qt::CaseInsensitive)
                || item->text(1).contains(wanted, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        heading->setHidden(shown == 0);
    }
}

} // namespace stratus::gui
