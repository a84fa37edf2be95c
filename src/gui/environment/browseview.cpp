#include "browseview.h"

#include "gui/errors/errorpresenter.h"

#include "environmentpage.h"

#include "core/cache/diskcache.h"
#include "core/delivery/deliverysigner.h"
#include "core/delivery/thumbnailurls.h"
#include "core/net/neterror.h"
#include "core/session/environmentsession.h"
#include "gui/browser/browsercommands.h"
#include "gui/browser/browserenvironment.h"
#include "gui/browser/browserlogging.h"
#include "gui/browser/browserpage.h"
#include "gui/browser/detailspanel.h"
#include "gui/browser/thumbnailloader.h"
#include "gui/browser/thumbnailscheduler.h"
#include "gui/cloudwidgets/cloudwidgetwindows.h"
#include "gui/settings/preferences.h"
#include "gui/shell/statusline.h"
#include "gui/upload/uploadcontroller.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QTimer>
#include <QVBoxLayout>

namespace stratus::gui {

using core::EnvironmentSession;
using namespace Qt::StringLiterals;

namespace {

std::function<core::Result<core::ApiContext>()> apiContextOf(const QPointer<EnvironmentSession> &guard)
{
    return [guard]() -> core::Result<core::ApiContext> {
        if (!guard)
            return core::Error::because(core::Error::Kind::Unavailable, core::ErrorReason::EnvironmentClosed);
        return guard->apiContext();
    };
}

} // namespace

BrowseView::BrowseView(EnvironmentSession *session, Preferences *preferences, QWidget *parent)
    : Page(parent)
    , m_session(session)
    , m_preferences(preferences)
    , m_statusLine(new StatusLine(this))
{
    setObjectName(u"browseView"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_statusLine->setObjectName(u"statusBrowse"_s);
    m_statusLine->setContentsMargins(6, 0, 6, 0);
    m_statusLine->hide();
    if (session == nullptr || session->catalog() == nullptr) {
        auto *missing = new QLabel(this);
        missing->setObjectName(u"noCatalogLabel"_s);
        missing->setWordWrap(true);
        missing->setAlignment(Qt::AlignCenter);
        missing->setText(tr("The catalogue of this environment cannot be opened, so there is nothing to "
                            "browse: %1")
                             .arg(session != nullptr && session->catalogError()
                                      ? ErrorPresenter::text(*session->catalogError())
                                      : QString()));
        layout->addWidget(missing);
        return;
    }
    ThumbnailLoader *loader = createThumbnailLoader(*session, preferences);
    createBrowser(*session, loader, createSigner());
    layout->addWidget(m_browser);
    followSyncsAndUploads(*session);
    rememberDetailsLayout(preferences);
    updateStatusLine();
    restoreSort();
    connect(m_browser, &BrowserPage::sortChanged, this, &BrowseView::saveSort);
}

BrowseView::~BrowseView() = default;

QString BrowseView::title() const
{
    return tr("&Browse");
}

PageContributions BrowseView::contributions() const
{
    PageContributions contributions;
    if (m_browser != nullptr) {
        contributions.statusWidgets << m_statusLine;
        contributions.menus << m_goMenu;
        contributions.editActions << m_browser->editActions();
        contributions.viewActions << m_browser->viewActions();
    }
    return contributions;
}

void BrowseView::rememberDetailsLayout(Preferences *preferences)
{
    if (preferences == nullptr)
        return;
    DetailsPanel *details = m_browser->detailsPanel();
    details->setTechnicalExpanded(preferences->values().detailsTechnicalOpen);
    connect(details, &DetailsPanel::technicalExpandedChanged, this, [preferences](bool open) {
        AppSettings values = preferences->values();
        if (values.detailsTechnicalOpen == open)
            return;
        values.detailsTechnicalOpen = open;
        if (const auto written = preferences->setValues(values); !written)
            qCWarning(lcBrowser) << "the details panel's layout is not kept:" << written.error().message;
    });
}

ThumbnailLoader *BrowseView::createThumbnailLoader(EnvironmentSession &session,
                                                   const Preferences *preferences)
{
    // A disk cache per environment (deleted at log out), sized by the preferences, and trimmed at
    // once when the size shrinks.
    m_thumbnailCache = std::make_unique<core::DiskCache>(session.thumbnailCacheDirectory(),
                                                         preferences->values().thumbnailCacheBytes());
    connect(preferences, &Preferences::thumbnailCacheSizeChanged, this,
            [this](qint64 bytes) { m_thumbnailCache->setMaximumSize(bytes); });
    return new ThumbnailLoader(session.network(), m_thumbnailCache.get(), this);
}

core::DeliverySigner *BrowseView::createSigner()
{
    // Private and authenticated assets' thumbnails are signed (the secret fetched once per screen).
    return new core::DeliverySigner(apiContextOf(m_session), this);
}

void BrowseView::createBrowser(EnvironmentSession &session, ThumbnailLoader *loader,
                               core::DeliverySigner *signer)
{
    // The environment's URL is asked for at every request (the Local sandbox's is known only once
    // it listens); the URL builder is made again only when that URL changes.
    QPointer<EnvironmentSession> guard(m_session);
    auto built = std::make_shared<std::pair<QString, core::ThumbnailUrlFunction>>();
    QPointer<core::DeliverySigner> signerGuard(signer);
    core::ThumbnailUrlFunction urls
        = [guard, built, signerGuard](const core::catalog::CatalogAsset &asset, const QSize &pixels) -> QUrl {
        if (!guard)
            return {};
        const core::CloudinaryUrl url = guard->effectiveUrl();
        if (url.cloudName().isEmpty())
            return {};
        if (const QString text = url.toString(); text != built->first || !built->second) {
            *built = {text,
                      core::thumbnailUrlFunction(url.toSdkConfig(), core::deliveryOptions(url),
                                                 signerGuard.data())};
        }
        return built->second(asset, pixels);
    };
    BrowserEnvironment environment;
    environment.catalog = session.catalog();
    environment.network = session.network();
    environment.apiContext = apiContextOf(guard);
    environment.url = [guard] {
        return guard ? guard->effectiveUrl() : core::CloudinaryUrl();
    };
    environment.usesToken = [guard] {
        return guard && guard->record().usesToken();
    };
    environment.offlineReason = [guard]() -> QString {
        const EnvironmentSession *alive = guard.data();
        if (alive == nullptr)
            return tr("This environment is closed.");
        return alive->connection() == EnvironmentSession::Connection::Online
            ? QString()
            : EnvironmentPage::connectionText(*alive);
    };
    m_browser = new BrowserPage(std::move(environment), loader, std::move(urls), this);
    m_goMenu = new QMenu(tr("&Go"), this);
    m_goMenu->setObjectName(u"goMenu"_s);
    m_goMenu->addActions({m_browser->backAction(), m_browser->forwardAction(), m_browser->upAction()});
    connect(signer, &core::DeliverySigner::urlsSigned, m_browser->thumbnailScheduler(),
            &ThumbnailScheduler::schedule);
    connect(m_browser, &BrowserPage::filesDropped, this, &BrowseView::filesDropped);
    connect(m_browser, &BrowserPage::statusMessage, m_statusLine, &StatusLine::showMessage);
    connect(m_browser, &BrowserPage::selectionChanged, this, &BrowseView::updateStatusLine);
}

void BrowseView::followSyncsAndUploads(EnvironmentSession &session)
{
    connect(&session, &EnvironmentSession::changed, m_browser, &BrowserPage::refreshEnvironment);
    connect(&session, &EnvironmentSession::catalogSynced, m_browser, &BrowserPage::reload);
    // The sync checks the file first and rebuilds a damaged one.
    connect(m_browser, &BrowserPage::catalogDamaged, &session, &EnvironmentSession::syncCatalog);

    // Finished uploads are in the catalogue at once (written through); the browser shows them a
    // moment later, once per burst rather than once per file.
    auto *uploadsLanded = new QTimer(this);
    uploadsLanded->setSingleShot(true);
    uploadsLanded->setInterval(400);
    connect(uploadsLanded, &QTimer::timeout, m_browser, &BrowserPage::reload);
    const auto followUploads = [guard = m_session, uploadsLanded] {
        const EnvironmentSession *alive = guard.data();
        core::upload::UploadQueue *queue = alive != nullptr ? alive->uploadsIfMade() : nullptr;
        if (queue == nullptr)
            return;
        connect(queue, &core::upload::UploadQueue::jobFinished, uploadsLanded, qOverload<>(&QTimer::start),
                Qt::UniqueConnection);
    };
    connect(&session, &EnvironmentSession::uploadsReady, this, followUploads);
    followUploads();
}

void BrowseView::setUploads(UploadController *uploads)
{
    if (m_browser == nullptr || uploads == nullptr)
        return;
    auto *files = new QAction(tr("Upload &Files…"), this);
    files->setObjectName(u"uploadFilesButtonAction"_s);
    files->setToolTip(tr("Upload files to the folder shown (you can also drop files on the window)"));
    connect(files, &QAction::triggered, uploads, &UploadController::chooseFiles);
    auto *folder = new QAction(tr("Upload F&older…"), this);
    folder->setObjectName(u"uploadFolderButtonAction"_s);
    connect(folder, &QAction::triggered, uploads, &UploadController::chooseFolder);
    m_browser->setUploadActions({files, folder});
    m_uploads = uploads;
    connectWidgets();
}

CloudWidgetWindows *BrowseView::widgetWindows()
{
    return m_uploads ? m_uploads->widgetWindows(m_session) : nullptr;
}

void BrowseView::connectWidgets()
{
    // Cloudinary's widgets (issue 15) once the window has web profiles for them (they come after the
    // first page is made): the Media Editor and the previews among the browser's commands and in the
    // details panel, the Upload widget in the Upload button's menu.
    BrowserCommands *commands = m_browser->commands();
    const QPointer<UploadController> uploads = m_uploads;
    commands->setWidgetCommands([uploads] { return uploads && uploads->hasWidgets(); });
    connect(commands, &BrowserCommands::mediaEditorRequested, this,
            [this](const core::catalog::CatalogAsset &asset) {
                if (CloudWidgetWindows *windows = widgetWindows())
                    windows->openMediaEditor(asset);
            });
    connect(commands, &BrowserCommands::videoPlayerRequested, this,
            [this](const core::catalog::CatalogAsset &video) {
                if (CloudWidgetWindows *windows = widgetWindows())
                    windows->openVideoPlayer(video);
            });
    connect(commands, &BrowserCommands::productGalleryRequested, this,
            [this](const QList<core::catalog::CatalogAsset> &assets) {
                if (CloudWidgetWindows *windows = widgetWindows())
                    windows->openProductGallery(assets);
            });
    m_browser->detailsPanel()->setAssetActions(commands->widgetActions());
    // What a widget added (however it was opened) is in the catalogue already: the browser shows it now.
    connect(m_uploads, &UploadController::widgetAssetsWritten, this,
            [this](core::EnvironmentSession *session) {
                if (session == m_session && m_browser != nullptr)
                    m_browser->reload();
            });

    auto *menu = m_browser->findChild<QMenu *>(u"uploadMenu"_s);
    if (menu == nullptr)
        return;
    connect(menu, &QMenu::aboutToShow, this, [this, menu] {
        if (m_uploadWidgetAction != nullptr || !m_uploads || !m_uploads->hasWidgets())
            return;
        m_uploadWidgetAction = new QAction(tr("Upload from a &URL, Camera or Cloud Storage…"), this);
        m_uploadWidgetAction->setObjectName(u"uploadWidgetButtonAction"_s);
        m_uploadWidgetAction->setToolTip(
            tr("Cloudinary's Upload widget: files, a web address or the camera, into the folder shown"));
        connect(m_uploadWidgetAction, &QAction::triggered, this, &BrowseView::openUploadWidget);
        menu->addAction(m_uploadWidgetAction);
    });
}

void BrowseView::openUploadWidget()
{
    if (CloudWidgetWindows *windows = widgetWindows())
        windows->openUploadWidget(m_browser->currentFolder());
}

namespace {

const std::pair<core::catalog::CatalogSort, QString> kSortNames[] = {
    {core::catalog::CatalogSort::Name, u"name"_s},     {core::catalog::CatalogSort::CreatedAt, u"created"_s},
    {core::catalog::CatalogSort::Bytes, u"size"_s},    {core::catalog::CatalogSort::ResourceType, u"type"_s},
    {core::catalog::CatalogSort::Format, u"format"_s}, {core::catalog::CatalogSort::Pixels, u"dimensions"_s},
};

} // namespace

void BrowseView::restoreSort()
{
    if (m_preferences == nullptr || !m_session)
        return;
    const auto &sorts = m_preferences->values().browserSorts;
    const auto saved = sorts.constFind(m_session->environmentId());
    if (saved == sorts.cend())
        return;
    for (const auto &[key, name] : kSortNames) {
        if (name == saved->key) {
            const QSignalBlocker quiet(m_browser); // restoring is not a choice to write back
            m_browser->setSort(key, saved->descending ? Qt::DescendingOrder : Qt::AscendingOrder);
            return;
        }
    }
}

void BrowseView::saveSort()
{
    if (m_preferences == nullptr || !m_session)
        return;
    AppSettings values = m_preferences->values();
    AppSettings::BrowserSort sort;
    for (const auto &[key, name] : kSortNames) {
        if (key == m_browser->sortKey())
            sort.key = name;
    }
    sort.descending = m_browser->sortOrder() == Qt::DescendingOrder;
    values.browserSorts.insert(m_session->environmentId(), sort);
    if (const auto written = m_preferences->setValues(values); !written)
        qCWarning(lcBrowser) << "the browser's sort order could not be saved:" << written.error().message;
}

void BrowseView::updateStatusLine()
{
    const qsizetype selected = m_browser->selectedAssetIds().size();
    m_statusLine->setIdleText(selected > 0 ? tr("%n asset(s) selected", nullptr, int(selected)) : QString());
}

} // namespace stratus::gui
