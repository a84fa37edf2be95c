#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;

#include "core/accounts/environmentsession.h"

namespace stratus::gui {

/// The page of one product environment. Each environment that was opened keeps its own page (and
/// so its own state) for the whole run; the main window only swaps which one is shown. For now it
/// shows what Stratus knows about the environment: folder mode, connection, plan usage, the Admin
/// API budget and what the credentials may not do; the asset browser moves in here next.
class EnvironmentPage : public QWidget
{
    Q_OBJECT

public:
    explicit EnvironmentPage(core::EnvironmentSession *session, QWidget *parent = nullptr);

    [[nodiscard]] core::EnvironmentSession *session() const { return m_session; }

    /// Short words for the status bar and the page.
    [[nodiscard]] static QString connectionText(const core::EnvironmentSession &session);
    [[nodiscard]] static QString folderModeText(int folderMode);
    [[nodiscard]] static QString budgetText(const core::EnvironmentSession &session);

Q_SIGNALS:
    /// The local sandbox's welcome asks to add a real account.
    void addAccountRequested();

private:
    void refresh();
    static QString problemText(core::CheckProblem problem);
    static QString usageLine(const QString &what, const core::UsageMetric &metric, bool bytes);

    QPointer<core::EnvironmentSession> m_session;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QWidget *m_welcome = nullptr;
    QLabel *m_folderMode = nullptr;
    QLabel *m_connection = nullptr;
    QLabel *m_usage = nullptr;
    QLabel *m_budget = nullptr;
    QLabel *m_denied = nullptr;
    QPushButton *m_testButton = nullptr;
};

} // namespace stratus::gui
