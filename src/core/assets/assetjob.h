#pragma once

#include "core/net/job.h"

#include <QList>
#include <QPointer>
#include <QString>

#include <functional>

namespace stratus::core {
class ApiCallBase;
}

namespace stratus::core::assets {

/// One operation on assets (rename, move, delete, tags, an update, folders) as a job: a list of API
/// calls, run a few at a time, each followed by its write-through to the catalogue as soon as it
/// succeeds. A call that fails does not stop the others (a batch of 300 deletions keeps what went
/// through); the job then fails with the first failure, and failures() lists every one.
///
/// A failure is a core::Error: the call's kind, HTTP status and server words, with the reason of
/// the operation (AssetRenameFailed, …) and the public id or folder concerned as subject; a
/// catalogue write that fails after the server agreed is AssetCatalogNotUpdated. The job says what
/// it does (operation(), count(), subject()) and its owner words that.
///
/// Made and started by AssetService; the thread that made it. finished() once (core::Job);
/// progress() after every call, in assets (a call that deletes 100 assets counts 100).
class AssetJob final : public Job
{
    Q_OBJECT

public:
    enum class Operation {
        Rename,
        Move,
        Delete,
        EditTags,
        Update, ///< tags, context, structured metadata and display name of one asset at once
        CreateFolder,
        RenameFolder,
        DeleteFolder,
    };
    Q_ENUM(Operation)

    struct Step
    {
        int weight = 1; ///< the assets (or folders) this call covers
        QString subject; ///< the public id(s) or the folder, for a failure
        ErrorReason reason = ErrorReason::None; ///< of a failure of this call
        /// Makes the call, not started, owned by @p parent.
        std::function<ApiCallBase *(QObject *parent)> make;
        /// After a successful call: writes the answer through to the catalogue.
        std::function<Result<Done>(ApiCallBase *call)> apply;
    };

    AssetJob(Operation operation, int count, QString subject, QList<Step> steps, QObject *parent = nullptr);
    /// A job that sends nothing and fails with @p why (offline, no credentials, a bad name).
    static AssetJob *refused(Operation operation, int count, QString subject, Error why,
                             QObject *parent = nullptr);
    ~AssetJob() override;

    [[nodiscard]] Operation operation() const { return m_operation; }
    /// The assets (or folders) asked for.
    [[nodiscard]] int count() const { return m_count; }
    /// The asset's name or the folder, when the operation is about one; else empty.
    [[nodiscard]] const QString &subject() const { return m_subject; }
    [[nodiscard]] int done() const { return m_done; }
    [[nodiscard]] int total() const { return m_total; }
    /// Every failure, once finished (error() is the first).
    [[nodiscard]] const QList<Error> &failures() const { return m_failures; }
    /// Whether any call succeeded and was written to the catalogue.
    [[nodiscard]] bool changedCatalog() const { return m_changed; }

Q_SIGNALS:
    void progress(int done, int total);

protected:
    void run() override;
    void abort() override;

private:
    void pump();
    void stepFinished(const Step &step, ApiCallBase *call);

    Operation m_operation;
    int m_count = 0;
    QString m_subject;
    QList<Step> m_steps;
    std::optional<Error> m_refusal;
    qsizetype m_next = 0;
    int m_running = 0;
    int m_done = 0;
    int m_total = 0;
    QList<Error> m_failures;
    bool m_changed = false;
    QList<QPointer<ApiCallBase>> m_calls;
};

} // namespace stratus::core::assets
