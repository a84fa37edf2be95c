#include "previewwindow.h"

#include "snippetpanel.h"
#include "widgethost.h"

#include "core/session/environmentsession.h"
#include "web/previewbridge.h"

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
    resize(player ? QSize(860, 720) : QSize(860, 900));
    m_snippets = new SnippetPanel(this);
    contentLayout()->addWidget(m_snippets);
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
    if (m_kind == web::WidgetKind::VideoPlayer) {
        snippet = snippets::videoPlayer(host()->sources(), delivery, assets.constFirst().publicId);
        title = tr("Video Player");
        variable = u"player"_s;
        setTitle(tr("Video Player: %1").arg(assets.constFirst().name(folderMode())));
    } else {
        QList<GalleryItem> items;
        for (const core::catalog::CatalogAsset &asset : assets)
            items.append({asset.publicId, asset.resourceType});
        snippet = snippets::productGallery(host()->sources(), delivery, items);
        title = tr("Product Gallery");
        variable = u"gallery"_s;
        setTitle(tr("Product Gallery: %n asset(s)", nullptr, int(assets.size())));
    }
    m_snippets->setSnippet(snippet);
    const QString page
        = snippets::hostPage(u"preview"_s,
                             {{u"TITLE"_s, snippets::htmlEscaped(title)},
                              {u"SNIPPET"_s, snippet.html},
                              {u"CONFIG"_s, web::jsonForScript(QJsonObject {{u"variable"_s, variable}})}});
    present();
    host()->load(m_bridge, page);
}

} // namespace stratus::gui
