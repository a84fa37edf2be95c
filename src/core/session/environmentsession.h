#pragma once

#include "core/accounts/accounts.h"
#include "core/accounts/environmentcheck.h"

#include "core/api/apicontext.h"
#include "core/catalog/catalog.h"
#include "core/catalog/catalogsync.h"
#include "core/net/ratelimitbudget.h"
#include "core/transfers/uploadqueue.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

#include <memory>
#include <optional>

namespace stratus::core {

class AccountStore;
namespace transfers {
class UploadJournal;
}

/// What the app keeps for one product environment while it runs: its Admin API budget, whether it
/// answers, and what its credentials may do, its catalogue and its upload queue. One per environment
/// that was opened; kept when the user switches away, so coming back is instant. Its files are where
/// the store's StorageLayout says, and it holds the catalogue and the journal open until it is
/// destroyed: whoever owns it destroys it before the store deletes those files (log out, removal).
/// GUI thread only.
class EnvironmentSession : public QObject
{
    Q_OBJECT
public:
    enum class Connection {
        Unknown, ///< not tested in this run yet
        Checking,
        Online,
        Offline, ///< no network, proxy, TLS, server error: the catalogue still works
        Refused, ///< wrong credentials or unknown cloud
        Starting, ///< the embedded sandbox is still starting
    };
    Q_ENUM(Connection)

    EnvironmentSession(AccountStore *store, QString environmentId, QNetworkAccessManager *network,
                       QObject *parent = nullptr);
    ~EnvironmentSession() override;

    [[nodiscard]] const QString &environmentId() const { return m_environmentId; }
    /// The store the environment lives in; null once it is gone.
    [[nodiscard]] AccountStore *store() const;
    [[nodiscard]] EnvironmentRecord record() const;
    [[nodiscard]] RateLimitBudget *budget() { return &m_budget; }
    [[nodiscard]] const RateLimitBudget *budget() const { return &m_budget; }
    [[nodiscard]] Connection connection() const { return m_connection; }
    /// The last problem (CheckProblem::None while online), the error behind it (for
    /// words::ErrorWords), and the server's or the system's words in it.
    [[nodiscard]] CheckProblem problem() const { return m_problem; }
    [[nodiscard]] const std::optional<Error> &problemError() const { return m_problemError; }
    [[nodiscard]] QString problemDetail() const
    {
        return m_problemError ? m_problemError->message : QString();
    }
    [[nodiscard]] const std::optional<Usage> &usage() const { return m_usage; }
    /// Whether a feature may be used; false after a 401/403 for it, with the reason in deniedFeatures().
    [[nodiscard]] bool isAllowed(QLatin1StringView feature) const;

    /// The URL (no secret) to call and deliver from; empty while the Local sandbox starts.
    [[nodiscard]] CloudinaryUrl effectiveUrl() const;
    /// The API context to call the environment with (endpoint, keychain secret, this budget).
    [[nodiscard]] Result<ApiContext> apiContext() const;

    /// Tests the connection (ping, config, usage) and stores what it learnt. Does nothing while a
    /// test runs.
    void refresh();
    /// Records that the server refused `feature` (401/403) with `message`; the rest keeps working.
    void markDenied(QLatin1StringView feature, const QString &message);

    [[nodiscard]] QNetworkAccessManager *network() const { return m_network; }
    /// Where the browser keeps this environment's thumbnails (the store's StorageLayout); deleted
    /// with the environment's other files at log out and removal. Empty once the store is gone.
    [[nodiscard]] QString thumbnailCacheDirectory() const;

    /// The environment's local catalogue (StorageLayout::catalogFile), opened on first use; null
    /// when it cannot be opened (catalogError() says why).
    [[nodiscard]] catalog::Catalog *catalog();
    [[nodiscard]] const std::optional<Error> &catalogError() const { return m_catalogError; }
    /// Brings the catalogue up to date through the Search API (the first time a full sync, later
    /// incremental). Runs by itself after every successful connection test. Does nothing while a
    /// sync runs.
    void syncCatalog();
    [[nodiscard]] bool isSyncing() const { return m_sync != nullptr; }
    /// Assets fetched and expected by the running sync (expected -1 until known).
    [[nodiscard]] std::pair<qint64, qint64> syncProgress() const { return m_syncProgress; }
    /// When the running sync waits for the Admin API budget to reset; invalid otherwise.
    [[nodiscard]] const QDateTime &syncPausedUntil() const { return m_syncPausedUntil; }
    [[nodiscard]] const std::optional<Error> &lastSyncError() const { return m_lastSyncError; }
    /// What was wrong with the catalogue file when it was last found damaged and rebuilt (when it
    /// was opened, or by the sync); empty otherwise, and again once a later sync starts.
    [[nodiscard]] const QString &catalogDamage() const { return m_catalogDamage; }

    /// The environment's upload queue over its journal (StorageLayout::uploadJournalFile), made on first
    /// use; null when it cannot be made yet (uploadsError() says why: no API context while the
    /// Local sandbox starts, or the journal cannot be opened). Uploads write through to catalog().
    [[nodiscard]] upload::UploadQueue *uploads();
    /// The queue if uploads() made it already; never makes one.
    [[nodiscard]] upload::UploadQueue *uploadsIfMade() const { return m_uploads.get(); }
    [[nodiscard]] const std::optional<Error> &uploadsError() const { return m_uploadsError; }
    /// Applied to the queue now and when it is made (parallel transfers from the settings).
    void setUploadSettings(const upload::UploadQueueSettings &settings);
    /// The first time the environment answers in this run, files a previous run left unfinished
    /// (the app was closed or killed mid-transfer) are taken up again; also callable by hand.
    /// How many were resumed.
    int resumeUploads();
    /// While uploads wait for an environment that does not answer, how long between checks whether
    /// it answers again (default 15 s).
    void setReconnectInterval(std::chrono::milliseconds interval);

Q_SIGNALS:
    /// The upload queue was made (uploads() is no longer null).
    void uploadsReady();
    void changed();
    /// A sync finished (successfully or not); the catalogue may hold new data.
    void catalogSynced();

private:
    void setConnection(Connection connection, CheckProblem problem = CheckProblem::None,
                       std::optional<Error> error = std::nullopt);
    void watchForConnection();

    QPointer<AccountStore> m_store;
    QString m_environmentId;
    QPointer<QNetworkAccessManager> m_network;
    mutable RateLimitBudget m_budget; // jobs made from a const apiContext() still count
    Connection m_connection = Connection::Unknown;
    CheckProblem m_problem = CheckProblem::None;
    std::optional<Error> m_problemError;
    std::optional<Usage> m_usage;
    QPointer<EnvironmentCheck> m_check;
    std::unique_ptr<catalog::Catalog> m_catalog;
    std::optional<Error> m_catalogError;
    QPointer<catalog::CatalogSync> m_sync;
    std::pair<qint64, qint64> m_syncProgress {0, -1};
    QDateTime m_syncPausedUntil;
    std::optional<Error> m_lastSyncError;
    QString m_catalogDamage;
    std::unique_ptr<upload::UploadJournal> m_journal;
    std::unique_ptr<upload::UploadQueue> m_uploads;
    std::optional<upload::UploadQueueSettings> m_uploadSettings;
    std::optional<Error> m_uploadsError;
    bool m_uploadsResumed = false;
    QTimer m_reconnect;
};

} // namespace stratus::core
