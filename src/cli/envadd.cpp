// stratus-cli env add: reads a CLOUDINARY_URL (from stdin by default, so that the secret stays out
// of the process list and the shell history), tests the credentials against the server, and only
// then stores the environment, its secret in the OS keychain. Never prints the secret, not even
// inside a server's or the keychain's words (scrubbed()).

#include "envadd.h"

#include "clienvironments.h"
#include "commands.h"
#include "stdinlines.h"

#include "core/accounts/apicontextfor.h"
#include "core/accounts/environmentcheck.h"
#include "core/net/secretsource.h"
#include "core/net/transportsecurity.h"
#include "core/util/secretmemory.h"
#include "words/checkwords.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>

#include <cstdio>
#include <optional>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;
using stratus::core::AccountStore;
using stratus::core::CheckProblem;
using stratus::core::CloudinaryUrl;
using stratus::core::EnvironmentRecord;
using stratus::core::Error;

namespace stratus::cli {

// Null when `name` can be an environment's name (`what` EnvironmentNameUnusable) or an account's label.
std::optional<QString> nameRefusal(const QString &name, core::ErrorReason what)
{
    if (auto valid = core::validateName(name, what); !valid)
        return errorText(valid.error());
    return std::nullopt;
}

namespace {

// The first line of stdin, without echo on a terminal; null when stdin is empty. Bounded and never
// cut short: a line over 64 KiB or one holding a NUL byte is an error, not a shorter URL.
core::Result<QString> readUrlFromStdin(CliContext &ctx)
{
#ifdef Q_OS_UNIX
    const bool terminal = ::isatty(STDIN_FILENO) == 1;
    termios saved {};
    bool echoOff = false;
    if (terminal) {
        ctx.err(u"Paste the CLOUDINARY_URL (cloudinary://API_KEY:API_SECRET@CLOUD_NAME) and press Enter: "_s);
        if (::tcgetattr(STDIN_FILENO, &saved) == 0) {
            termios quiet = saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            echoOff = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
#endif
    constexpr qsizetype kMaxBytes = 64 * 1024;
    core::LineSplitter lines(kMaxBytes); // zeroes what it read of the secret when it goes
    // A read error counts as the end: then there is no URL on stdin.
    while (lines.lines().isEmpty() && !lines.atEnd() && readStdin(lines, 4096)) { }
#ifdef Q_OS_UNIX
    if (echoOff)
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    if (terminal)
        ctx.err(u"\n"_s);
#endif
    QByteArrayView line = lines.lines();
    if (const qsizetype newline = line.indexOf('\n'); newline >= 0)
        line = line.first(newline);
    if (lines.overlongLine() > 0 && line.isEmpty())
        return Error::invalidInput(u"the first line of stdin is longer than 64 KiB; expected one line: "
                                   u"cloudinary://API_KEY:API_SECRET@CLOUD_NAME"_s);
    if (line.contains('\0'))
        return Error::invalidInput(u"stdin holds a NUL byte; expected one line of text: "
                                   u"cloudinary://API_KEY:API_SECRET@CLOUD_NAME"_s);
    if (line.isEmpty())
        return QString();
    QString text = QString::fromUtf8(line).trimmed();
    if (text.startsWith(u"CLOUDINARY_URL="_s))
        text.remove(0, 15);
    return text;
}

// The proxy a request to `url` goes through (http_proxy, https_proxy, no_proxy, the desktop's
// settings), as "host:port"; empty when it goes direct, as loopback requests do.
QString proxyFor(const QUrl &url)
{
    const QList<QNetworkProxy> proxies = QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(url));
    if (proxies.isEmpty() || proxies.constFirst().type() == QNetworkProxy::NoProxy
        || proxies.constFirst().type() == QNetworkProxy::DefaultProxy)
        return {};
    return u"%1:%2"_s.arg(proxies.constFirst().hostName()).arg(proxies.constFirst().port());
}

// One line for a person about a failed connection test of the API at `api`, in words::CheckWords'
// words (the app's accounts dialogs word the same problems there).
QString checkProblemText(const Error &error, const CloudinaryUrl &url, const QUrl &api, const QString &secret)
{
    const QString host = api.authority();
    const words::CheckFacts facts {url.cloudName(), host, proxyFor(api)};
    switch (words::CheckWords::problem(error, facts)) {
    case CheckProblem::Keychain:
        return keychainProblem(error);
    case CheckProblem::InsecureTransport:
        return insecureTransportRefusal(host);
    default:
        break;
    }
    return scrubbed(words::CheckWords::line(error, facts).value_or(errorText(error)), secret);
}

// An environment on its way into the store: what `env add` learns about it, step by step.
struct NewEnvironment
{
    QString name;
    CloudinaryUrl url; ///< without the secret
    QString secret;
    QString label; ///< of the account it goes to
    const core::AccountRecord *account = nullptr; ///< that account, when it exists
    EnvironmentRecord record;
};

// Before the URL is even read: nothing about it changes what is wrong with the names.
std::optional<int> refuseNames(CliContext &ctx, const AccountStore &store, const QString &name,
                               const QString &accountOption)
{
    if (const auto refused = nameRefusal(name, core::ErrorReason::EnvironmentNameUnusable))
        return ctx.usageError(*refused);
    if (!accountOption.trimmed().isEmpty()) {
        if (const auto refused
            = nameRefusal(accountOption.trimmed(), core::ErrorReason::AccountLabelUnusable))
            return ctx.usageError(*refused);
    }
    if (store.environmentByName(name) || store.damagedEnvironment(name))
        return ctx.usageError(
            u"an environment named '%1' exists already; remove it first or pick another name"_s.arg(name));
    return std::nullopt;
}

// The CLOUDINARY_URL from --cloudinary-url or stdin, with a key and a secret.
std::optional<int> readEnvironmentUrl(CliContext &ctx, const QString &urlOption, bool urlGiven,
                                      NewEnvironment &added)
{
    core::Result<QString> read
        = urlGiven ? core::Result<QString>(urlOption.trimmed()) : readUrlFromStdin(ctx);
    if (!read)
        return ctx.usageError(read.error().message);
    QString text = std::move(read).value();
    if (text.isEmpty())
        return ctx.usageError(urlGiven ? u"--cloudinary-url is empty"_s
                                       : u"no CLOUDINARY_URL on stdin (one line: "
                                         u"cloudinary://API_KEY:API_SECRET@CLOUD_NAME)"_s);
    const core::Result<CloudinaryUrl> parsed = CloudinaryUrl::parse(text, CloudinaryUrl::Kind::Cloud);
    core::wipe(text);
    if (!parsed)
        return ctx.usageError(u"the CLOUDINARY_URL is malformed: "_s + errorText(parsed.error()));
    added.secret = parsed->apiSecret();
    if (parsed->apiKey().isEmpty() || added.secret.isEmpty())
        return ctx.usageError(u"the CLOUDINARY_URL needs an API key and an API secret "
                              u"(cloudinary://API_KEY:API_SECRET@CLOUD_NAME)"_s);
    added.url = parsed->withoutSecret();
    return std::nullopt;
}

// The account it goes to: --account, else one labelled as the cloud; a new one when none is.
std::optional<int> findAccount(CliContext &ctx, const AccountStore &store, const QString &accountOption,
                               NewEnvironment &added)
{
    added.label = accountOption.trimmed().isEmpty() ? added.url.cloudName() : accountOption.trimmed();
    if (const auto refused = nameRefusal(added.label, core::ErrorReason::AccountLabelUnusable))
        return ctx.usageError(*refused);
    added.account = store.accountByLabel(added.label);
    if (added.account && !added.account->loggedIn)
        return ctx.failure(u"the account '%1' is logged out; log in again in Stratus first, or pick "
                           u"another --account"_s.arg(added.label));
    return std::nullopt;
}

// Asks the server whether the credentials work, and what the environment may do (its record).
std::optional<int> testConnection(CliContext &ctx, bool allowInsecureTransport, NewEnvironment &added)
{
    // Scripts may run behind a proxy: honour http_proxy/https_proxy/no_proxy like curl does.
    QNetworkProxyFactory::setUseSystemConfiguration(true);
    QNetworkAccessManager network;
    auto apiContext = core::apiContextFor(
        added.url,
        std::make_shared<core::FixedSecret>(added.secret,
                                            allowInsecureTransport ? core::InsecureTransport::Allowed
                                                                   : core::InsecureTransport::Refused),
        &network);
    if (!apiContext && apiContext.error().kind == Error::Kind::InsecureTransport) {
        // Nothing was sent: the person decides, with the flag, before the secret leaves.
        const auto endpoint = core::ApiEndpoint::forEnvironment(added.url);
        return ctx.usageError(
            insecureTransportRefusal(endpoint ? endpoint->baseUrl().host() : added.url.uploadPrefix()));
    }
    if (!apiContext)
        return ctx.usageError(u"the CLOUDINARY_URL is unusable: "_s
                              + errorText(apiContext.error(), added.secret));
    const bool inClear = core::sendsInClear(apiContext->endpoint.baseUrl());
    if (inClear)
        warn(ctx, insecureTransportWarning(added.name, apiContext->endpoint.baseUrl().host()));
    // A person is waiting: one retry, and no waiting an hour for a spent rate limit.
    apiContext.value().retryPolicy.maxAttempts = 2;
    apiContext.value().retryPolicy.baseDelay = std::chrono::milliseconds(500);
    apiContext.value().retryPolicy.waitForRateLimit = false;
    apiContext.value().retryPolicy.stallTimeout = std::chrono::seconds(30);
    const QUrl api = apiContext->endpoint.baseUrl();
    const auto checked = waitFor<core::EnvironmentCheckResult>(
        [&apiContext](QObject *owner, std::function<void(core::Result<core::EnvironmentCheckResult>)> done) {
            core::EnvironmentCheck::start(apiContext.value(), owner, std::move(done));
        });
    if (!checked)
        return ctx.failure(checkProblemText(checked.error(), added.url, api, added.secret));

    added.record.name = added.name;
    added.record.url = added.url;
    added.record.folderMode = checked->folderMode;
    added.record.deniedFeatures = checked->deniedFeatures;
    added.record.checkedAt = QDateTime::currentDateTimeUtc();
    added.record.allowInsecureTransport = inClear; // only when asked for: a refused one never got here
    return std::nullopt;
}

// Stores the environment (and its secret in the keychain), in its account or a new one.
std::optional<int> storeEnvironment(CliContext &ctx, AccountStore &store, NewEnvironment &added)
{
    const core::Result<core::Done> stored = waitFor<
        core::Done>([&](QObject *context, std::function<void(core::Result<core::Done>)> done) {
        if (added.account) {
            added.record.accountId = added.account->id;
            store.addEnvironment(added.record, added.secret, context, std::move(done));
        } else {
            core::AccountRecord created;
            created.label = added.label;
            store.addAccount(created, {{added.record, added.secret}}, QString(), context, std::move(done));
        }
    });
    core::wipe(added.secret);
    if (stored)
        return std::nullopt;
    const Error &error = stored.error();
    switch (error.kind) {
    case Error::Kind::Unavailable:
    case Error::Kind::Permission:
        return ctx.failure(keychainProblem(error) + u"; nothing was stored"_s);
    case Error::Kind::Conflict:
    case Error::Kind::InvalidInput:
        return ctx.usageError(errorText(error));
    default:
        return ctx.failure(u"cannot store the environment (%1); nothing was stored"_s.arg(errorText(error)));
    }
}

} // namespace

int addEnvironment(CliContext &ctx, AccountStore &store, const QString &name, const QString &accountOption,
                   const QString &urlOption, bool urlGiven, bool allowInsecureTransport)
{
    if (const std::optional<int> refused = refuseNames(ctx, store, name, accountOption))
        return *refused;
    NewEnvironment added;
    added.name = name;
    if (const std::optional<int> failed = readEnvironmentUrl(ctx, urlOption, urlGiven, added))
        return *failed;
    if (const std::optional<int> failed = findAccount(ctx, store, accountOption, added))
        return *failed;
    if (const std::optional<int> failed = testConnection(ctx, allowInsecureTransport, added))
        return *failed;
    if (const std::optional<int> failed = storeEnvironment(ctx, store, added))
        return *failed;

    const EnvironmentRecord *stored = store.environmentByName(name);
    QString report = u"Added environment '%1': cloud %2, account '%3', %4 folder mode."_s.arg(
        name, added.url.cloudName(), added.label, core::folderModeName(added.record.folderMode));
    if (stored && store.currentEnvironmentId() == stored->id)
        report += u" It is the current environment."_s;
    ctx.outLine(report);
    if (!added.record.deniedFeatures.isEmpty())
        ctx.outLine(
            u"These credentials may not use: %1."_s.arg(added.record.deniedFeatures.keys().join(u", "_s)));
    return ExitOk;
}

} // namespace stratus::cli
