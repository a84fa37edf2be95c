#pragma once

#include "apicontext.h"
#include "core/net/job.h"
#include "uploadtypes.h"

#include <QPointer>
#include <QString>

#include <optional>

namespace stratus::core {

class UploadJob;

/// Where a chunked upload starts and how it cuts the file. A fresh upload leaves `uploadId`
/// empty (a random one is made) and `startOffset` 0; a resumed one passes the id and the offset a
/// journal recorded from chunkAcknowledged() (and the public id in the UploadOptions).
struct ChunkedUploadSettings
{
    static constexpr qint64 kDefaultChunkSize = 20'000'000; ///< the SDKs' default
    /// Cloudinary asks for chunks of at least 5 MB (except the last); smaller ones are only for
    /// tests.
    qint64 chunkSize = kDefaultChunkSize;
    QString uploadId;
    qint64 startOffset = 0;
};

/// A large file uploaded in chunks (reference §d "Chunked upload"): sequential `upload` requests,
/// one `X-Unique-Upload-Id`, inclusive `Content-Range: bytes first-last/total` with the real total
/// on every chunk, every chunk re-signed. Each chunk is an UploadJob with its own retries; the
/// first chunk that fails for good fails the whole job, which can then be resumed from
/// bytesAcknowledged() with the same uploadId().
///
/// As the Python SDK, a public id the server reports for a chunk is sent with the following ones.
/// A resumed upload whose last chunk the server had already taken (the client died before it
/// recorded the answer) finishes as soon as an earlier chunk is answered with the final asset.
/// uploadProgress() counts bytes of the whole file. Owned by `parent`; not started by the
/// constructor.
class ChunkedUploadJob final : public Job
{
    Q_OBJECT

public:
    ChunkedUploadJob(const ApiContext &context, QString filePath, UploadOptions options,
                     ChunkedUploadSettings settings, QObject *parent);
    ~ChunkedUploadJob() override;

    [[nodiscard]] const QString &uploadId() const { return m_settings.uploadId; }
    [[nodiscard]] const QString &filePath() const { return m_filePath; }
    /// The file's size (known once running).
    [[nodiscard]] qint64 fileSize() const { return m_total; }
    /// Bytes the server confirmed so far: where a resumed upload starts.
    [[nodiscard]] qint64 bytesAcknowledged() const { return m_offset; }
    /// The public id in use (given, or reported by the server for an earlier chunk).
    [[nodiscard]] QString publicId() const { return m_options.publicId; }

    /// The final answer after a successful finish.
    [[nodiscard]] const Result<UploadResult> &result() const { return m_result; }

Q_SIGNALS:
    /// The server stored the bytes up to `nextOffset` (exclusive); the upload can resume there
    /// with uploadId() and `publicId`. Emitted before the next chunk is sent, so a journal that
    /// records it never skips a chunk.
    void chunkAcknowledged(qint64 nextOffset, const QString &publicId);

protected:
    void run() override;
    void abort() override;
    void cleanup() override;

private:
    void sendChunk();
    void onChunkFinished();

    ApiContext m_context;
    QString m_filePath;
    UploadOptions m_options;
    ChunkedUploadSettings m_settings;
    qint64 m_total = 0;
    qint64 m_offset = 0;
    QPointer<UploadJob> m_current;
    Result<UploadResult> m_result;
};

} // namespace stratus::core
