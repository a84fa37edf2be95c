#include "deliverylogging.h"

namespace stratus::core {

Q_LOGGING_CATEGORY(lcDelivery, "stratus.core.delivery")

} // namespace stratus::core
