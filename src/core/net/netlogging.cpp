#include "netlogging.h"

namespace stratus::core {

Q_LOGGING_CATEGORY(lcNet, "stratus.core.net")

} // namespace stratus::core
