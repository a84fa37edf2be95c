#include "mainwindow.h"

#include "aboutdialog.h"
#include "diagnostics.h"
#include "environmentswitcher.h"
#include "helpwindow.h"
#include "reportproblemdialog.h"
#include "welcomepage.h"

#include "core/accounts/accountstore.h"
#include "core/session/environmentsession.h"
#include "gui/accounts/accountmessages.h"
#include "gui/accounts/accountsdialog.h"
#include "gui/accounts/addenvironmentdialog.h"
#include "gui/environment/environmentpage.h"
#include "gui/settings/preferences.h"
#include "gui/settings/proxypassword.h"
#include "gui/settings/settingsdialog.h"
#include "gui/shell/pagehost.h"
#include "gui/theme/symbolicicon.h"
#include "gui/theme/themecontroller.h"
#include "gui/upload/uploadcontroller.h"
#include "gui/upload/uploaddock.h"
#include "web/webprofiles.h"

#include "ui_mainwindow.h"

#include <QActionGroup>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QMetaEnum>
#include <QMimeData>
#include <QProgressBar>
#include <QShortcut>
#include <QStatusBar>
#include <QTimer>
#include <QUrl>

namespace stratus::gui {

using namespace Qt::StringLiterals;
using core::EnvironmentSession;

MainWindow::MainWindow(core::AccountStore *store, QNetworkAccessManager *network, Preferences *preferences,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_store(store)
    , m_network(network)
    , m_preferences(preferences)
{
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/stratus.svg")));
    setCentralWidget(m_ui->pages);
    m_pageHost = new PageHost(this, m_ui->pages, m_ui->helpMenu->menuAction());
    connect(m_pageHost, &PageHost::currentTitleChanged, this, &MainWindow::updateTitle);
    m_welcome = new WelcomePage(m_ui->pages);
    m_pageHost->addPage(m_welcome);

    setUpToolBar();
    setUpActions();
    setUpStatusBar();
    setUpUploads();
    setUpEditAndViewMenus();

    // Every queue at once, the ones of environments not shown too; files already running keep going.
    connect(m_preferences, &Preferences::parallelTransfersChanged, this, [this] {
        for (EnvironmentSession *session : std::as_const(m_sessions))
            applyUploadSettings(session);
    });
    connect(m_store, &core::AccountStore::changed, this, &MainWindow::onStoreChanged);
    // Log out and removal save the store first: onStoreChanged() drops the account's pages and
    // sessions then, before the store deletes their files, so accountLoggedOut needs no handler of
    // its own here.

    rebuildEnvironmentActions();
    openFirstEnvironment();
}

MainWindow::~MainWindow() = default;

void MainWindow::setThemeController(ThemeController *theme)
{
    m_theme = theme;
    if (m_themeMenu == nullptr)
        return;
    m_themeMenu->clear();
    if (theme != nullptr)
        theme->addMenuActions(m_themeMenu);
    m_themeMenu->setEnabled(theme != nullptr);
}

ThemeController *MainWindow::themeController() const
{
    return m_theme;
}

void MainWindow::setUpToolBar()
{
    m_switcher = new EnvironmentSwitcherButton(m_store, this);
    m_ui->mainToolBar->addWidget(m_switcher);
    m_ui->mainToolBar->addSeparator();
    // Drawn in the theme's text colour (light or dark).
    m_ui->accountsAction->setIcon(symbolicIcon(QStringLiteral(":/icons/accounts.svg")));
    m_ui->settingsAction->setIcon(symbolicIcon(QStringLiteral(":/icons/settings.svg")));
    m_ui->testConnectionAction->setIcon(symbolicIcon(QStringLiteral(":/icons/refresh.svg")));
    m_ui->mainToolBar->addAction(m_ui->testConnectionAction);
    m_ui->mainToolBar->addAction(m_ui->accountsAction);
    m_ui->mainToolBar->addAction(m_ui->settingsAction);
    connect(m_switcher, &EnvironmentSwitcherButton::environmentChosen, this, &MainWindow::openEnvironment);
}

void MainWindow::setUpActions()
{
    m_ui->quitAction->setShortcut(QKeySequence::Quit);
    m_ui->settingsAction->setShortcuts({QKeySequence(QKeySequence::Preferences), QKeySequence(tr("Ctrl+,"))});
    m_ui->documentationAction->setShortcut(QKeySequence::HelpContents);
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->accountsAction, &QAction::triggered, this, &MainWindow::showAccounts);
    connect(m_ui->addAccountAction, &QAction::triggered, this, &MainWindow::showAddAccount);
    connect(m_ui->settingsAction, &QAction::triggered, this, &MainWindow::showSettings);
    connect(m_ui->switchEnvironmentAction, &QAction::triggered, m_switcher,
            &EnvironmentSwitcherButton::openPopup);
    connect(m_ui->testConnectionAction, &QAction::triggered, this, [this] {
        if (EnvironmentSession *current = session(m_currentId))
            current->refresh();
    });
    // Help that works without a browser or the network (issue 13, point 11).
    connect(m_ui->documentationAction, &QAction::triggered, this, &MainWindow::showDocumentation);
    connect(m_ui->reportProblemAction, &QAction::triggered, this, &MainWindow::reportProblem);

    m_environmentGroup = new QActionGroup(this);
    m_environmentGroup->setExclusive(true);
}

void MainWindow::setUpStatusBar()
{
    // Only permanent widgets of the window's own: the current page's come first (PageHost).
    // Entries of accounts.ini that could not be read: said once here, explained in Accounts.
    m_statusSettingsProblem = new QLabel(this);
    m_statusSettingsProblem->setObjectName(QStringLiteral("statusSettingsProblem"));
    m_statusSettingsProblem->setTextFormat(Qt::RichText);
    connect(m_statusSettingsProblem, &QLabel::linkActivated, this, &MainWindow::showAccounts);
    statusBar()->addPermanentWidget(m_statusSettingsProblem);
    m_statusUploads = new QLabel(this);
    m_statusUploads->setObjectName(QStringLiteral("statusUploads"));
    m_uploadProgress = new QProgressBar(this);
    m_uploadProgress->setRange(0, 100);
    m_uploadProgress->setMaximumWidth(120);
    m_uploadProgress->setTextVisible(false);
    m_uploadProgress->hide();
    statusBar()->addPermanentWidget(m_statusUploads);
    statusBar()->addPermanentWidget(m_uploadProgress);
}

void MainWindow::setUpUploads()
{
    // Uploads: files dropped anywhere on the window, File → Upload…, or pasted (Ctrl+V where no text
    // field takes it) go to the folder the browser shows; the dock lists them. The environment pages
    // bring the dock into the window while one of them is current.
    m_uploadDock = new UploadDock(this);
    m_uploadDock->hide();
    // Its pin is remembered (it stays open when idle); unpinned, it hides once transfers end.
    m_uploadDock->setPinned(m_preferences->values().transfersPinned);
    connect(m_uploadDock, &UploadDock::pinnedChanged, this, [this](bool pinned) {
        if (m_preferences->values().transfersPinned == pinned)
            return;
        AppSettings values = m_preferences->values();
        values.transfersPinned = pinned;
        (void)m_preferences->setValues(values); // unwritable: pinned for this run
    });
    connect(m_preferences, &Preferences::transfersPinnedChanged, m_uploadDock, &UploadDock::setPinned);
    m_uploads = new UploadController(this, m_uploadDock, this);
    m_uploads->setAskFirst([this] { return m_preferences->values().askBeforeUploadingGivenFiles; });
    setAcceptDrops(true);
    connect(m_ui->uploadFilesAction, &QAction::triggered, m_uploads, &UploadController::chooseFiles);
    connect(m_ui->uploadFolderAction, &QAction::triggered, m_uploads, &UploadController::chooseFolder);
    connect(m_uploadDock, &UploadDock::optionsRequested, m_uploads, &UploadController::editDefaults);
    connect(m_uploadDock->toggleViewAction(), &QAction::toggled, m_ui->showUploadsAction,
            &QAction::setChecked);
    connect(m_ui->showUploadsAction, &QAction::triggered, m_uploadDock, &QWidget::setVisible);
    auto *paste = new QShortcut(QKeySequence::Paste, this);
    connect(paste, &QShortcut::activated, m_uploads, &UploadController::pasteFiles);
    connect(m_uploadDock, &UploadDock::summaryChanged, this, [this](const QString &text, int percent) {
        m_statusUploads->setText(text.isEmpty() ? QString() : tr("Uploads: %1").arg(text));
        m_uploadProgress->setVisible(percent >= 0);
        m_uploadProgress->setValue(std::max(0, percent));
    });
    connect(m_uploads, &UploadController::batchFinished, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Upload finished: %1").arg(message), 10000);
    });
}

void MainWindow::openFirstEnvironment()
{
    const QString current = m_store->currentEnvironmentId();
    const QList<core::EnvironmentRecord> active = m_store->activeEnvironments();
    if (!current.isEmpty()
        && std::any_of(active.cbegin(), active.cend(), [&](const auto &e) { return e.id == current; }))
        openEnvironment(current);
    else if (!active.isEmpty())
        openEnvironment(active.first().id);
    else
        openEnvironment(QString());
}

EnvironmentSession *MainWindow::session(const QString &environmentId) const
{
    return m_sessions.value(environmentId);
}

void MainWindow::applyUploadSettings(EnvironmentSession *session)
{
    if (session == nullptr)
        return;
    core::upload::UploadQueueSettings settings;
    settings.concurrency = m_preferences->values().parallelTransfers;
    session->setUploadSettings(settings);
}

void MainWindow::uploadWhenReady(const QStringList &paths)
{
    EnvironmentSession *current = session(m_currentId);
    if (current == nullptr) {
        m_uploads->offer(paths); // says why it cannot
        return;
    }
    using Connection = EnvironmentSession::Connection;
    const auto settled = [](Connection c) {
        return c == Connection::Online || c == Connection::Offline || c == Connection::Refused;
    };
    if (settled(current->connection()) && current->connection() != Connection::Offline) {
        m_uploads->offer(paths);
        return;
    }
    // Still starting or checking (the Local sandbox at start-up): wait for the first verdict.
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection
        = connect(current, &EnvironmentSession::changed, this, [this, current, paths, connection, settled] {
              if (!settled(current->connection()))
                  return;
              disconnect(*connection);
              m_uploads->offer(paths);
          });
    if (current->connection() == Connection::Offline || current->connection() == Connection::Unknown)
        current->refresh();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!m_currentId.isEmpty() && !UploadController::localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent *event)
{
    if (!m_currentId.isEmpty() && !UploadController::localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList paths = UploadController::localPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    // Queued after the drop returns: the file manager is not kept waiting on a message box.
    QMetaObject::invokeMethod(
        this, [this, paths] { m_uploads->offer(paths); }, Qt::QueuedConnection);
}

void MainWindow::openEnvironment(const QString &environmentId)
{
    const core::EnvironmentRecord *env = m_store->environment(environmentId);
    const core::AccountRecord *account = env ? m_store->account(env->accountId) : nullptr;
    if (!env || !account || !account->loggedIn) {
        showPage(m_welcome);
        return;
    }
    Page *page = m_pages.value(environmentId);
    showPage(page != nullptr ? page : createEnvironmentPage(environmentId));
    (void)m_store->setCurrentEnvironment(environmentId);
}

void MainWindow::setWebProfiles(web::WebProfiles *profiles)
{
    m_webProfiles = profiles;
    // The constructor opened the first environment's page before the profiles were here.
    for (Page *page : std::as_const(m_pages)) {
        if (auto *environmentPage = qobject_cast<EnvironmentPage *>(page))
            environmentPage->setWebProfiles(profiles);
    }
    if (profiles == nullptr)
        return;
    const QPointer<MainWindow> self(this);
    profiles->setSavePathHook([self](const QString &suggestedPath) -> QString {
        if (!self)
            return {};
        return QFileDialog::getSaveFileName(self, tr("Save Download"), suggestedPath);
    });
}

Page *MainWindow::createEnvironmentPage(const QString &environmentId)
{
    auto *session = new EnvironmentSession(m_store, environmentId, m_network, this);
    m_sessions.insert(environmentId, session);
    applyUploadSettings(session);
    EnvironmentPageServices services;
    services.store = m_store;
    services.preferences = m_preferences;
    services.uploads = m_uploads;
    services.uploadDock = m_uploadDock;
    services.webProfiles = m_webProfiles;
    auto *page = new EnvironmentPage(session, services, m_ui->pages);
    connect(page, &EnvironmentPage::addAccountRequested, this, &MainWindow::showAddAccount);
    connect(page, &EnvironmentPage::settingsRequested, this, &MainWindow::showSettings);
    m_pages.insert(environmentId, page);
    m_pageHost->addPage(page);
    session->refresh();
    return page;
}

void MainWindow::addPage(Page *page)
{
    m_pageHost->addPage(page);
}

void MainWindow::showPage(Page *page)
{
    m_currentId = m_pages.key(page);
    m_pageHost->setCurrentPage(page);
    m_switcher->setCurrent(m_currentId);
    for (QAction *action : std::as_const(m_environmentActions))
        action->setChecked(!m_currentId.isEmpty() && action->data().toString() == m_currentId);
    updateStatus();
}

Page *MainWindow::currentPage() const
{
    return m_pageHost->currentPage();
}

void MainWindow::rebuildEnvironmentActions()
{
    for (QAction *action : std::as_const(m_environmentActions)) {
        m_ui->environmentMenu->removeAction(action);
        m_environmentGroup->removeAction(action);
        delete action;
    }
    m_environmentActions.clear();
    int number = 0;
    for (const core::EnvironmentRecord &env : m_store->activeEnvironments()) {
        ++number;
        const core::AccountRecord *account = m_store->account(env.accountId);
        const QString label = (account && account->label != env.name)
            ? tr("%1 › %2").arg(account->displayLabel(), env.displayName())
            : env.displayName();
        // "&&" keeps an ampersand in a name from becoming a mnemonic.
        auto *action = new QAction(QString(label).replace(QLatin1Char('&'), QLatin1String("&&")), this);
        action->setObjectName(QStringLiteral("environmentAction%1").arg(number));
        action->setData(env.id);
        action->setCheckable(true);
        action->setChecked(env.id == m_currentId);
        // Ctrl+Alt+number: Ctrl+1, 2, 3 switch the browser's views (as in Dolphin).
        if (number <= 9)
            action->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key(Qt::Key_0 + number)));
        action->setShortcutContext(Qt::ApplicationShortcut);
        const QString id = env.id;
        connect(action, &QAction::triggered, this, [this, id] { openEnvironment(id); });
        m_environmentGroup->addAction(action);
        m_ui->environmentMenu->addAction(action);
        m_environmentActions.append(action);
    }
}

void MainWindow::onStoreChanged()
{
    rebuildEnvironmentActions();
    // Environments that are gone (removed elsewhere) lose their pages.
    const QList<QString> known = m_pages.keys();
    for (const QString &id : known) {
        const core::EnvironmentRecord *env = m_store->environment(id);
        const core::AccountRecord *account = env ? m_store->account(env->accountId) : nullptr;
        if (!env || !account || !account->loggedIn)
            dropEnvironment(id);
    }
    // The embedded sandbox became reachable: test it now.
    for (EnvironmentSession *session : std::as_const(m_sessions)) {
        if (session->connection() == EnvironmentSession::Connection::Starting
            && m_store->isRuntimeAvailable(session->environmentId()))
            session->refresh();
    }
    if (m_currentId.isEmpty() || !m_pages.contains(m_currentId)) {
        const QList<core::EnvironmentRecord> active = m_store->activeEnvironments();
        if (!active.isEmpty())
            openEnvironment(active.first().id);
        else
            openEnvironment(QString());
    } else {
        updateStatus();
    }
}

void MainWindow::dropEnvironment(const QString &environmentId)
{
    // At once, not deleteLater(): on log out and removal the store deletes the environment's files
    // as soon as changed() returns, and the page (thumbnail cache) and the session (catalogue,
    // upload journal) must have closed them by then, or they would write them back. Neither is on
    // the stack here: only removal and log out make an environment inactive, and those start in the
    // Accounts dialog and end in the keychain's answer.
    if (Page *page = m_pages.take(environmentId)) {
        m_pageHost->removePage(page);
        delete page;
    }
    delete m_sessions.take(environmentId);
    if (m_currentId == environmentId)
        m_currentId.clear();
}

void MainWindow::updateStatus()
{
    const QString settingsProblem = AccountMessages::settingsProblemsShort(m_store->problems());
    m_statusSettingsProblem->setText(settingsProblem);
    m_statusSettingsProblem->setVisible(!settingsProblem.isEmpty());
    const bool environment = session(m_currentId) != nullptr;
    m_ui->testConnectionAction->setEnabled(environment);
    // The dock is in the window only while an environment's page is.
    m_ui->showUploadsAction->setEnabled(environment);
    updateTitle();
}

void MainWindow::updateTitle()
{
    const Page *page = m_pageHost->currentPage();
    const QString title = page != nullptr ? page->title() : QString();
    setWindowTitle(title.isEmpty() ? tr("Stratus") : tr("%1 — Stratus").arg(title));
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this, m_links);
    dialog.exec();
}

HelpWindow *MainWindow::showDocumentation()
{
    if (!m_help)
        m_help = new HelpWindow(m_links, this);
    m_help->show();
    m_help->raise();
    m_help->activateWindow();
    return m_help;
}

QString MainWindow::diagnostics() const
{
    QStringList environments;
    for (const core::EnvironmentRecord &environment : m_store->activeEnvironments()) {
        const EnvironmentSession *open = session(environment.id);
        const QString connection = open == nullptr
            ? u"not opened"_s
            : QString::fromLatin1(
                  QMetaEnum::fromType<EnvironmentSession::Connection>().valueToKey(int(open->connection())))
                  .toLower();
        environments << Diagnostics::environmentLine(
            environment.embeddedSandbox, core::folderModeName(environment.folderMode), connection);
    }
    return Diagnostics::report(environments, m_recentProblems ? m_recentProblems->lines() : QStringList());
}

ReportProblemDialog *MainWindow::reportProblem()
{
    auto *dialog = new ReportProblemDialog(diagnostics(), m_links, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    statusBar()->showMessage(tr("The problem report is on the clipboard."), 5000);
    return dialog;
}

void MainWindow::showAccounts()
{
    // Window-modal and deleted on close: the event loop keeps running (sessions keep updating).
    auto *dialog = new AccountsDialog(m_store, m_network, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOAuthConfig(m_preferences->oauthConfig());
    // Log out and removal delete the account's web profile (issue 15) before its other files.
    dialog->setWebProfiles(m_webProfiles);
    if (!m_currentId.isEmpty())
        dialog->selectEnvironment(m_currentId);
    dialog->open();
}

void MainWindow::showAddAccount()
{
    auto *dialog = new AddEnvironmentDialog(m_store, m_network, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOAuthConfig(m_preferences->oauthConfig());
    connect(dialog, &AddEnvironmentDialog::environmentsAdded, this, [this](const QStringList &ids) {
        if (!ids.isEmpty())
            openEnvironment(ids.first());
    });
    dialog->open();
}

void MainWindow::showSettings()
{
    // What OK changes reaches its listeners through the preferences' signals.
    auto *dialog = new SettingsDialog(m_preferences, this);
    dialog->setProxyPassword(m_proxyPassword);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_theme)
        connect(dialog, &SettingsDialog::themePreviewed, m_theme, &ThemeController::preview);
    dialog->open();
}

} // namespace stratus::gui
