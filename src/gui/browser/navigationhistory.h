#pragma once

#include <QString>
#include <QStringList>

namespace stratus::gui {

/// The folders a browser has shown, for Back and Forward as in a file manager: visiting a folder
/// forgets what was ahead; going back and forward moves through the rest without changing it. Each
/// browser (so each environment) keeps its own. A value; GUI thread only.
class NavigationHistory
{
public:
    /// The folder shown first ("" is Home).
    explicit NavigationHistory(const QString &start = QString())
        : m_current(start)
    {
    }

    /// @p folder is shown now: what was ahead is forgotten. Visiting the current folder again
    /// changes nothing.
    void visit(const QString &folder);
    [[nodiscard]] bool canGoBack() const { return !m_back.isEmpty(); }
    [[nodiscard]] bool canGoForward() const { return !m_forward.isEmpty(); }
    /// Steps back and returns the folder now current (the current one when there is none).
    QString back();
    /// Steps forward and returns the folder now current (the current one when there is none).
    QString forward();
    [[nodiscard]] QString current() const { return m_current; }
    /// The previous folders, the nearest last, and the next ones, the nearest first.
    [[nodiscard]] QStringList backList() const { return m_back; }
    [[nodiscard]] QStringList forwardList() const { return m_forward; }

    /// How many steps each way are kept; older ones are dropped.
    static constexpr int kLimit = 100;

private:
    QStringList m_back;
    QStringList m_forward;
    QString m_current;
};

} // namespace stratus::gui
