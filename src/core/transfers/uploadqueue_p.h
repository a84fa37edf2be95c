#pragma once

#include "uploadqueue.h"

#include "core/net/job.h"

#include <QLoggingCategory>
#include <QPointer>

#include <atomic>
#include <memory>

namespace stratus::core::transfers {

Q_DECLARE_LOGGING_CATEGORY(lcUpload)

/// One file in an UploadQueue: its journal entry and what the queue does with it now.
struct UploadQueue::Task
{
    UploadEntry entry;
    QPointer<Job> job;
    qint64 sent = 0; ///< bytes of the file sent (or acknowledged)
    int generation = 0; ///< bumped when a job or hash is abandoned, so its late answer is ignored
    int tries = 0; ///< uploads started since the file was queued, resumed or retried by hand
    bool retryWaiting = false;
    std::shared_ptr<std::atomic<bool>> hashCancel;
};

} // namespace stratus::core::transfers
