#include "mediaeditorbridge.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace stratus::web {

namespace {

bool hasControlCharacters(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(),
                       [](QChar c) { return c.category() == QChar::Other_Control; });
}

std::optional<QUrl> webUrl(const QJsonValue &value)
{
    if (!value.isString() || value.toString().size() > 8192)
        return std::nullopt;
    const QUrl url(value.toString(), QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"https" && scheme != u"http"))
        return std::nullopt;
    return url;
}

} // namespace

MediaEditorBridge::MediaEditorBridge(QObject *parent)
    : WidgetBridge(parent)
{
}

QStringList MediaEditorBridge::methods() const
{
    return {u"export"_s, u"close"_s};
}

std::optional<MediaEditorExport> MediaEditorBridge::parseExport(const QJsonValue &payload)
{
    const QJsonObject object = payload.toObject();
    const QJsonValue transformation = object.value(u"transformation"_s);
    if (!payload.isObject() || !transformation.isString())
        return std::nullopt;
    const QString text = transformation.toString();
    if (text.size() > maxTransformationLength || hasControlCharacters(text))
        return std::nullopt;
    const QJsonArray assets = object.value(u"assets"_s).toArray();
    if (assets.isEmpty() || !assets.first().isObject())
        return std::nullopt;
    const QJsonObject first = assets.first().toObject();
    const std::optional<QUrl> url = webUrl(first.value(u"url"_s));
    if (!url)
        return std::nullopt;
    MediaEditorExport result {text, *url, {}};
    if (first.contains(u"downloadUrl"_s)) {
        const std::optional<QUrl> download = webUrl(first.value(u"downloadUrl"_s));
        if (!download)
            return std::nullopt;
        result.downloadUrl = *download;
    }
    return result;
}

void MediaEditorBridge::handle(const QString &method, const QJsonValue &argument, Reply reply)
{
    if (method == u"close") {
        reply(Answer::success(true));
        Q_EMIT closeRequested();
        return;
    }
    const std::optional<MediaEditorExport> result = parseExport(argument);
    if (!result)
        return reply(Answer::failure(u"bad-argument"_s));
    reply(Answer::success(true));
    Q_EMIT exported(*result);
}

} // namespace stratus::web
