#pragma once

#include "core/util/result.h"
#include "jsvalue.h"
#include "optionslots_p.h"

#include <QJsonObject>
#include <QString>

#include <array>

namespace stratus::core {

class Clock;

/// Builds Cloudinary delivery URLs byte for byte as the official Node SDK's
/// `cloudinary.url(public_id, options)` does (npm `cloudinary` 2.11.0, analytics off): host and
/// prefix (private CDN, secure distribution, CNAME, cdn_subdomain shards), resource type and type
/// (including `url_suffix`, `use_root_path`, `shorten`), signatures (`s--…--`, SHA-1 or SHA-256,
/// short or long), token authentication, the transformation (see Transformation::fromOptions()),
/// versions and public-id escaping.
///
/// The options are the JSON object a Node caller passes, with the same keys and value types, and
/// they override the SDK configuration (`sdkConfig`, the object `cloudinary.config()` holds, e.g.
/// CloudinaryUrl::toSdkConfig()) as in the SDK. Values are read with JavaScript's rules, so a
/// configuration flag given as the text "false" is true, as it is for the SDK.
///
/// Deliberate differences from the SDK (each because the SDK's output is a broken URL):
/// - remote (fetch) URLs are escaped as UTF-8 (`é` → `%C3%A9`), not per UTF-16 code unit (`%E9`),
///   and control characters get two hex digits (`%09`, not `%9`);
/// - no `?_a=` analytics parameter is ever added, whatever the `analytics` option says.
/// Where the SDK throws, build() returns an InvalidInput error: a reason (worded with the SDK's own
/// words by stratus_words) or a message; neither ever contains the secret.
///
/// Immutable after construction except for setClock(); build() may run on several threads at once.
class DeliveryUrlBuilder
{
public:
    explicit DeliveryUrlBuilder(const JsValue &sdkConfig = {});
    explicit DeliveryUrlBuilder(const QJsonObject &sdkConfig);

    /// The clock for auth tokens given a `duration` without a `start_time` (default: the system
    /// clock). Not owned; must outlive the builder.
    void setClock(const Clock *clock) { m_clock = clock; }

    /// \a options should be an object (null counts as `{}`); JsValue keeps JavaScript's property
    /// order, which the SDK's output depends on for effect objects and text-overlay styles.
    [[nodiscard]] Result<QString> build(const QString &publicId, const JsValue &options) const;
    /// QJsonObject sorts its keys, so an effect object with several keys or a text style with
    /// several spacing settings comes out in key order; use the JsValue overload to keep order.
    [[nodiscard]] Result<QString> build(const QString &publicId, const QJsonObject &options) const;

private:
    [[nodiscard]] const JsValue &config(detail::Opt key) const { return m_config[std::size_t(key)]; }
    [[nodiscard]] qint64 nowSeconds() const;

    std::array<JsValue, std::size_t(detail::Opt::Count)> m_config;
    detail::TransformationDefaults m_defaults;
    const Clock *m_clock = nullptr;
};

/// One delivery URL: DeliveryUrlBuilder(sdkConfig).build(publicId, options).
[[nodiscard]] Result<QString> buildDeliveryUrl(const QString &publicId, const QJsonObject &options,
                                               const QJsonObject &sdkConfig);

} // namespace stratus::core
