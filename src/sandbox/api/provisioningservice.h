#pragma once

#include "http/apirequest.h"
#include "http/apiresponse.h"
#include "sandbox/environmentconfig.h"

#include <QList>

namespace stratus::sandbox {

/// The Provisioning (account) API over the sandbox's environments: sub_accounts (list, get) and
/// users, under /v1_1/provisioning/accounts/<account_id>/…, with Basic auth by the account's
/// provisioning key and secret. Enough for a client to discover an account's environments.
class ProvisioningService
{
public:
    /// `path` = the segments after /v1_1/provisioning/accounts/.
    [[nodiscard]] static ApiResponse handle(const AccountConfig &account,
                                            const QList<EnvironmentConfig> &environments,
                                            const QStringList &path, const ApiRequest &request);

    /// The stable sub-account id of an environment.
    [[nodiscard]] static QString subAccountId(const EnvironmentConfig &env);
};

} // namespace stratus::sandbox
