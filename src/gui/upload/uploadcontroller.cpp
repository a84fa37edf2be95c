#include "uploadcontroller.h"

#include "uploaddock.h"
#include "uploadoptionsdialog.h"

#include "core/catalog/catalog.h"
#include "core/session/environmentsession.h"
#include "core/transfers/uploadqueue.h"
#include "gui/cloudwidgets/cloudwidgetwindows.h"
#include "gui/errors/errorpresenter.h"
#include "words/errorwords.h"

#include <QApplication>
#include <QClipboard>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace stratus::gui {

using core::EnvironmentSession;
using core::transfers::DuplicatePolicy;
using core::transfers::UploadQueue;
using core::transfers::UploadState;

UploadController::UploadController(QWidget *window, UploadDock *dock, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_dock(dock)
{
}

UploadController::~UploadController() = default;

EnvironmentSession *UploadController::session() const
{
    return m_session.data();
}

void UploadController::setSession(EnvironmentSession *session, std::function<QString()> currentFolder)
{
    if (m_session)
        disconnect(m_session, &EnvironmentSession::uploadsReady, this, nullptr);
    m_session = session;
    m_currentFolder = std::move(currentFolder);
    if (session != nullptr)
        connect(session, &EnvironmentSession::uploadsReady, this, &UploadController::attachQueue);
    attachQueue();
}

bool UploadController::hasWidgets() const
{
    return m_webProfiles && m_webProfiles() != nullptr;
}

CloudWidgetWindows *UploadController::widgetWindows(EnvironmentSession *session)
{
    web::WebProfiles *profiles = m_webProfiles ? m_webProfiles() : nullptr;
    if (session == nullptr || profiles == nullptr)
        return nullptr;
    QPointer<CloudWidgetWindows> &windows = m_widgetWindows[session->environmentId()];
    if (!windows || windows->session() != session) {
        windows = new CloudWidgetWindows(profiles, session, m_window, this);
        const QPointer<EnvironmentSession> guard(session);
        connect(windows, &CloudWidgetWindows::assetsWritten, this,
                [this, guard](const QStringList &assetIds) {
                    if (guard)
                        Q_EMIT widgetAssetsWritten(guard.data(), assetIds);
                });
    }
    return windows;
}

void UploadController::openUploadWidget()
{
    EnvironmentSession *session = m_session.data();
    if (session == nullptr) {
        warn(tr("Upload"),
             tr("Open an environment first: the Upload widget uploads into the folder it shows."));
        return;
    }
    CloudWidgetWindows *windows = widgetWindows(session);
    if (windows == nullptr) {
        warn(tr("Upload"), tr("The Upload widget is not available in this window."));
        return;
    }
    windows->openUploadWidget(m_currentFolder ? m_currentFolder() : QString());
}

void UploadController::attachQueue()
{
    const EnvironmentSession *session = m_session.data();
    UploadQueue *queue = session != nullptr ? session->uploadsIfMade() : nullptr;
    if (m_dock) {
        m_dock->setQueue(queue);
        // A queue with files a previous run left (resumed at start) shows itself.
        if (queue != nullptr && !queue->jobIds().isEmpty())
            m_dock->show();
    }
    if (queue == nullptr || m_attachedQueues.contains(queue))
        return;
    m_attachedQueues.append(queue);
    connect(queue, &QObject::destroyed, this, [this, queue] { m_attachedQueues.removeAll(queue); });
    connect(queue, &UploadQueue::batchFinished, this, &UploadController::onBatchFinished);
    // Files resumed from a previous run (or queued by anyone) bring the dock up.
    connect(queue, &UploadQueue::jobAdded, this, [this, queue] {
        UploadDock *dock = m_dock.data();
        if (dock != nullptr && dock->queue() == queue && !dock->isVisible())
            dock->show();
    });
    QPointer<UploadQueue> guard(queue);
    queue->setDuplicateHandler([this, guard](const core::transfers::DuplicateQuestion &question,
                                             std::function<void(DuplicatePolicy)> answer) {
        const QString name = QFileInfo(question.filePath).fileName();
        if (m_duplicateQuestion) {
            answer(m_duplicateQuestion(name, question.existingPublicIds));
            return;
        }
        // Asked later, from the event loop: the queue does not wait inside its own call.
        QMetaObject::invokeMethod(
            this,
            [this, name, existing = question.existingPublicIds, answer = std::move(answer)] {
                QMessageBox box(QMessageBox::Question, tr("Already Uploaded"),
                                tr("“%1” is already in this environment as %2.")
                                    .arg(name, existing.mid(0, 3).join(tr(", "))),
                                QMessageBox::NoButton, m_window);
                box.setInformativeText(tr(
                    "What should happen to it, and to any other file of this upload that is already there?"));
                QPushButton *skip = box.addButton(tr("&Skip"), QMessageBox::RejectRole);
                QPushButton *anyway = box.addButton(tr("&Upload Anyway"), QMessageBox::AcceptRole);
                QPushButton *replace = box.addButton(tr("&Replace"), QMessageBox::DestructiveRole);
                anyway->setToolTip(tr("Upload it as a new asset; both stay"));
                replace->setToolTip(tr("Upload it over the existing asset (same public ID and URL)"));
                box.setDefaultButton(skip);
                box.exec();
                if (box.clickedButton() == anyway)
                    answer(DuplicatePolicy::UploadAnyway);
                else if (box.clickedButton() == replace)
                    answer(DuplicatePolicy::Overwrite);
                else
                    answer(DuplicatePolicy::Skip);
            },
            Qt::QueuedConnection);
    });
}

QStringList UploadController::localPaths(const QMimeData *mime)
{
    QStringList paths;
    if (mime == nullptr || !mime->hasUrls())
        return paths;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile() && QFileInfo::exists(url.toLocalFile()))
            paths << url.toLocalFile();
    }
    return paths;
}

void UploadController::warn(const QString &title, const QString &text)
{
    if (m_warn)
        m_warn(title, text);
    else
        QMessageBox::warning(m_window, title, text);
}

core::transfers::UploadBatchOptions UploadController::defaults() const
{
    const EnvironmentSession *session = m_session.data();
    core::transfers::UploadBatchOptions options;
    // Public ids from the file names, with a random suffix: what people expect of a drop, and it
    // never replaces an asset by accident.
    options.useFilename = true;
    options.uniqueFilename = true;
    if (session != nullptr)
        options = m_defaults.value(session->environmentId(), options);
    options.folder.clear();
    return options;
}

void UploadController::setDefaults(const core::transfers::UploadBatchOptions &options)
{
    if (const EnvironmentSession *session = m_session.data()) {
        core::transfers::UploadBatchOptions kept = options;
        kept.folder.clear();
        m_defaults.insert(session->environmentId(), kept);
    }
}

bool UploadController::upload(const QStringList &paths, const std::optional<QString> &folder)
{
    core::transfers::UploadBatchOptions options = defaults();
    options.folder = folder.value_or(m_currentFolder ? m_currentFolder() : QString());
    return enqueue(paths, options);
}

bool UploadController::enqueue(const QStringList &paths, const core::transfers::UploadBatchOptions &options)
{
    if (paths.isEmpty())
        return false;
    EnvironmentSession *session = m_session.data();
    if (session == nullptr) {
        warn(tr("Cannot Upload"),
             tr("Open an environment first: files are uploaded to the environment shown."));
        return false;
    }
    // Offline, the files wait in the queue and start when the environment answers (the session
    // keeps asking); refused credentials would only fail them.
    if (session->connection() == EnvironmentSession::Connection::Refused) {
        warn(tr("Cannot Upload Now"),
             tr("“%1” refuses Stratus's credentials (%2). Fix them in Accounts; nothing was queued.")
                 .arg(session->record().displayName(),
                      session->problemError() ? ErrorPresenter::text(*session->problemError())
                                              : tr("not connected")));
        return false;
    }
    UploadQueue *queue = session->uploads();
    if (queue == nullptr) {
        warn(tr("Cannot Upload"),
             tr("The upload queue could not be started: %1")
                 .arg(session->uploadsError() ? ErrorPresenter::text(*session->uploadsError()) : QString()));
        return false;
    }
    const core::transfers::UploadPlan::Plan plan = core::transfers::UploadPlan::expand(paths, options.folder);
    if (plan.isEmpty()) {
        warn(tr("Nothing to Upload"),
             tr("There is no file to upload: what was chosen is empty, or holds only hidden files and "
                "links to folders, which are left out."));
        return false;
    }
    auto batch = queue->enqueue(plan, options);
    if (!batch) {
        warn(tr("Cannot Upload"),
             tr("The files could not be queued: %1").arg(words::ErrorWords::text(batch.error())));
        return false;
    }
    if (m_dock) {
        m_dock->setQueue(queue);
        m_dock->show();
        m_dock->raise();
    }
    refuseTooLarge(*queue, batch.value());
    return true;
}

void UploadController::refuseTooLarge(const UploadQueue &queue, qint64 batchId)
{
    // Refused at once by the queue (the environment's media limits); said now, not only in a row.
    QStringList lines;
    for (const qint64 id : queue.jobIds()) {
        const auto *entry = queue.job(id);
        if (entry == nullptr || entry->batchId != batchId || !entry->error)
            continue;
        const core::ErrorReason reason = entry->error->reason;
        if (reason == core::ErrorReason::ImageTooLarge || reason == core::ErrorReason::VideoTooLarge
            || reason == core::ErrorReason::RawTooLarge)
            lines << words::ErrorWords::text(*entry->error);
    }
    if (lines.isEmpty())
        return;
    const int shown = 5;
    QString text = lines.mid(0, shown).join(u"\n"_s);
    if (lines.size() > shown)
        text += u'\n' + tr("…and %n more.", nullptr, int(lines.size() - shown));
    warn(tr("Too Large to Upload"), text);
}

QList<core::MetadataField> UploadController::metadataFields() const
{
    core::catalog::Catalog *catalog = m_session ? m_session->catalog() : nullptr;
    auto fields = catalog ? catalog->metadataFields()
                          : core::Result<QList<core::MetadataField>>(QList<core::MetadataField>());
    return fields ? *fields : QList<core::MetadataField>();
}

core::transfers::UploadBatchOptions
UploadController::withoutMetadata(core::transfers::UploadBatchOptions options)
{
    // Metadata chosen for some files is not remembered for the next ones (dropped files included).
    options.extra.remove(u"metadata"_s);
    return options;
}

bool UploadController::offer(const QStringList &paths, const std::optional<QString> &folder)
{
    if (paths.isEmpty())
        return false;
    if ((m_askFirst && !m_askFirst()) || m_session.isNull())
        return upload(paths, folder); // says why, if it cannot
    core::transfers::UploadBatchOptions shown = defaults();
    shown.folder = folder.value_or(m_currentFolder ? m_currentFolder() : QString());
    UploadOptionsDialog dialog(shown, contextFunction(), true, m_window);
    dialog.setMetadataFields(metadataFields());
    dialog.setObjectName(u"givenFilesOptions"_s);
    dialog.setWindowTitle(paths.size() == 1 ? tr("Upload “%1”").arg(QFileInfo(paths.first()).fileName())
                                            : tr("Upload %n Item(s)", nullptr, int(paths.size())));
    if (dialog.exec() != QDialog::Accepted)
        return false;
    const core::transfers::UploadBatchOptions options = dialog.options();
    setDefaults(withoutMetadata(options));
    return enqueue(paths, options);
}

void UploadController::chooseOptionsAndUpload(const QStringList &paths)
{
    if (paths.isEmpty() || m_session.isNull()) {
        upload(paths); // says why, if there is something to say
        return;
    }
    UploadOptionsDialog dialog(optionsShown(), contextFunction(), true, m_window);
    dialog.setMetadataFields(metadataFields());
    if (dialog.exec() != QDialog::Accepted)
        return;
    const core::transfers::UploadBatchOptions options = dialog.options();
    setDefaults(withoutMetadata(options));
    enqueue(paths, options);
}

void UploadController::editDefaults()
{
    if (m_session.isNull())
        return;
    UploadOptionsDialog dialog(optionsShown(), contextFunction(), false, m_window);
    dialog.setWindowTitle(tr("Options for Dropped and Pasted Files"));
    if (dialog.exec() == QDialog::Accepted)
        setDefaults(dialog.options());
}

core::transfers::UploadBatchOptions UploadController::optionsShown() const
{
    core::transfers::UploadBatchOptions options = defaults();
    options.folder = m_currentFolder ? m_currentFolder() : QString();
    return options;
}

std::function<core::Result<core::ApiContext>()> UploadController::contextFunction() const
{
    return [guard = m_session]() -> core::Result<core::ApiContext> {
        const EnvironmentSession *session = guard.data();
        if (session == nullptr)
            return core::Error::because(core::Error::Kind::Unavailable, core::ErrorReason::EnvironmentClosed);
        return session->apiContext();
    };
}

void UploadController::chooseFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        m_window, tr("Upload Files"), QStandardPaths::writableLocation(QStandardPaths::PicturesLocation));
    chooseOptionsAndUpload(files);
}

void UploadController::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(
        m_window, tr("Upload Folder"), QStandardPaths::writableLocation(QStandardPaths::PicturesLocation));
    if (!folder.isEmpty())
        chooseOptionsAndUpload({folder});
}

bool UploadController::pasteFiles()
{
    const QStringList paths = localPaths(QApplication::clipboard()->mimeData());
    if (paths.isEmpty())
        return false;
    return upload(paths);
}

void UploadController::onBatchFinished(qint64 batchId)
{
    auto *queue = qobject_cast<UploadQueue *>(sender());
    if (queue == nullptr)
        return;
    int done = 0, skipped = 0, failed = 0, cancelled = 0;
    for (const qint64 id : queue->jobIds()) {
        const auto *entry = queue->job(id);
        if (entry == nullptr || entry->batchId != batchId)
            continue;
        switch (entry->state) {
        case UploadState::Done:
            ++done;
            break;
        case UploadState::Skipped:
            ++skipped;
            break;
        case UploadState::Failed:
            ++failed;
            break;
        case UploadState::Cancelled:
            ++cancelled;
            break;
        default:
            break;
        }
    }
    QStringList parts;
    parts << tr("%n file(s) uploaded", nullptr, done);
    if (skipped > 0)
        parts << tr("%n already there", nullptr, skipped);
    if (failed > 0)
        parts << tr("%n failed", nullptr, failed);
    if (cancelled > 0)
        parts << tr("%n cancelled", nullptr, cancelled);
    const QString message = parts.join(tr(", "));
    Q_EMIT batchFinished(message);
    // Only worth a desktop notification when the window is not what the person looks at.
    if (!m_window || !m_window->isActiveWindow())
        notifyDesktop(failed > 0 ? tr("Upload finished with errors") : tr("Upload finished"), message);
}

void UploadController::notifyDesktop(const QString &summary, const QString &body)
{
    // The freedesktop notification service; without one (a bare session) the call simply fails.
    QDBusMessage message = QDBusMessage::createMethodCall(u"org.freedesktop.Notifications"_s,
                                                          u"/org/freedesktop/Notifications"_s,
                                                          u"org.freedesktop.Notifications"_s, u"Notify"_s);
    message << QCoreApplication::applicationName() << quint32(0) << u"stratus"_s << summary << body
            << QStringList() << QVariantMap() << qint32(-1);
    QDBusConnection::sessionBus().send(message);
}

} // namespace stratus::gui
