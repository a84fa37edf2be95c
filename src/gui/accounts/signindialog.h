#pragma once

#include "core/auth/oauthconfig.h"
#include "core/auth/tokenpair.h"
#include "core/util/result.h"

#include <QDialog>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;

namespace stratus::core {
class CloudinaryUrl;
}

namespace stratus::gui {

class SignInPage;

/// Signing in again to one product environment added by "Sign in with Cloudinary": the Log In of
/// its logged-out account and the "Sign In Again…" remedy of an expired or revoked sign-in. It
/// opens the browser at once (SignInPage: waiting, Cancel, the link to copy, Try Again), checks
/// that the tokens are for the environment's cloud (a sign-in as someone else is refused, its tokens
/// revoked) and hands them to the `store` function the caller gives (AccountStore::logIn or
/// replaceSecret); accepted once that succeeded, its failure shown with Try Again. Escape cancels.
///
/// Created by the dialog or page that offers it; the network must outlive it. GUI thread.
class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    /// Stores the tokens (as TokenPair::toStoredText()) and calls `done` once.
    using StoreFunction = std::function<void(const core::TokenPair &tokens,
                                             std::function<void(core::Result<core::Done>)> done)>;

    SignInDialog(QNetworkAccessManager *network, core::OAuthConfig config, QString cloudName,
                 StoreFunction store, QWidget *parent = nullptr);
    ~SignInDialog() override;

    /// Where an environment with `url` signs in: a sandbox's own authorization server for an
    /// environment whose API is a stratus-sandbox on this computer, `cloudinary` otherwise.
    [[nodiscard]] static core::OAuthConfig configFor(const core::CloudinaryUrl &url,
                                                     const core::OAuthConfig &cloudinary);

    /// Who signed in last time (the account's label, an e-mail address), for the login page.
    void setLoginHint(const QString &hint);
    /// Opens the browser (once the dialog is shown, call it then).
    void start();
    [[nodiscard]] SignInPage *page() const { return m_page; }

    void reject() override;

private:
    void onSignedIn(const core::TokenPair &tokens, const core::AccessTokenClaims &claims);
    void revoke(const core::TokenPair &tokens);

    QPointer<QNetworkAccessManager> m_network;
    core::OAuthConfig m_config;
    QString m_cloudName;
    StoreFunction m_store;
    SignInPage *m_page = nullptr;
    bool m_storing = false;
};

} // namespace stratus::gui
