#include "apicall.h"
#include "core/net/neterror.h"

#include "apiparams.h"
#include "core/net/httpreply.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace stratus::core {

ApiCallBase::ApiCallBase(const ApiContext &context, ApiRequest request, QObject *parent)
    : NetworkJob(context.network, parent)
    , m_endpoint(context.endpoint)
    , m_request(std::move(request))
{
    setRetryPolicy(context.retryPolicy);
    setClock(context.clock);
    setCredentials(context.endpoint.apiKey(), context.secret, m_request.authentication);
    // The hourly budget is the Admin API's (Admin and Search calls); the Upload API is not
    // counted against it.
    if (m_request.authentication == Authentication::Basic)
        setRateLimitBudget(context.budget);
}

Result<NetworkJob::Outgoing> ApiCallBase::buildRequest(const Attempt &attempt)
{
    if (!m_endpoint.isValid())
        return Error::because(Error::Kind::InvalidInput, ErrorReason::EndpointMissing);

    QJsonObject params = ApiParams::withObjectsAsText(m_request.params);
    if (m_request.authentication == Authentication::Signature && !attempt.bearer)
        params = m_endpoint.signer().signRequest(params, attempt.apiKey, attempt.secret, clock());
    else if (m_request.authentication == Authentication::Signature)
        params = ApiSigner::blankValuesRemoved(params); // the token authenticates the call

    Outgoing outgoing;
    outgoing.verb = m_request.method;
    QUrl url = m_endpoint.url(m_request.path);
    if (m_request.method == "GET") {
        const QByteArray query = ApiParams::formEncode(ApiParams::toPairs(params));
        if (!query.isEmpty())
            url.setQuery(QString::fromLatin1(query), QUrl::TolerantMode);
    } else if (m_request.jsonBody) {
        outgoing.body = QJsonDocument(m_request.params).toJson(QJsonDocument::Compact);
        outgoing.hasBody = true;
        outgoing.request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    } else if (!params.isEmpty()) {
        outgoing.body = ApiParams::formEncode(ApiParams::toPairs(params));
        outgoing.hasBody = true;
        outgoing.request.setHeader(QNetworkRequest::ContentTypeHeader,
                                   "application/x-www-form-urlencoded"_ba);
    } else if (m_request.method != "DELETE") {
        // An empty body still gets `Content-Length: 0`; servers may refuse a POST without a length.
        outgoing.hasBody = true;
    }
    outgoing.request.setUrl(url);
    outgoing.request.setRawHeader("Accept", "application/json");
    return outgoing;
}

std::optional<Error> ApiCallBase::parseReply(const HttpReply &reply)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(reply.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        Error error = Error::because(Error::Kind::Server, ErrorReason::AnswerNotJson);
        error.httpStatus = reply.status;
        return error;
    }
    m_json = document.object();
    parseJson(m_json);
    return std::nullopt;
}

} // namespace stratus::core
