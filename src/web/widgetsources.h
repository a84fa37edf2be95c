#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QUrl>

namespace stratus::core {
class CloudinaryUrl;
}

namespace stratus::web {

/// The Cloudinary widgets Stratus embeds.
enum class WidgetKind { MediaLibrary, UploadWidget, MediaEditor, VideoPlayer, ProductGallery };

/// Where an environment's widgets come from (issue 15, point 6). An environment on Cloudinary gets
/// Cloudinary's published scripts; an environment whose API is a stratus-sandbox (an `upload_prefix`
/// that is not a cloudinary.com host: the Local sandbox, a test sandbox) gets the sandbox's stand-ins,
/// which speak the same JavaScript API and loader↔iframe protocols:
///
/// | widget          | Cloudinary                                                        | sandbox (`P` =
/// upload_prefix)     | | --------------- | -----------------------------------------------------------------
/// | --------------------------------- | | Media Library   |
/// https://media-library.cloudinary.com/global/all.js                | P/widgets/media-library/all.js    | |
/// Upload widget   | https://upload-widget.cloudinary.com/latest/global/all.js         |
/// P/widgets/upload-widget/all.js    | | Media Editor    | https://media-editor.cloudinary.com/latest/all.js
/// | P/widgets/media-editor/all.js     | | Video Player    |
/// https://cdn.jsdelivr.net/npm/cloudinary-video-player/dist/player.min.js (+ player.min.css) |
/// P/widgets/video-player/player.min.js (+ player.min.css) | | Product Gallery |
/// https://product-gallery.cloudinary.com/all.js                     | P/widgets/product-gallery/all.js  |
///
/// A sandbox's widget pages (iframes) live on `http://localhost:PORT` (the sandbox's second name,
/// see docs/sandbox-widgets.md), Cloudinary's on its own hosts; frameOrigins() lists them for
/// WidgetPage::allowOrigin().
class WidgetSources
{
public:
    /// From the environment's effective URL (EnvironmentSession::effectiveUrl()).
    [[nodiscard]] static WidgetSources forEnvironment(const core::CloudinaryUrl &url);
    /// From an API base such as "http://127.0.0.1:8765" (empty or a cloudinary.com host: Cloudinary).
    [[nodiscard]] static WidgetSources forApiBase(const QString &uploadPrefix);

    /// Whether the widgets are a stratus-sandbox's stand-ins (they then work without the internet).
    [[nodiscard]] bool standIns() const { return m_standIns; }
    /// The loader script of `kind`.
    [[nodiscard]] QUrl script(WidgetKind kind) const;
    /// The style sheet `kind` needs beside its script (the Video Player's); empty for the others.
    [[nodiscard]] QUrl stylesheet(WidgetKind kind) const;
    /// The origins whose pages the widgets show (iframes, console sign-in); for WidgetPage::allowOrigin().
    [[nodiscard]] QList<QUrl> frameOrigins() const;

    /// The https origin (and document path) Stratus gives the host page of `kind`
    /// (WidgetPage::loadHost()): "https://<kind>.stratus.invalid/host.html". The `.invalid` name is
    /// never resolved; the document comes from setHtml.
    [[nodiscard]] static QUrl hostUrl(WidgetKind kind);

private:
    bool m_standIns = false;
    QString m_base; ///< the sandbox's API base, without a trailing slash
};

/// A short ASCII name of `kind` ("media-library", "upload-widget", …): paths, logs, object names.
[[nodiscard]] QString widgetKindName(WidgetKind kind);

/// The JSON text of `value`, safe to put inside an inline `<script>` of a host page: `<`, `>`, `&`,
/// U+2028 and U+2029 are written as \u escapes, so no value can close the script element or the line.
[[nodiscard]] QString jsonForScript(const QJsonValue &value);

} // namespace stratus::web
