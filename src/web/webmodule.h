#pragma once

namespace stratus::web {

/// Placeholder of the web module until the widget hosts land (issue for embedded widgets).
/// Returns the profile storage name used for an account's QWebEngineProfile.
const char *moduleName();

} // namespace stratus::web
