#include "assetjob.h"

#include "core/api/apicall.h"

#include <QLoggingCategory>

namespace stratus::core::assets {

Q_LOGGING_CATEGORY(lcAssets, "stratus.core.assets")

namespace {
// Enough to hide the latency of one call behind the others without a burst the server would
// answer with 420 (Admin API calls also wait for the environment's budget).
constexpr int kParallelCalls = 3;
} // namespace

AssetJob::AssetJob(Operation operation, int count, QString subject, QList<Step> steps, QObject *parent)
    : Job(parent)
    , m_operation(operation)
    , m_count(count)
    , m_subject(std::move(subject))
    , m_steps(std::move(steps))
{
    for (const Step &step : std::as_const(m_steps))
        m_total += step.weight;
}

AssetJob *AssetJob::refused(Operation operation, int count, QString subject, Error why, QObject *parent)
{
    auto *job = new AssetJob(operation, count, std::move(subject), {}, parent);
    job->m_refusal = std::move(why);
    return job;
}

AssetJob::~AssetJob() = default;

void AssetJob::run()
{
    if (m_refusal) {
        m_failures.append(*m_refusal);
        finishWithError(*m_refusal);
        return;
    }
    pump();
}

void AssetJob::abort()
{
    m_next = m_steps.size();
    for (const QPointer<ApiCallBase> &call : std::as_const(m_calls)) {
        if (call)
            call->cancel();
    }
}

void AssetJob::pump()
{
    while (m_running < kParallelCalls && m_next < m_steps.size()) {
        const Step &step = m_steps.at(m_next++);
        ApiCallBase *call = step.make(this);
        m_calls.append(call);
        ++m_running;
        connect(call, &Job::finished, this, [this, step, call] { stepFinished(step, call); });
        call->start();
    }
    if (m_running == 0 && m_next >= m_steps.size()) {
        if (m_failures.isEmpty())
            finishWithSuccess();
        else
            finishWithError(m_failures.constFirst());
    }
}

void AssetJob::stepFinished(const Step &step, ApiCallBase *call)
{
    --m_running;
    m_calls.removeAll(call);
    call->deleteLater();
    if (isFinished())
        return; // cancelled: the outcome is decided
    if (call->error()) {
        Error failure = *call->error();
        failure.reason = step.reason;
        failure.subject = step.subject;
        qCInfo(lcAssets) << m_operation << step.subject << "failed:" << failure.message;
        m_failures.append(failure);
    } else if (Result<Done> written = step.apply ? step.apply(call) : Result<Done>(Done {}); !written) {
        Error failure = written.error();
        failure.reason = ErrorReason::AssetCatalogNotUpdated;
        failure.subject = step.subject;
        qCWarning(lcAssets) << m_operation << step.subject << "catalogue write failed:" << failure.message;
        m_failures.append(failure);
    } else {
        m_changed = true;
    }
    m_done += step.weight;
    Q_EMIT progress(m_done, m_total);
    pump();
}

} // namespace stratus::core::assets
