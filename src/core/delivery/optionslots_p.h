#pragma once

// Internal to src/core/delivery: the options object of cloudinary.url() read once into fixed slots,
// so each option is found without a string search, and the SDK's generate_transformation_string()
// over those slots.

#include "core/util/result.h"
#include "jsvalue.h"
#include "transformation.h"

#include <QVarLengthArray>

#include <array>

namespace stratus::core::detail {

/// Every option name the SDK reads in url() and generate_transformation_string().
// clang-format off
enum class Opt : quint8 {
    // transformation
    Angle, AspectRatio, AudioCodec, AudioFrequency, Background, BitRate, Border, Color, ColorSpace, Crop,
    CustomFunction, CustomPreFunction, DefaultImage, Delay, Density, Dpr, Duration, Effect, EndOffset,
    FetchFormat, Flags, Fps, Gravity, Height, If, KeyframeInterval, Offset, Opacity, Overlay, Page, Prefix,
    Quality, Radius, RawTransformation, ResponsiveWidth, Size, StartOffset, StreamingProfile,
    Transformation, Underlay, Variables, VideoCodec, VideoSampling, Width, X, Y, Zoom,
    // url
    ApiSecret, AuthToken, CdnSubdomain, CloudName, Cname, ForceVersion, Format, LongUrlSignature,
    PrivateCdn, ResourceType, Secure, SecureCdnSubdomain, SecureDistribution, Shorten, SignUrl,
    SignatureAlgorithm, Type, UrlSuffix, UseRootPath, Version,
    Count
};
// clang-format on

/// An options (or config) object sorted into slots. Holds pointers into the JsValue it was filled
/// from, which must outlive it.
struct OptionSlots
{
    std::array<const JsValue *, std::size_t(Opt::Count)> values {};
    /// Members whose name starts with `$` (variable definitions), in property order.
    QVarLengthArray<const JsValue::Member *, 8> variables;

    void fill(const JsValue &object);
    /// The option, or undefined when absent.
    [[nodiscard]] const JsValue &get(Opt key) const
    {
        const JsValue *value = values[std::size_t(key)];
        return value ? *value : s_undefined;
    }
    /// The SDK's consumeOption(): the option unless it is null or undefined, else \a fallback.
    [[nodiscard]] const JsValue &consume(Opt key, const JsValue &fallback) const
    {
        const JsValue *value = values[std::size_t(key)];
        return value && !value->isNullish() ? *value : fallback;
    }
    [[nodiscard]] const JsValue &consume(Opt key) const { return consume(key, s_undefined); }
    void set(Opt key, const JsValue *value) { values[std::size_t(key)] = value; }

    static const JsValue s_undefined;
};

/// The SDK's global config values that generate_transformation_string() reads for every step.
struct TransformationDefaults
{
    JsValue responsiveWidth;
    JsValue responsiveWidthTransformation;
    JsValue dpr;

    static TransformationDefaults fromConfig(const JsValue &config);
};

/// generate_transformation_string() over an options object already sorted into slots.
[[nodiscard]] Result<Transformation>
buildTransformation(const OptionSlots &options, const TransformationDefaults &defaults, int depth = 0);
/// generate_transformation_string() over any value (object, array of them, string, …).
[[nodiscard]] Result<Transformation>
buildTransformation(const JsValue &options, const TransformationDefaults &defaults, int depth = 0);

/// process_layer(): the `l_`/`u_` value of an overlay or underlay option.
[[nodiscard]] Result<JsValue> processLayer(const JsValue &layer);

} // namespace stratus::core::detail
