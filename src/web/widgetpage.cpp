#include "widgetpage.h"

#include "bridgescripts.h"
#include "widgetbridge.h"

#include <QDesktopServices>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QWebChannel>
#include <QWebEngineCertificateError>
#include <QWebEngineScript>
#include <QWebEngineScriptCollection>

#include <memory>

using namespace Qt::StringLiterals;

namespace stratus::web {

Q_LOGGING_CATEGORY(lcPage, "stratus.web.page")

namespace {

QUrl originOf(const QUrl &url)
{
    QUrl origin;
    origin.setScheme(url.scheme().toLower());
    origin.setHost(url.host().toLower());
    origin.setPort(url.port(url.scheme() == u"https"_s ? 443 : 80));
    return origin;
}

bool isLoopback(const QString &host)
{
    if (host == u"localhost"_s)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QWebEngineScript script(const QString &name, const QString &source, QWebEngineScript::InjectionPoint point,
                        quint32 world)
{
    QWebEngineScript result;
    result.setName(name);
    result.setSourceCode(source);
    result.setInjectionPoint(point);
    result.setWorldId(world);
    result.setRunsOnSubFrames(false);
    return result;
}

} // namespace

WidgetPage::WidgetPage(QWebEngineProfile *profile, QObject *parent)
    : QWebEnginePage(profile, parent)
    , m_externalLinkHook([](const QUrl &url) { QDesktopServices::openUrl(url); })
{
    connect(this, &QWebEnginePage::certificateError, this, [this](QWebEngineCertificateError error) {
        // Never acceptCertificate(): a widget over a connection we cannot trust is not shown.
        qCWarning(lcPage) << "rejected a certificate error for" << error.url().host() << error.type();
        error.rejectCertificate();
        Q_EMIT certificateRejected(error.url());
    });
    connect(this, &QWebEnginePage::featurePermissionRequested, this,
            &WidgetPage::onFeaturePermissionRequested);
    // Whichever URL the engine reports for setHtml()'s document, the permission ends with its load.
    connect(this, &QWebEnginePage::loadFinished, this, [this]() { m_hostLoadPending = false; });
}

WidgetPage::~WidgetPage() = default;

void WidgetPage::loadHost(const QString &html, const QUrl &origin)
{
    allowOrigin(origin);
    m_hostOrigin = origin;
    installBridgeScripts();
    m_hostLoadPending = true;
    setHtml(html, origin);
}

void WidgetPage::allowOrigin(const QUrl &origin)
{
    const QString scheme = origin.scheme().toLower();
    if (scheme != u"https"_s && !(scheme == u"http"_s && isLoopback(origin.host()))) {
        qCWarning(lcPage) << "not allowing a non-https origin" << origin.host();
        return;
    }
    const QUrl normalised = originOf(origin);
    if (!m_allowedOrigins.contains(normalised))
        m_allowedOrigins.append(normalised);
}

bool WidgetPage::isAllowed(const QUrl &url) const
{
    const QString scheme = url.scheme().toLower();
    if (scheme == u"about"_s && url.path() == u"blank"_s)
        return true;
    if (scheme != u"https"_s && scheme != u"http"_s)
        return false;
    if (m_anyHttps && scheme == u"https"_s)
        return true;
    return m_allowedOrigins.contains(originOf(url));
}

void WidgetPage::setExternalLinkHook(ExternalLinkHook hook)
{
    m_externalLinkHook = std::move(hook);
}

void WidgetPage::setPermissionHook(PermissionHook hook)
{
    m_permissionHook = std::move(hook);
}

void WidgetPage::setBridge(WidgetBridge *bridge)
{
    Q_ASSERT(!m_channel);
    if (m_channel || !bridge)
        return;
    m_bridge = bridge;
    m_channel = new QWebChannel(this);
    m_channel->registerObject(u"bridge"_s, bridge);
    setWebChannel(m_channel, QWebEngineScript::ApplicationWorld);
    installBridgeScripts();
}

void WidgetPage::installBridgeScripts()
{
    if (!m_bridge || !m_hostOrigin.isValid())
        return;
    QWebEngineScriptCollection &collection = scripts();
    for (const QString &name : {u"stratus-relay"_s, u"stratus-relay-connect"_s, u"stratus-shim"_s}) {
        const QList<QWebEngineScript> old = collection.find(name);
        for (const QWebEngineScript &each : old)
            collection.remove(each);
    }
    // Scripts run in every main-frame document; these act only in the host's own (its origin), not
    // on another allowed page the main frame may show (a console sign-in page).
    const QString origin = bridgescripts::serialisedOrigin(m_hostOrigin);
    collection.insert(
        script(u"stratus-relay"_s,
               bridgescripts::isolatedRelay(origin, m_bridge->methods(), WidgetBridge::maxArgumentLength),
               QWebEngineScript::DocumentCreation, QWebEngineScript::ApplicationWorld));
    collection.insert(script(u"stratus-relay-connect"_s, bridgescripts::isolatedConnect(),
                             QWebEngineScript::DocumentReady, QWebEngineScript::ApplicationWorld));
    collection.insert(script(u"stratus-shim"_s, bridgescripts::mainWorldShim(origin),
                             QWebEngineScript::DocumentCreation, QWebEngineScript::MainWorld));
}

bool WidgetPage::acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame)
{
    if (m_handsOut) {
        // A new tab the page asked for (a link with target=_blank): its first main-frame
        // navigation goes to the system browser, and the tab itself never shows.
        if (!isMainFrame)
            return false;
        handOut(url);
        Q_EMIT navigationBlocked(url);
        if (!m_handedOut) {
            m_handedOut = true;
            deleteLater();
        }
        return false;
    }
    if (!isMainFrame) {
        // A widget's own iframe and what it loads; the loaders check their frames' origins.
        return true;
    }
    if (url.scheme() == u"data"_s) {
        // Only the document loadHost() set (setHtml loads it as a data: URL with the https base).
        const bool ours = m_hostLoadPending;
        m_hostLoadPending = false;
        if (ours)
            return true;
    } else if (isAllowed(url)) {
        return true;
    }
    qCInfo(lcPage) << "blocked a main-frame navigation to" << url.scheme() << url.host() << "of type" << type;
    handOut(url);
    Q_EMIT navigationBlocked(url);
    return false;
}

void WidgetPage::handOut(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if ((scheme != u"https"_s && scheme != u"http"_s) || !m_externalLinkHook)
        return;
    // A script cannot tell Chromium apart from a click here: one hand-out a second at most, so a page
    // that keeps sending itself elsewhere does not fill the system browser with tabs.
    if (m_lastHandOut.isValid() && m_lastHandOut.elapsed() < handOutIntervalMs) {
        qCInfo(lcPage) << "not handing out another link so soon";
        return;
    }
    m_lastHandOut.start();
    m_externalLinkHook(url);
}

QWebEnginePage *WidgetPage::createWindow(WebWindowType type)
{
    auto *page = new WidgetPage(profile(), this);
    page->m_externalLinkHook = m_externalLinkHook;
    page->m_permissionHook = m_permissionHook;
    if (type == WebBrowserTab || type == WebBrowserBackgroundTab) {
        // A link meant for a new tab (help, documentation, "open in new tab"): the system browser's
        // business. Opener-bound flows (sign-in) open a window with features, which is WebDialog.
        page->m_handsOut = true;
        connect(page, &WidgetPage::navigationBlocked, this, &WidgetPage::navigationBlocked);
        return page;
    }
    page->m_allowedOrigins = m_allowedOrigins;
    page->m_anyHttps = true;
    Q_EMIT popupCreated(page);
    return page;
}

void WidgetPage::javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level, const QString &message,
                                          int lineNumber, const QString &sourceID)
{
    // The page's words, not ours: debug level only, and never with the page's URL query.
    Q_UNUSED(sourceID)
    qCDebug(lcPage) << "console" << level << lineNumber << message.left(500);
    Q_EMIT consoleMessage(level, message);
}

void WidgetPage::onFeaturePermissionRequested(const QUrl &origin, QWebEnginePage::Feature feature)
{
    const bool mediaFeature
        = feature == MediaAudioCapture || feature == MediaVideoCapture || feature == MediaAudioVideoCapture;
    if (!mediaFeature || !m_permissionHook) {
        setFeaturePermission(origin, feature, PermissionDeniedByUser);
        return;
    }
    const QPointer<WidgetPage> self(this);
    auto answered = std::make_shared<bool>(false);
    m_permissionHook(origin, feature, [self, origin, feature, answered](bool granted) {
        // The first answer counts; the page may be gone by the time the user answers.
        if (*answered || !self)
            return;
        *answered = true;
        self->setFeaturePermission(origin, feature,
                                   granted ? PermissionGrantedByUser : PermissionDeniedByUser);
    });
}

} // namespace stratus::web
