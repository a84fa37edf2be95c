#pragma once

#include "showinfolder.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace stratus::core::transfers {
class DownloadQueue;
}

namespace stratus::gui {

/// The Downloads tab of the transfers dock: what the browser's Download… fetched, one row per file
/// (its name as saved, the folder, and "Downloaded" or why it failed), and while a batch runs a line
/// with its progress and a Cancel button — nothing modal, and nothing left behind at 100 %.
/// "Show in Folder" (Enter, a double click or the context menu) shows a saved file in the file
/// manager (ShowInFolder), or says where it is when no file manager can be started.
///
/// Watches the download queues of every environment page (watch()); owned by the dock. GUI thread.
/// started() when a watched queue begins a batch; summaryChanged() when the line changes.
class DownloadsPanel : public QWidget
{
    Q_OBJECT

public:
    enum Column { NameColumn, FolderColumn, StateColumn, ColumnCount };
    /// On the name column: the saved file's path (empty for a failed one).
    static constexpr int PathRole = Qt::UserRole + 1;

    explicit DownloadsPanel(QWidget *parent = nullptr);
    ~DownloadsPanel() override;

    void watch(core::transfers::DownloadQueue *queue);

    [[nodiscard]] QTreeWidget *view() const { return m_view; }
    [[nodiscard]] QAction *showInFolderAction() const { return m_showInFolder; }
    [[nodiscard]] QAction *clearAction() const { return m_clear; }
    [[nodiscard]] QPushButton *cancelButton() const { return m_cancelButton; }
    /// "Downloading file 2 of 5 — 1.2 MB of 4.0 MB", "5 files downloaded to …"; empty before any.
    [[nodiscard]] QString summary() const;
    [[nodiscard]] bool isRunning() const;

    /// Shows the file of @p row in the file manager; false (after saying where it is) when no way
    /// to show it worked.
    bool showInFolder(int row);
    /// Replaces the ways of showing a file (tests).
    void setShowInFolder(const ShowInFolder &reveal) { m_reveal = reveal; }
    /// Replaces the message box shown when nothing could show the file (tests).
    void setWarningSink(std::function<void(const QString &title, const QString &text)> sink)
    {
        m_warn = std::move(sink);
    }

Q_SIGNALS:
    void started();
    void summaryChanged(const QString &summary);

private:
    void onProgress(core::transfers::DownloadQueue *queue);
    void onFileSaved(const QString &path);
    void onFinished(core::transfers::DownloadQueue *queue);
    void addRow(const QString &name, const QString &folder, const QString &state, const QString &path);
    void setSummary(const QString &text);
    void updateActions();

    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_cancelButton;
    QTreeWidget *m_view;
    QLabel *m_empty;
    QAction *m_showInFolder;
    QAction *m_clear;
    QList<QPointer<core::transfers::DownloadQueue>> m_queues;
    QList<QPointer<core::transfers::DownloadQueue>> m_running;
    ShowInFolder m_reveal;
    std::function<void(const QString &, const QString &)> m_warn;
    QString m_summary;
};

} // namespace stratus::gui
