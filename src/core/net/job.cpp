#include "job.h"
#include "neterror.h"

#include "netlogging.h"

using namespace Qt::StringLiterals;

namespace stratus::core {

Job::Job(QObject *parent)
    : QObject(parent)
{
}

Job::~Job() = default;

void Job::start()
{
    if (m_state != State::Idle) {
        qCWarning(lcNet) << "start() on a job that already ran; ignored";
        return;
    }
    m_state = State::Running;
    QMetaObject::invokeMethod(this, &Job::runIfRunning, Qt::QueuedConnection);
}

void Job::cancel()
{
    if (m_state == State::Finished)
        return;
    if (m_state == State::Running)
        abort();
    finishWithError(makeError(Error::Kind::Cancelled, {}));
}

void Job::runIfRunning()
{
    if (m_state == State::Running)
        run();
}

void Job::finishWithSuccess()
{
    finish(std::nullopt);
}

void Job::finishWithError(Error error)
{
    finish(std::move(error));
}

void Job::finish(std::optional<Error> error)
{
    if (m_state == State::Finished)
        return;
    m_state = State::Finished;
    m_error = std::move(error);
    cleanup();
    // Queued so that finished() never fires inside start(), cancel() or a caller's slot that
    // triggered the end; receivers may delete the job from their slot.
    QMetaObject::invokeMethod(
        this,
        [this] {
            Q_EMIT finished();
            if (m_autoDelete)
                deleteLater();
        },
        Qt::QueuedConnection);
}

} // namespace stratus::core
