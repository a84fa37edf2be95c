#include "medialibraryservice.h"

#include "api/apicontext.h"
#include "api/searchservice.h"
#include "api/uploadservice.h"
#include "oauth/oauthservice.h"
#include "store/assetstore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::sandbox {

namespace {

constexpr int kSessionHours = 12;
constexpr qint64 kSignatureLifetimeSeconds = 3600;
constexpr int kMaxListed = 500;
constexpr qsizetype kMaxSessions = 1000;

QByteArray resource(const QString &name)
{
    QFile file(QStringLiteral(":/sandbox-widgets/media-library/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The pages must not be cached (a session id is in the console page) and must not leak their URL
// (it carries the login signature) to the servers of the pictures they show.
ApiResponse page(QByteArray body, QByteArray type)
{
    ApiResponse response = ApiResponse::bytes(std::move(body), std::move(type));
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Content-Type-Options", "nosniff");
    return response;
}

QString randomToken()
{
    QByteArray bytes(24, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(bytes.toHex());
}

bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff = char(diff | (a.at(i) ^ b.at(i)));
    return diff == 0;
}

} // namespace

bool MediaLibraryService::handles(const ApiRequest &request)
{
    const QStringList &seg = request.segments;
    return (seg.value(0) == u"widgets" && seg.value(1) == u"media-library") || seg.value(0) == u"console";
}

ApiResponse MediaLibraryService::handle(const Context &ctx, const ApiRequest &request)
{
    const QStringList &seg = request.segments;
    if (seg.value(0) == u"widgets") {
        if (seg.size() == 3 && seg.at(2) == u"all.js")
            return loader(ctx);
        return ApiResponse::error(404, QStringLiteral("Not found"));
    }
    // The console lives on the widgets origin only: served under the clients' host it would share
    // their origin, and the loader's origin check would be a check of nothing.
    const QString widgetsHost = ctx.widgetsOrigin.section(u"//"_s, 1);
    if (ctx.host.compare(widgetsHost, Qt::CaseInsensitive) != 0)
        return ApiResponse::error(
            404, QStringLiteral("The Media Library console is served on %1 only").arg(ctx.widgetsOrigin));
    if (seg.value(1) == u"media_library" && seg.size() == 3) {
        if (seg.at(2) == u"cms")
            return consolePage(ctx, request);
        if (seg.at(2) == u"cms.js")
            return page(resource(QStringLiteral("cms.js")), "text/javascript; charset=utf-8");
        if (seg.at(2) == u"cms.css")
            return page(resource(QStringLiteral("cms.css")), "text/css; charset=utf-8");
    }
    if (seg.mid(1) == QStringList {u"api"_s, u"v1"_s, u"auth"_s, u"login_with_oauth_token"_s})
        return oauthLogin(ctx, request);
    if (seg.value(1) == u"api" && seg.value(2) == u"ml" && seg.size() == 4 && request.method == "POST") {
        if (seg.at(3) == u"login")
            return login(ctx, request);
        if (seg.at(3) == u"logout")
            return logout(ctx, request);
    }
    if (seg.value(1) == u"api" && seg.value(2) == u"ml" && seg.size() == 4) {
        const Session *current = session(ctx, request);
        if (!current)
            return ApiResponse::error(401, QStringLiteral("Not signed in to the sandbox console"));
        if (seg.at(3) == u"folders")
            return folders(ctx, *current);
        if (seg.at(3) == u"resources")
            return resources(ctx, *current, request);
        // Changes come as POST only, with the session header (not a cookie): another site cannot
        // make a browser send them.
        if (seg.at(3) == u"upload" && request.method == "POST")
            return upload(ctx, *current, request);
        if (seg.at(3) == u"delete" && request.method == "POST")
            return remove(ctx, *current, request);
    }
    return ApiResponse::error(404, QStringLiteral("Not found"));
}

ApiResponse MediaLibraryService::loader(const Context &ctx) const
{
    QByteArray script = resource(QStringLiteral("all.js"));
    // The origin is ours (localhost and a port number): nothing in it needs escaping in a JS string.
    script.replace("@CONSOLE_ORIGIN@", ctx.widgetsOrigin.toLatin1());
    ApiResponse response = page(script, "text/javascript; charset=utf-8");
    // Like Cloudinary's loader: no Access-Control-Allow-Origin (a crossorigin tag would fail there too).
    return response;
}

ApiResponse MediaLibraryService::consolePage(const Context &ctx, const ApiRequest &request)
{
    const QString cloudName = request.param(QStringLiteral("cloud_name"));
    const EnvironmentConfig *env = ctx.environment(cloudName);
    QString sessionId;
    QString user;
    QString problem;
    bool login = false;
    bool kept = false;
    QString demoEmail;
    QString demoPassword;
    if (!env) {
        problem = QStringLiteral("This sandbox has no product environment called \"%1\".").arg(cloudName);
    } else if (const QString given = request.param(QStringLiteral("console_session")); !given.isEmpty()) {
        const auto found = m_sessions.constFind(given);
        if (found != m_sessions.constEnd() && found->cloudName == cloudName && found->expires > ctx.now) {
            sessionId = given;
            user = found->user;
        } else {
            problem = QStringLiteral("The console session has expired. Open the Media Library again.");
        }
    } else if (request.hasParam(QStringLiteral("signature"))) {
        user = request.param(QStringLiteral("username"));
        const QString timestamp = request.param(QStringLiteral("timestamp"));
        bool numeric = false;
        const qint64 seconds = timestamp.toLongLong(&numeric);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(QStringLiteral("cloud_name=%1&timestamp=%2&username=%3")
                         .arg(cloudName, timestamp, user)
                         .toUtf8());
        hash.addData(env->apiSecret.toUtf8());
        const QByteArray expected = hash.result().toHex();
        if (user.isEmpty() || !numeric)
            problem = QStringLiteral("The signed login needs username and timestamp.");
        else if (qAbs(ctx.now.toSecsSinceEpoch() - seconds) > kSignatureLifetimeSeconds)
            problem = QStringLiteral("The login signature has expired (its timestamp is more than an hour "
                                     "away from the sandbox's clock).");
        else if (!sameSecret(request.param(QStringLiteral("signature")).toLower().toLatin1(), expected))
            problem = QStringLiteral("The login signature is not valid for this product environment.");
        else
            sessionId = newSession(ctx, cloudName, user);
    } else if (const QString cookie = cookieSession(ctx, request, cloudName); !cookie.isEmpty()) {
        // Signed in with the console's own form earlier, in this browser profile.
        sessionId = cookie;
        user = m_sessions.value(cookie).user;
        kept = true;
    } else {
        // The console's own sign-in form (no problem to report: signing in is what comes next).
        login = true;
        if (const auto demo = ctx.oauth.demoUser(cloudName)) {
            demoEmail = demo->first;
            demoPassword = demo->second;
        }
    }

    QByteArray html = resource(QStringLiteral("cms.html"));
    html.replace("@SESSION@", sessionId.toHtmlEscaped().toUtf8());
    html.replace("@CLOUD@", cloudName.toHtmlEscaped().toUtf8());
    html.replace("@USER@", user.toHtmlEscaped().toUtf8());
    html.replace("@PROBLEM@", problem.toHtmlEscaped().toUtf8());
    html.replace("@LOGIN@", login ? "1" : "");
    html.replace("@KEPT@", kept ? "1" : "");
    html.replace("@DEMO_EMAIL@", demoEmail.toHtmlEscaped().toUtf8());
    html.replace("@DEMO_PASSWORD@", demoPassword.toHtmlEscaped().toUtf8());
    ApiResponse response = page(html, "text/html; charset=utf-8");
    // Scripts and styles from this origin only; pictures from the clients' host (delivery).
    const QString policy = QStringLiteral("default-src 'none'; script-src 'self'; style-src 'self'; "
                                          "connect-src 'self'; img-src 'self' data: %1; media-src %1; "
                                          "base-uri 'none'; form-action 'none'")
                               .arg(ctx.apiBaseUrl);
    response.setHeader("Content-Security-Policy", policy.toUtf8());
    return response;
}

QString MediaLibraryService::cookieSession(const Context &ctx, const ApiRequest &request,
                                           const QString &cloudName) const
{
    const QByteArray name = QByteArray(kSessionCookie) + '=';
    for (const auto &[header, value] : request.headers) {
        if (header.toLower() != "cookie")
            continue;
        for (const QByteArray &part : value.split(';')) {
            const QByteArray trimmed = part.trimmed();
            if (!trimmed.startsWith(name))
                continue;
            const QString id = QString::fromLatin1(trimmed.mid(name.size()));
            const auto found = m_sessions.constFind(id);
            if (found != m_sessions.constEnd() && found->cloudName == cloudName && found->expires > ctx.now)
                return id;
        }
    }
    return {};
}

ApiResponse MediaLibraryService::login(const Context &ctx, const ApiRequest &request)
{
    const QString cloudName = request.param(QStringLiteral("cloud_name"));
    const QString email = request.param(QStringLiteral("email")).trimmed();
    if (!ctx.environment(cloudName))
        return ApiResponse::error(401, QStringLiteral("Invalid cloud_name %1").arg(cloudName));
    // The same answer for an unknown e-mail and a wrong password.
    if (!ctx.oauth.checkUser(email, request.param(QStringLiteral("password")), cloudName))
        return ApiResponse::error(401, QStringLiteral("Wrong e-mail address or password."));
    const QString id = newSession(ctx, cloudName, email);
    ApiResponse response = ApiResponse::json({{QStringLiteral("user"), email}});
    response.setHeader("Cache-Control", "no-store");
    // SameSite=None (with Secure, which Chromium allows on localhost): the console is a frame of
    // another site's page, and its cookie must go with it there. HttpOnly: its scripts never see it.
    response.setHeader("Set-Cookie",
                       QByteArray(kSessionCookie) + '=' + id.toLatin1() + "; Path=/console; Max-Age="
                           + QByteArray::number(kSessionHours * 3600) + "; HttpOnly; Secure; SameSite=None");
    return response;
}

ApiResponse MediaLibraryService::logout(const Context &ctx, const ApiRequest &request)
{
    Q_UNUSED(ctx);
    const QByteArray name = QByteArray(kSessionCookie) + '=';
    for (const auto &[header, value] : request.headers) {
        if (header.toLower() != "cookie")
            continue;
        for (const QByteArray &part : value.split(';')) {
            if (part.trimmed().startsWith(name))
                m_sessions.remove(QString::fromLatin1(part.trimmed().mid(name.size())));
        }
    }
    ApiResponse response = ApiResponse::json({{QStringLiteral("signed_out"), true}});
    response.setHeader("Set-Cookie",
                       QByteArray(kSessionCookie)
                           + "=; Path=/console; Max-Age=0; HttpOnly; Secure; SameSite=None");
    return response;
}

ApiResponse MediaLibraryService::upload(const Context &ctx, const Session &session,
                                        const ApiRequest &request) const
{
    EnvironmentConfig *env = ctx.environment(session.cloudName);
    if (!env || !ctx.uploads)
        return ApiResponse::error(404, QStringLiteral("Not found"));
    if (!request.files.contains(QStringLiteral("file")))
        return ApiResponse::error(400, QStringLiteral("Missing required parameter - file"));
    // The console's session stands for the person, as an access token would: the upload needs no
    // signature (ApiContext::tokenVerified).
    ApiRequest forwarded;
    forwarded.method = "POST";
    forwarded.files.insert(QStringLiteral("file"), request.files.value(QStringLiteral("file")));
    const QString folder = trimSlashes(request.param(QStringLiteral("folder")));
    if (!folder.isEmpty())
        forwarded.params.append(
            {env->folderMode == FolderMode::Fixed ? QStringLiteral("folder") : QStringLiteral("asset_folder"),
             folder});
    forwarded.params.append({QStringLiteral("use_filename"), QStringLiteral("true")});
    ApiContext api {ctx.store, *env, ctx.apiBaseUrl, ctx.now, true};
    return ctx.uploads->handle(api, QStringLiteral("auto"), QStringLiteral("upload"), forwarded);
}

ApiResponse MediaLibraryService::remove(const Context &ctx, const Session &session,
                                        const ApiRequest &request) const
{
    EnvironmentConfig *env = ctx.environment(session.cloudName);
    if (!env || !ctx.uploads)
        return ApiResponse::error(404, QStringLiteral("Not found"));
    const QJsonArray assets = request.json.value(u"assets"_s).toArray();
    if (assets.isEmpty() || assets.size() > 100)
        return ApiResponse::error(400, QStringLiteral("assets must list 1 to 100 assets"));
    ApiContext api {ctx.store, *env, ctx.apiBaseUrl, ctx.now, true};
    QJsonArray deleted;
    for (const QJsonValue &entry : assets) {
        const QString publicId = entry[u"public_id"].toString();
        const QString resourceType = entry[u"resource_type"].toString(u"image"_s);
        const QString type = entry[u"type"].toString(u"upload"_s);
        if (publicId.isEmpty()
            || (resourceType != u"image" && resourceType != u"video" && resourceType != u"raw"))
            continue;
        QString assetId;
        for (const Asset *asset : ctx.store.assets(session.cloudName)) {
            if (asset->publicId == publicId && asset->resourceType == resourceType && asset->type == type)
                assetId = asset->assetId;
        }
        ApiRequest destroy;
        destroy.method = "POST";
        destroy.params = {{u"public_id"_s, publicId}, {u"type"_s, type}, {u"invalidate"_s, u"true"_s}};
        const ApiResponse answer = ctx.uploads->handle(api, resourceType, QStringLiteral("destroy"), destroy);
        if (answer.status == 200 && QJsonDocument::fromJson(answer.body)[u"result"].toString() == u"ok")
            deleted.append(QJsonObject {{u"public_id"_s, publicId},
                                        {u"resource_type"_s, resourceType},
                                        {u"type"_s, type},
                                        {u"asset_id"_s, assetId}});
    }
    return ApiResponse::json({{QStringLiteral("deleted"), deleted}});
}

ApiResponse MediaLibraryService::oauthLogin(const Context &ctx, const ApiRequest &request)
{
    const QString cloudName = request.param(QStringLiteral("cloud_name"));
    const QUrl redirect(request.param(QStringLiteral("redirect_url")));
    // Only back to our own console page: anything else would make this an open redirect that
    // hands out sessions.
    if (!redirect.isValid()
        || redirect.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment).toString()
            != ctx.widgetsOrigin + QStringLiteral("/console/media_library/cms"))
        return ApiResponse::error(400, QStringLiteral("redirect_url must be this sandbox's console page"));
    ApiRequest bearer;
    bearer.headers.append(
        {"authorization", "Bearer " + request.param(QStringLiteral("access_token")).toLatin1()});
    if (!ctx.environment(cloudName))
        return ApiResponse::error(401, QStringLiteral("Invalid cloud_name %1").arg(cloudName));
    if (auto refused
        = ctx.oauth.checkBearer(bearer, cloudName, OAuthService::Scope::AssetManagement, ctx.now))
        return *refused;
    QUrl target = redirect;
    QUrlQuery query(target);
    query.removeAllQueryItems(QStringLiteral("console_session"));
    query.addQueryItem(QStringLiteral("console_session"), newSession(ctx, cloudName, QString()));
    target.setQuery(query);
    ApiResponse response = page(QByteArray(), "text/plain");
    response.status = 302;
    response.setHeader("Location", target.toEncoded());
    return response;
}

QString MediaLibraryService::newSession(const Context &ctx, const QString &cloudName, const QString &user)
{
    for (auto it = m_sessions.begin(); it != m_sessions.end();)
        it = it->expires <= ctx.now ? m_sessions.erase(it) : std::next(it);
    // A bound, so that a page opening consoles in a loop cannot grow the sandbox without end: the
    // session that would expire first goes.
    if (m_sessions.size() >= kMaxSessions) {
        QString first;
        QDateTime soonest;
        for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
            if (first.isEmpty() || it->expires < soonest) {
                first = it.key();
                soonest = it->expires;
            }
        }
        m_sessions.remove(first);
    }
    const QString id = randomToken();
    m_sessions.insert(id, {cloudName, user, ctx.now.addSecs(kSessionHours * 3600)});
    return id;
}

const MediaLibraryService::Session *MediaLibraryService::session(const Context &ctx,
                                                                 const ApiRequest &request)
{
    const auto found = m_sessions.constFind(QString::fromLatin1(request.header("x-console-session")));
    if (found == m_sessions.constEnd() || found->expires <= ctx.now || !ctx.environment(found->cloudName))
        return nullptr;
    return &*found;
}

ApiResponse MediaLibraryService::folders(const Context &ctx, const Session &session) const
{
    EnvironmentConfig *env = ctx.environment(session.cloudName);
    QSet<QString> paths;
    const auto addWithParents = [&paths](const QString &path) {
        QString current = path;
        while (!current.isEmpty()) {
            paths.insert(current);
            current = current.section(u'/', 0, -2);
        }
    };
    for (const Asset *asset : ctx.store.assets(session.cloudName))
        addWithParents(folderOf(*env, *asset));
    const QMap<QString, QDateTime> explicitFolders = ctx.store.explicitFolders(session.cloudName);
    for (auto it = explicitFolders.begin(); it != explicitFolders.end(); ++it)
        addWithParents(it.key());
    QStringList sorted(paths.begin(), paths.end());
    sorted.sort(Qt::CaseInsensitive);
    QJsonArray list;
    for (const QString &path : sorted)
        list.append(
            QJsonObject {{QStringLiteral("path"), path}, {QStringLiteral("name"), path.section(u'/', -1)}});
    return ApiResponse::json({{QStringLiteral("cloud_name"), session.cloudName},
                              {QStringLiteral("user"), session.user},
                              {QStringLiteral("folders"), list}});
}

ApiResponse MediaLibraryService::resources(const Context &ctx, const Session &session,
                                           const ApiRequest &request) const
{
    EnvironmentConfig *env = ctx.environment(session.cloudName);
    ApiContext api {ctx.store, *env, ctx.apiBaseUrl, ctx.now, true};
    const QString folder = trimSlashes(request.param(QStringLiteral("folder")));
    const bool everywhere = request.boolParam(QStringLiteral("all_folders"));
    const QString resourceType = request.param(QStringLiteral("resource_type"));
    const QString text = request.param(QStringLiteral("q")).trimmed();
    const QString expression = request.param(QStringLiteral("expression")).trimmed();

    std::vector<const Asset *> candidates = ctx.store.assets(session.cloudName);
    if (!expression.isEmpty()) {
        // The same search engine as the Search API, so `search: {expression}` means what it means there.
        ApiRequest search;
        search.method = "POST";
        search.json
            = {{QStringLiteral("expression"), expression}, {QStringLiteral("max_results"), kMaxListed}};
        const ApiResponse answer = SearchService::handle(api, search);
        if (answer.status != 200)
            return answer;
        QSet<QString> ids;
        for (const QJsonValue &found : QJsonDocument::fromJson(answer.body)[u"resources"].toArray())
            ids.insert(found[u"asset_id"].toString());
        std::erase_if(candidates, [&ids](const Asset *asset) { return !ids.contains(asset->assetId); });
    }
    std::erase_if(candidates, [&](const Asset *asset) {
        if (!everywhere && expression.isEmpty() && text.isEmpty() && folderOf(*env, *asset) != folder)
            return true;
        if (!resourceType.isEmpty() && asset->resourceType != resourceType)
            return true;
        if (text.isEmpty())
            return false;
        if (asset->publicId.contains(text, Qt::CaseInsensitive)
            || asset->displayName.contains(text, Qt::CaseInsensitive))
            return false;
        return std::none_of(asset->tags.begin(), asset->tags.end(),
                            [&text](const QString &tag) { return tag.contains(text, Qt::CaseInsensitive); });
    });
    std::sort(candidates.begin(), candidates.end(), [](const Asset *a, const Asset *b) {
        return a->createdAt != b->createdAt ? a->createdAt > b->createdAt : a->publicId < b->publicId;
    });
    QJsonArray list;
    for (const Asset *asset : candidates) {
        if (list.size() >= kMaxListed)
            break;
        QJsonObject json = resourceJson(api, *asset);
        // The fields the insert payload has that a resource answer lacks (widget-protocols.md).
        if (!json.contains(u"duration"_s))
            json.insert(u"duration"_s, QJsonValue::Null);
        if (!json.contains(u"metadata"_s))
            json.insert(u"metadata"_s, QJsonObject());
        if (!json.contains(u"context"_s))
            json.insert(u"context"_s, QJsonObject());
        if (!json.contains(u"tags"_s))
            json.insert(u"tags"_s, QJsonArray());
        list.append(json);
    }
    return ApiResponse::json(
        {{QStringLiteral("resources"), list}, {QStringLiteral("total_count"), double(candidates.size())}});
}

} // namespace stratus::sandbox
