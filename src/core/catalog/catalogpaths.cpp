#include "catalogpaths.h"

using namespace Qt::StringLiterals;

namespace stratus::core::catalog {

QString catalogFilePath(const QString &root, const QString &environmentId)
{
    return root + u'/' + environmentId + u"/catalog.sqlite"_s;
}

} // namespace stratus::core::catalog
