#include "snippets.h"

#include "core/config/cloudinaryurl.h"
#include "core/delivery/thumbnailurls.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace stratus::gui::snippets {

namespace {

/// JSON for a snippet: readable (indented by two), and safe inside a <script> element.
QString prettyJson(const QJsonObject &object, int indent)
{
    QString text = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).trimmed();
    // Qt indents by four; two reads better in a snippet, and the lines follow the code around them.
    QStringList lines = text.split(u'\n');
    for (QString &line : lines) {
        qsizetype spaces = 0;
        while (spaces < line.size() && line.at(spaces) == u' ')
            ++spaces;
        line = QString(spaces / 2, u' ') + line.mid(spaces);
    }
    for (qsizetype i = 1; i < lines.size(); ++i)
        lines[i].prepend(QString(indent, u' '));
    // The same escapes as web::jsonForScript(): no value can close the script element.
    return lines.join(u'\n')
        .replace(u'<', u"\\u003c"_s)
        .replace(u'>', u"\\u003e"_s)
        .replace(u'&', u"\\u0026"_s)
        .replace(QChar(0x2028), u"\\u2028"_s)
        .replace(QChar(0x2029), u"\\u2029"_s);
}

QString scriptTag(const QUrl &url)
{
    return u"<script src=\"%1\"></script>"_s.arg(htmlEscaped(url.toString(QUrl::FullyEncoded)));
}

} // namespace

QString htmlEscaped(const QString &text)
{
    QString escaped = text.toHtmlEscaped();
    return escaped.replace(u'\'', u"&#39;"_s);
}

QString hostPage(const QString &name, const QHash<QString, QString> &fills)
{
    QFile file(u":/web/%1.html"_s.arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString page = QString::fromUtf8(file.readAll());
    // One pass over the template: a value that happens to contain "{{KEY}}" stays as it is.
    QString filled;
    filled.reserve(page.size());
    qsizetype from = 0;
    while (from < page.size()) {
        const qsizetype open = page.indexOf(u"{{"_s, from);
        const qsizetype close = open < 0 ? -1 : page.indexOf(u"}}"_s, open + 2);
        if (close < 0) {
            filled += QStringView(page).mid(from);
            break;
        }
        const QString key = page.mid(open + 2, close - open - 2);
        filled += QStringView(page).mid(from, open - from);
        if (const auto it = fills.constFind(key); it != fills.cend())
            filled += it.value();
        else
            filled += QStringView(page).mid(open, close + 2 - open);
        from = close + 2;
    }
    return filled;
}

QJsonObject deliveryConfig(const core::CloudinaryUrl &url)
{
    QJsonObject config {{u"cloudName"_s, url.cloudName()}};
    const QJsonObject delivery = core::deliveryOptions(url);
    if (delivery.contains(u"secure"_s))
        config.insert(u"secure"_s, delivery.value(u"secure"_s));
    if (!url.cname().isEmpty())
        config.insert(u"cname"_s, url.cname());
    if (url.privateCdn())
        config.insert(u"privateCdn"_s, true);
    if (!url.secureDistribution().isEmpty())
        config.insert(u"secureDistribution"_s, url.secureDistribution());
    return config;
}

EmbedSnippet videoPlayer(const web::WidgetSources &sources, const QJsonObject &delivery,
                         const QString &publicId)
{
    const QString script = u"const player = cloudinary.videoPlayer(\"stratus-player\", %1);\n"
                           "player.source(%2);"_s.arg(prettyJson(delivery, 0), web::jsonForScript(publicId));
    EmbedSnippet snippet;
    snippet.javascript
        = u"// Needs <video id=\"stratus-player\" class=\"cld-video-player cld-fluid\" controls></video>\n"
          "// and the Video Player's script and style sheet on the page.\n"_s
        + script + u'\n';
    QString html = u"<link rel=\"stylesheet\" href=\"%1\">\n"_s.arg(
        htmlEscaped(sources.stylesheet(web::WidgetKind::VideoPlayer).toString(QUrl::FullyEncoded)));
    html += scriptTag(sources.script(web::WidgetKind::VideoPlayer)) + u'\n';
    html += u"<video id=\"stratus-player\" class=\"cld-video-player cld-fluid\" controls></video>\n"_s;
    html += u"<script>\n"_s + script + u"\n</script>\n"_s;
    snippet.html = html;
    return snippet;
}

QString galleryAspectRatio(const QSize &size)
{
    if (!size.isValid() || size.isEmpty())
        return {};
    // The shapes the Product Gallery takes; the closest on a log scale, so that 3:4 and 4:3 are as
    // far from a square.
    static const std::pair<const char16_t *, double> shapes[]
        = {{u"square", 1.0},    {u"4:3", 4.0 / 3}, {u"3:4", 3.0 / 4}, {u"16:9", 16.0 / 9},
           {u"9:16", 9.0 / 16}, {u"6:4", 6.0 / 4}, {u"4:6", 4.0 / 6}, {u"8:5", 8.0 / 5},
           {u"5:8", 5.0 / 8},   {u"7:5", 7.0 / 5}, {u"5:7", 5.0 / 7}};
    const double ratio = std::log(double(size.width()) / size.height());
    const char16_t *best = shapes[0].first;
    double distance = std::numeric_limits<double>::max();
    for (const auto &[name, shape] : shapes) {
        const double d = std::abs(std::log(shape) - ratio);
        if (d < distance - 1e-9) {
            distance = d;
            best = name;
        }
    }
    return QString::fromUtf16(best);
}

EmbedSnippet productGallery(const web::WidgetSources &sources, const QJsonObject &delivery,
                            const QList<GalleryItem> &items)
{
    QJsonObject options = delivery;
    options.insert(u"container"_s, u"#stratus-gallery"_s);
    QJsonArray assets;
    for (const GalleryItem &item : items)
        assets.append(QJsonObject {{u"publicId"_s, item.publicId}, {u"mediaType"_s, item.mediaType}});
    options.insert(u"mediaAssets"_s, assets);
    for (const GalleryItem &item : items) {
        if (const QString shape = galleryAspectRatio(item.size); !shape.isEmpty()) {
            options.insert(u"aspectRatio"_s, shape);
            break;
        }
    }
    const QString script
        = u"const gallery = cloudinary.galleryWidget(%1);\ngallery.render();"_s.arg(prettyJson(options, 0));
    EmbedSnippet snippet;
    snippet.javascript
        = u"// Needs <div id=\"stratus-gallery\"></div> and the Product Gallery's script on the page.\n"_s
        + script + u'\n';
    QString html = scriptTag(sources.script(web::WidgetKind::ProductGallery)) + u'\n';
    html += u"<div id=\"stratus-gallery\" style=\"max-width: 800px; margin: 0 auto\"></div>\n"_s;
    html += u"<script>\n"_s + script + u"\n</script>\n"_s;
    snippet.html = html;
    return snippet;
}

} // namespace stratus::gui::snippets
