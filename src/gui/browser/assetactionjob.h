#pragma once

#include "core/net/job.h"

#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>

namespace stratus::core {
class ApiCallBase;
}

namespace stratus::gui {

/// One action on assets (rename, move, delete, tags, folders) as a job: a list of API calls, run a
/// few at a time, each followed by its write-through to the catalogue as soon as it succeeds. A call
/// that fails does not stop the others (a batch of 300 deletions keeps what went through); the job
/// then fails with the first error and a count, and failures() lists every one.
///
/// Made by AssetActions, which starts it; GUI thread. finished() once (core::Job); progress() after
/// every call, in assets (a call that deletes 100 assets counts 100).
class AssetActionJob final : public core::Job
{
    Q_OBJECT

public:
    struct Step
    {
        int weight = 1; ///< the assets (or folders) this call covers
        /// Makes the call, not started, owned by @p parent.
        std::function<core::ApiCallBase *(QObject *parent)> make;
        /// After a successful call: writes the answer through to the catalogue; returns an error text
        /// when that failed, else nothing.
        std::function<QString(core::ApiCallBase *call)> apply;
    };

    AssetActionJob(QString title, QList<Step> steps, QObject *parent = nullptr);
    /// A job that sends nothing and fails with @p reason (offline, no credentials).
    static AssetActionJob *refused(QString title, QString reason, QObject *parent = nullptr);
    ~AssetActionJob() override;

    /// What it does, for a person: "Delete 3 assets".
    [[nodiscard]] const QString &title() const { return m_title; }
    [[nodiscard]] int done() const { return m_done; }
    [[nodiscard]] int total() const { return m_total; }
    /// Every failed call's message (the server's words), once finished.
    [[nodiscard]] const QStringList &failures() const { return m_failures; }
    /// Whether any call succeeded and was written to the catalogue.
    [[nodiscard]] bool changedCatalogue() const { return m_changed; }

Q_SIGNALS:
    void progress(int done, int total);

protected:
    void run() override;
    void abort() override;

private:
    void pump();
    void stepFinished(const Step &step, core::ApiCallBase *call);

    QString m_title;
    QList<Step> m_steps;
    QString m_refusal;
    qsizetype m_next = 0;
    int m_running = 0;
    int m_done = 0;
    int m_total = 0;
    QStringList m_failures;
    bool m_changed = false;
    QList<QPointer<core::ApiCallBase>> m_calls;
};

} // namespace stratus::gui
