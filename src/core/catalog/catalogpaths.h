#pragma once

#include <QString>

namespace stratus::core::catalog {

/// `<root>/<environment-id>/catalog.sqlite`: the one place the catalogue file of an environment is
/// named. Tests pass a temporary root.
[[nodiscard]] QString catalogFilePath(const QString &root, const QString &environmentId);

/// The catalogues' root shared by the app and stratus-cli: `$XDG_DATA_HOME/Stratus/catalog`
/// (~/.local/share/Stratus/catalog), the generic data location so that both programs find it.
[[nodiscard]] QString defaultCatalogRoot();

} // namespace stratus::core::catalog
