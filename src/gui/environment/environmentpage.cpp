#include "environmentpage.h"

#include "core/accounts/environmentsession.h"

#include "core/accounts/accountstore.h"
#include "core/cache/diskcache.h"
#include "core/catalog/catalog.h"
#include "core/net/neterror.h"
#include "core/util/secretmemory.h"
#include "gui/accounts/secretprompt.h"
#include "gui/browser/browserenvironment.h"
#include "gui/browser/browserpage.h"
#include "gui/browser/deliverysigner.h"
#include "gui/browser/thumbnailloader.h"
#include "gui/browser/thumbnailscheduler.h"
#include "gui/browser/thumbnailurls.h"
#include "gui/errors/errorbanner.h"
#include "gui/errors/errorpresenter.h"
#include "gui/settings/preferences.h"

#include "ui_environmentpage.h"

#include <QTimer>

#include <QLabel>
#include <QLocale>
#include <QMetaMethod>
#include <QPushButton>

namespace stratus::gui {

using core::CheckProblem;
using core::EnvironmentSession;

QString EnvironmentPage::problemText(CheckProblem problem)
{
    switch (problem) {
    case CheckProblem::None:
        return {};
    case CheckProblem::WrongCredentials:
        return tr("the API key or secret is wrong");
    case CheckProblem::UnknownCloud:
        return tr("the cloud name is unknown");
    case CheckProblem::NoNetwork:
        return tr("no network connection");
    case CheckProblem::Proxy:
        return tr("the proxy refused the connection");
    case CheckProblem::Tls:
        return tr("the secure connection failed");
    case CheckProblem::Permission:
        return tr("these credentials may not use the Admin API");
    case CheckProblem::RateLimited:
        return tr("the Admin API budget is spent");
    case CheckProblem::Server:
        return tr("the server had a problem");
    case CheckProblem::Keychain:
        return tr("the keychain did not give the API secret");
    case CheckProblem::InsecureTransport:
        return tr("the API secret would go unencrypted to another computer (use https, or allow it in "
                  "Accounts)");
    case CheckProblem::Other:
        break;
    }
    return tr("an unexpected error");
}

QString EnvironmentPage::usageLine(const QString &what, const core::UsageMetric &metric, bool bytes)
{
    const QLocale locale;
    const auto format = [&](double value) {
        return bytes ? locale.formattedDataSize(qint64(value)) : locale.toString(qint64(value));
    };
    if (metric.limit > 0)
        return tr("%1: %2 of %3").arg(what, format(metric.usage), format(metric.limit));
    return tr("%1: %2").arg(what, format(metric.usage));
}

QString EnvironmentPage::connectionText(const EnvironmentSession &session)
{
    switch (session.connection()) {
    case EnvironmentSession::Connection::Unknown:
        return tr("Not checked");
    case EnvironmentSession::Connection::Checking:
        return tr("Connecting…");
    case EnvironmentSession::Connection::Online:
        return tr("Online");
    case EnvironmentSession::Connection::Starting:
        return tr("Starting…");
    case EnvironmentSession::Connection::Offline:
        return tr("Offline: %1").arg(problemText(session.problem()));
    case EnvironmentSession::Connection::Refused:
        return tr("Refused: %1").arg(problemText(session.problem()));
    }
    return {};
}

QString EnvironmentPage::folderModeText(int folderMode)
{
    switch (core::FolderMode(folderMode)) {
    case core::FolderMode::Fixed:
        return tr("Fixed folders");
    case core::FolderMode::Dynamic:
        return tr("Dynamic folders");
    case core::FolderMode::Unknown:
        break;
    }
    return tr("Folder mode unknown");
}

QString EnvironmentPage::budgetText(const EnvironmentSession &session)
{
    const core::RateLimitBudget *budget = session.budget();
    if (!budget->isKnown())
        return tr("Admin API: budget not known yet");
    return tr("Admin API: %1 of %2 calls left this hour")
        .arg(QLocale().toString(budget->remaining()), QLocale().toString(budget->limit()));
}

QString EnvironmentPage::syncText(const EnvironmentSession &session)
{
    if (session.isSyncing()) {
        if (session.syncPausedUntil().isValid())
            return tr("Sync paused until %1 (Admin API budget spent)")
                .arg(
                    QLocale().toString(session.syncPausedUntil().toLocalTime().time(), QLocale::ShortFormat));
        const auto [fetched, expected] = session.syncProgress();
        if (!session.catalogueDamage().isEmpty()) {
            // What SQLite found is for the log and stratus-cli; here it is enough to know.
            if (expected < 0)
                return tr("The catalogue was damaged; rebuilding it from the server…");
            return tr("The catalogue was damaged; rebuilding it: %1 of %2 assets")
                .arg(QLocale().toString(fetched), QLocale().toString(expected));
        }
        if (expected < 0)
            return tr("Syncing the catalogue…");
        return tr("Syncing %1 of %2 assets").arg(QLocale().toString(fetched), QLocale().toString(expected));
    }
    if (const auto &error = session.lastSyncError())
        return tr("Catalogue not synced: %1").arg(ErrorPresenter::text(*error));
    if (!session.catalogueDamage().isEmpty())
        return tr("Catalogue rebuilt: the file was damaged");
    if (const auto &error = session.catalogueError())
        return tr("No catalogue: %1").arg(ErrorPresenter::text(*error));
    return tr("Catalogue up to date");
}

EnvironmentPage::EnvironmentPage(EnvironmentSession *session, const Preferences *preferences, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::EnvironmentPage>())
    , m_session(session)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("environmentPage"));
    QFont titleFont = m_ui->environmentTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_ui->environmentTitle->setFont(titleFont);
    connect(m_ui->addAccountButton, &QPushButton::clicked, this, &EnvironmentPage::addAccountRequested);
    connect(m_ui->testConnectionButton, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->refresh();
    });

    m_errorBanner = new ErrorBanner(this);
    m_ui->mainLayout->insertWidget(0, m_errorBanner);
    connect(m_errorBanner, &ErrorBanner::remedyRequested, this, &EnvironmentPage::applyRemedy);

    createBrowser(preferences);
    if (m_session) {
        connect(m_session, &EnvironmentSession::changed, this, &EnvironmentPage::refresh);
        connect(m_session, &EnvironmentSession::catalogueSynced, this, [this] {
            if (m_browser)
                m_browser->reload();
        });
        // The sync checks the file first and rebuilds a damaged one.
        if (m_browser)
            connect(m_browser, &BrowserPage::catalogueDamaged, m_session, &EnvironmentSession::syncCatalog);
    }
    refresh();
}

EnvironmentPage::~EnvironmentPage() = default;

void EnvironmentPage::createBrowser(const Preferences *preferences)
{
    EnvironmentSession *session = m_session.data();
    if (session == nullptr || session->catalog() == nullptr)
        return;
    // Thumbnails: a disk cache per environment (deleted at log out), sized by the preferences, and
    // trimmed at once when the size shrinks.
    m_thumbnailCache = std::make_unique<core::DiskCache>(session->thumbnailCacheDirectory(),
                                                         preferences->values().thumbnailCacheBytes());
    connect(preferences, &Preferences::thumbnailCacheSizeChanged, this,
            [this](qint64 bytes) { m_thumbnailCache->setMaximumSize(bytes); });
    auto *loader = new ThumbnailLoader(session->network(), m_thumbnailCache.get(), this);
    // The environment's URL is asked for at every request (the Local sandbox's is known only once
    // it listens); the URL builder is made again only when that URL changes.
    QPointer<EnvironmentSession> guard(session);
    // Private and authenticated assets' thumbnails are signed (the secret fetched once per screen).
    auto *signer = new DeliverySigner(
        [guard]() -> core::Result<core::ApiContext> {
            if (!guard)
                return core::Error::because(core::Error::Kind::Unavailable,
                                            core::ErrorReason::EnvironmentClosed);
            return guard->apiContext();
        },
        this);
    auto built = std::make_shared<std::pair<QString, ThumbnailUrlFunction>>();
    QPointer<DeliverySigner> signerGuard(signer);
    ThumbnailUrlFunction urls
        = [guard, built, signerGuard](const core::catalog::CatalogAsset &asset, const QSize &pixels) -> QUrl {
        if (!guard)
            return {};
        const core::CloudinaryUrl url = guard->effectiveUrl();
        if (url.cloudName().isEmpty())
            return {};
        if (const QString text = url.toString(); text != built->first || !built->second) {
            *built
                = {text, thumbnailUrlFunction(url.toSdkConfig(), deliveryOptions(url), signerGuard.data())};
        }
        return built->second(asset, pixels);
    };
    BrowserEnvironment environment;
    environment.catalog = session->catalog();
    environment.network = session->network();
    environment.apiContext = [guard]() -> core::Result<core::ApiContext> {
        if (!guard)
            return core::Error::because(core::Error::Kind::Unavailable, core::ErrorReason::EnvironmentClosed);
        return guard->apiContext();
    };
    environment.url = [guard] {
        return guard ? guard->effectiveUrl() : core::CloudinaryUrl();
    };
    environment.offlineReason = [guard]() -> QString {
        const EnvironmentSession *alive = guard.data();
        if (alive == nullptr)
            return tr("This environment is closed.");
        return alive->connection() == EnvironmentSession::Connection::Online ? QString()
                                                                             : connectionText(*alive);
    };
    m_browser = new BrowserPage(std::move(environment), loader, std::move(urls), m_ui->browseTab);
    m_ui->browseLayout->addWidget(m_browser);
    connect(session, &EnvironmentSession::changed, m_browser, &BrowserPage::refreshEnvironment);
    connect(signer, &DeliverySigner::urlsSigned, m_browser->thumbnailScheduler(),
            &ThumbnailScheduler::schedule);
    connect(m_browser, &BrowserPage::filesDropped, this, &EnvironmentPage::filesDropped);

    // Finished uploads are in the catalogue at once (written through); the browser shows them a
    // moment later, once per burst rather than once per file.
    auto *uploadsLanded = new QTimer(this);
    uploadsLanded->setSingleShot(true);
    uploadsLanded->setInterval(400);
    connect(uploadsLanded, &QTimer::timeout, m_browser, &BrowserPage::reload);
    const auto followUploads = [guard, uploadsLanded] {
        const EnvironmentSession *alive = guard.data();
        core::upload::UploadQueue *queue = alive != nullptr ? alive->uploadsIfMade() : nullptr;
        if (queue == nullptr)
            return;
        connect(queue, &core::upload::UploadQueue::jobFinished, uploadsLanded, qOverload<>(&QTimer::start),
                Qt::UniqueConnection);
    };
    connect(session, &EnvironmentSession::uploadsReady, this, followUploads);
    followUploads();
}

void EnvironmentPage::showProblem(const EnvironmentSession &session)
{
    // The connection's problem first: while the environment does not answer, nothing else works.
    QList<words::Remedy> offered {words::Remedy::Retry};
    if (!session.record().embeddedSandbox)
        offered.append(words::Remedy::ReenterSecret);
    if (isSignalConnected(QMetaMethod::fromSignal(&EnvironmentPage::settingsRequested)))
        offered.append(words::Remedy::OpenSettings);
    const bool troubled = session.connection() == EnvironmentSession::Connection::Offline
        || session.connection() == EnvironmentSession::Connection::Refused;
    if (troubled && session.problemError()) {
        m_bannerShowsSync = false;
        m_errorBanner->showError(*session.problemError(), connectionText(session), offered);
    } else if (!session.isSyncing() && session.lastSyncError()) {
        m_bannerShowsSync = true;
        m_errorBanner->showError(*session.lastSyncError(), tr("The catalogue could not be synced."), offered);
    } else {
        m_errorBanner->clearError();
    }
}

void EnvironmentPage::applyRemedy(words::Remedy remedy)
{
    switch (remedy) {
    case words::Remedy::Retry:
        if (!m_session)
            return;
        if (m_bannerShowsSync)
            m_session->syncCatalog();
        else
            m_session->refresh();
        return;
    case words::Remedy::ReenterSecret:
        reenterSecret();
        return;
    case words::Remedy::OpenSettings:
        Q_EMIT settingsRequested();
        return;
    case words::Remedy::SignInAgain: // tokens come with issue 14; not offered yet
    case words::Remedy::None:
        return;
    }
}

void EnvironmentPage::reenterSecret()
{
    core::AccountStore *store = m_session ? m_session->store() : nullptr;
    if (!store)
        return;
    QString secret = SecretPrompt::ask(this, m_session->record().displayName());
    if (secret.isEmpty())
        return;
    QPointer<EnvironmentSession> session(m_session);
    store->replaceSecret(
        m_session->environmentId(), secret, this, [this, session](core::Result<core::Done> stored) {
            if (!stored) {
                ErrorPresenter::messageBox(this, tr("Re-enter API Secret"),
                                           tr("The API secret was not replaced."), stored.error());
                return;
            }
            if (session)
                session->refresh();
        });
    core::wipe(secret);
}

void EnvironmentPage::refresh()
{
    const EnvironmentSession *session = m_session.data();
    if (session == nullptr)
        return;
    const core::EnvironmentRecord env = session->record();
    m_ui->environmentTitle->setText(env.displayName());
    m_ui->subtitleLabel->setText(env.embeddedSandbox
                                     ? tr("Local sandbox on this computer · cloud %1").arg(env.cloudName())
                                     : tr("Cloud %1 · API key %2").arg(env.cloudName(), env.apiKey()));
    m_ui->sandboxWelcome->setVisible(env.embeddedSandbox);

    QString mode = folderModeText(int(env.folderMode));
    if (env.folderMode == core::FolderMode::Dynamic)
        mode = tr("%1 — an asset's folder and display name can change without changing its public ID")
                   .arg(mode);
    else if (env.folderMode == core::FolderMode::Fixed)
        mode = tr("%1 — an asset's folder is the path of its public ID").arg(mode);
    m_ui->folderModeValue->setText(mode);

    m_ui->connectionValue->setText(connectionText(*session));
    showProblem(*session);

    if (const auto &usage = session->usage()) {
        QStringList lines;
        if (!usage->plan.isEmpty())
            lines << tr("Plan: %1").arg(usage->plan);
        lines << usageLine(tr("Assets"), usage->objects, false)
              << usageLine(tr("Storage"), usage->storage, true)
              << usageLine(tr("Bandwidth"), usage->bandwidth, true);
        m_ui->usageValue->setText(lines.join(QLatin1Char('\n')));
    } else if (env.deniedFeatures.contains(QString(core::Feature::Usage))) {
        m_ui->usageValue->setText(tr("These credentials may not read the usage report."));
    } else {
        m_ui->usageValue->setText(tr("Not known yet"));
    }
    m_ui->budgetValue->setText(budgetText(*session) + QLatin1Char('\n') + syncText(*session));

    if (env.deniedFeatures.isEmpty()) {
        m_ui->deniedValue->setText(tr("None: these credentials may do everything Stratus needs."));
    } else {
        QStringList lines;
        for (auto it = env.deniedFeatures.cbegin(); it != env.deniedFeatures.cend(); ++it)
            lines << tr("%1 refused (“%2”); everything else keeps working.").arg(it.key(), it.value());
        m_ui->deniedValue->setText(lines.join(QLatin1Char('\n')));
    }
    m_ui->testConnectionButton->setEnabled(session->connection() != EnvironmentSession::Connection::Checking);
}

} // namespace stratus::gui
