#pragma once

namespace stratus::gui {

/// What a status message is about, which decides how long a StatusLine keeps it.
enum class StatusKind {
    Progress, ///< something runs ("Deleting 3 assets… 1 of 3"): stays until the next message
    Done, ///< something ended well ("2 URLs copied"): clears after a few seconds
    Failure, ///< something failed: stays longer, until the next message at most
};

} // namespace stratus::gui
