#pragma once

#include "widgetbridge.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUrl>

#include <optional>

namespace stratus::web {

/// One asset as the Media Library's `insert` event describes it (cloudinary-widgets.md §1.5), after
/// MediaLibraryBridge checked its shape: the fields Stratus acts on, and the whole object as it came.
struct MediaLibraryAsset
{
    QString publicId;
    QString resourceType; ///< image, video or raw
    QString type; ///< upload, private, authenticated, …
    QString assetId; ///< `asset_id` or `id`; may be empty (the event does not always carry it)
    QString format;
    QString displayName;
    QUrl secureUrl; ///< the original's https (or, on a sandbox, http) delivery URL
    /// `derived[].secure_url`: the URLs with the transformation the person chose (or
    /// default_transformations), in order; empty when none applied.
    QList<QUrl> derivedUrls;
    QJsonObject json; ///< the object as the widget sent it

    /// The URL to hand on: the first derived one when there is one, else the original's.
    [[nodiscard]] QUrl preferredUrl() const
    {
        return derivedUrls.isEmpty() ? secureUrl : derivedUrls.first();
    }
};

/// Names one asset an `upload` or `delete` event is about: enough to fetch it again (public id,
/// resource type, type) or to find it in the catalogue (asset id when given).
struct MediaLibraryAssetRef
{
    QString publicId;
    QString resourceType;
    QString type;
    QString assetId;
};

/// The Media Library's bridge (issue 15, point 1): the one C++ object its host page
/// (resources/web/media-library.html) reaches, through which the widget's events come to Stratus.
/// Methods, each taking the event's data object as the loader emits it:
///
/// | method     | event      | checked shape                                                   | signal |
/// | ---------- | ---------- | --------------------------------------------------------------- | ------ |
/// | `insert`   | `insert`   | `{assets: [asset, …]}`, 1–500 assets, each with `public_id`, `resource_type`
/// (image, video, raw), `type`, an http(s) `secure_url`, optional `derived[].secure_url` | inserted() | |
/// `upload`   | `upload`   | `{assets: [..]}`, `{asset: {..}}` or one resource object, each naming
/// `public_id` (+ `resource_type`, `type`, `asset_id`) | uploaded() | | `delete`   | `delete`   | as
/// `upload`; `{public_ids: [..]}` too                           | deleted() | | `identity` | `identity` | an
/// object; its `email`, `username` or `name` (text)              | identified() | | `error`    | `error`    |
/// an object with an optional `message` (text) or a text            | failed() | | `hide`     | `hide`     |
/// anything                                                         | hidden() |
///
/// A malformed argument is answered `bad-argument` and signals nothing; the page never learns more.
/// Text is bounded (public ids 1,024 characters, URLs 4,096, messages 500). GUI thread; owned by the
/// Media Library view.
class MediaLibraryBridge : public WidgetBridge
{
    Q_OBJECT

public:
    static constexpr int maxAssets = 500;

    explicit MediaLibraryBridge(QObject *parent = nullptr);

    [[nodiscard]] QStringList methods() const override;

    /// The checked form of one inserted asset, or nothing when `json` is not one.
    [[nodiscard]] static std::optional<MediaLibraryAsset> insertedAsset(const QJsonValue &json);
    /// The assets an `upload` or `delete` event names, or nothing when it names none or is malformed.
    [[nodiscard]] static std::optional<QList<MediaLibraryAssetRef>> eventAssets(const QJsonValue &data);

Q_SIGNALS:
    void inserted(const QList<stratus::web::MediaLibraryAsset> &assets);
    void uploaded(const QList<stratus::web::MediaLibraryAssetRef> &assets);
    void deleted(const QList<stratus::web::MediaLibraryAssetRef> &assets);
    /// Who the console is signed in as (may be empty when the event named nobody).
    void identified(const QString &who);
    /// The widget reported an error; `message` is its words (possibly empty), for a log or a notice.
    void failed(const QString &message);
    void hidden();

protected:
    void handle(const QString &method, const QJsonValue &argument, Reply reply) override;
};

} // namespace stratus::web

Q_DECLARE_METATYPE(stratus::web::MediaLibraryAsset)
Q_DECLARE_METATYPE(stratus::web::MediaLibraryAssetRef)
