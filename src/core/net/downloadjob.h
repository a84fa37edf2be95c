#pragma once

#include "networkjob.h"
#include "ratelimitbudget.h" // NetworkJob::setRateLimitBudget() needs it whole

#include <QByteArray>
#include <QUrl>

class QFileDevice;

namespace stratus::core {

/// A GET of a delivery URL (a thumbnail, an asset's original) through the same network layer as
/// the API calls: the User-Agent, the application's proxy, the stall timeout and retries with
/// back-off all come from NetworkJob. No credentials are sent (signed delivery URLs carry their
/// signature in the path), so redirects that are no less safe are followed.
///
/// The answer is either kept in memory (body(), for thumbnails) or, with setSink(), streamed into
/// a file as it arrives (downloads of originals of any size); a retry starts the file afresh. A
/// failure's message is Cloudinary's `X-Cld-Error` when the delivery answer has one.
///
/// Owned by its parent; the network and the sink must outlive it. Lives in the network's thread.
/// downloadProgress() while bytes arrive; finished() once (Job).
class DownloadJob : public NetworkJob
{
    Q_OBJECT

public:
    DownloadJob(QNetworkAccessManager *network, QUrl url, QObject *parent = nullptr);
    ~DownloadJob() override;

    /// The policy for delivery URLs: fewer and quicker retries than an API call, no waiting for
    /// an Admin API budget (the CDN has none), a stall timeout of `stallTimeout`.
    [[nodiscard]] static RetryPolicy deliveryPolicy(std::chrono::milliseconds stallTimeout
                                                    = std::chrono::seconds(30));

    /// Streams a successful answer into @p sink (open for writing; not owned) instead of memory.
    void setSink(QFileDevice *sink) { m_sink = sink; }

    [[nodiscard]] const QUrl &url() const { return m_url; }
    /// The answer's bytes, after a success without a sink.
    [[nodiscard]] const QByteArray &body() const { return m_body; }
    /// Bytes of the answer received in the current attempt (written to the sink, with one).
    [[nodiscard]] qint64 bytesReceived() const { return m_received; }

Q_SIGNALS:
    /// Bytes of the answer so far (of the current attempt: a retry starts at 0 again).
    void downloadProgress(qint64 bytesReceived);

protected:
    Result<Outgoing> buildRequest(const Attempt &attempt) override;
    std::optional<Error> parseReply(const HttpReply &reply) override;
    void readAvailable(QNetworkReply &reply) override;
    void describeFailure(const HttpReply &reply, Error &error) override;

private:
    bool write(const QByteArray &bytes);

    QUrl m_url;
    QFileDevice *m_sink = nullptr;
    QByteArray m_body;
    qint64 m_received = 0;
};

} // namespace stratus::core
