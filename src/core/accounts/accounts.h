#pragma once

#include "accountnames.h"
#include "core/api/admintypes.h"
#include "core/config/cloudinaryurl.h"
#include "core/net/secretsource.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace stratus::core {

[[nodiscard]] QString folderModeName(FolderMode mode); ///< "fixed", "dynamic", "unknown"
[[nodiscard]] FolderMode folderModeFromName(QStringView name);

/// A feature an environment's credentials may be refused (401/403) while the rest works.
namespace Feature {
inline constexpr QLatin1StringView Admin {"admin"}; ///< Admin API listing and editing
inline constexpr QLatin1StringView Config {"config"}; ///< GET config (the folder mode)
inline constexpr QLatin1StringView Usage {"usage"}; ///< GET usage (plan limits)
inline constexpr QLatin1StringView Search {"search"}; ///< Search API
inline constexpr QLatin1StringView Upload {"upload"}; ///< Upload API
} // namespace Feature

/// One product environment as Stratus keeps it: everything but the secret.
struct EnvironmentRecord
{
    QString id; ///< local, stable; names the keychain entry and the caches
    QString accountId; ///< the AccountRecord it belongs to
    QString name; ///< unique label, what `stratus-cli --env NAME` takes
    CloudinaryUrl url; ///< the CLOUDINARY_URL without its secret (withoutSecret())
    FolderMode folderMode = FolderMode::Unknown;
    QMap<QString, QString> deniedFeatures; ///< Feature → the server's words when it refused
    QDateTime checkedAt; ///< last successful connection test (UTC)
    bool embeddedSandbox = false; ///< the app's own "Local sandbox"; its URL is made at run time
    /// The person allowed its credentials to go over plain http to another computer (an http
    /// upload_prefix that is not loopback); refused otherwise. Not a secret.
    bool allowInsecureTransport = false;
    /// What the keychain entry (secretKey()) holds: the API secret, or for an environment added by
    /// "Sign in with Cloudinary" its OAuth tokens (TokenPair::toStoredText()); the URL then has no
    /// API key, and nothing that needs the secret locally (signed delivery URLs) can be made.
    CredentialKind credential = CredentialKind::ApiSecret;

    [[nodiscard]] bool usesToken() const { return credential == CredentialKind::AccessToken; }

    /// The name as it may be shown anywhere: escaped where it has characters that could break a
    /// line or reorder the text (a name stored before checkName(), or by hand).
    [[nodiscard]] QString displayName() const { return displaySafe(name); }
    [[nodiscard]] QString cloudName() const { return url.cloudName(); }
    [[nodiscard]] QString apiKey() const { return url.apiKey(); }
    [[nodiscard]] QString secretKey() const { return QStringLiteral("environment/") + id; }
};

/// A Cloudinary login: one or more product environments, optionally provisioning credentials
/// (account:// URL, secret in the keychain) through which its environments were discovered.
struct AccountRecord
{
    QString id; ///< local, stable
    QString label; ///< what the switcher groups under
    CloudinaryUrl provisioningUrl; ///< account:// without its secret; empty kind Cloud if none
    bool hasProvisioning = false;
    bool loggedIn = true; ///< false after log out: its environments leave the switcher
    bool embeddedSandbox = false;
    /// The e-mail address the person signs in to Cloudinary's console with, for this account: the
    /// Media Library's signed login (`username`) of its key environments. Empty: the console's own
    /// sign-in inside the view. Not a secret (accounts.ini).
    QString consoleEmail;

    /// The label as it may be shown anywhere (see EnvironmentRecord::displayName()).
    [[nodiscard]] QString displayLabel() const { return displaySafe(label); }
    [[nodiscard]] QString provisioningSecretKey() const
    {
        return QStringLiteral("account/") + id + QStringLiteral("/provisioning");
    }
};

} // namespace stratus::core
