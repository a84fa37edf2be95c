#pragma once

#include "core/util/result.h"
#include "jsvalue.h"

#include <QString>
#include <QStringView>

namespace stratus::core {

/// Token-based authentication (Akamai-style `__cld_token__`) as the Node SDK's generate_auth_token()
/// writes it: `<token_name>=[ip=…~][st=…~]exp=…[~acl=…]~hmac=…`, the HMAC-SHA256 (keyed with the
/// hex-decoded `key`) of the parts before it plus, without an ACL, `url=<escaped url>`.
///
/// \a options is the SDK's auth_token object (`key`, `start_time`, `expiration`, `duration`, `acl`
/// as text or list, `ip`, `token_name`) with JavaScript value semantics: an expiration computed from
/// a start time given as text is concatenated, not added, exactly as the SDK does. \a url is the
/// path (and query) to authorise, used only without an ACL. \a nowSeconds is the start when
/// `duration` is given without `start_time`.
///
/// Fails where the SDK throws (no expiration and no duration, a key that is not text, an ACL that
/// is not text or a list). Messages never contain the key.
[[nodiscard]] Result<QString> generateAuthToken(const JsValue &options, const QString &url,
                                                qint64 nowSeconds);

/// The `pathname + search` of \a url as the WHATWG URL parser (Node's `new URL(url,
/// "http://dummy")`) gives it: `.` and `..` segments resolved, `\` read as `/`, the fragment dropped,
/// and the characters the parser escapes (space, `"`, `<`, `>`, `` ` ``, `{`, `}`, controls,
/// non-ASCII) percent-encoded.
[[nodiscard]] QString whatwgPathAndQuery(QStringView url);

} // namespace stratus::core
