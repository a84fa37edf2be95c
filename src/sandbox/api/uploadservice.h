#pragma once

#include "apicontext.h"

#include <optional>

namespace stratus::sandbox {

/// The Upload API of one sandbox: upload (whole or chunked), destroy, rename, tags, context,
/// metadata and explicit, under /v1_1/<cloud>/<resource_type>/<action>. Chunks of an upload in progress are
/// kept under `chunkDirectory` across restarts, so a client resumes with the same X-Unique-Upload-Id.
class UploadService
{
public:
    explicit UploadService(QString chunkDirectory);

    /// `resourceType` is image, video, raw or auto (from the path).
    [[nodiscard]] ApiResponse handle(const ApiContext &ctx, const QString &resourceType,
                                     const QString &action, const ApiRequest &request);

    /// For an upload from a URL (`file=http(s)://…`), before the sandbox fetches anything: the
    /// refusal of the call's credentials, resource type or upload preset, as upload() would answer
    /// it, or nothing. A request that could not upload never makes the sandbox fetch a URL.
    [[nodiscard]] static std::optional<ApiResponse>
    refuseBeforeFetch(const ApiContext &ctx, const QString &resourceType, const ApiRequest &request);
    /// Whether `request` is an upload whose `file` is an http(s) URL (not a file part, not chunked).
    [[nodiscard]] static bool isUploadFromUrl(const ApiRequest &request);

    /// The largest body a single (non-chunked) upload request may carry.
    static constexpr qint64 kMaxRequestBytes = 100LL * 1024 * 1024;

private:
    /// An upload's file and what applies to it whole or in chunks.
    struct IncomingUpload
    {
        QString resourceType; ///< as in the path: image, video, raw or auto
        QByteArray data; ///< the file, or this chunk of it
        QString fileName;
        QJsonObject presetSettings;
        bool overwriteDefault = true; ///< unsigned uploads never overwrite unless told to
    };

    ApiResponse upload(const ApiContext &ctx, const QString &resourceType, const ApiRequest &request);
    /// One chunk (X-Unique-Upload-Id, Content-Range), kept under the chunk directory; the last one
    /// stores the assembled file.
    ApiResponse receiveChunk(const ApiContext &ctx, const ApiRequest &request, const IncomingUpload &upload,
                             const QByteArray &uploadId, const QByteArray &rangeHeader);
    /// Stores a complete file (staged in the store's staging directory) as an asset and answers.
    ApiResponse storeUpload(const ApiContext &ctx, const ApiRequest &request, const IncomingUpload &upload,
                            const QString &stagedFile);
    ApiResponse destroy(const ApiContext &ctx, const QString &resourceType, const ApiRequest &request);
    ApiResponse rename(const ApiContext &ctx, const QString &resourceType, const ApiRequest &request);
    ApiResponse tags(const ApiContext &ctx, const QString &resourceType, const ApiRequest &request);
    ApiResponse context(const ApiContext &ctx, const QString &resourceType, const ApiRequest &request);
    /// The metadata action: the same structured metadata values for several assets.
    ApiResponse metadata(const ApiContext &ctx, const QString &resourceType, const ApiRequest &request);
    ApiResponse explicitAction(const ApiContext &ctx, const QString &resourceType, const ApiRequest &request);

    QString m_chunkDirectory;
};

} // namespace stratus::sandbox
