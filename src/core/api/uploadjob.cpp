#include "uploadjob.h"
#include "core/net/neterror.h"

#include "apiparams.h"
#include "core/net/filerangedevice.h"
#include "core/net/httpreply.h"

#include <QFileInfo>
#include <QHttpMultiPart>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

// A value for a quoted-string in Content-Disposition: no quotes, backslashes or line breaks.
QByteArray quoted(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    bytes.replace('\\', "\\\\");
    bytes.replace('"', "%22");
    bytes.replace('\r', "");
    bytes.replace('\n', "");
    return '"' + bytes + '"';
}

QHttpPart textPart(const QString &name, const QString &value)
{
    QHttpPart part;
    part.setRawHeader("Content-Disposition", "form-data; name=" + quoted(name));
    part.setBody(value.toUtf8());
    return part;
}

} // namespace

UploadJob::UploadJob(const ApiContext &context, QString filePath, UploadOptions options, QObject *parent)
    : NetworkJob(context.network, parent)
    , m_endpoint(context.endpoint)
    , m_filePath(std::move(filePath))
    , m_options(std::move(options))
    , m_result(Error::because(Error::Kind::Internal, ErrorReason::UploadUnfinished))
{
    setRetryPolicy(context.retryPolicy);
    setClock(context.clock);
    setCredentials(context.endpoint.apiKey(), context.secret,
                   m_options.unsignedUpload ? Authentication::None : Authentication::Signature);
    setReportsUploadProgress(true);
}

Result<NetworkJob::Outgoing> UploadJob::buildRequest(const Attempt &attempt)
{
    if (!m_endpoint.isValid())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::UploadEndpointMissing);
    if (m_options.unsignedUpload && m_options.uploadPreset.isEmpty())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::UnsignedUploadNeedsPreset);
    const QFileInfo info(m_filePath);
    if (!info.isFile() || !info.isReadable())
        return Error::because(Error::Kind::Io, ErrorReason::FileUnreadable, m_filePath);

    QJsonObject params = m_options.toParams();
    if (m_options.unsignedUpload || attempt.bearer)
        params = ApiSigner::blankValuesRemoved(params);
    else
        params = m_endpoint.signer().signRequest(params, attempt.apiKey, attempt.secret, clock());

    const qint64 offset = m_chunk ? m_chunk->offset : 0;
    const qint64 length = m_chunk ? m_chunk->length : info.size();
    auto multiPart = std::make_unique<QHttpMultiPart>(QHttpMultiPart::FormDataType);
    for (const auto &[name, value] : ApiParams::toPairs(params))
        multiPart->append(textPart(name, value));

    auto *device = new FileRangeDevice(m_filePath, offset, length, multiPart.get());
    if (!device->open(QIODevice::ReadOnly)) {
        if (device->fileShrank())
            return Error::because(Error::Kind::Io, ErrorReason::FileChanged, m_filePath);
        return Error::because(Error::Kind::Io, ErrorReason::FileUnreadable, m_filePath,
                              device->errorString());
    }
    QHttpPart filePart;
    const QString fileName = m_options.fileName.isEmpty() ? info.fileName() : m_options.fileName;
    filePart.setRawHeader("Content-Disposition", "form-data; name=\"file\"; filename=" + quoted(fileName));
    filePart.setRawHeader("Content-Type", "application/octet-stream");
    filePart.setBodyDevice(device);
    multiPart->append(filePart);

    Outgoing outgoing;
    outgoing.verb = "POST";
    outgoing.request.setUrl(
        m_endpoint.url({m_options.resourceType.isEmpty() ? u"auto"_s : m_options.resourceType, u"upload"_s}));
    outgoing.request.setRawHeader("Accept", "application/json");
    if (m_chunk) {
        const qint64 last = m_chunk->offset + m_chunk->length - 1;
        outgoing.request.setRawHeader("X-Unique-Upload-Id", m_chunk->uploadId.toLatin1());
        outgoing.request.setRawHeader("Content-Range",
                                      "bytes " + QByteArray::number(m_chunk->offset) + '-'
                                          + QByteArray::number(last) + '/'
                                          + QByteArray::number(m_chunk->total));
    }
    outgoing.multiPart = std::move(multiPart);
    return outgoing;
}

std::optional<Error> UploadJob::parseReply(const HttpReply &reply)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(reply.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        Error error = Error::because(Error::Kind::Server, ErrorReason::UploadAnswerNotJson, {},
                                     QString::fromUtf8(reply.body.left(80)));
        error.httpStatus = reply.status;
        return error;
    }
    m_result = UploadResult::fromJson(document.object());
    return std::nullopt;
}

void UploadJob::cleanup()
{
    NetworkJob::cleanup();
    if (error())
        m_result = *error();
}

} // namespace stratus::core
