#include "environmentpage.h"

#include "browseview.h"
#include "overviewview.h"

#include "core/accounts/accountstore.h"
#include "core/session/environmentsession.h"
#include "core/util/secretmemory.h"
#include "gui/accounts/secretprompt.h"
#include "gui/accounts/signindialog.h"
#include "gui/browser/browsercommands.h"
#include "gui/browser/browserpage.h"
#include "gui/cloudwidgets/medialibraryview.h"
#include "gui/errors/errorbanner.h"
#include "gui/errors/errorpresenter.h"
#include "gui/settings/preferences.h"
#include "gui/shell/elidedlabel.h"
#include "gui/shell/infobar.h"
#include "gui/upload/uploadcontroller.h"
#include "gui/upload/uploaddock.h"

#include "ui_environmentpage.h"

#include <QAction>
#include <QActionGroup>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMetaMethod>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabBar>

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
        if (!session.catalogDamage().isEmpty()) {
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
    if (!session.catalogDamage().isEmpty())
        return tr("Catalogue rebuilt: the file was damaged");
    if (const auto &error = session.catalogError())
        return tr("No catalogue: %1").arg(ErrorPresenter::text(*error));
    return tr("Catalogue up to date");
}

EnvironmentPage::EnvironmentPage(EnvironmentSession *session, const EnvironmentPageServices &services,
                                 QWidget *parent)
    : Page(parent)
    , m_ui(std::make_unique<Ui::EnvironmentPage>())
    , m_session(session)
    , m_uploads(services.uploads)
    , m_uploadDock(services.uploadDock)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("environmentPage"));
    m_preferences = services.preferences;
    setUpWelcome();
    m_errorBanner = new ErrorBanner(this);
    m_ui->mainLayout->addWidget(m_errorBanner);
    connect(m_errorBanner, &ErrorBanner::remedyRequested, this, &EnvironmentPage::applyRemedy);
    createViews(services);
    createStatusWidgets();
    if (m_session)
        connect(m_session, &EnvironmentSession::changed, this, &EnvironmentPage::refresh);
    refresh();
}

EnvironmentPage::~EnvironmentPage() = default;

void EnvironmentPage::setUpWelcome()
{
    m_welcome = new InfoBar(this);
    m_welcome->setObjectName(QStringLiteral("sandboxWelcome"));
    m_welcome->setText(tr("<b>Local sandbox:</b> sample media on this computer to try Stratus with; nothing "
                          "here reaches Cloudinary."));
    m_welcome->setActionText(tr("&Add a Cloudinary Account…"));
    m_welcome->hide();
    m_ui->mainLayout->addWidget(m_welcome);
    connect(m_welcome, &InfoBar::actionTriggered, this, &EnvironmentPage::addAccountRequested);
    connect(m_welcome, &InfoBar::dismissed, this, &EnvironmentPage::dismissWelcome);
    // Settings → "Show Closed Messages Again".
    if (m_preferences)
        connect(m_preferences, &Preferences::dismissedInfoBarsChanged, this, [this] {
            if (!welcomeDismissed())
                m_welcome->setDismissed(false);
            refresh();
        });
}

bool EnvironmentPage::welcomeDismissed() const
{
    const Preferences *preferences = m_preferences;
    const EnvironmentSession *session = m_session.data();
    if (preferences == nullptr || session == nullptr)
        return false;
    const QString id = session->environmentId();
    return preferences->values().dismissedInfoBars.contains(id);
}

void EnvironmentPage::dismissWelcome()
{
    Preferences *preferences = m_preferences;
    const EnvironmentSession *session = m_session.data();
    if (preferences == nullptr || session == nullptr)
        return;
    AppSettings values = preferences->values();
    const QString id = session->environmentId();
    if (values.dismissedInfoBars.contains(id))
        return;
    values.dismissedInfoBars.append(id);
    // Unwritable settings: closed for this run only.
    (void)preferences->setValues(values);
}

void EnvironmentPage::createViews(const EnvironmentPageServices &services)
{
    m_viewTabs = new QTabBar(this);
    m_viewTabs->setObjectName(QStringLiteral("viewTabs"));
    m_viewTabs->setDocumentMode(true);
    m_viewTabs->setExpanding(false);
    m_views = new QStackedWidget(this);
    m_views->setObjectName(QStringLiteral("views"));
    m_ui->mainLayout->addWidget(m_viewTabs);
    m_ui->mainLayout->addWidget(m_views, 1);

    // The views' actions go at the top of the window's View menu (PageContributions::viewActions).
    m_viewSeparator = new QAction(this);
    m_viewSeparator->setSeparator(true);
    m_viewActions = new QActionGroup(this);
    m_viewActions->setExclusive(true);

    m_browse = new BrowseView(m_session, services.preferences, m_views);
    // The browser's Upload button: the window's upload commands, to the folder shown.
    if (m_uploads)
        m_browse->setUploads(m_uploads);
    // Downloads show in the window's transfers dock, beside the uploads.
    if (m_uploadDock && m_browse->browser())
        m_uploadDock->watchDownloads(m_browse->browser()->commands()->downloads());
    connect(m_browse, &BrowseView::filesDropped, this,
            [this](const QStringList &paths, const QString &folder) {
                if (m_uploads)
                    m_uploads->offer(paths, folder);
            });
    m_overview = new OverviewView(m_session, services.store, m_views);
    // New views of an environment go here, each with the next Alt+number.
    addView(View::Browse, m_browse, QKeySequence(Qt::ALT | Qt::Key_1));
    addView(View::Overview, m_overview, QKeySequence(Qt::ALT | Qt::Key_2));
    // Cloudinary's Media Library: WebEngine starts only when the view is first shown.
    m_mediaLibrary = new MediaLibraryView(m_session, services.webProfiles, m_views);
    addView(View::MediaLibrary, m_mediaLibrary, QKeySequence(Qt::ALT | Qt::Key_3));
    connect(m_mediaLibrary, &MediaLibraryView::showInBrowserRequested, this,
            &EnvironmentPage::revealInBrowser);
    connect(m_mediaLibrary, &MediaLibraryView::downloadRequested, this, &EnvironmentPage::downloadInBrowser);
    connect(m_mediaLibrary, &MediaLibraryView::catalogChanged, this, [this] {
        if (BrowserPage *page = browser())
            page->reload();
    });
    connect(m_viewTabs, &QTabBar::currentChanged, this, [this](int index) { showView(View(index)); });
}

void EnvironmentPage::addView(View view, Page *page, const QKeySequence &shortcut)
{
    Q_ASSERT(m_views->count() == int(view));
    m_views->addWidget(page);
    const int index = m_viewTabs->addTab(page->title());
    m_viewTabs->setTabToolTip(index,
                              tr("%1 (%2)").arg(QString(page->title()).remove(QLatin1Char('&')),
                                                shortcut.toString(QKeySequence::NativeText)));
    auto *action = new QAction(page->title(), this);
    action->setObjectName(QStringLiteral("viewAction%1").arg(index + 1));
    action->setCheckable(true);
    action->setChecked(index == 0);
    action->setShortcut(shortcut);
    m_viewActions->addAction(action);
    connect(action, &QAction::triggered, this, [this, view] { showView(view); });
    // A view that contributes something else once (another mode of the browser) says so.
    connect(page, &Page::contributionsChanged, this, [this, page] {
        if (m_views->currentWidget() == page)
            Q_EMIT contributionsChanged();
    });
}

void EnvironmentPage::createStatusWidgets()
{
    // Short, essential words (connection, sync) whole; the others elided when the window is narrow,
    // rather than widening it.
    const auto label = [this](const QString &name, bool elided = true) {
        QLabel *widget = elided ? new ElidedLabel(this) : new QLabel(this);
        widget->setObjectName(name);
        // Apart from their neighbours: the status bar draws no separators.
        widget->setContentsMargins(6, 0, 6, 0);
        widget->hide();
        return widget;
    };
    m_statusEnvironment = label(QStringLiteral("statusEnvironment"));
    m_statusFolderMode = label(QStringLiteral("statusFolderMode"));
    m_statusConnection = label(QStringLiteral("statusConnection"), false);
    m_statusBudget = label(QStringLiteral("statusBudget"));
    m_statusSync = label(QStringLiteral("statusSync"), false);
}

BrowserPage *EnvironmentPage::browser() const
{
    return m_browse != nullptr ? m_browse->browser() : nullptr;
}

void EnvironmentPage::revealInBrowser(const QStringList &assetIds)
{
    BrowserPage *page = browser();
    if (page == nullptr || assetIds.isEmpty())
        return;
    showView(View::Browse);
    page->revealAssets(assetIds);
}

void EnvironmentPage::downloadInBrowser(const QStringList &assetIds)
{
    BrowserPage *page = browser();
    core::catalog::Catalog *catalog = m_session ? m_session->catalog() : nullptr;
    if (page == nullptr || catalog == nullptr)
        return;
    QList<core::catalog::CatalogAsset> assets;
    for (const QString &id : assetIds) {
        if (auto found = catalog->asset(id); found && found.value())
            assets.append(*found.value());
    }
    if (!assets.isEmpty())
        page->commands()->download(assets);
}

void EnvironmentPage::showView(View view)
{
    const int index = int(view);
    if (index < 0 || index >= m_views->count())
        return;
    const bool changed = m_views->currentIndex() != index;
    const bool leavingMediaLibrary = changed && m_views->currentWidget() == m_mediaLibrary;
    m_views->setCurrentIndex(index);
    if (leavingMediaLibrary)
        m_mediaLibrary->left();
    m_viewTabs->setCurrentIndex(index);
    m_viewActions->actions().at(index)->setChecked(true);
    if (!changed)
        return;
    // The keyboard goes with the view: to where it was last in it, or where the view wants it.
    QWidget *shown = m_views->currentWidget();
    if (QWidget *focus = shown->focusWidget())
        focus->setFocus(Qt::OtherFocusReason);
    else if (shown->focusProxy() != nullptr)
        shown->setFocus(Qt::OtherFocusReason);
    Q_EMIT contributionsChanged();
}

void EnvironmentPage::setWebProfiles(web::WebProfiles *profiles)
{
    if (m_mediaLibrary != nullptr)
        m_mediaLibrary->setProfiles(profiles);
}

EnvironmentPage::View EnvironmentPage::currentView() const
{
    return View(m_views->currentIndex());
}

Page *EnvironmentPage::view(View view) const
{
    return qobject_cast<Page *>(m_views->widget(int(view)));
}

QString EnvironmentPage::title() const
{
    return m_session ? m_session->record().displayName() : QString();
}

PageContributions EnvironmentPage::contributions() const
{
    PageContributions contributions;
    contributions.viewActions << m_viewActions->actions() << m_viewSeparator;
    contributions.statusWidgets << m_statusEnvironment;
    contributions.permanentStatusWidgets << m_statusFolderMode << m_statusConnection << m_statusBudget
                                         << m_statusSync;
    if (m_uploadDock)
        contributions.docks << m_uploadDock;
    if (const Page *shown = view(currentView()))
        contributions += shown->contributions();
    return contributions;
}

void EnvironmentPage::pageActivated()
{
    if (!m_uploads)
        return;
    // Files chosen, pasted or dropped on the window go to the folder the browser shows.
    m_uploads->setSession(m_session, [guard = QPointer<BrowseView>(m_browse)] {
        const BrowseView *browse = guard.data();
        const BrowserPage *browser = browse != nullptr ? browse->browser() : nullptr;
        return browser != nullptr ? browser->currentFolder() : QString();
    });
}

void EnvironmentPage::pageDeactivated()
{
    if (m_uploads && m_uploads->session() == m_session)
        m_uploads->setSession(nullptr, {});
}

void EnvironmentPage::refresh()
{
    const EnvironmentSession *session = m_session.data();
    if (session == nullptr)
        return;
    const core::EnvironmentRecord env = session->record();
    // Escaped: a stored name must not reorder the title or the status bar.
    const QString name = env.displayName();
    if (m_title != name) {
        m_title = name;
        Q_EMIT titleChanged();
    }
    m_welcome->setVisible(env.embeddedSandbox && !welcomeDismissed() && !m_welcome->isDismissed());

    m_statusEnvironment->setText(env.embeddedSandbox ? tr("%1 (on this computer)").arg(name)
                                                     : tr("%1 · %2").arg(name, env.cloudName()));
    m_statusFolderMode->setText(folderModeText(int(env.folderMode)));
    m_statusConnection->setText(connectionText(*session));
    m_statusBudget->setText(budgetText(*session));
    m_statusSync->setText(syncText(*session));
    showProblem(*session);
}

void EnvironmentPage::showProblem(const EnvironmentSession &session)
{
    // The connection's problem first: while the environment does not answer, nothing else works.
    QList<words::Remedy> offered {words::Remedy::Retry};
    // An environment signed in with Cloudinary has no secret to enter: it signs in again.
    if (session.record().usesToken())
        offered.append(words::Remedy::SignInAgain);
    else if (!session.record().embeddedSandbox)
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
    case words::Remedy::SignInAgain:
        signInAgain();
        return;
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

void EnvironmentPage::signInAgain()
{
    EnvironmentSession *current = m_session.data();
    core::AccountStore *store = current != nullptr ? current->store() : nullptr;
    QNetworkAccessManager *network = current != nullptr ? current->network() : nullptr;
    if (store == nullptr || network == nullptr)
        return;
    const core::EnvironmentRecord env = current->record();
    const QString id = env.id;
    // The store is the context: the dialog guards its own answer.
    auto keep
        = [store, id](const core::TokenPair &tokens, std::function<void(core::Result<core::Done>)> done) {
              QString stored = tokens.toStoredText();
              store->replaceSecret(id, stored, store, std::move(done));
              core::wipe(stored);
          };
    const core::OAuthConfig cloudinary
        = m_preferences != nullptr ? m_preferences->oauthConfig() : core::OAuthConfig::fromBuild();
    auto *dialog = new SignInDialog(network, SignInDialog::configFor(env.url, cloudinary), env.cloudName(),
                                    std::move(keep), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (const core::AccountRecord *account = store->account(env.accountId))
        dialog->setLoginHint(account->label);
    // Then what failed is tried again with the new tokens, as after a re-entered secret.
    QPointer<EnvironmentSession> session(current);
    connect(dialog, &QDialog::accepted, this, [session] {
        if (session)
            session->refresh();
    });
    dialog->open();
    dialog->start();
}

} // namespace stratus::gui
