// The words for the transfers area's error reasons (core/util/errorreason.h): uploads, downloads,
// the upload journal, and the signing of delivery URLs for them.
#include "errorwords.h"

#include <QDir>
#include <QLocale>

namespace stratus::words {

namespace {

// A path as the person's system writes it.
QString path(const core::Error &error)
{
    return QDir::toNativeSeparators(error.subject);
}

// " (what the system said)" when it said something.
QString system(const core::Error &error)
{
    const QString said = error.message.simplified();
    return said.isEmpty() ? QString() : u" (" + said + u')';
}

// A media limit (bytes, from the usage report) as people read sizes: "10 MB".
QString limit(const core::Error &error)
{
    bool ok = false;
    const qint64 bytes = error.message.toLongLong(&ok);
    return ok ? QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat) : error.message;
}

} // namespace

std::optional<QString> ErrorWords::transfersText(const core::Error &error)
{
    using Reason = core::ErrorReason;
    switch (error.reason) {
    case Reason::FolderUnreadable:
        return tr("The folder %1 cannot be read%2.").arg(path(error), system(error));
    case Reason::FolderUnreadableToEnd:
        return tr("The folder %1 cannot be read to the end%2.").arg(path(error), system(error));
    case Reason::NameNotUtf8:
        return tr("The name of %1 is not valid UTF-8; rename it to upload it.").arg(path(error));
    case Reason::BrokenLink:
        return tr("%1 is a link to something that does not exist.").arg(path(error));
    case Reason::NoSuchFile:
        return tr("No such file or folder: %1.").arg(path(error));
    case Reason::IsFolder:
        return tr("%1 is a folder.").arg(path(error));
    case Reason::NotRegularFile:
        return tr("%1 is not a regular file (a device, a pipe or a socket).").arg(path(error));
    case Reason::FileUnreadable:
        return tr("%1 cannot be read%2.").arg(path(error), system(error));
    case Reason::FileSizeUnknown:
        return tr("The size of %1 is only known by reading it (a special file, like those in /proc); copy it "
                  "to a regular file to upload it.")
            .arg(path(error));
    case Reason::FileEmpty:
        return tr("%1 is empty; Cloudinary does not accept empty files.").arg(path(error));
    case Reason::FileChanged:
        return tr("%1 changed while it was uploaded (it is shorter now); upload it again.").arg(path(error));
    case Reason::FileUnwritable:
        return tr("%1 cannot be written%2.").arg(path(error), system(error));
    case Reason::JournalFolderUncreatable:
        return tr("The folder of the upload journal %1 cannot be created.").arg(path(error));
    case Reason::JournalUnopenable:
        return tr("The upload journal %1 cannot be opened%2.").arg(path(error), system(error));
    case Reason::JournalFromNewerVersion:
        return tr("The upload journal %1 was written by a newer Stratus; update Stratus to go on with its "
                  "uploads.")
            .arg(path(error));
    case Reason::JournalStatementFailed:
        return tr("The upload journal cannot be read or written%1.").arg(system(error));
    case Reason::RecordedByEarlierVersion:
        return error.message.simplified();
    case Reason::DownloadNoNetwork:
        return tr("There is no network connection to download with.");
    case Reason::DeliveryRefused:
        if (error.message.isEmpty())
            return tr("Cloudinary did not deliver %1 (HTTP %2).").arg(error.subject).arg(error.httpStatus);
        return tr("Cloudinary did not deliver %1 (HTTP %2): %3")
            .arg(error.subject)
            .arg(error.httpStatus)
            .arg(error.message.simplified());
    case Reason::NeedsSignedUrl:
        return tr("%1 is private or authenticated and needs a signed URL, which needs the API secret.")
            .arg(error.subject);
    case Reason::SigningUnavailable:
        return tr("The environment cannot be called now, so its API secret cannot sign delivery URLs.");
    case Reason::NoSecretToSign:
        return tr("There is no API secret to sign delivery URLs with.");
    case Reason::ImageTooLarge:
        return tr("%1 is too large: this environment accepts images of up to %2 (the plan's limit). Make "
                  "it smaller or upgrade the plan.")
            .arg(path(error), limit(error));
    case Reason::VideoTooLarge:
        return tr("%1 is too large: this environment accepts videos and audio of up to %2 (the plan's "
                  "limit). Make it smaller or upgrade the plan.")
            .arg(path(error), limit(error));
    case Reason::RawTooLarge:
        return tr("%1 is too large: this environment accepts other files of up to %2 (the plan's limit). "
                  "Make it smaller or upgrade the plan.")
            .arg(path(error), limit(error));
    default:
        return std::nullopt;
    }
}

} // namespace stratus::words
