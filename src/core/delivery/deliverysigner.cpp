#include "deliverysigner.h"

#include "deliverylogging.h"
#include "deliveryurl.h"

#include "core/net/secretsource.h"
#include "core/util/secretmemory.h"

#include <QJsonDocument>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace stratus::core {

DeliverySigner::DeliverySigner(ContextFunction apiContext, QObject *parent)
    : QObject(parent)
    , m_apiContext(std::move(apiContext))
{
}

DeliverySigner::~DeliverySigner() = default;

std::optional<QUrl> DeliverySigner::signedUrl(const QJsonObject &sdkConfig, const QString &publicId,
                                              const QJsonObject &options)
{
    QString key = QString::fromUtf8(QJsonDocument(sdkConfig).toJson(QJsonDocument::Compact)) + u'\n'
        + publicId + u'\n' + QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact));
    if (const auto it = m_signed.constFind(key); it != m_signed.constEnd())
        return *it;
    if (!m_queuedKeys.contains(key)) {
        m_queuedKeys.insert(key);
        enqueue(Request {sdkConfig, publicId, options, {}, std::move(key)});
    }
    return std::nullopt;
}

void DeliverySigner::sign(const QJsonObject &sdkConfig, const QString &publicId, const QJsonObject &options,
                          std::function<void(Result<QUrl>)> done)
{
    enqueue(Request {sdkConfig, publicId, options, std::move(done), {}});
}

void DeliverySigner::enqueue(Request request)
{
    const bool first = m_queue.isEmpty();
    m_queue.append(std::move(request));
    // Everything asked for in this turn of the event loop (a screen of thumbnails) shares one
    // keychain read.
    if (first && !m_fetching)
        QTimer::singleShot(0, this, &DeliverySigner::signQueued);
}

void DeliverySigner::signQueued()
{
    if (m_fetching || m_queue.isEmpty())
        return;
    const auto finishAll = [this](Result<QString> secret) {
        m_fetching = false;
        const QList<Request> batch = std::exchange(m_queue, {});
        m_queuedKeys.clear();
        bool cached = false;
        for (const Request &request : batch) {
            const Result<QUrl> url = [&]() -> Result<QUrl> {
                if (!secret)
                    return secret.error();
                QJsonObject options = request.options;
                options.insert(u"sign_url"_s, true);
                options.insert(u"api_secret"_s, secret.value());
                const auto built = buildDeliveryUrl(request.publicId, options, request.sdkConfig);
                options.remove(u"api_secret"_s);
                if (!built)
                    return built.error();
                return QUrl(built.value());
            }();
            if (!request.key.isEmpty()) {
                m_signed.insert(request.key, url ? url.value() : QUrl());
                cached = true;
            }
            if (request.done)
                request.done(url);
        }
        if (secret) {
            wipe(secret.value());
        } else {
            qCWarning(lcDelivery) << "cannot sign delivery URLs:" << errorReasonName(secret.error().reason)
                                  << secret.error().message;
            Q_EMIT signingFailed(secret.error());
        }
        if (cached)
            Q_EMIT urlsSigned();
        if (!m_queue.isEmpty()) // asked for while the keychain answered
            QTimer::singleShot(0, this, &DeliverySigner::signQueued);
    };

    auto context = m_apiContext
        ? m_apiContext()
        : Result<ApiContext>(Error::because(Error::Kind::Unavailable, ErrorReason::SigningUnavailable));
    if (!context) {
        finishAll(context.error());
        return;
    }
    if (!context->secret) {
        finishAll(Error::because(Error::Kind::Auth, ErrorReason::NoSecretToSign));
        return;
    }
    if (context->secret->kind() != CredentialKind::ApiSecret) {
        // Signed delivery URLs need the API secret here; a sign-in token cannot make them.
        finishAll(Error::because(Error::Kind::Auth, ErrorReason::NeedsApiSecret));
        return;
    }
    m_fetching = true;
    context->secret->fetch(this, finishAll);
}

} // namespace stratus::core
