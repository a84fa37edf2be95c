#pragma once

#include "core/util/result.h"

#include <chrono>

namespace stratus::sandbox::imaging {

/// The processor time one transformation may take, counted on the thread that renders it (so a
/// busy machine does not make a modest transformation fail). The renderer asks between
/// components and the per-pixel loops ask every few rows; once spent, the transformation is
/// refused. Cheap to ask (one clock read); used on one thread.
class WorkBudget
{
public:
    /// Starts counting now. A budget of zero or less never runs out.
    explicit WorkBudget(std::chrono::milliseconds budget);

    [[nodiscard]] bool exhausted() const;
    /// The refusal, worded for X-Cld-Error (HTTP 400, as Cloudinary refuses transformations).
    [[nodiscard]] core::Error error() const;
    /// Whether `error` is such a refusal.
    [[nodiscard]] static bool isRefusal(const core::Error &error);

private:
    std::chrono::milliseconds m_budget;
    std::chrono::nanoseconds m_deadline;
};

} // namespace stratus::sandbox::imaging
