// stratus-cli login and logout: "Sign in with Cloudinary" (OAuth 2.0 Authorization Code with PKCE,
// RFC 8252) for scripts and terminals. login prints the authorization address, opens it in the
// browser unless told not to, waits for the browser on 127.0.0.1, tests the connection with the
// access token and stores the environment, its tokens only in the OS keychain. logout revokes the
// tokens at the server that issued them and deletes them. No token, code, verifier or state is
// printed (the address to open carries the state and the PKCE challenge, as the protocol wants).

#include "clienvironments.h"
#include "commands.h"
#include "envadd.h"

#include "core/accounts/apicontextfor.h"
#include "core/accounts/environmentcheck.h"
#include "core/auth/oauthconfig.h"
#include "core/auth/oauthsignin.h"
#include "core/auth/tokenendpoint.h"
#include "core/auth/tokenrevocation.h"
#include "core/net/secretsource.h"
#include "core/net/transportsecurity.h"
#include "core/util/secretmemory.h"
#include "words/checkwords.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QProcess>
#include <QSettings>

#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;
using stratus::core::AccountStore;
using stratus::core::CloudinaryUrl;
using stratus::core::EnvironmentRecord;
using stratus::core::Error;
using stratus::core::OAuthConfig;
using stratus::core::TokenPair;

namespace stratus::cli {

namespace {

const QString kLoginHelp = uR"(Usage: stratus-cli login [NAME] [--no-browser] [--timeout SECONDS] [--port N]
       stratus-cli login [NAME] --sandbox URL
       stratus-cli login [NAME] --server URL --client-id ID

Signs in with Cloudinary (OAuth 2.0 with PKCE, in the browser) and stores the product
environment the sign-in is for, under NAME (default: its cloud name, with -2, -3, ... when that
name is taken). No API key or secret is needed: the access and refresh tokens go to the OS
keychain only, and every command then works with the environment, except what needs the API
secret on this computer (signed delivery URLs, 'sign').

The address to open is printed on stdout (the words on stderr) and, without --no-browser, opened
with xdg-open. stratus-cli waits for the browser on http://127.0.0.1:PORT/callback (this computer
only), then tests the connection (ping, config, usage) and only then stores the environment.
Given the NAME of an environment signed in before (logged out, or its sign-in expired), the new
tokens replace the old ones.

Options:
  --no-browser          Do not open a browser; open the printed address yourself (on this
                        computer: the browser must reach 127.0.0.1 here).
  --timeout SECONDS     How long to wait for the browser (default 300).
  --port N              The loopback port to wait on (default: the build's or the preferences'
                        oauth/redirectPort; 0: any free port).
  --sandbox URL         Sign in at a stratus-sandbox (http://127.0.0.1:PORT): its own
                        authorization server, and the environment's API on that sandbox.
  --server URL          The authorization server (default: the build's STRATUS_OAUTH_SERVER,
                        or oauth/server in Stratus's preferences).
  --client-id ID        The OAuth client ID (default: the build's, or oauth/clientId in the
                        preferences). Cloudinary issues it; a build without one cannot sign in.
  -h, --help            Show this help.

Prints "Signed in to CLOUD as NAME." on success.
Exit status: 0 signed in; 1 failure (no client ID, timed out, access denied, an answer for
another sign-in, the token or connection test refused, no keychain); 2 bad input.
)"_s;

const QString kLogoutHelp = uR"(Usage: stratus-cli logout NAME

Logs out of the account of the environment NAME. For an environment signed in with Cloudinary
(stratus-cli login, "Sign in with Cloudinary" in Stratus) its tokens are first revoked at the
server that issued them (best effort: an unreachable server leaves them to expire), then deleted
from the keychain. For an environment added with an API key, its API secret is deleted from the
keychain. Either way the environment stays listed as logged out: 'stratus-cli login NAME' (or
Log In in Stratus) signs in again, 'stratus-cli env remove NAME' forgets it.

Exit status: 0 logged out (or already); 1 the keychain or accounts.ini failed; 2 bad input.
)"_s;

struct LoginOptions
{
    QString name;
    bool openBrowser = true;
    std::chrono::seconds timeout {300};
    OAuthConfig config;
    QUrl sandbox; ///< --sandbox: the environment's API is there too
};

// A `--sandbox` or `--server` URL: http(s) with a host and nothing after the path.
std::optional<QUrl> serverUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"http" && url.scheme() != u"https")
        || url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        return std::nullopt;
    return url.adjusted(QUrl::StripTrailingSlash);
}

std::optional<int> parseLogin(CliContext &ctx, LoginOptions &options, bool *helped)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption noBrowser(u"no-browser"_s);
    const QCommandLineOption timeout(u"timeout"_s, QString(), u"SECONDS"_s);
    const QCommandLineOption port(u"port"_s, QString(), u"N"_s);
    const QCommandLineOption sandbox(u"sandbox"_s, QString(), u"URL"_s);
    const QCommandLineOption server(u"server"_s, QString(), u"URL"_s);
    const QCommandLineOption clientId(u"client-id"_s, QString(), u"ID"_s);
    const QCommandLineOption help(QStringList {u"h"_s, u"help"_s});
    parser.addOptions({noBrowser, timeout, port, sandbox, server, clientId, help});
    if (!parser.parse(QStringList {u"stratus-cli login"_s} + ctx.args())) {
        return ctx.parseError(parser.errorText(), u"login"_s);
    }
    if (parser.isSet(help)) {
        ctx.out(kLoginHelp);
        *helped = true;
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return ctx.usageError(u"unexpected argument '%1'; see 'stratus-cli login --help'"_s.arg(
            core::displaySafe(positional.at(1))));
    options.name = positional.isEmpty() ? QString() : positional.constFirst().trimmed();
    if (!positional.isEmpty() && options.name.isEmpty())
        return ctx.usageError(u"the NAME is empty"_s);
    if (!options.name.isEmpty()) {
        if (const auto refused = nameRefusal(options.name, core::ErrorReason::EnvironmentNameUnusable))
            return ctx.usageError(*refused);
    }
    options.openBrowser = !parser.isSet(noBrowser);
    if (parser.isSet(timeout)) {
        bool ok = false;
        const int seconds = parser.value(timeout).toInt(&ok);
        if (!ok || seconds < 1 || seconds > 24 * 3600)
            return ctx.usageError(u"--timeout takes a number of seconds from 1 to 86400"_s);
        options.timeout = std::chrono::seconds(seconds);
    }
    if (parser.isSet(sandbox) && (parser.isSet(server) || parser.isSet(clientId)))
        return ctx.usageError(u"--sandbox excludes --server and --client-id"_s);
    if (parser.isSet(sandbox)) {
        const std::optional<QUrl> url = serverUrl(parser.value(sandbox));
        if (!url)
            return ctx.usageError(u"--sandbox takes the sandbox's address, http://127.0.0.1:PORT"_s);
        options.sandbox = *url;
        options.config = OAuthConfig::forSandbox(*url);
    } else {
        const QSettings preferences(ctx.layout().preferencesFile(), QSettings::IniFormat);
        options.config = OAuthConfig::withOverrides(OAuthConfig::fromBuild(), preferences);
        if (parser.isSet(server)) {
            const std::optional<QUrl> url = serverUrl(parser.value(server));
            if (!url)
                return ctx.usageError(u"--server takes the authorization server's address, https://HOST"_s);
            options.config.server = *url;
        }
        if (parser.isSet(clientId)) {
            options.config.clientId = parser.value(clientId).trimmed();
            if (options.config.clientId.isEmpty())
                return ctx.usageError(u"--client-id is empty"_s);
        }
    }
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535)
            return ctx.usageError(u"--port takes a port number (0 for any free one)"_s);
        options.config.redirectPort = quint16(value);
    }
    if (!options.config.canSignIn()) {
        QString said = errorText(Error::because(Error::Kind::Auth, core::ErrorReason::SignInNotConfigured));
        if (said.endsWith(u'.'))
            said.chop(1);
        return ctx.failure(said
                           + u" ('stratus-cli env add NAME'), or give a client ID with --client-id ID"_s);
    }
    // Codes and tokens never go in clear to another computer: refused before the browser opens.
    if (core::credentialTransportProblem(options.config.tokenUrl(), core::InsecureTransport::Refused))
        return ctx.usageError(u"the authorization server %1 is plain http on another computer; tokens "
                              u"would travel unencrypted, so stratus-cli does not sign in there"_s.arg(
                                  options.config.server.host()));
    return std::nullopt;
}

// The environment NAME names already: only one signed in with a token may be signed in again.
std::optional<int> checkExisting(CliContext &ctx, const AccountStore &store, const QString &name,
                                 const EnvironmentRecord **existing)
{
    *existing = nullptr;
    if (name.isEmpty())
        return std::nullopt;
    if (store.damagedEnvironment(name) && !store.environmentByName(name))
        return ctx.usageError(
            u"an environment named '%1' exists already (its entry in accounts.ini is damaged); pick "
            u"another name"_s.arg(core::displaySafe(name)));
    const EnvironmentRecord *found = findEnvironment(store, name);
    if (!found)
        return std::nullopt;
    if (!found->usesToken() || found->embeddedSandbox)
        return ctx.usageError(u"an environment named '%1' exists already and uses an API key; remove it "
                              u"first or pick another name"_s.arg(found->displayName()));
    *existing = found;
    return std::nullopt;
}

// The sign-in in the browser, from printing the address to the tokens.
core::Result<std::pair<TokenPair, core::AccessTokenClaims>>
signIn(CliContext &ctx, QNetworkAccessManager &network, const LoginOptions &options)
{
    core::OAuthSignIn flow(&network, options.config);
    flow.setTimeout(options.timeout);
    const core::Result<QUrl> started = flow.start();
    if (!started)
        return started.error();
    const QString address = started->toString(QUrl::FullyEncoded);
    ctx.err(u"Open this address in your browser to sign in:\n"_s);
    ctx.out(address + u'\n');
    std::fflush(stdout);
    if (options.openBrowser) {
        // The address is printed: a missing xdg-open or browser is no failure. Its output would
        // only mix with ours.
        QProcess opener;
        opener.setProgram(u"xdg-open"_s);
        opener.setArguments({address});
        opener.setStandardOutputFile(QProcess::nullDevice());
        opener.setStandardErrorFile(QProcess::nullDevice());
        opener.startDetached();
    }
    ctx.err(u"Waiting for the browser (%1 s)...\n"_s.arg(options.timeout.count()));
    std::fflush(stderr);

    QEventLoop loop;
    std::optional<core::Result<std::pair<TokenPair, core::AccessTokenClaims>>> outcome;
    QObject::connect(&flow, &core::OAuthSignIn::browserReturned, &loop,
                     [&ctx] { ctx.err(u"The browser came back; fetching the tokens...\n"_s); });
    QObject::connect(&flow, &core::OAuthSignIn::succeeded, &loop,
                     [&](const TokenPair &tokens, const core::AccessTokenClaims &claims) {
                         outcome.emplace(std::pair {tokens, claims});
                         loop.quit();
                     });
    QObject::connect(&flow, &core::OAuthSignIn::failed, &loop, [&](const Error &error) {
        outcome.emplace(error);
        loop.quit();
    });
    loop.exec();
    return std::move(*outcome);
}

// Tells the server to forget tokens that will not be stored; its answer changes nothing.
void revokeQuietly(QNetworkAccessManager &network, const TokenPair &tokens)
{
    core::RevokeTokenJob job(&network, tokens);
    QEventLoop loop;
    QObject::connect(&job, &core::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
}

QString uniqueName(const AccountStore &store, const QString &base)
{
    QString name = base;
    for (int n = 2; store.environmentByName(name) || store.damagedEnvironment(name); ++n)
        name = u"%1-%2"_s.arg(base).arg(n);
    return name;
}

// The environment's URL: no API key (the token says who calls), and for a sandbox the standard
// keys that point the APIs at it.
core::Result<CloudinaryUrl> environmentUrl(const QString &cloud, const QUrl &sandbox)
{
    QString text = u"cloudinary://"_s + cloud;
    if (!sandbox.isEmpty()) {
        const QString base = sandbox.toString(QUrl::FullyEncoded);
        text += u"?upload_prefix=%1&cname=%2&secure=%3"_s.arg(
            base, sandbox.authority(), sandbox.scheme() == u"https" ? u"true"_s : u"false"_s);
    }
    return CloudinaryUrl::parse(text, CloudinaryUrl::Kind::Cloud);
}

// ping, config, usage with the access token: what env add asks of a key and secret.
core::Result<core::EnvironmentCheckResult> testConnection(QNetworkAccessManager &network,
                                                          const CloudinaryUrl &url, const TokenPair &tokens)
{
    auto apiContext
        = core::apiContextFor(url, std::make_shared<core::FixedToken>(tokens.accessToken), &network);
    if (!apiContext)
        return apiContext.error();
    apiContext.value().retryPolicy.maxAttempts = 2;
    apiContext.value().retryPolicy.baseDelay = std::chrono::milliseconds(500);
    apiContext.value().retryPolicy.waitForRateLimit = false;
    apiContext.value().retryPolicy.stallTimeout = std::chrono::seconds(30);
    return waitFor<core::EnvironmentCheckResult>(
        [&apiContext](QObject *owner, std::function<void(core::Result<core::EnvironmentCheckResult>)> done) {
            core::EnvironmentCheck::start(apiContext.value(), owner, std::move(done));
        });
}

QString checkFailure(const Error &error, const CloudinaryUrl &url)
{
    const auto endpoint = core::ApiEndpoint::forEnvironment(url);
    const QString host = endpoint ? endpoint->baseUrl().authority() : url.cloudName();
    const words::CheckFacts facts {url.cloudName(), host, QString()};
    return words::CheckWords::line(error, facts).value_or(errorText(error));
}

// Stores a new environment (in an account of its own) or the new tokens of one signed in before.
core::Result<core::Done> storeSignIn(AccountStore &store, const EnvironmentRecord *existing,
                                     const EnvironmentRecord &record, const QString &accountLabel,
                                     const QString &storedText)
{
    return waitFor<core::Done>([&](QObject *context, std::function<void(core::Result<core::Done>)> done) {
        if (!existing) {
            core::AccountRecord account;
            account.label = accountLabel;
            store.addAccount(account, {{record, storedText}}, QString(), context, std::move(done));
            return;
        }
        const core::AccountRecord *account = store.account(existing->accountId);
        if (account && !account->loggedIn)
            store.logIn(existing->accountId, {{existing->id, storedText}}, QString(), context,
                        std::move(done));
        else
            store.replaceSecret(existing->id, storedText, context, std::move(done));
    });
}

} // namespace

int runLoginCommand(CliContext &ctx)
{
    LoginOptions options;
    bool helped = false;
    if (const std::optional<int> status = parseLogin(ctx, options, &helped))
        return *status;
    if (helped)
        return ExitOk;

    const std::unique_ptr<AccountStore> store = openAccountStore(ctx);
    if (auto loaded = store->load(); !loaded)
        return ctx.failure(u"cannot read the stored environments: "_s + errorText(loaded.error()));
    const EnvironmentRecord *existing = nullptr;
    if (const std::optional<int> refused = checkExisting(ctx, *store, options.name, &existing))
        return *refused;
    const QString existingId = existing ? existing->id : QString();

    QNetworkProxyFactory::setUseSystemConfiguration(true);
    QNetworkAccessManager network;
    auto signedIn = signIn(ctx, network, options);
    if (!signedIn)
        return ctx.failure(errorText(signedIn.error()));
    TokenPair tokens = signedIn->first;
    const core::AccessTokenClaims claims = signedIn->second;
    const QString cloud = claims.cloudName;

    existing = existingId.isEmpty() ? nullptr : store->environment(existingId);
    if (existing && existing->cloudName() != cloud) {
        revokeQuietly(network, tokens);
        return ctx.failure(u"the sign-in is for the product environment '%1', but '%2' is '%3'; sign in to "
                           u"that one, or give another NAME"_s.arg(core::displaySafe(cloud),
                                                                   existing->displayName(),
                                                                   core::displaySafe(existing->cloudName())));
    }
    const core::Result<CloudinaryUrl> url = existing
        ? core::Result<CloudinaryUrl>(store->effectiveUrl(existing->id))
        : environmentUrl(cloud, options.sandbox);
    if (!url) {
        revokeQuietly(network, tokens);
        return ctx.failure(u"the sign-in names a product environment that cannot be used ('%1'): %2"_s.arg(
            core::displaySafe(cloud), errorText(url.error())));
    }

    ctx.err(u"Signed in; testing the connection to %1...\n"_s.arg(core::displaySafe(cloud)));
    const auto checked = testConnection(network, *url, tokens);
    if (!checked) {
        revokeQuietly(network, tokens);
        return ctx.failure(checkFailure(checked.error(), *url) + u"; nothing was stored"_s);
    }

    EnvironmentRecord record = existing ? *existing : EnvironmentRecord {};
    record.name = existing       ? existing->name
        : options.name.isEmpty() ? uniqueName(*store, cloud)
                                 : options.name;
    record.url = *url;
    record.credential = core::CredentialKind::AccessToken;
    record.folderMode = checked->folderMode;
    record.deniedFeatures = checked->deniedFeatures;
    record.checkedAt = QDateTime::currentDateTimeUtc();
    QString label = claims.subject.trimmed().isEmpty() ? cloud : claims.subject.trimmed();
    if (nameRefusal(label, core::ErrorReason::AccountLabelUnusable))
        label = cloud;

    // A sign-in that replaces one still stored: the old pair is revoked once the new one is kept.
    std::optional<TokenPair> replaced;
    if (existing) {
        const QString key = existing->secretKey();
        const core::Result<QString> old
            = waitFor<QString>([&](QObject *context, std::function<void(core::Result<QString>)> done) {
                  store->secretStore()->read(key, context, std::move(done));
              });
        if (old) {
            if (core::Result<TokenPair> pair = TokenPair::fromStoredText(old.value()))
                replaced = std::move(pair).value();
        }
    }

    QString storedText = tokens.toStoredText();
    const core::Result<core::Done> stored = storeSignIn(*store, existing, record, label, storedText);
    core::wipe(storedText);
    if (!stored) {
        revokeQuietly(network, tokens);
        const Error &error = stored.error();
        if (error.kind == Error::Kind::Unavailable || error.kind == Error::Kind::Permission)
            return ctx.failure(keychainProblem(error) + u"; nothing was stored"_s);
        return ctx.failure(u"cannot store the environment (%1); nothing was stored"_s.arg(errorText(error)));
    }
    if (replaced)
        revokeQuietly(network, *replaced);
    if (existing) {
        if (auto updated = store->updateCheck(record); !updated)
            warn(ctx, u"cannot save what the connection test learnt: "_s + errorText(updated.error()));
    }
    ctx.outLine(u"Signed in to %1 as %2."_s.arg(core::displaySafe(cloud), core::displaySafe(record.name)));
    return ExitOk;
}

int runLogoutCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList {u"h"_s, u"help"_s});
    parser.addOption(help);
    if (!parser.parse(QStringList {u"stratus-cli logout"_s} + ctx.args())) {
        return ctx.parseError(parser.errorText(), u"logout"_s);
    }
    if (parser.isSet(help)) {
        ctx.out(kLogoutHelp);
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty() || positional.constFirst().trimmed().isEmpty())
        return ctx.usageError(u"missing NAME; see 'stratus-cli logout --help'"_s);
    if (positional.size() > 1)
        return ctx.usageError(u"unexpected argument '%1'; see 'stratus-cli logout --help'"_s.arg(
            core::displaySafe(positional.at(1))));
    const QString name = positional.constFirst().trimmed();

    const std::unique_ptr<AccountStore> store = openAccountStore(ctx);
    const EnvironmentRecord *environment = nullptr;
    if (const int status = loadChosenEnvironment(ctx, *store, name, &environment); status != ExitOk)
        return status;
    if (!environment)
        return ctx.usageError(
            u"no environment named '%1'; see 'stratus-cli env list'"_s.arg(core::displaySafe(name)));
    if (environment->embeddedSandbox)
        return ctx.usageError(u"the environment '%1' is the app's embedded sandbox; it has no secret to "
                              u"log out of"_s.arg(environment->displayName()));
    const QString shown = environment->displayName();
    const QString accountId = environment->accountId;
    const core::AccountRecord *account = store->account(accountId);
    if (!account)
        return ctx.failure(u"the account of environment '%1' is missing from accounts.ini"_s.arg(shown));
    const QString label = account->displayLabel();
    if (!account->loggedIn) {
        ctx.outLine(u"The account '%1' of '%2' is logged out already."_s.arg(label, shown));
        return ExitOk;
    }
    bool tokens = false;
    for (const EnvironmentRecord &env : store->environmentsOf(accountId))
        tokens = tokens || env.usesToken();

    if (tokens) {
        QNetworkProxyFactory::setUseSystemConfiguration(true);
        QNetworkAccessManager network;
        const core::Result<core::Done> revoked
            = waitFor<core::Done>([&](QObject *context, std::function<void(core::Result<core::Done>)> done) {
                  core::revokeAccountTokens(*store, accountId, &network, context, std::move(done));
              });
        if (!revoked)
            warn(ctx,
                 u"the server did not confirm that the sign-in was revoked (%1); the tokens are deleted "
                 u"here and expire on their own"_s.arg(errorText(revoked.error())));
    }
    const core::Result<core::Done> loggedOut
        = waitFor<core::Done>([&](QObject *context, std::function<void(core::Result<core::Done>)> done) {
              store->logOut(accountId, context, std::move(done));
          });
    if (!loggedOut) {
        const Error &error = loggedOut.error();
        if (error.kind == Error::Kind::Unavailable || error.kind == Error::Kind::Permission)
            return ctx.failure(keychainProblem(error));
        return ctx.failure(u"cannot log out of '%1': %2"_s.arg(label, errorText(error)));
    }
    ctx.outLine(
        tokens ? u"Logged out of '%1': its sign-in is revoked and deleted from the keychain."_s.arg(label)
               : u"Logged out of '%1': its API secrets are deleted from the keychain."_s.arg(label));
    return ExitOk;
}

} // namespace stratus::cli
