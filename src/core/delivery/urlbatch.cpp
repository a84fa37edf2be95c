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
    return Error::invalidInput(id.isNullish() ? u"missing public_id"_s : u"public_id must be text"_s);
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
    const QString name = c == u'\r' ? u"carriage return (U+000D)"_s
        : c == u'\n'                ? u"line feed (U+000A)"_s
                                    : u"NUL (U+0000)"_s;
    return Error::invalidInput(u"the URL would hold a raw %1, which the Node SDK copies into it "
                               u"unescaped from this option; percent-encode it in the value"_s.arg(name));
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
        return Error::invalidInput(u"expected a JSON object {\"public_id\": ..., \"options\": {...}}"_s);
    const Result<QString> publicId = publicIdOf(parsed.value());
    if (!publicId)
        return publicId.error();
    const JsValue &options = parsed->member(u"options");
    if (!options.isNullish() && !options.isObject())
        return Error::invalidInput(u"options must be a JSON object"_s);
    Result<QString> url = asOutputLine(m_builder.build(publicId.value(), options));
    // A remote URL comes back as it was given, borrowed from the buffer the next line overwrites.
    if (url && url->constData() >= m_buffer.constData()
        && url->constData() < m_buffer.constData() + m_buffer.size())
        return Result<QString>(QString(url->constData(), url->size()));
    return url;
}

} // namespace stratus::core
