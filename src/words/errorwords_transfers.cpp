// The words for the transfers area's error reasons (core/util/errorreason.h).
#include "errorwords.h"

namespace stratus::words {

std::optional<QString> ErrorWords::transfersText(const core::Error &error)
{
    switch (error.reason) {
    default:
        return std::nullopt;
    }
}

} // namespace stratus::words
