#include "networkjob.h"
#include "lowdelay.h"

#include "core/signing/clock.h"
#include "httpreply.h"
#include "neterror.h"
#include "netlogging.h"
#include "ratelimitbudget.h"
#include "secretsource.h"
#include "transportsecurity.h"
#include "useragent.h"

#include "core/util/secretmemory.h"

#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSslError>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

const Clock &systemClock()
{
    static const SystemClock clock;
    return clock;
}

// What may be logged of a URL: scheme, host and path. Never the query (it can carry signed
// parameters) nor user info.
QString loggableUrl(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toDisplayString();
}

QString requestIdForLog(const QByteArray &requestId)
{
    return requestId.isEmpty() ? QString() : u"(request id %1)"_s.arg(QString::fromLatin1(requestId));
}

} // namespace

NetworkJob::NetworkJob(QNetworkAccessManager *network, QObject *parent)
    : Job(parent)
    , m_network(network)
    , m_clock(&systemClock())
    , m_waitTimer(this)
    , m_stallTimer(this)
{
    m_waitTimer.setSingleShot(true);
    m_stallTimer.setSingleShot(true);
    connect(&m_waitTimer, &QTimer::timeout, this, &NetworkJob::sendAttempt);
    connect(&m_stallTimer, &QTimer::timeout, this, &NetworkJob::onStalled);
}

NetworkJob::~NetworkJob()
{
    dropReply();
    wipeSecret();
}

void NetworkJob::setClock(const Clock *clock)
{
    m_clock = clock ? clock : &systemClock();
}

void NetworkJob::setCredentials(QString apiKey, std::shared_ptr<const SecretSource> secret,
                                Authentication how)
{
    m_apiKey = std::move(apiKey);
    m_secretSource = std::move(secret);
    m_authentication = how;
}

QDateTime NetworkJob::now() const
{
    return QDateTime::fromMSecsSinceEpoch(m_clock->currentMSecsSinceEpoch(), Qt::UTC);
}

void NetworkJob::run()
{
    if (m_authentication == Authentication::None) {
        proceed();
        return;
    }
    if (!m_secretSource) {
        finishWithError(Error::because(Error::Kind::Auth, ErrorReason::NoApiSecret));
        return;
    }
    // The source may answer later (keychain) or at once; either way the job goes on from here.
    m_secretSource->fetch(this, [this](Result<QString> secret) {
        if (state() != State::Running)
            return;
        if (!secret) {
            finishWithError(secret.error());
            return;
        }
        m_secret = std::move(secret).value();
        proceed();
    });
}

void NetworkJob::proceed()
{
    const QDateTime current = now();
    if (m_budget && m_policy.waitForRateLimit && m_budget->isExhausted(current)) {
        const qint64 wait = current.msecsTo(m_budget->resetAt()) + m_policy.rateLimitMargin.count();
        if (wait > m_policy.maxRateLimitWait.count()) {
            Error error = Error::because(Error::Kind::RateLimited, ErrorReason::AdminBudgetSpent);
            error.retryable = true;
            error.retryAfter = m_budget->resetAt();
            finishWithError(std::move(error));
            return;
        }
        qCInfo(lcNet) << "rate limit spent; waiting" << wait << "ms before sending";
        Q_EMIT waitingForRateLimit(m_budget->resetAt());
        scheduleSend(wait);
        return;
    }
    sendAttempt();
}

void NetworkJob::scheduleSend(qint64 delayMs)
{
    m_waitTimer.start(std::chrono::milliseconds(std::max<qint64>(0, delayMs)));
}

void NetworkJob::sendAttempt()
{
    if (state() != State::Running)
        return;
    if (!m_network) {
        finishWithError(Error::because(Error::Kind::Internal, ErrorReason::NetworkManagerGone));
        return;
    }
    ++m_attempts;
    const bool bearer = usesBearer();
    Result<Outgoing> built = buildRequest(
        Attempt {m_attempts, bearer ? QString() : m_apiKey,
                 m_authentication == Authentication::Signature && !bearer ? m_secret : QString(), bearer});
    if (!built) {
        finishWithError(built.error());
        return;
    }
    Outgoing outgoing = std::move(built).value();
    if (auto refused = addIdentityAndCredentials(outgoing.request)) {
        finishWithError(std::move(*refused));
        return;
    }

    m_verb = outgoing.verb;
    m_logUrl = loggableUrl(outgoing.request.url());
    qCDebug(lcNet).noquote() << m_verb << m_logUrl << "attempt" << m_attempts;

    QNetworkReply *reply = send(outgoing);
    m_reply = reply;
    watchReply(reply);
    if (m_policy.stallTimeout.count() > 0)
        m_stallTimer.start(m_policy.stallTimeout);
}

// The one place where identity and credentials are put on a request: none of them leaves in
// clear text for another computer unless the person allowed it for this environment. An Error
// when the request may not carry them.
std::optional<Error> NetworkJob::addIdentityAndCredentials(QNetworkRequest &request)
{
    if (m_authentication != Authentication::None) {
        if (auto refused = credentialTransportProblem(request.url(), m_secretSource->insecureTransport())) {
            qCWarning(lcNet).noquote()
                << "refused to send credentials in clear text to" << request.url().host();
            return refused;
        }
    }
    request.setHeader(QNetworkRequest::UserAgentHeader, UserAgent::value());
    if (usesBearer()) {
        QByteArray token = m_secret.toUtf8();
        QByteArray header = "Bearer " + token;
        request.setRawHeader("Authorization", header);
        wipe(token);
        wipe(header);
    } else if (m_authentication == Authentication::Basic) {
        QByteArray plain = m_apiKey.toUtf8() + ':';
        QByteArray secret = m_secret.toUtf8();
        plain += secret;
        QByteArray header = "Basic " + plain.toBase64();
        request.setRawHeader("Authorization", header);
        wipe(secret);
        wipe(plain);
        wipe(header); // the request keeps its own reference; this only lets go of ours
    }
    // Redirects would take credentials to another host: never followed for a call with them; a
    // request without any (a delivery URL) may follow those that are no less safe.
    if (m_authentication != Authentication::None
        || !request.attribute(QNetworkRequest::RedirectPolicyAttribute).isValid())
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return std::nullopt;
}

// Hands the request, with its body if any, to the network with the verb it was built for.
QNetworkReply *NetworkJob::send(Outgoing &outgoing)
{
    const QNetworkRequest &request = outgoing.request;
    QNetworkReply *reply = nullptr;
    if (outgoing.multiPart) {
        QHttpMultiPart *multiPart = outgoing.multiPart.get();
        reply = m_verb == "POST" ? m_network->post(request, multiPart)
            : m_verb == "PUT"    ? m_network->put(request, multiPart)
                                 : m_network->sendCustomRequest(request, m_verb, multiPart);
        outgoing.multiPart.release()->setParent(reply); // the body lives as long as its reply
    } else if (outgoing.hasBody) {
        reply = m_verb == "POST" ? m_network->post(request, outgoing.body)
            : m_verb == "PUT"    ? m_network->put(request, outgoing.body)
                                 : m_network->sendCustomRequest(request, m_verb, outgoing.body);
    } else if (m_verb == "GET") {
        reply = m_network->get(request);
    } else if (m_verb == "DELETE") {
        reply = m_network->deleteResource(request);
    } else {
        reply = m_network->sendCustomRequest(request, m_verb);
    }
    return reply;
}

void NetworkJob::watchReply(QNetworkReply *reply)
{
    connect(reply, &QNetworkReply::finished, this, &NetworkJob::onReplyFinished);
    connect(reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
        if (sent > 0 && !m_lowDelaySet) {
            m_lowDelaySet = true; // once a job: later requests reuse the connection
            lowerTcpDelay();
        }
        onTransferProgress();
        if (m_reportUploadProgress && total > 0)
            Q_EMIT uploadProgress(sent, total);
    });
    connect(reply, &QNetworkReply::downloadProgress, this, &NetworkJob::onTransferProgress);
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] {
        if (reply == m_reply)
            readAvailable(*reply);
    });
    connect(reply, &QNetworkReply::sslErrors, this, [](const QList<QSslError> &errors) {
        // Never ignored: the reply fails with SslHandshakeFailedError and the job reports it.
        for (const QSslError &error : errors)
            qCWarning(lcNet) << "TLS error:" << error.errorString();
    });
}

void NetworkJob::onTransferProgress()
{
    if (m_stallTimer.isActive())
        m_stallTimer.start(m_policy.stallTimeout);
}

void NetworkJob::onReplyFinished()
{
    m_stallTimer.stop();
    QNetworkReply *reply = m_reply;
    if (!reply || state() != State::Running)
        return;
    const HttpReply http = HttpReply::fromReply(*reply);
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();

    m_lastStatus = http.status;
    m_lastRequestId = http.requestId();
    const QDateTime current = now();
    if (m_budget)
        m_budget->update(http, current);

    if (http.isSuccess()) {
        qCDebug(lcNet).noquote() << m_verb << m_logUrl << http.status << requestIdForLog(m_lastRequestId);
        if (auto error = parseReply(http)) {
            qCWarning(lcNet).noquote() << m_verb << m_logUrl << "unexpected answer:" << error->message
                                       << requestIdForLog(m_lastRequestId);
            finishWithError(std::move(*error));
            return;
        }
        finishWithSuccess();
        return;
    }
    if (http.status == 401 && renewRejectedToken())
        return;
    Error error = errorFromReply(http, current);
    if (http.status == 401 && usesBearer())
        error.reason = ErrorReason::SignInExpired; // renewed once already, or it could not be
    describeFailure(http, error);
    qCInfo(lcNet).noquote() << m_verb << m_logUrl
                            << "failed:" << (http.status ? http.status : int(http.networkError))
                            << errorReasonName(error.reason) << error.message
                            << requestIdForLog(m_lastRequestId);
    handleFailure(std::move(error));
}

void NetworkJob::onStalled()
{
    if (!m_reply || state() != State::Running)
        return;
    dropReply();
    const qint64 seconds = std::chrono::duration_cast<std::chrono::seconds>(m_policy.stallTimeout).count();
    Error error = Error::because(Error::Kind::Network, ErrorReason::ServerSilent,
                                 seconds > 0 ? QString::number(seconds) : QString());
    error.networkCause = Error::NetworkCause::Timeout;
    error.retryable = true;
    qCInfo(lcNet).noquote() << m_verb << m_logUrl << "stalled";
    handleFailure(std::move(error));
}

void NetworkJob::handleFailure(Error error)
{
    const QDateTime current = now();
    if (error.kind == Error::Kind::RateLimited) {
        if (!m_policy.waitForRateLimit) {
            finishWithError(std::move(error));
            return;
        }
        if (error.retryAfter) {
            // The server said when: wait for that, a bounded number of times, if not too long.
            const qint64 wait
                = std::max<qint64>(0, current.msecsTo(*error.retryAfter)) + m_policy.rateLimitMargin.count();
            if (m_rateLimitWaits >= m_policy.maxRateLimitWaits || wait > m_policy.maxRateLimitWait.count()) {
                finishWithError(std::move(error));
                return;
            }
            ++m_rateLimitWaits;
            qCInfo(lcNet) << "rate limited; trying again in" << wait << "ms";
            Q_EMIT waitingForRateLimit(*error.retryAfter);
            scheduleSend(wait);
            return;
        }
        // No reset given: back off like for a busy server.
    }
    if (error.retryable && ++m_transientFailures < m_policy.maxAttempts) {
        qint64 delay
            = m_policy.backoffDelay(m_transientFailures, QRandomGenerator::global()->generateDouble())
                  .count();
        if (error.retryAfter)
            delay = std::max(delay, current.msecsTo(*error.retryAfter));
        delay = std::min<qint64>(delay, std::max<qint64>(m_policy.maxDelay.count(), 0));
        Q_EMIT retryScheduled(m_attempts + 1, delay, error);
        scheduleSend(delay);
        return;
    }
    finishWithError(std::move(error));
}

bool NetworkJob::usesBearer() const
{
    return m_authentication != Authentication::None && m_secretSource
        && m_secretSource->kind() == CredentialKind::AccessToken;
}

// Once a job: the token may have expired a moment ago, or another job or process renewed it (the
// refresh token is single-use). The source renews it, or says the person must sign in again.
bool NetworkJob::renewRejectedToken()
{
    if (!usesBearer() || m_tokenRenewed)
        return false;
    m_tokenRenewed = true;
    qCInfo(lcNet).noquote() << m_verb << m_logUrl << "access token refused; renewing it once";
    const QString rejected = m_secret;
    m_secretSource->renew(rejected, this, [this](Result<QString> token) {
        if (state() != State::Running)
            return;
        if (!token) {
            finishWithError(token.error());
            return;
        }
        wipe(m_secret);
        m_secret = std::move(token).value();
        sendAttempt();
    });
    return true;
}

void NetworkJob::abort()
{
    m_waitTimer.stop();
    m_stallTimer.stop();
    dropReply();
}

void NetworkJob::cleanup()
{
    m_waitTimer.stop();
    m_stallTimer.stop();
    dropReply();
    wipeSecret();
}

void NetworkJob::dropReply()
{
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void NetworkJob::wipeSecret()
{
    wipe(m_secret);
}

} // namespace stratus::core
