// The words for the accounts area's error reasons (core/util/errorreason.h).
#include "errorwords.h"

namespace stratus::words {

std::optional<QString> ErrorWords::accountsText(const core::Error &error)
{
    switch (error.reason) {
    default:
        return std::nullopt;
    }
}

} // namespace stratus::words
