#pragma once

// An account with one environment that points at a running stratus-sandbox, added to an
// AccountStore the way the Add Account dialog does (the connection test included): what the GUI
// tests that open a MainWindow on a sandbox start from.

#include "core/accounts/accountstore.h"
#include "core/config/cloudinaryurl.h"

#include <QNetworkAccessManager>
#include <QTest>

namespace stratus::test {

/// Adds account "Sandbox" with the environment @p name for @p cloudinaryUrl to @p store; true once
/// the store has saved it (within QTRY's default five seconds).
inline bool addSandboxEnvironment(core::AccountStore &store, QNetworkAccessManager &network,
                                  const QString &cloudinaryUrl, const QString &name)
{
    const auto url = core::CloudinaryUrl::parse(cloudinaryUrl);
    if (!url)
        return false;
    core::AccountRecord account;
    account.label = QStringLiteral("Sandbox");
    core::EnvironmentRecord env;
    env.name = name;
    env.url = url->withoutSecret();
    std::optional<bool> added;
    store.addAccount(account, {{env, url->apiSecret()}}, QString(), &network,
                     [&](core::Result<core::Done> result) { added = bool(result); });
    return QTest::qWaitFor([&] { return added.has_value(); }, 5000) && *added;
}

} // namespace stratus::test
