#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <utility>

namespace stratus::sandbox {

/// A file part of a multipart/form-data body: its bytes and the client's file name.
struct UploadedPart
{
    QByteArray data;
    QString fileName;
    QByteArray contentType;
};

/// One HTTP request as the API handlers see it: method, decoded path segments, and the parameters
/// merged from the query string, an urlencoded or multipart body, or a JSON body. Built by
/// SandboxHttpServer from a QHttpServerRequest; a plain value, used on the server's thread.
class ApiRequest
{
public:
    /// The request as far as its head tells: method, path (decoded, encoded, and split into
    /// segments) and headers; no body yet.
    [[nodiscard]] static ApiRequest fromHead(QByteArray method, const QUrl &url,
                                             QList<std::pair<QByteArray, QByteArray>> headers);

    QByteArray method; ///< "GET", "POST", …
    QString path; ///< the decoded path, e.g. "/v1_1/demo/image/upload"
    QString encodedPath; ///< the path as sent, percent-encoding intact (signed URLs sign it)
    QStringList segments; ///< path split at "/", each percent-decoded, empty ones dropped
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QJsonObject json; ///< the body when it is application/json, else empty

    /// Parameters as repeated name/value pairs, in order ("tags[]" keeps its brackets).
    QList<std::pair<QString, QString>> params;
    QHash<QString, UploadedPart> files;

    [[nodiscard]] QByteArray header(QByteArrayView name) const;

    /// The value of a parameter (body, query or JSON; JSON scalars as strings), or a null QString.
    [[nodiscard]] QString param(const QString &name) const;
    [[nodiscard]] bool hasParam(const QString &name) const;
    /// Every value of an array parameter: repeated `name[]` fields, a JSON array, or, failing
    /// those, one comma-separated `name` value.
    [[nodiscard]] QStringList arrayParam(const QString &name) const;
    /// Cloudinary booleans: "1", "true" (any case) are true; absent gives `fallback`.
    [[nodiscard]] bool boolParam(const QString &name, bool fallback = false) const;
    [[nodiscard]] qint64 intParam(const QString &name, qint64 fallback) const;

    /// Fills params/files/json from the body according to Content-Type, and the query string.
    /// Returns false with *error set when the body cannot be parsed.
    bool parseBody(const QByteArray &query, QString *error);
};

/// Splits a multipart/form-data body. Text parts go to `params`, parts with a filename to `files`.
bool parseMultipart(const QByteArray &body, const QByteArray &boundary, ApiRequest &request, QString *error);

} // namespace stratus::sandbox
