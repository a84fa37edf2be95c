#pragma once

#include "job.h"
#include "ratelimitbudget.h"
#include "retrypolicy.h"

#include <QByteArray>
#include <QDateTime>
#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

class QNetworkReply;

namespace stratus::core {

class Clock;
class SecretSource;
struct HttpReply;

/// One HTTP call to a Cloudinary API, with everything that is the same for all of them: the
/// User-Agent and Basic or Bearer auth (added here and nowhere else), the credential fetched from a
/// SecretSource (an API secret or an OAuth access token, CredentialKind; a token refused with 401
/// is renewed once through SecretSource::renew() and the request sent again), retries with back-off, the
/// stall timeout, rate-limit waits and budget bookkeeping, error mapping (HttpReply → Error), logging under
/// `stratus.core.net`.
///
/// Subclasses only build the request (buildRequest(), called again for every attempt, so a
/// signature gets a fresh timestamp and a file body is reopened) and read a successful reply
/// (parseReply()).
///
/// The QNetworkAccessManager is injected and not owned (the composition root owns it; tests pass
/// a fake). TLS errors are never ignored. Redirects are not followed, so credentials never leave
/// for another host. Lives in the thread of its QNetworkAccessManager.
class NetworkJob : public Job
{
    Q_OBJECT

public:
    enum class Authentication {
        None, ///< no credentials (unsigned uploads)
        Basic, ///< `Authorization: Basic key:secret` (Admin, Search, Provisioning)
        Signature, ///< the subclass signs the parameters with the secret (Upload API)
    };

    ~NetworkJob() override;

    void setRetryPolicy(const RetryPolicy &policy) { m_policy = policy; }
    [[nodiscard]] const RetryPolicy &retryPolicy() const { return m_policy; }

    /// The environment's Admin API budget: updated from every reply; a spent budget makes the job
    /// wait for its reset before sending. Not owned; may be null.
    void setRateLimitBudget(RateLimitBudget *budget) { m_budget = budget; }

    /// The source of "now" for rate-limit waits and signatures. Not owned; must outlive the job.
    /// Default: the system clock.
    void setClock(const Clock *clock);

    void setCredentials(QString apiKey, std::shared_ptr<const SecretSource> secret, Authentication how);

    /// Requests sent so far (1 after a first attempt, more after retries).
    [[nodiscard]] int attempts() const { return m_attempts; }
    /// HTTP status and `X-Request-Id` of the last answer (0 / empty before one arrived).
    [[nodiscard]] int httpStatus() const { return m_lastStatus; }
    [[nodiscard]] QByteArray requestId() const { return m_lastRequestId; }

Q_SIGNALS:
    /// A retryable failure happened; attempt number `nextAttempt` starts in `delayMs`.
    void retryScheduled(int nextAttempt, qint64 delayMs, const stratus::core::Error &reason);
    /// The Admin API budget is spent; the job sends again at `until` (UTC).
    void waitingForRateLimit(const QDateTime &until);

protected:
    NetworkJob(QNetworkAccessManager *network, QObject *parent);

    struct Attempt
    {
        int number = 1;
        QString apiKey;
        QString secret; ///< the API secret for Signature jobs; empty otherwise
        /// The credential is an OAuth access token: it goes as `Authorization: Bearer` (added by the
        /// job), and a Signature job sends its parameters unsigned, without api_key.
        bool bearer = false;
    };

    /// One request, as a subclass builds it. A body is either `body` (with `hasBody`) or
    /// `multiPart`, never both; the job owns the multipart from here on.
    struct Outgoing
    {
        QByteArray verb = "GET";
        QNetworkRequest request;
        QByteArray body;
        bool hasBody = false;
        std::unique_ptr<QHttpMultiPart> multiPart;
    };

    /// Builds the request of one attempt. An Error ends the job (not retried).
    virtual Result<Outgoing> buildRequest(const Attempt &attempt) = 0;
    /// Reads a 2xx answer; an Error ends the job (not retried).
    virtual std::optional<Error> parseReply(const HttpReply &reply) = 0;
    /// Bytes of the current attempt's answer arrived: a subclass that streams a large body (a
    /// download to disk) reads them here; what it leaves is in HttpReply::body at the end.
    virtual void readAvailable(QNetworkReply &reply) { Q_UNUSED(reply); }
    /// A failed answer became @p error (before retrying is decided): a subclass may add what the
    /// answer says in a way of its own (a delivery URL's X-Cld-Error header).
    virtual void describeFailure(const HttpReply &reply, Error &error)
    {
        Q_UNUSED(reply);
        Q_UNUSED(error);
    }

    /// Sends uploadProgress() for this job's request bodies.
    void setReportsUploadProgress(bool report) { m_reportUploadProgress = report; }

    [[nodiscard]] const Clock &clock() const { return *m_clock; }
    [[nodiscard]] QDateTime now() const;

    void run() override;
    void abort() override;
    void cleanup() override;

private:
    void proceed();
    void sendAttempt();
    std::optional<Error> addIdentityAndCredentials(QNetworkRequest &request);
    QNetworkReply *send(Outgoing &outgoing);
    void watchReply(QNetworkReply *reply);
    void onReplyFinished();
    void onStalled();
    void onTransferProgress();
    void handleFailure(Error error);
    void scheduleSend(qint64 delayMs);
    void dropReply();
    void wipeSecret();
    /// A 401 answered a request with an access token: renew it once and send again.
    bool renewRejectedToken();
    [[nodiscard]] bool usesBearer() const;

    QPointer<QNetworkAccessManager> m_network;
    QPointer<QNetworkReply> m_reply;
    QPointer<RateLimitBudget> m_budget;
    const Clock *m_clock;
    std::shared_ptr<const SecretSource> m_secretSource;
    Authentication m_authentication = Authentication::None;
    QString m_apiKey;
    QString m_secret;
    bool m_tokenRenewed = false; ///< an access token was renewed once already for this job

    RetryPolicy m_policy;
    QTimer m_waitTimer;
    QTimer m_stallTimer;
    bool m_lowDelaySet = false; ///< lowerTcpDelay() ran for this job

    int m_attempts = 0;
    int m_transientFailures = 0;
    int m_rateLimitWaits = 0;
    int m_lastStatus = 0;
    QByteArray m_lastRequestId;
    QByteArray m_verb;
    QString m_logUrl;
    bool m_reportUploadProgress = false;
};

} // namespace stratus::core
