#include "originalurls.h"

#include "thumbnailurls.h"

#include "core/net/secretsource.h"

namespace stratus::core {

using namespace Qt::StringLiterals;
using catalog::CatalogAsset;

OriginalUrls::OriginalUrls(const CloudinaryUrl &url, const QString &secret)
    : m_builder(
        std::make_shared<DeliveryUrlBuilder>((secret.isEmpty() ? url : url.withSecret(secret)).toSdkConfig()))
    , m_extra(deliveryOptions(url))
    , m_signing(!secret.isEmpty())
{
}

bool OriginalUrls::needsSignature(const CatalogAsset &asset)
{
    return core::needsSignature(asset.type);
}

QString OriginalUrls::fileName(const CatalogAsset &asset)
{
    QString name = asset.publicId.mid(asset.publicId.lastIndexOf(u'/') + 1);
    if (asset.resourceType != u"raw" && !asset.format.isEmpty())
        name += u'.' + asset.format;
    // Nothing that a file system refuses or that climbs out of the target folder.
    name.replace(QChar(0), u'_');
    if (name.isEmpty() || name == u"." || name == u"..")
        name = asset.assetId;
    return name;
}

Result<QUrl> OriginalUrls::url(const CatalogAsset &asset) const
{
    const bool sign = needsSignature(asset);
    if (sign && !m_signing)
        return Error::because(Error::Kind::Auth, ErrorReason::NeedsSignedUrl, asset.publicId);
    QJsonObject options = m_extra;
    options.insert(u"resource_type"_s, asset.resourceType.isEmpty() ? u"image"_s : asset.resourceType);
    options.insert(u"type"_s, asset.type.isEmpty() ? u"upload"_s : asset.type);
    if (asset.resourceType != u"raw" && !asset.format.isEmpty())
        options.insert(u"format"_s, asset.format);
    if (asset.version > 0)
        options.insert(u"version"_s, asset.version);
    if (sign)
        options.insert(u"sign_url"_s, true);
    auto built = m_builder->build(asset.publicId, options);
    if (!built)
        return built.error();
    return QUrl(built.value());
}

void OriginalUrls::resolve(const DeliveryEnvironment &env, const QList<CatalogAsset> &assets,
                           QObject *context, Done done)
{
    const CloudinaryUrl url = env.url ? env.url() : CloudinaryUrl();
    const auto buildAll = [assets](const OriginalUrls &urls) {
        QList<Result<QUrl>> result;
        result.reserve(assets.size());
        for (const CatalogAsset &asset : assets)
            result.append(urls.url(asset));
        return result;
    };
    if (std::none_of(assets.cbegin(), assets.cend(), &OriginalUrls::needsSignature)) {
        done(buildAll(OriginalUrls(url)));
        return;
    }
    const auto apiContext = env.apiContext
        ? env.apiContext()
        : Result<ApiContext>(Error::because(Error::Kind::Unavailable, ErrorReason::SigningUnavailable));
    if (!apiContext || !apiContext.value().secret
        || apiContext.value().secret->kind() != CredentialKind::ApiSecret) {
        // Those that need no signature still work.
        done(buildAll(OriginalUrls(url)));
        return;
    }
    apiContext.value().secret->fetch(context, [url, buildAll, done](Result<QString> secret) {
        done(buildAll(secret ? OriginalUrls(url, secret.value()) : OriginalUrls(url)));
    });
}

} // namespace stratus::core
