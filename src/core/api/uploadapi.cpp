#include "uploadapi.h"

#include "apiparams.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

QString tagCommandName(TagCommand command)
{
    switch (command) {
    case TagCommand::Add:
        return u"add"_s;
    case TagCommand::Remove:
        return u"remove"_s;
    case TagCommand::Replace:
        return u"replace"_s;
    case TagCommand::RemoveAll:
        return u"remove_all"_s;
    case TagCommand::SetExclusive:
        return u"set_exclusive"_s;
    }
    return u"add"_s;
}

} // namespace

UploadJob *UploadApi::upload(const QString &filePath, const UploadOptions &options, QObject *parent) const
{
    return new UploadJob(m_context, filePath, options, parent);
}

ChunkedUploadJob *UploadApi::uploadChunked(const QString &filePath, const UploadOptions &options,
                                           const ChunkedUploadSettings &settings, QObject *parent) const
{
    return new ChunkedUploadJob(m_context, filePath, options, settings, parent);
}

ApiCall<ApiMessage> *UploadApi::destroy(const AssetRef &asset, QObject *parent, bool invalidate) const
{
    QJsonObject params {{u"public_id"_s, asset.publicId}, {u"type"_s, asset.type}};
    if (invalidate)
        params.insert(u"invalidate"_s, ApiParams::flag(true));
    return signedCall<ApiMessage>(asset.resourceType, u"destroy"_s, params, parent);
}

ApiCall<Resource> *UploadApi::rename(const AssetRef &asset, const QString &toPublicId,
                                     const RenameOptions &options, QObject *parent) const
{
    QJsonObject params {
        {u"from_public_id"_s, asset.publicId}, {u"to_public_id"_s, toPublicId}, {u"type"_s, asset.type}};
    if (!options.toType.isEmpty())
        params.insert(u"to_type"_s, options.toType);
    if (options.overwrite)
        params.insert(u"overwrite"_s, ApiParams::flag(*options.overwrite));
    if (options.invalidate)
        params.insert(u"invalidate"_s, ApiParams::flag(*options.invalidate));
    return signedCall<Resource>(asset.resourceType, u"rename"_s, params, parent);
}

ApiCall<PublicIdsResult> *UploadApi::tags(TagCommand command, const QStringList &tags,
                                          const QStringList &publicIds, QObject *parent,
                                          const QString &resourceType, const QString &type) const
{
    QJsonObject params {{u"command"_s, tagCommandName(command)},
                        {u"public_ids"_s, QJsonArray::fromStringList(publicIds)}};
    if (!type.isEmpty())
        params.insert(u"type"_s, type);
    if (command != TagCommand::RemoveAll)
        params.insert(u"tag"_s, tags.join(u','));
    return signedCall<PublicIdsResult>(resourceType, u"tags"_s, params, parent);
}

ApiCall<PublicIdsResult> *UploadApi::metadata(const QJsonObject &metadata, const QStringList &publicIds,
                                              QObject *parent, const QString &resourceType,
                                              const QString &type) const
{
    QJsonObject params {{u"metadata"_s, ApiParams::metadataText(metadata)},
                        {u"public_ids"_s, QJsonArray::fromStringList(publicIds)}};
    if (!type.isEmpty())
        params.insert(u"type"_s, type);
    return signedCall<PublicIdsResult>(resourceType, u"metadata"_s, params, parent);
}

ApiCall<PublicIdsResult> *UploadApi::context(ContextCommand command, const QMap<QString, QString> &context,
                                             const QStringList &publicIds, QObject *parent,
                                             const QString &resourceType, const QString &type) const
{
    QJsonObject params {{u"command"_s, command == ContextCommand::Add ? u"add"_s : u"remove_all"_s},
                        {u"public_ids"_s, QJsonArray::fromStringList(publicIds)}};
    if (!type.isEmpty())
        params.insert(u"type"_s, type);
    if (command == ContextCommand::Add)
        params.insert(u"context"_s, ApiParams::contextText(context));
    return signedCall<PublicIdsResult>(resourceType, u"context"_s, params, parent);
}

ApiCall<UploadResult> *UploadApi::explicitUpdate(const AssetRef &asset, const ExplicitOptions &options,
                                                 QObject *parent) const
{
    QJsonObject params = options.toParams();
    params.insert(u"public_id"_s, asset.publicId);
    params.insert(u"type"_s, asset.type);
    return signedCall<UploadResult>(asset.resourceType, u"explicit"_s, params, parent);
}

} // namespace stratus::core
