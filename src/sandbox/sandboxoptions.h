#pragma once

#include <QString>
#include <QStringList>

namespace stratus::sandbox {

/// The command line of stratus-sandbox, parsed. Owned by main(); plain value.
struct SandboxOptions
{
    quint16 port = 0;                ///< 0 picks a free port
    QString dataDirectory;           ///< empty: a temporary directory, removed on exit
    QStringList environments;        ///< cloudinary:// URLs with sandbox settings as query keys
    QString account;                 ///< account:// URL enabling the Provisioning API
    QString configFile;              ///< JSON file with the same settings
    int seed = 0;                    ///< sample assets to create in an empty environment
};

} // namespace stratus::sandbox
