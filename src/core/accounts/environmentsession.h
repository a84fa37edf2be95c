#pragma once

#include "accounts.h"
#include "environmentcheck.h"

#include "core/api/apicontext.h"
#include "core/net/ratelimitbudget.h"

#include <QObject>
#include <QPointer>

namespace stratus::core {

class AccountStore;

/// What the app keeps for one product environment while it runs: its Admin API budget, whether it
/// answers, and what its credentials may do. One per environment that was opened; kept when the
/// user switches away, so coming back is instant. GUI thread only.
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

    [[nodiscard]] const QString &environmentId() const { return m_environmentId; }
    [[nodiscard]] EnvironmentRecord record() const;
    [[nodiscard]] RateLimitBudget *budget() { return &m_budget; }
    [[nodiscard]] const RateLimitBudget *budget() const { return &m_budget; }
    [[nodiscard]] Connection connection() const { return m_connection; }
    /// The last problem (CheckProblem::None while online) and the server's or the system's words.
    [[nodiscard]] CheckProblem problem() const { return m_problem; }
    [[nodiscard]] const QString &problemDetail() const { return m_problemDetail; }
    [[nodiscard]] const std::optional<Usage> &usage() const { return m_usage; }
    /// Whether a feature may be used; false after a 401/403 for it, with the reason in deniedFeatures().
    [[nodiscard]] bool isAllowed(QLatin1StringView feature) const;

    /// The API context to call the environment with (endpoint, keychain secret, this budget).
    [[nodiscard]] Result<ApiContext> apiContext() const;

    /// Tests the connection (ping, config, usage) and stores what it learnt. Does nothing while a
    /// test runs.
    void refresh();
    /// Records that the server refused `feature` (401/403) with `message`; the rest keeps working.
    void markDenied(QLatin1StringView feature, const QString &message);

Q_SIGNALS:
    void changed();

private:
    void setConnection(Connection connection, CheckProblem problem = CheckProblem::None, QString detail = {});

    QPointer<AccountStore> m_store;
    QString m_environmentId;
    QPointer<QNetworkAccessManager> m_network;
    mutable RateLimitBudget m_budget; // jobs made from a const apiContext() still count
    Connection m_connection = Connection::Unknown;
    CheckProblem m_problem = CheckProblem::None;
    QString m_problemDetail;
    std::optional<Usage> m_usage;
    QPointer<EnvironmentCheck> m_check;
};

} // namespace stratus::core
