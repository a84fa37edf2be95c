#include "browsercommands.h"

#include "movedialog.h"
#include "renamedialog.h"
#include "signedurllimits.h"
#include "tagsdialog.h"

#include "core/assets/assetnames.h"
#include "core/assets/assetservice.h"
#include "core/catalog/catalog.h"
#include "core/delivery/originalurls.h"
#include "core/delivery/thumbnailurls.h"
#include "core/transfers/downloadqueue.h"
#include "gui/cloudwidgets/mediaeditorwindow.h"
#include "gui/cloudwidgets/previewwindow.h"
#include "gui/errors/errorpresenter.h"
#include "words/errorwords.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QInputDialog>
#include <QLocale>
#include <QMessageBox>
#include <QMetaEnum>
#include <QPushButton>
#include <QStandardPaths>

#include <algorithm>

namespace stratus::gui {

using namespace Qt::StringLiterals;
using core::OriginalUrls;
using core::assets::AssetJob;
using core::catalog::CatalogAsset;

namespace {
// A confirmation names this many assets, then counts the rest.
constexpr int kNamesListed = 8;
// Tags offered for completion: the most used ones of the whole catalogue.
constexpr int kCompletionTags = 500;

// What a job does, for a person: "Delete 3 assets".
QString titleOf(const AssetJob &job)
{
    using Operation = AssetJob::Operation;
    switch (job.operation()) {
    case Operation::Rename:
        return BrowserCommands::tr("Rename %1").arg(job.subject());
    case Operation::Move:
        return BrowserCommands::tr("Move %n asset(s)", nullptr, job.count());
    case Operation::Delete:
        return BrowserCommands::tr("Delete %n asset(s)", nullptr, job.count());
    case Operation::EditTags:
        return BrowserCommands::tr("Edit the tags of %n asset(s)", nullptr, job.count());
    case Operation::Update:
        return BrowserCommands::tr("Save %1").arg(job.subject());
    case Operation::CreateFolder:
        return BrowserCommands::tr("Create the folder %1").arg(job.subject());
    case Operation::RenameFolder:
        return BrowserCommands::tr("Rename the folder %1").arg(job.subject());
    case Operation::DeleteFolder:
        return BrowserCommands::tr("Delete the folder %1").arg(job.subject());
    }
    return {};
}

} // namespace

BrowserCommands::BrowserCommands(BrowserEnvironment environment, QWidget *page)
    : QObject(page)
    , m_env(environment)
    , m_page(page)
    , m_assets(new core::assets::AssetService(
          environment.catalog, [environment] { return environment.changeContext(); }, this))
    , m_downloads(new DownloadQueue(environment, this))
    , m_chooseDirectory([](QWidget *parent) {
        return QFileDialog::getExistingDirectory(
            parent, tr("Download to"), QStandardPaths::writableLocation(QStandardPaths::DownloadLocation));
    })
{
    makeAction(Command::Download, tr("&Download…"));
    makeAction(Command::Rename, tr("&Rename…"), QKeySequence(Qt::Key_F2));
    makeAction(Command::Move, tr("&Move to…"));
    makeAction(Command::EditTags, tr("Edit &tags…"));
    makeAction(Command::CopyUrl, tr("&Copy URL"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    makeAction(Command::Delete, tr("&Delete…"), QKeySequence(QKeySequence::Delete));
    makeAction(Command::NewFolder, tr("&New folder…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    makeAction(Command::NewFolderHere, tr("&New folder…"));
    makeAction(Command::RenameFolder, tr("Re&name folder…"));
    makeAction(Command::DeleteFolder, tr("Delete &folder"));
    makeAction(Command::EditInMediaEditor, tr("Edit in Media &Editor…"));
    makeAction(Command::PreviewInVideoPlayer, tr("Preview in &Video Player"));
    makeAction(Command::PreviewAsProductGallery, tr("Preview as &Product Gallery"));
    for (const QList<QAction *> widgets = widgetActions(); QAction * widget : widgets)
        widget->setVisible(false);
    action(Command::Download)->setIcon(QIcon::fromTheme(u"document-save"_s));
    action(Command::Delete)->setIcon(QIcon::fromTheme(u"edit-delete"_s));
    action(Command::NewFolder)->setIcon(QIcon::fromTheme(u"folder-new"_s));

    connect(action(Command::Download), &QAction::triggered, this, [this] { download(m_selection); });
    connect(action(Command::Rename), &QAction::triggered, this, [this] {
        if (m_selection.size() == 1)
            rename(m_selection.constFirst());
    });
    connect(action(Command::Move), &QAction::triggered, this, [this] { move(m_selection); });
    connect(action(Command::EditTags), &QAction::triggered, this, [this] { editTags(m_selection); });
    connect(action(Command::CopyUrl), &QAction::triggered, this, [this] { copyUrls(m_selection); });
    connect(action(Command::Delete), &QAction::triggered, this, [this] { remove(m_selection); });
    connect(action(Command::NewFolder), &QAction::triggered, this, [this] { newFolder(m_currentFolder); });
    connect(action(Command::NewFolderHere), &QAction::triggered, this, [this] { newFolder(m_treeFolder); });
    connect(action(Command::RenameFolder), &QAction::triggered, this, [this] { renameFolder(m_treeFolder); });
    connect(action(Command::DeleteFolder), &QAction::triggered, this, [this] { deleteFolder(m_treeFolder); });

    connect(action(Command::EditInMediaEditor), &QAction::triggered, this, [this] {
        if (m_selection.size() == 1)
            Q_EMIT mediaEditorRequested(m_selection.constFirst());
    });
    connect(action(Command::PreviewInVideoPlayer), &QAction::triggered, this, [this] {
        if (m_selection.size() == 1)
            Q_EMIT videoPlayerRequested(m_selection.constFirst());
    });
    connect(action(Command::PreviewAsProductGallery), &QAction::triggered, this,
            [this] { Q_EMIT productGalleryRequested(m_selection); });

    connect(m_downloads, &DownloadQueue::progress, this, &BrowserCommands::showDownloadProgress);
    connect(m_downloads, &DownloadQueue::finished, this, &BrowserCommands::reportDownload);
    updateActions();
}

BrowserCommands::~BrowserCommands() = default;

QAction *BrowserCommands::makeAction(Command command, const QString &text, const QKeySequence &shortcut)
{
    auto *action = new QAction(text, this);
    action->setObjectName(QString::fromLatin1(QMetaEnum::fromType<Command>().valueToKey(int(command))));
    if (!shortcut.isEmpty()) {
        action->setShortcut(shortcut);
        // Only while a view the page adds it to has the focus: Delete and F2 in the search box edit
        // the text.
        action->setShortcutContext(Qt::WidgetShortcut);
    }
    m_actionsByCommand.insert(command, action);
    return action;
}

QAction *BrowserCommands::action(Command command) const
{
    return m_actionsByCommand.value(command);
}

QWidget *BrowserCommands::dialogParent() const
{
    return m_page ? m_page->window() : nullptr;
}

QString BrowserCommands::displayName(const CatalogAsset &asset) const
{
    QString name = asset.name(m_assets->folderMode());
    if (asset.resourceType != u"raw" && !asset.format.isEmpty())
        name += u'.' + asset.format;
    return name;
}

void BrowserCommands::setSelection(const QList<CatalogAsset> &assets)
{
    m_selection = assets;
    updateActions();
}

void BrowserCommands::setWidgetCommands(std::function<bool()> available)
{
    m_widgetsAvailable = std::move(available);
    updateActions();
}

QList<QAction *> BrowserCommands::widgetActions() const
{
    return {action(Command::EditInMediaEditor), action(Command::PreviewInVideoPlayer),
            action(Command::PreviewAsProductGallery)};
}

void BrowserCommands::setTreeFolder(const QString &folder, qint64 assetsBelow)
{
    m_treeFolder = folder;
    m_treeFolderAssets = assetsBelow;
    updateActions();
}

QString BrowserCommands::refusal() const
{
    // The environment's own words first ("Offline: no network connection"): they say more.
    if (!m_env.isOnline())
        return m_env.offlineReason();
    if (const std::optional<core::Error> why = m_assets->refusal())
        return words::ErrorWords::text(*why);
    return {};
}

void BrowserCommands::updateActions()
{
    const QString why = refusal();
    const bool online = why.isEmpty();
    const bool selected = !m_selection.isEmpty();
    const core::FolderMode mode = m_assets->folderMode();
    const bool modeKnown = mode != core::FolderMode::Unknown;
    const auto set = [&](Command command, bool possible, bool needsOnline, const QString &tip = {}) {
        QAction *a = action(command);
        a->setEnabled(possible && (online || !needsOnline));
        a->setToolTip(!online && needsOnline ? why : tip);
    };
    set(Command::Download, selected && !m_downloads->isRunning(), true);
    set(Command::Rename, m_selection.size() == 1 && modeKnown, true,
        mode == core::FolderMode::Fixed ? tr("Renaming changes the public ID and its delivery URLs")
                                        : tr("Changes the display name; URLs stay"));
    set(Command::Move, selected && modeKnown, true);
    set(Command::EditTags, selected, true);
    // Without the API secret, private and authenticated assets have no URL to copy.
    const bool noneLinkable = selected && m_env.cannotSignUrls()
        && std::all_of(m_selection.cbegin(), m_selection.cend(),
                       [](const CatalogAsset &asset) { return core::needsSignature(asset.type); });
    set(Command::CopyUrl, selected && !noneLinkable, false,
        noneLinkable ? SignedUrlLimits::linkToolTip() : QString());
    set(Command::Delete, selected, true);
    set(Command::NewFolder, true, true);
    set(Command::NewFolderHere, true, true);
    set(Command::RenameFolder, mode == core::FolderMode::Dynamic && !m_treeFolder.isEmpty(), true,
        mode == core::FolderMode::Dynamic ? QString()
                                          : tr("Folders can be renamed in dynamic folder mode only"));
    set(Command::DeleteFolder, !m_treeFolder.isEmpty() && m_treeFolderAssets == 0, true,
        m_treeFolderAssets > 0 ? tr("Only an empty folder can be deleted") : QString());
    // The widgets load from Cloudinary (or the sandbox) and show delivered media: online only.
    const bool widgets = m_widgetsAvailable && m_widgetsAvailable();
    for (const QList<QAction *> list = widgetActions(); QAction * widget : list)
        widget->setVisible(widgets);
    const bool one = m_selection.size() == 1;
    const bool video = one && m_selection.constFirst().resourceType == u"video"
        && PreviewWindow::isPublicMedia(m_selection.constFirst());
    // A gallery of what a web page can show; the rest of the selection is left out.
    const bool visual = std::any_of(m_selection.cbegin(), m_selection.cend(), &PreviewWindow::isPublicMedia);
    set(Command::EditInMediaEditor, widgets && one && MediaEditorWindow::canEdit(m_selection.constFirst()),
        true, tr("Crop, resize or convert a picture, or trim a video, and save the result as a new asset"));
    set(Command::PreviewInVideoPlayer, widgets && video, true,
        tr("Play the video in Cloudinary's Video Player and copy the code to embed it"));
    set(Command::PreviewAsProductGallery, widgets && visual, true,
        tr("Show the selected pictures and videos in Cloudinary's Product Gallery and copy the code to embed "
           "it"));
}

void BrowserCommands::warn(const QString &title, const QString &text, const QString &details)
{
    // Not exec(): a failure report must not stop the browser (nor a test) until it is read.
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, dialogParent());
    box->setObjectName(u"browserWarning"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (!details.isEmpty())
        box->setDetailedText(details);
    box->open();
}

void BrowserCommands::watch(AssetJob *job, const std::optional<QString> &openAfter)
{
    ++m_running;
    const QString title = titleOf(*job);
    Q_EMIT status(tr("%1…").arg(title), StatusKind::Progress);
    connect(job, &AssetJob::progress, this, [this, title](int done, int total) {
        Q_EMIT status(tr("%1… %2 of %3").arg(title, QLocale().toString(done), QLocale().toString(total)),
                      StatusKind::Progress);
    });
    connect(job, &core::Job::finished, this, [this, job, title, openAfter] {
        --m_running;
        if (job->error()) {
            Q_EMIT status(tr("%1 failed").arg(title), StatusKind::Failure);
            QStringList details;
            for (const core::Error &failure : job->failures())
                details.append(words::ErrorWords::text(failure));
            QString first = details.value(0);
            if (details.size() > 1)
                first = tr("%1 (and %n more error(s))", nullptr, int(details.size() - 1)).arg(first);
            warn(title, tr("%1 failed: %2").arg(title, first), details.join(u'\n'));
        } else {
            Q_EMIT status(tr("%1: done").arg(title), StatusKind::Done);
            if (openAfter)
                Q_EMIT folderToOpen(*openAfter);
        }
        updateActions();
    });
}

void BrowserCommands::rename(const CatalogAsset &asset)
{
    if (const QString why = refusal(); !why.isEmpty())
        return warn(tr("Rename"), why);
    RenameDialog dialog(asset, m_assets->folderMode(), dialogParent());
    if (dialog.exec() != QDialog::Accepted)
        return;
    watch(m_assets->rename(asset, dialog.name()));
}

void BrowserCommands::move(const QList<CatalogAsset> &assets)
{
    if (assets.isEmpty())
        return;
    if (const QString why = refusal(); !why.isEmpty())
        return warn(tr("Move"), why);
    const core::FolderMode mode = m_assets->folderMode();
    MoveDialog dialog(m_env.catalog, &m_assets->localFolders(), int(assets.size()), mode,
                      assets.constFirst().folder(mode), dialogParent());
    if (dialog.exec() != QDialog::Accepted)
        return;
    watch(m_assets->move(assets, dialog.folder()));
}

void BrowserCommands::moveTo(const QList<CatalogAsset> &assets, const QString &folder)
{
    const core::FolderMode mode = m_assets->folderMode();
    QList<CatalogAsset> moving;
    for (const CatalogAsset &asset : assets) {
        if (asset.folder(mode) != folder)
            moving.append(asset);
    }
    if (moving.isEmpty())
        return;
    if (const QString why = refusal(); !why.isEmpty())
        return warn(tr("Move"), why);
    QString text = tr("Move %n asset(s) to %1?", nullptr, int(moving.size()))
                       .arg(folder.isEmpty() ? tr("Home") : folder);
    if (mode == core::FolderMode::Fixed)
        text += u"\n\n"_s
            + tr("In fixed folder mode this changes their public IDs: delivery URLs with the old ones stop "
                 "working.");
    QMessageBox box(QMessageBox::Question, tr("Move"), text, QMessageBox::Cancel, dialogParent());
    box.setObjectName(u"moveConfirmation"_s);
    QPushButton *yes = box.addButton(tr("&Move"), QMessageBox::AcceptRole);
    box.setDefaultButton(yes);
    box.exec();
    if (box.clickedButton() != yes)
        return;
    watch(m_assets->move(moving, folder));
}

void BrowserCommands::editTags(const QList<CatalogAsset> &assets)
{
    if (assets.isEmpty())
        return;
    if (const QString why = refusal(); !why.isEmpty())
        return warn(tr("Edit tags"), why);
    QStringList known;
    if (m_env.catalog) {
        if (auto facets = m_env.catalog->facets({}, kCompletionTags)) {
            for (const auto &tag : facets.value().tags)
                known.append(tag.value);
        }
    }
    QList<QStringList> selectionTags;
    for (const CatalogAsset &asset : assets)
        selectionTags.append(asset.tags);
    TagsDialog dialog(int(assets.size()), known, selectionTags, dialogParent());
    if (dialog.exec() != QDialog::Accepted)
        return;
    watch(m_assets->editTags(assets, dialog.tagsToAdd(), dialog.tagsToRemove()));
}

void BrowserCommands::copyUrls(const QList<CatalogAsset> &selection)
{
    QList<CatalogAsset> assets;
    int unsignable = 0;
    for (const CatalogAsset &asset : selection) {
        if (m_env.cannotSignUrls() && core::needsSignature(asset.type))
            ++unsignable;
        else
            assets.append(asset);
    }
    if (assets.isEmpty()) {
        if (unsignable > 0)
            warn(tr("Copy URL"), SignedUrlLimits::linkToolTip());
        return;
    }
    OriginalUrls::resolve(m_env, assets, this, [this, unsignable](QList<core::Result<QUrl>> urls) {
        QStringList lines;
        QStringList problems;
        if (unsignable > 0)
            problems.append(tr("%n private or authenticated file(s) left out: %1", nullptr, unsignable)
                                .arg(SignedUrlLimits::linkToolTip()));
        for (const auto &url : urls) {
            if (url)
                lines.append(url.value().toString());
            else
                problems.append(ErrorPresenter::text(url.error()));
        }
        if (!lines.isEmpty())
            QApplication::clipboard()->setText(lines.join(u'\n'));
        if (!problems.isEmpty())
            warn(tr("Copy URL"), tr("Some URLs could not be made."), problems.join(u'\n'));
        else
            Q_EMIT status(tr("%n URL(s) copied", nullptr, int(lines.size())), StatusKind::Done);
    });
}

void BrowserCommands::remove(const QList<CatalogAsset> &assets)
{
    if (assets.isEmpty())
        return;
    if (const QString why = refusal(); !why.isEmpty())
        return warn(tr("Delete"), why);
    QStringList names;
    for (const CatalogAsset &asset : assets.mid(0, kNamesListed))
        names.append(u"• "_s + displayName(asset));
    if (assets.size() > kNamesListed)
        names.append(tr("… and %n more", nullptr, int(assets.size() - kNamesListed)));
    QMessageBox box(QMessageBox::Warning, tr("Delete"),
                    tr("Delete %n asset(s) from Cloudinary?", nullptr, int(assets.size())),
                    QMessageBox::Cancel, dialogParent());
    box.setObjectName(u"deleteConfirmation"_s);
    box.setInformativeText(names.join(u'\n') + u"\n\n"_s
                           + tr("This cannot be undone: the originals and their derived versions are deleted "
                                "and their delivery URLs stop working."));
    QPushButton *yes = box.addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != yes)
        return;
    watch(m_assets->remove(assets));
}

void BrowserCommands::newFolder(const QString &parent)
{
    if (const QString why = refusal(); !why.isEmpty())
        return warn(tr("New folder"), why);
    QInputDialog dialog(dialogParent());
    dialog.setObjectName(u"newFolderDialog"_s);
    dialog.setWindowTitle(tr("New folder"));
    dialog.setLabelText(tr("&Name of the new folder in %1:").arg(parent.isEmpty() ? tr("Home") : parent));
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString name = dialog.textValue().trimmed();
    if (const std::optional<core::Error> problem = core::assets::nameProblem(name))
        return warn(tr("New folder"), words::ErrorWords::text(*problem));
    const QString path = parent.isEmpty() ? name : parent + u'/' + name;
    watch(m_assets->createFolder(path), path);
}

void BrowserCommands::renameFolder(const QString &folder)
{
    if (folder.isEmpty())
        return;
    if (const QString why = refusal(); !why.isEmpty())
        return warn(tr("Rename folder"), why);
    const qsizetype slash = folder.lastIndexOf(u'/');
    const QString parent = slash < 0 ? QString() : folder.left(slash);
    QInputDialog dialog(dialogParent());
    dialog.setObjectName(u"renameFolderDialog"_s);
    dialog.setWindowTitle(tr("Rename folder"));
    dialog.setLabelText(tr("&New name of %1 (the assets' URLs stay the same):").arg(folder));
    dialog.setTextValue(folder.mid(slash + 1));
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString name = dialog.textValue().trimmed();
    if (const std::optional<core::Error> problem = core::assets::nameProblem(name))
        return warn(tr("Rename folder"), words::ErrorWords::text(*problem));
    const QString to = parent.isEmpty() ? name : parent + u'/' + name;
    if (to != folder)
        watch(m_assets->renameFolder(folder, to), to);
}

void BrowserCommands::deleteFolder(const QString &folder)
{
    if (folder.isEmpty())
        return;
    if (const QString why = refusal(); !why.isEmpty())
        return warn(tr("Delete folder"), why);
    QMessageBox box(QMessageBox::Question, tr("Delete folder"), tr("Delete the empty folder %1?").arg(folder),
                    QMessageBox::Cancel, dialogParent());
    box.setObjectName(u"deleteFolderConfirmation"_s);
    QPushButton *yes = box.addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    box.exec();
    if (box.clickedButton() != yes)
        return;
    const qsizetype slash = folder.lastIndexOf(u'/');
    watch(m_assets->deleteFolder(folder), slash < 0 ? QString() : folder.left(slash));
}

void BrowserCommands::download(const QList<CatalogAsset> &assets)
{
    if (assets.isEmpty() || m_downloads->isRunning())
        return;
    if (const QString why = refusal(); !why.isEmpty())
        return warn(tr("Download"), why);
    const QString directory = m_chooseDirectory(dialogParent());
    if (directory.isEmpty())
        return;
    // No progress box: the transfers dock shows the download (the page hands it the queue) and
    // keeps its state once it is over (issue 13, point 9).
    m_downloads->start(assets, directory);
    updateActions();
}

void BrowserCommands::showDownloadProgress()
{
    if (!m_downloads->isRunning())
        return;
    Q_EMIT status(tr("Downloading file %1 of %2…")
                      .arg(std::min(m_downloads->filesDone() + 1, m_downloads->filesTotal()))
                      .arg(m_downloads->filesTotal()),
                  StatusKind::Progress);
}

void BrowserCommands::reportDownload()
{
    const int saved = int(m_downloads->savedFiles().size());
    const int failed = int(m_downloads->failures().size());
    QString text = m_downloads->wasCancelled() ? tr("Download cancelled; %n file(s) saved", nullptr, saved)
                                               : tr("%n file(s) downloaded", nullptr, saved);
    if (failed > 0)
        text = tr("%1, %n failed (the transfers dock says why)", nullptr, failed).arg(text);
    Q_EMIT status(text, failed > 0 ? StatusKind::Failure : StatusKind::Done);
    updateActions();
}

} // namespace stratus::gui
