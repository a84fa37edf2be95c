#pragma once

#include "core/api/apicontext.h"
#include "core/util/result.h"

#include <QSet>

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>

#include <functional>
#include <optional>

namespace stratus::core {

/// Signed delivery URLs (`s--…--`) for private and authenticated assets, which Cloudinary delivers
/// only when the URL is signed with the API secret.
///
/// The secret lives in the keychain and is fetched asynchronously, so signing cannot happen inside
/// a synchronous URL function (a view painting its thumbnails). The signer answers from its cache
/// when it can; otherwise it queues the request, fetches the secret once for everything queued in
/// the same turn of the event loop, signs the batch, lets the secret go, and emits urlsSigned() so
/// that the caller asks again. Signed URLs are not secret (they are what the browser requests) and
/// stay cached for the signer's life; the secret is never kept: it is wiped once the batch is
/// signed.
///
/// Lives in one thread (the GUI's in the app).
class DeliverySigner : public QObject
{
    Q_OBJECT

public:
    using ContextFunction = std::function<Result<ApiContext>()>;

    /// @p apiContext gives the environment's secret source (EnvironmentSession::apiContext()).
    explicit DeliverySigner(ContextFunction apiContext, QObject *parent = nullptr);
    ~DeliverySigner() override;

    /// The signed URL of @p publicId with @p options (DeliveryUrlBuilder options) under @p sdkConfig
    /// (no secret in either), if it has been signed already; otherwise nullopt, and it is signed
    /// soon (urlsSigned() then fires). A request that cannot be signed (no secret, a bad option)
    /// answers an empty URL from then on and is reported by signingFailed().
    [[nodiscard]] std::optional<QUrl> signedUrl(const QJsonObject &sdkConfig, const QString &publicId,
                                                const QJsonObject &options);

    /// Signs now and calls @p done with the URL or the error: for one-off needs (copy URL,
    /// download) that can wait for the keychain.
    void sign(const QJsonObject &sdkConfig, const QString &publicId, const QJsonObject &options,
              std::function<void(Result<QUrl>)> done);

Q_SIGNALS:
    /// Requests queued by signedUrl() were signed: ask again.
    void urlsSigned();
    /// The secret could not be had (logged out, keychain locked): why (words::ErrorWords words it).
    void signingFailed(const stratus::core::Error &error);

private:
    struct Request
    {
        QJsonObject sdkConfig;
        QString publicId;
        QJsonObject options;
        std::function<void(Result<QUrl>)> done; ///< empty for cached requests
        QString key;
    };

    void enqueue(Request request);
    void signQueued();

    ContextFunction m_apiContext;
    QHash<QString, QUrl> m_signed;
    QList<Request> m_queue;
    QSet<QString> m_queuedKeys;
    bool m_fetching = false;
};

} // namespace stratus::core
