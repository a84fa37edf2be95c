// The words for the network area's error reasons (core/util/errorreason.h).
#include "errorwords.h"

#include <QDir>

namespace stratus::words {

std::optional<QString> ErrorWords::networkText(const core::Error &error)
{
    using Reason = core::ErrorReason;
    const QString file = QDir::toNativeSeparators(error.subject);
    switch (error.reason) {
    case Reason::UploadUnfinished:
        return tr("The upload has not finished.");
    case Reason::UploadEndpointMissing:
        return tr("The environment's upload address is not configured.");
    case Reason::UnsignedUploadNeedsPreset:
        return tr("An unsigned upload needs an unsigned upload preset.");
    case Reason::UploadAnswerNotJson:
        return tr("The server's answer to the upload is not what the Upload API sends (no JSON). Check the "
                  "environment's address (upload_prefix).");
    case Reason::ChunkSizeInvalid:
        return tr("The chunk size must be positive, not %1.").arg(error.subject);
    case Reason::ResumeOffsetOutsideFile:
        return tr("%1 is shorter than the part already uploaded: it changed since the upload began. Upload "
                  "it again.")
            .arg(file);
    case Reason::ChunkedUploadIncomplete:
        return tr("The server did not complete the upload of %1 after its last chunk.").arg(file);
    default:
        return std::nullopt;
    }
}

} // namespace stratus::words
