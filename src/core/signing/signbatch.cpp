#include "signbatch.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace stratus::core {

Result<QJsonObject> parseJsonObject(QByteArrayView json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::because(Error::Kind::InvalidInput, ErrorReason::JsonUnreadable,
                              QString::number(parseError.offset), parseError.errorString());
    if (!document.isObject())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::JsonNotObject);
    return document.object();
}

Result<SignRequest> SignRequest::parseLine(QByteArrayView line)
{
    const Result<QJsonObject> object = parseJsonObject(line);
    if (!object)
        return object.error();
    SignRequest request;
    const QJsonValue params = object->value(u"params");
    if (!params.isObject())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::SignParamsNotObject);
    request.params = params.toObject();

    const QJsonValue algorithm = object->value(u"algorithm");
    if (!algorithm.isUndefined() && !algorithm.isNull()) {
        request.algorithm = signatureAlgorithmFromName(algorithm.toString());
        if (!request.algorithm)
            return Error::because(Error::Kind::InvalidInput, ErrorReason::SignAlgorithmUnknown);
    }
    const QJsonValue version = object->value(u"signature_version");
    if (!version.isUndefined() && !version.isNull()) {
        const double number = version.toDouble(-1);
        if (number != 1 && number != 2)
            return Error::because(Error::Kind::InvalidInput, ErrorReason::SignatureVersionInvalid);
        request.version = number == 1 ? SignatureVersion::V1 : SignatureVersion::V2;
    }
    return request;
}

} // namespace stratus::core
