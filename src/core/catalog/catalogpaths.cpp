#include "catalogpaths.h"

#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace stratus::core::catalog {

QString catalogFilePath(const QString &root, const QString &environmentId)
{
    return root + u'/' + environmentId + u"/catalog.sqlite"_s;
}

QString defaultCatalogRoot()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/Stratus/catalog"_s;
}

} // namespace stratus::core::catalog
