#include "urlbatch.h"

#include "core/util/linesplitter.h"
#include "jsvalue.h"

#include <QStringDecoder>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

// The public id as the SDK would see it: text, or a number turned into text as JavaScript does.
Result<QString> publicIdOf(const JsValue &line)
{
    const JsValue &id = line.member(u"public_id");
    if (id.isString())
        return id.stringValue();
    if (id.isNumber())
        return id.toJsString();
    return id.isNullish()
        ? Error::because(Error::Kind::InvalidInput, ErrorReason::BatchPublicIdMissing)
        : Error::because(Error::Kind::InvalidInput, ErrorReason::OptionNotString, u"public_id"_s);
}

// Decodes one line into \a buffer, reused from line to line so that no allocation is needed.
QStringView decodeLine(QByteArrayView bytes, QString &buffer)
{
    if (buffer.capacity() < bytes.size())
        buffer.reserve(std::max(bytes.size(), qsizetype(256)));
    buffer.resize(bytes.size());
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    const QChar *end = decoder.appendToBuffer(buffer.data(), bytes);
    return QStringView(buffer.constData(), end - buffer.constData());
}

// The index of the first carriage return, line feed or NUL in \a text, else -1. Every URL passes
// through here, so four characters at a time: a lane below 14 is looked at closely, and URLs have
// almost none.
qsizetype firstLineBreak(QStringView text)
{
    constexpr quint64 kOnes = 0x0001000100010001ULL;
    constexpr quint64 kHigh = 0x8000800080008000ULL;
    const QChar *data = text.data();
    const qsizetype size = text.size();
    qsizetype i = 0;
    auto breaks = [](char16_t c) {
        return c == u'\r' || c == u'\n' || c == 0;
    };
    for (; i + 4 <= size; i += 4) {
        quint64 lanes;
        std::memcpy(&lanes, data + i, sizeof lanes);
        if (((lanes - 14 * kOnes) & ~lanes & kHigh) == 0)
            continue;
        for (qsizetype k = i; k < i + 4; ++k) {
            if (breaks(data[k].unicode()))
                return k;
        }
    }
    for (; i < size; ++i) {
        if (breaks(data[i].unicode()))
            return i;
    }
    return -1;
}

} // namespace

Result<QString> asOutputLine(Result<QString> url)
{
    if (!url) {
        Error error = url.error();
        error.message = onOneLine(std::move(error.message));
        error.subject = onOneLine(std::move(error.subject));
        return error;
    }
    const QString &text = url.value();
    const qsizetype at = firstLineBreak(text);
    if (at < 0)
        return url;
    const char16_t c = text.at(at).unicode();
    return Error::because(Error::Kind::InvalidInput, ErrorReason::UrlHoldsLineBreak,
                          u"U+%1"_s.arg(int(c), 4, 16, QChar(u'0')).toUpper());
}

std::optional<Result<QString>> UrlBatchLines::answer(QByteArrayView bytes)
{
    if (isBlankLine(bytes))
        return std::nullopt;
    // Strings without escapes borrow from the buffer: no allocation for most of them.
    const QStringView line = decodeLine(bytes, m_buffer);
    const auto parsed = JsValue::parseJson(line, JsValue::StringStorage::Borrow);
    if (!parsed)
        return parsed.error();
    if (!parsed->isObject())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::BatchLineNotObject);
    const Result<QString> publicId = publicIdOf(parsed.value());
    if (!publicId)
        return publicId.error();
    const JsValue &options = parsed->member(u"options");
    if (!options.isNullish() && !options.isObject())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::OptionsNotObject);
    Result<QString> url = asOutputLine(m_builder.build(publicId.value(), options));
    // A remote URL comes back as it was given, borrowed from the buffer the next line overwrites.
    if (url && url->constData() >= m_buffer.constData()
        && url->constData() < m_buffer.constData() + m_buffer.size())
        return Result<QString>(QString(url->constData(), url->size()));
    return url;
}

} // namespace stratus::core
