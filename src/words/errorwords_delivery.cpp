// The words for the delivery area's error reasons (core/util/errorreason.h): delivery URLs, their
// options and transformations, the JSON they are read from, and stratus-cli sign's input. Where the
// Node SDK throws for an option set, the words are the SDK's own, so that stratus-cli rejects it with
// the words the SDK throws; the others are the words stratus-cli printed before they became reasons.
#include "errorwords.h"

using namespace Qt::StringLiterals;

namespace stratus::words {

namespace {

using Reason = core::ErrorReason;

// The Node SDK's own refusals.
std::optional<QString> sdkText(const core::Error &error)
{
    switch (error.reason) {
    case Reason::DeliveryCloudNameMissing:
        return ErrorWords::tr("Must supply cloud_name in the options or in the configuration");
    case Reason::RootPathUnsupported:
        return ErrorWords::tr("Root path only supported for image/upload");
    case Reason::SignatureAlgorithmUnsupported:
        return ErrorWords::tr("Signature algorithm %1 is not supported. Supported algorithms: sha1, sha256")
            .arg(error.subject);
    case Reason::RadiusValueCount:
        return ErrorWords::tr("Radius array should contain between 1 and 4 values");
    case Reason::LayerPublicIdMissing:
        return ErrorWords::tr("Must supply public_id for non-text overlay");
    case Reason::LayerTextMissing:
        return ErrorWords::tr("Must supply either text or public_id in overlay");
    case Reason::LayerFontSizeMissing:
        return ErrorWords::tr("Must supply font_size for text in overlay/underlay");
    case Reason::LayerFontFamilyMissing:
        return ErrorWords::tr("Must supply font_family for text in overlay/underlay");
    case Reason::AuthTokenExpiryMissing:
        return ErrorWords::tr("Must provide either expiration or duration");
    case Reason::RadiusCornerNull:
        return ErrorWords::tr("Corner: Cannot be null");
    case Reason::UrlSuffixUnsupported:
        return ErrorWords::tr(
            "URL Suffix only supported for image/upload, image/private, image/authenticated, "
            "video/upload and raw/upload");
    case Reason::UrlSuffixHasDotOrSlash:
        return ErrorWords::tr("url_suffix should not include . or /");
    default:
        return std::nullopt;
    }
}

// Options of the wrong type, and text the SDK would throw "URI malformed" for.
std::optional<QString> optionText(const core::Error &error)
{
    switch (error.reason) {
    case Reason::OptionNotString:
        //: %1 is an option name such as cloud_name or border.color
        return ErrorWords::tr("%1 must be a string").arg(error.subject);
    case Reason::VariableNotPair:
        return ErrorWords::tr("each entry of variables must be a [name, value] pair");
    case Reason::VariablesNotList:
        return ErrorWords::tr("variables must be a list of [name, value] pairs");
    case Reason::TransformationTooDeep:
        return ErrorWords::tr("transformation nested too deeply");
    case Reason::TransformationNull:
        return ErrorWords::tr("a transformation in a list must not be null");
    case Reason::ResponsiveWidthEndless:
        return ErrorWords::tr("transformation nested too deeply (a responsive_width in the configuration "
                              "makes the SDK recurse without end)");
    case Reason::SizeNotString:
        return ErrorWords::tr("size must be a string such as \"100x80\"");
    case Reason::LayerTextLoneSurrogate:
        return ErrorWords::tr("URI malformed: overlay text contains a lone UTF-16 surrogate");
    case Reason::LayerPublicIdNotString:
        return ErrorWords::tr("the public_id of an overlay/underlay must be a string");
    case Reason::LayerTextNotString:
        return ErrorWords::tr("the text of an overlay/underlay must be a string");
    case Reason::PublicIdBadPercentEscape:
        return ErrorWords::tr("the public id is not valid percent-encoded text (URI malformed)");
    case Reason::PublicIdLoneSurrogate:
        return ErrorWords::tr("the public id contains a lone UTF-16 surrogate (URI malformed)");
    case Reason::UriBadPercentEscape:
        return ErrorWords::tr("URI malformed: bad percent escape");
    case Reason::UriLoneSurrogate:
        return ErrorWords::tr("URI malformed: the text contains a lone UTF-16 surrogate");
    case Reason::AuthTokenAclNotText:
        return ErrorWords::tr("auth_token acl must be text or a list of texts");
    case Reason::AuthTokenKeyNotText:
        return ErrorWords::tr("auth_token key must be text (hex digits)");
    default:
        return std::nullopt;
    }
}

// A line of stratus-cli url --batch or sign --batch, and the URL it would give.
std::optional<QString> batchText(const core::Error &error)
{
    switch (error.reason) {
    case Reason::BatchPublicIdMissing:
        return ErrorWords::tr("missing public_id");
    case Reason::BatchLineNotObject:
        return ErrorWords::tr("expected a JSON object {\"public_id\": ..., \"options\": {...}}");
    case Reason::OptionsNotObject:
        return ErrorWords::tr("options must be a JSON object");
    case Reason::UrlHoldsLineBreak: {
        const QString character = error.subject == u"U+000D"_s ? ErrorWords::tr("carriage return (U+000D)")
            : error.subject == u"U+000A"_s                     ? ErrorWords::tr("line feed (U+000A)")
            : error.subject == u"U+0000"_s                     ? ErrorWords::tr("NUL (U+0000)")
                                                               : error.subject;
        //: %1 names the character, e.g. "line feed (U+000A)"
        return ErrorWords::tr("the URL would hold a raw %1, which the Node SDK copies into it unescaped from "
                              "this option; percent-encode it in the value")
            .arg(character);
    }
    case Reason::JsonUnreadable:
        //: %1 is the JSON parser's own words, %2 a position in the text
        return ErrorWords::tr("invalid JSON (%1 at offset %2)")
            .arg(error.message.simplified(), error.subject);
    case Reason::JsonNotObject:
        return ErrorWords::tr("expected a JSON object");
    case Reason::SignParamsNotObject:
        return ErrorWords::tr("\"params\" must be a JSON object");
    case Reason::SignAlgorithmUnknown:
        return ErrorWords::tr("unknown \"algorithm\"; expected \"sha1\" or \"sha256\"");
    case Reason::SignatureVersionInvalid:
        return ErrorWords::tr("\"signature_version\" must be 1 or 2");
    default:
        return std::nullopt;
    }
}

// What Transformation::parse() found wrong; the subject is "N/STEP/PART" (errorreason.h).
std::optional<QString> transformationText(const core::Error &error)
{
    const QStringList parts = error.subject.split(u'/');
    const QString number = parts.value(0), step = parts.value(1), part = parts.value(2);
    QString problem;
    switch (error.reason) {
    case Reason::TransformationStepEmpty:
        //: %1 is the step's number
        return ErrorWords::tr("transformation step %1 is empty (two '/' in a row, or one at an end)")
            .arg(number);
    case Reason::TransformationParamEmpty:
        problem = ErrorWords::tr("empty parameter (two ',' in a row, or one at an end)");
        break;
    case Reason::TransformationParamNoValue:
        problem = ErrorWords::tr("'%1' is not of the form key_value").arg(part);
        break;
    case Reason::TransformationParamKeyEmpty:
        problem = ErrorWords::tr("'%1' has an empty key").arg(part);
        break;
    case Reason::TransformationVariableNameEmpty:
        problem = ErrorWords::tr("'%1' has an empty variable name").arg(part);
        break;
    case Reason::TransformationKeyUnknown:
        //: %1 is the key, %2 the parameter it begins
        problem = ErrorWords::tr("unknown key '%1' in '%2'").arg(part.section(u'_', 0, 0), part);
        break;
    case Reason::TransformationValueEmpty:
        problem = ErrorWords::tr("'%1' has an empty value").arg(part);
        break;
    default:
        return std::nullopt;
    }
    //: %1 is the step's number, %2 its text, %3 what is wrong with it
    return ErrorWords::tr("transformation step %1 ('%2'): %3").arg(number, step, problem);
}

// Where JsValue::parseJson() stopped (the subject: an offset) and why.
std::optional<QString> jsonText(const core::Error &error)
{
    QString problem;
    switch (error.reason) {
    case Reason::JsonTextAfterValue:
        problem = ErrorWords::tr("unexpected text after the JSON value");
        break;
    case Reason::JsonUnexpectedCharacter:
        problem = ErrorWords::tr("unexpected character");
        break;
    case Reason::JsonTooDeep:
        problem = ErrorWords::tr("nested too deeply");
        break;
    case Reason::JsonUnexpectedEnd:
        problem = ErrorWords::tr("unexpected end of input");
        break;
    case Reason::JsonMemberNameExpected:
        problem = ErrorWords::tr("expected a member name");
        break;
    case Reason::JsonColonExpected:
        problem = ErrorWords::tr("expected ':'");
        break;
    case Reason::JsonCommaOrBraceExpected:
        problem = ErrorWords::tr("expected ',' or '}'");
        break;
    case Reason::JsonCommaOrBracketExpected:
        problem = ErrorWords::tr("expected ',' or ']'");
        break;
    case Reason::JsonBadUnicodeEscape:
        problem = ErrorWords::tr("bad \\u escape");
        break;
    case Reason::JsonBadEscape:
        problem = ErrorWords::tr("bad escape");
        break;
    case Reason::JsonControlCharacter:
        problem = ErrorWords::tr("control character in a string");
        break;
    case Reason::JsonUnterminatedString:
        problem = ErrorWords::tr("unterminated string");
        break;
    case Reason::JsonBadNumber:
        problem = ErrorWords::tr("bad number");
        break;
    default:
        return std::nullopt;
    }
    //: %1 is a position in the text, %2 what was found wrong there
    return ErrorWords::tr("invalid JSON at offset %1: %2").arg(error.subject, problem);
}

} // namespace

std::optional<QString> ErrorWords::deliveryText(const core::Error &error)
{
    for (auto area : {&sdkText, &optionText, &batchText, &transformationText, &jsonText}) {
        if (std::optional<QString> words = area(error))
            return words;
    }
    return std::nullopt;
}

} // namespace stratus::words
