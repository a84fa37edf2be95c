#include "useragent.h"

#include "stratus/version.h"

#include <QtGlobal>

using namespace Qt::StringLiterals;

namespace stratus::core::UserAgent {

QByteArray value()
{
    return format(QStringLiteral(STRATUS_VERSION_STRING), QString::fromLatin1(qVersion()));
}

QByteArray format(QStringView stratusVersion, QStringView qtVersion)
{
    return u"CloudinaryStratus/%1 (Qt %2) StratusCore/%1"_s.arg(stratusVersion, qtVersion).toUtf8();
}

} // namespace stratus::core::UserAgent
