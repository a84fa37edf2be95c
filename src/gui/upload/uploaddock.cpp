#include "uploaddock.h"

#include "downloadspanel.h"
#include "uploadlistmodel.h"

#include "core/transfers/uploadqueue.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

using core::upload::UploadQueue;
using core::upload::UploadState;

namespace {

/// The progress column: a progress bar with "12 MB of 40 MB" on it.
class ProgressDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem item = option;
        initStyleOption(&item, index);
        item.text.clear();
        QWidget *widget = const_cast<QWidget *>(option.widget);
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget); // selection background

        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 3, -2, -3);
        bar.state = option.state | QStyle::State_Horizontal;
        bar.minimum = 0;
        bar.maximum = 1000;
        bar.progress = int(index.data(UploadListModel::FractionRole).toDouble() * 1000.0);
        bar.text = index.data(Qt::DisplayRole).toString();
        bar.textVisible = true;
        bar.textAlignment = Qt::AlignCenter;
        bar.fontMetrics = option.fontMetrics;
        bar.palette = option.palette;
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setWidth(
            std::max(size.width(), option.fontMetrics.horizontalAdvance(u"000.0 MB of 000.0 MB"_s) + 16));
        size.setHeight(std::max(size.height(), option.fontMetrics.height() + 8));
        return size;
    }
};

} // namespace

UploadDock::UploadDock(QWidget *parent)
    : QDockWidget(tr("Transfers"), parent)
    , m_model(new UploadListModel(this))
    , m_view(new QTreeView(this))
    , m_summaryLabel(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_downloads(new DownloadsPanel(this))
    , m_pin(new QCheckBox(this))
    , m_hideTimer(new QTimer(this))
{
    setObjectName(u"uploadDock"_s);
    setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea);
    setUpView();
    createActions();
    connectActions();
    addViewActions();

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 0, 4, 4);
    layout->setSpacing(2);
    layout->addWidget(createToolBar());
    layout->addWidget(m_view);
    m_tabs->setObjectName(u"transferTabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(content, tr("&Uploads"));
    m_tabs->addTab(m_downloads, tr("&Downloads"));
    setWidget(m_tabs);
    // The pin, beside the tabs: keeps the dock open when nothing transfers.
    m_pin->setObjectName(u"transfersPin"_s);
    m_pin->setText(tr("Keep &Open"));
    m_pin->setToolTip(tr("Keep the Transfers panel open when nothing is transferred; otherwise it closes "
                         "once the transfers are done"));
    m_tabs->setCornerWidget(m_pin, Qt::TopRightCorner);
    connect(m_pin, &QCheckBox::toggled, this, [this](bool pinned) {
        if (!pinned && !isBusy() && m_wasBusy)
            followBusy();
        Q_EMIT pinnedChanged(pinned);
    });
    m_hideTimer->setSingleShot(true);
    m_hideTimer->setInterval(2500);
    connect(m_hideTimer, &QTimer::timeout, this, [this] {
        if (!isBusy() && !isPinned())
            hide();
    });
    connect(m_downloads, &DownloadsPanel::started, this, [this] {
        m_tabs->setCurrentWidget(m_downloads);
        show();
        raise();
    });
    connect(m_downloads, &DownloadsPanel::summaryChanged, this, &UploadDock::updateSummary);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &UploadDock::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        updateActions();
        updateSummary();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &UploadDock::updateSummary);
    connect(m_model, &QAbstractItemModel::modelReset, this, &UploadDock::updateSummary);
    updateActions();
    updateSummary();
}

void UploadDock::setUpView()
{
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setItemDelegateForColumn(UploadListModel::ProgressColumn, new ProgressDelegate(m_view));
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->setAccessibleName(tr("Files being uploaded"));
    m_view->header()->setStretchLastSection(true);
    m_view->header()->resizeSection(UploadListModel::NameColumn, 220);
    m_view->header()->resizeSection(UploadListModel::FolderColumn, 140);
    m_view->header()->resizeSection(UploadListModel::ProgressColumn, 200);
}

QAction *UploadDock::makeAction(const QString &text, const QKeySequence &shortcut, const QString &tip)
{
    auto *action = new QAction(text, this);
    action->setToolTip(tip);
    if (!shortcut.isEmpty()) {
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    }
    return action;
}

void UploadDock::createActions()
{
    m_pause = makeAction(tr("&Pause"), {}, tr("Pause the selected files (Space)"));
    m_resume = makeAction(tr("&Resume"), {}, tr("Resume the selected files (Space)"));
    m_cancel
        = makeAction(tr("&Cancel"), QKeySequence::Delete, tr("Stop uploading the selected files (Delete)"));
    m_retry = makeAction(tr("Re&try"), QKeySequence(Qt::CTRL | Qt::Key_R),
                         tr("Try the selected files again (Ctrl+R)"));
    m_pauseAll = makeAction(tr("Pause All"), {}, tr("Pause every file"));
    m_resumeAll = makeAction(tr("Resume All"), {}, tr("Resume every paused file"));
    m_cancelAll = makeAction(tr("Cancel All"), {}, tr("Stop every file that is not uploaded yet"));
    m_retryFailed = makeAction(tr("Retry Failed"), {}, tr("Try every failed file again"));
    m_clearFinished = makeAction(tr("Clear Finished"), {},
                                 tr("Remove uploaded, skipped and cancelled files from the list"));
    m_options = makeAction(tr("&Options…"), {},
                           tr("Tags, upload preset and public IDs for dropped and pasted files"));
}

void UploadDock::connectActions()
{
    connect(m_options, &QAction::triggered, this, &UploadDock::optionsRequested);
    const auto forSelection = [this](void (UploadQueue::*method)(qint64)) {
        return [this, method] {
            if (UploadQueue *queue = m_model->queue()) {
                for (const qint64 id : selectedJobs())
                    (queue->*method)(id);
            }
            updateActions();
        };
    };
    connect(m_pause, &QAction::triggered, this, forSelection(&UploadQueue::pause));
    connect(m_resume, &QAction::triggered, this, forSelection(&UploadQueue::resume));
    connect(m_cancel, &QAction::triggered, this, forSelection(&UploadQueue::cancel));
    connect(m_retry, &QAction::triggered, this, forSelection(&UploadQueue::retry));
    const auto forAll = [this](void (UploadQueue::*method)()) {
        return [this, method] {
            if (UploadQueue *queue = m_model->queue())
                (queue->*method)();
            updateActions();
        };
    };
    connect(m_pauseAll, &QAction::triggered, this, forAll(&UploadQueue::pauseAll));
    connect(m_resumeAll, &QAction::triggered, this, forAll(&UploadQueue::resumeAll));
    connect(m_cancelAll, &QAction::triggered, this, forAll(&UploadQueue::cancelAll));
    connect(m_retryFailed, &QAction::triggered, this, forAll(&UploadQueue::retryFailed));
    connect(m_clearFinished, &QAction::triggered, this, [this] {
        m_model->clearFinished();
        updateSummary();
        updateActions();
    });
}

void UploadDock::addViewActions()
{
    // Space toggles: pause what runs, resume what is paused.
    auto *toggle = makeAction(tr("Pause or Resume"), QKeySequence(Qt::Key_Space), {});
    connect(toggle, &QAction::triggered, this, [this] {
        if (m_pause->isEnabled())
            m_pause->trigger();
        else if (m_resume->isEnabled())
            m_resume->trigger();
    });
    m_view->addAction(toggle);
    // The context menu.
    for (QAction *action : {m_pause, m_resume, m_cancel, m_retry})
        m_view->addAction(action);
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    m_view->addAction(separator);
    for (QAction *action : {m_pauseAll, m_resumeAll, m_cancelAll, m_retryFailed, m_clearFinished})
        m_view->addAction(action);
}

QToolBar *UploadDock::createToolBar()
{
    auto *toolbar = new QToolBar(this);
    toolbar->setIconSize(QSize(16, 16));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addActions({m_pause, m_resume, m_cancel, m_retry});
    toolbar->addSeparator();
    toolbar->addActions({m_pauseAll, m_resumeAll, m_cancelAll, m_retryFailed, m_clearFinished});
    toolbar->addSeparator();
    toolbar->addAction(m_options);
    auto *spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    toolbar->addWidget(m_summaryLabel);
    return toolbar;
}

UploadDock::~UploadDock() = default;

void UploadDock::setQueue(UploadQueue *queue)
{
    if (UploadQueue *old = m_model->queue())
        disconnect(old, nullptr, this, nullptr);
    m_model->setQueue(queue);
    if (queue != nullptr)
        connect(queue, &UploadQueue::progressChanged, this, &UploadDock::updateSummary);
    updateActions();
    updateSummary();
}

void UploadDock::watchDownloads(core::transfers::DownloadQueue *queue)
{
    m_downloads->watch(queue);
}

UploadQueue *UploadDock::queue() const
{
    return m_model->queue();
}

QList<qint64> UploadDock::selectedJobs() const
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        ids << m_model->jobIdAt(index.row());
    return ids;
}

void UploadDock::updateActions()
{
    const UploadQueue *queue = m_model->queue();
    bool canPause = false, canResume = false, canCancel = false, canRetry = false;
    if (queue != nullptr) {
        for (const qint64 id : selectedJobs()) {
            const auto *entry = queue->job(id);
            if (entry == nullptr)
                continue;
            const UploadState state = entry->state;
            canPause |= !core::upload::isFinal(state) && state != UploadState::Paused;
            canResume |= state == UploadState::Paused;
            canCancel |= !core::upload::isFinal(state);
            canRetry |= state == UploadState::Failed || state == UploadState::Cancelled;
        }
    }
    m_pause->setEnabled(canPause);
    m_resume->setEnabled(canResume);
    m_cancel->setEnabled(canCancel);
    m_retry->setEnabled(canRetry);
    const UploadQueue::Totals totals = queue ? queue->totals() : UploadQueue::Totals {};
    const int unfinished = totals.active + totals.waiting + totals.paused;
    m_pauseAll->setEnabled(totals.active + totals.waiting > 0);
    m_resumeAll->setEnabled(totals.paused > 0);
    m_cancelAll->setEnabled(unfinished > 0);
    m_retryFailed->setEnabled(totals.failed > 0);
    m_clearFinished->setEnabled(m_model->rowCount() > 0
                                && totals.done + totals.skipped + totals.cancelled > 0);
}

QString UploadDock::summary() const
{
    return m_summary;
}

int UploadDock::percent() const
{
    return m_percent;
}

void UploadDock::updateSummary()
{
    const UploadQueue *queue = m_model->queue();
    const UploadQueue::Totals totals = queue ? queue->totals() : UploadQueue::Totals {};
    const int files
        = totals.done + totals.skipped + totals.failed + totals.active + totals.waiting + totals.paused;
    const int finished = totals.done + totals.skipped;
    const int unfinished = totals.active + totals.waiting + totals.paused;
    QString text;
    int percent = -1;
    if (queue != nullptr && unfinished > 0) {
        percent = totals.bytesTotal > 0 ? int(totals.bytesDone * 100 / totals.bytesTotal) : 0;
        text = tr("%1%, %2 of %n file(s)", nullptr, files).arg(percent).arg(finished);
        if (totals.bytesPerSecond > 0 && totals.active > 0)
            text = tr("%1, %2/s").arg(text, QLocale().formattedDataSize(qint64(totals.bytesPerSecond)));
        if (totals.paused > 0 && totals.active == 0)
            text = tr("%1, paused").arg(text);
        if (!queue->isOnline() && totals.waiting > 0 && totals.active == 0)
            text = tr("%1, waiting for connection").arg(text);
        if (totals.failed > 0)
            text = tr("%1, %n failed", nullptr, totals.failed).arg(text);
    } else if (queue != nullptr && m_model->rowCount() > 0) {
        text = tr("%n file(s) uploaded", nullptr, finished);
        if (totals.failed > 0)
            text = tr("%1, %n failed", nullptr, totals.failed).arg(text);
    }
    m_summaryLabel->setText(text);
    // The title says what moves: the uploads, else a download running.
    QString title = text;
    if (title.isEmpty() && m_downloads->isRunning())
        title = m_downloads->summary();
    setWindowTitle(title.isEmpty() ? tr("Transfers") : tr("Transfers — %1").arg(title));
    followBusy();
    if (text != m_summary || percent != m_percent) {
        m_summary = text;
        m_percent = percent;
        Q_EMIT summaryChanged(text, percent);
    }
}

void UploadDock::setPinned(bool pinned)
{
    m_pin->setChecked(pinned);
}

bool UploadDock::isPinned() const
{
    return m_pin->isChecked();
}

void UploadDock::setHideDelay(int milliseconds)
{
    m_hideTimer->setInterval(milliseconds);
}

int UploadDock::hideDelay() const
{
    return m_hideTimer->interval();
}

bool UploadDock::isBusy() const
{
    const UploadQueue *queue = m_model->queue();
    const UploadQueue::Totals totals = queue ? queue->totals() : UploadQueue::Totals {};
    return totals.active + totals.waiting + totals.paused > 0 || m_downloads->isRunning();
}

void UploadDock::followBusy()
{
    if (isBusy()) {
        m_wasBusy = true;
        m_hideTimer->stop();
        return;
    }
    if (!m_wasBusy)
        return; // idle, and opened by hand (or already hidden): left as it is
    m_wasBusy = false;
    const UploadQueue *queue = m_model->queue();
    const bool failed = queue != nullptr && queue->totals().failed > 0;
    if (!isPinned() && !failed && isVisible())
        m_hideTimer->start();
}

} // namespace stratus::gui
