#pragma once

#include "apirequest.h"
#include "apiresponse.h"

#include <QByteArrayView>
#include <QList>
#include <QStringList>

#include <optional>

namespace stratus::sandbox {

/// The names a sandbox answers to: 127.0.0.1:PORT, localhost:PORT, and the names its environments
/// give clients (their cname or upload_prefix). Every request's Host must be one of them: a web
/// page whose DNS name was rebound to 127.0.0.1 sends its own name, and the sandbox copies the Host
/// into the URLs it answers with. A plain value.
class HostNames
{
public:
    HostNames() = default;
    /// `extra`: host or host:port, as clients write them in a URL.
    HostNames(quint16 port, const QStringList &extra);

    /// True for one of the names (case-insensitive), and for no Host at all (HTTP/1.0 clients;
    /// browsers always send one).
    [[nodiscard]] bool allowsHost(QByteArrayView host) const;
    /// True for an Origin that is one of the names over http.
    [[nodiscard]] bool allowsOrigin(QByteArrayView origin) const;
    /// The names, for an error message.
    [[nodiscard]] QString list() const;

private:
    QList<QByteArray> m_hosts; ///< lower case
};

/// The answer that refuses a request to change the sandbox's state (fault injection, the rate-limit
/// window) when a web page of another origin could have sent it, or nothing. Such a page can send
/// a form or text without asking first, but no JSON; and browsers say where a request comes from
/// in Origin and Sec-Fetch-Site. So a change needs Content-Type: application/json and no foreign
/// Origin or cross-site fetch. GET, HEAD and OPTIONS change nothing and pass.
[[nodiscard]] std::optional<ApiResponse> refuseIfForgeable(const ApiRequest &head, const HostNames &names);

} // namespace stratus::sandbox
