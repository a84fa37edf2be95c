// stratus-cli env: the product environments Stratus and stratus-cli share (the app's accounts).
//
// Settings live in accounts.ini (core's AccountStore), API secrets only in the OS keychain. `env add`
// is in envadd.cpp.

#include "clicontext.h"
#include "clienvironments.h"
#include "commands.h"
#include "envadd.h"

#include "core/accounts/apicontextfor.h"
#include "core/net/transportsecurity.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;
using stratus::core::AccountStore;
using stratus::core::CloudinaryUrl;
using stratus::core::EnvironmentRecord;
using stratus::core::Error;

namespace stratus::cli {

namespace {

const QString kHelp = uR"(Usage: stratus-cli env list [--json]
       stratus-cli env add NAME [--account LABEL] < FILE_WITH_CLOUDINARY_URL
       stratus-cli env add NAME --cloudinary-url URL [--account LABEL]
       stratus-cli env rename NAME NEW_NAME
       stratus-cli env remove NAME
       stratus-cli env use NAME

Manages the product environments that Stratus and stratus-cli share. Their settings live in
$XDG_CONFIG_HOME/Stratus/accounts.ini, their API secrets only in the OS keychain (Secret
Service: gnome-keyring or KWallet); no secret is ever printed. The other commands take
--env NAME; without it they use the current environment, else $CLOUDINARY_URL
(--cloudinary-url, when given, wins over all three). They read a secret from the keychain only
when they need one (sign, signed URLs).

Sub-commands:
  list          The environments: name, cloud, account, credential ("api-key": an API key and
                secret; "token": signed in with Cloudinary, see 'stratus-cli login'), folder
                mode and status (logged out, app only, features the credentials may not use);
                '*' marks the current one.
  add NAME      Tests the CLOUDINARY_URL (cloudinary://API_KEY:API_SECRET@CLOUD_NAME[?...]):
                ping, then config (the folder mode) and usage. Only if it works is the
                environment stored under NAME, its secret in the keychain. The URL is read as
                one line from stdin unless --cloudinary-url is given: stdin keeps the secret out
                of the process list and the shell history (a terminal does not echo it). A
                line "CLOUDINARY_URL=..." is accepted too. The first environment becomes the
                current one.
  rename NAME NEW_NAME
                Renames the environment (of the app too).
  remove NAME   Removes the environment and its secret from the keychain (and its account,
                when it was the account's last environment).
  use NAME      Makes NAME the current environment (of the app too).

Names and account labels may not contain control characters, line breaks or text-direction
controls. A name stored with them (by hand, or by an older Stratus) is listed escaped (\n,
\u202E) and can be given as listed, e.g. to rename it.

An entry of accounts.ini that cannot be used (no id, a URL that does not parse, an account that
is not there, ...) is reported on stderr by every env command, with its place in the file and
why, and is kept in the file as it is; 'env list' then exits 1 after listing the others. An
array size that disagrees with the entries is reported as a warning.

Options:
  --account LABEL       add: the account the environment joins, created if there is none
                        with that label (default: the cloud name).
  --cloudinary-url URL  add: the URL as an argument (other users can see it in the process
                        list; prefer stdin).
  --allow-insecure-transport
                        add: store an environment whose API is plain http on another computer
                        (its upload_prefix): the API secret then travels unencrypted, and every
                        command that sends it says so on stderr. Refused otherwise.
  --json                list: print {"environments":[{"name", "cloud", "api_key", "account",
                        "folder_mode", "current", "logged_in", "embedded_sandbox",
                        "allow_insecure_transport", "denied_features", "checked_at",
                        "credential": "api-key" or "token"}, ...],
                        "damaged":[{"entry", "id", "name", "problem"}, ...]}.
  -h, --help            Show this help.

Exit status: 0 success; 1 failure (the connection test failed, no keychain, accounts.ini cannot
be written, the environment's entry in accounts.ini is damaged; 'env list' when some entries are
damaged); 2 bad input (unknown NAME, a name in use or with control characters, a malformed URL,
a URL that would send the secret unencrypted to another computer). On failure one line on stderr
and nothing on stdout, except 'env list', which lists what it can.
)"_s;

// Whether the environment's API is plain http on another computer.
bool sendsInClear(const CloudinaryUrl &url)
{
    const auto endpoint = core::ApiEndpoint::forEnvironment(url);
    return endpoint && core::sendsInClear(endpoint->baseUrl());
}

// What the keychain holds for it: "api-key" (a secret; requests are signed) or "token" (signed in
// with Cloudinary: OAuth tokens).
QString credentialName(const EnvironmentRecord &env)
{
    return env.usesToken() ? u"token"_s : u"api-key"_s;
}

QString statusOf(const AccountStore &store, const EnvironmentRecord &env)
{
    const core::AccountRecord *account = store.account(env.accountId);
    QStringList notes;
    if (account && !account->loggedIn)
        notes.append(u"logged out"_s);
    if (env.embeddedSandbox)
        notes.append(u"app only"_s);
    if (!env.embeddedSandbox && sendsInClear(env.url))
        notes.append(env.allowInsecureTransport ? u"secret sent unencrypted (http)"_s
                                                : u"refused: http to another computer"_s);
    if (!env.deniedFeatures.isEmpty())
        notes.append(u"no access to "_s + core::displaySafe(env.deniedFeatures.keys().join(u", "_s)));
    return notes.join(u"; "_s);
}

// The damaged entries of the file, as `env list --json` prints them.
QJsonArray damagedJson(const AccountStore &store)
{
    QJsonArray damaged;
    for (const core::SettingsProblem &problem : store.problems()) {
        if (problem.isDamagedEntry())
            damaged.append(QJsonObject {{u"entry"_s, problem.location()},
                                        {u"id"_s, problem.id},
                                        {u"name"_s, problem.name},
                                        {u"problem"_s, damagedEntryProblem(problem)}});
    }
    return damaged;
}

// The list is incomplete when entries are damaged: their lines are on stderr already.
int listStatus(const AccountStore &store)
{
    const QList<core::SettingsProblem> &problems = store.problems();
    return std::any_of(problems.cbegin(), problems.cend(),
                       [](const core::SettingsProblem &problem) { return problem.isDamagedEntry(); })
        ? ExitFailure
        : ExitOk;
}

int listEnvironments(CliContext &ctx, const AccountStore &store, bool json)
{
    const QString current = store.currentEnvironmentId();
    if (json) {
        QJsonArray list;
        for (const EnvironmentRecord &env : store.environments()) {
            const core::AccountRecord *account = store.account(env.accountId);
            QJsonObject denied;
            for (auto it = env.deniedFeatures.cbegin(); it != env.deniedFeatures.cend(); ++it)
                denied.insert(it.key(), it.value());
            QJsonObject entry {
                {u"name"_s, env.name},
                {u"cloud"_s, env.cloudName()},
                {u"api_key"_s, env.apiKey()},
                {u"credential"_s, credentialName(env)},
                {u"account"_s, account ? account->label : QString()},
                {u"folder_mode"_s, core::folderModeName(env.folderMode)},
                {u"current"_s, env.id == current},
                {u"logged_in"_s, account && account->loggedIn},
                {u"embedded_sandbox"_s, env.embeddedSandbox},
                {u"allow_insecure_transport"_s, env.allowInsecureTransport},
                {u"denied_features"_s, denied},
                {u"checked_at"_s,
                 env.checkedAt.isValid() ? QJsonValue(env.checkedAt.toUTC().toString(Qt::ISODate))
                                         : QJsonValue(QJsonValue::Null)},
            };
            list.append(entry);
        }
        ctx.out(QString::fromUtf8(
            QJsonDocument(QJsonObject {{u"environments"_s, list}, {u"damaged"_s, damagedJson(store)}})
                .toJson(QJsonDocument::Indented)));
        return listStatus(store);
    }

    if (store.environments().isEmpty()) {
        if (listStatus(store) == ExitOk)
            ctx.outLine(u"No environments are stored; add one with 'stratus-cli env add NAME'."_s);
        return listStatus(store);
    }
    QList<QStringList> rows {
        {QString(), u"NAME"_s, u"CLOUD"_s, u"ACCOUNT"_s, u"CREDENTIAL"_s, u"FOLDERS"_s, u"STATUS"_s}};
    for (const EnvironmentRecord &env : store.environments()) {
        const core::AccountRecord *account = store.account(env.accountId);
        // Escaped: a stored name must not break the table or reorder the line.
        rows.append({env.id == current ? u"*"_s : QString(), env.displayName(),
                     core::displaySafe(env.cloudName()), account ? account->displayLabel() : QString(),
                     credentialName(env), core::folderModeName(env.folderMode), statusOf(store, env)});
    }
    QList<qsizetype> widths(rows.constFirst().size(), 0);
    for (const QStringList &row : std::as_const(rows)) {
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row.at(i).size());
    }
    QString text;
    for (const QStringList &row : std::as_const(rows)) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += row.at(i).leftJustified(widths.at(i)) + u"  "_s;
        while (line.endsWith(u' '))
            line.chop(1);
        text += line + u'\n';
    }
    ctx.out(text);
    return listStatus(store);
}

int removeEnvironment(CliContext &ctx, AccountStore &store, const EnvironmentRecord &env)
{
    const QString id = env.id, name = env.displayName();
    const core::Result<core::Done> removed
        = waitFor<core::Done>([&](QObject *context, std::function<void(core::Result<core::Done>)> done) {
              store.removeEnvironment(id, context, std::move(done));
          });
    if (!removed) {
        const Error &error = removed.error();
        if (error.kind == Error::Kind::Unavailable || error.kind == Error::Kind::Permission)
            return ctx.failure(keychainProblem(error) + u"; nothing was removed"_s);
        return ctx.failure(u"cannot remove the environment '%1': %2"_s.arg(name, errorText(error)));
    }
    ctx.outLine(u"Removed environment '%1' and its secret."_s.arg(name));
    return ExitOk;
}

int renameEnvironment(CliContext &ctx, AccountStore &store, const EnvironmentRecord &env,
                      const QString &newName)
{
    if (const auto refused = nameRefusal(newName, core::ErrorReason::EnvironmentNameUnusable))
        return ctx.usageError(*refused);
    const QString shown = env.displayName();
    if (auto renamed = store.renameEnvironment(env.id, newName); !renamed) {
        const Error &error = renamed.error();
        if (error.kind == Error::Kind::Conflict || error.kind == Error::Kind::InvalidInput)
            return ctx.usageError(errorText(error));
        return ctx.failure(u"cannot rename the environment '%1': %2"_s.arg(shown, errorText(error)));
    }
    ctx.outLine(u"Renamed environment '%1' to '%2'."_s.arg(shown, newName));
    return ExitOk;
}

int useEnvironment(CliContext &ctx, AccountStore &store, const EnvironmentRecord &env)
{
    const core::AccountRecord *account = store.account(env.accountId);
    if (account && !account->loggedIn)
        return ctx.failure(u"the account '%1' of environment '%2' is logged out; %3"_s.arg(
            account->displayLabel(), env.displayName(),
            env.usesToken() ? u"sign in again with 'stratus-cli login %1'"_s.arg(env.displayName())
                            : u"log in again in Stratus first"_s));
    if (auto set = store.setCurrentEnvironment(env.id); !set)
        return ctx.failure(u"cannot save the current environment: "_s + errorText(set.error()));
    ctx.outLine(u"The current environment is now '%1'."_s.arg(env.displayName()));
    return ExitOk;
}

// `ctx` is the sub-command's: its messages read "stratus-cli env add: ...".
int runSubCommand(CliContext &ctx, const QString &sub)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption jsonOption(u"json"_s);
    const QCommandLineOption accountOption(u"account"_s, QString(), u"LABEL"_s);
    const QCommandLineOption urlOption(u"cloudinary-url"_s, QString(), u"URL"_s);
    const QCommandLineOption insecureOption(u"allow-insecure-transport"_s);
    const QCommandLineOption helpOption(QStringList {u"h"_s, u"help"_s});
    parser.addOption(helpOption);
    if (sub == u"list")
        parser.addOption(jsonOption);
    if (sub == u"add")
        parser.addOptions({accountOption, urlOption, insecureOption});
    if (!parser.parse(QStringList {u"stratus-cli env "_s + sub} + ctx.args())) {
        return ctx.parseError(parser.errorText(), u"env"_s);
    }
    if (parser.isSet(helpOption)) {
        ctx.out(kHelp);
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    const qsizetype expected = sub == u"list" ? 0 : sub == u"rename" ? 2 : 1;
    if (positional.size() < expected)
        return ctx.usageError(positional.isEmpty() ? u"missing NAME; see 'stratus-cli env --help'"_s
                                                   : u"missing NEW_NAME; see 'stratus-cli env --help'"_s);
    if (positional.size() > expected)
        return ctx.usageError(u"unexpected argument '%1'; see 'stratus-cli env --help'"_s.arg(
            core::displaySafe(positional.at(expected))));
    const QString name = expected > 0 ? positional.constFirst().trimmed() : QString();
    if (expected > 0 && name.isEmpty())
        return ctx.usageError(u"the NAME is empty"_s);
    const QString newName = expected > 1 ? positional.at(1).trimmed() : QString();

    const std::unique_ptr<AccountStore> store = openAccountStore(ctx);
    if (auto loaded = store->load(); !loaded)
        return ctx.failure(u"cannot read the stored environments: "_s + errorText(loaded.error()));
    // Every env command says what is wrong in the file; `list` also fails for it, the others go on.
    for (const core::SettingsProblem &problem : store->problems()) {
        if (sub == u"list" && problem.isDamagedEntry())
            ctx.err(u"stratus-cli %1: %2\n"_s.arg(ctx.command(), settingsProblemText(problem)));
        else
            warn(ctx, settingsProblemText(problem));
    }
    if (sub == u"list")
        return listEnvironments(ctx, *store, parser.isSet(jsonOption));
    if (sub == u"add")
        return addEnvironment(ctx, *store, name, parser.value(accountOption), parser.value(urlOption),
                              parser.isSet(urlOption), parser.isSet(insecureOption));

    const EnvironmentRecord *env = findEnvironment(*store, name);
    if (!env) {
        if (const core::SettingsProblem *damaged = store->damagedEnvironment(name))
            return ctx.failure(
                u"the environment '%1' cannot be used: %2; fix or remove that entry in accounts.ini"_s.arg(
                    core::displaySafe(name), damagedEntryText(*damaged)));
        return ctx.usageError(
            u"no environment named '%1'; see 'stratus-cli env list'"_s.arg(core::displaySafe(name)));
    }
    const EnvironmentRecord found = *env;
    if (sub == u"rename")
        return renameEnvironment(ctx, *store, found, newName);
    return sub == u"remove" ? removeEnvironment(ctx, *store, found) : useEnvironment(ctx, *store, found);
}

} // namespace

int runEnvCommand(CliContext &ctx)
{
    const QStringList &args = ctx.args();
    if (!args.isEmpty() && (args.constFirst() == u"-h" || args.constFirst() == u"--help")) {
        ctx.out(kHelp);
        return ExitOk;
    }
    if (args.isEmpty() || args.constFirst().startsWith(u'-'))
        return ctx.usageError(
            u"missing sub-command (list, add, rename, remove or use); see 'stratus-cli env --help'"_s);
    const QString sub = args.constFirst();
    if (sub != u"list" && sub != u"add" && sub != u"rename" && sub != u"remove" && sub != u"use")
        return ctx.usageError(u"unknown sub-command '%1'; see 'stratus-cli env --help'"_s.arg(sub));
    CliContext subContext(u"env "_s + sub, args.mid(1), ctx.layout());
    return runSubCommand(subContext, sub);
}

} // namespace stratus::cli
