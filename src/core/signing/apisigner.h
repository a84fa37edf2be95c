#pragma once

#include "core/util/result.h"
#include "signaturealgorithm.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringView>

namespace stratus::core {

class Clock;

/// Signs Cloudinary API requests (Upload API and the other signed POSTs, signed download URLs)
/// exactly as the official Node SDK 2.11.0 does, so a signature we compute is byte for byte the one
/// `cloudinary.utils.api_sign_request()` computes for the same parameters.
///
/// An ApiSigner is a small value (algorithm + signature version); it never stores the secret.
/// Every function that needs the secret takes it as a view for the duration of the call, and the
/// UTF-8 copy that is hashed is wiped before the call returns. Reentrant; no logging.
///
/// Parameter values are turned into text the way JavaScript does in the SDK (`${value}`):
/// strings as they are, numbers like Number.prototype.toString() (jsNumberToString), booleans
/// as `true`/`false`, arrays joined with `,` (null elements as empty text, nested arrays
/// flattened), other objects as `[object Object]`.
class ApiSigner
{
public:
    /// The Node SDK 2.11.0 defaults: SHA-1, signature version 2.
    ApiSigner() = default;
    ApiSigner(SignatureAlgorithm algorithm, SignatureVersion version)
        : m_algorithm(algorithm)
        , m_version(version)
    {
    }

    /// The algorithm and version an SDK config object selects, with the Node SDK's fallbacks:
    /// `signature_algorithm` when truthy (must then be "sha1" or "sha256"), else SHA-1;
    /// `signature_version` when truthy, read as a JavaScript number (version 2 when >= 2, else 1),
    /// else version 2. An error (naming the value, which is never secret) for an unknown algorithm.
    [[nodiscard]] static Result<ApiSigner> fromSdkConfig(const QJsonObject &config);

    [[nodiscard]] SignatureAlgorithm algorithm() const { return m_algorithm; }
    [[nodiscard]] SignatureVersion version() const { return m_version; }

    /// The Node SDK's api_string_to_sign(): every parameter whose value is not null, undefined or
    /// the empty text (after arrays are joined, so `[]` and `[null]` are dropped too; `0` and
    /// `false` are kept), sorted by name in the order of JavaScript's String.localeCompare
    /// (ICU collation for en-US, not byte order: `_` before digits before letters, `a` before
    /// `A`), as `name=value` joined by `&`, with no URL-encoding. Version 2 replaces `&` by `%26`
    /// inside each pair.
    ///
    /// Like api_sign_request(), this signs what it is given: it does NOT leave out `file`,
    /// `cloud_name`, `resource_type` or `api_key` (the SDK's callers never put them in). Use
    /// paramsToSign() for a request that carries them.
    [[nodiscard]] static QString stringToSign(const QJsonObject &params, SignatureVersion version);

    /// The lower-case hex signature of `params` (api_sign_request(params, secret, algorithm,
    /// version)): the digest of stringToSign() immediately followed by the secret.
    [[nodiscard]] QString sign(const QJsonObject &params, QStringView apiSecret) const;

    /// The body parameters of a signed request, as the SDK's upload calls build them: blank values
    /// removed (blankValuesRemoved()), `timestamp` set from `clock` unless present, then
    /// `signature` over paramsToSign() and `api_key` added. Keys excluded from the signature stay
    /// in the result (the caller sends `file` as its own multipart part).
    [[nodiscard]] QJsonObject signRequest(QJsonObject params, QStringView apiKey, QStringView apiSecret,
                                          const Clock &clock) const;

    /// `params` without the keys that are never signed (Cloudinary's documented rule): `file`,
    /// `cloud_name`, `resource_type`, `api_key`, and `signature` itself.
    [[nodiscard]] static QJsonObject paramsToSign(QJsonObject params);

    /// The Node SDK's clear_blank(): drops null values and values whose text is empty, and removes
    /// the falsy elements (null, "", 0, false) of arrays.
    [[nodiscard]] static QJsonObject blankValuesRemoved(const QJsonObject &params);

    /// The signature Cloudinary puts in an upload response: `public_id=…&version=…` signed with
    /// signature version 1 (never `&`-escaped, as verify_api_response_signature() does).
    /// `version` is a number or text, as in the response.
    [[nodiscard]] static QString responseSignature(QStringView publicId, const QJsonValue &version,
                                                   QStringView apiSecret,
                                                   SignatureAlgorithm algorithm = SignatureAlgorithm::Sha1);
    [[nodiscard]] static bool
    verifyResponseSignature(QStringView publicId, const QJsonValue &version, QStringView signature,
                            QStringView apiSecret, SignatureAlgorithm algorithm = SignatureAlgorithm::Sha1);

    friend bool operator==(const ApiSigner &, const ApiSigner &) = default;

private:
    SignatureAlgorithm m_algorithm = SignatureAlgorithm::Sha1;
    SignatureVersion m_version = SignatureVersion::V2;
};

} // namespace stratus::core
