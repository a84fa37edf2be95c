#pragma once

#include "admintypes.h"
#include "apicall.h"
#include "apicontext.h"
#include "chunkeduploadjob.h"
#include "resource.h"
#include "uploadjob.h"
#include "uploadtypes.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace stratus::core {

/// The Upload API of one product environment (reference §d): uploads streamed from disk (whole or
/// in chunks) and the signed actions on existing assets (destroy, rename, tags, context,
/// explicit). Every request is signed with the context's signer, key and secret and a timestamp
/// from its clock, afresh for each attempt. Upload API calls do not count against the Admin API
/// budget.
///
/// Each function returns a job, not started, owned by `parent`. Cheap to copy; holds no secret.
class UploadApi
{
public:
    /// Cloudinary refuses single requests above 100 MB; bigger files must go in chunks.
    static constexpr qint64 kMaxSingleUploadBytes = 100'000'000;

    explicit UploadApi(ApiContext context)
        : m_context(std::move(context))
    {
    }

    [[nodiscard]] const ApiContext &context() const { return m_context; }

    [[nodiscard]] UploadJob *upload(const QString &filePath, const UploadOptions &options,
                                    QObject *parent) const;
    [[nodiscard]] ChunkedUploadJob *uploadChunked(const QString &filePath, const UploadOptions &options,
                                                  const ChunkedUploadSettings &settings,
                                                  QObject *parent) const;

    /// `result` is "ok", or "not found" when there was no such asset.
    [[nodiscard]] ApiCall<ApiMessage> *destroy(const AssetRef &asset, QObject *parent,
                                               bool invalidate = false) const;
    [[nodiscard]] ApiCall<Resource> *rename(const AssetRef &asset, const QString &toPublicId,
                                            const RenameOptions &options, QObject *parent) const;
    /// `tags` is ignored for RemoveAll. An empty `type` is not sent (the server means "upload").
    [[nodiscard]] ApiCall<PublicIdsResult> *tags(TagCommand command, const QStringList &tags,
                                                 const QStringList &publicIds, QObject *parent,
                                                 const QString &resourceType = QStringLiteral("image"),
                                                 const QString &type = {}) const;
    [[nodiscard]] ApiCall<PublicIdsResult> *context(ContextCommand command,
                                                    const QMap<QString, QString> &context,
                                                    const QStringList &publicIds, QObject *parent,
                                                    const QString &resourceType = QStringLiteral("image"),
                                                    const QString &type = {}) const;
    /// The `metadata` action: the same structured metadata values (external id → value, an empty
    /// value clears one) for every asset of `publicIds`.
    [[nodiscard]] ApiCall<PublicIdsResult> *metadata(const QJsonObject &metadata,
                                                     const QStringList &publicIds, QObject *parent,
                                                     const QString &resourceType = QStringLiteral("image"),
                                                     const QString &type = {}) const;
    /// The `explicit` action (a C++ keyword, hence the name).
    [[nodiscard]] ApiCall<UploadResult> *explicitUpdate(const AssetRef &asset, const ExplicitOptions &options,
                                                        QObject *parent) const;

private:
    template<typename T>
    ApiCall<T> *signedCall(const QString &resourceType, const QString &action, QJsonObject params,
                           QObject *parent) const
    {
        return new ApiCall<T>(m_context,
                              ApiRequest {"POST",
                                          {resourceType, action},
                                          std::move(params),
                                          false,
                                          NetworkJob::Authentication::Signature},
                              &T::fromJson, parent);
    }

    ApiContext m_context;
};

} // namespace stratus::core
