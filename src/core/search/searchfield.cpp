#include "searchfield.h"

#include <array>

namespace stratus::core::search {

namespace {

using namespace Qt::StringLiterals;

// Indexed by Field; the static_assert below keeps the order honest.
constexpr std::array<FieldInfo, 22> kFields {{
    {Field::FreeText, ""_L1, FieldKind::FreeText, true, false},
    {Field::PublicId, "public_id"_L1, FieldKind::Text, true, true},
    {Field::AssetId, "asset_id"_L1, FieldKind::Keyword, true, true},
    {Field::Filename, "filename"_L1, FieldKind::Text, true, true},
    {Field::DisplayName, "display_name"_L1, FieldKind::Text, true, true},
    {Field::Folder, "folder"_L1, FieldKind::Path, false, true},
    {Field::AssetFolder, "asset_folder"_L1, FieldKind::Path, false, true},
    {Field::ResourceType, "resource_type"_L1, FieldKind::Keyword, false, true},
    {Field::Type, "type"_L1, FieldKind::Keyword, false, true},
    {Field::Format, "format"_L1, FieldKind::Keyword, true, true},
    {Field::Tags, "tags"_L1, FieldKind::Tags, true, false},
    {Field::Context, "context"_L1, FieldKind::Context, true, true},
    {Field::Metadata, "metadata"_L1, FieldKind::Metadata, true, true},
    {Field::Bytes, "bytes"_L1, FieldKind::Number, false, true},
    {Field::Width, "width"_L1, FieldKind::Number, false, true},
    {Field::Height, "height"_L1, FieldKind::Number, false, true},
    {Field::Duration, "duration"_L1, FieldKind::Number, false, true},
    {Field::AspectRatio, "aspect_ratio"_L1, FieldKind::Number, false, true},
    {Field::Pixels, "pixels"_L1, FieldKind::Number, false, true},
    {Field::UploadedAt, "uploaded_at"_L1, FieldKind::Date, false, true},
    {Field::CreatedAt, "created_at"_L1, FieldKind::Date, false, true},
    {Field::UpdatedAt, "updated_at"_L1, FieldKind::Date, false, true},
}};

constexpr bool fieldTableInOrder()
{
    for (std::size_t i = 0; i < kFields.size(); ++i) {
        if (static_cast<std::size_t>(kFields[i].field) != i)
            return false;
    }
    return true;
}
static_assert(fieldTableInOrder(), "kFields must be indexed by Field");

} // namespace

const FieldInfo &fieldInfo(Field field)
{
    return kFields[static_cast<std::size_t>(field)];
}

std::optional<Field> fieldFromName(QStringView name)
{
    if (name.isEmpty())
        return std::nullopt;
    for (const FieldInfo &info : kFields) {
        if (name == info.name)
            return info.field;
    }
    return std::nullopt;
}

bool isUnsupportedCloudinaryField(QStringView name)
{
    // From the Search API's documented field list (shared/reference/cloudinary-api.md, section e).
    static constexpr std::array kNames {
        "pages"_L1,       "transparent"_L1,       "grayscale"_L1,
        "status"_L1,      "moderation_status"_L1, "moderation_kind"_L1,
        "taken_at"_L1,    "last_updated"_L1,      "face_count"_L1,
        "access_mode"_L1, "version"_L1,           "etag"_L1,
        "colors"_L1,      "image_metadata"_L1,    "image_analysis"_L1,
    };
    for (const QLatin1String candidate : kNames) {
        if (name == candidate)
            return true;
    }
    return false;
}

} // namespace stratus::core::search
