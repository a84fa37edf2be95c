#pragma once

#include "api/adminservice.h"
#include "api/uploadservice.h"
#include "environmentconfig.h"
#include "http/requestorigin.h"
#include "http/sandboxhttpserver.h"
#include "oauth/oauthservice.h"
#include "store/assetstore.h"
#include "widgets/medialibraryservice.h"
#include "widgets/uploadwidgetservice.h"

#include <QDateTime>
#include <QFuture>
#include <QHash>
#include <QList>
#include <QObject>
#include <QRandomGenerator>

#include <functional>
#include <memory>

namespace stratus::sandbox {

class DeliveryService;
class RemoteFileFetcher;
struct RemoteFile;

/// A running Cloudinary-compatible sandbox: environments, their store, and the HTTP server that
/// routes each call to the Upload, Admin, Search or Provisioning API or to delivery. Also applies
/// per-environment rate limits (Admin and Search calls per hour, with X-FeatureRateLimit-*
/// headers, 420 with Retry-After when spent) and fault injection. Create on the thread that runs
/// the event loop; embedders (the desktop app, tests) use it like stratus-sandbox's main() does.
class Sandbox : public QObject
{
    Q_OBJECT

public:
    explicit Sandbox(QObject *parent = nullptr);
    ~Sandbox() override;

    /// Opens the data directory and sets the environments. Returns false with *error set.
    bool open(const QString &dataDirectory, const QList<EnvironmentConfig> &environments,
              const AccountConfig &account, QString *error);
    /// After open(): the authorization server's users (their clouds must be environments of this
    /// sandbox), extra client IDs and token lifetime. Without it, /oauth2/auth has no users.
    /// Returns false with *error set.
    bool setAuthorization(const AuthorizationSettings &settings, QString *error);
    /// Listens on 127.0.0.1:port (0: a free port). Returns the port, 0 on failure.
    quint16 listen(quint16 port);
    [[nodiscard]] quint16 port() const { return m_port; }
    /// Where the stand-in widgets' iframe pages live: `http://localhost:PORT`, an origin of their
    /// own beside the clients' `http://127.0.0.1:PORT` (docs/sandbox-widgets.md). The loaders are at
    /// /widgets/…/all.js under either name.
    [[nodiscard]] QString widgetsOrigin() const;

    [[nodiscard]] const QList<EnvironmentConfig> &environments() const { return m_environments; }
    [[nodiscard]] AssetStore &store() { return m_store; }
    /// The CLOUDINARY_URL that points a client at an environment.
    [[nodiscard]] QString clientUrl(const EnvironmentConfig &env) const { return env.clientUrl(m_port); }

    /// The bounds on an upload from a URL (`file=http(s)://…`): the largest file and the longest
    /// wait without a byte. Defaults: 100 MB, 30 s.
    void setRemoteFileLimits(qint64 maxBytes, int timeoutMs);

    /// Overrides "now" (tests of stale signatures and rate-limit resets). Null: the real clock.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    [[nodiscard]] QDateTime now() const;

private:
    struct RateWindow
    {
        int used = 0;
        QDateTime reset;
    };

    QFuture<ApiResponse> handle(ApiRequest &request);
    /// Judges a request from its head, before its body is read: the Host, the origin of a
    /// control, credentials sent in the Authorization header, and the bound on the body.
    HeadVerdict checkHead(const ApiRequest &head) const;
    ApiResponse handleApi(EnvironmentConfig &env, const ApiRequest &request, const QString &baseUrl);
    ApiResponse handleControl(const ApiRequest &request);
    /// The credentials of an Admin, Search (`upload` false) or Upload API call: a Bearer token
    /// for this environment with the right scope, or else Basic auth (Admin and Search; Upload API
    /// calls check theirs in the body). The refusal, or nothing.
    std::optional<ApiResponse> checkApiCredentials(const ApiRequest &request, const EnvironmentConfig &env,
                                                   bool upload) const;
    /// An upload whose `file` is a URL: the credentials checked, then the file fetched (a URL of
    /// this sandbox answered by handle() itself, others over the network), then the upload as if
    /// the file had been sent.
    QFuture<ApiResponse> uploadFromUrl(EnvironmentConfig &env, const ApiRequest &request,
                                       const QString &baseUrl);
    /// A delivery URL of this sandbox, answered without the network (the server's own thread would
    /// otherwise wait for itself).
    QFuture<RemoteFile> fetchOwnUrl(const QUrl &url);
    /// Counts one Admin/Search call; returns the 420 answer when the budget is spent.
    std::optional<ApiResponse> spendRateLimit(EnvironmentConfig &env);
    void addRateLimitHeaders(const EnvironmentConfig &env, ApiResponse &response);
    EnvironmentConfig *environment(const QString &cloudName);
    const EnvironmentConfig *environment(const QString &cloudName) const;
    [[nodiscard]] QString baseUrlFor(const ApiRequest &request) const;

    AssetStore m_store;
    QList<EnvironmentConfig> m_environments;
    AccountConfig m_account;
    QHash<QString, RateWindow> m_rateWindows;
    std::unique_ptr<UploadService> m_uploadService;
    AdminService m_adminService;
    OAuthService m_oauth;
    MediaLibraryService m_mediaLibrary;
    std::unique_ptr<RemoteFileFetcher> m_remoteFiles;
    std::unique_ptr<DeliveryService> m_delivery;
    std::unique_ptr<SandboxHttpServer> m_server;
    quint16 m_port = 0;
    HostNames m_hostNames;
    std::function<QDateTime()> m_clock;
    QRandomGenerator m_faultRandom {20261122};
};

} // namespace stratus::sandbox
