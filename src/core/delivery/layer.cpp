// Overlays and underlays (`l_…`, `u_…`) as the Node SDK's process_layer() writes them.

#include "optionslots_p.h"
#include "uriencoding.h"

using namespace Qt::StringLiterals;

namespace stratus::core::detail {

namespace {

Error layerError(const QString &message)
{
    return Error::invalidInput(message);
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
        return layerError(u"Must supply font_size for text in overlay/underlay"_s);
    if (!fontFamily.isTruthy())
        return layerError(u"Must supply font_family for text in overlay/underlay"_s);
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
            return Error::invalidInput(u"overlay text contains a lone UTF-16 surrogate"_s);
        out += QStringView(text).mid(i, end + 1 - i);
        done = end + 1;
        i = end;
    }
    if (!flush(text.size()))
        return Error::invalidInput(u"overlay text contains a lone UTF-16 surrogate"_s);
    return out;
}

} // namespace

Result<JsValue> processLayer(const JsValue &layer)
{
    JsValue resourceType, text, type, publicId, format, url;
    const JsValue *layerObject = &layer;
    JsValue fetchLayer;

    if (layer.isString()) {
        // "fetch:<url>" and "<resource_type>:fetch:<url>" are remote layers; every other string is
        // used verbatim.
        const QString &source = layer.stringValue();
        if (source.startsWith(u"fetch:")) {
            url = JsValue::string(source.mid(6));
        } else if (source.contains(u":fetch:")) {
            // Like the SDK's split(':', 3): the URL is only the text up to its own first ':'.
            const QStringList parts = source.split(u':');
            if (!parts.at(0).isEmpty())
                resourceType = JsValue::string(parts.at(0));
            url = JsValue::string(parts.at(2));
        } else {
            return layer;
        }
        type = JsValue::string(u"fetch"_s);
        JsValue::Object members {{u"url"_s, url}, {u"type"_s, type}};
        if (!resourceType.isUndefined())
            members.emplace_back(u"resource_type"_s, resourceType);
        fetchLayer = JsValue::object(std::move(members));
        layerObject = &fetchLayer;
    } else if (!layer.isArrayOrObject()) {
        return layer;
    } else {
        resourceType = layer.member(u"resource_type");
        text = layer.member(u"text");
        type = layer.member(u"type");
        publicId = layer.member(u"public_id");
        format = layer.member(u"format");
        url = layer.member(u"url");
    }

    if (!text.isEmptyLodash() && resourceType.isEmptyLodash())
        resourceType = JsValue::string(u"text"_s);
    if (!url.isEmptyLodash() && type.isEmptyLodash())
        type = JsValue::string(u"fetch"_s);
    if (!publicId.isEmptyLodash() && !format.isEmptyLodash())
        publicId = JsValue::string(publicId.toJsString() + u'.' + format.toJsString());
    if (publicId.isEmptyLodash() && !resourceType.isString(u"text") && !type.isString(u"fetch"))
        return layerError(u"Must supply public_id for non-text overlay"_s);

    QStringList components;
    if (!resourceType.isEmptyLodash() && !resourceType.isString(u"image"))
        components.append(resourceType.toJsString());
    if (!type.isEmptyLodash() && !type.isString(u"upload"))
        components.append(type.toJsString());

    // The SDK turns only the first '/' of a layer's public id into ':'.
    auto layerId = [&]() -> Result<QString> {
        if (!publicId.isString())
            return layerError(u"the public_id of an overlay/underlay must be a string"_s);
        QString id = publicId.stringValue();
        const qsizetype slash = id.indexOf(u'/');
        if (slash >= 0)
            id[slash] = u':';
        return id;
    };

    if (resourceType.isString(u"text") || resourceType.isString(u"subtitles")) {
        if (publicId.isEmptyLodash() && text.isEmptyLodash())
            return layerError(u"Must supply either text or public_id in overlay"_s);
        auto style = textStyle(*layerObject);
        if (!style)
            return style.error();
        if (!style->isEmptyLodash())
            components.append(style->toJsString());
        if (!publicId.isEmptyLodash()) {
            auto id = layerId();
            if (!id)
                return id.error();
            components.append(id.value());
        }
        if (!text.isEmptyLodash()) {
            if (!text.isString())
                return layerError(u"the text of an overlay/underlay must be a string"_s);
            auto encoded = encodeText(text.stringValue());
            if (!encoded)
                return encoded.error();
            components.append(encoded.value());
        }
    } else if (type.isString(u"fetch")) {
        auto encoded = uri::base64EncodeUrl(url.toJsString());
        if (!encoded)
            return encoded.error();
        components.append(encoded.value());
    } else {
        auto id = layerId();
        if (!id)
            return id.error();
        components.append(id.value());
    }
    return JsValue::string(components.join(u':'));
}

} // namespace stratus::core::detail
