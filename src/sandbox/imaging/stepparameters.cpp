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

// Stores what a reader made of the value, or says the value is invalid.
template<typename T>
Parsed keep(std::optional<T> &field, std::type_identity_t<std::optional<T>> value, QStringView what,
            QStringView text)
{
    field = std::move(value);
    return field ? Parsed {} : invalid(what, text);
}

Parsed parseDpr(StepParameters &p, const QString &value)
{
    const std::optional<double> dpr = value.startsWith(u"auto") ? std::optional<double>(1.0) : number(value);
    if (!dpr || *dpr <= 0)
        return invalid(u"dpr", value);
    p.dpr = *dpr;
    return std::nullopt;
}

Parsed parseOpacity(StepParameters &p, const QString &value)
{
    const std::optional<double> opacity = number(value);
    if (!opacity || *opacity < 0 || *opacity > 100)
        return invalid(u"opacity", value);
    p.opacity = static_cast<int>(*opacity);
    return std::nullopt;
}

Parsed parseEffectParameter(StepParameters &p, const QString &value)
{
    core::Result<Effect> effect = parseEffect(value);
    if (!effect)
        return effect.error();
    p.effect = effect.value();
    return std::nullopt;
}

// l_ and u_, kept as written: the pipeline reads them when it opens the layer.
Parsed parseLayer(StepParameters &p, const QString &key, const QString &value)
{
    if (value.isEmpty())
        return invalid(key == u"l" ? u"overlay" : u"underlay", value);
    (key == u"l" ? p.overlay : p.underlay) = value;
    return std::nullopt;
}

// A key the sandbox does not parse: refused with Cloudinary's words, or dropped when it has no
// visible effect here.
Parsed parseOtherKey(const QString &key, const QString &value)
{
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

Parsed parseCrop(StepParameters &p, const QString &value)
{
    p.crop = cropMode(value);
    return p.crop ? Parsed {} : transformationError(u"Invalid crop mode: c_"_s + value);
}

Parsed parseFlags(StepParameters &p, const QString &value)
{
    p.flags += value.split(u'.', Qt::SkipEmptyParts);
    return std::nullopt;
}

Parsed parseFormat(StepParameters &p, const QString &value)
{
    p.format = value.toLower();
    return std::nullopt;
}

using KeyParser = Parsed (*)(StepParameters &p, const QString &key, const QString &value);

// The parser of each key the sandbox renders.
const QHash<QString, KeyParser> &keyParsers()
{
    using P = StepParameters;
    using V = const QString &;
    // clang-format off
    static const QHash<QString, KeyParser> parsers = {
        {u"w"_s, [](P &p, V, V v) { return parseDimension(u"width", v, p.width); }},
        {u"h"_s, [](P &p, V, V v) { return parseDimension(u"height", v, p.height); }},
        {u"c"_s, [](P &p, V, V v) { return parseCrop(p, v); }},
        {u"g"_s, [](P &p, V, V v) { return keep(p.gravity, gravity(v), u"gravity", v); }},
        {u"x"_s, [](P &p, V k, V v) { return keep(p.x, length(v), k, v); }},
        {u"y"_s, [](P &p, V k, V v) { return keep(p.y, length(v), k, v); }},
        {u"ar"_s, [](P &p, V, V v) { return keep(p.aspectRatio, aspectRatio(v), u"aspect ratio", v); }},
        {u"dpr"_s, [](P &p, V, V v) { return parseDpr(p, v); }},
        {u"q"_s, [](P &p, V, V v) { return keep(p.quality, quality(v), u"quality", v); }},
        {u"e"_s, [](P &p, V, V v) { return parseEffectParameter(p, v); }},
        {u"a"_s, [](P &p, V, V v) { return keep(p.rotation, rotation(v), u"angle", v); }},
        {u"r"_s, [](P &p, V, V v) { return keep(p.radius, radius(v), u"radius", v); }},
        {u"b"_s, [](P &p, V, V v) { return keep(p.background, background(v), u"background color", v); }},
        {u"co"_s, [](P &p, V, V v) { return keep(p.color, parseCloudinaryColor(v), u"color", v); }},
        {u"bo"_s, [](P &p, V, V v) { return keep(p.border, border(v), u"border", v); }},
        {u"o"_s, [](P &p, V, V v) { return parseOpacity(p, v); }},
        {u"l"_s, parseLayer},
        {u"u"_s, parseLayer},
        {u"fl"_s, [](P &p, V, V v) { return parseFlags(p, v); }},
        {u"f"_s, [](P &p, V, V v) { return parseFormat(p, v); }},
    };
    // clang-format on
    return parsers;
}

Parsed parseParameter(StepParameters &p, const QString &key, const QString &value)
{
    if (const KeyParser parser = keyParsers().value(key))
        return parser(p, key, value);
    return parseOtherKey(key, value);
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
