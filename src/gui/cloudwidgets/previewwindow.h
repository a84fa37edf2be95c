#pragma once

#include "snippets.h"
#include "widgetwindow.h"

#include "core/catalog/catalogasset.h"

class QSplitter;

namespace stratus::web {
class PreviewBridge;
}

namespace stratus::gui {

class SnippetPanel;

/// "Preview in Video Player" and "Preview as Product Gallery" (issue 15, point 4): the widget, made by
/// exactly the embed snippet shown below it (HTML and JavaScript, with Copy), with the environment's
/// cloud name and delivery settings (snippets::deliveryConfig()). One per environment and kind
/// (CloudWidgetWindows), reused: each preview loads the page again. GUI thread.
class PreviewWindow : public WidgetWindow
{
    Q_OBJECT

public:
    /// `kind` is VideoPlayer or ProductGallery.
    PreviewWindow(web::WebProfiles *profiles, core::EnvironmentSession *session, web::WidgetKind kind,
                  QWidget *parent = nullptr);
    ~PreviewWindow() override;

    /// Whether `asset` is a public (`upload`) image or video: what a web page can show without a
    /// signature.
    [[nodiscard]] static bool isPublicMedia(const core::catalog::CatalogAsset &asset);
    /// Whether the preview of this kind shows `assets`: one public video for the Video Player; public
    /// images and videos (at least one) for the Product Gallery.
    [[nodiscard]] bool canPreview(const QList<core::catalog::CatalogAsset> &assets) const;
    /// Shows the window with the preview of `assets` (see canPreview()).
    void openFor(const QList<core::catalog::CatalogAsset> &assets);

    [[nodiscard]] web::PreviewBridge *bridge() const { return m_bridge; }
    [[nodiscard]] SnippetPanel *snippetPanel() const { return m_snippets; }
    /// The preview above, the snippet panel below.
    [[nodiscard]] QSplitter *splitter() const { return m_splitter; }
    [[nodiscard]] const EmbedSnippet &snippet() const;

protected:
    void changeEvent(QEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    /// The page's background and text colours (#rrggbb): the window palette's base and text.
    [[nodiscard]] std::pair<QString, QString> pageColours() const;

    web::WidgetKind m_kind;
    QSplitter *m_splitter = nullptr;
    web::PreviewBridge *m_bridge = nullptr;
    SnippetPanel *m_snippets = nullptr;
};

} // namespace stratus::gui
