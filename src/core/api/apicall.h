#pragma once

#include "apicontext.h"
#include "core/net/neterror.h"
#include "core/net/networkjob.h"

#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace stratus::core {

/// One API call that is not a file upload, described as data: verb, path below the endpoint,
/// parameters, and how they travel.
struct ApiRequest
{
    QByteArray method = "GET";
    QStringList path {}; ///< segments below the endpoint's base, not encoded
    QJsonObject params {}; ///< GET: the query string; other verbs: the body
    bool jsonBody = false; ///< body as JSON instead of a form (Search, folder rename)
    NetworkJob::Authentication authentication = NetworkJob::Authentication::Basic;
};

/// The NetworkJob of an ApiRequest whose answer is a JSON object. Basic-auth calls (Admin,
/// Search) report to and wait for the context's RateLimitBudget; Signature calls (Upload API
/// actions) are signed afresh for every attempt. The typed result comes from ApiCall<T>.
class ApiCallBase : public NetworkJob
{
    Q_OBJECT

public:
    [[nodiscard]] const ApiRequest &request() const { return m_request; }
    /// The answer's JSON, once finished successfully.
    [[nodiscard]] const QJsonObject &json() const { return m_json; }

protected:
    ApiCallBase(const ApiContext &context, ApiRequest request, QObject *parent);

    Result<Outgoing> buildRequest(const Attempt &attempt) override;
    std::optional<Error> parseReply(const HttpReply &reply) override;
    /// Reads the answer into the typed result.
    virtual void parseJson(const QJsonObject &json) = 0;

private:
    ApiEndpoint m_endpoint;
    ApiRequest m_request;
    QJsonObject m_json;
};

/// An ApiCallBase whose result is the DTO `T`, parsed leniently from the answer by `parser`.
/// Not a Q_OBJECT itself (templates cannot be); its signals are Job's.
template<typename T> class ApiCall final : public ApiCallBase
{
public:
    using Parser = std::function<T(const QJsonObject &)>;

    ApiCall(const ApiContext &context, ApiRequest request, Parser parser, QObject *parent)
        : ApiCallBase(context, std::move(request), parent)
        , m_parser(std::move(parser))
        , m_result(Error::because(Error::Kind::Internal, ErrorReason::CallUnfinished))
    {
    }

    /// The value after a successful finish; the error after a failed one; an Internal error
    /// before the job finished. A reference, so that `for (… : job->result()->items)` is safe.
    [[nodiscard]] const Result<T> &result() const { return m_result; }

protected:
    void parseJson(const QJsonObject &json) override { m_result = m_parser(json); }
    void cleanup() override
    {
        ApiCallBase::cleanup();
        if (error())
            m_result = *error();
    }

private:
    Parser m_parser;
    Result<T> m_result;
};

} // namespace stratus::core
