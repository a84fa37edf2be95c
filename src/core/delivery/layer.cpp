// Overlays and underlays (`l_…`, `u_…`) as the Node SDK's process_layer() writes them.

#include "optionslots_p.h"
#include "uriencoding.h"

using namespace Qt::StringLiterals;

namespace stratus::core::detail {

namespace {

Error layerError(ErrorReason reason)
{
    return Error::because(Error::Kind::InvalidInput, reason);
}

// The font style of a text layer: family, size, then the non-default keywords, then the spacing,
// hinting and antialiasing settings in the order the object lists them.
Result<JsValue> textStyle(const JsValue &layer)
{
    const JsValue &explicitStyle = layer.member(u"text_style");
    if (!explicitStyle.isEmptyLodash())
        return explicitStyle;

    struct Keyword
    {
        QStringView name;
        QStringView defaultValue; // empty: no default (null in the SDK)
    };
    static constexpr Keyword kKeywords[] = {
        {u"font_weight", u"normal"}, {u"font_style", u"normal"}, {u"text_decoration", u"none"},
        {u"text_align", {}},         {u"stroke", u"none"},
    };
    QStringList keywords;
    for (const Keyword &keyword : kKeywords) {
        const JsValue &value = layer.member(keyword.name);
        if (!value.isTruthy())
            continue;
        if (!keyword.defaultValue.isEmpty() && value.isString(keyword.defaultValue))
            continue;
        keywords.append(value.toJsString());
    }
    for (const JsValue::Member &member : layer.members()) {
        const QString &name = member.first;
        if (name == u"letter_spacing" || name == u"line_spacing")
            keywords.append(name + u'_' + member.second.toJsString());
        else if (name == u"font_hinting")
            keywords.append(u"hinting_"_s + member.second.toJsString());
        else if (name == u"font_antialiasing")
            keywords.append(u"antialias_"_s + member.second.toJsString());
    }

    if (!layer.hasMember(u"font_size") && keywords.isEmpty())
        return JsValue::string(QString());
    const JsValue &fontSize = layer.member(u"font_size");
    const JsValue &fontFamily = layer.member(u"font_family");
    if (!fontSize.isTruthy())
        return layerError(ErrorReason::LayerFontSizeMissing);
    if (!fontFamily.isTruthy())
        return layerError(ErrorReason::LayerFontFamilyMissing);
    keywords.prepend(fontSize.toJsString());
    keywords.prepend(fontFamily.toJsString());
    return JsValue::string(keywords.join(u'_'));
}

// Text can reference variables as `$(name)`; those stay literal, the rest is escaped.
Result<QString> encodeText(const QString &text)
{
    QString out;
    qsizetype done = 0;
    auto flush = [&](qsizetype end) -> bool {
        if (end <= done)
            return true;
        auto encoded = uri::encodeOverlayText(QStringView(text).mid(done, end - done));
        if (!encoded)
            return false;
        out += encoded.value();
        return true;
    };
    auto isWord = [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_';
    };
    for (qsizetype i = 0; i + 4 < text.size(); ++i) {
        if (text[i] != u'$' || text[i + 1] != u'(')
            continue;
        const QChar first = text[i + 2];
        if (!((first >= u'a' && first <= u'z') || (first >= u'A' && first <= u'Z')))
            continue;
        qsizetype end = i + 3;
        while (end < text.size() && isWord(text[end]))
            ++end;
        if (end == i + 3 || end >= text.size() || text[end] != u')')
            continue;
        if (!flush(i))
            return Error::because(Error::Kind::InvalidInput, ErrorReason::LayerTextLoneSurrogate);
        out += QStringView(text).mid(i, end + 1 - i);
        done = end + 1;
        i = end;
    }
    if (!flush(text.size()))
        return Error::because(Error::Kind::InvalidInput, ErrorReason::LayerTextLoneSurrogate);
    return out;
}

// The members of a layer object that process_layer() reads.
struct LayerFields
{
    JsValue resourceType, text, type, publicId, format, url;
};

// "fetch:<url>" and "<resource_type>:fetch:<url>" are remote layers, read as the object
// {url, type: "fetch", resource_type}; nullopt for every other string, which is used verbatim.
std::optional<LayerFields> remoteLayer(const QString &source)
{
    LayerFields fields;
    if (source.startsWith(u"fetch:")) {
        fields.url = JsValue::string(source.mid(6));
    } else if (source.contains(u":fetch:")) {
        // Like the SDK's split(':', 3): the URL is only the text up to its own first ':'.
        const QStringList parts = source.split(u':');
        if (!parts.at(0).isEmpty())
            fields.resourceType = JsValue::string(parts.at(0));
        fields.url = JsValue::string(parts.at(2));
    } else {
        return std::nullopt;
    }
    fields.type = JsValue::string(u"fetch"_s);
    return fields;
}

JsValue remoteLayerObject(const LayerFields &fields)
{
    JsValue::Object members {{u"url"_s, fields.url}, {u"type"_s, fields.type}};
    if (!fields.resourceType.isUndefined())
        members.emplace_back(u"resource_type"_s, fields.resourceType);
    return JsValue::object(std::move(members));
}

// The SDK turns only the first '/' of a layer's public id into ':'.
Result<QString> layerId(const JsValue &publicId)
{
    if (!publicId.isString())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::LayerPublicIdNotString);
    QString id = publicId.stringValue();
    const qsizetype slash = id.indexOf(u'/');
    if (slash >= 0)
        id[slash] = u':';
    return id;
}

// A text or subtitles layer: its style, its public id (a file of text), its text.
Result<bool> appendTextComponents(QStringList &components, const JsValue &layerObject,
                                  const LayerFields &fields)
{
    if (fields.publicId.isEmptyLodash() && fields.text.isEmptyLodash())
        return layerError(ErrorReason::LayerTextMissing);
    auto style = textStyle(layerObject);
    if (!style)
        return style.error();
    if (!style->isEmptyLodash())
        components.append(style->toJsString());
    if (!fields.publicId.isEmptyLodash()) {
        auto id = layerId(fields.publicId);
        if (!id)
            return id.error();
        components.append(id.value());
    }
    if (!fields.text.isEmptyLodash()) {
        if (!fields.text.isString())
            return Error::because(Error::Kind::InvalidInput, ErrorReason::LayerTextNotString);
        auto encoded = encodeText(fields.text.stringValue());
        if (!encoded)
            return encoded.error();
        components.append(encoded.value());
    }
    return true;
}

} // namespace

Result<JsValue> processLayer(const JsValue &layer)
{
    LayerFields fields;
    const JsValue *layerObject = &layer;
    JsValue fetchLayer;
    if (layer.isString()) {
        std::optional<LayerFields> remote = remoteLayer(layer.stringValue());
        if (!remote)
            return layer;
        fields = std::move(*remote);
        fetchLayer = remoteLayerObject(fields);
        layerObject = &fetchLayer;
    } else if (!layer.isArrayOrObject()) {
        return layer;
    } else {
        fields = {layer.member(u"resource_type"), layer.member(u"text"),   layer.member(u"type"),
                  layer.member(u"public_id"),     layer.member(u"format"), layer.member(u"url")};
    }

    if (!fields.text.isEmptyLodash() && fields.resourceType.isEmptyLodash())
        fields.resourceType = JsValue::string(u"text"_s);
    if (!fields.url.isEmptyLodash() && fields.type.isEmptyLodash())
        fields.type = JsValue::string(u"fetch"_s);
    if (!fields.publicId.isEmptyLodash() && !fields.format.isEmptyLodash())
        fields.publicId = JsValue::string(fields.publicId.toJsString() + u'.' + fields.format.toJsString());
    if (fields.publicId.isEmptyLodash() && !fields.resourceType.isString(u"text")
        && !fields.type.isString(u"fetch"))
        return layerError(ErrorReason::LayerPublicIdMissing);

    QStringList components;
    if (!fields.resourceType.isEmptyLodash() && !fields.resourceType.isString(u"image"))
        components.append(fields.resourceType.toJsString());
    if (!fields.type.isEmptyLodash() && !fields.type.isString(u"upload"))
        components.append(fields.type.toJsString());

    if (fields.resourceType.isString(u"text") || fields.resourceType.isString(u"subtitles")) {
        if (auto added = appendTextComponents(components, *layerObject, fields); !added)
            return added.error();
    } else if (fields.type.isString(u"fetch")) {
        auto encoded = uri::base64EncodeUrl(fields.url.toJsString());
        if (!encoded)
            return encoded.error();
        components.append(encoded.value());
    } else {
        auto id = layerId(fields.publicId);
        if (!id)
            return id.error();
        components.append(id.value());
    }
    return JsValue::string(components.join(u':'));
}

} // namespace stratus::core::detail
