#include "authtoken.h"

#include "uriencoding.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QStringList>

#include <cmath>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

// JavaScript's `a + b`: text if either side is text (arrays and objects turn into text first),
// otherwise a numeric sum.
JsValue jsAdd(const JsValue &a, const JsValue &b)
{
    auto textual = [](const JsValue &v) {
        return v.isString() || v.isArrayOrObject();
    };
    if (textual(a) || textual(b))
        return JsValue::string(a.toJsString() + b.toJsString());
    auto number = [](const JsValue &v) {
        switch (v.type()) {
        case JsValue::Type::Bool:
            return v.boolValue() ? 1.0 : 0.0;
        case JsValue::Type::Number:
            return v.numberValue();
        case JsValue::Type::Null:
            return 0.0;
        default:
            return std::nan("");
        }
    };
    return JsValue::number(number(a) + number(b));
}

// Buffer.from(text, "hex"): pairs of hex digits up to the first pair that is not one.
QByteArray decodeHexKey(const QString &text)
{
    QByteArray key;
    key.reserve(text.size() / 2);
    auto nibble = [](QChar c) {
        const char16_t u = c.unicode();
        if (u >= u'0' && u <= u'9')
            return int(u - u'0');
        if (u >= u'a' && u <= u'f')
            return int(u - u'a' + 10);
        if (u >= u'A' && u <= u'F')
            return int(u - u'A' + 10);
        return -1;
    };
    for (qsizetype i = 0; i + 1 < text.size(); i += 2) {
        const int hi = nibble(text[i]), lo = nibble(text[i + 1]);
        if (hi < 0 || lo < 0)
            break;
        key.append(char(hi * 16 + lo));
    }
    return key;
}

bool isDotSegment(QStringView segment)
{
    return segment == u"." || segment.compare(u"%2e", Qt::CaseInsensitive) == 0;
}

bool isDoubleDotSegment(QStringView segment)
{
    if (segment.size() < 2 || segment.size() > 6)
        return false;
    for (QStringView candidate : {u"..", u".%2e", u"%2e.", u"%2e%2e"}) {
        if (segment.compare(candidate, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

void appendPercentEncoded(QString &out, QStringView text, bool (*escape)(char16_t))
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c < 0x80 && !escape(c)) {
            out += QChar(c);
            continue;
        }
        if (c < 0x80) {
            out += u'%';
            out += QString::number(c, 16).toUpper().rightJustified(2, u'0');
            continue;
        }
        // Non-ASCII: the UTF-8 bytes of the code point (a lone surrogate becomes U+FFFD).
        qsizetype length = 1;
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && QChar::isLowSurrogate(text[i + 1].unicode()))
            length = 2;
        const QByteArray bytes = text.mid(i, length).toUtf8();
        for (char byte : bytes) {
            out += u'%';
            out += QString::number(uchar(byte), 16).toUpper().rightJustified(2, u'0');
        }
        i += length - 1;
    }
}

bool escapeInPath(char16_t c)
{
    return c < 0x20 || c == 0x7F || c == u' ' || c == u'"' || c == u'<' || c == u'>' || c == u'`' || c == u'{'
        || c == u'}';
}

bool escapeInQuery(char16_t c)
{
    return c < 0x20 || c == 0x7F || c == u' ' || c == u'"' || c == u'<' || c == u'>' || c == u'\'';
}

} // namespace

QString whatwgPathAndQuery(QStringView input)
{
    QString url = input.toString();
    url.remove(u'\t');
    url.remove(u'\n');
    url.remove(u'\r');

    qsizetype pathStart = 0;
    if (url.startsWith(u"http://", Qt::CaseInsensitive) || url.startsWith(u"https://", Qt::CaseInsensitive)) {
        const qsizetype hostStart = url.indexOf(u"//") + 2;
        pathStart = url.size();
        for (qsizetype i = hostStart; i < url.size(); ++i) {
            const QChar c = url[i];
            if (c == u'/' || c == u'\\' || c == u'?' || c == u'#') {
                pathStart = i;
                break;
            }
        }
    }
    qsizetype end = url.indexOf(u'#', pathStart);
    if (end < 0)
        end = url.size();
    qsizetype queryStart = url.indexOf(u'?', pathStart);
    if (queryStart < 0 || queryStart > end)
        queryStart = end;

    QString path = url.mid(pathStart, queryStart - pathStart);
    path.replace(u'\\', u'/');
    QStringList segments;
    const QStringList raw = path.split(u'/');
    // raw[0] is the empty text before the leading '/'.
    for (qsizetype i = 1; i < raw.size(); ++i) {
        const bool last = i + 1 == raw.size();
        const QString &segment = raw.at(i);
        if (isDoubleDotSegment(segment)) {
            if (!segments.isEmpty())
                segments.removeLast();
            if (last)
                segments.append(QString());
        } else if (isDotSegment(segment)) {
            if (last)
                segments.append(QString());
        } else {
            segments.append(segment);
        }
    }
    QString out;
    out.reserve(url.size() + 16);
    for (const QString &segment : std::as_const(segments)) {
        out += u'/';
        appendPercentEncoded(out, segment, escapeInPath);
    }
    if (out.isEmpty())
        out = u"/"_s;
    if (end - queryStart > 1) {
        out += u'?';
        appendPercentEncoded(out, QStringView(url).mid(queryStart + 1, end - queryStart - 1), escapeInQuery);
    }
    return out;
}

Result<QString> generateAuthToken(const JsValue &options, const QString &url, qint64 nowSeconds)
{
    const JsValue &tokenNameOption = options.member(u"token_name");
    const QString tokenName = tokenNameOption.isTruthy() ? tokenNameOption.toJsString() : u"__cld_token__"_s;

    const JsValue &startTime = options.member(u"start_time");
    JsValue expiration = options.member(u"expiration");
    if (expiration.isNullish()) {
        const JsValue &duration = options.member(u"duration");
        if (duration.isNullish())
            return Error::because(Error::Kind::InvalidInput, ErrorReason::AuthTokenExpiryMissing);
        const JsValue start = startTime.isNullish() ? JsValue::number(double(nowSeconds)) : startTime;
        expiration = jsAdd(start, duration);
    }

    QStringList parts;
    const JsValue &ip = options.member(u"ip");
    if (!ip.isNullish())
        parts.append(u"ip="_s + ip.toJsString());
    if (!startTime.isNullish())
        parts.append(u"st="_s + startTime.toJsString());
    parts.append(u"exp="_s + expiration.toJsString());

    const JsValue &acl = options.member(u"acl");
    if (!acl.isNullish()) {
        if (!acl.isString() && !acl.isArray())
            return Error::because(Error::Kind::InvalidInput, ErrorReason::AuthTokenAclNotText);
        const QString aclText = acl.isArray() ? acl.join(u"!") : acl.stringValue();
        parts.append(u"acl="_s + uri::escapeTokenUrl(aclText));
    }
    QStringList toSign = parts;
    if (acl.isNullish())
        toSign.append(u"url="_s + uri::escapeTokenUrl(url));

    const JsValue &key = options.member(u"key");
    if (!key.isString())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::AuthTokenKeyNotText);
    const QByteArray digest = QMessageAuthenticationCode::hash(
        toSign.join(u'~').toUtf8(), decodeHexKey(key.stringValue()), QCryptographicHash::Sha256);
    parts.append(u"hmac="_s + QString::fromLatin1(digest.toHex()));
    return QString(tokenName + u'=' + parts.join(u'~'));
}

} // namespace stratus::core
