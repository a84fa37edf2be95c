#include "oauthsignin.h"

#include "loopbackreceiver.h"
#include "tokenendpoint.h"

#include "core/net/transportsecurity.h"
#include "core/util/secretmemory.h"

#include "core/net/ratelimitbudget.h"

#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

// base64url without padding of `bytes` random bytes from the system's secure generator.
QString randomText(int bytes)
{
    QByteArray random(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()), bytes / 4);
    QByteArray text = random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    wipe(random);
    QString result = QString::fromLatin1(text);
    wipe(text);
    return result;
}

// Equal texts, compared in time that does not depend on where they differ.
bool sameText(const QString &a, const QString &b)
{
    if (a.size() != b.size())
        return false;
    char16_t difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= a.at(i).unicode() ^ b.at(i).unicode();
    return difference == 0;
}

QByteArray htmlPage(const char *message)
{
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
           "content=\"width=device-width\"><title>Stratus</title><style>body{font:16px/1.5 sans-serif;"
           "max-width:32em;margin:4em auto;padding:0 1em;color:#222}</style></head><body><p>"_ba
        + message + "</p></body></html>\n";
}

// `name=value` pairs percent-encoded as a form is (a `+` in a login hint stays a plus).
void addQueryField(QByteArray &query, const char *name, const QString &value)
{
    if (!query.isEmpty())
        query += '&';
    query += name;
    query += '=';
    query += value.toUtf8().toPercentEncoding();
}

} // namespace

namespace Pkce {

QString newVerifier()
{
    return randomText(48); // 64 characters of [A-Za-z0-9_-], within RFC 7636's 43–128
}

QString challenge(const QString &verifier)
{
    const QByteArray digest = QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256);
    return QString::fromLatin1(
        digest.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString newState()
{
    return randomText(24); // 32 characters
}

} // namespace Pkce

OAuthSignIn::OAuthSignIn(QNetworkAccessManager *network, OAuthConfig config, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_config(std::move(config))
    , m_successPage(htmlPage("You are signed in. Go back to Stratus."))
    , m_failurePage(htmlPage("Signing in did not work. Go back to Stratus to see why."))
{
}

OAuthSignIn::~OAuthSignIn()
{
    m_done = true;
    wipe();
}

void OAuthSignIn::setPages(QByteArray success, QByteArray failure)
{
    if (!success.isEmpty())
        m_successPage = std::move(success);
    if (!failure.isEmpty())
        m_failurePage = std::move(failure);
}

Result<QUrl> OAuthSignIn::start()
{
    if (!m_config.canSignIn())
        return Error::because(Error::Kind::Auth, ErrorReason::SignInNotConfigured);
    if (m_receiver || m_done)
        return Error::because(Error::Kind::Internal, ErrorReason::None);
    // The code and the tokens would travel in clear: refused before the browser opens.
    if (auto refused = credentialTransportProblem(m_config.tokenUrl(), InsecureTransport::Refused))
        return *refused;

    m_receiver = new LoopbackReceiver(this);
    m_receiver->setPage(m_failurePage);
    const Result<quint16> port = m_receiver->listen(m_config.redirectPort, m_timeout);
    if (!port) {
        m_receiver->deleteLater();
        m_receiver = nullptr;
        m_done = true;
        return port.error();
    }
    connect(m_receiver, &LoopbackReceiver::received, this, &OAuthSignIn::onCallback);
    connect(m_receiver, &LoopbackReceiver::timedOut, this, [this] {
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(m_timeout).count();
        fail(Error::because(Error::Kind::Auth, ErrorReason::SignInTimedOut, QString::number(seconds)));
    });

    m_redirectUri = QUrl(u"http://127.0.0.1:%1/callback"_s.arg(*port));
    m_verifier = Pkce::newVerifier();
    m_state = Pkce::newState();

    QByteArray query;
    addQueryField(query, "response_type", u"code"_s);
    addQueryField(query, "client_id", m_config.clientId);
    addQueryField(query, "redirect_uri", m_redirectUri.toString(QUrl::FullyEncoded));
    const QStringList scopes = m_config.scopes.isEmpty() ? OAuthConfig::defaultScopes() : m_config.scopes;
    addQueryField(query, "scope", scopes.join(u' '));
    addQueryField(query, "state", m_state);
    addQueryField(query, "code_challenge", Pkce::challenge(m_verifier));
    addQueryField(query, "code_challenge_method", u"S256"_s);
    if (!m_loginHint.trimmed().isEmpty())
        addQueryField(query, "login_hint", m_loginHint.trimmed());
    QUrl url = m_config.authorizeUrl();
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    m_authorizeUrl = url;
    return url;
}

void OAuthSignIn::cancel()
{
    if (m_done)
        return;
    m_done = true;
    wipe();
}

void OAuthSignIn::onCallback(const QUrl &url)
{
    if (m_done)
        return;
    const QUrlQuery query(url);
    const QString state = query.queryItemValue(u"state"_s, QUrl::FullyDecoded);
    // An answer that does not carry our `state` was not asked for by this sign-in (another page made
    // the browser open the address): whatever it says is refused (RFC 6749 §10.12).
    if (state.isEmpty() || !sameText(state, m_state)) {
        m_receiver->setPage(m_failurePage);
        fail(Error::because(Error::Kind::Auth, ErrorReason::SignInStateMismatch));
        return;
    }
    if (query.hasQueryItem(u"error"_s)) {
        QString said = query.queryItemValue(u"error_description"_s, QUrl::FullyDecoded).simplified();
        if (said.isEmpty())
            said = query.queryItemValue(u"error"_s, QUrl::FullyDecoded).simplified();
        m_receiver->setPage(m_failurePage);
        fail(Error::because(Error::Kind::Auth, ErrorReason::SignInDenied, QString(), said.left(300)));
        return;
    }
    QString code = query.queryItemValue(u"code"_s, QUrl::FullyDecoded);
    if (code.isEmpty()) {
        m_receiver->setPage(m_failurePage);
        fail(Error::because(Error::Kind::Auth, ErrorReason::SignInAnswerUnusable, QString(),
                            u"the browser came back without a code"_s));
        return;
    }
    if (!m_network) {
        m_receiver->setPage(m_failurePage);
        fail(Error::because(Error::Kind::Internal, ErrorReason::NetworkManagerGone));
        return;
    }
    // The browser waits for its page until the tokens are here: it says how things ended.
    m_receiver->holdAnswer();

    TokenRequestJob *job = TokenRequestJob::exchangeCode(
        m_network, TokenRequestJob::Endpoints {m_config.tokenUrl(), m_config.revokeUrl(), m_config.clientId},
        code, m_redirectUri, m_verifier, this);
    core::wipe(code);
    m_exchange = job;
    connect(job, &Job::finished, this, [this, job] {
        job->deleteLater();
        if (m_done)
            return;
        if (job->error()) {
            fail(*job->error());
            return;
        }
        const TokenPair tokens = job->tokens();
        const Result<AccessTokenClaims> claims = readAccessTokenClaims(tokens.accessToken);
        if (!claims) {
            Error error = claims.error();
            error.kind = Error::Kind::Auth;
            fail(std::move(error));
            return;
        }
        if (m_receiver)
            m_receiver->answerHeld(m_successPage);
        m_done = true;
        wipe();
        Q_EMIT succeeded(tokens, claims.value());
    });
    job->start();
    // After the job exists: a slot that cancels now stops it too.
    Q_EMIT browserReturned();
}

void OAuthSignIn::fail(Error error)
{
    if (m_done)
        return;
    m_done = true;
    wipe();
    Q_EMIT failed(error);
}

void OAuthSignIn::wipe()
{
    core::wipe(m_verifier);
    core::wipe(m_state);
    // cancel() is safe in any state (Job); a finished exchange ignores it.
    if (TokenRequestJob *exchange = m_exchange.data())
        exchange->cancel();
    m_exchange = nullptr;
    if (m_receiver) {
        m_receiver->disconnect(this);
        m_receiver->stop();
        m_receiver->deleteLater();
        m_receiver = nullptr;
    }
}

} // namespace stratus::core
