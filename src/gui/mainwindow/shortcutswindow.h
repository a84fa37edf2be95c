#pragma once

#include <QDialog>
#include <QKeySequence>

class QLineEdit;
class QMenuBar;
class QTreeWidget;

namespace stratus::gui {

/// Help → Keyboard Shortcuts: every command of the menu bar and of the current page with its keys,
/// grouped by menu ("View › Sort"), filtered as you type. The list is read from the QActions
/// themselves (collect()) each time the window opens, so it cannot go stale; commands whose keys
/// work only in the asset views (Preview, the context menu) come in a group of their own.
///
/// Owned by the main window; GUI thread only.
class ShortcutsWindow : public QDialog
{
    Q_OBJECT

public:
    struct Entry
    {
        QString command; ///< the action's text without mnemonics
        QList<QKeySequence> keys; ///< may be empty: a command without keys is listed too
    };
    struct Group
    {
        QString title;
        QList<Entry> entries;
    };

    explicit ShortcutsWindow(QWidget *parent = nullptr);

    /// The commands of @p menuBar's menus (and their submenus), then the actions with keys found in
    /// @p page that no menu holds.
    [[nodiscard]] static QList<Group> collect(const QMenuBar *menuBar, const QWidget *page);

    void setActions(const QList<Group> &groups);
    /// Shows only the commands whose name or keys contain @p text (all when empty).
    void setFilter(const QString &text);

    [[nodiscard]] QTreeWidget *tree() const { return m_tree; }
    [[nodiscard]] QLineEdit *filterField() const { return m_filter; }

private:
    QLineEdit *m_filter;
    QTreeWidget *m_tree;
};

} // namespace stratus::gui
