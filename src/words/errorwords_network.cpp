// The words for the network and API calls' error reasons (core/util/errorreason.h).
#include "errorwords.h"

#include <QDir>
#include <QLocale>

namespace stratus::words {

std::optional<QString> ErrorWords::networkText(const core::Error &error)
{
    using Reason = core::ErrorReason;
    const QString file = QDir::toNativeSeparators(error.subject);
    switch (error.reason) {
    case Reason::NoApiSecret:
        return tr("There is no API secret for this environment. Enter the secret again.");
    case Reason::AdminBudgetSpent:
        if (error.retryAfter && error.retryAfter->isValid())
            return tr("The Admin API calls of this hour are spent; Cloudinary accepts more after %1.")
                .arg(QLocale().toString(error.retryAfter->toLocalTime().time(), QLocale::ShortFormat));
        return tr("The Admin API calls of this hour are spent; try again in a while.");
    case Reason::NetworkManagerGone:
        return tr("The connection was closed while this was under way.");
    case Reason::ServerSilent:
        if (!error.subject.isEmpty())
            return tr("The server did not answer for %1 seconds.").arg(error.subject);
        return tr("The server did not answer in time.");
    case Reason::CallUnfinished:
        return tr("The call has not finished.");
    case Reason::AnswerNotJson:
        return tr("The server's answer is not what the Cloudinary API sends (no JSON object). Check the "
                  "environment's address (upload_prefix).");
    case Reason::EndpointMissing:
        return tr("The environment's API address is not configured.");
    case Reason::UploadPrefixInvalid:
        return tr("The upload_prefix must be an http:// or https:// URL without a query.");
    case Reason::EnvironmentUrlNeeded:
        return tr("A product environment needs a cloudinary:// URL.");
    case Reason::CloudNameMissing:
        return tr("The CLOUDINARY_URL has no cloud name.");
    case Reason::AccountUrlNeeded:
        return tr("The Provisioning API needs an account:// URL.");
    case Reason::AccountIdMissing:
        return tr("The account URL has no account ID.");
    case Reason::CredentialsInClear:
        return tr("The API credentials would travel unencrypted (plain http) to %1, which is not this "
                  "computer. "
                  "Use https, or allow unencrypted sending for this environment in Accounts.")
            .arg(error.subject);
    case Reason::SignedUrlUnavailable:
        return tr("%1 is restricted: its URL must be signed, and the environment's API secret is not "
                  "available.")
            .arg(error.subject);
    case Reason::UploadUnfinished:
        return tr("The upload has not finished.");
    case Reason::UploadEndpointMissing:
        return tr("The environment's upload address is not configured.");
    case Reason::UnsignedUploadNeedsPreset:
        return tr("An unsigned upload needs an unsigned upload preset.");
    case Reason::UploadWidgetSourceNotWidget:
        return tr("The Upload widget asked for a signature of something that is not one of its uploads. "
                  "Nothing was signed.");
    case Reason::UploadWidgetTimestampUnusable:
        return tr("The Upload widget asked for a signature without a valid time. Nothing was signed.");
    case Reason::UploadWidgetTimestampOutOfRange:
        if (error.subject.startsWith(u'-'))
            return tr("The Upload widget asked for a signature with a time %1 seconds behind this computer's "
                      "clock (at most 600 are accepted). Nothing was signed; if this repeats, check the "
                      "computer's clock.")
                .arg(error.subject.mid(1));
        return tr("The Upload widget asked for a signature with a time %1 seconds ahead of this computer's "
                  "clock (at most 600 are accepted). Nothing was signed; if this repeats, check the "
                  "computer's clock.")
            .arg(error.subject.startsWith(u'+') ? error.subject.mid(1) : error.subject);
    case Reason::UploadWidgetValueChanged:
        return tr("The Upload widget asked to sign “%1” with another value than the one chosen in "
                  "Stratus. Nothing was signed.")
            .arg(error.subject);
    case Reason::UploadWidgetKeyUnexpected:
        return tr("The Upload widget asked to sign “%1”, which Stratus does not allow for its uploads. "
                  "Nothing was signed.")
            .arg(error.subject);
    case Reason::UploadWidgetValueNotScalar:
        return tr("The Upload widget asked to sign “%1” with a value that is neither text, a number nor "
                  "a list. Nothing was signed.")
            .arg(error.subject);
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
