#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace stratus::sandbox::jwt {

/// A compact JWS (RFC 7515) with HS256 over `claims`: header.payload.signature, base64url without
/// padding.
[[nodiscard]] QString signHs256(const QJsonObject &claims, const QByteArray &key);

/// The claims of `token` when it is a compact JWS whose header says HS256 (nothing else: no "none",
/// no algorithm the token picks) and whose signature matches `key` (compared in constant time).
/// Says nothing of `exp` and the other claims; callers check those.
[[nodiscard]] std::optional<QJsonObject> verifyHs256(QStringView token, const QByteArray &key);

} // namespace stratus::sandbox::jwt
