#include "medialibrarybridge.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::web {

namespace {

constexpr qsizetype kMaxIdLength = 1024;
constexpr qsizetype kMaxUrlLength = 4096;
constexpr qsizetype kMaxMessageLength = 500;
constexpr qsizetype kMaxDerived = 20;

// A text field of `object`: absent gives an empty text; present it must be text of at most `max`
// characters (nullopt otherwise).
std::optional<QString> text(const QJsonObject &object, QLatin1StringView name, qsizetype max)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString() || value.toString().size() > max)
        return std::nullopt;
    return value.toString();
}

bool knownResourceType(const QString &type)
{
    return type == u"image" || type == u"video" || type == u"raw";
}

// Delivery types are short lower-case words ("upload", "authenticated", …).
bool plausibleType(const QString &type)
{
    if (type.isEmpty() || type.size() > 40)
        return false;
    return std::all_of(type.cbegin(), type.cend(),
                       [](QChar c) { return (c >= u'a' && c <= u'z') || c == u'_' || c == u'-'; });
}

std::optional<QUrl> deliveryUrl(const QJsonValue &value)
{
    if (!value.isString() || value.toString().size() > kMaxUrlLength)
        return std::nullopt;
    const QUrl url(value.toString(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"https" && url.scheme() != u"http"))
        return std::nullopt;
    return url;
}

std::optional<MediaLibraryAssetRef> assetRef(const QJsonValue &json)
{
    if (!json.isObject())
        return std::nullopt;
    const QJsonObject object = json.toObject();
    const auto publicId = text(object, "public_id"_L1, kMaxIdLength);
    const auto resourceType = text(object, "resource_type"_L1, 10);
    const auto type = text(object, "type"_L1, 40);
    auto assetId = text(object, "asset_id"_L1, 64);
    if (assetId && assetId->isEmpty())
        assetId = text(object, "id"_L1, 64);
    if (!publicId || publicId->isEmpty() || !resourceType || !type || !assetId)
        return std::nullopt;
    MediaLibraryAssetRef ref {*publicId, resourceType->isEmpty() ? u"image"_s : *resourceType,
                              type->isEmpty() ? u"upload"_s : *type, *assetId};
    if (!knownResourceType(ref.resourceType) || !plausibleType(ref.type))
        return std::nullopt;
    return ref;
}

} // namespace

MediaLibraryBridge::MediaLibraryBridge(QObject *parent)
    : WidgetBridge(parent)
{
    qRegisterMetaType<MediaLibraryAsset>();
    qRegisterMetaType<MediaLibraryAssetRef>();
}

QStringList MediaLibraryBridge::methods() const
{
    return {u"insert"_s, u"upload"_s, u"delete"_s, u"identity"_s, u"error"_s, u"hide"_s};
}

std::optional<MediaLibraryAsset> MediaLibraryBridge::insertedAsset(const QJsonValue &json)
{
    const auto ref = assetRef(json);
    if (!ref)
        return std::nullopt;
    const QJsonObject object = json.toObject();
    MediaLibraryAsset asset;
    asset.publicId = ref->publicId;
    asset.resourceType = ref->resourceType;
    asset.type = ref->type;
    asset.assetId = ref->assetId;
    const auto format = text(object, "format"_L1, 20);
    const auto displayName = text(object, "display_name"_L1, kMaxIdLength);
    const auto secureUrl = deliveryUrl(object.value("secure_url"_L1));
    if (!format || !displayName || !secureUrl)
        return std::nullopt;
    asset.format = *format;
    asset.displayName = *displayName;
    asset.secureUrl = *secureUrl;
    const QJsonValue derived = object.value("derived"_L1);
    if (!derived.isUndefined() && !derived.isNull()) {
        if (!derived.isArray() || derived.toArray().size() > kMaxDerived)
            return std::nullopt;
        for (const QJsonValue &entry : derived.toArray()) {
            const auto url = deliveryUrl(entry.toObject().value("secure_url"_L1));
            if (!entry.isObject() || !url)
                return std::nullopt;
            asset.derivedUrls.append(*url);
        }
    }
    asset.json = object;
    return asset;
}

std::optional<QList<MediaLibraryAssetRef>> MediaLibraryBridge::eventAssets(const QJsonValue &data)
{
    if (!data.isObject())
        return std::nullopt;
    const QJsonObject object = data.toObject();
    QJsonArray entries;
    if (object.value("assets"_L1).isArray())
        entries = object.value("assets"_L1).toArray();
    else if (object.value("deleted"_L1).isArray())
        entries = object.value("deleted"_L1).toArray();
    else if (object.value("asset"_L1).isObject())
        entries.append(object.value("asset"_L1));
    else if (object.value("public_ids"_L1).isArray()) {
        for (const QJsonValue &id : object.value("public_ids"_L1).toArray())
            entries.append(QJsonObject {{u"public_id"_s, id}});
    } else if (object.contains("public_id"_L1))
        entries.append(object);
    if (entries.isEmpty() || entries.size() > maxAssets)
        return std::nullopt;
    QList<MediaLibraryAssetRef> refs;
    for (const QJsonValue &entry : std::as_const(entries)) {
        const auto ref = assetRef(entry);
        if (!ref)
            return std::nullopt;
        refs.append(*ref);
    }
    return refs;
}

void MediaLibraryBridge::handle(const QString &method, const QJsonValue &argument, Reply reply)
{
    const QJsonObject object = argument.toObject();
    if (method == u"hide") {
        reply(Answer::success(true));
        Q_EMIT hidden();
        return;
    }
    if (method == u"error") {
        std::optional<QString> message;
        if (argument.isString())
            message = argument.toString().left(kMaxMessageLength);
        else if (argument.isObject())
            message = text(object, "message"_L1, 100 * kMaxMessageLength);
        if (!message) {
            reply(Answer::failure(u"bad-argument"_s));
            return;
        }
        reply(Answer::success(true));
        Q_EMIT failed(message->left(kMaxMessageLength));
        return;
    }
    if (method == u"identity") {
        if (!argument.isObject()) {
            reply(Answer::failure(u"bad-argument"_s));
            return;
        }
        QString who;
        for (const auto name : {"email"_L1, "username"_L1, "name"_L1}) {
            const auto value = text(object, name, 254);
            if (!value) {
                reply(Answer::failure(u"bad-argument"_s));
                return;
            }
            if (who.isEmpty())
                who = *value;
        }
        reply(Answer::success(true));
        Q_EMIT identified(who);
        return;
    }
    if (method == u"insert") {
        const QJsonValue assets = object.value("assets"_L1);
        if (!assets.isArray() || assets.toArray().isEmpty() || assets.toArray().size() > maxAssets) {
            reply(Answer::failure(u"bad-argument"_s));
            return;
        }
        QList<MediaLibraryAsset> checked;
        for (const QJsonValue &json : assets.toArray()) {
            auto asset = insertedAsset(json);
            if (!asset) {
                reply(Answer::failure(u"bad-argument"_s));
                return;
            }
            checked.append(std::move(*asset));
        }
        reply(Answer::success(int(checked.size())));
        Q_EMIT inserted(checked);
        return;
    }
    // upload, delete
    const auto refs = eventAssets(argument);
    if (!refs) {
        reply(Answer::failure(u"bad-argument"_s));
        return;
    }
    reply(Answer::success(int(refs->size())));
    if (method == u"upload")
        Q_EMIT uploaded(*refs);
    else
        Q_EMIT deleted(*refs);
}

} // namespace stratus::web
