#pragma once

// DeliverySigner moved to core (core/delivery/deliverysigner.h); the name stays in the browser's
// namespace until the environment page includes the core header itself (issue 12, merge of the
// transfers branch).
#include "core/delivery/deliverysigner.h"

namespace stratus::gui {
using core::DeliverySigner;
} // namespace stratus::gui
