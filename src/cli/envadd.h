#pragma once

#include "clicontext.h"

#include "core/accounts/accountstore.h"

#include <QString>

#include <optional>

namespace stratus::cli {

/// `stratus-cli env add NAME`: the environment of a CLOUDINARY_URL (--cloudinary-url, else the first
/// line of stdin), stored in the account --account (else one labelled as its cloud, made when
/// missing) once a call to its Admin API has shown that the key and secret work. Returns the exit
/// status.
int addEnvironment(CliContext &ctx, core::AccountStore &store, const QString &name,
                   const QString &accountOption, const QString &urlOption, bool urlGiven,
                   bool allowInsecureTransport);

/// Null when `name` can be an environment's name (`what` EnvironmentNameUnusable) or an account's
/// label (AccountLabelUnusable); else why not, in one line.
std::optional<QString> nameRefusal(const QString &name, core::ErrorReason what);

} // namespace stratus::cli
