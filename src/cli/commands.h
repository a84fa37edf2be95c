#pragma once

#include "clicontext.h"

namespace stratus::cli {

// One function per sub-command. Each parses its own options (with --help) and returns an
// ExitStatus. They live in <name>command.cpp.
int runUrlCommand(CliContext &ctx);
int runSignCommand(CliContext &ctx);
int runEnvCommand(CliContext &ctx);

} // namespace stratus::cli
