#pragma once

#include <QLoggingCategory>

namespace stratus::core {

/// `stratus.core.net`: requests, retries, rate-limit waits. Never logs secrets, signatures,
/// request bodies or query strings.
Q_DECLARE_LOGGING_CATEGORY(lcNet)

} // namespace stratus::core
