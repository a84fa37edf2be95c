#pragma once

#include "core/util/result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace stratus::sandbox {

enum class FolderMode { Fixed, Dynamic };

/// Transport faults injected into one environment's API answers (switchable at runtime through
/// /_sandbox/faults/<cloud>, or from `fault_*` query keys of the environment URL).
struct FaultSettings
{
    int latencyMs = 0; ///< added before every answer
    double errorRate = 0; ///< share of API calls answered with 500/502/503 (0..1)
    double dropRate = 0; ///< share of API calls whose connection is dropped (0..1)
    bool force420 = false; ///< every Admin/Search call is answered 420 (with Retry-After and the
                           ///< budget's headers); Upload API calls too, without a time to retry
    int slowBodyBytesPerTick = 0; ///< >0: bodies trickle out this many bytes per 50 ms
    bool includeDelivery = false; ///< also apply to delivery URLs

    [[nodiscard]] QJsonObject toJson() const;
    /// Applies the keys present in `json` (latency_ms, error_rate, drop_rate, force_420,
    /// slow_body_bytes, include_delivery); leaves the others as they are.
    void apply(const QJsonObject &json);
};

/// One product environment the sandbox serves, from a CLOUDINARY_URL with sandbox settings as
/// query keys: folder_mode (fixed|dynamic), admin_rate_limit (calls per hour), denied_apis
/// (comma-separated Admin API paths answered 403), plan, credits_limit and storage_limit (what the
/// usage report says of the plan; storage_limit makes it a plan with limits, not credits),
/// max_image_bytes,
/// max_video_bytes, max_raw_bytes, max_request_bytes, name (a label), and fault_* keys. The
/// standard keys cname and upload_prefix name a host clients reach the sandbox by (a proxy, an
/// /etc/hosts alias): the sandbox then answers to that name too.
struct EnvironmentConfig
{
    QString cloudName;
    QString apiKey;
    QString apiSecret;
    QString name;
    FolderMode folderMode = FolderMode::Dynamic;
    int adminRateLimit = 500;
    /// Admin API paths (first segment: "usage", "config", "resources", "folders", …) that these
    /// credentials may not call: answered 403, as for a key with restricted permissions.
    QStringList deniedApis;
    /// The usage report's plan: its name, and its monthly credits (Cloudinary's credit plans; the
    /// Free plan has 25).
    QString planName = QStringLiteral("Free");
    double creditsLimit = 25;
    /// > 0: the plan is sold by limits instead (no credits), storage up to this many bytes.
    qint64 storageLimit = 0;
    qint64 maxImageBytes = 0; ///< 0: no limit beyond the 100 MB single-request limit
    qint64 maxVideoBytes = 0;
    qint64 maxRawBytes = 0;
    /// The largest body one Upload API request may carry, checked from its head: above it the
    /// request is answered 413 before its body is read. What fits: any file the upload limit
    /// (100 MB) accepts, also as a base64 data URI; a 20 MB chunk many times over.
    qint64 maxRequestBytes = kDefaultMaxRequestBytes;
    /// Hosts (host or host:port) clients use for this environment besides 127.0.0.1 and localhost.
    QStringList hostNames;
    FaultSettings faults;

    static constexpr qint64 kDefaultMaxRequestBytes = 150LL * 1024 * 1024;

    static core::Result<EnvironmentConfig> fromUrl(const QString &url);
    /// A fresh environment with a random key and secret (the sandbox's no-argument default).
    static EnvironmentConfig generated(const QString &cloudName);

    /// The CLOUDINARY_URL that points a client at this environment on the given sandbox port.
    [[nodiscard]] QString clientUrl(quint16 port) const;
    [[nodiscard]] QString folderModeName() const
    {
        return folderMode == FolderMode::Fixed ? QStringLiteral("fixed") : QStringLiteral("dynamic");
    }
};

/// The account that owns every environment, for the Provisioning API.
struct AccountConfig
{
    QString accountId;
    QString provisioningKey;
    QString provisioningSecret;

    [[nodiscard]] bool enabled() const { return !accountId.isEmpty(); }
    static core::Result<AccountConfig> fromUrl(const QString &url);
    /// The CLOUDINARY_ACCOUNT_URL that points a client's Provisioning API calls at the sandbox.
    [[nodiscard]] QString clientUrl(quint16 port) const;
};

} // namespace stratus::sandbox
