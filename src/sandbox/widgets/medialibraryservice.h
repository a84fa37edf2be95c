#pragma once

#include "http/apirequest.h"
#include "http/apiresponse.h"
#include "sandbox/environmentconfig.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <functional>

namespace stratus::sandbox {

class AssetStore;
class OAuthService;
class UploadService;

/// The sandbox's stand-in for Cloudinary's Media Library widget (issue 15, point 6): the loader
/// script (`/widgets/media-library/all.js`, same JS API as media-library.cloudinary.com's) and the
/// console page it frames (`/console/media_library/cms`), which speak the loader↔iframe protocol of
/// shared/reference/widget-protocols.md. The console pages are served only on the widgets origin,
/// `http://localhost:PORT` — an origin of their own, distinct from the clients' `127.0.0.1:PORT`
/// (own cookies and storage too, since cookies ignore ports but not host names).
///
/// Sign-in: the console page checks the signed login (username, timestamp, signature =
/// SHA-256 of "cloud_name=…&timestamp=…&username=…" + API secret, within an hour) or an OAuth
/// access token (the `login_with_oauth_token` hop), or else its own sign-in: a form of e-mail and
/// password checked against the sandbox's users (`--user`), whose session is kept in a cookie of the
/// widgets origin (kSessionCookie; SameSite=None, so that it goes with the console framed in a host
/// page), so that the next console of the same browser profile is signed in. Each way hands the page a
/// random console session id that its scripts send back in `X-Console-Session` to list, upload and
/// delete. The API secret never goes to the page. Sessions live in memory for 12 hours. Used on the
/// sandbox's thread.
class MediaLibraryService
{
public:
    struct Context
    {
        AssetStore &store;
        const std::function<EnvironmentConfig *(const QString &)> &environment;
        const OAuthService &oauth;
        QDateTime now;
        QString widgetsOrigin; ///< "http://localhost:PORT": where the console pages live
        QString apiBaseUrl; ///< "http://127.0.0.1:PORT": URLs of assets in answers
        QString host; ///< the request's Host header
        UploadService *uploads = nullptr; ///< uploads and deletions made in the console
    };

    /// The cookie of the console's own sign-in (its session id), on the widgets origin.
    static constexpr auto kSessionCookie = "cld_ml_session";

    /// True for the paths this service answers (/widgets/media-library/…, /console/…).
    [[nodiscard]] static bool handles(const ApiRequest &request);
    [[nodiscard]] ApiResponse handle(const Context &ctx, const ApiRequest &request);

private:
    struct Session
    {
        QString cloudName;
        QString user;
        QDateTime expires;
    };

    ApiResponse loader(const Context &ctx) const;
    ApiResponse consolePage(const Context &ctx, const ApiRequest &request);
    ApiResponse oauthLogin(const Context &ctx, const ApiRequest &request);
    ApiResponse folders(const Context &ctx, const Session &session) const;
    ApiResponse resources(const Context &ctx, const Session &session, const ApiRequest &request) const;
    ApiResponse login(const Context &ctx, const ApiRequest &request);
    ApiResponse logout(const Context &ctx, const ApiRequest &request);
    ApiResponse upload(const Context &ctx, const Session &session, const ApiRequest &request) const;
    ApiResponse remove(const Context &ctx, const Session &session, const ApiRequest &request) const;
    /// The live session of the request's cookie for `cloudName`, or empty.
    [[nodiscard]] QString cookieSession(const Context &ctx, const ApiRequest &request,
                                        const QString &cloudName) const;
    QString newSession(const Context &ctx, const QString &cloudName, const QString &user);
    const Session *session(const Context &ctx, const ApiRequest &request);

    QHash<QString, Session> m_sessions;
};

} // namespace stratus::sandbox
