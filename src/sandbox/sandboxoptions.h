#pragma once

#include "environmentconfig.h"
#include "userconfig.h"

#include "core/util/result.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>

namespace stratus::sandbox {

/// The command line of stratus-sandbox, parsed and checked (with the --config file's settings for
/// whatever the command line leaves out). Owned by main(); plain value.
struct SandboxOptions
{
    quint16 port = 0; ///< 0 picks a free port
    QString dataDirectory; ///< empty: a temporary directory, removed on exit
    QList<EnvironmentConfig> environments; ///< empty: one default environment (kept in dataDirectory)
    AccountConfig account; ///< enabled() when the Provisioning API is on
    int seed = 0; ///< sample assets to create in an empty environment
    AuthorizationSettings authorization; ///< the /oauth2 server's users, extra clients, token lifetime
    int recordRequests = 0; ///< requests kept for GET /_sandbox/requests (tests); 0: none
};

/// stratus-sandbox's options on a QCommandLineParser (help and version included), and what a
/// processed command line says: SandboxOptions, or a one-line InvalidInput error for bad input.
class SandboxCommandLine
{
public:
    SandboxCommandLine();

    [[nodiscard]] QCommandLineParser &parser() { return m_parser; }
    /// After parser().process(): the options, or why they cannot be used.
    [[nodiscard]] core::Result<SandboxOptions> options() const;

private:
    QCommandLineParser m_parser;
    QCommandLineOption m_port;
    QCommandLineOption m_data;
    QCommandLineOption m_environment;
    QCommandLineOption m_account;
    QCommandLineOption m_config;
    QCommandLineOption m_seed;
    QCommandLineOption m_user;
    QCommandLineOption m_oauthClient;
    QCommandLineOption m_tokenLifetime;
    QCommandLineOption m_recordRequests;
};

} // namespace stratus::sandbox
