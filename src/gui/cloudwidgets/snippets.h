#pragma once

#include "web/widgetsources.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSize>
#include <QString>

namespace stratus::core {
class CloudinaryUrl;
}

namespace stratus::gui {

/// An embed snippet in its two forms (issue 15, point 4): `html`, a self-contained fragment for a web
/// page (the widget's style sheet and script, the element, and the script that makes the widget), and
/// `javascript`, the script alone for a page that loads the widget already.
struct EmbedSnippet
{
    QString html;
    QString javascript;
};

/// One asset of a Product Gallery.
struct GalleryItem
{
    QString publicId;
    QString mediaType; ///< "image" or "video"
    QSize size; ///< its pixels, when known: the gallery takes the first one's shape
};

/// The words and the code of the widgets' host pages and embed snippets.
namespace snippets {

/// `text` with &, <, >, " and ' as character references (for HTML text and attribute values).
[[nodiscard]] QString htmlEscaped(const QString &text);

/// The host page `:/web/<name>.html` with each `{{KEY}}` of `fills` replaced by its value (given as
/// it must appear: escape it first). Empty when the resource is missing.
[[nodiscard]] QString hostPage(const QString &name, const QHash<QString, QString> &fills);

/// The environment's delivery settings as the widgets take them (camelCase): `cloudName`, and where
/// the URL sets them `secure` (false for an http upload prefix or `secure=false`, as the app's own
/// delivery URLs, core::deliveryOptions()), `cname`, `privateCdn`, `secureDistribution`.
[[nodiscard]] QJsonObject deliveryConfig(const core::CloudinaryUrl &url);

/// The Video Player for `publicId`, from `sources` (Cloudinary's published player, or the sandbox's
/// stand-in), delivering with `delivery` (deliveryConfig()). The player is the page's `player`.
[[nodiscard]] EmbedSnippet videoPlayer(const web::WidgetSources &sources, const QJsonObject &delivery,
                                       const QString &publicId);

/// The Product Gallery's `aspectRatio` closest to `size` ("square", "4:3", "16:9", "3:4", …), so that
/// the main picture fills the gallery instead of sitting between bands; empty for an invalid size.
[[nodiscard]] QString galleryAspectRatio(const QSize &size);

/// The Product Gallery of `items`, as videoPlayer(), shaped as the first item with a size
/// (galleryAspectRatio()). The gallery is the page's `gallery`.
[[nodiscard]] EmbedSnippet productGallery(const web::WidgetSources &sources, const QJsonObject &delivery,
                                          const QList<GalleryItem> &items);

} // namespace snippets

} // namespace stratus::gui
