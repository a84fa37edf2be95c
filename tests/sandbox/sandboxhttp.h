#pragma once

// Plain HTTP requests from a test to the sandbox (what the WebEngine tests check besides the pages:
// where loaders and frames are served, redirects, byte ranges): one request, waited for, and its
// status, body and headers.
#include <QByteArray>
#include <QEventLoop>
#include <QHash>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QUrl>

#include <utility>

namespace stratus::test {

struct HttpReply
{
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; ///< by lower-case name
    [[nodiscard]] QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

/// Sends @p verb to @p url with @p headers (a header with an empty value is left out) and waits for
/// the reply.
inline HttpReply httpRequest(QNetworkAccessManager &net, const QByteArray &verb, const QUrl &url,
                             const QList<std::pair<QByteArray, QByteArray>> &headers = {})
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers) {
        if (!value.isEmpty())
            request.setRawHeader(name, value);
    }
    QNetworkReply *reply = verb == "GET" ? net.get(request) : net.sendCustomRequest(request, verb);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    HttpReply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        out.headers.insert(name.toLower(), value);
    reply->deleteLater();
    return out;
}

} // namespace stratus::test
