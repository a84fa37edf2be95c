#pragma once

#include "http/apiresponse.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <utility>

namespace stratus::sandbox::oauthpages {

/// The pages of the sandbox's authorization server: small, self-contained HTML (inline CSS, no
/// scripts, no external resources), every value escaped, never cached, never framed. The forms
/// post to /oauth2/auth with the pending request's id; the PKCE challenge stays on the server.

struct LoginPage
{
    QString requestId;
    QString clientName;
    QString email; ///< filled in (login_hint, the demo user, or what was typed before)
    QString error; ///< shown above the form, e.g. a wrong password
    QString demoPassword; ///< non-empty: shown as a hint (the Local sandbox's demo user)
};
[[nodiscard]] ApiResponse login(const LoginPage &page);

struct ConsentPage
{
    QString requestId;
    QString clientName;
    QString user; ///< who signed in
    QList<std::pair<QString, QString>> clouds; ///< cloud name and label; a choice when several
    QStringList scopes; ///< what is asked for, in words ("asset management", "upload")
};
[[nodiscard]] ApiResponse consent(const ConsentPage &page);

/// A request that cannot go back to the client (unknown client, a redirect URI that is not a
/// loopback one, an expired sign-in): said here, in the browser.
[[nodiscard]] ApiResponse error(int status, const QString &title, const QString &message);

/// 302 to `location` (the client's redirect URI with code or error and state).
[[nodiscard]] ApiResponse redirect(const QUrl &location);

} // namespace stratus::sandbox::oauthpages
