#include "widgethost.h"

#include "core/session/environmentsession.h"
#include "web/webprofiles.h"
#include "web/widgetbridge.h"
#include "web/widgetview.h"

#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QWebEngineScript>

using namespace Qt::StringLiterals;

namespace stratus::gui {

WidgetHost::WidgetHost(web::WebProfiles *profiles, core::EnvironmentSession *session, web::WidgetKind kind,
                       QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
    , m_session(session)
    , m_kind(kind)
{
    if (session != nullptr) {
        m_accountId = session->record().accountId;
        m_sources = web::WidgetSources::forEnvironment(session->effectiveUrl());
    }

    m_stack = new QStackedWidget(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    m_notice = new QWidget(m_stack);
    m_notice->setObjectName(u"widgetNotice"_s);
    auto *noticeLayout = new QVBoxLayout(m_notice);
    noticeLayout->addStretch(2);
    m_noticeTitle = new QLabel(m_notice);
    m_noticeTitle->setObjectName(u"noticeTitle"_s);
    m_noticeTitle->setAlignment(Qt::AlignHCenter);
    QFont titleFont = m_noticeTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_noticeTitle->setFont(titleFont);
    m_noticeText = new QLabel(m_notice);
    m_noticeText->setObjectName(u"noticeText"_s);
    m_noticeText->setAlignment(Qt::AlignHCenter);
    m_noticeText->setWordWrap(true);
    // A fixed width: a word-wrapped label centred by its layout gets the height of one line otherwise.
    m_noticeText->setFixedWidth(480);
    m_noticeText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry = new QPushButton(tr("Try Again"), m_notice);
    m_retry->setObjectName(u"retryButton"_s);
    connect(m_retry, &QPushButton::clicked, this, &WidgetHost::reload);
    noticeLayout->addWidget(m_noticeTitle);
    noticeLayout->addSpacing(6);
    noticeLayout->addWidget(m_noticeText, 0, Qt::AlignHCenter);
    noticeLayout->addSpacing(12);
    noticeLayout->addWidget(m_retry, 0, Qt::AlignHCenter);
    noticeLayout->addStretch(3);
    m_stack->addWidget(m_notice);
    showNotice(tr("Loading %1…").arg(widgetName()), QString(), false);

    if (m_profiles != nullptr)
        connect(m_profiles, &web::WebProfiles::profileClosing, this, &WidgetHost::onProfileClosing);
}

web::WidgetSources WidgetHost::sources() const
{
    return m_session ? web::WidgetSources::forEnvironment(m_session->effectiveUrl()) : m_sources;
}

void WidgetHost::setProfiles(web::WebProfiles *profiles)
{
    if (m_profiles == profiles || m_page)
        return;
    if (m_profiles != nullptr)
        disconnect(m_profiles, nullptr, this, nullptr);
    m_profiles = profiles;
    if (m_profiles != nullptr)
        connect(m_profiles, &web::WebProfiles::profileClosing, this, &WidgetHost::onProfileClosing);
}

WidgetHost::~WidgetHost()
{
    // The view first lets go of the page; then the page goes before the bridge it points at.
    if (m_view != nullptr)
        m_view->setWidgetPage(nullptr);
    delete m_page.data();
}

QString WidgetHost::widgetName() const
{
    switch (m_kind) {
    case web::WidgetKind::MediaLibrary:
        return tr("the Media Library");
    case web::WidgetKind::UploadWidget:
        return tr("the Upload widget");
    case web::WidgetKind::MediaEditor:
        return tr("the Media Editor");
    case web::WidgetKind::VideoPlayer:
        return tr("the Video Player");
    case web::WidgetKind::ProductGallery:
        return tr("the Product Gallery");
    }
    return {};
}

void WidgetHost::load(web::WidgetBridge *bridge, const QString &html)
{
    m_bridge = bridge;
    m_html = html;
    reload();
}

void WidgetHost::reload()
{
    if (m_profiles == nullptr || m_bridge == nullptr || m_session == nullptr) {
        showNotice(tr("%1 is not available here").arg(widgetName()), QString(), false);
        return;
    }
    m_ready = false;
    // Again at each load: the environment may have had no URL yet when the host was made (sources()).
    m_sources = sources();
    // A page shows one host document with one bridge: a new load gets a new page (setBridge() is once
    // per page).
    if (m_page) {
        m_view->setWidgetPage(nullptr);
        delete m_page.data();
    }
    createPage();
    if (!m_page) {
        showNotice(tr("%1 is not available here").arg(widgetName()), QString(), false);
        return;
    }
    showNotice(tr("Loading %1…").arg(widgetName()), QString(), false);
    m_page->loadHost(m_html, web::WidgetSources::hostUrl(m_kind));
}

void WidgetHost::createPage()
{
    QWebEngineProfile *profile = m_profiles->profile(m_accountId);
    if (profile == nullptr)
        return;
    if (m_view == nullptr) {
        m_view = new web::WidgetView(m_stack);
        m_view->setObjectName(u"widgetView"_s);
        m_stack->addWidget(m_view);
    }
    auto *page = new web::WidgetPage(profile, this);
    for (const QUrl &origin : m_sources.frameOrigins())
        page->allowOrigin(origin);
    page->setPermissionHook(permissionPrompt(this));
    // The view before the load (Qt 6.4 crashes otherwise), the bridge before the load (its scripts).
    m_view->setWidgetPage(page);
    page->setBridge(m_bridge.data());
    const int generation = ++m_loadGeneration;
    connect(page, &QWebEnginePage::loadFinished, this, [this, generation](bool ok) {
        if (generation == m_loadGeneration)
            onLoadFinished(ok);
    });
    m_page = page;
}

void WidgetHost::onLoadFinished(bool ok)
{
    if (!m_page)
        return;
    if (!ok) {
        showNotice(tr("%1 could not be opened").arg(widgetName()),
                   tr("The page that holds it did not load. Try again."), true);
        Q_EMIT unavailable();
        return;
    }
    // A <script src> that could not be fetched leaves no `cloudinary` behind: no internet for
    // Cloudinary's scripts, or a sandbox that does not answer.
    const int generation = m_loadGeneration;
    m_page->runJavaScript(
        u"typeof window.cloudinary === 'object' || typeof window.cloudinary === 'function'"_s,
        QWebEngineScript::MainWorld,
        [this, generation, guard = QPointer<WidgetHost>(this)](const QVariant &result) {
            if (!guard || generation != m_loadGeneration || !m_page)
                return;
            if (result.toBool()) {
                m_ready = true;
                showWidget();
                Q_EMIT ready();
                return;
            }
            const QString host = m_sources.script(m_kind).host();
            if (m_sources.standIns())
                showNotice(tr("The sandbox does not answer"),
                           tr("Stratus could not load %1 from the sandbox at %2. Check that "
                              "it is running, then try again.")
                               .arg(widgetName(), host),
                           true);
            else
                showNotice(tr("%1 needs an internet connection").arg(widgetName()),
                           tr("Stratus could not load it from %1. Check your connection, "
                              "then try again. The rest of Stratus works offline.")
                               .arg(host),
                           true);
            Q_EMIT unavailable();
        });
}

void WidgetHost::runScript(const QString &script)
{
    if (m_page && m_ready)
        m_page->runJavaScript(script, QWebEngineScript::MainWorld);
}

QString WidgetHost::noticeTitle() const
{
    return m_stack->currentWidget() == m_notice ? m_noticeTitle->text() : QString();
}

QString WidgetHost::noticeText() const
{
    return m_stack->currentWidget() == m_notice ? m_noticeText->text() : QString();
}

void WidgetHost::showNotice(const QString &title, const QString &text, bool offerRetry)
{
    QString first = title;
    if (!first.isEmpty())
        first[0] = first[0].toUpper(); // "the Media Library needs…" opens a sentence
    m_noticeTitle->setText(first);
    m_noticeText->setText(text);
    m_noticeText->setVisible(!text.isEmpty());
    m_retry->setVisible(offerRetry);
    const bool hadFocus = hasFocusInside();
    m_stack->setCurrentWidget(m_notice);
    // Focus on the host is on what it shows: the view, else Try Again.
    setFocusProxy(offerRetry ? m_retry : nullptr);
    if (hadFocus)
        setFocus(Qt::OtherFocusReason);
}

void WidgetHost::showWidget()
{
    if (m_view == nullptr)
        return;
    const bool hadFocus = hasFocusInside();
    m_stack->setCurrentWidget(m_view);
    setFocusProxy(m_view);
    // The keyboard goes to the widget as soon as it is there, when the window was given to it
    // (WidgetWindow::present()) or nothing in the window has the focus.
    if (hadFocus || window()->focusWidget() == nullptr)
        m_view->setFocus(Qt::OtherFocusReason);
}

bool WidgetHost::hasFocusInside() const
{
    const QWidget *focus = window()->focusWidget();
    return focus != nullptr && (focus == this || isAncestorOf(focus));
}

void WidgetHost::onProfileClosing(const QString &accountId)
{
    if (accountId != m_accountId || !m_page)
        return;
    // Now, not later: the profile is deleted right after this signal.
    m_view->setWidgetPage(nullptr);
    delete m_page.data();
    m_ready = false;
    ++m_loadGeneration;
    showNotice(tr("%1 is closed").arg(widgetName()),
               tr("Its sign-in and data were removed from this computer."), false);
    Q_EMIT closedByProfile();
}

web::WidgetPage::PermissionHook WidgetHost::permissionPrompt(QWidget *parent)
{
    const QPointer<QWidget> guard(parent);
    return [guard](const QUrl &origin, QWebEnginePage::Feature feature, std::function<void(bool)> answer) {
        QString what;
        switch (feature) {
        case QWebEnginePage::MediaAudioCapture:
            what = tr("Allow %1 to use your microphone?");
            break;
        case QWebEnginePage::MediaVideoCapture:
            what = tr("Allow %1 to use your camera?");
            break;
        default:
            what = tr("Allow %1 to use your camera and microphone?");
            break;
        }
        auto *box = new QMessageBox(QMessageBox::Question, tr("Camera and Microphone"),
                                    what.arg(origin.host()), QMessageBox::NoButton, guard.data());
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setInformativeText(
            tr("Stratus asks each time a widget wants them. Nothing is recorded until you "
               "allow it."));
        QPushButton *allow = box->addButton(tr("Allow"), QMessageBox::AcceptRole);
        QPushButton *deny = box->addButton(tr("Don't Allow"), QMessageBox::RejectRole);
        box->setDefaultButton(deny);
        box->setEscapeButton(deny);
        QObject::connect(box, &QMessageBox::finished, box,
                         [box, allow, answer]() { answer(box->clickedButton() == allow); });
        box->open();
    };
}

} // namespace stratus::gui
