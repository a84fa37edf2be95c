#pragma once

#include "accounts.h"
#include "core/api/admintypes.h"
#include "core/api/apicall.h"
#include "core/api/apicontext.h"
#include "core/util/result.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace stratus::core {

/// Why an environment cannot be used, in the terms a person can act on. words::CheckWords words it
/// for the app and for stratus-cli.
enum class CheckProblem {
    None,
    WrongCredentials, ///< 401: the API key or secret is wrong
    UnknownCloud, ///< 401 "Invalid cloud_name": no such cloud
    NoNetwork, ///< no route, no DNS, nothing listening
    Proxy, ///< the proxy refused or wants credentials
    Tls, ///< certificate or handshake failure
    Permission, ///< 403: these credentials may not call the Admin API
    RateLimited, ///< 420/429: the Admin API budget is spent
    Server, ///< 5xx or an answer that is not Cloudinary's
    Keychain, ///< the secret could not be read from or written to the keychain
    InsecureTransport, ///< the secret would go unencrypted to another computer and that is not allowed
    Other,
};

[[nodiscard]] CheckProblem classifyProblem(const Error &error);

/// What a successful connection test learnt about an environment.
struct EnvironmentCheckResult
{
    FolderMode folderMode = FolderMode::Unknown;
    std::optional<Usage> usage; ///< absent when the credentials may not read it
    QMap<QString, QString> deniedFeatures; ///< Feature → the server's words
    int rateLimit = 0; ///< Admin API calls per hour, 0 when not reported
    int rateRemaining = 0;
};

/// Tests an environment's credentials the way the Accounts dialog and `stratus-cli env add` do:
/// `ping` must succeed (else the error, classified); `config` (folder mode) and `usage` (limits)
/// may be refused with 401/403 — the feature is then recorded as denied and the rest works.
/// Calls `done` once, in `owner`'s thread, unless `owner` is destroyed first (which cancels the
/// calls). `context.budget` may be null.
class EnvironmentCheck : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(Result<EnvironmentCheckResult>)>;

    static EnvironmentCheck *start(ApiContext context, QObject *owner, Callback done);

private:
    EnvironmentCheck(ApiContext context, Callback done, QObject *owner);
    void ping();
    void readConfig();
    void readUsage();
    /// Runs `call`; a 401/403 records `feature` as denied, another error ends the check.
    template<typename T, typename Use, typename Next>
    void readOptional(ApiCall<T> *call, QLatin1StringView feature, Use use, Next next);
    void finish(Result<EnvironmentCheckResult> result);

    ApiContext m_context;
    Callback m_done;
    EnvironmentCheckResult m_result;
};

} // namespace stratus::core
