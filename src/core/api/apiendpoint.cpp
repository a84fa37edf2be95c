#include "apiendpoint.h"

#include "core/config/cloudinaryurl.h"

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

const QString kDefaultPrefix = u"https://api.cloudinary.com"_s;

Result<QUrl> apiBase(const QString &uploadPrefix, const QStringList &segments)
{
    const QString prefixText = uploadPrefix.isEmpty() ? kDefaultPrefix : uploadPrefix;
    QUrl prefix(prefixText, QUrl::StrictMode);
    const QString scheme = prefix.scheme().toLower();
    if (!prefix.isValid() || (scheme != u"http" && scheme != u"https") || prefix.host().isEmpty()
        || !prefix.userInfo().isEmpty() || prefix.hasQuery() || prefix.hasFragment())
        // Not quoted: it may carry user info, which is refused because it could be a credential.
        return Error::because(Error::Kind::InvalidInput, ErrorReason::UploadPrefixInvalid);
    QString path = prefix.path(QUrl::FullyEncoded);
    while (path.endsWith(u'/'))
        path.chop(1);
    path += u"/v1_1"_s;
    for (const QString &segment : segments)
        path += u'/' + QString::fromLatin1(ApiEndpoint::encodeSegment(segment));
    prefix.setPath(path, QUrl::TolerantMode);
    return prefix;
}

} // namespace

ApiEndpoint::ApiEndpoint(QUrl baseUrl, QString apiKey, ApiSigner signer)
    : m_base(std::move(baseUrl))
    , m_apiKey(std::move(apiKey))
    , m_signer(signer)
{
}

Result<ApiEndpoint> ApiEndpoint::forEnvironment(const CloudinaryUrl &url)
{
    if (url.kind() != CloudinaryUrl::Kind::Cloud)
        return Error::because(Error::Kind::InvalidInput, ErrorReason::EnvironmentUrlNeeded);
    if (url.cloudName().isEmpty())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::CloudNameMissing);
    auto signer = ApiSigner::fromSdkConfig(url.toSdkConfig());
    if (!signer)
        return signer.error();
    auto base = apiBase(url.uploadPrefix(), {url.cloudName()});
    if (!base)
        return base.error();
    return ApiEndpoint(*base, url.apiKey(), *signer);
}

Result<ApiEndpoint> ApiEndpoint::forAccount(const CloudinaryUrl &url)
{
    if (url.kind() != CloudinaryUrl::Kind::Account)
        return Error::because(Error::Kind::InvalidInput, ErrorReason::AccountUrlNeeded);
    if (url.accountId().isEmpty())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::AccountIdMissing);
    auto base = apiBase(url.uploadPrefix(), {u"provisioning"_s, u"accounts"_s, url.accountId()});
    if (!base)
        return base.error();
    return ApiEndpoint(*base, url.apiKey());
}

QByteArray ApiEndpoint::encodeSegment(const QString &segment)
{
    // encodeURIComponent leaves A–Z a–z 0–9 - _ . ! ~ * ' ( ) as they are.
    return QUrl::toPercentEncoding(segment, "!~*'()");
}

QUrl ApiEndpoint::url(const QStringList &segments) const
{
    QUrl result = m_base;
    QString path = m_base.path(QUrl::FullyEncoded);
    for (const QString &segment : segments)
        path += u'/' + QString::fromLatin1(encodeSegment(segment));
    result.setPath(path, QUrl::TolerantMode);
    return result;
}

} // namespace stratus::core
