#include "stepparameters.h"

#include "cloudinarycolor.h"
#include "imagingerror.h"

#include <QHash>
#include <QSet>

#include <cmath>

using namespace Qt::StringLiterals;

namespace stratus::sandbox::imaging {

namespace {

using Parsed = std::optional<core::Error>; // an error, or nothing when the parameter was fine

core::Error invalid(QStringView what, QStringView value)
{
    return transformationError(u"Invalid "_s + what.toString() + u" - "_s + value.toString());
}

std::optional<double> number(QStringView text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<Length> length(QStringView text)
{
    const std::optional<double> value = number(text);
    if (!value)
        return std::nullopt;
    return Length {*value, text.contains(u'.')};
}

Parsed parseDimension(QStringView what, QStringView value, std::optional<Length> &out)
{
    if (value.startsWith(u"auto"))
        return std::nullopt; // w_auto needs Client Hints; without them Cloudinary keeps the size
    const std::optional<Length> parsed = length(value);
    if (!parsed || parsed->value <= 0)
        return invalid(what, value);
    out = parsed;
    return std::nullopt;
}

std::optional<CropMode> cropMode(QStringView value)
{
    static const QHash<QString, CropMode> modes = {
        {u"scale"_s, CropMode::Scale},
        {u"fit"_s, CropMode::Fit},
        {u"limit"_s, CropMode::Limit},
        {u"mfit"_s, CropMode::MFit},
        {u"fill"_s, CropMode::Fill},
        {u"lfill"_s, CropMode::LFill},
        {u"pad"_s, CropMode::Pad},
        {u"lpad"_s, CropMode::LPad},
        {u"mpad"_s, CropMode::MPad},
        {u"crop"_s, CropMode::Crop},
        {u"thumb"_s, CropMode::Thumb},
        // Content-aware modes, rendered with centre gravity.
        {u"auto"_s, CropMode::Fill},
        {u"fill_pad"_s, CropMode::Fill},
        {u"auto_pad"_s, CropMode::Pad},
    };
    const auto it = modes.constFind(value.toString());
    if (it == modes.constEnd())
        return std::nullopt;
    return *it;
}

std::optional<Gravity> gravity(QStringView value)
{
    static const QHash<QString, Gravity> compass = {
        {u"north_west"_s, Gravity::NorthWest}, {u"north"_s, Gravity::North},
        {u"north_east"_s, Gravity::NorthEast}, {u"west"_s, Gravity::West},
        {u"center"_s, Gravity::Center},        {u"east"_s, Gravity::East},
        {u"south_west"_s, Gravity::SouthWest}, {u"south"_s, Gravity::South},
        {u"south_east"_s, Gravity::SouthEast}, {u"xy_center"_s, Gravity::XYCenter},
    };
    const auto it = compass.constFind(value.toString());
    if (it != compass.constEnd())
        return *it;
    // Content-aware gravities need detection the sandbox does not have: the centre stands in.
    static const QStringView contentAware[]
        = {u"auto", u"face", u"faces", u"body", u"custom", u"ocr_text", u"adv_", u"liquid"};
    for (const QStringView prefix : contentAware) {
        if (value.startsWith(prefix))
            return Gravity::Center;
    }
    return std::nullopt;
}

std::optional<int> quality(QStringView value)
{
    static const QHash<QString, int> automatic = {
        {u"auto"_s, 80},     {u"auto:best"_s, 90}, {u"auto:good"_s, 80},
        {u"auto:eco"_s, 70}, {u"auto:low"_s, 60},  {u"jpegmini"_s, 80},
    };
    const auto it = automatic.constFind(value.toString());
    if (it != automatic.constEnd())
        return *it;
    if (value.startsWith(u"jpegmini:"))
        return 80;
    // `80:420` sets chroma subsampling too; only the number matters here.
    const std::optional<double> q
        = number(value.left(value.indexOf(u':') < 0 ? value.size() : value.indexOf(u':')));
    if (!q || *q < 1 || *q > 100)
        return std::nullopt;
    return static_cast<int>(*q);
}

std::optional<double> aspectRatio(QStringView value)
{
    const qsizetype colon = value.indexOf(u':');
    std::optional<double> ratio;
    if (colon < 0) {
        ratio = number(value);
    } else {
        const std::optional<double> a = number(value.left(colon));
        const std::optional<double> b = number(value.mid(colon + 1));
        if (a && b && *b > 0)
            ratio = *a / *b;
    }
    if (!ratio || *ratio <= 0)
        return std::nullopt;
    return ratio;
}

std::optional<Rotation> rotation(QStringView value)
{
    Rotation result;
    if (const std::optional<double> degrees = number(value)) {
        result.degrees = *degrees;
        return result;
    }
    for (const QStringView part : value.tokenize(u'.')) {
        if (part == u"auto_right")
            result.autoRight = true;
        else if (part == u"auto_left")
            result.autoLeft = true;
        else if (part == u"hflip")
            result.horizontalFlip = true;
        else if (part == u"vflip")
            result.verticalFlip = true;
        else if (part == u"ignore" || part == u"exif")
            continue; // EXIF orientation is applied when the original is decoded
        else if (const std::optional<double> degrees = number(part))
            result.degrees += *degrees;
        else
            return std::nullopt;
    }
    return result;
}

std::optional<CornerRadii> radius(QStringView value)
{
    if (value == u"max")
        return CornerRadii {0, 0, 0, 0, true};
    QList<double> radii;
    for (const QStringView part : value.tokenize(u':')) {
        const std::optional<double> r = number(part);
        if (!r || *r < 0)
            return std::nullopt;
        radii.append(*r);
    }
    // CSS order: 1 value for all, 2 = (top-left & bottom-right, top-right & bottom-left), 3, 4.
    switch (radii.size()) {
    case 1:
        return CornerRadii {radii[0], radii[0], radii[0], radii[0], false};
    case 2:
        return CornerRadii {radii[0], radii[1], radii[0], radii[1], false};
    case 3:
        return CornerRadii {radii[0], radii[1], radii[2], radii[1], false};
    case 4:
        return CornerRadii {radii[0], radii[1], radii[2], radii[3], false};
    default:
        return std::nullopt;
    }
}

std::optional<QColor> background(QStringView value)
{
    // Generated backgrounds (auto, blurred, gen_fill) need analysis the sandbox skips: white.
    if (value.startsWith(u"auto") || value.startsWith(u"blurred") || value.startsWith(u"gen_fill"))
        return QColor(Qt::white);
    return parseCloudinaryColor(value);
}

std::optional<Border> border(QStringView value)
{
    // Only the form the SDKs produce: <width>px_solid_<color>.
    const qsizetype marker = value.indexOf(u"px_solid_");
    if (marker <= 0)
        return std::nullopt;
    bool ok = false;
    const int width = value.left(marker).toInt(&ok);
    const std::optional<QColor> color = parseCloudinaryColor(value.mid(marker + 9));
    if (!ok || !color || width <= 0 || width > 1000)
        return std::nullopt;
    return Border {width, *color};
}

// Recognised, accepted and not rendered: video/audio parameters, d_ (the server's default
// image), z_ (zoom for face crops) and other parameters without a visible effect here.
bool isIgnoredKey(QStringView key)
{
    static const QSet<QString> keys
        = {u"ac"_s,  u"af"_s, u"br"_s, u"cs"_s, u"d"_s,  u"dl"_s, u"dn"_s, u"du"_s, u"eo"_s, u"fn"_s,
           u"fps"_s, u"ki"_s, u"p"_s,  u"pg"_s, u"so"_s, u"sp"_s, u"vc"_s, u"vs"_s, u"z"_s};
    return keys.contains(key.toString());
}

Parsed parseParameter(StepParameters &p, const QString &key, const QString &value)
{
    if (key == u"w")
        return parseDimension(u"width", value, p.width);
    if (key == u"h")
        return parseDimension(u"height", value, p.height);
    if (key == u"c") {
        p.crop = cropMode(value);
        return p.crop ? Parsed {} : transformationError(u"Invalid crop mode: c_"_s + value);
    }
    if (key == u"g") {
        p.gravity = gravity(value);
        return p.gravity ? Parsed {} : invalid(u"gravity", value);
    }
    if (key == u"x" || key == u"y") {
        std::optional<Length> &target = key == u"x" ? p.x : p.y;
        target = length(value);
        return target ? Parsed {} : invalid(key, value);
    }
    if (key == u"ar") {
        p.aspectRatio = aspectRatio(value);
        return p.aspectRatio ? Parsed {} : invalid(u"aspect ratio", value);
    }
    if (key == u"dpr") {
        const std::optional<double> dpr
            = value.startsWith(u"auto") ? std::optional<double>(1.0) : number(value);
        if (!dpr || *dpr <= 0)
            return invalid(u"dpr", value);
        p.dpr = *dpr;
        return std::nullopt;
    }
    if (key == u"q") {
        p.quality = quality(value);
        return p.quality ? Parsed {} : invalid(u"quality", value);
    }
    if (key == u"e") {
        core::Result<Effect> effect = parseEffect(value);
        if (!effect)
            return effect.error();
        p.effect = effect.value();
        return std::nullopt;
    }
    if (key == u"a") {
        p.rotation = rotation(value);
        return p.rotation ? Parsed {} : invalid(u"angle", value);
    }
    if (key == u"r") {
        p.radius = radius(value);
        return p.radius ? Parsed {} : invalid(u"radius", value);
    }
    if (key == u"b") {
        p.background = background(value);
        return p.background ? Parsed {} : invalid(u"background color", value);
    }
    if (key == u"co") {
        p.color = parseCloudinaryColor(value);
        return p.color ? Parsed {} : invalid(u"color", value);
    }
    if (key == u"bo") {
        p.border = border(value);
        return p.border ? Parsed {} : invalid(u"border", value);
    }
    if (key == u"o") {
        const std::optional<double> opacity = number(value);
        if (!opacity || *opacity < 0 || *opacity > 100)
            return invalid(u"opacity", value);
        p.opacity = static_cast<int>(*opacity);
        return std::nullopt;
    }
    if (key == u"l" || key == u"u") {
        if (value.isEmpty())
            return invalid(key == u"l" ? u"overlay" : u"underlay", value);
        (key == u"l" ? p.overlay : p.underlay) = value;
        return std::nullopt;
    }
    if (key == u"fl") {
        p.flags += value.split(u'.', Qt::SkipEmptyParts);
        return std::nullopt;
    }
    if (key == u"f") {
        p.format = value.toLower();
        return std::nullopt;
    }
    if (key == u"if")
        return transformationError(u"Conditional transformations are not supported by the sandbox - if_"_s
                                   + value);
    if (key.startsWith(u'$'))
        return transformationError(u"User-defined variables are not supported by the sandbox - "_s + key);
    if (key == u"t")
        return transformationError(u"Named transformation t_"_s + value + u" not found"_s);
    if (isIgnoredKey(key))
        return std::nullopt;
    return transformationError(u"Invalid transformation component - "_s + key + u'_' + value);
}

} // namespace

core::Result<StepParameters> StepParameters::parse(const Step &step)
{
    StepParameters parameters;
    for (const auto &[key, value] : step) {
        if (Parsed error = parseParameter(parameters, key, value))
            return *error;
    }
    return parameters;
}

} // namespace stratus::sandbox::imaging
