#include "deliveryurl.h"

#include "authtoken.h"
#include "core/signing/clock.h"
#include "uriencoding.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDateTime>
#include <QVarLengthArray>

using namespace Qt::StringLiterals;

namespace stratus::core {

using detail::Opt;

namespace {

const QString kSharedCdn = u"res.cloudinary.com"_s;
const QString kOldAkamaiSharedCdn = u"cloudinary-a.akamaihd.net"_s;

// /^https?:\// (with the `i` flag when caseInsensitive)
bool startsWithHttpScheme(QStringView text, Qt::CaseSensitivity sensitivity)
{
    if (text.size() < 6)
        return false;
    auto is = [&](qsizetype i, char16_t lower) {
        const char16_t c = text[i].unicode();
        return c == lower || (sensitivity == Qt::CaseInsensitive && c == lower - (u'a' - u'A'));
    };
    if (!is(0, u'h') || !is(1, u't') || !is(2, u't') || !is(3, u'p'))
        return false;
    qsizetype i = 4;
    if (is(i, u's'))
        ++i;
    return i + 1 < text.size() && text[i] == u':' && text[i + 1] == u'/';
}

// `text.replace(/([^:])\/\//g, '$1/')`: "a//b" → "a/b" except after ':' (so "https://" survives).
// Not a full collapse: "a///b" becomes "a//b", as in the SDK.
QString collapseDoubleSlashes(const QString &text)
{
    const QChar *data = text.constData();
    const qsizetype n = text.size();
    qsizetype i = 1;
    while (i + 1 < n && !(data[i] == u'/' && data[i + 1] == u'/' && data[i - 1] != u':'))
        ++i;
    if (i + 1 >= n)
        return text;
    QString out;
    out.reserve(n);
    out.append(data, i - 1);
    i -= 1;
    while (i < n) {
        if (i + 2 < n && data[i] != u':' && data[i + 1] == u'/' && data[i + 2] == u'/') {
            out += data[i];
            out += u'/';
            i += 3;
        } else {
            out += data[i];
            ++i;
        }
    }
    return out;
}

struct Preloaded
{
    QString resourceType, type, version, publicId;
};

// "image/upload/v123/folder/id.jpg", as returned by the upload widget:
// /^(image|raw)\/([a-z0-9_]+)\/v(\d+)\/([^#]+)$/
std::optional<Preloaded> parsePreloaded(const QString &id)
{
    if (id.isEmpty() || (id.front() != u'i' && id.front() != u'r'))
        return std::nullopt;
    qsizetype i = 0;
    QString resourceType;
    if (id.startsWith(u"image/"))
        resourceType = u"image"_s;
    else if (id.startsWith(u"raw/"))
        resourceType = u"raw"_s;
    else
        return std::nullopt;
    i = resourceType.size() + 1;
    const qsizetype typeStart = i;
    while (i < id.size()
           && ((id[i] >= u'a' && id[i] <= u'z') || (id[i] >= u'0' && id[i] <= u'9') || id[i] == u'_'))
        ++i;
    if (i == typeStart || i + 1 >= id.size() || id[i] != u'/' || id[i + 1] != u'v')
        return std::nullopt;
    const QString type = id.mid(typeStart, i - typeStart);
    i += 2;
    const qsizetype versionStart = i;
    while (i < id.size() && id[i] >= u'0' && id[i] <= u'9')
        ++i;
    if (i == versionStart || i >= id.size() || id[i] != u'/')
        return std::nullopt;
    const QString version = id.mid(versionStart, i - versionStart);
    const QString rest = id.mid(i + 1);
    if (rest.isEmpty() || rest.contains(u'#'))
        return std::nullopt;
    return Preloaded {resourceType, type, version, rest};
}

// `{...a, ...b}`: own enumerable properties of both, b winning.
JsValue mergeSpread(const JsValue &a, const JsValue &b)
{
    auto contributes = [](const JsValue &v) {
        return v.isArrayOrObject() || v.isString();
    };
    if (!contributes(a) && !contributes(b))
        return JsValue();
    JsValue::Object members;
    for (const JsValue *part : {&a, &b}) {
        if (part->isObject()) {
            members.insert(members.end(), part->members().begin(), part->members().end());
        } else if (part->isArray()) {
            for (std::size_t i = 0; i < part->elements().size(); ++i)
                members.emplace_back(QString::number(i), part->elements()[i]);
        } else if (part->isString()) {
            const QString &text = part->stringValue();
            for (qsizetype i = 0; i < text.size(); ++i)
                members.emplace_back(QString::number(i), JsValue::string(QString(text[i])));
        }
    }
    return JsValue::object(std::move(members));
}

// The resource type and type segments, after url_suffix, use_root_path and shorten had their say
// (each may rename or drop them, as the SDK's finalize_resource_type does).
Result<Done> resolveTypeSegments(JsValue &resourceType, JsValue &type, const JsValue &urlSuffix,
                                 bool useRootPath, bool shorten)
{
    if (type.isNullish())
        type = JsValue::string(u"upload"_s);
    if (!urlSuffix.isNullish()) {
        static const struct
        {
            QStringView resourceType, type, segment;
        } kSuffixPaths[] = {
            {u"image", u"upload", u"images"},
            {u"image", u"private", u"private_images"},
            {u"image", u"authenticated", u"authenticated_images"},
            {u"raw", u"upload", u"files"},
            {u"video", u"upload", u"videos"},
        };
        bool supported = false;
        for (const auto &path : kSuffixPaths) {
            if (resourceType.isString(path.resourceType) && type.isString(path.type)) {
                resourceType = JsValue::string(path.segment.toString());
                type = JsValue::null();
                supported = true;
                break;
            }
        }
        if (!supported)
            return Error::because(Error::Kind::InvalidInput, ErrorReason::UrlSuffixUnsupported);
    }
    if (useRootPath) {
        if ((resourceType.isString(u"image") && type.isString(u"upload"))
            || (resourceType.isString(u"images") && type.isNullish())) {
            resourceType = JsValue::null();
            type = JsValue::null();
        } else {
            return Error::because(Error::Kind::InvalidInput, ErrorReason::RootPathUnsupported);
        }
    }
    if (shorten && resourceType.isString(u"image") && type.isString(u"upload")) {
        resourceType = JsValue::string(u"iu"_s);
        type = JsValue::null();
    }
    return Done {};
}

/// The public id as it appears in the URL (escaped, with the suffix and the extension), and as it
/// is signed (without the suffix).
struct Source
{
    QString inUrl;
    QString toSign;
};

Result<Source> sourceOf(const QString &publicId, const JsValue &urlSuffix, const JsValue &format)
{
    Source source;
    source.inUrl = collapseDoubleSlashes(publicId);
    if (startsWithHttpScheme(source.inUrl, Qt::CaseInsensitive)) {
        source.inUrl = uri::smartEscapeUrl(source.inUrl);
        source.toSign = source.inUrl;
        return source;
    }
    auto decoded = uri::decodeUriComponent(source.inUrl);
    if (!decoded)
        return Error::because(Error::Kind::InvalidInput, ErrorReason::PublicIdBadPercentEscape);
    auto encoded = uri::encodeUriComponent(decoded.value(), true);
    if (!encoded)
        return Error::because(Error::Kind::InvalidInput, ErrorReason::PublicIdLoneSurrogate);
    source.inUrl = encoded.value();
    source.toSign = source.inUrl;
    if (urlSuffix.isTruthy()) {
        if (!urlSuffix.isString())
            return Error::because(Error::Kind::InvalidInput, ErrorReason::OptionNotString, u"url_suffix"_s);
        const QString &suffix = urlSuffix.stringValue();
        if (suffix.contains(u'.') || suffix.contains(u'/'))
            return Error::because(Error::Kind::InvalidInput, ErrorReason::UrlSuffixHasDotOrSlash);
        source.inUrl += u'/' + suffix;
    }
    if (!format.isNullish()) {
        const QString extension = u'.' + format.toJsString();
        source.inUrl += extension;
        source.toSign += extension;
    }
    return source;
}

// "v123"; "v1" for a public id in a folder when force_version is on and the id does not start
// with a version of its own; empty otherwise.
QString versionSegment(const JsValue &version, bool forceVersionOn, const QString &sourceToSign)
{
    if (!version.isNullish())
        return u'v' + version.toJsString();
    if (forceVersionOn && sourceToSign.contains(u'/')
        && !startsWithHttpScheme(sourceToSign, Qt::CaseSensitive)) {
        const bool versioned = sourceToSign.size() > 1 && sourceToSign[0] == u'v' && sourceToSign[1] >= u'0'
            && sourceToSign[1] <= u'9';
        if (!versioned)
            return u"v1"_s;
    }
    return {};
}

// "s--…--": the transformation and the public id, hashed with the secret appended.
Result<QString> signatureSegment(const QString &transformationText, const QString &sourceToSign,
                                 const JsValue &apiSecret, const JsValue &algorithm, bool longSignature)
{
    QString toSign = transformationText;
    if (!sourceToSign.isEmpty()) {
        if (!toSign.isEmpty())
            toSign += u'/';
        toSign += sourceToSign;
    }
    QCryptographicHash::Algorithm hash = QCryptographicHash::Sha256;
    int length = 32;
    if (!longSignature) {
        length = 8;
        if (algorithm.isString(u"sha1"))
            hash = QCryptographicHash::Sha1;
        else if (!algorithm.isString(u"sha256"))
            return Error::because(Error::Kind::InvalidInput, ErrorReason::SignatureAlgorithmUnsupported,
                                  algorithm.toJsString());
    }
    // Without a secret the SDK signs with the text "undefined"; so do we, for identical URLs.
    const QByteArray digest = QCryptographicHash::hash((toSign + apiSecret.toJsString()).toUtf8(), hash);
    const QByteArray encoded = digest.toBase64(QByteArray::Base64UrlEncoding).left(length);
    return QString(u"s--"_s + QString::fromLatin1(encoded) + u"--"_s);
}

/// The scheme, host and leading path, as pieces copied once into the final URL.
using Prefix = QVarLengthArray<QString, 8>;

/// The prefix for @p cloudName: a relative one ("/res/cloud"), or the host the CDN options name
/// (secure distribution, private CDN, CNAME, cdn_subdomain shards picked by the source's CRC).
/// @p withConfig reads an option with the configuration as its default.
template<typename WithConfig>
Result<Prefix> prefixOf(detail::OptionSlots &o, WithConfig &&withConfig, const JsValue &cloudName,
                        const QString &source)
{
    static const JsValue kTrue = JsValue::boolean(true);
    if (!cloudName.isTruthy())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::DeliveryCloudNameMissing);
    if (!cloudName.isString() && !cloudName.isArray())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::OptionNotString, u"cloud_name"_s);
    const QString cloud = cloudName.toJsString();
    const bool relative = cloudName.isString()
        ? cloud.startsWith(u'/')
        : (!cloudName.elements().empty() && cloudName.elements().front().isString(u"/"));

    Prefix prefix;
    if (relative) {
        prefix.append(u"/res"_s);
        prefix.append(cloud);
        return prefix;
    }
    const bool secure = o.consume(Opt::Secure, kTrue).isTruthy();
    const JsValue &privateCdn = withConfig(Opt::PrivateCdn);
    const JsValue &cname = withConfig(Opt::Cname);
    const JsValue &secureDistribution = withConfig(Opt::SecureDistribution);
    const JsValue &cdnSubdomain = withConfig(Opt::CdnSubdomain);
    const JsValue &secureCdnSubdomain = withConfig(Opt::SecureCdnSubdomain);
    const bool sharedDomain = !privateCdn.isTruthy();
    auto shard = [&] {
        return QString::number(uri::crc32(source) % 5 + 1);
    };
    if (secure) {
        JsValue distribution = secureDistribution;
        if (distribution.isNullish() || distribution.isString(kOldAkamaiSharedCdn))
            distribution = JsValue::string(sharedDomain ? kSharedCdn : cloud + u"-res.cloudinary.com"_s);
        const JsValue &useSubdomain
            = secureCdnSubdomain.isNullish() && sharedDomain ? cdnSubdomain : secureCdnSubdomain;
        QString host = distribution.toJsString();
        if (useSubdomain.isTruthy()) {
            if (!distribution.isString())
                return Error::because(Error::Kind::InvalidInput, ErrorReason::OptionNotString,
                                      u"secure_distribution"_s);
            const qsizetype at = host.indexOf(kSharedCdn);
            if (at >= 0)
                host.replace(at, kSharedCdn.size(), u"res-"_s + shard() + u".cloudinary.com"_s);
        }
        prefix.append(u"https://"_s);
        prefix.append(host);
    } else if (cname.isTruthy()) {
        prefix.append(u"http://"_s);
        if (cdnSubdomain.isTruthy())
            prefix.append(u'a' + shard() + u'.');
        prefix.append(cname.toJsString());
    } else {
        prefix.append(u"http://"_s);
        if (!sharedDomain)
            prefix.append(cloud + u'-');
        prefix.append(u"res"_s);
        if (cdnSubdomain.isTruthy())
            prefix.append(u'-' + shard());
        prefix.append(u".cloudinary.com"_s);
    }
    if (sharedDomain) {
        prefix.append(u"/"_s);
        prefix.append(cloud);
    }
    return prefix;
}

/// One path segment after the prefix. Empty ones are left out, except that `[]` is not '' for the
/// SDK's filter, so a resource type or type given as an array leaves an empty segment.
struct Segment
{
    const QString *text;
    bool keepEmpty;
};

// The prefix, then "/segment" for each segment kept, every space as %20. One pass counts the
// spaces (URLs are short: a plain loop beats a library call per piece), then each piece is copied
// whole unless it has some: this is the hot path of `url --batch`.
template<std::size_t N> QString joinUrl(const Prefix &prefix, const Segment (&segments)[N])
{
    auto countSpaces = [](const QString &text) {
        qsizetype count = 0;
        for (QChar c : text)
            count += c == u' ';
        return count;
    };
    Q_ASSERT(prefix.size() <= 8);
    qsizetype prefixSpaces[8] = {};
    qsizetype length = 0;
    for (qsizetype i = 0; i < prefix.size(); ++i) {
        prefixSpaces[i] = countSpaces(prefix[i]);
        length += prefix[i].size() + 2 * prefixSpaces[i];
    }
    qsizetype segmentSpaces[N] = {};
    for (std::size_t i = 0; i < N; ++i) {
        const Segment &segment = segments[i];
        if (!segment.text->isEmpty() || segment.keepEmpty) {
            segmentSpaces[i] = countSpaces(*segment.text);
            length += 1 + segment.text->size() + 2 * segmentSpaces[i];
        }
    }
    QString full(length, Qt::Uninitialized);
    QChar *to = full.data();
    auto copy = [&](const QString &text, qsizetype spaces) {
        if (spaces == 0) {
            to = std::copy(text.constBegin(), text.constEnd(), to);
            return;
        }
        for (QChar c : text) {
            if (c == u' ') {
                *to++ = u'%';
                *to++ = u'2';
                *to++ = u'0';
            } else {
                *to++ = c;
            }
        }
    };
    for (qsizetype i = 0; i < prefix.size(); ++i)
        copy(prefix[i], prefixSpaces[i]);
    for (std::size_t i = 0; i < N; ++i) {
        if (!segments[i].text->isEmpty() || segments[i].keepEmpty) {
            *to++ = u'/';
            copy(*segments[i].text, segmentSpaces[i]);
        }
    }
    return full;
}

/// The options of cloudinary.url() that shape the URL around the transformation, each with the
/// configuration as its default where the SDK gives it one.
struct UrlOptions
{
    JsValue type;
    JsValue resourceType;
    JsValue version;
    const JsValue &format;
    const JsValue &urlSuffix;
    const JsValue &apiSecret;
    const JsValue &signatureAlgorithm;
    bool forceVersion; ///< a version segment ("v1") for public ids in folders
    bool longSignature;
    bool shorten;
    bool signUrl;
    bool useRootPath;
    JsValue authToken; ///< the configuration's token settings, overridden by the options'
    bool useToken; ///< sign with a token, not an s--…-- segment
};

/// @p withConfig reads an option with the configuration as its default.
template<typename WithConfig>
UrlOptions readUrlOptions(const detail::OptionSlots &o, WithConfig &&withConfig,
                          const JsValue &configAlgorithm, const JsValue &configAuthToken)
{
    static const JsValue kNull = JsValue::null();
    static const JsValue kImage = JsValue::string(u"image"_s);
    static const JsValue kSha1 = JsValue::string(u"sha1"_s);
    const JsValue &forceVersion = withConfig(Opt::ForceVersion);
    const JsValue &authTokenOption = o.consume(Opt::AuthToken);
    // `auth_token: false` switches token authentication off even when the configuration has one.
    const bool authTokenOff = authTokenOption.isBool() && !authTokenOption.boolValue();
    JsValue authToken = authTokenOff ? JsValue() : mergeSpread(configAuthToken, authTokenOption);
    const bool useToken = !authTokenOff && !authToken.isEmptyLodash();
    return UrlOptions {
        .type = o.consume(Opt::Type, kNull),
        .resourceType = o.consume(Opt::ResourceType, kImage),
        .version = o.consume(Opt::Version),
        .format = o.consume(Opt::Format),
        .urlSuffix = o.consume(Opt::UrlSuffix),
        .apiSecret = withConfig(Opt::ApiSecret),
        .signatureAlgorithm
        = o.consume(Opt::SignatureAlgorithm, configAlgorithm.isTruthy() ? configAlgorithm : kSha1),
        .forceVersion = forceVersion.isNullish() || forceVersion.isTruthy(),
        .longSignature = withConfig(Opt::LongUrlSignature).isTruthy(),
        .shorten = withConfig(Opt::Shorten).isTruthy(),
        .signUrl = withConfig(Opt::SignUrl).isTruthy(),
        .useRootPath = withConfig(Opt::UseRootPath).isTruthy(),
        .authToken = std::move(authToken),
        .useToken = useToken,
    };
}

} // namespace

DeliveryUrlBuilder::DeliveryUrlBuilder(const JsValue &sdkConfig)
{
    detail::OptionSlots optionSlots;
    optionSlots.fill(sdkConfig);
    for (std::size_t i = 0; i < m_config.size(); ++i)
        m_config[i] = optionSlots.get(Opt(i));
    m_defaults = detail::TransformationDefaults::fromConfig(sdkConfig);
}

DeliveryUrlBuilder::DeliveryUrlBuilder(const QJsonObject &sdkConfig)
    : DeliveryUrlBuilder(JsValue::fromJson(sdkConfig))
{
}

qint64 DeliveryUrlBuilder::nowSeconds() const
{
    const qint64 msecs = m_clock ? m_clock->currentMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
    return (msecs + 500) / 1000; // Math.round(Date.now() / 1000)
}

Result<QString> DeliveryUrlBuilder::build(const QString &publicId, const QJsonObject &options) const
{
    return build(publicId, JsValue::fromJson(options));
}

Result<QString> DeliveryUrlBuilder::build(const QString &publicIdArgument, const JsValue &options) const
{
    detail::OptionSlots o;
    o.fill(options);
    auto withConfig = [&](Opt key) -> const JsValue & {
        return o.consume(key, config(key));
    };
    // For fetch, `format` is the format to deliver (f_), not an extension.
    if (o.get(Opt::Type).isString(u"fetch") && o.get(Opt::FetchFormat).isNullish()) {
        o.set(Opt::FetchFormat, o.values[std::size_t(Opt::Format)]);
        o.set(Opt::Format, nullptr);
    }
    auto transformation = detail::buildTransformation(o, m_defaults);
    if (!transformation)
        return transformation.error();
    UrlOptions url = readUrlOptions(o, withConfig, config(Opt::SignatureAlgorithm), config(Opt::AuthToken));

    QString publicId = publicIdArgument;
    if (auto preloaded = parsePreloaded(publicId)) {
        url.resourceType = JsValue::string(preloaded->resourceType);
        url.type = JsValue::string(preloaded->type);
        url.version = JsValue::string(preloaded->version);
        publicId = preloaded->publicId;
    }
    // A remote URL without an explicit type is not a Cloudinary asset: returned as it is.
    if (url.type.isNull() && startsWithHttpScheme(publicId, Qt::CaseInsensitive))
        return publicId;

    if (auto resolved
        = resolveTypeSegments(url.resourceType, url.type, url.urlSuffix, url.useRootPath, url.shorten);
        !resolved)
        return resolved.error();
    auto source = sourceOf(publicId, url.urlSuffix, url.format);
    if (!source)
        return source.error();
    const QString versionText = versionSegment(url.version, url.forceVersion, source->toSign);
    const QString transformationText = collapseDoubleSlashes(transformation->toString());
    QString signature;
    if (url.signUrl && !url.useToken) {
        auto signed_ = signatureSegment(transformationText, source->toSign, url.apiSecret,
                                        url.signatureAlgorithm, url.longSignature);
        if (!signed_)
            return signed_.error();
        signature = std::move(signed_).value();
    }
    auto prefix = prefixOf(o, withConfig, withConfig(Opt::CloudName), source->inUrl);
    if (!prefix)
        return prefix.error();

    const QString resourceTypeText = url.resourceType.isNullish() ? QString() : url.resourceType.toJsString();
    const QString typeText = url.type.isNullish() ? QString() : url.type.toJsString();
    const Segment segments[] = {
        {&resourceTypeText, !url.resourceType.isNullish() && !url.resourceType.isString()},
        {&typeText, !url.type.isNullish() && !url.type.isString()},
        {&signature, false},
        {&transformationText, false},
        {&versionText, false},
        {&source->inUrl, false},
    };
    QString text = joinUrl(*prefix, segments);
    if (url.signUrl && url.useToken) {
        auto token = generateAuthToken(url.authToken, whatwgPathAndQuery(text), nowSeconds());
        if (!token)
            return token.error();
        text += u'?' + token.value();
    }
    return text;
}

Result<QString> buildDeliveryUrl(const QString &publicId, const QJsonObject &options,
                                 const QJsonObject &sdkConfig)
{
    return DeliveryUrlBuilder(sdkConfig).build(publicId, options);
}

} // namespace stratus::core
