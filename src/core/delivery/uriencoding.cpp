#include "uriencoding.h"

#include <QByteArray>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace stratus::core::uri {

namespace {

constexpr char16_t kHexUpper[] = u"0123456789ABCDEF";
constexpr char16_t kHexLower[] = u"0123456789abcdef";

// One bit per ASCII character: set when the character is written as is.
using AsciiSet = std::array<bool, 128>;

constexpr AsciiSet makeSet(std::u16string_view extra)
{
    AsciiSet set {};
    for (char16_t c = u'A'; c <= u'Z'; ++c)
        set[c] = true;
    for (char16_t c = u'a'; c <= u'z'; ++c)
        set[c] = true;
    for (char16_t c = u'0'; c <= u'9'; ++c)
        set[c] = true;
    for (char16_t c : extra)
        set[c] = true;
    return set;
}

constexpr AsciiSet kComponentSet = makeSet(u"-_.!~*'()");
constexpr AsciiSet kComponentColonSlashSet = makeSet(u"-_.!~*'():/");
constexpr AsciiSet kUriSet = makeSet(u"-_.!~*'();/?:@&=+$,#");
constexpr AsciiSet kSmartSet = makeSet(u"_.-/:");

// Escaped output is written through a cursor into a buffer sized for the worst case (a UTF-16
// code unit becomes at most three bytes, nine characters), then truncated.
constexpr qsizetype kWorstGrowth = 9;

QChar *putByte(QChar *to, unsigned byte, const char16_t *hex = kHexUpper)
{
    *to++ = u'%';
    *to++ = QChar(hex[byte >> 4]);
    *to++ = QChar(hex[byte & 0xF]);
    return to;
}

QChar *putUtf8Escaped(QChar *to, char32_t codePoint)
{
    if (codePoint < 0x80)
        return putByte(to, unsigned(codePoint));
    if (codePoint < 0x800) {
        to = putByte(to, 0xC0 | unsigned(codePoint >> 6));
        return putByte(to, 0x80 | unsigned(codePoint & 0x3F));
    }
    if (codePoint < 0x10000) {
        to = putByte(to, 0xE0 | unsigned(codePoint >> 12));
        to = putByte(to, 0x80 | unsigned((codePoint >> 6) & 0x3F));
        return putByte(to, 0x80 | unsigned(codePoint & 0x3F));
    }
    to = putByte(to, 0xF0 | unsigned(codePoint >> 18));
    to = putByte(to, 0x80 | unsigned((codePoint >> 12) & 0x3F));
    to = putByte(to, 0x80 | unsigned((codePoint >> 6) & 0x3F));
    return putByte(to, 0x80 | unsigned(codePoint & 0x3F));
}

// Reads the code point at text[*i] and advances; -1 for a lone surrogate.
qint32 nextCodePoint(QStringView text, qsizetype *i)
{
    const char16_t c = text[*i].unicode();
    ++*i;
    if (QChar::isHighSurrogate(c)) {
        if (*i < text.size() && QChar::isLowSurrogate(text[*i].unicode())) {
            const char16_t low = text[*i].unicode();
            ++*i;
            return qint32(QChar::surrogateToUcs4(c, low));
        }
        return -1;
    }
    if (QChar::isLowSurrogate(c))
        return -1;
    return c;
}

Result<QString> encodeWith(QStringView text, const AsciiSet &keep, const QString *original = nullptr)
{
    // Fast path: nothing to escape.
    qsizetype i = 0;
    while (i < text.size() && text[i].unicode() < 128 && keep[text[i].unicode()])
        ++i;
    if (i == text.size())
        return original ? *original : text.toString();

    QString out(text.size() * kWorstGrowth, Qt::Uninitialized);
    QChar *to = std::copy(text.begin(), text.begin() + i, out.data());
    while (i < text.size()) {
        const char16_t c = text[i].unicode();
        if (c < 128 && keep[c]) {
            *to++ = QChar(c);
            ++i;
            continue;
        }
        const qint32 codePoint = nextCodePoint(text, &i);
        if (codePoint < 0)
            return Error::because(Error::Kind::InvalidInput, ErrorReason::UriLoneSurrogate);
        to = putUtf8Escaped(to, char32_t(codePoint));
    }
    out.truncate(to - out.constData());
    return out;
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

Result<QString> decodeWith(QStringView text, QStringView reserved, const QString *original = nullptr)
{
    const qsizetype percent = text.indexOf(u'%');
    if (percent < 0)
        return original ? *original : text.toString();
    const auto malformed = [] {
        return Error::because(Error::Kind::InvalidInput, ErrorReason::UriBadPercentEscape);
    };

    // Decoding never lengthens the text.
    QString out(text.size(), Qt::Uninitialized);
    QChar *to = std::copy(text.begin(), text.begin() + percent, out.data());
    qsizetype k = percent;
    const qsizetype length = text.size();
    while (k < length) {
        const QChar c = text[k];
        if (c != u'%') {
            *to++ = c;
            ++k;
            continue;
        }
        const qsizetype start = k;
        if (k + 2 >= length)
            return malformed();
        const int hi = hexValue(text[k + 1]), lo = hexValue(text[k + 2]);
        if (hi < 0 || lo < 0)
            return malformed();
        const unsigned byte = unsigned(hi * 16 + lo);
        k += 3;
        if (byte < 0x80) {
            const QChar decoded {char16_t(byte)};
            if (reserved.contains(decoded))
                to = std::copy(text.begin() + start, text.begin() + start + 3, to);
            else
                *to++ = decoded;
            continue;
        }
        int count = 0; // number of leading one bits = length of the UTF-8 sequence
        while (count < 8 && (byte & (0x80u >> count)))
            ++count;
        if (count == 1 || count > 4)
            return malformed();
        char32_t codePoint = byte & (0xFFu >> (count + 1));
        for (int j = 1; j < count; ++j) {
            if (k + 2 >= length || text[k] != u'%')
                return malformed();
            const int h = hexValue(text[k + 1]), l = hexValue(text[k + 2]);
            if (h < 0 || l < 0)
                return malformed();
            const unsigned next = unsigned(h * 16 + l);
            if ((next & 0xC0) != 0x80)
                return malformed();
            codePoint = (codePoint << 6) | (next & 0x3F);
            k += 3;
        }
        static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
        if (codePoint < kMinimum[count] || codePoint > 0x10FFFF
            || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            return malformed();
        if (codePoint >= 0x10000) {
            *to++ = QChar(QChar::highSurrogate(codePoint));
            *to++ = QChar(QChar::lowSurrogate(codePoint));
        } else {
            *to++ = QChar(char16_t(codePoint));
        }
    }
    out.truncate(to - out.constData());
    return out;
}

} // namespace

Result<QString> encodeUriComponent(const QString &text, bool keepColonSlash)
{
    return encodeWith(text, keepColonSlash ? kComponentColonSlashSet : kComponentSet, &text);
}

Result<QString> encodeUri(QStringView text)
{
    return encodeWith(text, kUriSet);
}

Result<QString> decodeUriComponent(const QString &text)
{
    return decodeWith(text, {}, &text);
}

Result<QString> decodeUri(QStringView text)
{
    return decodeWith(text, u";/?:@&=+$,#");
}

QString smartEscapeUrl(QStringView text)
{
    QString out(text.size() * kWorstGrowth, Qt::Uninitialized);
    QChar *to = out.data();
    qsizetype i = 0;
    while (i < text.size()) {
        const char16_t c = text[i].unicode();
        if (c < 128 && kSmartSet[c]) {
            *to++ = QChar(c);
            ++i;
            continue;
        }
        const qint32 codePoint = nextCodePoint(text, &i);
        to = putUtf8Escaped(to, codePoint < 0 ? U'\uFFFD' : char32_t(codePoint));
    }
    out.truncate(to - out.constData());
    return out;
}

Result<QString> encodeOverlayText(QStringView text)
{
    QString out(text.size() * kWorstGrowth, Qt::Uninitialized);
    QChar *to = out.data();
    auto put = [&](QStringView escaped) {
        to = std::copy(escaped.begin(), escaped.end(), to);
    };
    qsizetype i = 0;
    while (i < text.size()) {
        const char16_t c = text[i].unicode();
        switch (c) {
        case u',':
            put(u"%252C");
            ++i;
            continue;
        case u'/':
            put(u"%252F");
            ++i;
            continue;
        case u'(':
            put(u"%28");
            ++i;
            continue;
        case u')':
            put(u"%29");
            ++i;
            continue;
        default:
            break;
        }
        if (c < 128 && kComponentSet[c]) {
            *to++ = QChar(c);
            ++i;
            continue;
        }
        const qint32 codePoint = nextCodePoint(text, &i);
        if (codePoint < 0)
            return Error::because(Error::Kind::InvalidInput, ErrorReason::LayerTextLoneSurrogate);
        to = putUtf8Escaped(to, char32_t(codePoint));
    }
    out.truncate(to - out.constData());
    return out;
}

QString escapeTokenUrl(QStringView text)
{
    // The SDK's class is /[ "#%&'\/:;<=>?@[\]^`{|}~]/: "\]" is an escaped "]", so a backslash stays.
    static constexpr std::u16string_view kUnsafe = u" \"#%&'/:;<=>?@[]^`{|}~";
    QString out(text.size() * 3, Qt::Uninitialized);
    QChar *to = out.data();
    for (QChar c : text) {
        if (kUnsafe.find(c.unicode()) != std::u16string_view::npos)
            to = putByte(to, c.unicode(), kHexLower);
        else
            *to++ = c;
    }
    out.truncate(to - out.constData());
    return out;
}

Result<QString> base64EncodeUrl(QStringView url)
{
    auto decoded = decodeUri(url);
    auto encoded = encodeUri(decoded ? QStringView(decoded.value()) : url);
    if (!encoded)
        return encoded.error();
    // encodeURI leaves only ASCII, so Latin-1 is the SDK's 'binary' encoding here.
    const QByteArray bytes = encoded.value().toLatin1();
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

quint32 crc32(QStringView text)
{
    static const auto table = [] {
        std::array<quint32, 256> t {};
        for (quint32 n = 0; n < 256; ++n) {
            quint32 c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    quint32 crc = 0xFFFFFFFFu;
    auto feed = [&](unsigned byte) {
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8);
    };
    for (QChar ch : text) {
        const unsigned c = ch.unicode();
        if (c < 0x80) {
            feed(c);
        } else if (c < 0x800) {
            feed(0xC0 | (c >> 6));
            feed(0x80 | (c & 0x3F));
        } else {
            // Surrogates are encoded one by one, as the SDK's utf8_encode does.
            feed(0xE0 | (c >> 12));
            feed(0x80 | ((c >> 6) & 0x3F));
            feed(0x80 | (c & 0x3F));
        }
    }
    return crc ^ 0xFFFFFFFFu;
}

} // namespace stratus::core::uri
