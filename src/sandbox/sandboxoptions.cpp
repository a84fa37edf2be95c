#include "sandboxoptions.h"

#include "words/errorwords.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace stratus::sandbox {

namespace {

core::Error bad(const QString &message)
{
    return core::Error::invalidInput(message);
}

} // namespace

SandboxCommandLine::SandboxCommandLine()
    : m_port(u"port"_s, u"TCP port on 127.0.0.1 (0 picks a free one)."_s, u"PORT"_s, u"0"_s)
    , m_data(u"data"_s, u"Directory that keeps state across restarts (default: a temporary one)."_s, u"DIR"_s)
    , m_environment(u"environment"_s,
                    u"A product environment as cloudinary://KEY:SECRET@CLOUD?folder_mode=…; repeatable."_s,
                    u"URL"_s)
    , m_account(u"account"_s, u"account://KEY:SECRET@ACCOUNT_ID, enables the Provisioning API."_s, u"URL"_s)
    , m_config(u"config"_s,
               u"JSON file with the same settings: {\"port\", \"data\", \"environments\": [URL…], "
               u"\"account\", \"seed\", \"users\": [SPEC…], \"oauth_clients\": [ID…], \"token_lifetime\"}."_s,
               u"FILE"_s)
    , m_seed(u"seed"_s, u"Fill each empty environment with N sample assets."_s, u"N"_s)
    , m_user(
          u"user"_s,
          u"A user of the sign-in page (/oauth2/auth) as EMAIL:PASSWORD@CLOUD[,CLOUD…][?name=LABEL&demo=1]; "
          u"repeatable."_s,
          u"SPEC"_s)
    , m_oauthClient(u"oauth-client"_s, u"An OAuth client ID to accept besides stratus-desktop; repeatable."_s,
                    u"ID"_s)
    , m_tokenLifetime(u"token-lifetime"_s, u"How long an access token lives (default 3600)."_s, u"SECONDS"_s)
{
    m_parser.setApplicationDescription(
        u"A Cloudinary-compatible local server for development, demos and tests.\n"
        u"It listens on 127.0.0.1 only and speaks the Upload, Admin, Search and Provisioning APIs\n"
        u"and serves delivery URLs with real image transformations.\n\n"
        u"Environment URLs take sandbox settings as query keys: folder_mode=fixed|dynamic,\n"
        u"admin_rate_limit=N (Admin/Search calls per hour), denied_apis=usage,config (answered 403),\n"
        u"max_image_bytes, max_video_bytes,\n"
        u"max_raw_bytes, max_request_bytes (an Upload API request's body; default 150 MiB),\n"
        u"cname or upload_prefix (another name the sandbox answers to), name=LABEL,\n"
        u"and fault_latency_ms, fault_error_rate, fault_drop_rate,\n"
        u"fault_force_420, fault_slow_body_bytes. Faults also switch at runtime:\n"
        u"POST /_sandbox/faults/<cloud> with the same keys without the fault_ prefix, as JSON\n"
        u"(Content-Type: application/json).\n\n"
        u"With --user it is also an OAuth 2.0 authorization server (Authorization Code with PKCE):\n"
        u"/oauth2/auth, /oauth2/token and /oauth2/revoke; its access tokens work as\n"
        u"Authorization: Bearer on the Admin, Upload and Search APIs.\n\n"
        u"Stand-in widgets (docs/sandbox-widgets.md): the Media Library loader at\n"
        u"/widgets/media-library/all.js; its console pages on http://localhost:PORT only.\n"
        u"The Media Editor at /widgets/media-editor/all.js (its page on localhost too), the\n"
        u"Video Player at /widgets/video-player/player.min.js and .css, the Product Gallery at\n"
        u"/widgets/product-gallery/all.js; tag lists at /<cloud>/image/list/<tag>.json."_s);
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOptions(
        {m_port, m_data, m_environment, m_account, m_config, m_seed, m_user, m_oauthClient, m_tokenLifetime});
}

core::Result<SandboxOptions> SandboxCommandLine::options() const
{
    // The --config file holds the same settings; the command line wins where both say something.
    QJsonObject config;
    if (m_parser.isSet(m_config)) {
        QFile file(m_parser.value(m_config));
        if (!file.open(QIODevice::ReadOnly))
            return bad(u"cannot read %1"_s.arg(file.fileName()));
        QJsonParseError error;
        config = QJsonDocument::fromJson(file.read(16 * 1024 * 1024), &error).object();
        if (error.error != QJsonParseError::NoError)
            return bad(u"%1 is not valid JSON: %2"_s.arg(file.fileName(), error.errorString()));
    }

    SandboxOptions options;
    bool ok = true;
    const int port
        = m_parser.isSet(m_port) ? m_parser.value(m_port).toInt(&ok) : config.value(u"port"_s).toInt();
    if (!ok || port < 0 || port > 65535)
        return bad(u"--port must be a number from 0 to 65535"_s);
    options.port = quint16(port);
    options.seed
        = m_parser.isSet(m_seed) ? m_parser.value(m_seed).toInt(&ok) : config.value(u"seed"_s).toInt();
    if (!ok || options.seed < 0)
        return bad(u"--seed must be a positive number"_s);
    options.dataDirectory
        = m_parser.isSet(m_data) ? m_parser.value(m_data) : config.value(u"data"_s).toString();

    QStringList environmentUrls = m_parser.values(m_environment);
    for (const QJsonValue &value : config.value(u"environments"_s).toArray())
        environmentUrls.append(value.toString());
    for (const QString &url : std::as_const(environmentUrls)) {
        auto env = EnvironmentConfig::fromUrl(url);
        if (!env)
            return bad(u"--environment: %1"_s.arg(words::ErrorWords::text(env.error())));
        options.environments.append(*env);
    }

    const QString accountUrl
        = m_parser.isSet(m_account) ? m_parser.value(m_account) : config.value(u"account"_s).toString();
    if (!accountUrl.isEmpty()) {
        auto account = AccountConfig::fromUrl(accountUrl);
        if (!account)
            return bad(u"--account: %1"_s.arg(words::ErrorWords::text(account.error())));
        options.account = *account;
    }

    QStringList userSpecs = m_parser.values(m_user);
    for (const QJsonValue &value : config.value(u"users"_s).toArray())
        userSpecs.append(value.toString());
    for (const QString &spec : std::as_const(userSpecs)) {
        auto user = UserConfig::fromSpec(spec);
        if (!user)
            return bad(u"--user: %1"_s.arg(words::ErrorWords::text(user.error())));
        for (const UserConfig &other : std::as_const(options.authorization.users)) {
            if (other.email.compare(user->email, Qt::CaseInsensitive) == 0)
                return bad(u"--user: %1 is configured twice"_s.arg(user->email));
        }
        options.authorization.users.append(*user);
    }
    options.authorization.extraClients = m_parser.values(m_oauthClient);
    for (const QJsonValue &value : config.value(u"oauth_clients"_s).toArray())
        options.authorization.extraClients.append(value.toString());
    const QJsonValue lifetime = config.value(u"token_lifetime"_s);
    options.authorization.tokenLifetimeSeconds = m_parser.isSet(m_tokenLifetime)
        ? m_parser.value(m_tokenLifetime).toInt(&ok)
        : (lifetime.isUndefined() ? 3600 : lifetime.toInt());
    if (!ok || options.authorization.tokenLifetimeSeconds < 1)
        return bad(u"--token-lifetime must be a number of seconds, at least 1"_s);
    return options;
}

} // namespace stratus::sandbox
