#pragma once

#include "core/api/apicontext.h"
#include "core/metadata/metadatafield.h"
#include "core/transfers/uploadentry.h"
#include "core/transfers/uploadplan.h"
#include "core/util/result.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <optional>

class QMimeData;
class QWidget;

namespace stratus::core {
class EnvironmentSession;
}
namespace stratus::core::transfers {
class UploadQueue;
}
namespace stratus::web {
class WebProfiles;
}

namespace stratus::gui {

class CloudWidgetWindows;
class UploadDock;

/// What the main window does with files given to it — dropped anywhere on the window or on a
/// folder of the browser, chosen through File → Upload Files…/Upload Folder…, or pasted — for the
/// current environment: queues them on its session's upload queue (into the folder the browser
/// shows, or the folder they were dropped on), shows the upload dock, asks what to do about
/// duplicates (once per batch), and tells the desktop when a batch is done.
///
/// Files queued while the environment does not answer wait in the queue ("waiting for connection")
/// and start when it answers; files over the environment's media limits are refused at once, with
/// the limit in words. Files a closed or killed run left unfinished are resumed by the session
/// itself.
class UploadController : public QObject
{
    Q_OBJECT

public:
    /// @p window parents the dialogs; @p dock shows the queue.
    UploadController(QWidget *window, UploadDock *dock, QObject *parent = nullptr);
    ~UploadController() override;

    /// The environment files go to (null: none) and how to learn the folder the browser shows.
    void setSession(core::EnvironmentSession *session, std::function<QString()> currentFolder);
    [[nodiscard]] core::EnvironmentSession *session() const;

    /// The local files and folders in @p mime (file:// URLs), or none.
    [[nodiscard]] static QStringList localPaths(const QMimeData *mime);

    /// Queues @p paths (files and folder trees) into @p folder ("" is Home), or into the browser's
    /// folder when @p folder is unset. False (after telling the person why) when nothing was queued.
    bool upload(const QStringList &paths, const std::optional<QString> &folder = std::nullopt);
    /// Files given to Stratus — on its command line, dropped on the window or on a folder of the
    /// browser: the upload options first, with @p folder (else the folder the browser shows)
    /// preselected, unless askFirst says not to ask (then as upload()). False when nothing was queued.
    bool offer(const QStringList &paths, const std::optional<QString> &folder = std::nullopt);
    /// Whether offer() asks (the Preferences' setting); unset, it asks.
    void setAskFirst(std::function<bool()> ask) { m_askFirst = std::move(ask); }
    /// File → Upload Files… and Upload Folder…: the files, then the options (folder, tags, preset,
    /// naming) for them, which become the environment's defaults.
    void chooseFiles();
    void chooseFolder();
    /// The upload dock's Options…: the defaults for what is dropped or pasted into the current
    /// environment (tags, preset, naming; the folder is the one shown or dropped on).
    void editDefaults();
    /// The current environment's defaults (no folder), and a way to set them.
    [[nodiscard]] core::transfers::UploadBatchOptions defaults() const;
    void setDefaults(const core::transfers::UploadBatchOptions &options);
    /// Uploads the files on the clipboard; false when it holds none.
    bool pasteFiles();

    /// Where the accounts' web profiles are (the main window's, set after it is made); none: no
    /// Cloudinary widgets.
    void setWebProfiles(std::function<web::WebProfiles *()> profiles) { m_webProfiles = std::move(profiles); }
    /// Whether the Cloudinary widgets can be opened (there are web profiles).
    [[nodiscard]] bool hasWidgets() const;
    /// The widget windows of @p session (made on first use, one per environment); null without web
    /// profiles or session.
    [[nodiscard]] CloudWidgetWindows *widgetWindows(core::EnvironmentSession *session);
    /// File → Upload from a URL, Camera or Cloud Storage…: Cloudinary's Upload widget for the folder the
    /// browser shows, in the current environment.
    void openUploadWidget();

    /// Replaces the question asked about duplicates (tests); the default is a message box with
    /// Skip, Upload Anyway and Replace.
    using DuplicateQuestion = std::function<core::transfers::DuplicatePolicy(const QString &fileName,
                                                                             const QStringList &existing)>;
    void setDuplicateQuestion(DuplicateQuestion question) { m_duplicateQuestion = std::move(question); }
    /// Replaces the message shown when uploading is refused (tests).
    void setWarningSink(std::function<void(const QString &title, const QString &text)> sink)
    {
        m_warn = std::move(sink);
    }

Q_SIGNALS:
    /// A batch finished: "12 files uploaded to samples, 1 failed".
    void batchFinished(const QString &message);
    /// A widget of @p session's (widgetWindows()) added @p assetIds to its catalogue: views of that
    /// environment read it again.
    void widgetAssetsWritten(stratus::core::EnvironmentSession *session, const QStringList &assetIds);

private:
    /// The structured metadata fields of the environment, as its catalogue cached them.
    [[nodiscard]] QList<core::MetadataField> metadataFields() const;
    [[nodiscard]] static core::transfers::UploadBatchOptions
    withoutMetadata(core::transfers::UploadBatchOptions options);

    void attachQueue();
    bool enqueue(const QStringList &paths, const core::transfers::UploadBatchOptions &options);
    void chooseOptionsAndUpload(const QStringList &paths);
    /// The defaults with the folder the browser shows, for the options dialog.
    [[nodiscard]] core::transfers::UploadBatchOptions optionsShown() const;
    /// How the options dialog lists the presets of the current environment.
    [[nodiscard]] std::function<core::Result<core::ApiContext>()> contextFunction() const;
    void onBatchFinished(qint64 batchId);
    void refuseTooLarge(const core::transfers::UploadQueue &queue, qint64 batchId);
    void warn(const QString &title, const QString &text);
    static void notifyDesktop(const QString &summary, const QString &body);

    QPointer<QWidget> m_window;
    QPointer<UploadDock> m_dock;
    QPointer<core::EnvironmentSession> m_session;
    std::function<QString()> m_currentFolder;
    DuplicateQuestion m_duplicateQuestion;
    std::function<void(const QString &, const QString &)> m_warn;
    std::function<bool()> m_askFirst;
    QList<QObject *> m_attachedQueues;
    QHash<QString, core::transfers::UploadBatchOptions> m_defaults; ///< by environment id
    std::function<web::WebProfiles *()> m_webProfiles;
    QHash<QString, QPointer<CloudWidgetWindows>> m_widgetWindows; ///< by environment id
};

} // namespace stratus::gui
