#pragma once

#include "apicontext.h"

namespace stratus::sandbox {

/// The Upload API of one sandbox: upload (whole or chunked), destroy, rename, tags, context and
/// explicit, under /v1_1/<cloud>/<resource_type>/<action>. Chunks of an upload in progress are kept
/// under `chunkDirectory` across restarts, so a client resumes with the same X-Unique-Upload-Id.
class UploadService
{
public:
    explicit UploadService(QString chunkDirectory);

    /// `resourceType` is image, video, raw or auto (from the path).
    [[nodiscard]] ApiResponse handle(const ApiContext &ctx, const QString &resourceType,
                                     const QString &action, const ApiRequest &request);

    /// The largest body a single (non-chunked) upload request may carry.
    static constexpr qint64 kMaxRequestBytes = 100LL * 1024 * 1024;

private:
    ApiResponse upload(const ApiContext &ctx, const QString &resourceType, const ApiRequest &request);
    ApiResponse storeUpload(const ApiContext &ctx, const QString &resourceType, const ApiRequest &request,
                            const QJsonObject &presetSettings, const QString &stagedFile,
                            const QString &fileName, bool overwriteDefault);
    ApiResponse destroy(const ApiContext &ctx, const QString &resourceType, const ApiRequest &request);
    ApiResponse rename(const ApiContext &ctx, const QString &resourceType, const ApiRequest &request);
    ApiResponse tags(const ApiContext &ctx, const QString &resourceType, const ApiRequest &request);
    ApiResponse context(const ApiContext &ctx, const QString &resourceType, const ApiRequest &request);
    ApiResponse explicitAction(const ApiContext &ctx, const QString &resourceType, const ApiRequest &request);

    QString m_chunkDirectory;
};

} // namespace stratus::sandbox
