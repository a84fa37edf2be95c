#pragma once

// The thumbnail URL rules moved to core (core/delivery/thumbnailurls.h). These names stay in the
// browser's namespace until the pages that still say them unqualified (the environment page, the
// details panel) include the core header themselves (issue 12, merge of the transfers branch).
#include "core/delivery/thumbnailurls.h"

namespace stratus::gui {
using core::deliveryOptions;
using core::needsSignature;
using core::thumbnailUrlFunction;
using core::ThumbnailUrlFunction;
} // namespace stratus::gui
