#pragma once

#include "core/util/result.h"

#include <QString>

namespace stratus::core {

/// An Error of `kind` with `message`, fully initialised (aggregate initialisation of Error with
/// fewer fields trips -Wmissing-field-initializers).
[[nodiscard]] inline Error makeError(Error::Kind kind, QString message, bool retryable = false)
{
    Error error;
    error.kind = kind;
    error.message = std::move(message);
    error.retryable = retryable;
    return error;
}

} // namespace stratus::core
