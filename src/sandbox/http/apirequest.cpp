#include "apirequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QUrl>
#include <QUrlQuery>

namespace stratus::sandbox {

namespace {

QString jsonScalarToString(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == double(qint64(d)))
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::Array:
    case QJsonValue::Object:
        return QString::fromUtf8(value.isArray()
                                     ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                     : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    default:
        return QString();
    }
}

void addUrlEncoded(const QByteArray &encoded, ApiRequest &request)
{
    // QUrlQuery keeps '+' as is; HTML forms (and the Node SDK) encode spaces as '+'.
    for (const QByteArray &pair : encoded.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray name = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        request.params.append({QUrl::fromPercentEncoding(name), QUrl::fromPercentEncoding(value)});
    }
}

QByteArray headerParameter(QByteArrayView header, QByteArrayView name)
{
    // Finds name="value" or name=value among the ';'-separated parameters of a header such as
    // Content-Disposition or Content-Type. Quoted values may contain ';'.
    const QByteArray text = header.toByteArray();
    qsizetype pos = text.indexOf(';');
    while (pos >= 0 && pos < text.size()) {
        ++pos;
        while (pos < text.size() && (text.at(pos) == ' ' || text.at(pos) == '\t'))
            ++pos;
        const qsizetype eq = text.indexOf('=', pos);
        if (eq < 0)
            return {};
        const QByteArray key = text.mid(pos, eq - pos).trimmed();
        qsizetype valueStart = eq + 1;
        QByteArray value;
        qsizetype after;
        if (valueStart < text.size() && text.at(valueStart) == '"') {
            const qsizetype close = text.indexOf('"', valueStart + 1);
            value = text.mid(valueStart + 1, close < 0 ? -1 : close - valueStart - 1);
            after = close < 0 ? text.size() : text.indexOf(';', close);
        } else {
            after = text.indexOf(';', valueStart);
            value = text.mid(valueStart, after < 0 ? -1 : after - valueStart).trimmed();
        }
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
        pos = after;
    }
    return {};
}

} // namespace

ApiRequest ApiRequest::fromHead(QByteArray method, const QUrl &url,
                                QList<std::pair<QByteArray, QByteArray>> headers)
{
    ApiRequest request;
    request.method = std::move(method);
    request.path = url.path(QUrl::FullyDecoded);
    // Split the encoded path so that an encoded "/" (%2F) stays inside its segment.
    request.encodedPath = url.path(QUrl::FullyEncoded);
    for (const QString &segment : request.encodedPath.split(u'/', Qt::SkipEmptyParts))
        request.segments.append(QUrl::fromPercentEncoding(segment.toUtf8()));
    request.headers = std::move(headers);
    return request;
}

QByteArray ApiRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString ApiRequest::param(const QString &name) const
{
    for (const auto &[key, value] : params) {
        if (key == name)
            return value;
    }
    const auto it = json.constFind(name);
    if (it != json.constEnd() && !it->isNull() && !it->isUndefined())
        return jsonScalarToString(*it);
    return QString();
}

bool ApiRequest::hasParam(const QString &name) const
{
    for (const auto &[key, value] : params) {
        if (key == name)
            return true;
    }
    return json.contains(name);
}

QStringList ApiRequest::arrayParam(const QString &name) const
{
    QStringList values;
    const QString bracketed = name + QStringLiteral("[]");
    for (const auto &[key, value] : params) {
        if (key == bracketed)
            values.append(value);
    }
    if (!values.isEmpty())
        return values;
    const auto it = json.constFind(name);
    if (it != json.constEnd() && it->isArray()) {
        for (const QJsonValue &v : it->toArray())
            values.append(jsonScalarToString(v));
        return values;
    }
    const QString joined = param(name);
    if (joined.isEmpty())
        return {};
    for (const QString &part : joined.split(u',')) {
        const QString trimmed = part.trimmed();
        if (!trimmed.isEmpty())
            values.append(trimmed);
    }
    return values;
}

bool ApiRequest::boolParam(const QString &name, bool fallback) const
{
    if (!hasParam(name))
        return fallback;
    const QString value = param(name).trimmed().toLower();
    return value == u"1" || value == u"true";
}

qint64 ApiRequest::intParam(const QString &name, qint64 fallback) const
{
    bool ok = false;
    const qint64 value = param(name).toLongLong(&ok);
    return ok ? value : fallback;
}

bool ApiRequest::parseBody(const QByteArray &query, QString *error)
{
    addUrlEncoded(query, *this);
    if (body.isEmpty())
        return true;
    const QByteArray contentType = header("content-type");
    const QByteArray mime = contentType.split(';').first().trimmed().toLower();
    if (mime == "multipart/form-data") {
        const QByteArray boundary = headerParameter(contentType, "boundary");
        if (boundary.isEmpty()) {
            *error = QStringLiteral("multipart body without a boundary");
            return false;
        }
        return parseMultipart(body, boundary, *this, error);
    }
    if (mime == "application/json") {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            *error = QStringLiteral("Invalid JSON body: %1").arg(parseError.errorString());
            return false;
        }
        json = document.object();
        return true;
    }
    // application/x-www-form-urlencoded, and what clients send without a type.
    addUrlEncoded(body, *this);
    return true;
}

bool parseMultipart(const QByteArray &body, const QByteArray &boundary, ApiRequest &request, QString *error)
{
    const QByteArray delimiter = "--" + boundary;
    const QByteArray delimiterLine = "\r\n" + delimiter;
    qsizetype pos = body.indexOf(delimiter);
    if (pos < 0) {
        *error = QStringLiteral("multipart body without its boundary");
        return false;
    }
    while (true) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            return true; // closing delimiter
        if (body.mid(pos, 2) != "\r\n") {
            *error = QStringLiteral("malformed multipart delimiter");
            return false;
        }
        pos += 2;
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", pos);
        if (headersEnd < 0) {
            *error = QStringLiteral("malformed multipart part headers");
            return false;
        }
        QByteArray disposition;
        QByteArray partType;
        for (const QByteArray &line : body.mid(pos, headersEnd - pos).split('\n')) {
            const QByteArray trimmed = line.trimmed();
            const qsizetype colon = trimmed.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray key = trimmed.left(colon).trimmed().toLower();
            if (key == "content-disposition")
                disposition = trimmed.mid(colon + 1).trimmed();
            else if (key == "content-type")
                partType = trimmed.mid(colon + 1).trimmed();
        }
        const qsizetype dataStart = headersEnd + 4;
        const qsizetype next = body.indexOf(delimiterLine, dataStart);
        if (next < 0) {
            *error = QStringLiteral("multipart body is truncated");
            return false;
        }
        const QString name = QString::fromUtf8(headerParameter(disposition, "name"));
        const QByteArray fileName = headerParameter(disposition, "filename");
        // A part is a file when it says so; "file" as plain text is a URL or data URI instead.
        if (disposition.toLower().contains("filename=")) {
            request.files.insert(
                name,
                UploadedPart {body.mid(dataStart, next - dataStart), QString::fromUtf8(fileName), partType});
        } else {
            request.params.append({name, QString::fromUtf8(body.mid(dataStart, next - dataStart))});
        }
        pos = next + 2;
    }
}

} // namespace stratus::sandbox
