#pragma once

#include <QDockWidget>
#include <QPointer>

class QAction;
class QKeySequence;
class QLabel;
class QTabWidget;
class QCheckBox;
class QTimer;
class QToolBar;
class QTreeView;

namespace stratus::core::transfers {
class DownloadQueue;
class UploadQueue;
} // namespace stratus::core::transfers

namespace stratus::gui {

class DownloadsPanel;
class UploadListModel;

/// The transfers dock (issue 13, point 9): uploads and downloads in one place, a tab each.
///
/// Uploads: one row per file with a progress bar (bytes), speed, time left and
/// state (a failed file keeps its error); buttons and a context menu to pause, resume, cancel and
/// retry the selected files or all of them, and to clear the finished ones. The title says the
/// overall progress ("Uploads — 42%, 3 of 10 files"); summaryChanged() gives the same to the
/// status bar.
///
/// Shows the queue of the current environment (setQueue() when the environment changes). Keyboard:
/// Space pauses or resumes the selection, Delete cancels it, Ctrl+R retries it. Files queued while
/// the environment does not answer say "Waiting for connection".
///
/// Downloads: DownloadsPanel, fed by the download queues of every environment page
/// (watchDownloads()); a download that starts brings the dock up on that tab.
///
/// Out of the way when idle (issue 13, point 1): once nothing transfers any more the dock hides
/// itself after hideDelay(), unless it is pinned (Keep Open, beside the tabs) or an upload failed (the
/// failure stays in sight). A dock opened by hand while idle stays until closed.
class UploadDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit UploadDock(QWidget *parent = nullptr);
    ~UploadDock() override;

    /// Shows @p queue (null: none).
    void setQueue(core::transfers::UploadQueue *queue);
    [[nodiscard]] core::transfers::UploadQueue *queue() const;

    /// Lists what @p queue downloads (each environment page's browser has one).
    void watchDownloads(core::transfers::DownloadQueue *queue);
    [[nodiscard]] DownloadsPanel *downloads() const { return m_downloads; }
    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }

    [[nodiscard]] UploadListModel *model() const { return m_model; }
    [[nodiscard]] QTreeView *view() const { return m_view; }
    [[nodiscard]] QAction *pauseAction() const { return m_pause; }
    [[nodiscard]] QAction *resumeAction() const { return m_resume; }
    [[nodiscard]] QAction *cancelAction() const { return m_cancel; }
    [[nodiscard]] QAction *retryAction() const { return m_retry; }
    [[nodiscard]] QAction *pauseAllAction() const { return m_pauseAll; }
    [[nodiscard]] QAction *resumeAllAction() const { return m_resumeAll; }
    [[nodiscard]] QAction *cancelAllAction() const { return m_cancelAll; }
    [[nodiscard]] QAction *retryFailedAction() const { return m_retryFailed; }
    [[nodiscard]] QAction *clearFinishedAction() const { return m_clearFinished; }
    /// Options…: what dropped and pasted files get (tags, preset, naming); see optionsRequested().
    [[nodiscard]] QAction *optionsAction() const { return m_options; }

    /// Pinned: the dock stays open when nothing transfers.
    void setPinned(bool pinned);
    [[nodiscard]] bool isPinned() const;
    [[nodiscard]] QCheckBox *pinButton() const { return m_pin; }
    /// How long the dock stays after the last transfer ended (tests shorten it).
    void setHideDelay(int milliseconds);
    [[nodiscard]] int hideDelay() const;
    /// Whether an upload or a download runs or waits.
    [[nodiscard]] bool isBusy() const;

    /// "42%, 3 of 10 files, 2.1 MB/s" while something is queued; empty when nothing is.
    [[nodiscard]] QString summary() const;
    /// 0…100 while something is queued; -1 when nothing is.
    [[nodiscard]] int percent() const;

Q_SIGNALS:
    void summaryChanged(const QString &summary, int percent);
    /// Options… was chosen.
    void optionsRequested();
    /// The pin was switched (by the person or setPinned()).
    void pinnedChanged(bool pinned);

private:
    void setUpView();
    [[nodiscard]] QAction *makeAction(const QString &text, const QKeySequence &shortcut, const QString &tip);
    void createActions();
    void connectActions();
    /// Space to pause or resume, and the context menu of the list.
    void addViewActions();
    [[nodiscard]] QToolBar *createToolBar();
    [[nodiscard]] QList<qint64> selectedJobs() const;
    void updateActions();
    void updateSummary();
    /// Hides the dock a moment after the transfers ended, unless pinned.
    void followBusy();

    UploadListModel *m_model;
    QTreeView *m_view;
    QLabel *m_summaryLabel;
    QTabWidget *m_tabs;
    DownloadsPanel *m_downloads;
    QAction *m_pause = nullptr;
    QAction *m_resume = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_retry = nullptr;
    QAction *m_pauseAll = nullptr;
    QAction *m_resumeAll = nullptr;
    QAction *m_cancelAll = nullptr;
    QAction *m_retryFailed = nullptr;
    QAction *m_clearFinished = nullptr;
    QAction *m_options = nullptr;
    QCheckBox *m_pin;
    QTimer *m_hideTimer;
    bool m_wasBusy = false;
    QString m_summary;
    int m_percent = -1;
};

} // namespace stratus::gui
