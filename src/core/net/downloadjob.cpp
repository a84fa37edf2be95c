#include "downloadjob.h"

#include "httpreply.h"

#include <QFileDevice>
#include <QNetworkReply>

namespace stratus::core {

DownloadJob::DownloadJob(QNetworkAccessManager *network, QUrl url, QObject *parent)
    : NetworkJob(network, parent)
    , m_url(std::move(url))
{
    setRetryPolicy(deliveryPolicy());
}

DownloadJob::~DownloadJob() = default;

RetryPolicy DownloadJob::deliveryPolicy(std::chrono::milliseconds stallTimeout)
{
    RetryPolicy policy;
    policy.maxAttempts = 3;
    policy.baseDelay = std::chrono::milliseconds(500);
    policy.maxDelay = std::chrono::seconds(5);
    policy.stallTimeout = stallTimeout;
    policy.waitForRateLimit = false;
    return policy;
}

Result<NetworkJob::Outgoing> DownloadJob::buildRequest(const Attempt &attempt)
{
    Q_UNUSED(attempt);
    m_body.clear();
    m_received = 0;
    if (m_sink && (!m_sink->seek(0) || !m_sink->resize(0)))
        return Error::because(Error::Kind::Io, ErrorReason::FileUnwritable, m_sink->fileName(),
                              m_sink->errorString());
    Outgoing outgoing;
    outgoing.request.setUrl(m_url);
    outgoing.request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                  QNetworkRequest::NoLessSafeRedirectPolicy);
    return outgoing;
}

void DownloadJob::readAvailable(QNetworkReply &reply)
{
    // Only a success is the file; an error page stays in the reply for the error to read.
    const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!m_sink || status < 200 || status >= 300)
        return;
    if (!write(reply.readAll()))
        finishWithError(Error::because(Error::Kind::Io, ErrorReason::FileUnwritable, m_sink->fileName(),
                                       m_sink->errorString()));
}

std::optional<Error> DownloadJob::parseReply(const HttpReply &reply)
{
    if (!m_sink) {
        m_body = reply.body;
        m_received = m_body.size();
        return std::nullopt;
    }
    if (!write(reply.body) || !m_sink->flush())
        return Error::because(Error::Kind::Io, ErrorReason::FileUnwritable, m_sink->fileName(),
                              m_sink->errorString());
    return std::nullopt;
}

bool DownloadJob::write(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return true;
    if (m_sink->write(bytes) != bytes.size())
        return false;
    m_received += bytes.size();
    Q_EMIT downloadProgress(m_received);
    return true;
}

void DownloadJob::describeFailure(const HttpReply &reply, Error &error)
{
    // Cloudinary says why a delivery URL failed in X-Cld-Error (reference §d, Errors).
    const QString said = QString::fromUtf8(reply.header("X-Cld-Error")).trimmed();
    if (!said.isEmpty())
        error.message = said;
}

} // namespace stratus::core
