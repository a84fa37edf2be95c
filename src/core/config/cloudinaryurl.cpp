#include "cloudinaryurl.h"

#include "core/signing/jscoercion.h"

#include <QByteArray>
#include <QHash>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

constexpr QStringView kCloudScheme = u"cloudinary://";
constexpr QStringView kAccountScheme = u"account://";

bool startsWithAsciiCaseInsensitive(QStringView text, QStringView prefix)
{
    if (text.size() < prefix.size())
        return false;
    for (qsizetype i = 0; i < prefix.size(); ++i) {
        char16_t c = text[i].unicode();
        if (c >= u'A' && c <= u'Z')
            c = char16_t(c - u'A' + u'a');
        if (c != prefix[i].unicode())
            return false;
    }
    return true;
}

// A scheme as RFC 3986 spells it, short enough to be a scheme and not a pasted credential.
bool looksLikeScheme(QStringView text)
{
    if (text.isEmpty() || text.size() > 32 || !text.front().isLetter() || text.front().unicode() > 0x7f)
        return false;
    return std::all_of(text.begin(), text.end(), [](QChar c) {
        return c.unicode() < 0x80 && (c.isLetterOrNumber() || c == u'+' || c == u'-' || c == u'.');
    });
}

// What the WHATWG URL parser does to its input before anything else (and what a UTF-8 encoder
// does to unpaired surrogates): tabs and line breaks go, trailing spaces and controls go,
// a lone surrogate becomes U+FFFD.
QString cleanedInput(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'\t' || c == u'\n' || c == u'\r')
            continue;
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            out += c;
            out += text[++i];
        } else if (c.isSurrogate()) {
            out += QChar(QChar::ReplacementCharacter);
        } else {
            out += c;
        }
    }
    while (!out.isEmpty() && out.back().unicode() <= 0x20)
        out.chop(1);
    return out;
}

// The WHATWG percent-encode sets we need, for the ASCII part (everything beyond ASCII is always
// encoded, as UTF-8).
enum class EncodeSet { C0Control, Path, Userinfo };

bool needsEncoding(uchar byte, EncodeSet set)
{
    if (byte < 0x20 || byte >= 0x7f)
        return true;
    if (set == EncodeSet::C0Control)
        return false;
    static constexpr QByteArrayView kPath = " \"#<>?`{}";
    static constexpr QByteArrayView kUserinfo = "/:;=@[\\]^|";
    if (kPath.contains(char(byte)))
        return true;
    return set == EncodeSet::Userinfo && kUserinfo.contains(char(byte));
}

QString percentEncoded(QStringView text, EncodeSet set)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    QString out;
    out.reserve(text.size());
    for (const char byte : text.toUtf8()) {
        const auto b = uchar(byte);
        if (needsEncoding(b, set)) {
            out += u'%';
            out += QLatin1Char(kHex[b >> 4]);
            out += QLatin1Char(kHex[b & 0xf]);
        } else {
            out += QLatin1Char(byte);
        }
    }
    return out;
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// UTF-8 decoding as the WHATWG Encoding standard does it: one U+FFFD per maximal invalid
// subsequence (a truncated "\xE2\x82" is one replacement, where QString::fromUtf8 gives two).
QString decodedUtf8(QByteArrayView bytes)
{
    QString out;
    out.reserve(bytes.size());
    char32_t codePoint = 0;
    int needed = 0;
    int seen = 0;
    uchar lower = 0x80;
    uchar upper = 0xBF;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto byte = uchar(bytes[i]);
        if (needed == 0) {
            if (byte <= 0x7F) {
                out += QLatin1Char(char(byte));
            } else if (byte >= 0xC2 && byte <= 0xDF) {
                needed = 1;
                codePoint = byte & 0x1F;
            } else if (byte >= 0xE0 && byte <= 0xEF) {
                lower = byte == 0xE0 ? 0xA0 : 0x80;
                upper = byte == 0xED ? 0x9F : 0xBF;
                needed = 2;
                codePoint = byte & 0x0F;
            } else if (byte >= 0xF0 && byte <= 0xF4) {
                lower = byte == 0xF0 ? 0x90 : 0x80;
                upper = byte == 0xF4 ? 0x8F : 0xBF;
                needed = 3;
                codePoint = byte & 0x07;
            } else {
                out += QChar(QChar::ReplacementCharacter);
            }
            continue;
        }
        if (byte < lower || byte > upper) {
            codePoint = 0;
            needed = seen = 0;
            lower = 0x80;
            upper = 0xBF;
            out += QChar(QChar::ReplacementCharacter);
            --i; // the byte starts afresh
            continue;
        }
        lower = 0x80;
        upper = 0xBF;
        codePoint = (codePoint << 6) | (byte & 0x3F);
        if (++seen == needed) {
            out += QStringView(QChar::fromUcs4(codePoint));
            codePoint = 0;
            needed = seen = 0;
        }
    }
    if (needed != 0)
        out += QChar(QChar::ReplacementCharacter);
    return out;
}

// application/x-www-form-urlencoded decoding, as URLSearchParams does it: '+' is a space, valid
// %XX sequences are bytes, the bytes are UTF-8 (invalid sequences become U+FFFD).
QString formDecoded(QStringView raw)
{
    const QByteArray bytes = raw.toUtf8();
    QByteArray out;
    out.reserve(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%' && i + 2 < bytes.size() && isHexDigit(bytes[i + 1]) && isHexDigit(bytes[i + 2])) {
            out += char(QByteArray::fromHex(bytes.mid(i + 1, 2)).at(0));
            i += 2;
        } else {
            out += c;
        }
    }
    return decodedUtf8(out);
}

// The inverse for toString(): only what would otherwise change meaning or be stripped is encoded,
// so `?upload_prefix=http://127.0.0.1:8080` stays readable.
QString formEncoded(QStringView text, bool isName)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool special = u <= 0x20 || u == 0x7f || u == u'"' || u == u'#' || u == u'%' || u == u'&'
            || u == u'+' || (isName && u == u'=');
        if (special)
            out += u"%%1"_s.arg(uint(u), 2, 16, QChar(u'0')).toUpper();
        else
            out += c;
    }
    return out;
}

bool isSingleDotSegment(QStringView segment)
{
    return segment == u"." || segment.compare(u"%2e", Qt::CaseInsensitive) == 0;
}

bool isDoubleDotSegment(QStringView segment)
{
    return segment == u".." || segment.compare(u".%2e", Qt::CaseInsensitive) == 0
        || segment.compare(u"%2e.", Qt::CaseInsensitive) == 0
        || segment.compare(u"%2e%2e", Qt::CaseInsensitive) == 0;
}

// The path as the WHATWG parser leaves it: dot segments resolved, the path set percent-encoded.
QString normalisedPath(QStringView path)
{
    if (path.isEmpty())
        return {};
    const QList<QStringView> segments = path.mid(1).split(u'/');
    QStringList out;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const bool last = i == segments.size() - 1;
        const QStringView segment = segments.at(i);
        if (isDoubleDotSegment(segment)) {
            if (!out.isEmpty())
                out.removeLast();
            if (last)
                out.append(QString());
        } else if (isSingleDotSegment(segment)) {
            if (last)
                out.append(QString());
        } else {
            out.append(percentEncoded(segment, EncodeSet::Path));
        }
    }
    return u'/' + out.join(u'/');
}

// `a[b][c]` → {a, b, c}, the way the SDK splits on runs of brackets and drops empty pieces.
QStringList keyChain(QStringView name)
{
    QStringList chain;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= name.size(); ++i) {
        if (i == name.size() || name[i] == u'[' || name[i] == u']') {
            if (i > start)
                chain.append(name.mid(start, i - start).toString());
            start = i + 1;
        }
    }
    return chain;
}

// The SDK's putNestedValue() on a plain JavaScript object, including what JavaScript does quietly:
// a property set on a text or boolean is lost, "__proto__" cannot be assigned a string, and
// descending into an inherited member (`toString[x]`) writes somewhere invisible.
void putNested(QJsonObject &object, const QStringList &chain, qsizetype index, const QString &value)
{
    const QString &key = chain.at(index);
    if (index == chain.size() - 1) {
        if (key != u"__proto__")
            object.insert(key, value);
        return;
    }
    const QJsonValue inner = object.value(key);
    if (inner.isUndefined() || inner.isNull()) {
        if (!object.contains(key) && jsIsObjectPrototypeMember(key))
            return;
        QJsonObject child;
        putNested(child, chain, index + 1, value);
        object.insert(key, child);
    } else if (inner.isObject()) {
        QJsonObject child = inner.toObject();
        putNested(child, chain, index + 1, value);
        object.insert(key, child);
    }
}

bool isSensitiveName(QStringView name)
{
    return name.contains(u"secret", Qt::CaseInsensitive) || name.contains(u"token", Qt::CaseInsensitive);
}

// Why a text that starts with neither scheme is refused. The scheme itself is not quoted: whatever
// precedes "://" may be a pasted credential.
Error schemeError(QStringView text)
{
    const qsizetype separator = text.indexOf(u"://");
    if (separator > 0 && looksLikeScheme(text.left(separator)))
        return Error::because(Error::Kind::InvalidInput, ErrorReason::UrlUnsupportedScheme);
    return Error::because(Error::Kind::InvalidInput, ErrorReason::UrlNotCloudinary);
}

// Where the authority (userinfo@host:port) ends: at the first '/', '?' or '#'.
qsizetype authorityEnd(QStringView all)
{
    qsizetype end = all.size();
    for (const QChar delimiter : {u'/', u'?', u'#'}) {
        const qsizetype at = all.indexOf(delimiter);
        if (at >= 0 && at < end)
            end = at;
    }
    return end;
}

// The host (cloud name or account id), percent-encoded, after the port (if any) is checked. Errors
// name `hostOf`, whose host it is: the scheme ("cloudinary://" or "account://").
Result<QString> hostIn(QStringView hostAndPort, const QString &hostOf)
{
    if (hostAndPort.startsWith(u'['))
        return Error::because(Error::Kind::InvalidInput, ErrorReason::UrlHostIsIpv6, hostOf);
    const qsizetype portColon = hostAndPort.indexOf(u':');
    const QStringView host = portColon >= 0 ? hostAndPort.left(portColon) : hostAndPort;
    if (portColon >= 0) {
        const QStringView port = hostAndPort.mid(portColon + 1);
        bool ok = port.isEmpty();
        if (!ok && port.size() <= 10
            && std::all_of(port.begin(), port.end(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
            ok = port.toULongLong() <= 65535;
        if (!ok)
            return Error::because(Error::Kind::InvalidInput, ErrorReason::UrlMalformedAfterHost, hostOf);
    }
    if (host.isEmpty())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::UrlHostMissing, hostOf);
    static constexpr QStringView kForbiddenInHost = u" <>[\\]^|";
    if (std::any_of(host.begin(), host.end(),
                    [](QChar c) { return c.unicode() == 0 || kForbiddenInHost.contains(c); }))
        return Error::because(Error::Kind::InvalidInput, ErrorReason::UrlHostForbiddenCharacter, hostOf);
    return percentEncoded(host, EncodeSet::C0Control);
}

// The query's parameters, form-decoded, in order.
Result<QList<CloudinaryUrl::QueryItem>> queryItemsOf(QStringView query)
{
    QList<CloudinaryUrl::QueryItem> items;
    for (const QStringView pair : query.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype equals = pair.indexOf(u'=');
        CloudinaryUrl::QueryItem item {formDecoded(equals >= 0 ? pair.left(equals) : pair),
                                       equals >= 0 ? formDecoded(pair.mid(equals + 1)) : QString()};
        if (keyChain(item.name).isEmpty())
            return Error::because(Error::Kind::InvalidInput, ErrorReason::UrlQueryNameMissing);
        items.append(std::move(item));
    }
    return items;
}

} // namespace

Result<CloudinaryUrl> CloudinaryUrl::parse(QStringView text)
{
    CloudinaryUrl url;
    QStringView scheme;
    if (startsWithAsciiCaseInsensitive(text, kCloudScheme)) {
        url.m_kind = Kind::Cloud;
        scheme = kCloudScheme;
    } else if (startsWithAsciiCaseInsensitive(text, kAccountScheme)) {
        url.m_kind = Kind::Account;
        scheme = kAccountScheme;
    } else {
        return schemeError(text);
    }
    const QString rest = cleanedInput(text.mid(scheme.size()));
    const QStringView all(rest);
    const QStringView authority = all.left(authorityEnd(all));

    // User info: up to the LAST '@' (earlier ones belong to it), split at its first ':'.
    const qsizetype at = authority.lastIndexOf(u'@');
    QStringView hostAndPort = authority;
    if (at >= 0) {
        const QStringView userinfo = authority.left(at);
        hostAndPort = authority.mid(at + 1);
        const qsizetype colon = userinfo.indexOf(u':');
        url.m_user = percentEncoded(colon >= 0 ? userinfo.left(colon) : userinfo, EncodeSet::Userinfo);
        if (colon >= 0)
            url.m_password = percentEncoded(userinfo.mid(colon + 1), EncodeSet::Userinfo);
    }
    auto host = hostIn(hostAndPort, scheme.toString());
    if (!host)
        return host.error();
    url.m_host = std::move(host).value();

    QStringView afterAuthority = all.mid(authority.size());
    const qsizetype hash = afterAuthority.indexOf(u'#');
    if (hash >= 0)
        afterAuthority = afterAuthority.left(hash);
    const qsizetype question = afterAuthority.indexOf(u'?');
    url.m_path = normalisedPath(question >= 0 ? afterAuthority.left(question) : afterAuthority);
    if (question >= 0) {
        auto query = queryItemsOf(afterAuthority.mid(question + 1));
        if (!query)
            return query.error();
        url.m_query = std::move(query).value();
    }
    url.buildConfig();
    return url;
}

Result<CloudinaryUrl> CloudinaryUrl::parse(QStringView text, Kind expected)
{
    auto url = parse(text);
    if (url && url->kind() != expected) {
        return Error::because(Error::Kind::InvalidInput,
                              expected == Kind::Cloud ? ErrorReason::UrlNotEnvironmentUrl
                                                      : ErrorReason::UrlNotAccountUrl);
    }
    return url;
}

void CloudinaryUrl::buildConfig()
{
    QJsonObject config;
    const bool cloud = m_kind == Kind::Cloud;
    config.insert(cloud ? u"cloud_name"_s : u"account_id"_s, m_host);
    // The SDK's `username || …` and `password || …`: an empty key is null; an empty secret is
    // null next to an empty key and absent next to a key.
    config.insert(cloud ? u"api_key"_s : u"provisioning_api_key"_s,
                  m_user.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m_user));
    const QString secretKey = cloud ? u"api_secret"_s : u"provisioning_api_secret"_s;
    if (!m_password.isEmpty())
        config.insert(secretKey, m_password);
    else if (m_user.isEmpty())
        config.insert(secretKey, QJsonValue::Null);
    if (cloud) {
        const bool privateCdn = !m_path.isEmpty() && m_path != u"/";
        config.insert(u"private_cdn"_s, privateCdn);
        if (privateCdn)
            config.insert(u"secure_distribution"_s, m_path.mid(1));
    }

    // The SDK first collects the query into a plain object (the last of repeated names wins,
    // in the place of the first; array-index names go first), then applies it key by key.
    QStringList names;
    QHash<QString, QString> values;
    for (const QueryItem &item : std::as_const(m_query)) {
        if (item.name == u"__proto__")
            continue;
        if (!values.contains(item.name))
            names.append(item.name);
        values.insert(item.name, item.value);
    }
    std::stable_partition(names.begin(), names.end(),
                          [](const QString &name) { return jsIsArrayIndex(name); });
    const auto indexEnd = std::find_if_not(names.begin(), names.end(),
                                           [](const QString &name) { return jsIsArrayIndex(name); });
    std::sort(names.begin(), indexEnd,
              [](const QString &a, const QString &b) { return a.toULongLong() < b.toULongLong(); });
    for (const QString &name : std::as_const(names))
        putNested(config, keyChain(name), 0, values.value(name));

    m_config = std::move(config);
}

QString CloudinaryUrl::configText(QStringView key) const
{
    const QJsonValue value = m_config.value(key);
    return value.isString() ? value.toString() : QString();
}

QString CloudinaryUrl::apiKey() const
{
    return configText(m_kind == Kind::Cloud ? u"api_key" : u"provisioning_api_key");
}

QString CloudinaryUrl::apiSecret() const
{
    return configText(m_kind == Kind::Cloud ? u"api_secret" : u"provisioning_api_secret");
}

QString CloudinaryUrl::cloudName() const
{
    return configText(u"cloud_name");
}

QString CloudinaryUrl::accountId() const
{
    return configText(u"account_id");
}

QString CloudinaryUrl::uploadPrefix() const
{
    return configText(u"upload_prefix");
}

QString CloudinaryUrl::secureDistribution() const
{
    return configText(u"secure_distribution");
}

QString CloudinaryUrl::cname() const
{
    return configText(u"cname");
}

bool CloudinaryUrl::privateCdn() const
{
    return jsTruthy(m_config.value(u"private_cdn"));
}

bool CloudinaryUrl::secure() const
{
    return jsTruthy(m_config.value(u"secure"));
}

bool CloudinaryUrl::cdnSubdomain() const
{
    return jsTruthy(m_config.value(u"cdn_subdomain"));
}

std::optional<bool> CloudinaryUrl::booleanOption(QStringView key) const
{
    const QJsonValue value = m_config.value(key);
    if (value.isBool())
        return value.toBool();
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString();
    if (text.compare(u"true", Qt::CaseInsensitive) == 0 || text == u"1")
        return true;
    if (text.compare(u"false", Qt::CaseInsensitive) == 0 || text == u"0")
        return false;
    return std::nullopt;
}

QString CloudinaryUrl::serialised(bool redacted) const
{
    QString text = (m_kind == Kind::Cloud ? kCloudScheme : kAccountScheme).toString();
    if (!m_user.isEmpty() || !m_password.isEmpty()) {
        text += m_user;
        if (!m_password.isEmpty())
            text += u':' + (redacted ? u"***"_s : m_password);
        text += u'@';
    }
    text += m_host + m_path;
    QStringList pairs;
    for (const QueryItem &item : m_query) {
        const bool hide = redacted && isSensitiveName(item.name);
        pairs.append(formEncoded(item.name, true) + u'='
                     + (hide ? u"***"_s : formEncoded(item.value, false)));
    }
    if (!pairs.isEmpty())
        text += u'?' + pairs.join(u'&');
    return text;
}

CloudinaryUrl CloudinaryUrl::withoutSecret() const
{
    CloudinaryUrl url = *this;
    url.m_password.clear();
    url.m_query.removeIf([](const QueryItem &item) { return isSensitiveName(item.name); });
    url.buildConfig();
    return url;
}

CloudinaryUrl CloudinaryUrl::withSecret(QStringView secret) const
{
    CloudinaryUrl url = *this;
    url.m_password = percentEncoded(secret, EncodeSet::Userinfo);
    url.buildConfig();
    return url;
}

QString CloudinaryUrl::toString() const
{
    return serialised(false);
}

QString CloudinaryUrl::toRedactedString() const
{
    return serialised(true);
}

bool operator==(const CloudinaryUrl &a, const CloudinaryUrl &b)
{
    return a.m_kind == b.m_kind && a.m_user == b.m_user && a.m_password == b.m_password
        && a.m_host == b.m_host && a.m_path == b.m_path && a.m_query == b.m_query;
}

} // namespace stratus::core
