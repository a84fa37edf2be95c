#include "previewwindow.h"

#include "snippetpanel.h"
#include "widgethost.h"

#include "core/session/environmentsession.h"
#include "web/previewbridge.h"

#include <QEvent>
#include <QJsonObject>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

PreviewWindow::PreviewWindow(web::WebProfiles *profiles, core::EnvironmentSession *session,
                             web::WidgetKind kind, QWidget *parent)
    : WidgetWindow(profiles, session, kind, parent)
    , m_kind(kind)
    , m_bridge(new web::PreviewBridge(this))
{
    const bool player = kind == web::WidgetKind::VideoPlayer;
    setTitle(player ? tr("Video Player") : tr("Product Gallery"));
    resize(900, 760);
    // The preview above, the snippet below, the person decides how much each gets; the preview
    // gets what the window gains.
    m_snippets = new SnippetPanel(this);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(u"previewSplitter"_s);
    m_splitter->setChildrenCollapsible(false);
    contentLayout()->removeWidget(host());
    m_splitter->addWidget(host());
    m_splitter->addWidget(m_snippets);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 0);
    m_splitter->setSizes({520, 240});
    contentLayout()->addWidget(m_splitter, 1);
}

PreviewWindow::~PreviewWindow() = default;

bool PreviewWindow::isPublicMedia(const core::catalog::CatalogAsset &asset)
{
    return (asset.resourceType == u"image" || asset.resourceType == u"video")
        && (asset.type.isEmpty() || asset.type == u"upload");
}

bool PreviewWindow::canPreview(const QList<core::catalog::CatalogAsset> &assets) const
{
    if (m_kind == web::WidgetKind::VideoPlayer)
        return assets.size() == 1 && assets.constFirst().resourceType == u"video"
            && isPublicMedia(assets.constFirst());
    return !assets.isEmpty() && std::all_of(assets.cbegin(), assets.cend(), &PreviewWindow::isPublicMedia);
}

const EmbedSnippet &PreviewWindow::snippet() const
{
    return m_snippets->snippet();
}

void PreviewWindow::openFor(const QList<core::catalog::CatalogAsset> &assets)
{
    core::EnvironmentSession *env = session();
    if (env == nullptr || !canPreview(assets))
        return;
    const core::CloudinaryUrl url = env->effectiveUrl();
    const QJsonObject delivery = snippets::deliveryConfig(url);
    EmbedSnippet snippet;
    QString title;
    QString variable;
    double ratio = 1.0; // the gallery's shape, for fitting it in the view
    if (m_kind == web::WidgetKind::VideoPlayer) {
        snippet = snippets::videoPlayer(host()->sources(), delivery, assets.constFirst().publicId);
        title = tr("Video Player");
        variable = u"player"_s;
        setTitle(tr("Video Player: %1").arg(assets.constFirst().name(folderMode())));
    } else {
        QList<GalleryItem> items;
        for (const core::catalog::CatalogAsset &asset : assets)
            items.append({asset.publicId, asset.resourceType, QSize(asset.width, asset.height)});
        snippet = snippets::productGallery(host()->sources(), delivery, items);
        for (const GalleryItem &item : std::as_const(items)) {
            if (const QString shape = snippets::galleryAspectRatio(item.size); !shape.isEmpty()) {
                const QStringList sides = shape.split(u':');
                if (sides.size() == 2)
                    ratio = sides.at(0).toDouble() / sides.at(1).toDouble();
                break;
            }
        }
        title = tr("Product Gallery");
        variable = u"gallery"_s;
        setTitle(tr("Product Gallery: %n asset(s)", nullptr, int(assets.size())));
    }
    m_snippets->setSnippet(snippet);
    const QString page
        = snippets::hostPage(u"preview"_s,
                             {{u"TITLE"_s, snippets::htmlEscaped(title)},
                              {u"SNIPPET"_s, snippet.html},
                              {u"BACKGROUND"_s, pageColours().first},
                              {u"TEXT"_s, pageColours().second},
                              {u"RATIO"_s, QString::number(ratio, 'f', 4)},
                              {u"CONFIG"_s, web::jsonForScript(QJsonObject {{u"variable"_s, variable}})}});
    present();
    host()->load(m_bridge, page);
}

void PreviewWindow::hideEvent(QHideEvent *event)
{
    WidgetWindow::hideEvent(event);
    // Closing the window (it only hides) stops what plays in it: no sound from a window not there.
    host()->runScript(u"document.querySelectorAll('video, audio').forEach(function (m) { m.pause(); });"_s);
}

std::pair<QString, QString> PreviewWindow::pageColours() const
{
    return {palette().color(QPalette::Base).name(), palette().color(QPalette::Text).name()};
}

void PreviewWindow::changeEvent(QEvent *event)
{
    WidgetWindow::changeEvent(event);
    // Light or dark while the preview is open: the page follows (a new page takes them anyway).
    if (event->type() == QEvent::PaletteChange) {
        const auto [background, text] = pageColours();
        host()->runScript(
            u"document.documentElement.style.setProperty('--page', '%1');"
            "document.documentElement.style.setProperty('--ink', '%2');"_s.arg(background, text));
    }
}

} // namespace stratus::gui
