#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>

namespace stratus::core {

/// The digest behind every Cloudinary API signature. SHA-1 is the SDK default; an account may be
/// restricted to SHA-256. Nothing on the wire names the algorithm: the server tells them apart by
/// the length of the hex digest.
enum class SignatureAlgorithm {
    Sha1,
    Sha256,
};

/// How parameter values are escaped in the string to sign. Version 2 (the Node SDK default since
/// 2.7) turns every `&` inside a `name=value` pair into `%26`, so a value cannot smuggle in an extra
/// parameter; version 1 leaves it raw. The two agree for values without `&`.
enum class SignatureVersion {
    V1 = 1,
    V2 = 2,
};

/// "sha1" or "sha256", the spelling of the SDKs' `signature_algorithm` option.
[[nodiscard]] QString signatureAlgorithmName(SignatureAlgorithm algorithm);

/// The algorithm named exactly "sha1" or "sha256" (lower case, as the Node SDK requires);
/// std::nullopt for anything else.
[[nodiscard]] std::optional<SignatureAlgorithm> signatureAlgorithmFromName(QStringView name);

/// Lower-case hex digest of `payload` followed by the UTF-8 bytes of `secret`. The UTF-8 copy of
/// the secret lives only inside this call and is overwritten before it returns.
[[nodiscard]] QString secretSuffixedHexDigest(QByteArrayView payload, QStringView secret,
                                              SignatureAlgorithm algorithm);

/// Compares two signatures in time independent of where they first differ, so a verifier does not
/// leak how much of a forged signature was right.
[[nodiscard]] bool signaturesEqual(QByteArrayView expected, QByteArrayView actual);

} // namespace stratus::core
