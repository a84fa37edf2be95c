#pragma once

#include "signaturealgorithm.h"

#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <chrono>

namespace stratus::core {

class Clock;

/// Signatures of Cloudinary's webhook notifications (headers `X-Cld-Timestamp` and
/// `X-Cld-Signature`): the hex digest of the raw body, then the timestamp text, then the API secret.
/// Mirrors the Node SDK's webhook_signature() and verifyNotificationSignature(). Stateless; the
/// secret is only borrowed for the call.
namespace NotificationSignature {

/// The expected `X-Cld-Signature` of `body` sent with `timestamp` (the header text as received).
[[nodiscard]] QString compute(QByteArrayView body, QByteArrayView timestamp, QStringView apiSecret,
                              SignatureAlgorithm algorithm = SignatureAlgorithm::Sha1);

/// True when `signature` matches and the timestamp is no older than `validFor` (the SDK's default
/// is two hours) by `clock`. A timestamp that is not a whole number of seconds is rejected.
/// Timestamps in the future are accepted, as the SDK does.
[[nodiscard]] bool verify(QByteArrayView body, QByteArrayView timestamp, QByteArrayView signature,
                          QStringView apiSecret, const Clock &clock,
                          SignatureAlgorithm algorithm = SignatureAlgorithm::Sha1,
                          std::chrono::seconds validFor = std::chrono::hours(2));

} // namespace NotificationSignature

} // namespace stratus::core
