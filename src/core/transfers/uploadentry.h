#pragma once

#include "core/api/uploadtypes.h"
#include "core/util/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace stratus::core::transfers {

/// Where one file of an upload stands. The journal stores the states a restart must see
/// (Hashing and Asking are written as Pending: they are redone after a restart).
enum class UploadState {
    Pending, ///< waiting for a free slot (or for a retry)
    Hashing, ///< computing the file's MD5 for the duplicate guard
    Asking, ///< a duplicate: waiting for the batch's answer (skip, upload anyway, overwrite)
    Running, ///< bytes are on their way
    Paused, ///< stopped by the user; a chunked upload keeps its acknowledged chunks
    Done, ///< uploaded; assetId is set
    Skipped, ///< already in the cloud (duplicate guard); assetId names the existing asset
    Failed, ///< gave up; error says why
    Cancelled, ///< stopped by the user for good
};

[[nodiscard]] QString stateName(UploadState state);
[[nodiscard]] UploadState stateFromName(const QString &name);
/// Done, Skipped, Failed and Cancelled: nothing more happens unless someone retries.
[[nodiscard]] bool isFinal(UploadState state);

/// What a duplicate (a file whose MD5 is the etag of an asset in the catalogue) becomes.
enum class DuplicatePolicy {
    Ask, ///< ask the queue's DuplicateHandler once; its answer holds for the rest of the batch
    Skip, ///< do not send it; it counts as uploaded (the asset is there)
    UploadAnyway, ///< send it as a new asset
    Overwrite, ///< send it under the existing asset's public id, replacing it
};

[[nodiscard]] QString policyName(DuplicatePolicy policy);
[[nodiscard]] DuplicatePolicy policyFromName(const QString &name);

/// One file of an upload batch as the journal records it and the queue tracks it. Plain value.
///
/// `options` carries the concrete public id the queue chose before the first byte was sent:
/// a retry or a resumed upload sends the same id, so a request the server carried out but whose
/// answer was lost replaces that asset instead of making a second one.
struct UploadEntry
{
    qint64 id = 0; ///< the journal's row id; 0 before it was written
    qint64 batchId = 0;
    QString filePath; ///< absolute
    qint64 fileSize = 0;
    QDateTime fileModified; ///< UTC; with fileSize, tells whether the file changed since
    QString md5; ///< lower-case hex; empty until computed
    UploadOptions options;
    bool chunked = false;
    qint64 chunkSize = 0;
    UploadState state = UploadState::Pending;
    QString uploadId; ///< X-Unique-Upload-Id of a chunked upload, recorded before its first chunk
    qint64 bytesAcknowledged = 0; ///< of a chunked upload: where it resumes
    QString assetId; ///< the uploaded (or, when skipped, the existing) asset
    QString resultPublicId;
    /// Why it failed, or the last retryable failure; words for it come from words::ErrorWords.
    std::optional<Error> error;
    int attempts = 0; ///< uploads started (a resumed one counts again)

    /// The options as the journal stores them, and back.
    [[nodiscard]] static QJsonObject optionsToJson(const UploadOptions &options);
    [[nodiscard]] static UploadOptions optionsFromJson(const QJsonObject &json);
};

} // namespace stratus::core::transfers

namespace stratus::core {
/// The namespace's name before uploads and downloads shared src/core/transfers, for the few GUI
/// files that still say core::upload (the main window, the environment page and the upload dock).
namespace upload = transfers;
} // namespace stratus::core
