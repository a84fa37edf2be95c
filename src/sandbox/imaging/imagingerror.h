#pragma once

#include "core/util/result.h"

#include <QString>

#include <utility>

namespace stratus::sandbox::imaging {

/// A transformation the sandbox refuses, as Cloudinary answers it: HTTP 400 with the message in
/// the `X-Cld-Error` header. The message is phrased like Cloudinary's ("Invalid width - 0").
[[nodiscard]] inline core::Error transformationError(QString message)
{
    core::Error error = core::Error::invalidInput(std::move(message));
    error.httpStatus = 400;
    return error;
}

} // namespace stratus::sandbox::imaging
