#include "environmentsession.h"

#include "core/accounts/accountstore.h"
#include "core/accounts/apicontextfor.h"

#include "core/catalog/catalog.h"
#include "core/catalog/catalogsync.h"
#include "core/net/neterror.h"
#include "core/transfers/uploadjournal.h"

#include <QFileInfo>

#include <chrono>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {
// How often an environment that does not answer is asked again while uploads wait for it.
constexpr std::chrono::seconds kReconnectInterval {15};
} // namespace

EnvironmentSession::EnvironmentSession(AccountStore *store, QString environmentId,
                                       QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_environmentId(std::move(environmentId))
    , m_network(network)
{
    connect(&m_budget, &RateLimitBudget::changed, this, &EnvironmentSession::changed);
    m_reconnect.setSingleShot(true);
    m_reconnect.setInterval(kReconnectInterval);
    connect(&m_reconnect, &QTimer::timeout, this, &EnvironmentSession::refresh);
}

EnvironmentSession::~EnvironmentSession()
{
    if (m_sync)
        m_sync->cancel();
    m_uploads.reset(); // before the journal it writes to
}

upload::UploadQueue *EnvironmentSession::uploads()
{
    if (m_uploads)
        return m_uploads.get();
    auto context = apiContext();
    if (!context) {
        m_uploadsError = context.error();
        return nullptr;
    }
    if (!m_journal) {
        auto journal = upload::UploadJournal::open(m_store->layout().uploadJournalFile(m_environmentId));
        if (!journal) {
            m_uploadsError = journal.error();
            return nullptr;
        }
        m_journal = std::move(journal).value();
    }
    m_uploadsError.reset();
    m_uploads = std::make_unique<upload::UploadQueue>(std::move(context).value(), m_journal.get());
    m_uploads->setFolderMode(record().folderMode);
    m_uploads->setCatalog(catalog());
    if (m_uploadSettings)
        m_uploads->setSettings(*m_uploadSettings);
    // Files queued while the environment does not answer wait for it (issue 13, point 9).
    m_uploads->setOnline(m_connection == Connection::Online);
    if (m_usage)
        m_uploads->setMediaLimits(upload::MediaLimits::fromJson(m_usage->mediaLimits));
    connect(m_uploads.get(), &upload::UploadQueue::jobAdded, this, &EnvironmentSession::watchForConnection);
    Q_EMIT uploadsReady();
    return m_uploads.get();
}

void EnvironmentSession::setUploadSettings(const upload::UploadQueueSettings &settings)
{
    m_uploadSettings = settings;
    if (m_uploads)
        m_uploads->setSettings(settings);
}

int EnvironmentSession::resumeUploads()
{
    // Only files whose journal exists: an environment that never uploaded gets no queue.
    if (!m_uploads && (!m_store || !QFileInfo::exists(m_store->layout().uploadJournalFile(m_environmentId))))
        return 0;
    upload::UploadQueue *queue = uploads();
    if (queue == nullptr)
        return 0;
    m_uploadsResumed = true;
    auto resumed = queue->resumeFromJournal();
    if (!resumed) {
        m_uploadsError = resumed.error();
        return 0;
    }
    return resumed.value();
}

AccountStore *EnvironmentSession::store() const
{
    return m_store.data();
}

QString EnvironmentSession::thumbnailCacheDirectory() const
{
    return m_store ? m_store->layout().thumbnailCacheDirectory(m_environmentId) : QString();
}

catalog::Catalog *EnvironmentSession::catalog()
{
    if (!m_catalog && !m_catalogError) {
        if (!m_store) {
            m_catalogError = Error::because(Error::Kind::Internal, ErrorReason::AccountStoreGone);
            return nullptr;
        }
        auto opened = catalog::Catalog::openRepairing(m_store->layout().catalogFile(m_environmentId),
                                                      &m_catalogDamage);
        if (opened)
            m_catalog = std::move(opened).value();
        else
            m_catalogError = opened.error();
    }
    return m_catalog.get();
}

void EnvironmentSession::syncCatalog()
{
    if (m_sync || !catalog())
        return;
    auto context = apiContext();
    if (!context)
        return;
    auto *sync = new catalog::CatalogSync(m_catalog.get(), std::move(context).value(), this);
    m_sync = sync;
    m_syncProgress = {0, -1};
    m_syncPausedUntil = {};
    if (m_catalog->syncState().lastSync.isValid())
        m_catalogDamage.clear(); // told once a sync has filled the rebuilt one
    connect(sync, &catalog::CatalogSync::progress, this, [this, sync](qint64 fetched, qint64 expected) {
        if (!sync->summary().damage.isEmpty())
            m_catalogDamage = sync->summary().damage;
        m_syncProgress = {fetched, expected};
        m_syncPausedUntil = {};
        Q_EMIT changed();
    });
    connect(sync, &catalog::CatalogSync::pausedUntil, this, [this](const QDateTime &until) {
        m_syncPausedUntil = until;
        Q_EMIT changed();
    });
    connect(sync, &Job::finished, this, [this, sync] {
        sync->deleteLater();
        m_sync = nullptr;
        m_syncPausedUntil = {};
        m_lastSyncError = sync->error();
        if (!sync->summary().damage.isEmpty())
            m_catalogDamage = sync->summary().damage;
        if (sync->error() && sync->error()->kind == Error::Kind::Permission)
            markDenied(Feature::Search, sync->error()->message);
        Q_EMIT changed();
        Q_EMIT catalogSynced();
    });
    Q_EMIT changed();
    sync->start();
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

CloudinaryUrl EnvironmentSession::effectiveUrl() const
{
    return m_store ? m_store->effectiveUrl(m_environmentId) : CloudinaryUrl();
}

Result<ApiContext> EnvironmentSession::apiContext() const
{
    if (!m_store)
        return Error::because(Error::Kind::Internal, ErrorReason::AccountStoreGone);
    const CloudinaryUrl url = m_store->effectiveUrl(m_environmentId);
    if (url.cloudName().isEmpty())
        return Error::because(Error::Kind::Unavailable, ErrorReason::EnvironmentNotReady);
    return apiContextFor(url, m_store->secretSource(m_environmentId), m_network, &m_budget);
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
        else if (context.error().kind == Error::Kind::InsecureTransport)
            setConnection(Connection::Refused, CheckProblem::InsecureTransport, context.error());
        else
            setConnection(Connection::Offline, classifyProblem(context.error()), context.error());
        return;
    }
    setConnection(Connection::Checking);
    m_check = EnvironmentCheck::start(
        std::move(context).value(), this, [this](Result<EnvironmentCheckResult> result) {
            if (!result) {
                const CheckProblem problem = classifyProblem(result.error());
                const bool refused = problem == CheckProblem::WrongCredentials
                    || problem == CheckProblem::UnknownCloud || problem == CheckProblem::Keychain;
                if (problem == CheckProblem::Permission)
                    markDenied(Feature::Admin, result.error().message);
                setConnection(refused ? Connection::Refused : Connection::Offline, problem, result.error());
                // What a previous run left shows as waiting, and starts once the environment answers.
                if (!refused && !m_uploadsResumed)
                    resumeUploads();
                return;
            }
            m_usage = result->usage;
            if (m_uploads)
                m_uploads->setMediaLimits(upload::MediaLimits::fromJson(m_usage->mediaLimits));
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
            if (m_uploads)
                m_uploads->setFolderMode(record().folderMode);
            syncCatalog();
            if (!m_uploadsResumed)
                resumeUploads();
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

void EnvironmentSession::setConnection(Connection connection, CheckProblem problem,
                                       std::optional<Error> error)
{
    m_connection = connection;
    m_problem = problem;
    m_problemError = std::move(error);
    // A check of an environment that answered keeps the uploads going; anything else but an answer
    // holds them.
    if (m_uploads && connection != Connection::Checking)
        m_uploads->setOnline(connection == Connection::Online);
    watchForConnection();
    Q_EMIT changed();
}

void EnvironmentSession::setReconnectInterval(std::chrono::milliseconds interval)
{
    m_reconnect.setInterval(interval);
}

void EnvironmentSession::watchForConnection()
{
    // Uploads waiting for the environment: ask again now and then whether it answers, so they
    // start without anyone pressing Test connection.
    const bool waiting = m_uploads && !m_uploads->isIdle();
    if (m_connection == Connection::Offline && waiting) {
        if (!m_reconnect.isActive())
            m_reconnect.start();
    } else if (m_connection != Connection::Checking) {
        m_reconnect.stop();
    }
}

} // namespace stratus::core
