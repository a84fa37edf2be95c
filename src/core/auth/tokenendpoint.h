#pragma once

#include "tokenpair.h"

#include "core/net/networkjob.h"

#include <QUrl>

namespace stratus::core {

/// One call to an OAuth 2.0 token endpoint (RFC 6749 §4.1.3, §6) as a NetworkJob (User-Agent, TLS
/// errors never ignored, redirects never followed; no retries: a code is single-use and a refresh
/// token rotates, so a request sent twice would be refused or revoke the grant): the
/// authorization code exchanged with its PKCE verifier, or a refresh token for a new pair. On
/// success tokens() is the new pair (with the token and revoke URLs and the client ID it was made
/// with). A 400/401 answer (`invalid_grant`, `invalid_client`, …) fails with Kind::Auth reason
/// SignInGrantRefused and the server's `error`/`error_description` as outside words; an answer
/// without an access token, SignInAnswerUnusable. Plain http only to loopback
/// (credentialTransportProblem()). Nothing of the request or the answer is logged.
class TokenRequestJob final : public NetworkJob
{
    Q_OBJECT

public:
    struct Endpoints
    {
        QUrl tokenUrl;
        QUrl revokeUrl;
        QString clientId;
    };

    /// grant_type=authorization_code&code&redirect_uri&client_id&code_verifier
    [[nodiscard]] static TokenRequestJob *exchangeCode(QNetworkAccessManager *network, Endpoints endpoints,
                                                       const QString &code, const QUrl &redirectUri,
                                                       const QString &codeVerifier,
                                                       QObject *parent = nullptr);
    /// grant_type=refresh_token&refresh_token&client_id, at the endpoint `old` came from. The pair
    /// answered keeps `old`'s refresh token when the server sends no new one.
    [[nodiscard]] static TokenRequestJob *refresh(QNetworkAccessManager *network, const TokenPair &old,
                                                  QObject *parent = nullptr);
    ~TokenRequestJob() override;

    /// After success: the tokens.
    [[nodiscard]] const TokenPair &tokens() const { return m_tokens; }

private:
    TokenRequestJob(QNetworkAccessManager *network, Endpoints endpoints, QByteArray form, QString keptRefresh,
                    QObject *parent);
    Result<Outgoing> buildRequest(const Attempt &attempt) override;
    std::optional<Error> parseReply(const HttpReply &reply) override;
    void describeFailure(const HttpReply &reply, Error &error) override;

    Endpoints m_endpoints;
    QByteArray m_form;
    QString m_keptRefresh;
    TokenPair m_tokens;
};

/// POST <revoke url> token=…&client_id=… (RFC 7009): tells the server to forget a token (the
/// refresh token revokes the pair). Success for 200, also when the token was unknown.
class RevokeTokenJob final : public NetworkJob
{
    Q_OBJECT

public:
    RevokeTokenJob(QNetworkAccessManager *network, const TokenPair &tokens, QObject *parent = nullptr);
    ~RevokeTokenJob() override;

private:
    Result<Outgoing> buildRequest(const Attempt &attempt) override;
    std::optional<Error> parseReply(const HttpReply &reply) override;

    QUrl m_url;
    QByteArray m_form;
};

} // namespace stratus::core
