#include "medialibraryview.h"

#include "medialibrarycatalog.h"
#include "medialibraryinsertbar.h"
#include "widgethost.h"

#include "core/accounts/accountstore.h"
#include "core/catalog/catalog.h"
#include "core/session/environmentsession.h"
#include "core/signing/clock.h"
#include "core/widgets/medialibrarylogin.h"
#include "gui/browser/assetmimedata.h"
#include "gui/errors/errorpresenter.h"
#include "gui/shell/infobar.h"
#include "gui/shell/inputdialogs.h"
#include "gui/shell/statusline.h"
#include "web/widgetsources.h"

#include <QFile>
#include <QInputDialog>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QShowEvent>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

Q_DECLARE_LOGGING_CATEGORY(lcMediaLibraryCatalog)

namespace {

// How many assets one "Use in Stratus" may carry.
constexpr int kMaxFiles = 50;

const core::SystemClock &systemClock()
{
    static const core::SystemClock clock;
    return clock;
}

QList<web::MediaLibraryAssetRef> refsOf(const QList<web::MediaLibraryAsset> &assets)
{
    QList<web::MediaLibraryAssetRef> refs;
    for (const web::MediaLibraryAsset &asset : assets)
        refs.append({asset.publicId, asset.resourceType, asset.type, asset.assetId});
    return refs;
}

} // namespace

MediaLibraryView::MediaLibraryView(core::EnvironmentSession *session, web::WebProfiles *profiles,
                                   QWidget *parent)
    : Page(parent)
    , m_session(session)
    , m_profiles(profiles)
{
    setObjectName(u"mediaLibraryView"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_signInBar = new InfoBar(this);
    m_signInBar->setObjectName(u"mediaLibrarySignInBar"_s);
    m_signInBar->setText(tr("The Media Library signs you in to Cloudinary's console. Give your console "
                            "e-mail address for this account and Stratus signs you in automatically."));
    m_signInBar->setActionText(tr("Sign In &Automatically…"));
    m_signInBar->hide();
    connect(m_signInBar, &InfoBar::actionTriggered, this, &MediaLibraryView::askForConsoleEmail);
    layout->addWidget(m_signInBar);

    m_insertBar = new MediaLibraryInsertBar(this);
    m_insertBar->setMimeFactory(
        [this](const QList<web::MediaLibraryAsset> &assets) { return mimeData(assets); });
    connect(m_insertBar, &MediaLibraryInsertBar::statusMessage, this, &MediaLibraryView::statusMessage);
    connect(m_insertBar, &MediaLibraryInsertBar::showInBrowserRequested, this,
            [this] { withAssetIds([this](const QStringList &ids) { Q_EMIT showInBrowserRequested(ids); }); });
    connect(m_insertBar, &MediaLibraryInsertBar::downloadRequested, this,
            [this] { withAssetIds([this](const QStringList &ids) { Q_EMIT downloadRequested(ids); }); });
    layout->addWidget(m_insertBar);

    m_host = new WidgetHost(profiles, session, web::WidgetKind::MediaLibrary, this);
    m_statusLine = new StatusLine(this);
    m_statusLine->setObjectName(u"statusMediaLibrary"_s);
    m_statusLine->setContentsMargins(6, 0, 6, 0);
    m_statusLine->hide();
    connect(this, &MediaLibraryView::statusMessage, m_statusLine,
            [this](const QString &text) { m_statusLine->showMessage(text, StatusKind::Done); });
    layout->addWidget(m_host, 1);

    m_bridge = new web::MediaLibraryBridge(this);
    m_catalog = new MediaLibraryCatalog(session, this);
    connect(m_catalog, &MediaLibraryCatalog::catalogChanged, this, &MediaLibraryView::catalogChanged);
    connect(m_bridge, &web::MediaLibraryBridge::inserted, this, &MediaLibraryView::onInserted);
    // The console's own close button hides an inline library too, which would leave the view blank: the
    // view is the library, so it is shown again at once (on its first page).
    connect(m_bridge, &web::MediaLibraryBridge::hidden, this, [this] {
        m_host->runScript(u"window.stratusMediaLibrary && window.stratusMediaLibrary.show()"_s);
    });
    connect(m_bridge, &web::MediaLibraryBridge::uploaded, this,
            [this](const QList<web::MediaLibraryAssetRef> &assets) {
                m_catalog->fetch(assets, true, [this, count = assets.size()](const auto &fetched) {
                    if (fetched)
                        Q_EMIT statusMessage(tr("%n upload(s) from the Media Library added to the catalogue",
                                                nullptr, int(fetched->size())));
                    else
                        Q_EMIT statusMessage(
                            tr("%n upload(s) in the Media Library could not be read: %1", nullptr, int(count))
                                .arg(ErrorPresenter::text(fetched.error())));
                });
            });
    connect(m_bridge, &web::MediaLibraryBridge::deleted, this,
            [this](const QList<web::MediaLibraryAssetRef> &assets) {
                const int removed = m_catalog->remove(assets);
                Q_EMIT statusMessage(tr("%n asset(s) deleted in the Media Library removed from the catalogue",
                                        nullptr, removed));
            });
    connect(m_bridge, &web::MediaLibraryBridge::identified, this, [this](const QString &who) {
        m_identity = who;
        // Who the console is signed in as, in the status bar while nothing else is said (a wrong
        // account is the usual reason an insert does nothing).
        m_statusLine->setIdleText(who.isEmpty() ? QString() : tr("Media Library: signed in as %1").arg(who));
        // Signed in in the console: the offer to sign in automatically can wait for the next time.
        if (!who.isEmpty())
            m_signInBar->hide();
    });
    connect(m_bridge, &web::MediaLibraryBridge::failed, this, [](const QString &message) {
        // The console's words: for the log (they never carry the secret, which never reaches the page).
        qCInfo(lcMediaLibraryCatalog).noquote() << "the Media Library reported:" << message.left(200);
    });

    if (m_session) {
        connect(m_session, &core::EnvironmentSession::changed, this, [this] {
            if (m_waitingForSession && !m_session->effectiveUrl().cloudName().isEmpty()) {
                m_waitingForSession = false;
                start();
            }
        });
        if (core::AccountStore *store = m_session->store())
            connect(store, &core::AccountStore::changed, this, &MediaLibraryView::updateSignInBar);
    }
}

MediaLibraryView::~MediaLibraryView() = default;

QString MediaLibraryView::title() const
{
    return tr("&Media Library");
}

PageContributions MediaLibraryView::contributions() const
{
    PageContributions contributions;
    contributions.statusWidgets << m_statusLine;
    return contributions;
}

void MediaLibraryView::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    constexpr qint64 kLoginFreshMs = 50 * 60 * 1000;
    const bool signedLogin = m_options.contains(u"signature"_s);
    if (!m_started || (signedLogin && m_loadedAt.isValid() && m_loadedAt.elapsed() > kLoginFreshMs))
        start();
}

void MediaLibraryView::left()
{
    // Not from hideEvent(): a window that closes, or a page being destroyed, hides its views too.
    if (m_started && m_session)
        m_session->syncCatalog();
}

void MediaLibraryView::setProfiles(web::WebProfiles *profiles)
{
    if (m_started)
        return;
    m_profiles = profiles;
    m_host->setProfiles(profiles);
}

void MediaLibraryView::start()
{
    m_started = true;
    updateSignInBar();
    core::EnvironmentSession *session = m_session.data();
    if (session == nullptr || m_profiles == nullptr) {
        m_host->load(nullptr, QString()); // says the widget is not available here
        return;
    }
    const core::EnvironmentRecord record = session->record();
    const core::CloudinaryUrl url = session->effectiveUrl();
    if (url.cloudName().isEmpty()) {
        // The Local sandbox is still starting: start when it is there.
        m_waitingForSession = true;
        return;
    }
    const auto context = session->apiContext();
    QString email;
    if (const core::AccountStore *store = session->store()) {
        if (const core::AccountRecord *account = store->account(record.accountId))
            email = account->consoleEmail;
    }
    delete m_login.data();
    m_login = new core::MediaLibraryLogin(url.cloudName(), url.apiKey(), context ? context->secret : nullptr,
                                          systemClock(), this);
    const QString cloudName = url.cloudName();
    const QString apiKey = url.apiKey();
    m_login->loginOptions(email, [this, cloudName, apiKey](core::Result<QJsonObject> login) {
        if (login) {
            load(login.value());
            return;
        }
        // The keychain did not answer: the console's own sign-in still works.
        qCInfo(lcMediaLibraryCatalog)
            << "Media Library without a prepared sign-in:" << core::errorReasonName(login.error().reason);
        QJsonObject plain {{u"cloud_name"_s, cloudName}};
        if (!apiKey.isEmpty())
            plain.insert(u"api_key"_s, apiKey);
        load(plain);
    });
}

void MediaLibraryView::load(const QJsonObject &login)
{
    QJsonObject options = login;
    options.insert(u"integration"_s, core::MediaLibraryLogin::integration());
    options.insert(u"multiple"_s, true);
    options.insert(u"max_files"_s, kMaxFiles);
    options.insert(u"insert_caption"_s, tr("Use in Stratus"));
    options.insert(u"remove_header"_s, false);
    // What the page is given, minus what only the iframe may see, for tests and the log.
    m_options = options;
    for (const auto key : {"signature"_L1, "access_token"_L1})
        if (m_options.contains(key))
            m_options.insert(key, u"…"_s);
    m_loadedAt.start();
    const QJsonObject setup {{u"options"_s, options}, {u"show"_s, QJsonObject()}};
    m_host->load(m_bridge, hostPage(m_host->sources().script(web::WidgetKind::MediaLibrary), setup));
}

QString MediaLibraryView::hostPage(const QUrl &loader, const QJsonObject &setup)
{
    QFile file(u":/web/media-library.html"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString html = QString::fromUtf8(file.readAll());
    html.replace(u"@LOADER@"_s, loader.toString(QUrl::FullyEncoded).toHtmlEscaped());
    html.replace(u"@SETUP@"_s, web::jsonForScript(setup));
    return html;
}

void MediaLibraryView::updateSignInBar()
{
    const core::EnvironmentSession *session = m_session.data();
    bool offer = false;
    if (session != nullptr && m_profiles != nullptr && m_started) {
        const core::EnvironmentRecord record = session->record();
        const core::AccountStore *store = session->store();
        const core::AccountRecord *account = store != nullptr ? store->account(record.accountId) : nullptr;
        offer = !record.usesToken() && account != nullptr && account->consoleEmail.isEmpty();
    }
    m_signInBar->setVisible(offer && !m_signInBar->isDismissed());
}

void MediaLibraryView::askForConsoleEmail()
{
    core::EnvironmentSession *session = m_session.data();
    core::AccountStore *store = session != nullptr ? session->store() : nullptr;
    if (store == nullptr)
        return;
    const QString accountId = session->record().accountId;
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(u"consoleEmailDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Sign In Automatically"));
    dialog->setLabelText(tr("The e-mail address you sign in to Cloudinary's console with, for this "
                            "account. Stratus signs the Media Library's sign-in with the account's API "
                            "secret, which stays on this computer."));
    dialog->setInputMode(QInputDialog::TextInput);
    dialog->setTextEchoMode(QLineEdit::Normal);
    if (const core::AccountRecord *account = store->account(accountId))
        // The address the console was signed in with, when the person signed in there.
        dialog->setTextValue(account->consoleEmail.isEmpty() ? m_identity : account->consoleEmail);
    wrapInputDialogLabel(dialog);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, accountId](const QString &email) {
        core::AccountStore *current = m_session ? m_session->store() : nullptr;
        if (current == nullptr || email.trimmed().isEmpty())
            return;
        if (auto kept = current->setConsoleEmail(accountId, email); !kept) {
            ErrorPresenter::messageBox(
                this, tr("Sign In Automatically"),
                tr("“%1” is not an e-mail address Stratus can use.").arg(email.trimmed()), kept.error());
            return;
        }
        start();
    });
    dialog->open();
}

void MediaLibraryView::onInserted(const QList<web::MediaLibraryAsset> &assets)
{
    m_insertBar->setAssets(assets);
    Q_EMIT statusMessage(tr("%n asset(s) chosen in the Media Library", nullptr, int(assets.size())));
    // The browser can show and download only what the catalogue has: fetch what it lacks now.
    m_catalog->fetch(refsOf(assets), false);
}

void MediaLibraryView::withAssetIds(const std::function<void(const QStringList &)> &use)
{
    m_catalog->fetch(refsOf(m_insertBar->assets()), false, [this, use](const core::Result<QStringList> &ids) {
        if (!ids) {
            Q_EMIT statusMessage(
                tr("These assets are not in the catalogue yet: %1").arg(ErrorPresenter::text(ids.error())));
            return;
        }
        use(ids.value());
    });
}

QMimeData *MediaLibraryView::mimeData(const QList<web::MediaLibraryAsset> &assets) const
{
    core::EnvironmentSession *session = m_session.data();
    core::catalog::Catalog *catalog = session != nullptr ? session->catalog() : nullptr;
    QList<core::catalog::CatalogAsset> catalogAssets;
    QList<QUrl> urls;
    for (const web::MediaLibraryAsset &asset : assets) {
        std::optional<core::catalog::CatalogAsset> known;
        if (catalog != nullptr) {
            const QString id
                = m_catalog->knownAssetId({asset.publicId, asset.resourceType, asset.type, asset.assetId});
            if (!id.isEmpty()) {
                if (auto found = catalog->asset(id); found && found.value())
                    known = *found.value();
            }
        }
        if (!known) {
            // Not synced yet: what the widget said is enough for a drag.
            QJsonObject json = asset.json;
            if (!asset.assetId.isEmpty())
                json.insert(u"asset_id"_s, asset.assetId);
            known = core::catalog::CatalogAsset::fromResourceJson(json);
        }
        catalogAssets.append(*known);
        urls.append(asset.preferredUrl());
    }
    return new AssetMimeData(catalogAssets, urls);
}

} // namespace stratus::gui
