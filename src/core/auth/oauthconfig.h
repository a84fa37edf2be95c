#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

class QSettings;

namespace stratus::core {

/// Where and as whom Stratus signs people in with OAuth 2.0 (Authorization Code + PKCE, RFC 8252):
/// the authorization server, this build's client ID and the loopback redirect port. A value.
///
/// The defaults come from the build (CMake cache variables STRATUS_OAUTH_SERVER,
/// STRATUS_OAUTH_CLIENT_ID, STRATUS_OAUTH_REDIRECT_PORT; docs/packaging.md); the preferences may
/// override each (keys `oauth/server`, `oauth/clientId`, `oauth/redirectPort`). A build without a
/// client ID cannot sign in to Cloudinary (canSignIn() is false) and never borrows another
/// application's. A sandbox's own authorization server (forSandbox()) is always usable: it accepts
/// Stratus's client ID on any loopback port.
struct OAuthConfig
{
    QUrl server; ///< the authorization server's base, `https://oauth.cloudinary.com`
    QString clientId; ///< empty: this build has none
    quint16 redirectPort = 0; ///< the loopback port registered with the client; 0: any free port
    QStringList scopes; ///< `openid offline_access asset_management upload`

    /// Cloudinary's scopes, as its own CLI asks for them.
    [[nodiscard]] static QStringList defaultScopes();
    /// What the build configured (may have no client ID).
    [[nodiscard]] static OAuthConfig fromBuild();
    /// `base` with whatever the preferences set instead (empty values are ignored).
    [[nodiscard]] static OAuthConfig withOverrides(OAuthConfig base, const QSettings &preferences);
    /// The authorization server of a stratus-sandbox at `sandboxBase` (`http://127.0.0.1:PORT`),
    /// with the client ID the sandbox knows Stratus by and any free port.
    [[nodiscard]] static OAuthConfig forSandbox(const QUrl &sandboxBase);
    /// The client ID a sandbox registers for Stratus ("stratus-desktop").
    [[nodiscard]] static QString sandboxClientId();

    [[nodiscard]] bool canSignIn() const
    {
        return !clientId.isEmpty() && server.isValid() && !server.isEmpty();
    }
    [[nodiscard]] QUrl authorizeUrl() const; ///< `<server>/oauth2/auth`
    [[nodiscard]] QUrl tokenUrl() const; ///< `<server>/oauth2/token`
    [[nodiscard]] QUrl revokeUrl() const; ///< `<server>/oauth2/revoke`
};

} // namespace stratus::core
