#pragma once

#include "core/signing/apisigner.h"
#include "core/util/result.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace stratus::core {

class CloudinaryUrl;

/// Where the API of one product environment (or one account's Provisioning API) lives and which
/// key it is called with: `https://api.cloudinary.com/v1_1/<cloud>` or, with `upload_prefix` in the
/// CLOUDINARY_URL, `<upload_prefix>/v1_1/<cloud>` (the Node SDK's rule); for an `account://` URL
/// `…/v1_1/provisioning/accounts/<account_id>`.
///
/// Holds the API key and the signing settings of the URL (signature_algorithm / _version), never
/// the secret: that comes from a SecretSource when a job needs it. Plain value.
class ApiEndpoint
{
public:
    ApiEndpoint() = default;
    ApiEndpoint(QUrl baseUrl, QString apiKey, ApiSigner signer = {});

    /// The endpoint of a `cloudinary://` URL. Errors for an account URL, a missing cloud name or an
    /// upload_prefix that is not an http(s) URL.
    [[nodiscard]] static Result<ApiEndpoint> forEnvironment(const CloudinaryUrl &url);
    /// The Provisioning API endpoint of an `account://` URL.
    [[nodiscard]] static Result<ApiEndpoint> forAccount(const CloudinaryUrl &url);

    [[nodiscard]] bool isValid() const { return m_base.isValid() && !m_base.isEmpty(); }
    [[nodiscard]] const QUrl &baseUrl() const { return m_base; }
    [[nodiscard]] const QString &apiKey() const { return m_apiKey; }
    [[nodiscard]] const ApiSigner &signer() const { return m_signer; }

    /// The base URL followed by `segments`, each percent-encoded as JavaScript's
    /// encodeURIComponent() does (so a `/` inside a public id stays inside its segment).
    [[nodiscard]] QUrl url(const QStringList &segments) const;

    /// encodeURIComponent() of one path segment.
    [[nodiscard]] static QByteArray encodeSegment(const QString &segment);

private:
    QUrl m_base;
    QString m_apiKey;
    ApiSigner m_signer;
};

} // namespace stratus::core
