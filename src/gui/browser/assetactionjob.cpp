#include "assetactionjob.h"

#include "browserlogging.h"

#include "core/api/apicall.h"
#include "core/net/neterror.h"

namespace stratus::gui {

namespace {
// Enough to hide the latency of one call behind the others without a burst the server would
// answer with 420 (Admin API calls also wait for the environment's budget).
constexpr int kParallelCalls = 3;
} // namespace

AssetActionJob::AssetActionJob(QString title, QList<Step> steps, QObject *parent)
    : core::Job(parent)
    , m_title(std::move(title))
    , m_steps(std::move(steps))
{
    for (const Step &step : std::as_const(m_steps))
        m_total += step.weight;
}

AssetActionJob *AssetActionJob::refused(QString title, QString reason, QObject *parent)
{
    auto *job = new AssetActionJob(std::move(title), {}, parent);
    job->m_refusal = std::move(reason);
    return job;
}

AssetActionJob::~AssetActionJob() = default;

void AssetActionJob::run()
{
    if (!m_refusal.isEmpty()) {
        m_failures.append(m_refusal);
        finishWithError(core::makeError(core::Error::Kind::Unavailable, m_refusal));
        return;
    }
    pump();
}

void AssetActionJob::abort()
{
    m_next = m_steps.size();
    for (const QPointer<core::ApiCallBase> &call : std::as_const(m_calls)) {
        if (call)
            call->cancel();
    }
}

void AssetActionJob::pump()
{
    while (m_running < kParallelCalls && m_next < m_steps.size()) {
        const Step &step = m_steps.at(m_next++);
        core::ApiCallBase *call = step.make(this);
        m_calls.append(call);
        ++m_running;
        connect(call, &core::Job::finished, this, [this, step, call] { stepFinished(step, call); });
        call->start();
    }
    if (m_running == 0 && m_next >= m_steps.size()) {
        if (m_failures.isEmpty()) {
            finishWithSuccess();
        } else {
            QString message = m_failures.constFirst();
            if (m_failures.size() > 1)
                message = tr("%1 (and %n more error(s))", nullptr, int(m_failures.size() - 1)).arg(message);
            finishWithError(core::makeError(core::Error::Kind::Server, message));
        }
    }
}

void AssetActionJob::stepFinished(const Step &step, core::ApiCallBase *call)
{
    --m_running;
    m_calls.removeAll(call);
    call->deleteLater();
    if (isFinished())
        return; // cancelled: the outcome is decided
    if (call->error()) {
        m_failures.append(call->error()->message);
        qCInfo(lcBrowser) << m_title << "call failed:" << call->error()->message;
    } else if (const QString problem = step.apply ? step.apply(call) : QString(); !problem.isEmpty()) {
        m_failures.append(problem);
        qCWarning(lcBrowser) << m_title << "catalogue write failed:" << problem;
    } else {
        m_changed = true;
    }
    m_done += step.weight;
    Q_EMIT progress(m_done, m_total);
    pump();
}

} // namespace stratus::gui
