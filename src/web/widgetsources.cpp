#include "widgetsources.h"

#include "core/config/cloudinaryurl.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace stratus::web {

namespace {

bool isCloudinaryHost(const QString &host)
{
    return host == u"cloudinary.com"_s || host.endsWith(u".cloudinary.com"_s);
}

} // namespace

WidgetSources WidgetSources::forEnvironment(const core::CloudinaryUrl &url)
{
    return forApiBase(url.uploadPrefix());
}

WidgetSources WidgetSources::forApiBase(const QString &uploadPrefix)
{
    WidgetSources sources;
    const QUrl base(uploadPrefix.trimmed());
    if (base.isValid() && !base.host().isEmpty() && !isCloudinaryHost(base.host().toLower())) {
        sources.m_standIns = true;
        sources.m_base = base.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                                       | QUrl::StripTrailingSlash);
    }
    return sources;
}

QString widgetKindName(WidgetKind kind)
{
    switch (kind) {
    case WidgetKind::MediaLibrary:
        return u"media-library"_s;
    case WidgetKind::UploadWidget:
        return u"upload-widget"_s;
    case WidgetKind::MediaEditor:
        return u"media-editor"_s;
    case WidgetKind::VideoPlayer:
        return u"video-player"_s;
    case WidgetKind::ProductGallery:
        return u"product-gallery"_s;
    }
    return {};
}

QUrl WidgetSources::script(WidgetKind kind) const
{
    if (m_standIns) {
        const QString file = kind == WidgetKind::VideoPlayer ? u"player.min.js"_s : u"all.js"_s;
        return QUrl(m_base + u"/widgets/"_s + widgetKindName(kind) + u'/' + file);
    }
    switch (kind) {
    case WidgetKind::MediaLibrary:
        return QUrl(u"https://media-library.cloudinary.com/global/all.js"_s);
    case WidgetKind::UploadWidget:
        return QUrl(u"https://upload-widget.cloudinary.com/latest/global/all.js"_s);
    case WidgetKind::MediaEditor:
        return QUrl(u"https://media-editor.cloudinary.com/latest/all.js"_s);
    case WidgetKind::VideoPlayer:
        return QUrl(u"https://cdn.jsdelivr.net/npm/cloudinary-video-player/dist/player.min.js"_s);
    case WidgetKind::ProductGallery:
        return QUrl(u"https://product-gallery.cloudinary.com/all.js"_s);
    }
    return {};
}

QUrl WidgetSources::stylesheet(WidgetKind kind) const
{
    if (kind != WidgetKind::VideoPlayer)
        return {};
    if (m_standIns)
        return QUrl(m_base + u"/widgets/video-player/player.min.css"_s);
    return QUrl(u"https://cdn.jsdelivr.net/npm/cloudinary-video-player/dist/player.min.css"_s);
}

QList<QUrl> WidgetSources::frameOrigins() const
{
    if (m_standIns) {
        QUrl widgets(m_base);
        widgets.setHost(u"localhost"_s);
        return {QUrl(m_base), widgets};
    }
    QList<QUrl> origins;
    for (const char *host :
         {"console.cloudinary.com", "cloudinary.com", "media-library.cloudinary.com",
          "upload-widget.cloudinary.com", "widget.cloudinary.com", "media-editor.cloudinary.com",
          "product-gallery.cloudinary.com", "player.cloudinary.com"})
        origins.append(QUrl(u"https://"_s + QString::fromLatin1(host)));
    return origins;
}

QUrl WidgetSources::hostUrl(WidgetKind kind)
{
    return QUrl(u"https://"_s + widgetKindName(kind) + u".stratus.invalid/host.html"_s);
}

QString jsonForScript(const QJsonValue &value)
{
    QJsonArray wrapper {value};
    QString text = QString::fromUtf8(QJsonDocument(wrapper).toJson(QJsonDocument::Compact));
    text = text.mid(1, text.size() - 2); // the value without the array's brackets
    QString safe;
    safe.reserve(text.size());
    for (const QChar c : std::as_const(text)) {
        switch (c.unicode()) {
        case u'<':
            safe += u"\\u003c"_s;
            break;
        case u'>':
            safe += u"\\u003e"_s;
            break;
        case u'&':
            safe += u"\\u0026"_s;
            break;
        case 0x2028:
            safe += u"\\u2028"_s;
            break;
        case 0x2029:
            safe += u"\\u2029"_s;
            break;
        default:
            safe += c;
        }
    }
    return safe;
}

} // namespace stratus::web
