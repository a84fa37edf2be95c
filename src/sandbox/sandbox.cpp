#include "sandbox.h"

#include "api/apicontext.h"
#include "api/authentication.h"
#include "api/provisioningservice.h"
#include "api/remotefile.h"
#include "api/searchservice.h"
#include "delivery/deliveryservice.h"
#include "widgets/standinwidgetsservice.h"

#include <QDir>
#include <QFuture>
#include <QJsonArray>
#include <QLocale>

namespace stratus::sandbox {

namespace {

// An HTTP date has whole seconds: `time` is rounded up, so a client that waits until the date
// never comes back before `time`.
QByteArray httpDate(const QDateTime &time)
{
    QDateTime utc = time.toUTC();
    if (const int msec = utc.time().msec(); msec > 0)
        utc = utc.addMSecs(1000 - msec);
    return QLocale::c().toString(utc, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
}

// Retry-After: whole seconds from `now` until `time`, rounded up, at least 1.
QByteArray secondsUntil(const QDateTime &now, const QDateTime &time)
{
    return QByteArray::number(qMax<qint64>(1, (now.msecsTo(time) + 999) / 1000));
}

QDateTime nextHour(const QDateTime &now)
{
    const QDateTime utc = now.toUTC();
    return QDateTime(utc.date(), QTime(utc.time().hour(), 0), Qt::UTC).addSecs(3600);
}

// Bodies of the requests that are not uploads: Admin, Search and Provisioning calls (JSON or form
// fields, a few hundred public ids at most), and those that should have none (delivery, controls).
constexpr qint64 kMaxApiBodyBytes = 16LL * 1024 * 1024;
constexpr qint64 kMaxSmallBodyBytes = 64 * 1024;

// The path under /v1_1/<cloud>/. The Node SDK encodes the whole Admin path with encodeURIComponent
// ("resources%2Fsearch", "folders%2Fa%2Fb"), Python leaves "/" literal: both mean the same path.
QStringList apiPath(const ApiRequest &request)
{
    QStringList path;
    for (const QString &segment : request.segments.mid(2))
        path.append(segment.split(u'/', Qt::SkipEmptyParts));
    return path;
}

// Upload API calls carry their credentials in the body (a signature) or Basic auth; the others
// (Admin, Search) always Basic auth.
bool isUploadApiCall(const QStringList &path)
{
    static const QStringList kUploadActions
        = {QStringLiteral("upload"),   QStringLiteral("upload_chunked"), QStringLiteral("destroy"),
           QStringLiteral("rename"),   QStringLiteral("tags"),           QStringLiteral("context"),
           QStringLiteral("explicit"), QStringLiteral("metadata")};
    static const QStringList kResourceTypes
        = {QStringLiteral("image"), QStringLiteral("video"), QStringLiteral("raw"), QStringLiteral("auto")};
    return (path.size() == 1 && path.at(0) == u"upload")
        || (path.size() == 2 && kResourceTypes.contains(path.at(0)) && kUploadActions.contains(path.at(1)));
}

// Cloudinary's Upload API answers web pages of any origin (uploads straight from a browser, the
// Upload widget's page): no cookies go with such calls, their credentials are in the body.
void allowAnyOrigin(ApiResponse &response)
{
    response.setHeader("Access-Control-Allow-Origin", "*");
    response.setHeader("Access-Control-Expose-Headers", "X-Cld-Error");
}

// The answer to a browser's preflight of an Upload API call (an XMLHttpRequest that reports its
// upload progress, a chunked upload's headers).
ApiResponse uploadPreflight()
{
    ApiResponse response = ApiResponse::bytes(QByteArray(), "text/plain", 204);
    allowAnyOrigin(response);
    response.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
    response.setHeader("Access-Control-Allow-Headers",
                       "Content-Type, Content-Range, X-Unique-Upload-Id, X-Requested-With");
    response.setHeader("Access-Control-Max-Age", "600");
    return response;
}

// An OAuth access token instead of a key (Authorization: Bearer).
bool hasBearer(const ApiRequest &request)
{
    const QByteArray header = request.header("authorization").trimmed();
    return header.size() >= 7 && QByteArrayView(header).first(7).compare("Bearer ", Qt::CaseInsensitive) == 0;
}

} // namespace

Sandbox::Sandbox(QObject *parent)
    : QObject(parent)
    , m_remoteFiles(std::make_unique<RemoteFileFetcher>(this))
{
}

Sandbox::~Sandbox() = default;

QDateTime Sandbox::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

bool Sandbox::open(const QString &dataDirectory, const QList<EnvironmentConfig> &environments,
                   const AccountConfig &account, QString *error)
{
    if (environments.isEmpty()) {
        *error = QStringLiteral("no product environment configured");
        return false;
    }
    QStringList seen;
    for (const EnvironmentConfig &env : environments) {
        if (seen.contains(env.cloudName)) {
            *error = QStringLiteral("the cloud name %1 is configured twice").arg(env.cloudName);
            return false;
        }
        seen.append(env.cloudName);
    }
    if (!m_store.open(dataDirectory, error))
        return false;
    if (!m_oauth.open(dataDirectory, error) || !m_oauth.configure({}, environments, error))
        return false;
    m_environments = environments;
    m_account = account;
    m_uploadService
        = std::make_unique<UploadService>(QDir(dataDirectory).absoluteFilePath(QStringLiteral("chunks")));
    m_delivery = std::make_unique<DeliveryService>(m_store);
    return true;
}

void Sandbox::setRemoteFileLimits(qint64 maxBytes, int timeoutMs)
{
    m_remoteFiles->setLimits(maxBytes, timeoutMs);
}

bool Sandbox::setAuthorization(const AuthorizationSettings &settings, QString *error)
{
    return m_oauth.configure(settings, m_environments, error);
}

std::optional<ApiResponse> Sandbox::checkApiCredentials(const ApiRequest &request,
                                                        const EnvironmentConfig &env, bool upload) const
{
    if (hasBearer(request))
        return m_oauth.checkBearer(
            request, env.cloudName,
            upload ? OAuthService::Scope::Upload : OAuthService::Scope::AssetManagement, now());
    if (upload)
        return std::nullopt;
    return checkBasicAuth(request, env.apiKey, env.apiSecret);
}

quint16 Sandbox::listen(quint16 port)
{
    m_server
        = std::make_unique<SandboxHttpServer>([this](ApiRequest &request) { return handle(request); },
                                              [this](const ApiRequest &head) { return checkHead(head); });
    m_port = m_server->listenOnLoopback(port);
    QStringList extraHosts;
    for (const EnvironmentConfig &env : std::as_const(m_environments))
        extraHosts += env.hostNames;
    m_hostNames = HostNames(m_port, extraHosts);
    return m_port;
}

EnvironmentConfig *Sandbox::environment(const QString &cloudName)
{
    return const_cast<EnvironmentConfig *>(std::as_const(*this).environment(cloudName));
}

const EnvironmentConfig *Sandbox::environment(const QString &cloudName) const
{
    for (const EnvironmentConfig &env : m_environments) {
        if (env.cloudName == cloudName)
            return &env;
    }
    return nullptr;
}

HeadVerdict Sandbox::checkHead(const ApiRequest &head) const
{
    // The Host goes into the URLs of answers: a name the sandbox was not started for (a DNS name
    // rebound to 127.0.0.1 by a web page) gets no further.
    if (!m_hostNames.allowsHost(head.header("host")))
        return {
            ApiResponse::error(
                421,
                QStringLiteral("Misdirected request - this sandbox answers to %1").arg(m_hostNames.list())),
            0};
    const QStringList &seg = head.segments;
    if (seg.value(0) == u"_sandbox")
        return {refuseIfForgeable(head, m_hostNames), kMaxSmallBodyBytes};
    if (seg.value(0) != u"v1_1")
        return {std::nullopt, kMaxSmallBodyBytes};
    // Provisioning: Basic auth only (a token is for one product environment, not the account).
    if (seg.value(1) == u"provisioning") {
        if (m_account.enabled())
            return {checkBasicAuth(head, m_account.provisioningKey, m_account.provisioningSecret),
                    kMaxApiBodyBytes};
        return {std::nullopt, kMaxSmallBodyBytes};
    }
    const EnvironmentConfig *env = environment(seg.value(1));
    if (!env)
        return {ApiResponse::error(401, QStringLiteral("Invalid cloud_name %1").arg(seg.value(1))), 0};
    // Upload credentials are in the body, unless a token: for the others the bound on the body is
    // what protects.
    if (isUploadApiCall(apiPath(head)))
        return {checkApiCredentials(head, *env, true), env->maxRequestBytes};
    return {checkApiCredentials(head, *env, false), kMaxApiBodyBytes};
}

QString Sandbox::baseUrlFor(const ApiRequest &request) const
{
    // Safe to copy: checkHead() let only the sandbox's own names through.
    const QByteArray host = request.header("host");
    return host.isEmpty() ? QStringLiteral("http://127.0.0.1:%1").arg(m_port)
                          : QStringLiteral("http://") + QString::fromLatin1(host);
}

QString Sandbox::widgetsOrigin() const
{
    return m_port == 80 ? QStringLiteral("http://localhost")
                        : QStringLiteral("http://localhost:%1").arg(m_port);
}

QFuture<ApiResponse> Sandbox::handle(ApiRequest &request)
{
    const QStringList &seg = request.segments;
    if (seg.value(0) == u"_sandbox")
        return QtFuture::makeReadyFuture(handleControl(request));
    m_recorder.record(request);
    if (MediaLibraryService::handles(request)) {
        const std::function<EnvironmentConfig *(const QString &)> lookup = [this](const QString &cloud) {
            return environment(cloud);
        };
        const MediaLibraryService::Context context {m_store,
                                                    lookup,
                                                    m_oauth,
                                                    now(),
                                                    widgetsOrigin(),
                                                    QStringLiteral("http://127.0.0.1:%1").arg(m_port),
                                                    QString::fromLatin1(request.header("host")),
                                                    m_uploadService.get()};
        return QtFuture::makeReadyFuture(m_mediaLibrary.handle(context, request));
    }
    if (UploadWidgetService::handles(request)) {
        const UploadWidgetService::Context context {widgetsOrigin(),
                                                    QStringLiteral("http://127.0.0.1:%1").arg(m_port),
                                                    QString::fromLatin1(request.header("host"))};
        return QtFuture::makeReadyFuture(UploadWidgetService::handle(context, request));
    }
    if (StandInWidgetsService::handles(request)) {
        const std::function<EnvironmentConfig *(const QString &)> lookup = [this](const QString &cloud) {
            return environment(cloud);
        };
        const StandInWidgetsService::Context context {m_store, lookup, widgetsOrigin(),
                                                      QStringLiteral("http://127.0.0.1:%1").arg(m_port),
                                                      QString::fromLatin1(request.header("host"))};
        return QtFuture::makeReadyFuture(StandInWidgetsService::handle(context, request));
    }
    if (seg.value(0) == u"oauth2")
        return QtFuture::makeReadyFuture(m_oauth.handle(request, baseUrlFor(request), now()));

    if (seg.value(0) == u"v1_1") {
        if (seg.value(1) == u"provisioning" && seg.value(2) == u"accounts")
            return QtFuture::makeReadyFuture(
                ProvisioningService::handle(m_account, m_environments, seg.mid(3), request));
        EnvironmentConfig *env = environment(seg.value(1));
        if (!env)
            return QtFuture::makeReadyFuture(
                ApiResponse::error(401, QStringLiteral("Invalid cloud_name %1").arg(seg.value(1))));
        const bool uploadApi = isUploadApiCall(apiPath(request));
        if (uploadApi && request.method == "OPTIONS")
            return QtFuture::makeReadyFuture(uploadPreflight());

        // Faults, before anything is done: an error answer, or a connection dropped unanswered.
        const FaultSettings &faults = env->faults;
        ApiResponse faulted;
        bool fault = false;
        if (faults.errorRate > 0 && m_faultRandom.generateDouble() < faults.errorRate) {
            static const int statuses[] = {500, 502, 503};
            faulted = ApiResponse::error(statuses[m_faultRandom.bounded(3)],
                                         QStringLiteral("Injected server error (sandbox fault injection)"));
            fault = true;
        } else if (faults.dropRate > 0 && m_faultRandom.generateDouble() < faults.dropRate / 2) {
            faulted.dropConnection = true;
            fault = true;
        }
        if (!fault && uploadApi && UploadService::isUploadFromUrl(request)) {
            const int latencyMs = faults.latencyMs;
            return uploadFromUrl(*env, request, baseUrlFor(request)).then([latencyMs](ApiResponse response) {
                response.delayMs += latencyMs;
                allowAnyOrigin(response);
                return response;
            });
        }
        ApiResponse response = fault ? faulted : handleApi(*env, request, baseUrlFor(request));
        if (uploadApi)
            allowAnyOrigin(response);
        // The other half of the dropped connections happen after the work was done, as when a
        // connection breaks before the answer arrives.
        if (!fault && faults.dropRate > 0 && m_faultRandom.generateDouble() < faults.dropRate / 2)
            response.dropConnection = true;
        response.delayMs += faults.latencyMs;
        response.slowBodyBytesPerTick = faults.slowBodyBytesPerTick;
        return QtFuture::makeReadyFuture(response);
    }

    // Delivery: /<cloud>/<resource_type>/<type>/…
    EnvironmentConfig *env = environment(seg.value(0));
    if (!env) {
        ApiResponse missing = ApiResponse::bytes(QByteArray(), "text/plain", 404);
        missing.setHeader("X-Cld-Error", "Unknown cloud name");
        return QtFuture::makeReadyFuture(missing);
    }
    const FaultSettings faults = env->faults;
    QFuture<ApiResponse> future = m_delivery->handle(*env, request);
    if (!faults.includeDelivery)
        return future;
    return future.then([faults](ApiResponse response) {
        response.delayMs += faults.latencyMs;
        response.slowBodyBytesPerTick = faults.slowBodyBytesPerTick;
        return response;
    });
}

ApiResponse Sandbox::handleApi(EnvironmentConfig &env, const ApiRequest &request, const QString &baseUrl)
{
    const QStringList path = apiPath(request);
    const bool upload = isUploadApiCall(path);
    if (auto refused = checkApiCredentials(request, env, upload))
        return *refused;
    ApiContext ctx {m_store, env, baseUrl, now(), hasBearer(request)};
    if (upload) {
        if (env.faults.force420)
            return ApiResponse::error(420, QStringLiteral("Rate Limit Exceeded (sandbox fault injection)"));
        return path.size() == 1
            ? m_uploadService->handle(ctx, QStringLiteral("auto"), QStringLiteral("upload"), request)
            : m_uploadService->handle(ctx, path.at(0), path.at(1), request);
    }

    // Admin and Search: the hourly budget.
    if (auto spent = spendRateLimit(env))
        return *spent;
    ApiResponse response;
    if (!path.isEmpty() && env.deniedApis.contains(path.constFirst())) {
        response = ApiResponse::error(
            403,
            QStringLiteral("This API key is not permitted to access %1 (sandbox: denied_apis)")
                .arg(path.constFirst()));
        addRateLimitHeaders(env, response);
        return response;
    }
    const bool search = path.size() == 2 && path.at(0) == u"resources" && path.at(1) == u"search";
    if (search)
        response = SearchService::handle(ctx, request);
    else
        response = m_adminService.handle(ctx, path, request);
    addRateLimitHeaders(env, response);
    return response;
}

QFuture<ApiResponse> Sandbox::uploadFromUrl(EnvironmentConfig &env, const ApiRequest &request,
                                            const QString &baseUrl)
{
    const QStringList path = apiPath(request);
    if (auto refused = checkApiCredentials(request, env, true))
        return QtFuture::makeReadyFuture(*refused);
    const ApiContext ctx {m_store, env, baseUrl, now(), hasBearer(request)};
    const QString resourceType = path.size() == 1 ? QStringLiteral("auto") : path.at(0);
    if (auto refused = UploadService::refuseBeforeFetch(ctx, resourceType, request))
        return QtFuture::makeReadyFuture(*refused);
    if (env.faults.force420)
        return QtFuture::makeReadyFuture(
            ApiResponse::error(420, QStringLiteral("Rate Limit Exceeded (sandbox fault injection)")));

    const QUrl url(request.param(QStringLiteral("file")), QUrl::StrictMode);
    const QString cloudName = env.cloudName;
    QString hostAndPort = url.host();
    if (url.port() != -1)
        hostAndPort += u':' + QString::number(url.port());
    const bool own = url.scheme().compare(u"http", Qt::CaseInsensitive) == 0 && !url.host().isEmpty()
        && m_hostNames.allowsHost(hostAndPort.toUtf8());
    QFuture<RemoteFile> fetched = own ? fetchOwnUrl(url) : m_remoteFiles->fetch(url);
    return fetched.then(this, [this, request, cloudName, baseUrl](RemoteFile file) {
        if (!file.error.isEmpty())
            return ApiResponse::error(400, file.error);
        EnvironmentConfig *current = environment(cloudName);
        if (!current)
            return ApiResponse::error(401, QStringLiteral("Invalid cloud_name %1").arg(cloudName));
        // The upload as if the file had come in the body; the signature never covers `file`.
        ApiRequest withFile = request;
        withFile.params.removeIf([](const auto &param) { return param.first == u"file"; });
        withFile.json.remove(QStringLiteral("file"));
        withFile.files.insert(QStringLiteral("file"), UploadedPart {std::move(file.data), file.fileName, {}});
        return handleApi(*current, withFile, baseUrl);
    });
}

QFuture<RemoteFile> Sandbox::fetchOwnUrl(const QUrl &url)
{
    QString hostAndPort = url.host();
    if (url.port() != -1)
        hostAndPort += u':' + QString::number(url.port());
    ApiRequest get = ApiRequest::fromHead("GET", url, {{"host", hostAndPort.toUtf8()}});
    QString error;
    const EnvironmentConfig *env = environment(get.segments.value(0));
    // Delivery URLs only: the sandbox's APIs, controls and pages are not files to upload.
    if (!env || !get.parseBody(url.query(QUrl::FullyEncoded).toUtf8(), &error))
        return QtFuture::makeReadyFuture(RemoteFile {{}, {}, RemoteFileFetcher::loadingError(url, 404)});
    const qint64 maxBytes = m_remoteFiles->maxBytes();
    return m_delivery->handle(*env, get).then(this, [url, maxBytes](const ApiResponse &response) {
        if (response.status != 200)
            return RemoteFile {{}, {}, RemoteFileFetcher::loadingError(url, response.status)};
        if (response.body.size() > maxBytes)
            return RemoteFile {{},
                               {},
                               QStringLiteral("File size too large. Got %1. Maximum is %2.")
                                   .arg(response.body.size())
                                   .arg(maxBytes)};
        return RemoteFile {response.body, RemoteFileFetcher::fileNameOf(url), {}};
    });
}

std::optional<ApiResponse> Sandbox::spendRateLimit(EnvironmentConfig &env)
{
    RateWindow &window = m_rateWindows[env.cloudName];
    const QDateTime current = now();
    if (!window.reset.isValid() || current >= window.reset) {
        window.used = 0;
        window.reset = nextHour(current);
    }
    if (env.faults.force420 || window.used >= env.adminRateLimit) {
        ApiResponse response = ApiResponse::error(
            420,
            QStringLiteral("Rate Limit Exceeded. Allowed %1 calls per hour; the limit resets at %2.")
                .arg(env.adminRateLimit)
                .arg(QString::fromLatin1(httpDate(window.reset))));
        addRateLimitHeaders(env, response);
        return response;
    }
    ++window.used;
    return std::nullopt;
}

void Sandbox::addRateLimitHeaders(const EnvironmentConfig &env, ApiResponse &response)
{
    // A 420 (the budget spent, or forced) says nothing remains and when to come back.
    const RateWindow &window = m_rateWindows[env.cloudName];
    const bool refused = response.status == 420;
    response.setHeader("X-FeatureRateLimit-Limit", QByteArray::number(env.adminRateLimit));
    response.setHeader("X-FeatureRateLimit-Remaining",
                       QByteArray::number(refused ? 0 : qMax(0, env.adminRateLimit - window.used)));
    response.setHeader("X-FeatureRateLimit-Reset", httpDate(window.reset));
    if (refused)
        response.setHeader("Retry-After", secondsUntil(now(), window.reset));
}

ApiResponse Sandbox::handleControl(const ApiRequest &request)
{
    // /_sandbox/health, /_sandbox/faults/<cloud>, /_sandbox/rate_limit/<cloud>: loopback-only
    // controls for tests and demos. Changes come as JSON, never from another web page (checkHead).
    const QStringList path = request.segments.mid(1);
    if (path.value(0) == u"health") {
        QJsonArray clouds;
        for (const EnvironmentConfig &env : m_environments)
            clouds.append(
                QJsonObject {{QStringLiteral("cloud_name"), env.cloudName},
                             {QStringLiteral("folder_mode"), env.folderModeName()},
                             {QStringLiteral("assets"), double(m_store.assetCount(env.cloudName))}});
        return ApiResponse::json(
            {{QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("environments"), clouds}});
    }
    // /_sandbox/oauth/stats: what the authorization server did (code exchanges, refreshes, …).
    if (path.value(0) == u"oauth" && path.value(1) == u"stats" && path.size() == 2)
        return ApiResponse::json(m_oauth.statsJson());
    // /_sandbox/requests: what clients sent, when recording (--record-requests); DELETE also empties it.
    if (path.value(0) == u"requests" && path.size() == 1) {
        if (!m_recorder.enabled())
            return ApiResponse::error(
                404, QStringLiteral("Requests are not recorded (start with --record-requests N)"));
        const QJsonArray records = m_recorder.records();
        if (request.method == "DELETE")
            m_recorder.clear(); // read and empty: nothing is lost between the two
        return ApiResponse::json({{QStringLiteral("requests"), records}});
    }
    EnvironmentConfig *env = environment(path.value(1));
    if (!env)
        return ApiResponse::error(404, QStringLiteral("Unknown environment %1").arg(path.value(1)));
    if (path.value(0) == u"faults") {
        if (request.method == "POST" || request.method == "PUT") {
            QJsonObject changes = request.json;
            for (const auto &[name, value] : request.params)
                changes.insert(name, value);
            env->faults.apply(changes);
        }
        return ApiResponse::json(env->faults.toJson());
    }
    if (path.value(0) == u"rate_limit") {
        RateWindow &window = m_rateWindows[env->cloudName];
        if (request.method == "POST" || request.method == "PUT") {
            if (request.hasParam(QStringLiteral("limit")))
                env->adminRateLimit = int(request.intParam(QStringLiteral("limit"), env->adminRateLimit));
            if (request.hasParam(QStringLiteral("used")))
                window.used = int(request.intParam(QStringLiteral("used"), window.used));
            if (request.hasParam(QStringLiteral("reset_in_seconds")))
                window.reset = now().addSecs(request.intParam(QStringLiteral("reset_in_seconds"), 3600));
        }
        return ApiResponse::json({{QStringLiteral("limit"), env->adminRateLimit},
                                  {QStringLiteral("remaining"), qMax(0, env->adminRateLimit - window.used)},
                                  {QStringLiteral("reset"), window.reset.toString(Qt::ISODateWithMs)}});
    }
    return ApiResponse::error(404, QStringLiteral("Unknown sandbox control"));
}

} // namespace stratus::sandbox
