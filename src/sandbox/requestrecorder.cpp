#include "requestrecorder.h"

#include "http/apirequest.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace stratus::sandbox {

void RequestRecorder::setLimit(int limit)
{
    m_limit = std::max(0, limit);
    while (static_cast<int>(m_records.size()) > m_limit)
        m_records.pop_front();
}

void RequestRecorder::record(const ApiRequest &request)
{
    if (m_limit <= 0)
        return;
    QJsonObject record {{u"method"_s, QString::fromLatin1(request.method)}, {u"path"_s, request.encodedPath}};
    for (const char *name : {"origin", "referer", "user-agent", "content-type"}) {
        const QByteArray value = request.header(name);
        if (!value.isEmpty())
            record.insert(QString::fromLatin1(name), QString::fromUtf8(value));
    }
    const QByteArray authorization = request.header("authorization");
    if (!authorization.isEmpty())
        record.insert(u"authorization"_s, QString::fromLatin1(authorization.split(' ').value(0)));
    QJsonArray params;
    for (const auto &[name, value] : request.params)
        params.append(QJsonArray {name, value});
    record.insert(u"params"_s, params);
    QJsonArray files;
    for (auto it = request.files.cbegin(); it != request.files.cend(); ++it)
        files.append(QJsonObject {
            {u"field"_s, it.key()}, {u"file_name"_s, it->fileName}, {u"bytes"_s, double(it->data.size())}});
    record.insert(u"files"_s, files);
    if (!request.json.isEmpty())
        record.insert(u"json"_s, request.json);
    else if (request.files.isEmpty() && !request.body.isEmpty())
        record.insert(u"body"_s, QString::fromUtf8(request.body.left(maxBodyBytes)));
    m_records.push_back(record);
    while (static_cast<int>(m_records.size()) > m_limit)
        m_records.pop_front();
}

QJsonArray RequestRecorder::records() const
{
    QJsonArray list;
    for (const QJsonObject &record : m_records)
        list.append(record);
    return list;
}

} // namespace stratus::sandbox
