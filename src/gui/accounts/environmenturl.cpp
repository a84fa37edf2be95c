#include "environmenturl.h"

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
