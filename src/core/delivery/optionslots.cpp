#include "optionslots_p.h"

#include <algorithm>

namespace stratus::core::detail {

namespace {

struct NamedOption
{
    QStringView name;
    Opt key;
};

constexpr NamedOption kNames[] = {
    {u"angle", Opt::Angle},
    {u"aspect_ratio", Opt::AspectRatio},
    {u"audio_codec", Opt::AudioCodec},
    {u"audio_frequency", Opt::AudioFrequency},
    {u"background", Opt::Background},
    {u"bit_rate", Opt::BitRate},
    {u"border", Opt::Border},
    {u"color", Opt::Color},
    {u"color_space", Opt::ColorSpace},
    {u"crop", Opt::Crop},
    {u"custom_function", Opt::CustomFunction},
    {u"custom_pre_function", Opt::CustomPreFunction},
    {u"default_image", Opt::DefaultImage},
    {u"delay", Opt::Delay},
    {u"density", Opt::Density},
    {u"dpr", Opt::Dpr},
    {u"duration", Opt::Duration},
    {u"effect", Opt::Effect},
    {u"end_offset", Opt::EndOffset},
    {u"fetch_format", Opt::FetchFormat},
    {u"flags", Opt::Flags},
    {u"fps", Opt::Fps},
    {u"gravity", Opt::Gravity},
    {u"height", Opt::Height},
    {u"if", Opt::If},
    {u"keyframe_interval", Opt::KeyframeInterval},
    {u"offset", Opt::Offset},
    {u"opacity", Opt::Opacity},
    {u"overlay", Opt::Overlay},
    {u"page", Opt::Page},
    {u"prefix", Opt::Prefix},
    {u"quality", Opt::Quality},
    {u"radius", Opt::Radius},
    {u"raw_transformation", Opt::RawTransformation},
    {u"responsive_width", Opt::ResponsiveWidth},
    {u"size", Opt::Size},
    {u"start_offset", Opt::StartOffset},
    {u"streaming_profile", Opt::StreamingProfile},
    {u"transformation", Opt::Transformation},
    {u"underlay", Opt::Underlay},
    {u"variables", Opt::Variables},
    {u"video_codec", Opt::VideoCodec},
    {u"video_sampling", Opt::VideoSampling},
    {u"width", Opt::Width},
    {u"x", Opt::X},
    {u"y", Opt::Y},
    {u"zoom", Opt::Zoom},
    {u"api_secret", Opt::ApiSecret},
    {u"auth_token", Opt::AuthToken},
    {u"cdn_subdomain", Opt::CdnSubdomain},
    {u"cloud_name", Opt::CloudName},
    {u"cname", Opt::Cname},
    {u"force_version", Opt::ForceVersion},
    {u"format", Opt::Format},
    {u"long_url_signature", Opt::LongUrlSignature},
    {u"private_cdn", Opt::PrivateCdn},
    {u"resource_type", Opt::ResourceType},
    {u"secure", Opt::Secure},
    {u"secure_cdn_subdomain", Opt::SecureCdnSubdomain},
    {u"secure_distribution", Opt::SecureDistribution},
    {u"shorten", Opt::Shorten},
    {u"sign_url", Opt::SignUrl},
    {u"signature_algorithm", Opt::SignatureAlgorithm},
    {u"type", Opt::Type},
    {u"url_suffix", Opt::UrlSuffix},
    {u"use_root_path", Opt::UseRootPath},
    {u"version", Opt::Version},
};
static_assert(std::size(kNames) == std::size_t(Opt::Count), "every option needs its name");

// Names grouped by length: a lookup compares against a handful of names of the right size.
constexpr std::size_t kLongestName = 20;
using Buckets = std::array<std::vector<NamedOption>, kLongestName + 1>;

const Buckets &bucketsByLength()
{
    static const Buckets buckets = [] {
        Buckets b;
        for (const NamedOption &option : kNames)
            b[std::size_t(option.name.size())].push_back(option);
        return b;
    }();
    return buckets;
}

const NamedOption *findOption(QStringView name)
{
    if (std::size_t(name.size()) > kLongestName)
        return nullptr;
    for (const NamedOption &option : bucketsByLength()[std::size_t(name.size())]) {
        if (option.name.front() == name.front() && option.name == name)
            return &option;
    }
    return nullptr;
}

} // namespace

const JsValue OptionSlots::s_undefined;

void OptionSlots::fill(const JsValue &object)
{
    for (const JsValue::Member &member : object.members()) {
        const QString &name = member.first;
        if (name.startsWith(u'$')) {
            variables.push_back(&member);
            continue;
        }
        if (const NamedOption *option = findOption(name))
            values[std::size_t(option->key)] = &member.second;
    }
}

TransformationDefaults TransformationDefaults::fromConfig(const JsValue &config)
{
    return {config.member(u"responsive_width"), config.member(u"responsive_width_transformation"),
            config.member(u"dpr")};
}

} // namespace stratus::core::detail
