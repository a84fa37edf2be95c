#pragma once

#include "oauthconfig.h"
#include "tokenpair.h"

#include "core/util/result.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;

namespace stratus::core {

class LoopbackReceiver;
class TokenRequestJob;

/// One "Sign in with Cloudinary": OAuth 2.0 Authorization Code with PKCE (S256) for a native app
/// (RFC 8252). start() makes a fresh code verifier and `state` (random, never logged, wiped when
/// done), listens on 127.0.0.1 only (the configured port, or any free one) and answers the
/// authorize URL to open in the system browser. The browser comes back to
/// `http://127.0.0.1:<port>/callback`: one request is served (a page telling the person to go back
/// to Stratus), the `state` checked, the code exchanged for tokens at the token endpoint. Then
/// succeeded() with the tokens and their claims, or failed() with Kind::Auth and one reason:
/// SignInDenied (the person or server said no), SignInStateMismatch, SignInTimedOut,
/// SignInCancelled, SignInPortBusy, SignInGrantRefused, SignInAnswerUnusable, or a network error.
/// Exactly one of the two, once; nothing after cancel(). GUI (or main) thread.
class OAuthSignIn : public QObject
{
    Q_OBJECT

public:
    /// `network` is not owned and must outlive this.
    OAuthSignIn(QNetworkAccessManager *network, OAuthConfig config, QObject *parent = nullptr);
    ~OAuthSignIn() override;

    /// How long to wait for the browser (default 5 minutes).
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    /// A `login_hint` for the authorize URL (the e-mail the person signs in with), optional.
    void setLoginHint(const QString &hint) { m_loginHint = hint; }
    /// The HTML pages the browser shows when it comes back: `success` when it brought a code for
    /// this sign-in, `failure` otherwise (denied, a `state` not ours). Plain English ones by
    /// default; the GUI passes translated ones. Set before start().
    void setPages(QByteArray success, QByteArray failure);

    /// Starts listening and answers the URL to open, or the Error why it cannot start
    /// (SignInNotConfigured without a client ID, SignInPortBusy, Kind::InsecureTransport for a
    /// server that is plain http on another computer). Call once.
    Result<QUrl> start();
    /// The URL start() answered (empty before).
    [[nodiscard]] QUrl authorizeUrl() const { return m_authorizeUrl; }
    /// `http://127.0.0.1:<port>/callback` once listening.
    [[nodiscard]] QUrl redirectUri() const { return m_redirectUri; }
    /// Stops listening and waiting; failed() with SignInCancelled is NOT emitted.
    void cancel();

Q_SIGNALS:
    /// The browser came back with a code; the tokens are being fetched.
    void browserReturned();
    void succeeded(const stratus::core::TokenPair &tokens, const stratus::core::AccessTokenClaims &claims);
    void failed(const stratus::core::Error &error);

private:
    void onCallback(const QUrl &url);
    void fail(Error error);
    void wipe();

    QPointer<QNetworkAccessManager> m_network;
    OAuthConfig m_config;
    std::chrono::milliseconds m_timeout {std::chrono::minutes(5)};
    QString m_loginHint;
    QByteArray m_successPage;
    QByteArray m_failurePage;
    QString m_verifier;
    QString m_state;
    QUrl m_authorizeUrl;
    QUrl m_redirectUri;
    LoopbackReceiver *m_receiver = nullptr;
    QPointer<TokenRequestJob> m_exchange;
    bool m_done = false;
};

/// The PKCE pieces (RFC 7636): a verifier of 43–128 unreserved characters from a
/// cryptographically secure generator, and its S256 challenge (base64url of SHA-256, no padding).
namespace Pkce {
[[nodiscard]] QString newVerifier(); ///< 64 characters
[[nodiscard]] QString challenge(const QString &verifier);
[[nodiscard]] QString newState(); ///< 32 random characters, for `state`
} // namespace Pkce

} // namespace stratus::core
