#pragma once

#include "uploadentry.h"

#include "core/api/admintypes.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace stratus::core::transfers {

/// What a person chose for a batch of uploads (the CLI's options, the GUI's upload dialog).
struct UploadBatchOptions
{
    QString folder; ///< where the files go ("" is the root); sub-folders of a dropped folder go below
    QString uploadPreset;
    QStringList tags;
    QMap<QString, QString> context;
    std::optional<bool> useFilename; ///< public id from the file name (default: a random one)
    std::optional<bool> uniqueFilename; ///< with useFilename: a random suffix (default: yes)
    std::optional<bool> overwrite; ///< replace an asset with the same public id (server default: yes)
    QString resourceType = QStringLiteral("auto");
    DuplicatePolicy duplicates = DuplicatePolicy::Ask;
    QJsonObject extra; ///< any other upload parameter, sent as given
};

/// A path given for upload that cannot be: it becomes a Failed file of the batch with `error`.
struct PlanProblem
{
    QString path;
    Error error;
};

/// A path the folder rules leave out on purpose, and which rule.
struct LeftOut
{
    enum class Rule {
        Hidden, ///< its name starts with a dot
        LinkToFolder, ///< a symbolic link to a folder (followed, it could loop or leave the tree)
    };
    QString path;
    Rule rule = Rule::Hidden;
};

/// One file found under the paths a person gave, with the folder it goes to.
struct PlannedFile
{
    QString path; ///< absolute
    QString folder; ///< target folder of the batch + the file's sub-folder in a dropped folder
};

/// How the paths of a batch become uploads: files stay files; a folder brings every file below it
/// (hidden ones and symbolic links to folders left out), its own name becoming a folder under the
/// target, its sub-folders folders below that — asset folders in dynamic folder mode, public id
/// prefixes (`folder`) in fixed mode (and when the mode is unknown: `folder` works in both).
///
/// The public id is chosen here, before anything is sent, and kept in the journal, so that every
/// retry and every resumed upload of a file asks for the same asset: from the file name with
/// useFilename (plus a random suffix unless uniqueFilename is false), else random as Cloudinary's
/// own; with the extension for files that are not images or videos (raw assets keep it).
namespace UploadPlan {

/// What the paths of a batch expand to: the files to send, the paths that cannot be sent (each
/// becomes a Failed file of the batch, so nothing is skipped silently), and what the rules leave
/// out on purpose (hidden entries, links to folders), so it can be said.
struct Plan
{
    QList<PlannedFile> files;
    QList<PlanProblem> problems;
    QList<LeftOut> leftOut;

    /// Neither a file to send nor one that failed: the batch would do nothing.
    [[nodiscard]] bool isEmpty() const { return files.isEmpty() && problems.isEmpty(); }
};

/// Files under `paths`, sorted within each folder. Only regular files are sent; anything else
/// that is asked for or found — a path that does not exist, a file or folder that cannot be read,
/// a name that is not valid UTF-8 (Qt cannot open it), a device, FIFO or socket (reading one may
/// never end), a broken link — is a problem with its reason. Reads nothing but directory entries
/// and file metadata.
[[nodiscard]] Plan expand(const QStringList &paths, const QString &targetFolder);

/// Why the file at @p path cannot be uploaded as it is now (an Io error whose reason says why, the
/// path as its subject), or nullopt when it can: it must be a readable regular file with content. A file that
/// the system reports as empty is read (one byte) to tell an empty file (which Cloudinary refuses) from one
/// whose size is only known by reading it, such as those in /proc. Checked when a file is planned and again
/// when it starts.
[[nodiscard]] std::optional<Error> unreadableReason(const QString &path);

/// The upload parameters of one file.
[[nodiscard]] UploadOptions optionsFor(const PlannedFile &file, const UploadBatchOptions &batch,
                                       FolderMode mode);

/// `length` random characters from [a-z0-9].
[[nodiscard]] QString randomId(int length);

/// A folder path without empty segments or surrounding slashes.
[[nodiscard]] QString cleanFolder(const QString &folder);

} // namespace UploadPlan

} // namespace stratus::core::transfers
