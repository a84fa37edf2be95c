#include "environmentsession.h"

#include "accountstore.h"
#include "apicontextfor.h"

#include "core/net/neterror.h"

using namespace Qt::StringLiterals;

namespace stratus::core {

EnvironmentSession::EnvironmentSession(AccountStore *store, QString environmentId, QNetworkAccessManager *network,
                                       QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_environmentId(std::move(environmentId))
    , m_network(network)
{
    connect(&m_budget, &RateLimitBudget::changed, this, &EnvironmentSession::changed);
}

EnvironmentRecord EnvironmentSession::record() const
{
    if (m_store) {
        if (const EnvironmentRecord *env = m_store->environment(m_environmentId))
            return *env;
    }
    return {};
}

bool EnvironmentSession::isAllowed(QLatin1StringView feature) const
{
    return !record().deniedFeatures.contains(QString(feature));
}

Result<ApiContext> EnvironmentSession::apiContext() const
{
    if (!m_store)
        return makeError(Error::Kind::Internal, u"The account store is gone."_s);
    const CloudinaryUrl url = m_store->effectiveUrl(m_environmentId);
    if (url.cloudName().isEmpty())
        return makeError(Error::Kind::Unavailable, u"This environment is not available yet."_s);
    return apiContextFor(url, m_store->secretSource(m_environmentId), m_network,
                         &m_budget);
}

void EnvironmentSession::refresh()
{
    if (m_check)
        return;
    auto context = apiContext();
    if (!context) {
        const EnvironmentRecord env = record();
        if (env.embeddedSandbox && context.error().kind == Error::Kind::Unavailable)
            setConnection(Connection::Starting);
        else
            setConnection(Connection::Offline, classifyProblem(context.error()), context.error().message);
        return;
    }
    setConnection(Connection::Checking);
    m_check = EnvironmentCheck::start(std::move(context).value(), this, [this](Result<EnvironmentCheckResult> result) {
        if (!result) {
            const CheckProblem problem = classifyProblem(result.error());
            const bool refused = problem == CheckProblem::WrongCredentials || problem == CheckProblem::UnknownCloud
                || problem == CheckProblem::Keychain;
            if (problem == CheckProblem::Permission)
                markDenied(Feature::Admin, result.error().message);
            setConnection(refused ? Connection::Refused : Connection::Offline, problem, result.error().message);
            return;
        }
        m_usage = result->usage;
        if (m_store) {
            EnvironmentRecord env = record();
            if (!env.id.isEmpty()) {
                env.folderMode = result->folderMode;
                env.deniedFeatures = result->deniedFeatures;
                env.checkedAt = QDateTime::currentDateTimeUtc();
                (void)m_store->updateCheck(env);
            }
        }
        setConnection(Connection::Online);
    });
}

void EnvironmentSession::markDenied(QLatin1StringView feature, const QString &message)
{
    if (!m_store)
        return;
    EnvironmentRecord env = record();
    if (env.id.isEmpty() || env.deniedFeatures.value(QString(feature)) == message)
        return;
    env.deniedFeatures.insert(QString(feature), message);
    (void)m_store->updateCheck(env);
    Q_EMIT changed();
}

void EnvironmentSession::setConnection(Connection connection, CheckProblem problem, QString detail)
{
    m_connection = connection;
    m_problem = problem;
    m_problemDetail = std::move(detail);
    Q_EMIT changed();
}

} // namespace stratus::core
