#pragma once

// What the parts of DetailsPanel (detailspanel.cpp, detailspanelediting.cpp) share; not an API.

#include "browserenvironment.h"

#include "core/api/apicontext.h"
#include "core/util/result.h"

namespace stratus::gui {

/// The API context of @p env, or an Auth error worded for the details panel.
[[nodiscard]] core::Result<core::ApiContext> apiContextOf(const BrowserEnvironment &env);

} // namespace stratus::gui
