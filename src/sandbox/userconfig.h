#pragma once

#include "core/util/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace stratus::sandbox {

/// A person who can sign in to the sandbox's authorization server (/oauth2/auth), from
/// `EMAIL:PASSWORD@CLOUD[,CLOUD…][?name=LABEL&demo=1]` (--user, or the config file's "users"). The
/// spec splits at its last '@' (a password may hold one) and the e-mail ends at the first ':';
/// nothing is percent-decoded. The clouds must be environments of the sandbox (checked when the
/// sandbox takes the users). `demo=1` makes the login page fill in the e-mail and show the password
/// as a hint: for the desktop app's Local sandbox, whose only user is a demonstration.
struct UserConfig
{
    QString email;
    QString password;
    QStringList clouds; ///< the product environments this user may grant access to, in order
    QString name; ///< a label for pages; the e-mail when empty
    bool demo = false;

    static core::Result<UserConfig> fromSpec(const QString &spec);
    [[nodiscard]] QString displayName() const { return name.isEmpty() ? email : name; }
};

/// The authorization server's settings: its users, the client IDs it knows besides Stratus's own
/// (OAuth client registration is out of scope: any loopback redirect URI is accepted for every
/// client, as RFC 8252 asks of native apps), and how long an access token lives.
struct AuthorizationSettings
{
    QList<UserConfig> users;
    QStringList extraClients;
    int tokenLifetimeSeconds = 3600;
};

} // namespace stratus::sandbox
