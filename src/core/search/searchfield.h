#pragma once

#include <QLatin1String>
#include <QStringView>

#include <optional>

namespace stratus::core::search {

/// The asset fields the Search API expression language can name, as far as Stratus evaluates them
/// locally (stratus-sandbox, the catalogue, `stratus-cli find`). Cloudinary knows more fields (pages,
/// status, taken_at, image analysis, …); the parser reports those as "not supported" rather than
/// "unknown" so a person can tell a typo from a gap.
enum class Field : quint8 {
    FreeText, ///< a term without a field name
    PublicId, ///< text
    AssetId, ///< keyword
    Filename, ///< text: the public id's last path segment
    DisplayName, ///< text
    Folder, ///< path
    AssetFolder, ///< path
    ResourceType, ///< keyword: image, video, raw
    Type, ///< keyword: upload, private, authenticated, …
    Format, ///< keyword: jpg, png, …
    Tags, ///< list of texts
    Context, ///< `context.KEY`: text, compared as number or date when the literal is one
    Metadata, ///< `metadata.KEY`: list of texts (set fields have several), same comparisons
    Bytes, ///< number, accepts b/k/kb/m/mb/g/gb units (powers of 1024)
    Width, ///< number
    Height, ///< number
    Duration, ///< number (seconds)
    AspectRatio, ///< number, also written "16:9"
    Pixels, ///< number
    UploadedAt, ///< date
    CreatedAt, ///< date
    UpdatedAt, ///< date: the last change of the asset or its metadata (tags, context, rename, …)
};

/// How a field's values are stored and therefore matched; the evaluator and a SQL translator switch
/// on this, not on the individual field.
enum class FieldKind : quint8 {
    FreeText, ///< public_id, filename, display_name, tags and context values together
    Text, ///< tokenised text
    Keyword, ///< one short case-insensitive word
    Path, ///< a folder path, matched whole or as a subtree
    Tags, ///< several texts
    Context, ///< key → text
    Metadata, ///< key → several texts
    Number,
    Date,
};

struct FieldInfo
{
    Field field;
    QLatin1String name; ///< as written in an expression; "context"/"metadata" take a ".KEY" suffix
    FieldKind kind;
    bool prefixAllowed; ///< accepts a trailing `*`
    bool sortable; ///< usable as a sort_by key
};

/// The description of @p field. Never fails: every enumerator has an entry.
[[nodiscard]] const FieldInfo &fieldInfo(Field field);

/// The field called @p name in an expression or a sort_by key ("public_id", "bytes", …), without the
/// ".KEY" part for context and metadata. Field names are case-sensitive, as in Cloudinary.
[[nodiscard]] std::optional<Field> fieldFromName(QStringView name);

/// True for fields Cloudinary documents but Stratus does not evaluate (yet); used for error messages.
[[nodiscard]] bool isUnsupportedCloudinaryField(QStringView name);

} // namespace stratus::core::search
