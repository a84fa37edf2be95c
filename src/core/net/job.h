#pragma once

#include "core/util/result.h"

#include <QObject>

#include <optional>

namespace stratus::core {

/// Remote work with one way to start, one way to stop and one way to end (style habit 1).
///
/// start() begins the work from the event loop (never inside the call); cancel() stops it;
/// finished() is emitted exactly once per job — on success, failure and cancellation alike, also
/// when cancel() came before start() — always from the event loop, never from inside start() or
/// cancel(). After finished(), error() tells whether it failed; subclasses add a typed result().
///
/// Ownership: a job belongs to its QObject parent (or to whoever created it without one); with
/// setAutoDelete(true) it deletes itself (deleteLater) after finished() was delivered. A job lives
/// in the thread that created it and must be used from there.
class Job : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Idle, ///< created, not started
        Running, ///< start() was called
        Finished, ///< the outcome is decided; finished() is emitted or on its way
    };

    ~Job() override;

    /// Starts the work from the event loop. A second call does nothing.
    void start();
    /// Stops the work; the job then finishes with Error::Kind::Cancelled unless its outcome was
    /// already decided. Safe in any state.
    void cancel();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool isFinished() const { return m_state == State::Finished; }

    /// The failure, once finished; std::nullopt for a success (and before the end).
    [[nodiscard]] const std::optional<Error> &error() const { return m_error; }

    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }
    [[nodiscard]] bool autoDelete() const { return m_autoDelete; }

Q_SIGNALS:
    /// The one terminal signal; see the class comment.
    void finished();
    /// Bytes of the request body sent so far, of `bytesTotal` (uploads only).
    void uploadProgress(qint64 bytesSent, qint64 bytesTotal);

protected:
    explicit Job(QObject *parent = nullptr);

    /// Does the work; called once, from the event loop, while the job is Running.
    virtual void run() = 0;
    /// Stops the work in progress because of cancel(); must not finish the job itself.
    virtual void abort() = 0;
    /// Frees what the run held (secrets, replies, files) once the outcome is decided.
    virtual void cleanup() { }

    /// Decides the outcome (first call wins) and queues finished().
    void finishWithSuccess();
    void finishWithError(Error error);

private:
    void runIfRunning();
    void finish(std::optional<Error> error);

    State m_state = State::Idle;
    std::optional<Error> m_error;
    bool m_autoDelete = false;
};

} // namespace stratus::core
