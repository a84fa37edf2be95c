#include "environmenturl.h"

#include "core/net/transportsecurity.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace stratus::gui {

core::Result<core::CloudinaryUrl> environmentUrl(const QString &cloudName, const QString &apiKey,
                                                 const QList<core::CloudinaryUrl::QueryItem> &query)
{
    const auto encoded = [](const QString &text) {
        return QString::fromLatin1(QUrl::toPercentEncoding(text));
    };
    QString text = u"cloudinary://"_s + encoded(apiKey.trimmed()) + u'@' + encoded(cloudName.trimmed());
    QStringList pairs;
    for (const core::CloudinaryUrl::QueryItem &item : query)
        pairs.append(encoded(item.name) + u'=' + encoded(item.value));
    if (!pairs.isEmpty())
        text += u'?' + pairs.join(u'&');
    auto url = core::CloudinaryUrl::parse(text, core::CloudinaryUrl::Kind::Cloud);
    if (!url)
        return url.error();
    return url->withoutSecret();
}

} // namespace stratus::gui

namespace stratus::gui {

core::Result<core::CloudinaryUrl> signedInEnvironmentUrl(const QString &cloudName,
                                                         const QUrl &authorizationServer)
{
    QString text = u"cloudinary://"_s + QString::fromLatin1(QUrl::toPercentEncoding(cloudName.trimmed()));
    if (authorizationServer.scheme() == u"http" && core::isLoopbackHost(authorizationServer.host())
        && authorizationServer.port() > 0) {
        const QString host = u"%1:%2"_s.arg(authorizationServer.host()).arg(authorizationServer.port());
        text += u"?upload_prefix=http://%1&cname=%1&secure=false"_s.arg(host);
    }
    auto url = core::CloudinaryUrl::parse(text, core::CloudinaryUrl::Kind::Cloud);
    if (!url)
        return url.error();
    if (url->cloudName() != cloudName.trimmed() || !url->apiKey().isEmpty())
        return core::Error::because(core::Error::Kind::InvalidInput, core::ErrorReason::SignInAnswerUnusable,
                                    cloudName);
    return url;
}

} // namespace stratus::gui
