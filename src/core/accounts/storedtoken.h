#pragma once

#include "secretstore.h"

#include "core/net/secretsource.h"

#include <QNetworkAccessManager>
#include <QPointer>

#include <memory>

namespace stratus::core {

/// The OAuth tokens of an environment added by "Sign in with Cloudinary", read from its keychain
/// entry (TokenPair::toStoredText()) each time a job needs the access token, and kept nowhere else
/// (AccountStore::secretSource() makes one for a token environment). GUI (or main) thread.
///
/// fetch() answers the access token, renewed first when it has expired. renew() (a request was
/// answered 401, or the token expired) refreshes the pair once and shares the result:
/// - within a process, every job that asks while a refresh is under way waits for that refresh;
/// - between processes (the app and stratus-cli), a lock file (`lockFile`, beside the token
///   metadata) is held from reading the keychain entry to writing the new pair, and whoever comes
///   second reads the pair the first one wrote instead of refreshing again. Refresh tokens are
///   single-use: two refreshes with the same one would sign the person out.
/// A refresh the server refuses, or an entry without a refresh token, is Kind::Auth reason
/// SignInExpired (the GUI offers "Sign In Again…"). The refresh goes over `network` (the app's, with
/// its proxy) or, when that is null, over a network of its own.
class StoredToken final : public SecretSource
{
public:
    StoredToken(std::shared_ptr<SecretStore> store, QString key, QString lockFile,
                QNetworkAccessManager *network, InsecureTransport transport);

    [[nodiscard]] CredentialKind kind() const override { return CredentialKind::AccessToken; }
    [[nodiscard]] InsecureTransport insecureTransport() const override { return m_transport; }
    void fetch(QObject *context, Callback done) const override;
    void renew(const QString &rejected, QObject *context, Callback done) const override;

    /// How long renew() waits for another process's refresh before giving up (TokenRefreshLocked).
    static constexpr int kLockWaitMs = 30'000;

private:
    std::shared_ptr<SecretStore> m_store;
    QString m_key;
    QString m_lockFile;
    QPointer<QNetworkAccessManager> m_network;
    InsecureTransport m_transport;
};

} // namespace stratus::core
