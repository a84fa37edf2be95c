#pragma once

#include "core/catalog/catalogasset.h"
#include "core/util/result.h"

#include <QString>

#include <optional>

// The naming rules of asset operations, shared by AssetService, the browser's dialogs (which check
// as the person types) and stratus-cli: what a rename or a move makes of a public id, and which
// names Cloudinary takes.
namespace stratus::core::assets {

/// The public id @p asset gets from a fixed-mode rename to @p newName (its folder stays).
[[nodiscard]] QString renamedPublicId(const catalog::CatalogAsset &asset, const QString &newName);
/// The public id @p asset gets from a fixed-mode move into @p folder ("" is Home; its name stays).
[[nodiscard]] QString movedPublicId(const catalog::CatalogAsset &asset, const QString &folder);
/// "a//b/" → "a/b"; leading and trailing slashes and blanks go.
[[nodiscard]] QString normalizedFolder(const QString &path);
/// Why @p name cannot be an asset name or a folder segment (Kind::InvalidInput, a reason, the name
/// as subject), or nothing when it can.
[[nodiscard]] std::optional<Error> nameProblem(const QString &name);

} // namespace stratus::core::assets
