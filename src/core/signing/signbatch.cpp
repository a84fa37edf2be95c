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
        return Error::invalidInput(
            u"invalid JSON (%1 at offset %2)"_s.arg(parseError.errorString()).arg(parseError.offset));
    if (!document.isObject())
        return Error::invalidInput(u"expected a JSON object"_s);
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
        return Error::invalidInput(u"\"params\" must be a JSON object"_s);
    request.params = params.toObject();

    const QJsonValue algorithm = object->value(u"algorithm");
    if (!algorithm.isUndefined() && !algorithm.isNull()) {
        request.algorithm = signatureAlgorithmFromName(algorithm.toString());
        if (!request.algorithm)
            return Error::invalidInput(u"unknown \"algorithm\"; expected \"sha1\" or \"sha256\""_s);
    }
    const QJsonValue version = object->value(u"signature_version");
    if (!version.isUndefined() && !version.isNull()) {
        const double number = version.toDouble(-1);
        if (number != 1 && number != 2)
            return Error::invalidInput(u"\"signature_version\" must be 1 or 2"_s);
        request.version = number == 1 ? SignatureVersion::V1 : SignatureVersion::V2;
    }
    return request;
}

} // namespace stratus::core
