#include "notificationsignature.h"

#include "clock.h"

#include <QByteArray>

#include <cmath>

namespace stratus::core::NotificationSignature {

QString compute(QByteArrayView body, QByteArrayView timestamp, QStringView apiSecret,
                SignatureAlgorithm algorithm)
{
    QByteArray payload;
    payload.reserve(body.size() + timestamp.size());
    payload.append(body);
    payload.append(timestamp);
    return secretSuffixedHexDigest(payload, apiSecret, algorithm);
}

bool verify(QByteArrayView body, QByteArrayView timestamp, QByteArrayView signature, QStringView apiSecret,
            const Clock &clock, SignatureAlgorithm algorithm, std::chrono::seconds validFor)
{
    bool ok = false;
    const qint64 sentAt = timestamp.toByteArray().trimmed().toLongLong(&ok);
    if (!ok)
        return false;
    // The SDK compares with Math.round(Date.now() / 1000), not the floored request timestamp.
    const auto now
        = static_cast<qint64>(std::llround(static_cast<double>(clock.currentMSecsSinceEpoch()) / 1000.0));
    if (sentAt < now - validFor.count())
        return false;
    return signaturesEqual(compute(body, timestamp, apiSecret, algorithm).toLatin1(), signature);
}

} // namespace stratus::core::NotificationSignature
