#include "remotefile.h"

#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPromise>

#include <memory>

using namespace Qt::StringLiterals;

namespace stratus::sandbox {

namespace {

QString reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return u"Bad Request"_s;
    case 401:
        return u"Unauthorized"_s;
    case 403:
        return u"Forbidden"_s;
    case 404:
        return u"Not Found"_s;
    case 405:
        return u"Method Not Allowed"_s;
    case 410:
        return u"Gone"_s;
    case 420:
        return u"Enhance Your Calm"_s;
    case 429:
        return u"Too Many Requests"_s;
    case 500:
        return u"Internal Server Error"_s;
    case 502:
        return u"Bad Gateway"_s;
    case 503:
        return u"Service Unavailable"_s;
    case 504:
        return u"Gateway Timeout"_s;
    default:
        return {};
    }
}

QString tooLarge(qint64 got, qint64 maximum)
{
    return got > 0 ? u"File size too large. Got %1. Maximum is %2."_s.arg(got).arg(maximum)
                   : u"File size too large. Got more than %1. Maximum is %1."_s.arg(maximum);
}

// What is known about one fetch while it runs.
struct Transfer
{
    QPromise<RemoteFile> promise;
    QByteArray data;
    QString error; ///< set when the fetch was stopped on purpose (too large)
    bool finished = false;

    void finish(RemoteFile file)
    {
        if (finished)
            return;
        finished = true;
        promise.addResult(std::move(file));
        promise.finish();
    }
};

} // namespace

RemoteFileFetcher::RemoteFileFetcher(QObject *context)
    : m_context(context)
{
}

RemoteFileFetcher::~RemoteFileFetcher() = default;

void RemoteFileFetcher::setLimits(qint64 maxBytes, int timeoutMs)
{
    m_maxBytes = maxBytes;
    m_timeoutMs = timeoutMs;
}

QString RemoteFileFetcher::loadingError(const QUrl &url, int status)
{
    const QString phrase = reasonPhrase(status);
    return loadingError(url, phrase.isEmpty() ? QString::number(status) : u"%1 %2"_s.arg(status).arg(phrase));
}

QString RemoteFileFetcher::loadingError(const QUrl &url, const QString &reason)
{
    return u"Error in loading %1 - %2"_s.arg(url.toString(QUrl::FullyEncoded), reason);
}

QString RemoteFileFetcher::fileNameOf(const QUrl &url)
{
    return QFileInfo(url.path(QUrl::FullyDecoded)).fileName();
}

QFuture<RemoteFile> RemoteFileFetcher::fetch(const QUrl &url)
{
    auto transfer = std::make_shared<Transfer>();
    transfer->promise.start();
    QFuture<RemoteFile> future = transfer->promise.future();
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"http" && scheme != u"https")) {
        transfer->finish({{}, {}, loadingError(url, u"Invalid URL"_s)});
        return future;
    }
    if (!m_network) {
        m_network = new QNetworkAccessManager(m_context);
        m_network->setCookieJar(nullptr);
    }
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(5);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setHeader(QNetworkRequest::UserAgentHeader, "stratus-sandbox (upload from a URL)"_ba);
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = m_network->get(request);
    const qint64 maxBytes = m_maxBytes;

    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply, [reply, transfer, maxBytes] {
        const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (length > maxBytes) {
            transfer->error = tooLarge(length, maxBytes);
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [reply, transfer, maxBytes] {
        if (!transfer->error.isEmpty() || !reply->isOpen())
            return; // stopped already (too large)
        transfer->data += reply->readAll();
        if (transfer->data.size() > maxBytes) {
            transfer->error = tooLarge(0, maxBytes);
            transfer->data.clear();
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, transfer, url] {
        reply->deleteLater();
        if (!transfer->error.isEmpty()) {
            transfer->finish({{}, {}, transfer->error});
            return;
        }
        if (reply->isOpen())
            transfer->data += reply->readAll();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 400) {
            transfer->finish({{}, {}, loadingError(url, status)});
            return;
        }
        if (reply->error() != QNetworkReply::NoError) {
            QString reason;
            switch (reply->error()) {
            case QNetworkReply::ConnectionRefusedError:
                reason = u"Connection refused"_s;
                break;
            case QNetworkReply::HostNotFoundError:
                reason = u"Host not found"_s;
                break;
            case QNetworkReply::OperationCanceledError:
            case QNetworkReply::TimeoutError:
                reason = u"Timeout"_s;
                break;
            case QNetworkReply::TooManyRedirectsError:
                reason = u"Too many redirects"_s;
                break;
            case QNetworkReply::InsecureRedirectError:
                reason = u"Redirect from https to http"_s;
                break;
            default:
                reason = reply->errorString();
                break;
            }
            transfer->finish({{}, {}, loadingError(url, reason)});
            return;
        }
        // The name of the file: from the last URL (after redirects), as Cloudinary takes it.
        transfer->finish({std::move(transfer->data), fileNameOf(reply->url()), {}});
    });
    return future;
}

} // namespace stratus::sandbox
