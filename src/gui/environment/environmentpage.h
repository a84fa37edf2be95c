#pragma once

#include <QPointer>
#include <QWidget>

#include <memory>

namespace Ui {
class EnvironmentPage;
}

namespace stratus::core {
class DiskCache;
}

#include "core/accounts/environmentsession.h"
#include "words/errorwords.h"

namespace stratus::gui {

class ErrorBanner;
class Preferences;

/// The page of one product environment. Each environment that was opened keeps its own page (and
/// so its own state) for the whole run; the main window only swaps which one is shown. For now it
/// shows what Stratus knows about the environment: folder mode, connection, plan usage, the Admin
/// API budget and what the credentials may not do, and the asset browser. Its thumbnail cache
/// follows the size in `preferences` (which must outlive the page) while it is open.
class EnvironmentPage : public QWidget
{
    Q_OBJECT

public:
    EnvironmentPage(core::EnvironmentSession *session, const Preferences *preferences,
                    QWidget *parent = nullptr);
    ~EnvironmentPage() override;

    [[nodiscard]] core::EnvironmentSession *session() const { return m_session; }

    /// Short words for the status bar and the page.
    [[nodiscard]] static QString connectionText(const core::EnvironmentSession &session);
    [[nodiscard]] static QString folderModeText(int folderMode);
    [[nodiscard]] static QString budgetText(const core::EnvironmentSession &session);
    /// "Syncing 1,200 of 5,000 assets", "Catalogue up to date", "Sync paused until 14:00"…
    [[nodiscard]] static QString syncText(const core::EnvironmentSession &session);

    /// The asset browser of this environment; null when its catalogue cannot be opened.
    [[nodiscard]] class BrowserPage *browser() const { return m_browser; }

Q_SIGNALS:
    /// The local sandbox's welcome asks to add a real account.
    void addAccountRequested();
    /// Files from the file manager were dropped on a folder of the browser: to upload there.
    void filesDropped(const QStringList &paths, const QString &folder);
    /// The person chose "Open Settings…" for this environment's error (a proxy, the network); offered
    /// only while something is connected to it.
    void settingsRequested();

private:
    void refresh();
    /// The connection's or the last sync's error in the banner, with its remedy; nothing when fine.
    void showProblem(const core::EnvironmentSession &session);
    void applyRemedy(words::Remedy remedy);
    /// Asks for the API secret again and stores it, then tests the connection.
    void reenterSecret();
    static QString problemText(core::CheckProblem problem);
    static QString usageLine(const QString &what, const core::UsageMetric &metric, bool bytes);

    void createBrowser(const Preferences *preferences);

    std::unique_ptr<Ui::EnvironmentPage> m_ui;
    QPointer<core::EnvironmentSession> m_session;
    std::unique_ptr<core::DiskCache> m_thumbnailCache;
    class BrowserPage *m_browser = nullptr;
    ErrorBanner *m_errorBanner = nullptr;
    bool m_bannerShowsSync = false; ///< the banner shows the last sync's error, not the connection's
};

} // namespace stratus::gui
