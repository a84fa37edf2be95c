#pragma once

#include "core/util/result.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QUrl>

namespace stratus::core {

/// What a sign-in (or a refresh) gave: the access and refresh tokens, when the access token
/// expires, and where the pair is refreshed and revoked (the server and client that issued it, so a
/// sandbox's tokens go back to that sandbox). Kept as one keychain entry (toStoredText()), nowhere
/// else; the destructor overwrites the tokens.
struct TokenPair
{
    QString accessToken;
    QString refreshToken; ///< empty when the server gave none (no offline_access)
    QDateTime expiresAt; ///< UTC; invalid when the server did not say
    QString scope;
    QUrl tokenUrl;
    QUrl revokeUrl;
    QString clientId;

    TokenPair() = default;
    TokenPair(const TokenPair &) = default;
    TokenPair &operator=(const TokenPair &) = default;
    TokenPair(TokenPair &&) = default;
    TokenPair &operator=(TokenPair &&) = default;
    ~TokenPair();

    /// Expired at `now`, or within `marginSeconds` of it (a request sent now might arrive late).
    [[nodiscard]] bool isExpired(const QDateTime &now, int marginSeconds = 30) const;

    /// Compact JSON: what the keychain entry of a token environment holds.
    [[nodiscard]] QString toStoredText() const;
    /// Reads toStoredText(); Kind::Auth reason TokenUnreadable for anything else.
    [[nodiscard]] static Result<TokenPair> fromStoredText(const QString &text);
};

/// What Stratus reads in an access token (a JWT; its signature is the server's business, the
/// client only needs the claims): `iat`, `exp`, `iss`, `sub` and `ext.cloud_name`.
struct AccessTokenClaims
{
    QString cloudName; ///< `ext.cloud_name`: the product environment the token is for
    QString issuer; ///< `iss`
    QString subject; ///< `sub` (the user), may be empty
    QDateTime issuedAt; ///< `iat`, UTC
    QDateTime expiresAt; ///< `exp`, UTC
};

/// The claims of a JWT access token; Kind::InvalidInput reason SignInAnswerUnusable when it is not
/// one or has no cloud name.
[[nodiscard]] Result<AccessTokenClaims> readAccessTokenClaims(const QString &jwt);

} // namespace stratus::core

// Carried by OAuthSignIn::succeeded().
Q_DECLARE_METATYPE(stratus::core::TokenPair)
Q_DECLARE_METATYPE(stratus::core::AccessTokenClaims)
