// Transformation::fromOptions(): the Node SDK's generate_transformation_string(), rule for rule.
// Values keep their JavaScript types until they are printed, because the SDK's output depends on
// them (a number 0 is written as `_0`, `false` as `_false`, an empty string not at all).

#include "expression.h"
#include "optionslots_p.h"
#include "uriencoding.h"

#include <QVarLengthArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace detail {

namespace {

// Deep enough for any real chain; stops runaway recursion (a config with responsive_width set makes
// the SDK recurse until the stack overflows).
constexpr int kMaxDepth = 64;

// The params of one step, in the SDK's sorted key order.
// clang-format off
enum class Out : quint8 {
    A, Ac, Af, Ar, B, Bo, Br, C, Co, Cs, D, Dl, Dn, Dpr, Du, E, Eo, F, Fl, Fn, Fps, G, H, Ki, L, O, P, Pg,
    Q, R, So, Sp, T, U, Vc, Vs, W, X, Y, Z, Count
};
// clang-format on

const QString &outKey(Out key)
{
    static const QString keys[] = {
        u"a"_s,   u"ac"_s, u"af"_s, u"ar"_s,  u"b"_s,  u"bo"_s, u"br"_s, u"c"_s,  u"co"_s, u"cs"_s,
        u"d"_s,   u"dl"_s, u"dn"_s, u"dpr"_s, u"du"_s, u"e"_s,  u"eo"_s, u"f"_s,  u"fl"_s, u"fn"_s,
        u"fps"_s, u"g"_s,  u"h"_s,  u"ki"_s,  u"l"_s,  u"o"_s,  u"p"_s,  u"pg"_s, u"q"_s,  u"r"_s,
        u"so"_s,  u"sp"_s, u"t"_s,  u"u"_s,   u"vc"_s, u"vs"_s, u"w"_s,  u"x"_s,  u"y"_s,  u"z"_s,
    };
    static_assert(std::size(keys) == std::size_t(Out::Count));
    return keys[std::size_t(key)];
}

JsValue normalized(const JsValue &value)
{
    if (!value.isString())
        return value;
    return JsValue::string(normalizeExpression(value.stringValue()));
}

// toArray(value).join(separator)
QString joinAsArray(const JsValue &value, QStringView separator)
{
    if (value.isNullish())
        return {};
    if (value.isArray())
        return value.join(separator);
    return value.toJsString();
}

// `value.replace(/^#/, "rgb:")`, which throws unless value is a string.
Result<JsValue> hashToRgb(const JsValue &value, QStringView option)
{
    if (!value.isTruthy())
        return value;
    if (!value.isString())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::OptionNotString, option.toString());
    const QString &text = value.stringValue();
    if (text.startsWith(u'#'))
        return JsValue::string(u"rgb:"_s + text.mid(1));
    return value;
}

Result<JsValue> processBorder(const JsValue &border)
{
    if (border.isArrayOrObject()) {
        const JsValue &width = border.member(u"width");
        const JsValue &color = border.member(u"color");
        QString text = width.isNullish() ? u"2"_s : width.toJsString();
        text += u"px_solid_"_s;
        if (color.isNullish()) {
            text += u"black"_s;
        } else if (!color.isString()) {
            return Error::because(Error::Kind::InvalidInput, ErrorReason::OptionNotString, u"border.color"_s);
        } else {
            const QString &name = color.stringValue();
            text += name.startsWith(u'#') ? u"rgb:"_s + name.mid(1) : name;
        }
        return JsValue::string(text);
    }
    // A number alone is the HTML border attribute, not a transformation.
    const QString text = border.toJsString();
    const bool digitsOnly = !text.isEmpty()
        && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    return digitsOnly ? JsValue() : border;
}

Result<JsValue> processRadius(const JsValue &radius)
{
    if (!radius.isTruthy())
        return radius;
    const JsValue::Array corners = radius.isArray()
        ? JsValue::Array(radius.elements().begin(), radius.elements().end())
        : JsValue::Array {radius};
    if (corners.empty() || corners.size() > 4)
        return Error::because(Error::Kind::InvalidInput, ErrorReason::RadiusValueCount);
    QString text;
    for (std::size_t i = 0; i < corners.size(); ++i) {
        if (corners[i].isNull())
            return Error::because(Error::Kind::InvalidInput, ErrorReason::RadiusCornerNull);
        if (i > 0)
            text += u':';
        if (!corners[i].isUndefined())
            normalized(corners[i]).appendJsString(text);
    }
    return JsValue::string(text);
}

Result<JsValue> processCustomFunction(const JsValue &function)
{
    if (!function.isArrayOrObject())
        return function;
    const JsValue &type = function.member(u"function_type");
    const JsValue &source = function.member(u"source");
    QString text;
    if (!type.isNullish())
        type.appendJsString(text);
    text += u':';
    if (type.isString(u"remote")) {
        auto encoded = uri::base64EncodeUrl(source.toJsString());
        if (!encoded)
            return encoded.error();
        text += encoded.value();
    } else if (!source.isNullish()) {
        source.appendJsString(text);
    }
    return JsValue::string(text);
}

JsValue processVideoCodec(const JsValue &codec)
{
    if (codec.isString())
        return codec;
    if (!codec.isObject())
        return JsValue::null();
    if (!codec.hasMember(u"codec"))
        return JsValue::string(QString());
    if (!codec.hasMember(u"profile"))
        return codec.member(u"codec");
    QString text = codec.member(u"codec").toJsString() + u':' + codec.member(u"profile").toJsString();
    if (codec.hasMember(u"level"))
        text += u':' + codec.member(u"level").toJsString();
    return JsValue::string(text);
}

// JavaScript's `[a, b] = "text"`: the first two code points (undefined when missing).
std::pair<JsValue, JsValue> firstTwoCharacters(const QString &text)
{
    JsValue parts[2];
    qsizetype i = 0;
    for (int k = 0; k < 2 && i < text.size(); ++k) {
        const bool pair = text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate();
        const qsizetype length = pair ? 2 : 1;
        parts[k] = JsValue::string(text.mid(i, length));
        i += length;
    }
    return {parts[0], parts[1]};
}

// split_range(): "2.5..10" or [start, end]; a string that is not a range is destructured like any
// iterable, so its first two characters become start and end (an SDK oddity we reproduce).
std::pair<JsValue, JsValue> splitRange(const JsValue &range)
{
    if (range.isArray()) {
        const auto &elements = range.elements();
        if (elements.empty())
            return {};
        return {elements.front(), elements.back()};
    }
    if (!range.isString())
        return {JsValue::null(), JsValue::null()};
    const QString &text = range.stringValue();
    auto digit = [&](qsizetype i) {
        return i >= 0 && i < text.size() && text[i] >= u'0' && text[i] <= u'9';
    };
    bool isRange = false;
    for (qsizetype j = text.indexOf(u".."); j >= 0 && !isRange; j = text.indexOf(u"..", j + 1)) {
        const bool before = digit(j - 1)
            || (j >= 2 && (text[j - 1] == u'%' || text[j - 1] == u'p' || text[j - 1] == u'P')
                && digit(j - 2));
        const bool after = digit(j + 2) || (j + 2 < text.size() && text[j + 2] == u'.' && digit(j + 3));
        isRange = before && after;
    }
    if (isRange) {
        const qsizetype dots = text.indexOf(u"..");
        const qsizetype next = text.indexOf(u"..", dots + 2);
        return {JsValue::string(text.left(dots)),
                JsValue::string(text.mid(dots + 2, next < 0 ? -1 : next - dots - 2))};
    }
    return firstTwoCharacters(text);
}

Result<TransformationParam> variableFromPair(const JsValue &pair)
{
    JsValue name, value;
    if (pair.isArray()) {
        const auto &elements = pair.elements();
        if (!elements.empty())
            name = elements[0];
        if (elements.size() > 1)
            value = elements[1];
    } else if (pair.isString()) {
        std::tie(name, value) = firstTwoCharacters(pair.stringValue());
    } else {
        return Error::because(Error::Kind::InvalidInput, ErrorReason::VariableNotPair);
    }
    return TransformationParam {name.toJsString(), normalized(value).toJsString()};
}

// The params of one step as they are written, each under its key; sorted by key at the end.
class StepParams
{
public:
    // Inlined as the lambdas they replace were: they run for every option of every URL.
    Q_ALWAYS_INLINE void put(Out key, const JsValue &value)
    {
        if (value.isPresent())
            m_out.append({key, value.toJsString()});
    }
    Q_ALWAYS_INLINE void putText(Out key, QString text)
    {
        if (!text.isEmpty())
            m_out.append({key, std::move(text)});
    }
    Q_ALWAYS_INLINE void putNormalized(Out key, const JsValue &value)
    {
        if (value.isString())
            putText(key, normalizeExpression(value.stringValue()));
        else
            put(key, value);
    }
    // Appends the params in the SDK's sorted key order.
    void appendSortedTo(QList<TransformationParam> &params)
    {
        std::sort(m_out.begin(), m_out.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        for (auto &[key, value] : m_out)
            params.append(TransformationParam {outKey(key), std::move(value)});
    }

private:
    QVarLengthArray<std::pair<Out, QString>, 24> m_out;
};

#define STRATUS_TRY(var, expr)                                                                               \
    auto var = (expr);                                                                                       \
    if (!var)                                                                                                \
        return var.error();

// background and color: "#rrggbb" becomes "rgb:rrggbb".
Result<bool> putColours(StepParams &out, const OptionSlots &o)
{
    STRATUS_TRY(background, hashToRgb(o.consume(Opt::Background), u"background"));
    STRATUS_TRY(color, hashToRgb(o.consume(Opt::Color), u"color"));
    out.put(Out::B, background.value());
    out.put(Out::Co, color.value());
    return true;
}

void putEffect(StepParams &out, const JsValue &effect)
{
    if (effect.isArray()) {
        out.putText(Out::E, normalizeExpression(effect.join(u":")));
    } else if (effect.isObject()) {
        // Not normalised: the SDK hands normalize_expression() an array here, which it leaves alone.
        QString text;
        for (const JsValue::Member &member : effect.members()) {
            if (!text.isEmpty())
                text += u',';
            text += member.first + u':' + member.second.toJsString();
        }
        out.putText(Out::E, text);
    } else {
        out.putNormalized(Out::E, effect);
    }
}

// The options that need processing of their own, which can fail: border, overlay, radius, underlay
// and the custom functions (checked in that order, as the SDK does).
Result<bool> putProcessedOptions(StepParams &out, const OptionSlots &o)
{
    if (const JsValue &borderOption = o.consume(Opt::Border); !borderOption.isUndefined()) {
        STRATUS_TRY(border, processBorder(borderOption));
        out.put(Out::Bo, border.value());
    }
    if (const JsValue &overlayOption = o.consume(Opt::Overlay); !overlayOption.isUndefined()) {
        STRATUS_TRY(overlay, processLayer(overlayOption));
        out.put(Out::L, overlay.value());
    }
    if (const JsValue &radiusOption = o.consume(Opt::Radius); !radiusOption.isUndefined()) {
        STRATUS_TRY(radius, processRadius(radiusOption));
        out.put(Out::R, radius.value());
    }
    if (const JsValue &underlayOption = o.consume(Opt::Underlay); !underlayOption.isUndefined()) {
        STRATUS_TRY(underlay, processLayer(underlayOption));
        out.put(Out::U, underlay.value());
    }
    const JsValue &functionOption = o.consume(Opt::CustomFunction);
    const JsValue &preFunctionOption = o.consume(Opt::CustomPreFunction);
    if (!functionOption.isUndefined() || !preFunctionOption.isUndefined()) {
        STRATUS_TRY(customFunction, processCustomFunction(functionOption));
        STRATUS_TRY(customPre, processCustomFunction(preFunctionOption));
        if (customFunction->isTruthy())
            out.put(Out::Fn, customFunction.value());
        else if (customPre->isString())
            out.putText(Out::Fn, u"pre:"_s + customPre->stringValue());
    }
    return true;
}

// The options written as they are, or only joined or normalised (width and height aside: `size`
// may stand for them).
void putPlainOptions(StepParams &out, const OptionSlots &o, const TransformationDefaults &defaults)
{
    if (const JsValue &fps = o.consume(Opt::Fps); fps.isArray())
        out.putText(Out::Fps, fps.join(u"-"));
    else
        out.put(Out::Fps, fps);

    out.putText(Out::A, normalizeExpression(joinAsArray(o.consume(Opt::Angle), u".")));
    out.putNormalized(Out::Ar, o.consume(Opt::AspectRatio));
    out.put(Out::C, o.consume(Opt::Crop));
    out.putNormalized(Out::Dpr, o.consume(Opt::Dpr, defaults.dpr));
    out.putText(Out::Fl, joinAsArray(o.consume(Opt::Flags), u"."));
    out.putNormalized(Out::Ki, o.consume(Opt::KeyframeInterval));
    out.putNormalized(Out::O, o.consume(Opt::Opacity));
    out.putNormalized(Out::Q, o.consume(Opt::Quality));
    out.putNormalized(Out::X, o.consume(Opt::X));
    out.putNormalized(Out::Y, o.consume(Opt::Y));
    out.putNormalized(Out::Z, o.consume(Opt::Zoom));

    // `offset` is start and end offset at once.
    JsValue startOffset = o.get(Opt::StartOffset);
    JsValue endOffset = o.get(Opt::EndOffset);
    if (!o.get(Opt::Offset).isNullish())
        std::tie(startOffset, endOffset) = splitRange(o.get(Opt::Offset));
    if (startOffset.isString())
        startOffset = JsValue::string(normalizeExpression(startOffset.stringValue()));
    if (endOffset.isString())
        endOffset = JsValue::string(normalizeExpression(endOffset.stringValue()));

    // The options the SDK copies as they are (start/end offset as possibly rewritten above).
    const std::pair<Out, const JsValue *> simple[] = {
        {Out::Ac, &o.get(Opt::AudioCodec)},
        {Out::Af, &o.get(Opt::AudioFrequency)},
        {Out::Br, &o.get(Opt::BitRate)},
        {Out::Cs, &o.get(Opt::ColorSpace)},
        {Out::D, &o.get(Opt::DefaultImage)},
        {Out::Dl, &o.get(Opt::Delay)},
        {Out::Dn, &o.get(Opt::Density)},
        {Out::Du, &o.get(Opt::Duration)},
        {Out::Eo, &endOffset},
        {Out::F, &o.get(Opt::FetchFormat)},
        {Out::G, &o.get(Opt::Gravity)},
        {Out::Pg, &o.get(Opt::Page)},
        {Out::P, &o.get(Opt::Prefix)},
        {Out::So, &startOffset},
        {Out::Sp, &o.get(Opt::StreamingProfile)},
        {Out::Vc, &o.get(Opt::VideoCodec)},
        {Out::Vs, &o.get(Opt::VideoSampling)},
    };
    for (const auto &[key, value] : simple) {
        if (value->isNullish())
            continue;
        if (key == Out::Vc)
            out.put(key, processVideoCodec(*value));
        else if (key == Out::So || key == Out::Eo || key == Out::Du)
            out.putText(key, normalizeRangeValue(value->toJsString()));
        else
            out.put(key, *value);
    }
}

// The params written before the sorted ones: `if`, then the variables (`$name` options, sorted as
// whole `$name_value` strings, so definition order is lost; then the `variables` list in its order).
Result<QList<TransformationParam>> leadingParams(const OptionSlots &o)
{
    QList<TransformationParam> params;
    params.reserve(8);
    if (const JsValue &condition = o.consume(Opt::If); condition.isTruthy())
        params.append(TransformationParam {u"if"_s, normalized(condition).toJsString()});
    if (!o.variables.empty()) {
        QList<TransformationParam> variables;
        for (const JsValue::Member *member : o.variables)
            variables.append(TransformationParam {member->first, normalized(member->second).toJsString()});
        if (variables.size() > 1) {
            std::stable_sort(variables.begin(), variables.end(),
                             [](const TransformationParam &a, const TransformationParam &b) {
                                 return a.toString() < b.toString();
                             });
        }
        params.append(variables);
    }
    const JsValue &variablesList = o.consume(Opt::Variables);
    if (!variablesList.isUndefined()) {
        if (!variablesList.isArray())
            return Error::because(Error::Kind::InvalidInput, ErrorReason::VariablesNotList);
        for (const JsValue &pair : variablesList.elements()) {
            STRATUS_TRY(variable, variableFromPair(pair));
            params.append(variable.value());
        }
    }
    return params;
}

// The step responsive_width adds: the configuration's, else {width: "auto", crop: "limit"}.
const JsValue &responsiveTransformation(const TransformationDefaults &defaults)
{
    static const JsValue kDefaultResponsive = JsValue::object(
        {{u"width"_s, JsValue::string(u"auto"_s)}, {u"crop"_s, JsValue::string(u"limit"_s)}});
    return defaults.responsiveWidthTransformation.isTruthy() ? defaults.responsiveWidthTransformation
                                                             : kDefaultResponsive;
}

// The components that `transformation:` contributes before the step of the options themselves.
Result<bool> addBaseTransformations(const JsValue &option, const TransformationDefaults &defaults, int depth,
                                    Transformation &steps, QString *namedTransformation)
{
    const JsValue *single = &option;
    const JsValue *first = single;
    const JsValue *last = single + 1;
    if (option.isArray()) {
        first = option.elements().data();
        last = first + option.elements().size();
    }
    const bool anyObject = std::any_of(first, last, [](const JsValue &v) { return v.isArrayOrObject(); });
    if (!anyObject) {
        QString &names = *namedTransformation;
        for (const JsValue *item = first; item != last; ++item) {
            if (item != first)
                names += u'.';
            if (!item->isNullish())
                item->appendJsString(names);
        }
        return true;
    }
    for (const JsValue *item = first; item != last; ++item) {
        Result<Transformation> built = Transformation();
        if (item->isArrayOrObject()) {
            built = buildTransformation(*item, defaults, depth + 1);
        } else {
            // A name among objects is a component of its own: {transformation: name}.
            OptionSlots named;
            named.set(Opt::Transformation, item);
            built = buildTransformation(named, defaults, depth + 1);
        }
        if (!built)
            return built.error();
        steps.append(built.value());
    }
    return true;
}

} // namespace

Result<Transformation> buildTransformation(const JsValue &options, const TransformationDefaults &defaults,
                                           int depth)
{
    if (depth > kMaxDepth)
        return Error::because(Error::Kind::InvalidInput, ErrorReason::TransformationTooDeep);
    switch (options.type()) {
    case JsValue::Type::String: {
        Transformation verbatim;
        if (!options.stringValue().isEmpty())
            verbatim.appendStep(TransformationStep({}, options.stringValue()));
        return verbatim;
    }
    case JsValue::Type::Array: {
        Transformation chain;
        for (const JsValue &element : options.elements()) {
            auto built = buildTransformation(element, defaults, depth + 1);
            if (!built)
                return built.error();
            chain.append(built.value());
        }
        return chain;
    }
    case JsValue::Type::Undefined:
    case JsValue::Type::Null:
        return Error::because(Error::Kind::InvalidInput, ErrorReason::TransformationNull);
    default: {
        // Numbers and booleans have no options: the SDK reads every option of them as undefined.
        OptionSlots optionSlots;
        optionSlots.fill(options);
        return buildTransformation(optionSlots, defaults, depth);
    }
    }
}

Result<Transformation> buildTransformation(const OptionSlots &o, const TransformationDefaults &defaults,
                                           int depth)
{
    if (depth > kMaxDepth)
        return Error::because(Error::Kind::InvalidInput, ErrorReason::ResponsiveWidthEndless);
    StepParams out;
    // `size: "100x80"` stands for width and height.
    JsValue sizeWidth, sizeHeight;
    const JsValue &size = o.consume(Opt::Size);
    if (size.isTruthy()) {
        if (!size.isString())
            return Error::because(Error::Kind::InvalidInput, ErrorReason::SizeNotString);
        const QStringList parts = size.stringValue().split(u'x');
        sizeWidth = JsValue::string(parts.at(0));
        if (parts.size() > 1)
            sizeHeight = JsValue::string(parts.at(1));
    }
    STRATUS_TRY(colours, putColours(out, o));

    Transformation steps;
    QString namedTransformation;
    if (const JsValue &base = o.consume(Opt::Transformation); !base.isUndefined()) {
        STRATUS_TRY(added, addBaseTransformations(base, defaults, depth, steps, &namedTransformation));
    }
    putEffect(out, o.consume(Opt::Effect));
    STRATUS_TRY(processed, putProcessedOptions(out, o));
    putPlainOptions(out, o, defaults);
    out.putNormalized(Out::H, size.isTruthy() ? sizeHeight : o.get(Opt::Height));
    out.putNormalized(Out::W, size.isTruthy() ? sizeWidth : o.get(Opt::Width));
    out.putText(Out::T, namedTransformation);

    STRATUS_TRY(params, leadingParams(o));
    out.appendSortedTo(params.value());
    const JsValue &raw = o.consume(Opt::RawTransformation);
    std::optional<QString> rawPart;
    if (raw.isTruthy())
        rawPart = raw.toJsString();
    if (!params->isEmpty() || (rawPart && !rawPart->isEmpty()))
        steps.appendStep(TransformationStep(std::move(params.value()), std::move(rawPart)));

    if (o.consume(Opt::ResponsiveWidth, defaults.responsiveWidth).isTruthy()) {
        STRATUS_TRY(responsive, buildTransformation(responsiveTransformation(defaults), defaults, depth + 1));
        steps.append(responsive.value());
    }
    return steps;
}

#undef STRATUS_TRY

} // namespace detail

Result<Transformation> Transformation::fromOptions(const JsValue &options, const JsValue &sdkConfig)
{
    return detail::buildTransformation(options, detail::TransformationDefaults::fromConfig(sdkConfig));
}

Result<Transformation> Transformation::fromOptions(const QJsonObject &options, const QJsonObject &sdkConfig)
{
    return fromOptions(JsValue::fromJson(options), JsValue::fromJson(sdkConfig));
}

} // namespace stratus::core
