#pragma once

#include "apicontext.h"
#include "core/net/networkjob.h"
#include "uploadtypes.h"

#include <QString>

#include <optional>

namespace stratus::core {

/// The bytes of a file that one request carries, for chunked uploads: [offset, offset + length)
/// of a file of `total` bytes, sent with `X-Unique-Upload-Id` and an inclusive
/// `Content-Range: bytes first-last/total` (the real total on every chunk, as the Python SDK).
struct UploadChunk
{
    qint64 offset = 0;
    qint64 length = 0;
    qint64 total = 0;
    QString uploadId;
};

/// One `POST <rt>/upload` with a file streamed from disk: the file is never read into memory but
/// fed to the network from a FileRangeDevice inside a multipart body, reopened for every attempt.
/// Signed with the context's ApiSigner and a fresh timestamp from its Clock for every attempt
/// (unless the options ask for an unsigned upload). Reports uploadProgress().
///
/// On its own it uploads a whole file; ChunkedUploadJob runs one per chunk. Owned by `parent`;
/// not started by the constructor.
class UploadJob final : public NetworkJob
{
    Q_OBJECT

public:
    UploadJob(const ApiContext &context, QString filePath, UploadOptions options, QObject *parent);

    /// Makes this request carry one chunk instead of the whole file.
    void setChunk(const UploadChunk &chunk) { m_chunk = chunk; }

    [[nodiscard]] const QString &filePath() const { return m_filePath; }
    [[nodiscard]] const UploadOptions &options() const { return m_options; }

    /// The answer after a successful finish (for a chunk: done == false until the last one).
    [[nodiscard]] const Result<UploadResult> &result() const { return m_result; }

protected:
    Result<Outgoing> buildRequest(const Attempt &attempt) override;
    std::optional<Error> parseReply(const HttpReply &reply) override;
    void cleanup() override;

private:
    ApiEndpoint m_endpoint;
    QString m_filePath;
    UploadOptions m_options;
    std::optional<UploadChunk> m_chunk;
    Result<UploadResult> m_result;
};

} // namespace stratus::core
