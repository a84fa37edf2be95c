#pragma once

#include <QLoggingCategory>

namespace stratus::core {

/// `stratus.core.delivery`: delivery URLs that cannot be built or signed. Never logs a secret or a
/// signed URL.
Q_DECLARE_LOGGING_CATEGORY(lcDelivery)

} // namespace stratus::core
