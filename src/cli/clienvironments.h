#pragma once

// What the commands share about stored environments: the AccountStore of the app (accounts.ini and
// the OS keychain), waiting for core's asynchronous calls, and choosing the configuration a command
// runs with (--cloudinary-url, --env NAME, the current environment, $CLOUDINARY_URL).

#include "clicontext.h"

#include "core/accounts/accountstore.h"
#include "core/util/result.h"

#include <QEventLoop>
#include <QJsonObject>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace stratus::cli {

/// Runs `start`, which answers once through the callback it is given (possibly before it returns),
/// and spins a local event loop until it has: the keychain and the network are asynchronous, a
/// command waits for them. `context` lives until the answer arrives.
template<typename T>
core::Result<T>
waitFor(const std::function<void(QObject *context, std::function<void(core::Result<T>)> done)> &start)
{
    QObject context;
    QEventLoop loop;
    std::optional<core::Result<T>> answer;
    start(&context, [&answer, &loop](core::Result<T> result) {
        answer.emplace(std::move(result));
        loop.quit();
    });
    if (!answer)
        loop.exec();
    return std::move(*answer);
}

/// The accounts and environments of the app: accounts.ini where the command's layout says
/// ($XDG_CONFIG_HOME/Stratus), secrets in the OS keychain (service "Stratus"). Not loaded yet.
[[nodiscard]] std::unique_ptr<core::AccountStore> openAccountStore(const CliContext &ctx);

/// `text` with every occurrence of `secret` replaced by ***, and on one line: for messages that
/// quote a server or the keychain, whose words are not ours to trust.
[[nodiscard]] QString scrubbed(QString text, const QString &secret);

/// One line about a keychain failure (Kind::Unavailable, Permission, …), for a person.
[[nodiscard]] QString keychainProblem(const core::Error &error);
/// What went wrong, in words::ErrorWords' words (English), on one line and without `secret`.
[[nodiscard]] QString errorText(const core::Error &error, const QString &secret = {});

/// Where a command's configuration comes from: the options it was given.
struct ConfigChoice
{
    QString cloudinaryUrl; ///< --cloudinary-url, may be empty
    QString environment; ///< --env NAME, may be empty
    bool allowInsecureTransport = false; ///< --allow-insecure-transport: this once, whatever is stored
};

/// "stratus-cli COMMAND: warning: MESSAGE" on stderr: something the person must know although the
/// command goes on.
void warn(CliContext &ctx, const QString &message);

/// The stored environment called @p name: the one with exactly that name, else the one whose name
/// is shown that way (a stored name with control characters is listed escaped, and can be typed
/// as listed). Null when there is none.
[[nodiscard]] const core::EnvironmentRecord *findEnvironment(const core::AccountStore &store,
                                                             const QString &name);

/// Why an entry was set aside, in ErrorWords' words without the closing full stop: "It has no name".
[[nodiscard]] QString damagedEntryProblem(const core::SettingsProblem &problem);
/// "accounts.ini entry environments/2 ('prod') is damaged: Its CLOUDINARY_URL cannot be read: …".
[[nodiscard]] QString damagedEntryText(const core::SettingsProblem &problem);

/// The line for a damaged entry or a size that disagrees, as the env commands print it.
[[nodiscard]] QString settingsProblemText(const core::SettingsProblem &problem);

/// Why credentials do not go to @p host over plain http, and what to do about it.
[[nodiscard]] QString insecureTransportRefusal(const QString &host);
/// The warning printed each time they do, because the person allowed it.
[[nodiscard]] QString insecureTransportWarning(const QString &label, const QString &host);

/// @p secret, allowed to go over plain http to another computer (--allow-insecure-transport).
[[nodiscard]] std::shared_ptr<const core::SecretSource>
allowingInsecureTransport(std::shared_ptr<const core::SecretSource> secret);

/// Loads @p store and picks the environment named @p name, else the current one unless that is the
/// app's embedded sandbox (*environment stays null when there is none). On failure prints one line
/// and returns ExitFailure (accounts.ini cannot be read; the environment asked for, or the current
/// one, is a damaged entry) or ExitUsage (no environment called NAME).
[[nodiscard]] int loadChosenEnvironment(CliContext &ctx, core::AccountStore &store, const QString &name,
                                        const core::EnvironmentRecord **environment);

/// Fills *config with the Node SDK config object the command works with: from --cloudinary-url,
/// else the stored environment --env NAME, else the current stored environment, else
/// $CLOUDINARY_URL; an empty object when there is none. A stored environment's secret is read from
/// the keychain only when `needsSecret()` says the command needs it (or its URL asks for signed
/// delivery URLs); `needsSecret` is not called otherwise. On failure prints one line on stderr and
/// returns the exit status (ExitUsage for bad input such as an unknown NAME, ExitFailure when the
/// keychain or accounts.ini cannot be read); ExitOk on success.
[[nodiscard]] int resolveCommandConfig(CliContext &ctx, const ConfigChoice &choice,
                                       const std::function<bool()> &needsSecret, QJsonObject *config);

} // namespace stratus::cli
