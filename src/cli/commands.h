#pragma once

#include "clicontext.h"

namespace stratus::cli {

// One function per sub-command. Each parses its own options (with --help) and returns an
// ExitStatus. They live in <name>command.cpp.
int runUrlCommand(CliContext &ctx);
int runSignCommand(CliContext &ctx);
int runEnvCommand(CliContext &ctx);
int runSyncCommand(CliContext &ctx); // catalogcommands.cpp
int runLsCommand(CliContext &ctx); // catalogcommands.cpp
int runFindCommand(CliContext &ctx); // catalogcommands.cpp
int runSearchCommand(CliContext &ctx); // catalogcommands.cpp
int runMetadataFieldsCommand(CliContext &ctx); // catalogcommands.cpp
int runUploadCommand(CliContext &ctx);
int runRenameCommand(CliContext &ctx); // assetcommands.cpp
int runMoveCommand(CliContext &ctx); // assetcommands.cpp
int runTagCommand(CliContext &ctx); // assetcommands.cpp
int runDeleteCommand(CliContext &ctx); // assetcommands.cpp
int runDownloadCommand(CliContext &ctx);
int runLoginCommand(CliContext &ctx); // logincommand.cpp
int runLogoutCommand(CliContext &ctx); // logincommand.cpp

} // namespace stratus::cli
