#include "uploadlistmodel.h"

#include "core/transfers/uploadqueue.h"
#include "words/errorwords.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace stratus::gui {

using core::transfers::UploadEntry;
using core::transfers::UploadQueue;
using core::transfers::UploadState;

namespace {

/// Where a file goes, as a person reads it: its asset folder (dynamic mode) or its public id's path.
QString destination(const UploadEntry &entry)
{
    QString folder = entry.options.assetFolder;
    if (folder.isEmpty()) {
        const QString publicId
            = entry.resultPublicId.isEmpty() ? entry.options.publicId : entry.resultPublicId;
        const qsizetype slash = publicId.lastIndexOf(u'/');
        folder = slash > 0 ? publicId.left(slash) : entry.options.folder;
    }
    return folder.isEmpty() ? UploadListModel::tr("Home") : folder;
}

QString duration(qint64 seconds)
{
    if (seconds < 60)
        return UploadListModel::tr("%n s", nullptr, int(seconds));
    if (seconds < 3600)
        return UploadListModel::tr("%1 min %2 s")
            .arg(seconds / 60)
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return UploadListModel::tr("%1 h %2 min")
        .arg(seconds / 3600)
        .arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

} // namespace

UploadListModel::UploadListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_clock.start();
}

UploadListModel::~UploadListModel() = default;

QString UploadListModel::stateText(UploadState state)
{
    switch (state) {
    case UploadState::Pending:
        return tr("Waiting");
    case UploadState::Hashing:
        return tr("Checking for duplicates");
    case UploadState::Asking:
        return tr("Already uploaded — waiting for your answer");
    case UploadState::Running:
        return tr("Uploading");
    case UploadState::Paused:
        return tr("Paused");
    case UploadState::Done:
        return tr("Uploaded");
    case UploadState::Skipped:
        return tr("Skipped: already uploaded");
    case UploadState::Failed:
        return tr("Failed");
    case UploadState::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

void UploadListModel::setQueue(UploadQueue *queue)
{
    if (queue == m_queue)
        return;
    for (const auto &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_queue = queue;
    if (queue != nullptr) {
        m_connections << connect(queue, &UploadQueue::jobAdded, this, &UploadListModel::onJobAdded)
                      << connect(queue, &UploadQueue::jobChanged, this,
                                 [this](qint64 jobId, UploadState) { onJobChanged(jobId); })
                      << connect(queue, &UploadQueue::jobProgress, this,
                                 [this](qint64 jobId, qint64 sent, qint64) { onJobProgress(jobId, sent); })
                      << connect(queue, &UploadQueue::jobRetrying, this, &UploadListModel::onJobRetrying)
                      << connect(queue, &QObject::destroyed, this, [this] { setQueue(nullptr); });
    }
    reset();
}

void UploadListModel::reset()
{
    beginResetModel();
    m_rows.clear();
    m_speeds.clear();
    m_retryNotes.clear();
    if (const UploadQueue *queue = m_queue.data()) {
        const QList<qint64> ids = queue->jobIds();
        for (const qint64 id : ids) {
            if (!m_hidden.contains(id))
                m_rows.append(id);
        }
    }
    endResetModel();
}

qint64 UploadListModel::jobIdAt(int row) const
{
    return m_rows.value(row, 0);
}

int UploadListModel::rowOf(qint64 jobId) const
{
    return int(m_rows.indexOf(jobId));
}

void UploadListModel::clearFinished()
{
    if (!m_queue)
        return;
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        const UploadEntry *entry = m_queue->job(m_rows.at(row));
        if (entry == nullptr
            || (core::transfers::isFinal(entry->state) && entry->state != UploadState::Failed)) {
            beginRemoveRows({}, row, row);
            m_hidden.insert(m_rows.takeAt(row));
            endRemoveRows();
        }
    }
}

void UploadListModel::onJobAdded(qint64 jobId)
{
    if (m_rows.contains(jobId))
        return;
    m_hidden.remove(jobId);
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(jobId);
    endInsertRows();
}

void UploadListModel::onJobChanged(qint64 jobId)
{
    const int row = rowOf(jobId);
    if (row < 0) {
        // A retried file that had been cleared comes back.
        if (m_queue && m_queue->job(jobId) && !core::transfers::isFinal(m_queue->job(jobId)->state))
            onJobAdded(jobId);
        return;
    }
    const UploadEntry *entry = m_queue ? m_queue->job(jobId) : nullptr;
    if (entry && entry->state != UploadState::Pending)
        m_retryNotes.remove(jobId);
    if (entry && entry->state != UploadState::Running)
        m_speeds.remove(jobId);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void UploadListModel::onJobProgress(qint64 jobId, qint64 sent)
{
    // The speed of one file: bytes over the last second or so, smoothed.
    Speed &speed = m_speeds[jobId];
    const qint64 now = m_clock.elapsed();
    if (speed.lastMs == 0 || sent < speed.lastBytes) {
        speed = {sent, now, 0};
    } else if (now - speed.lastMs >= 500) {
        const double current = double(sent - speed.lastBytes) * 1000.0 / double(now - speed.lastMs);
        speed.bytesPerSecond
            = speed.bytesPerSecond > 0 ? 0.6 * current + 0.4 * speed.bytesPerSecond : current;
        speed.lastBytes = sent;
        speed.lastMs = now;
    }
    const int row = rowOf(jobId);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, SizeColumn), index(row, StateColumn));
}

void UploadListModel::onJobRetrying(qint64 jobId, int attempt, qint64 delayMs, const core::Error &reason)
{
    m_retryNotes.insert(jobId,
                        tr("Retrying in %1 (attempt %2): %3")
                            .arg(duration(std::max<qint64>(1, (delayMs + 999) / 1000)))
                            .arg(attempt + 1)
                            .arg(words::ErrorWords::text(reason)));
    onJobChanged(jobId);
}

int UploadListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UploadListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UploadListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_queue || index.row() >= m_rows.size())
        return {};
    const qint64 jobId = m_rows.at(index.row());
    const UploadEntry *entry = m_queue->job(jobId);
    if (entry == nullptr)
        return {};
    const qint64 total = entry->fileSize;
    const qint64 sent = entry->state == UploadState::Done ? total : m_queue->bytesSent(jobId);
    const double speed = m_speeds.value(jobId).bytesPerSecond;
    const QLocale locale;

    switch (role) {
    case JobIdRole:
        return jobId;
    case StateRole:
        return int(entry->state);
    case FractionRole:
        return total > 0 ? double(sent) / double(total) : (entry->state == UploadState::Done ? 1.0 : 0.0);
    case BytesSentRole:
        return sent;
    case BytesTotalRole:
        return total;
    case Qt::ToolTipRole:
        if (index.column() == NameColumn)
            return QDir::toNativeSeparators(entry->filePath);
        if (index.column() == StateColumn && entry->state == UploadState::Skipped)
            return tr("Already uploaded as %1").arg(entry->resultPublicId);
        if (index.column() == StateColumn && entry->error)
            return words::ErrorWords::text(*entry->error);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == SpeedColumn
            || index.column() == RemainingColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    switch (Column(index.column())) {
    case NameColumn:
        return QFileInfo(entry->filePath).fileName();
    case FolderColumn:
        return destination(*entry);
    case SizeColumn:
        return locale.formattedDataSize(total);
    case ProgressColumn:
        return tr("%1 of %2").arg(locale.formattedDataSize(sent), locale.formattedDataSize(total));
    case SpeedColumn:
        if (entry->state != UploadState::Running || speed <= 0)
            return {};
        return tr("%1/s").arg(locale.formattedDataSize(qint64(speed)));
    case RemainingColumn:
        if (entry->state != UploadState::Running || speed <= 0 || sent >= total)
            return {};
        return duration(qint64(double(total - sent) / speed) + 1);
    case StateColumn:
        if (entry->state == UploadState::Failed && entry->error)
            return tr("Failed: %1").arg(words::ErrorWords::text(*entry->error));
        if (entry->state == UploadState::Pending && m_queue && !m_queue->isOnline())
            return tr("Waiting for connection");
        if (entry->state == UploadState::Pending && m_retryNotes.contains(jobId))
            return m_retryNotes.value(jobId);
        return stateText(entry->state);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant UploadListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case NameColumn:
        return tr("File");
    case FolderColumn:
        return tr("To folder");
    case SizeColumn:
        return tr("Size");
    case ProgressColumn:
        return tr("Progress");
    case SpeedColumn:
        return tr("Speed");
    case RemainingColumn:
        return tr("Time left");
    case StateColumn:
        return tr("State");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace stratus::gui
