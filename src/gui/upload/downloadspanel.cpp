#include "downloadspanel.h"

#include "core/transfers/downloadqueue.h"
#include "words/errorwords.h"

#include <algorithm>

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedLayout>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

using core::transfers::DownloadQueue;

DownloadsPanel::DownloadsPanel(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancelButton(new QPushButton(tr("&Cancel Download"), this))
    , m_view(new QTreeWidget(this))
    , m_empty(new QLabel(tr("Files you download from the browser (Download… in its context menu) are "
                            "listed here."),
                         this))
    , m_showInFolder(new QAction(tr("&Show in Folder"), this))
    , m_clear(new QAction(tr("Clear &List"), this))
{
    setObjectName(u"downloadsPanel"_s);
    m_status->setObjectName(u"downloadStatus"_s);
    m_progress->setObjectName(u"downloadProgressBar"_s);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(200);
    m_cancelButton->setObjectName(u"cancelDownload"_s);
    m_empty->setObjectName(u"downloadsEmpty"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    m_view->setObjectName(u"downloadList"_s);
    m_view->setColumnCount(ColumnCount);
    m_view->setHeaderLabels({tr("File"), tr("Saved in"), tr("State")});
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAccessibleName(tr("Downloaded files"));
    m_view->header()->resizeSection(NameColumn, 220);
    m_view->header()->resizeSection(FolderColumn, 260);
    m_view->header()->setStretchLastSection(true);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_showInFolder->setObjectName(u"showInFolder"_s);
    m_showInFolder->setIcon(QIcon::fromTheme(u"folder-open"_s));
    m_showInFolder->setToolTip(tr("Show the selected file in the file manager (Enter)"));
    m_clear->setObjectName(u"clearDownloads"_s);
    m_clear->setToolTip(tr("Remove the finished downloads from this list (the files stay)"));
    m_view->addAction(m_showInFolder);
    m_view->addAction(m_clear);

    auto *showButton = new QPushButton(tr("&Show in Folder"), this);
    showButton->setObjectName(u"showInFolderButton"_s);
    connect(showButton, &QPushButton::clicked, m_showInFolder, &QAction::trigger);
    connect(m_showInFolder, &QAction::changed, showButton,
            [this, showButton] { showButton->setEnabled(m_showInFolder->isEnabled()); });
    auto *clearButton = new QPushButton(tr("Clear &List"), this);
    connect(clearButton, &QPushButton::clicked, m_clear, &QAction::trigger);
    connect(m_clear, &QAction::changed, clearButton,
            [this, clearButton] { clearButton->setEnabled(m_clear->isEnabled()); });

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_progress);
    bar->addWidget(m_cancelButton);
    bar->addWidget(showButton);
    bar->addWidget(clearButton);

    auto *stack = new QStackedLayout;
    stack->addWidget(m_empty);
    stack->addWidget(m_view);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addLayout(stack, 1);

    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        for (const auto &queue : std::as_const(m_running)) {
            if (queue)
                queue->cancel();
        }
    });
    connect(m_showInFolder, &QAction::triggered, this, [this] {
        if (QTreeWidgetItem *item = m_view->currentItem())
            showInFolder(m_view->indexOfTopLevelItem(item));
    });
    connect(m_view, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem *item) { showInFolder(m_view->indexOfTopLevelItem(item)); });
    connect(m_clear, &QAction::triggered, this, [this, stack] {
        m_view->clear();
        stack->setCurrentWidget(m_empty);
        updateActions();
    });
    connect(m_view, &QTreeWidget::currentItemChanged, this, &DownloadsPanel::updateActions);
    connect(m_view->model(), &QAbstractItemModel::rowsInserted, this,
            [this, stack] { stack->setCurrentWidget(m_view); });
    m_progress->hide();
    m_cancelButton->hide();
    updateActions();
}

DownloadsPanel::~DownloadsPanel() = default;

void DownloadsPanel::watch(DownloadQueue *queue)
{
    if (queue == nullptr || m_queues.contains(queue))
        return;
    m_queues.append(queue);
    connect(queue, &QObject::destroyed, this, [this, queue] {
        m_queues.removeAll(queue);
        m_running.removeAll(queue);
    });
    connect(queue, &DownloadQueue::progress, this, [this, queue] { onProgress(queue); });
    connect(queue, &DownloadQueue::fileSaved, this,
            [this](const QString &, const QString &path) { onFileSaved(path); });
    connect(queue, &DownloadQueue::finished, this, [this, queue] { onFinished(queue); });
}

bool DownloadsPanel::isRunning() const
{
    return std::any_of(m_running.cbegin(), m_running.cend(), [](const auto &q) { return !q.isNull(); });
}

QString DownloadsPanel::summary() const
{
    return m_summary;
}

void DownloadsPanel::onProgress(DownloadQueue *queue)
{
    if (!queue->isRunning())
        return;
    if (!m_running.contains(queue)) {
        m_running.append(queue);
        m_progress->show();
        m_cancelButton->show();
        updateActions();
        Q_EMIT started();
    }
    const QLocale locale;
    const qint64 total = std::max<qint64>(1, queue->bytesTotal());
    m_progress->setValue(int(std::min<qint64>(1000, queue->bytesReceived() * 1000 / total)));
    setSummary(tr("Downloading file %1 of %2 — %3 of %4")
                   .arg(std::min(queue->filesDone() + 1, queue->filesTotal()))
                   .arg(queue->filesTotal())
                   .arg(locale.formattedDataSize(queue->bytesReceived()),
                        locale.formattedDataSize(queue->bytesTotal())));
}

void DownloadsPanel::onFileSaved(const QString &path)
{
    const QFileInfo info(path);
    addRow(info.fileName(), QDir::toNativeSeparators(info.absolutePath()), tr("Downloaded"), path);
}

void DownloadsPanel::onFinished(DownloadQueue *queue)
{
    m_running.removeAll(queue);
    const QString folder = QDir::toNativeSeparators(queue->directory());
    for (const auto &failure : queue->failures())
        addRow(failure.name, folder, tr("Failed: %1").arg(words::ErrorWords::text(failure.error)), {});
    const int saved = int(queue->savedFiles().size());
    const int failed = int(queue->failures().size());
    QString text = queue->wasCancelled()
        ? tr("Download cancelled; %n file(s) saved in %1", nullptr, saved).arg(folder)
        : tr("%n file(s) downloaded to %1", nullptr, saved).arg(folder);
    if (failed > 0)
        text = tr("%1, %n failed", nullptr, failed).arg(text);
    if (!isRunning()) {
        m_progress->hide();
        m_cancelButton->hide();
    }
    updateActions();
    setSummary(text);
}

void DownloadsPanel::addRow(const QString &name, const QString &folder, const QString &state,
                            const QString &path)
{
    auto *item = new QTreeWidgetItem({name, folder, state});
    item->setData(NameColumn, PathRole, path);
    item->setToolTip(NameColumn, path.isEmpty() ? name : QDir::toNativeSeparators(path));
    item->setToolTip(StateColumn, state);
    m_view->addTopLevelItem(item);
    if (m_view->currentItem() == nullptr)
        m_view->setCurrentItem(item);
    updateActions();
}

bool DownloadsPanel::showInFolder(int row)
{
    const QTreeWidgetItem *item = m_view->topLevelItem(row);
    const QString path = item ? item->data(NameColumn, PathRole).toString() : QString();
    if (path.isEmpty())
        return false;
    if (m_reveal.reveal(path) != ShowInFolder::Outcome::Failed)
        return true;
    const QString text = tr("No file manager could be opened to show the file. It is saved as:\n%1")
                             .arg(QDir::toNativeSeparators(path));
    if (m_warn) {
        m_warn(tr("Show in Folder"), text);
    } else {
        QMessageBox box(QMessageBox::Information, tr("Show in Folder"), text, QMessageBox::Ok, this);
        box.setTextInteractionFlags(Qt::TextSelectableByMouse);
        box.exec();
    }
    return false;
}

void DownloadsPanel::setSummary(const QString &text)
{
    m_status->setText(text);
    if (text == m_summary)
        return;
    m_summary = text;
    Q_EMIT summaryChanged(text);
}

void DownloadsPanel::updateActions()
{
    const QTreeWidgetItem *item = m_view->currentItem();
    m_showInFolder->setEnabled(item != nullptr && !item->data(NameColumn, PathRole).toString().isEmpty());
    m_clear->setEnabled(m_view->topLevelItemCount() > 0 && !isRunning());
}

} // namespace stratus::gui
