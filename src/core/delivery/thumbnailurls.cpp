#include "thumbnailurls.h"

#include "deliverylogging.h"
#include "deliverysigner.h"
#include "deliveryurl.h"

#include "core/catalog/catalogasset.h"
#include "core/config/cloudinaryurl.h"

#include <QPointer>

#include <memory>

namespace stratus::core {

using namespace Qt::StringLiterals;

bool needsSignature(const QString &type)
{
    return type == u"private" || type == u"authenticated";
}

QJsonObject deliveryOptions(const CloudinaryUrl &url)
{
    QJsonObject options;
    if (url.uploadPrefix().startsWith(u"http://"_s) || url.booleanOption(u"secure") == false)
        options.insert(u"secure"_s, false);
    return options;
}

ThumbnailUrlFunction thumbnailUrlFunction(const QJsonObject &sdkConfig, const QJsonObject &extraOptions,
                                          DeliverySigner *signer)
{
    auto builder = std::make_shared<DeliveryUrlBuilder>(sdkConfig);
    QPointer<DeliverySigner> guard(signer);
    return [builder, extraOptions, sdkConfig, guard](const catalog::CatalogAsset &asset,
                                                     const QSize &devicePixels) -> QUrl {
        if (asset.resourceType == u"raw" || devicePixels.height() <= 0)
            return {};
        QJsonObject options = extraOptions;
        // A width of 0 asks for the picture's own aspect ratio at that height (the justified view).
        const bool keepAspect = devicePixels.width() <= 0;
        QJsonObject thumbnail {{u"height"_s, devicePixels.height()},
                               {u"crop"_s, keepAspect ? u"scale"_s : u"fill"_s},
                               {u"format"_s, u"jpg"_s},
                               {u"resource_type"_s, asset.resourceType},
                               {u"type"_s, asset.type.isEmpty() ? u"upload"_s : asset.type}};
        if (!keepAspect)
            thumbnail.insert(u"width"_s, devicePixels.width());
        for (auto it = thumbnail.begin(); it != thumbnail.end(); ++it)
            options.insert(it.key(), it.value());
        // The version makes a replaced asset a new URL, so the disk cache never shows the old one.
        if (asset.version > 0)
            options.insert(u"version"_s, asset.version);
        if (guard && needsSignature(asset.type))
            return guard->signedUrl(sdkConfig, asset.publicId, options).value_or(QUrl());
        const auto url = builder->build(asset.publicId, options);
        if (!url) {
            qCWarning(lcDelivery) << "no thumbnail URL for" << asset.assetId
                                  << errorReasonName(url.error().reason) << url.error().subject
                                  << url.error().message;
            return {};
        }
        return QUrl(url.value());
    };
}

} // namespace stratus::core
