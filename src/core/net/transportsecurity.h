#pragma once

#include "core/util/result.h"

#include <QStringView>
#include <QUrl>

#include <optional>

namespace stratus::core {

/// Whether an environment's owner allowed its credentials to travel over plain http to another
/// computer (stored per environment in accounts.ini; `stratus-cli --allow-insecure-transport`).
enum class InsecureTransport {
    Refused, ///< the default
    Allowed, ///< the person said yes, knowing anyone on the way can read them
};

/// This computer: "localhost", 127.0.0.0/8 and ::1, as a URL spells them.
[[nodiscard]] bool isLoopbackHost(QStringView host);

/// Whether what is sent to `url` can be read by anyone on the way to another computer: plain http
/// (anything but https) to a host that is not loopback.
[[nodiscard]] bool sendsInClear(const QUrl &url);

/// The one rule for credentials (Basic auth, a signature made with the secret): none go in clear
/// to another computer unless `allowance` says so. Nothing when they may go to `url`; otherwise an
/// Error of kind InsecureTransport that names the host. Applied where an ApiContext is built
/// (apiContextFor) and, for every request, where NetworkJob attaches the credentials.
[[nodiscard]] std::optional<Error> credentialTransportProblem(const QUrl &url, InsecureTransport allowance);

} // namespace stratus::core
