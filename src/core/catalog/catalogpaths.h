#pragma once

#include <QString>

namespace stratus::core::catalog {

/// `<root>/<environment-id>/catalog.sqlite`: how an environment's catalogue file is named under a
/// root of catalogues. Where that root is, is StorageLayout's to say (catalogFile()); tests pass a
/// temporary one.
[[nodiscard]] QString catalogFilePath(const QString &root, const QString &environmentId);

} // namespace stratus::core::catalog
