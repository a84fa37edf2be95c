#include "userconfig.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace stratus::sandbox {

core::Result<UserConfig> UserConfig::fromSpec(const QString &spec)
{
    const qsizetype at = spec.lastIndexOf(u'@');
    if (at < 0)
        return core::Error::invalidInput(u"a user is EMAIL:PASSWORD@CLOUD[,CLOUD…][?name=LABEL&demo=1]"_s);
    const QString credentials = spec.left(at);
    QString rest = spec.mid(at + 1);
    const qsizetype colon = credentials.indexOf(u':');
    UserConfig user;
    user.email = credentials.left(colon).trimmed();
    user.password = colon < 0 ? QString() : credentials.mid(colon + 1);
    if (user.email.isEmpty() || !user.email.contains(u'@'))
        return core::Error::invalidInput(u"a user needs an e-mail address before the ':'"_s);
    if (user.password.isEmpty())
        return core::Error::invalidInput(u"the user %1 needs a password"_s.arg(user.email));

    if (const qsizetype question = rest.indexOf(u'?'); question >= 0) {
        const QUrlQuery query(rest.mid(question + 1));
        rest.truncate(question);
        for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
            if (key == u"name")
                user.name = value;
            else if (key == u"demo")
                user.demo = value == u"1" || value.compare(u"true"_s, Qt::CaseInsensitive) == 0;
            else
                return core::Error::invalidInput(
                    u"the user %1 has an unknown setting %2"_s.arg(user.email, key));
        }
    }
    for (const QString &cloud : rest.split(u',', Qt::SkipEmptyParts)) {
        if (!user.clouds.contains(cloud.trimmed()))
            user.clouds.append(cloud.trimmed());
    }
    if (user.clouds.isEmpty())
        return core::Error::invalidInput(u"the user %1 names no product environment"_s.arg(user.email));
    return user;
}

} // namespace stratus::sandbox
