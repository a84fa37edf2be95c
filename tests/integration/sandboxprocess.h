#pragma once

// Runs the real stratus-sandbox on 127.0.0.1 with a free port for integration tests (style habit
// 6: real transport in the middle), and builds the API contexts that point at it with nothing but
// the CLOUDINARY_URL it prints. Header-only; each tst_integration_*.cpp starts its own sandbox.

#include "core/api/apicontext.h"
#include "core/config/cloudinaryurl.h"
#include "core/net/job.h"
#include "core/net/secretsource.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <memory>

namespace stratus::test {

class SandboxProcess
{
public:
    SandboxProcess() { m_network.setProxy(QNetworkProxy::NoProxy); }
    ~SandboxProcess() { stop(); }
    SandboxProcess(const SandboxProcess &) = delete;
    SandboxProcess &operator=(const SandboxProcess &) = delete;

    /// Starts the sandbox with `arguments` (besides --port 0) and reads what it prints: the
    /// "listening on" line, one CLOUDINARY_URL per environment and, with an account, the
    /// CLOUDINARY_ACCOUNT_URL. False with *error when it does not come up within 90 s (seeding on a
    /// machine busy with builds can take a while; this only guards against a hang).
    bool start(const QStringList &arguments, int environments, bool account, QString *error)
    {
        return startExactly(QStringList {QStringLiteral("--port"), QStringLiteral("0")} + arguments,
                            environments, account, error);
    }

    /// Like start(), with `arguments` alone (e.g. only --config FILE, which names the port).
    bool startExactly(const QStringList &arguments, int environments, bool account, QString *error)
    {
        m_process.setProgram(QStringLiteral(STRATUS_SANDBOX_PATH));
        m_process.setArguments(arguments);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start();
        if (!m_process.waitForStarted(10000)) {
            *error = QStringLiteral("cannot start %1: %2").arg(m_process.program(), m_process.errorString());
            return false;
        }
        const int expected = 1 + environments + (account ? 1 : 0);
        QStringList lines;
        QElapsedTimer clock;
        clock.start();
        while (lines.size() < expected && clock.elapsed() < 90000) {
            if (!m_process.canReadLine() && !m_process.waitForReadyRead(500)) {
                if (m_process.state() != QProcess::Running)
                    break;
                continue;
            }
            while (m_process.canReadLine())
                lines.append(QString::fromUtf8(m_process.readLine()).trimmed());
        }
        if (lines.size() < expected) {
            *error = QStringLiteral("the sandbox printed %1 of %2 lines; stderr: %3")
                         .arg(lines.size())
                         .arg(expected)
                         .arg(QString::fromUtf8(m_process.readAllStandardError()));
            return false;
        }
        const QString listening = QStringLiteral("listening on ");
        if (!lines.first().startsWith(listening)) {
            *error = QStringLiteral("unexpected first line: %1").arg(lines.first());
            return false;
        }
        m_baseUrl = QUrl(lines.first().mid(listening.size()));
        for (const QString &line : std::as_const(lines)) {
            if (line.startsWith(QStringLiteral("CLOUDINARY_URL=")))
                m_cloudinaryUrls.append(line.mid(15));
            else if (line.startsWith(QStringLiteral("CLOUDINARY_ACCOUNT_URL=")))
                m_accountUrl = line.mid(23);
        }
        return m_baseUrl.isValid() && m_cloudinaryUrls.size() == environments;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    [[nodiscard]] const QUrl &baseUrl() const { return m_baseUrl; }
    [[nodiscard]] const QStringList &cloudinaryUrls() const { return m_cloudinaryUrls; }
    [[nodiscard]] QString accountUrl() const { return m_accountUrl; }
    [[nodiscard]] QNetworkAccessManager *network() { return &m_network; }
    /// The sandbox's process id (0 when it is not running), e.g. to read its CPU time in /proc.
    [[nodiscard]] qint64 processId() const { return m_process.processId(); }

    /// The context of environment `index`, from its printed CLOUDINARY_URL alone.
    [[nodiscard]] core::ApiContext context(int index, core::RateLimitBudget *budget = nullptr)
    {
        return contextFor(m_cloudinaryUrls.value(index), false, budget);
    }

    /// The Provisioning API context, from the printed CLOUDINARY_ACCOUNT_URL alone.
    [[nodiscard]] core::ApiContext accountContext() { return contextFor(m_accountUrl, true, nullptr); }

    /// One answer to a hand-made request, for checks of the protocol itself (status, headers).
    struct RawAnswer
    {
        int status = 0; ///< 0: no answer (connection failed or timed out)
        QList<QNetworkReply::RawHeaderPair> headers;
        QByteArray body;

        [[nodiscard]] QByteArray header(QByteArrayView name) const
        {
            for (const auto &[key, value] : headers) {
                if (key.compare(name, Qt::CaseInsensitive) == 0)
                    return value;
            }
            return {};
        }
    };

    /// What clients sent, for a sandbox started with `--record-requests N` (RequestRecorder): the records
    /// of GET /_sandbox/requests, oldest first; `clear` empties the record in the same request.
    QJsonArray recordedRequests(bool clear = false)
    {
        // A control that changes something takes JSON (what no other web page can send).
        const RawAnswer answer = clear
            ? raw(QByteArrayLiteral("DELETE"), QStringLiteral("/_sandbox/requests"),
                  {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}},
                  QByteArrayLiteral("{}"))
            : raw(QByteArrayLiteral("GET"), QStringLiteral("/_sandbox/requests"));
        return QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("requests")).toArray();
    }

    /// Sends `verb` to `pathAndQuery` on the sandbox ("/v1_1/cloud/ping") with `headers` and
    /// `body`, and waits up to 10 s for the answer.
    RawAnswer raw(const QByteArray &verb, const QString &pathAndQuery,
                  const QList<std::pair<QByteArray, QByteArray>> &headers = {}, const QByteArray &body = {})
    {
        QNetworkRequest request(m_baseUrl.resolved(QUrl(pathAndQuery)));
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        return exchange(request, verb, body);
    }

    /// Plays the person in the browser for a sign-in at the sandbox's authorization server: opens
    /// `authorizeUrl` (what the client wants to open), signs in with `email` and `password`,
    /// answers the consent page with `action` ("allow" or "deny", choosing `cloud` when the user has
    /// several) and answers where the browser would go next: the client's redirect URI with the
    /// code (or error) and state. Empty, with a warning, when a page was not what a person expects.
    QUrl signInInBrowser(const QUrl &authorizeUrl, const QString &email, const QString &password,
                         const QString &action = QStringLiteral("allow"), const QString &cloud = {})
    {
        const auto page = browse("GET", authorizeUrl, {});
        const QString loginId = requestIdIn(page.body);
        if (page.status != 200 || loginId.isEmpty()) {
            qWarning("authorize page: %d %s", page.status, page.body.left(300).constData());
            return {};
        }
        const QUrl post = m_baseUrl.resolved(QUrl(QStringLiteral("/oauth2/auth")));
        const auto consent = browse("POST", post,
                                    {{QStringLiteral("request_id"), loginId},
                                     {QStringLiteral("action"), QStringLiteral("login")},
                                     {QStringLiteral("email"), email},
                                     {QStringLiteral("password"), password}});
        const QString consentId = requestIdIn(consent.body);
        if (consent.status != 200 || consentId.isEmpty()) {
            qWarning("login: %d %s", consent.status, consent.body.left(300).constData());
            return {};
        }
        QList<std::pair<QString, QString>> fields {{QStringLiteral("request_id"), consentId},
                                                   {QStringLiteral("action"), action}};
        if (!cloud.isEmpty())
            fields.append({QStringLiteral("cloud"), cloud});
        const auto answer = browse("POST", post, fields);
        if (answer.status != 302) {
            qWarning("consent: %d %s", answer.status, answer.body.left(300).constData());
            return {};
        }
        return QUrl(QString::fromUtf8(answer.header("location")));
    }

    /// What the browser does with the redirect: a GET of the client's loopback URL. The page the
    /// client answered with.
    RawAnswer followRedirect(const QUrl &redirect) { return browse("GET", redirect, {}); }

    /// Every asset of environment @p index (up to 500) with its tags and context, through the Search
    /// API as a sync asks for them: for tests that fill a catalogue with what the sandbox holds.
    RawAnswer searchEverything(int index)
    {
        const auto url = core::CloudinaryUrl::parse(m_cloudinaryUrls.value(index));
        if (!url)
            return {};
        const QByteArray auth = "Basic " + (url->apiKey() + u':' + url->apiSecret()).toUtf8().toBase64();
        return raw("POST", QStringLiteral("/v1_1/%1/resources/search").arg(url->cloudName()),
                   {{"Authorization", auth}, {"Content-Type", "application/json"}},
                   R"({"max_results":500,"with_field":["tags","context"]})");
    }

    /// POST /_sandbox/<what>/<cloud> with settings (fault injection, rate-limit window), as the
    /// JSON object the sandbox requires of a change (a web page cannot send one).
    RawAnswer controlAnswer(const QString &what, const QString &cloud,
                            const QList<std::pair<QString, QString>> &fields)
    {
        QJsonObject settings;
        for (const auto &[name, value] : fields)
            settings.insert(name, value);
        return raw("POST", QStringLiteral("/_sandbox/%1/%2").arg(what, cloud),
                   {{"Content-Type", "application/json"}},
                   QJsonDocument(settings).toJson(QJsonDocument::Compact));
    }

    /// controlAnswer(), true when the sandbox accepted the change.
    bool control(const QString &what, const QString &cloud, const QList<std::pair<QString, QString>> &fields)
    {
        return controlAnswer(what, cloud, fields).status == 200;
    }

    /// Waits until the sandbox has answered every request sent to environment `cloud` before this
    /// call, by sending one more and waiting for its answer: an upload without a file, refused but
    /// delayed by the injected latency like any answer (delays of equal length end in the order
    /// they began), and costing no Admin API budget. For tests that must see that a late answer
    /// changes nothing, without guessing how long to sleep. Only with latency faults (an injected
    /// error or drop may hit this request too); false when no answer came.
    bool waitForEarlierAnswers(const QString &cloud)
    {
        return raw("POST", QStringLiteral("/v1_1/%1/image/upload").arg(cloud),
                   {{"Content-Type", "application/x-www-form-urlencoded"}}, "timestamp=1")
                   .status
            != 0;
    }

private:
    static QString requestIdIn(const QByteArray &page)
    {
        static const QRegularExpression pattern(QStringLiteral("name=\"request_id\" value=\"([^\"]+)\""));
        return pattern.match(QString::fromUtf8(page)).captured(1);
    }

    // One request as a browser sends it, redirects not followed; `fields` as a form body.
    RawAnswer browse(const QByteArray &verb, const QUrl &url,
                     const QList<std::pair<QString, QString>> &fields)
    {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QByteArray body;
        if (verb == "POST") {
            QUrlQuery query;
            for (const auto &[name, value] : fields)
                query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
            body = query.toString(QUrl::FullyEncoded).toUtf8();
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/x-www-form-urlencoded"));
        }
        return exchange(request, verb, body);
    }

    // Sends one request and waits up to 10 s for its answer.
    RawAnswer exchange(const QNetworkRequest &request, const QByteArray &verb, const QByteArray &body)
    {
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, verb, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        RawAnswer answer;
        if (!reply->isFinished() && !finished.wait(10000))
            return answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.headers = reply->rawHeaderPairs();
        answer.body = reply->readAll();
        return answer;
    }

    core::ApiContext contextFor(const QString &text, bool account, core::RateLimitBudget *budget)
    {
        core::ApiContext context;
        const auto url = core::CloudinaryUrl::parse(text);
        if (!url)
            return context;
        const auto endpoint
            = account ? core::ApiEndpoint::forAccount(*url) : core::ApiEndpoint::forEnvironment(*url);
        if (!endpoint)
            return context;
        context.network = &m_network;
        context.endpoint = *endpoint;
        context.secret = std::make_shared<core::FixedSecret>(url->apiSecret());
        context.budget = budget;
        context.retryPolicy.baseDelay = std::chrono::milliseconds(20);
        context.retryPolicy.maxDelay = std::chrono::milliseconds(200);
        context.retryPolicy.stallTimeout = std::chrono::seconds(30);
        return context;
    }

    QProcess m_process;
    QNetworkAccessManager m_network;
    QUrl m_baseUrl;
    QStringList m_cloudinaryUrls;
    QString m_accountUrl;
};

/// The job's error message, or nothing; safe to evaluate for a job that succeeded (QVERIFY2
/// evaluates its message either way).
inline QByteArray errorText(const core::Job *job)
{
    return job->error() ? job->error()->message.toUtf8() : QByteArray();
}

/// Starts `job`, waits for its one finished(); false if it did not finish in time.
inline bool runToEnd(core::Job *job, int timeoutMs = 60000)
{
    QSignalSpy finished(job, &core::Job::finished);
    job->start();
    return finished.wait(timeoutMs) && finished.size() == 1;
}

} // namespace stratus::test
