#include "requestorigin.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace stratus::sandbox {

HostNames::HostNames(quint16 port, const QStringList &extra)
{
    const QByteArray suffix = ':' + QByteArray::number(port);
    m_hosts = {"127.0.0.1" + suffix, "localhost" + suffix};
    if (port == 80)
        m_hosts += {"127.0.0.1", "localhost"};
    for (const QString &name : extra) {
        const QByteArray host = name.trimmed().toLower().toUtf8();
        if (!host.isEmpty() && !m_hosts.contains(host))
            m_hosts.append(host);
    }
}

bool HostNames::allowsHost(QByteArrayView host) const
{
    if (host.isEmpty())
        return true;
    for (const QByteArray &name : m_hosts) {
        if (host.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool HostNames::allowsOrigin(QByteArrayView origin) const
{
    static constexpr QByteArrayView scheme("http://");
    return origin.size() > scheme.size()
        && origin.first(scheme.size()).compare(scheme, Qt::CaseInsensitive) == 0
        && allowsHost(origin.sliced(scheme.size()));
}

QString HostNames::list() const
{
    QStringList names;
    for (const QByteArray &host : m_hosts)
        names.append(QString::fromUtf8(host));
    return names.join(u", "_s);
}

std::optional<ApiResponse> refuseIfForgeable(const ApiRequest &head, const HostNames &names)
{
    if (head.method == "GET" || head.method == "HEAD" || head.method == "OPTIONS")
        return std::nullopt;
    // "same-origin" and "none" (typed in, or not a browser) only.
    const QByteArray site = head.header("sec-fetch-site").trimmed().toLower();
    if (!site.isEmpty() && site != "same-origin" && site != "none")
        return ApiResponse::error(
            403,
            u"Sandbox controls refuse requests from other sites (Sec-Fetch-Site: %1)"_s.arg(
                QString::fromLatin1(site)));
    const QByteArray origin = head.header("origin");
    if (!origin.isEmpty() && !names.allowsOrigin(origin))
        return ApiResponse::error(403, u"Sandbox controls refuse requests from other origins"_s);
    QByteArray mediaType = head.header("content-type");
    if (const qsizetype semicolon = mediaType.indexOf(';'); semicolon >= 0)
        mediaType.truncate(semicolon);
    mediaType = mediaType.trimmed().toLower();
    if (mediaType != "application/json")
        return ApiResponse::error(
            403,
            u"Sandbox controls take their settings as JSON (Content-Type: application/json), which no "
            "other web page can send here"_s);
    return std::nullopt;
}

} // namespace stratus::sandbox
