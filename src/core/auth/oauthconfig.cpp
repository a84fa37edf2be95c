#include "oauthconfig.h"

#include "stratus/oauthbuild.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

// `<server>/oauth2/<endpoint>`, keeping a path the server's base may have (a proxy's prefix).
QUrl endpoint(const QUrl &server, const QString &name)
{
    if (!server.isValid() || server.isEmpty())
        return {};
    QUrl url = server.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/oauth2/"_s + name);
    return url;
}

} // namespace

QStringList OAuthConfig::defaultScopes()
{
    return {u"openid"_s, u"offline_access"_s, u"asset_management"_s, u"upload"_s};
}

OAuthConfig OAuthConfig::fromBuild()
{
    OAuthConfig config;
    config.server = QUrl(QString::fromUtf8(STRATUS_OAUTH_SERVER), QUrl::StrictMode);
    config.clientId = QString::fromUtf8(STRATUS_OAUTH_CLIENT_ID).trimmed();
    config.redirectPort = quint16(STRATUS_OAUTH_REDIRECT_PORT);
    config.scopes = defaultScopes();
    return config;
}

OAuthConfig OAuthConfig::withOverrides(OAuthConfig base, const QSettings &preferences)
{
    const QString server = preferences.value(u"oauth/server"_s).toString().trimmed();
    if (!server.isEmpty()) {
        const QUrl url(server, QUrl::StrictMode);
        if (url.isValid() && !url.host().isEmpty())
            base.server = url;
    }
    const QString clientId = preferences.value(u"oauth/clientId"_s).toString().trimmed();
    if (!clientId.isEmpty())
        base.clientId = clientId;
    const QString port = preferences.value(u"oauth/redirectPort"_s).toString().trimmed();
    if (!port.isEmpty()) {
        bool ok = false;
        const uint value = port.toUInt(&ok);
        if (ok && value <= 65535)
            base.redirectPort = quint16(value);
    }
    return base;
}

OAuthConfig OAuthConfig::forSandbox(const QUrl &sandboxBase)
{
    OAuthConfig config;
    config.server = sandboxBase.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    config.clientId = sandboxClientId();
    config.redirectPort = 0;
    config.scopes = defaultScopes();
    return config;
}

QString OAuthConfig::sandboxClientId()
{
    return u"stratus-desktop"_s;
}

QUrl OAuthConfig::authorizeUrl() const
{
    return endpoint(server, u"auth"_s);
}

QUrl OAuthConfig::tokenUrl() const
{
    return endpoint(server, u"token"_s);
}

QUrl OAuthConfig::revokeUrl() const
{
    return endpoint(server, u"revoke"_s);
}

} // namespace stratus::core
