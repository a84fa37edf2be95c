#pragma once

#include "gui/shell/page.h"

#include <QPointer>

#include <memory>

namespace Ui {
class OverviewView;
}

namespace stratus::core {
class AccountStore;
class EnvironmentSession;
struct EnvironmentRecord;
struct Usage;
} // namespace stratus::core

namespace stratus::gui {

/// The Overview view of an environment page: what Stratus knows about the environment, all of it
/// from the session, the account store and the local catalogue (no API calls of its own) — account,
/// cloud name and API key, folder mode, connection, the catalogue's assets by kind and its size on
/// disk, the last sync, plan usage (when the usage report was read) and the Admin API budget as bars
/// against their limits (UsageMeter: what is at 80 % or more stands out), the plan's media limits,
/// and what the credentials may not do — and a Test Connection button. Read again whenever the session
/// changes or a sync ends, while it is shown.
///
/// Owned by its environment page; the session and the store must outlive it. GUI thread only.
class OverviewView : public Page
{
    Q_OBJECT

public:
    OverviewView(core::EnvironmentSession *session, const core::AccountStore *store,
                 QWidget *parent = nullptr);
    ~OverviewView() override;

    [[nodiscard]] QString title() const override;

    /// Reads everything again (the environment page calls it while the view is shown).
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;

private:
    [[nodiscard]] static QString catalogText(core::EnvironmentSession &session);
    [[nodiscard]] static QString lastSyncText(core::EnvironmentSession &session);
    [[nodiscard]] static QString usageText(const core::EnvironmentSession &session);
    [[nodiscard]] static QString mediaLimitsText(const core::Usage &usage);
    void showUsageMeters(const core::EnvironmentSession &session);
    void showBudgetMeter(const core::EnvironmentSession &session);
    [[nodiscard]] static QString deniedText(const core::EnvironmentRecord &env);

    std::unique_ptr<Ui::OverviewView> m_ui;
    QList<QPointer<QWidget>> m_meters; ///< made at the last refresh
    QPointer<core::EnvironmentSession> m_session;
    const core::AccountStore *m_store;
};

} // namespace stratus::gui
