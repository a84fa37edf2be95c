#pragma once

#include "core/util/result.h"
#include "transportsecurity.h"

#include <QString>

#include <functional>
#include <utility>

class QObject;

namespace stratus::core {

/// Where a job gets an API secret when it needs one (Basic auth, request signing), at the moment
/// it needs it. Asynchronous because the real source is the keychain (a later `SecretStore`
/// adapter implements this interface); FixedSecret serves a secret already in memory (CLI, tests).
///
/// Jobs ask once per run and forget the secret when they finish; API clients keep only a
/// shared_ptr to the source, never the secret text. Implementations must be usable from the thread
/// the jobs live on.
///
/// The source also says whether its owner allowed the secret (and signatures made with it) to go
/// over plain http to another computer: that is a property of the credentials, chosen per
/// environment, and the transport asks it wherever credentials are attached
/// (credentialTransportProblem()).
/// What a SecretSource hands out: an API secret (requests are signed, or carry Basic auth) or an
/// OAuth access token (requests carry `Authorization: Bearer`, nothing is signed).
enum class CredentialKind {
    ApiSecret,
    AccessToken,
};

class SecretSource
{
public:
    using Callback = std::function<void(Result<QString>)>;

    virtual ~SecretSource() = default;

    /// Fetches the secret and calls `done` exactly once with it or an Error (Kind::Auth when
    /// there is none), in `context`'s thread, possibly before fetch() returns; never once
    /// `context` is destroyed.
    virtual void fetch(QObject *context, Callback done) const = 0;

    /// Refused unless the person allowed it for these credentials.
    [[nodiscard]] virtual InsecureTransport insecureTransport() const { return InsecureTransport::Refused; }

    /// What fetch() answers with. Known without fetching: whoever would sign something locally (a
    /// delivery URL, an auth token) asks first, and says NeedsApiSecret for an AccessToken source.
    [[nodiscard]] virtual CredentialKind kind() const { return CredentialKind::ApiSecret; }

    /// For an AccessToken source: `rejected` was answered 401. Calls `done` exactly once, as fetch()
    /// does, with a token to try once more (renewed now, or already renewed by another job or
    /// process), or Error Kind::Auth reason SignInExpired when the person must sign in again. The
    /// default cannot renew anything and answers SignInExpired at once.
    virtual void renew(const QString &rejected, QObject *context, Callback done) const;

protected:
    SecretSource() = default;
    SecretSource(const SecretSource &) = default;
    SecretSource &operator=(const SecretSource &) = default;
};

/// A secret held in memory for as long as this object lives (shared by the clients of one
/// environment); the text is overwritten when it is destroyed. An empty secret answers with an
/// Auth error, as for a CLOUDINARY_URL that has only a key.
class FixedSecret final : public SecretSource
{
public:
    explicit FixedSecret(QString secret, InsecureTransport transport = InsecureTransport::Refused)
        : m_secret(std::move(secret))
        , m_transport(transport)
    {
    }
    ~FixedSecret() override;
    FixedSecret(const FixedSecret &) = delete;
    FixedSecret &operator=(const FixedSecret &) = delete;

    void fetch(QObject *context, Callback done) const override;
    [[nodiscard]] InsecureTransport insecureTransport() const override { return m_transport; }

private:
    QString m_secret;
    InsecureTransport m_transport;
};

/// An OAuth access token held in memory for as long as this object lives: the connection test of a
/// sign-in, before the keychain has the tokens. It cannot be renewed (renew() answers SignInExpired);
/// the text is overwritten when it is destroyed.
class FixedToken final : public SecretSource
{
public:
    explicit FixedToken(QString token, InsecureTransport transport = InsecureTransport::Refused)
        : m_token(std::move(token))
        , m_transport(transport)
    {
    }
    ~FixedToken() override;
    FixedToken(const FixedToken &) = delete;
    FixedToken &operator=(const FixedToken &) = delete;

    void fetch(QObject *context, Callback done) const override;
    [[nodiscard]] CredentialKind kind() const override { return CredentialKind::AccessToken; }
    [[nodiscard]] InsecureTransport insecureTransport() const override { return m_transport; }

private:
    QString m_token;
    InsecureTransport m_transport;
};

} // namespace stratus::core
