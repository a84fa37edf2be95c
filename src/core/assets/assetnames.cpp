#include "assetnames.h"

#include <QRegularExpression>

namespace stratus::core::assets {

using namespace Qt::StringLiterals;

QString renamedPublicId(const catalog::CatalogAsset &asset, const QString &newName)
{
    const qsizetype slash = asset.publicId.lastIndexOf(u'/');
    return slash < 0 ? newName : asset.publicId.left(slash + 1) + newName;
}

QString movedPublicId(const catalog::CatalogAsset &asset, const QString &folder)
{
    const QString name = asset.publicId.mid(asset.publicId.lastIndexOf(u'/') + 1);
    return folder.isEmpty() ? name : folder + u'/' + name;
}

QString normalizedFolder(const QString &path)
{
    QStringList segments;
    for (const QString &segment : path.split(u'/', Qt::SkipEmptyParts)) {
        if (const QString trimmed = segment.trimmed(); !trimmed.isEmpty())
            segments.append(trimmed);
    }
    return segments.join(u'/');
}

std::optional<Error> nameProblem(const QString &name)
{
    const auto problem = [&name](ErrorReason reason) {
        return Error::because(Error::Kind::InvalidInput, reason, name);
    };
    if (name.trimmed().isEmpty())
        return problem(ErrorReason::AssetNameEmpty);
    if (name.contains(u'/'))
        return problem(ErrorReason::AssetNameHasSlash);
    static const QRegularExpression forbidden(u"[\\\\?&#%<>]"_s);
    if (name.contains(forbidden))
        return problem(ErrorReason::AssetNameForbiddenCharacter);
    if (name != name.trimmed())
        return problem(ErrorReason::AssetNameEdgeSpace);
    return std::nullopt;
}

} // namespace stratus::core::assets
