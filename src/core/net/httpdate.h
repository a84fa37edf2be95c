#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>

#include <optional>

namespace stratus::core {

/// HTTP dates as servers send them in `X-FeatureRateLimit-Reset` and `Retry-After` (RFC 9110
/// §5.6.7): the preferred IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, and, as the RFC asks
/// recipients to, the obsolete RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime
/// (`Sun Nov  6 08:49:37 1994`) forms. A numeric zone (`+0000`, RFC 2822) is accepted too.
/// Qt 6.4's Qt::RFC2822Date refuses the `GMT` zone every HTTP server sends, hence this parser.
namespace HttpDate {

/// The moment `text` names, in UTC; std::nullopt when it is not an HTTP date.
[[nodiscard]] std::optional<QDateTime> parse(QByteArrayView text);

/// The IMF-fixdate of `time` (`Sun, 06 Nov 1994 08:49:37 GMT`), seconds truncated.
[[nodiscard]] QByteArray format(const QDateTime &time);

} // namespace HttpDate

} // namespace stratus::core
