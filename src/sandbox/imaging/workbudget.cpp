#include "workbudget.h"

#include "imagingerror.h"

#include <ctime>

using namespace Qt::StringLiterals;

namespace stratus::sandbox::imaging {

namespace {

constexpr QStringView kRefusal = u"Transformation took too long";

std::chrono::nanoseconds threadCpuTime()
{
    timespec now {};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

} // namespace

WorkBudget::WorkBudget(std::chrono::milliseconds budget)
    : m_budget(budget)
    , m_deadline(threadCpuTime() + budget)
{
}

bool WorkBudget::exhausted() const
{
    return m_budget.count() > 0 && threadCpuTime() >= m_deadline;
}

core::Error WorkBudget::error() const
{
    return transformationError(
        kRefusal
        + u" - more than %1 s of processing; ask for a smaller image or fewer steps"_s.arg(
            double(m_budget.count()) / 1000.0));
}

bool WorkBudget::isRefusal(const core::Error &error)
{
    return error.message.startsWith(kRefusal);
}

} // namespace stratus::sandbox::imaging
