#include "transportsecurity.h"

#include "neterror.h"

#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace stratus::core {

bool isLoopbackHost(QStringView host)
{
    QStringView name = host;
    if (name.endsWith(u'.'))
        name.chop(1); // "localhost." is the same name, fully qualified
    if (name.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return true;
    if (name.startsWith(u'[') && name.endsWith(u']'))
        name = name.sliced(1, name.size() - 2);
    // Only a literal address counts: a name could resolve anywhere.
    const QHostAddress address(name.toString());
    return !address.isNull() && address.isLoopback();
}

bool sendsInClear(const QUrl &url)
{
    return url.scheme().compare(u"https", Qt::CaseInsensitive) != 0 && !isLoopbackHost(url.host());
}

std::optional<Error> credentialTransportProblem(const QUrl &url, InsecureTransport allowance)
{
    if (allowance == InsecureTransport::Allowed || !sendsInClear(url))
        return std::nullopt;
    const QString host = url.host().isEmpty() ? url.toDisplayString(QUrl::RemoveUserInfo) : url.host();
    return Error::because(Error::Kind::InsecureTransport, ErrorReason::CredentialsInClear, host);
}

} // namespace stratus::core
