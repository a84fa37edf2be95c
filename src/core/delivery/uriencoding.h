#pragma once

#include "core/util/result.h"

#include <QString>
#include <QStringView>

namespace stratus::core::uri {

// JavaScript's URI functions and the Node SDK's escaping helpers, reimplemented so delivery URLs
// come out byte for byte as the SDK writes them. Percent escapes use upper-case hex and UTF-8.
// Where JavaScript throws a URIError (a lone surrogate to encode, a malformed escape to decode),
// these return an InvalidInput error.

/// encodeURIComponent(): keeps A-Z a-z 0-9 - _ . ! ~ * ' ( ); with \a keepColonSlash also : and /
/// (what the SDK does to public ids by replacing %3A and %2F back).
/// Returns \a text itself (sharing its data) when nothing needs escaping.
[[nodiscard]] Result<QString> encodeUriComponent(const QString &text, bool keepColonSlash = false);
/// encodeURI(): like encodeURIComponent() but also keeps ; / ? : @ & = + $ , #.
[[nodiscard]] Result<QString> encodeUri(QStringView text);
/// decodeURIComponent(): decodes every %XX sequence (UTF-8 validated).
/// Returns \a text itself when it contains no escape.
[[nodiscard]] Result<QString> decodeUriComponent(const QString &text);
/// decodeURI(): leaves escapes of ; / ? : @ & = + $ , # as they are.
[[nodiscard]] Result<QString> decodeUri(QStringView text);

/// The SDK's smart_escape() for remote URLs used as public ids (fetch): every character outside
/// A-Z a-z 0-9 _ . - / : becomes %XX. Deliberately unlike the SDK, non-ASCII characters are escaped
/// as their UTF-8 bytes (the SDK writes UTF-16 code units, `%E9`, `%65E5`) and control characters
/// get two hex digits (the SDK writes `%9` for a tab), so the result is always a well-formed URL.
[[nodiscard]] QString smartEscapeUrl(QStringView text);

/// The text part of a text overlay: `,` and `/` are escaped twice (`%252C`, `%252F`), the rest as
/// encodeURIComponent() does, then `(` and `)` become `%28` and `%29`.
[[nodiscard]] Result<QString> encodeOverlayText(QStringView text);

/// The auth-token escaping of ACLs and URLs: the characters ` "#%&'/:;<=>?@[\]^`{|}~` become %xx
/// with lower-case hex; everything else is kept as is.
[[nodiscard]] QString escapeTokenUrl(QStringView text);

/// The SDK's base64EncodeURL(): decodeURI (ignoring a failure), encodeURI, Base64 of the result,
/// URL-safe alphabet, no padding. Used for fetch overlays and remote custom functions.
[[nodiscard]] Result<QString> base64EncodeUrl(QStringView url);

/// The SDK's crc32(): CRC-32 (zlib) of the text encoded code unit by code unit as UTF-8.
/// Chooses the cdn_subdomain shard.
[[nodiscard]] quint32 crc32(QStringView text);

} // namespace stratus::core::uri
