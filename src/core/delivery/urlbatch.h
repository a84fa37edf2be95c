#pragma once

#include "core/util/result.h"
#include "deliveryurl.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace stratus::core {

/// \a url as one line of output: an error when it holds a raw carriage return, line feed or NUL.
/// The Node SDK percent-encodes those in a public id, but copies them unescaped into the URL from
/// transformation values, the type, the format, a remote URL without a type and other options; a
/// printed URL must never break into two lines (line N of `url --batch` output belongs to line N
/// of its input). Error messages and subjects come back on one line too (onOneLine()).
[[nodiscard]] Result<QString> asOutputLine(Result<QString> url);

/// The lines of `stratus-cli url --batch`: each a JSON object `{"public_id": …, "options": {…}}` in
/// UTF-8, answered with the delivery URL the builder makes of it, or with an error whose words are
/// one line of text (bad JSON, no public id, options the SDK rejects, a URL asOutputLine() refuses).
///
/// Pure value code, so the fuzzers reach it. One per thread: it reuses a decoding buffer from line
/// to line. The builder must outlive it.
class UrlBatchLines
{
public:
    explicit UrlBatchLines(const DeliveryUrlBuilder &builder)
        : m_builder(builder)
    {
    }

    /// The answer to one line (without its '\n'); std::nullopt for a blank line, which gets none.
    [[nodiscard]] std::optional<Result<QString>> answer(QByteArrayView line);

private:
    const DeliveryUrlBuilder &m_builder;
    QString m_buffer;
};

} // namespace stratus::core
