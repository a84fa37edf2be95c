#include "environmentcheck.h"

#include "core/api/adminapi.h"

#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>

using namespace Qt::StringLiterals;

namespace stratus::core {

CheckProblem classifyProblem(const Error &error)
{
    switch (error.kind) {
    case Error::Kind::Auth:
        // Refused before anything was sent: the keychain has no (usable) secret for it.
        if (error.reason == ErrorReason::SecretNotInKeychain || error.reason == ErrorReason::StoredSecretEmpty
            || error.reason == ErrorReason::NoApiSecret)
            return CheckProblem::Keychain;
        if (error.message.startsWith(u"Invalid cloud_name"_s, Qt::CaseInsensitive)
            || error.message.contains(u"cloud_name is disabled"_s, Qt::CaseInsensitive))
            return CheckProblem::UnknownCloud;
        return CheckProblem::WrongCredentials;
    case Error::Kind::NotFound:
        // An upload_prefix/host that answers but is not Cloudinary, or an unknown cloud behind a
        // server that says 404.
        return error.message.contains(u"cloud_name"_s, Qt::CaseInsensitive) ? CheckProblem::UnknownCloud
                                                                            : CheckProblem::Server;
    case Error::Kind::Permission:
        return CheckProblem::Permission;
    case Error::Kind::RateLimited:
        return CheckProblem::RateLimited;
    case Error::Kind::Network:
        switch (error.networkCause) {
        case Error::NetworkCause::Proxy:
        case Error::NetworkCause::ProxyAuth:
            return CheckProblem::Proxy;
        case Error::NetworkCause::Tls:
            return CheckProblem::Tls;
        default:
            return CheckProblem::NoNetwork;
        }
    case Error::Kind::Server:
        return CheckProblem::Server;
    case Error::Kind::Unavailable:
        return CheckProblem::Keychain;
    case Error::Kind::InsecureTransport:
        return CheckProblem::InsecureTransport;
    case Error::Kind::InvalidInput:
    case Error::Kind::Conflict:
    case Error::Kind::Cancelled:
    case Error::Kind::Io:
    case Error::Kind::Damaged:
    case Error::Kind::Internal:
        break;
    }
    return CheckProblem::Other;
}

namespace {

// Whether requests to `url` go through a proxy: the network's own, its factory's, or the
// application's (system settings included).
bool proxyApplies(const QNetworkAccessManager *network, const QUrl &url)
{
    QNetworkProxy proxy = network ? network->proxy() : QNetworkProxy(QNetworkProxy::DefaultProxy);
    if (proxy.type() == QNetworkProxy::DefaultProxy) {
        const QNetworkProxyQuery query(url);
        const QList<QNetworkProxy> proxies = (network && network->proxyFactory())
            ? network->proxyFactory()->queryProxy(query)
            : QNetworkProxyFactory::proxyForQuery(query);
        proxy = proxies.value(0, QNetworkProxy(QNetworkProxy::NoProxy));
    }
    return proxy.type() != QNetworkProxy::NoProxy && proxy.type() != QNetworkProxy::DefaultProxy;
}

} // namespace

EnvironmentCheck *EnvironmentCheck::start(ApiContext context, QObject *owner, Callback done)
{
    auto *check = new EnvironmentCheck(std::move(context), std::move(done), owner);
    check->ping();
    return check;
}

EnvironmentCheck::EnvironmentCheck(ApiContext context, Callback done, QObject *owner)
    : QObject(owner)
    , m_context(std::move(context))
    , m_done(std::move(done))
{
}

void EnvironmentCheck::ping()
{
    auto *call = AdminApi(m_context).ping(this);
    connect(call, &Job::finished, this, [this, call] {
        call->deleteLater();
        if (const auto &error = call->error()) {
            finish(*error);
            return;
        }
        readConfig();
    });
    call->start();
}

template<typename T, typename Use, typename Next>
void EnvironmentCheck::readOptional(ApiCall<T> *call, QLatin1StringView feature, Use use, Next next)
{
    connect(call, &Job::finished, this, [this, call, feature, use, next] {
        call->deleteLater();
        if (const auto &error = call->error()) {
            // Refused to these credentials: noted, and the check goes on. Anything else ends it.
            if (error->kind != Error::Kind::Auth && error->kind != Error::Kind::Permission) {
                finish(*error);
                return;
            }
            m_result.deniedFeatures.insert(QString(feature), error->message);
        } else {
            use(call->result().value());
        }
        next();
    });
    call->start();
}

void EnvironmentCheck::readConfig()
{
    readOptional(
        AdminApi(m_context).config(this), Feature::Config,
        [this](const CloudConfig &config) { m_result.folderMode = config.folderMode; },
        [this] { readUsage(); });
}

void EnvironmentCheck::readUsage()
{
    readOptional(
        AdminApi(m_context).usage(this), Feature::Usage,
        [this](const Usage &usage) { m_result.usage = usage; },
        [this] {
            if (const RateLimitBudget *budget = m_context.budget.data();
                budget != nullptr && budget->isKnown()) {
                m_result.rateLimit = budget->limit();
                m_result.rateRemaining = budget->remaining();
            }
            finish(m_result);
        });
}

void EnvironmentCheck::finish(Result<EnvironmentCheckResult> result)
{
    // Qt reports a proxy that cannot be reached as if the server could not be: when a proxy
    // stands in between, that is what the person must check.
    if (!result.ok() && result.error().kind == Error::Kind::Network) {
        const Error::NetworkCause cause = result.error().networkCause;
        if ((cause == Error::NetworkCause::ConnectionRefused || cause == Error::NetworkCause::HostNotFound
             || cause == Error::NetworkCause::Timeout)
            && proxyApplies(m_context.network.data(), m_context.endpoint.baseUrl())) {
            Error error = result.error();
            error.networkCause = Error::NetworkCause::Proxy;
            result = error;
        }
    }
    // Answer from the event loop after this call returns, then go.
    Callback done = std::move(m_done);
    done(std::move(result));
    deleteLater();
}

} // namespace stratus::core
