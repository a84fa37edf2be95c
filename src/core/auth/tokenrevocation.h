#pragma once

#include "core/util/result.h"

#include <QString>

#include <functional>

class QNetworkAccessManager;
class QObject;

namespace stratus::core {

class AccountStore;

/// Revokes the OAuth tokens of every token environment of the account at the server that
/// issued them (reads each keychain entry, RevokeTokenJob with the refresh token, then the
/// access token). Best effort: done() gets the first error, but the caller logs out anyway
/// (an unreachable server leaves tokens to expire). Answers once, while `context` lives.
void revokeAccountTokens(AccountStore &store, const QString &accountId, QNetworkAccessManager *network,
                         QObject *context, std::function<void(Result<Done>)> done);

} // namespace stratus::core
