#pragma once

#include "deliveryenvironment.h"
#include "deliveryurl.h"

#include "core/catalog/catalogasset.h"

#include <QList>
#include <QUrl>

#include <functional>
#include <memory>

class QObject;

namespace stratus::core {

/// Delivery URLs of assets' originals, the bytes as they were uploaded: no transformation, the
/// asset's own format and version (so a replaced asset is a new URL). "Copy URL", downloads and
/// drags use them. Private and authenticated assets need a signed URL (`s--…--`, reference §c.7):
/// their URLs are only built by an OriginalUrls made with the secret, which resolve() fetches from
/// the keychain, uses for one batch, and drops with the builder.
///
/// A plain value over one environment URL; any thread.
class OriginalUrls
{
public:
    /// @p url without secret (DeliveryEnvironment::url); @p secret only to sign.
    explicit OriginalUrls(const CloudinaryUrl &url, const QString &secret = {});

    /// The URL, or an error (ErrorReason::NeedsSignedUrl for a restricted asset without the
    /// secret, the builder's for no cloud name).
    [[nodiscard]] Result<QUrl> url(const catalog::CatalogAsset &asset) const;

    /// Whether @p asset is delivered only through a signed URL (types private and authenticated).
    [[nodiscard]] static bool needsSignature(const catalog::CatalogAsset &asset);
    /// The file name a download keeps: the public id's last segment and the format as extension
    /// (raw public ids carry their extension already).
    [[nodiscard]] static QString fileName(const catalog::CatalogAsset &asset);

    using Done = std::function<void(QList<Result<QUrl>> urls)>;
    /// The URLs of @p assets, in their order; when one must be signed, after the secret came from
    /// @p env's API context. @p done is called once, in @p context's thread, never after @p context
    /// is destroyed (possibly before this returns).
    static void resolve(const DeliveryEnvironment &env, const QList<catalog::CatalogAsset> &assets,
                        QObject *context, Done done);

private:
    std::shared_ptr<const DeliveryUrlBuilder> m_builder;
    QJsonObject m_extra;
    bool m_signing = false;
};

} // namespace stratus::core
