#pragma once

#include <QFrame>
#include <QToolButton>

class QLineEdit;
class QTreeWidget;

namespace stratus::core {
class AccountStore;
}

namespace stratus::gui {

/// The quick switcher: a popup listing the environments of logged-in accounts, grouped by account,
/// with a filter line that matches environment names, cloud names and account labels as you type.
/// Enter opens the highlighted environment, Escape closes.
class EnvironmentSwitcherPopup : public QFrame
{
    Q_OBJECT

public:
    EnvironmentSwitcherPopup(core::AccountStore *store, QWidget *parent = nullptr);

    /// Shows the popup below `anchor` (or centred on the parent window), filter cleared and focused.
    void popup(QWidget *anchor, const QString &currentId);
    [[nodiscard]] QLineEdit *filterEdit() const { return m_filter; }
    [[nodiscard]] QTreeWidget *tree() const { return m_tree; }

Q_SIGNALS:
    void environmentChosen(const QString &environmentId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuild(const QString &currentId);
    void applyFilter(const QString &text);
    void chooseCurrent();

    core::AccountStore *m_store;
    QLineEdit *m_filter;
    QTreeWidget *m_tree;
};

/// The toolbar button that shows the current environment and opens the switcher popup.
class EnvironmentSwitcherButton : public QToolButton
{
    Q_OBJECT

public:
    EnvironmentSwitcherButton(core::AccountStore *store, QWidget *parent = nullptr);

    void setCurrent(const QString &environmentId);
    [[nodiscard]] EnvironmentSwitcherPopup *popupWidget() const { return m_popup; }
    /// Opens the popup (the button's click and the switcher shortcut).
    void openPopup();

Q_SIGNALS:
    void environmentChosen(const QString &environmentId);

private:
    void updateText();

    core::AccountStore *m_store;
    EnvironmentSwitcherPopup *m_popup;
    QString m_currentId;
};

} // namespace stratus::gui
