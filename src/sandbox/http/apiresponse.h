#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <utility>

namespace stratus::sandbox {

/// What a handler answers: status, headers and body, plus the transport-level faults the fault
/// injector asked for (a delay before answering, a dropped connection, a slowly trickled body).
struct ApiResponse
{
    int status = 200;
    QByteArray contentType = "application/json; charset=utf-8";
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    int delayMs = 0; ///< wait this long before answering
    bool dropConnection = false; ///< close the socket instead of answering
    int slowBodyBytesPerTick = 0; ///< >0: write the body in pieces of this size every 50 ms

    void setHeader(const QByteArray &name, const QByteArray &value)
    {
        for (auto &[key, existing] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0) {
                existing = value;
                return;
            }
        }
        headers.append({name, value});
    }

    static ApiResponse json(const QJsonObject &object, int status = 200)
    {
        ApiResponse r;
        r.status = status;
        r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
        return r;
    }

    /// Cloudinary's error shape: {"error":{"message":"…"}} with the HTTP status.
    static ApiResponse error(int status, const QString &message)
    {
        ApiResponse r = json(
            QJsonObject {{QStringLiteral("error"), QJsonObject {{QStringLiteral("message"), message}}}},
            status);
        r.setHeader("X-Cld-Error", message.toUtf8());
        return r;
    }

    static ApiResponse bytes(QByteArray data, QByteArray type, int status = 200)
    {
        ApiResponse r;
        r.status = status;
        r.contentType = std::move(type);
        r.body = std::move(data);
        return r;
    }
};

} // namespace stratus::sandbox
