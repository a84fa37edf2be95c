#pragma once

#include "core/transfers/uploadentry.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QSet>

namespace stratus::core::transfers {
class UploadQueue;
}

namespace stratus::gui {

/// The files of an upload queue as a table for the upload dock: name, destination folder, size,
/// progress (bytes), speed, time left and state (with the error of a failed file). One row per
/// file in the order they were queued; clearFinished() hides the rows that are done, skipped or
/// cancelled (the journal keeps them). Follows the queue's signals; GUI thread only.
class UploadListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        FolderColumn,
        SizeColumn,
        ProgressColumn,
        SpeedColumn,
        RemainingColumn,
        StateColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        JobIdRole = Qt::UserRole + 1,
        StateRole, ///< core::transfers::UploadState as int
        FractionRole, ///< 0…1 (double)
        BytesSentRole,
        BytesTotalRole,
    };

    explicit UploadListModel(QObject *parent = nullptr);
    ~UploadListModel() override;

    /// Shows @p queue's files (null: none). The queue must outlive the model or be unset first.
    void setQueue(core::transfers::UploadQueue *queue);
    [[nodiscard]] core::transfers::UploadQueue *queue() const { return m_queue; }

    [[nodiscard]] qint64 jobIdAt(int row) const;
    [[nodiscard]] int rowOf(qint64 jobId) const;
    /// Hides the files in a final state other than Failed.
    void clearFinished();

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    /// The text shown for a state ("Uploading", "Waiting", …).
    [[nodiscard]] static QString stateText(core::transfers::UploadState state);

private:
    struct Speed
    {
        qint64 lastBytes = 0;
        qint64 lastMs = 0;
        double bytesPerSecond = 0;
    };

    void reset();
    void onJobAdded(qint64 jobId);
    void onJobChanged(qint64 jobId);
    void onJobProgress(qint64 jobId, qint64 sent);
    void onJobRetrying(qint64 jobId, int attempt, qint64 delayMs, const core::Error &reason);

    QPointer<core::transfers::UploadQueue> m_queue;
    QList<qint64> m_rows;
    QSet<qint64> m_hidden;
    QHash<qint64, Speed> m_speeds;
    QHash<qint64, QString> m_retryNotes; ///< the last retry's reason, while the file waits for it
    QElapsedTimer m_clock;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace stratus::gui
