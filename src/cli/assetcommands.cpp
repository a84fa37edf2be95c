// stratus-cli rename, move, tag and delete: changes to assets through core's AssetService, the one
// the app's browser and details panel use, so the server and the local catalogue change the same way
// (docs/architecture.md, "Asset operations").
#include "clicatalog.h"
#include "clicontext.h"
#include "commands.h"

#include "core/assets/assetnames.h"
#include "core/assets/assetservice.h"
#include "core/net/ratelimitbudget.h"
#include "core/search/searchexpression.h"
#include "words/errorwords.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;

namespace stratus::cli {

namespace {

using core::assets::AssetJob;
using core::assets::AssetService;
using core::catalog::Catalog;
using core::catalog::CatalogAsset;

const QString kAssetOptionsHelp
    = uR"(  --resource-type T          Only assets of this resource type (image, video, raw).
  --type T                   Only assets of this delivery type (upload, private, ...).
  --stdin                    Also read public ids from stdin, one a line (blank lines skipped).
  --json                     Print {"assets": [...], "failed": [...]}: the assets as 'find --json'
                             prints them after the change ('delete': their public ids), and each
                             failure as {"subject", "reason", "status", "error"}.
)"_s;

const QString kCommonHelp = uR"(
The assets are looked up by public id in the local catalogue, which must have been synced
('stratus-cli sync'); every change the server confirms is written to it at once, as the app does.
Several assets are changed a few calls at a time; a call that fails does not stop the others.
)"_s;

const QString kExitHelp = uR"(
Exit status: 0 when every change was made, 1 when any failed (or an asset is not in the
catalogue), 2 bad input (nothing was sent).
)"_s;

const QString kRenameHelp = uR"(Usage: stratus-cli rename PUBLIC_ID NEW_NAME [OPTIONS]

Renames an asset. In fixed folder mode NEW_NAME replaces the last part of the public id, which
changes its delivery URLs; in dynamic folder mode it becomes the display name and the URLs stay.
A name cannot contain / (use 'move'), \ ? & # % < > or start or end with a space.
)"_s + kCommonHelp
    + u"\nOptions:\n"_s + kAssetOptionsHelp + configOptionsHelp() + kExitHelp;

const QString kMoveHelp = uR"(Usage: stratus-cli move PUBLIC_ID... --to FOLDER [OPTIONS]

Moves assets into FOLDER ('' or / is the root); assets already there are left alone. In fixed
folder mode the public ids (and delivery URLs) change; in dynamic mode the asset folder changes
and the URLs stay.
)"_s + kCommonHelp
    + uR"(
Options:
  --to FOLDER                The folder to move to (required).
)"_s + kAssetOptionsHelp
    + configOptionsHelp() + kExitHelp;

const QString kTagHelp = uR"(Usage: stratus-cli tag PUBLIC_ID... [--add T,...] [--remove T,...] [OPTIONS]
       stratus-cli tag PUBLIC_ID... --replace T,... [OPTIONS]

Adds and removes tags, or makes the given tags an asset's only tags (Upload API 'tags', up to
100 public ids per call).
)"_s + kCommonHelp
    + uR"(
Options:
  --add T,...                Tags to add.
  --remove T,...             Tags to remove.
  --replace T,...            The only tags each asset keeps (not with --add or --remove).
)"_s + kAssetOptionsHelp
    + configOptionsHelp() + kExitHelp;

const QString kDeleteHelp = uR"(Usage: stratus-cli delete PUBLIC_ID... --yes [OPTIONS]

Deletes assets for good: the originals and their derived versions, whose delivery URLs stop
working (Admin API, up to 100 public ids per call). Refused without --yes (exit 2, nothing sent).
)"_s + kCommonHelp
    + uR"(
Options:
  --yes                      Yes, delete them: this cannot be undone.
)"_s + kAssetOptionsHelp
    + configOptionsHelp() + kExitHelp;

// The options of every asset command; parse() them as o.with(the command's own).
struct Options : Parsed
{
    QCommandLineOption resourceType {u"resource-type"_s, u"resource type"_s, u"T"_s};
    QCommandLineOption type {u"type"_s, u"delivery type"_s, u"T"_s};
    QCommandLineOption stdinIds {u"stdin"_s, u"stdin"_s};

    [[nodiscard]] QList<QCommandLineOption> with(const QList<QCommandLineOption> &own) const
    {
        return QList<QCommandLineOption> {resourceType, type, stdinIds} + own;
    }
};

// The public ids of the arguments, and of stdin with --stdin; each once.
int publicIds(CliContext &ctx, const Options &o, QStringList *ids)
{
    return readPublicIds(ctx, o.parser.positionalArguments(), o.parser.isSet(o.stdinIds), ids);
}

/// What a command works with once its options are read: the environment, its synced catalogue
/// and the context to call it with.
struct Session
{
    CatalogTarget target;
    std::unique_ptr<Catalog> catalog;
    QNetworkAccessManager network;
    core::RateLimitBudget budget;
    std::optional<core::ApiContext> context;
};

int openSession(CliContext &ctx, const Options &o, Session *session)
{
    if (const int status = openTargetCatalog(ctx, o, &session->target, &session->catalog); status != ExitOk)
        return status;
    auto context = targetApiContext(ctx, session->target, &session->network, &session->budget);
    if (!context)
        return ctx.usageError(context.error().message);
    session->context = *context;
    return ExitOk;
}

// The catalogued assets with @p ids, narrowed by --resource-type and --type; exit 1 for an id the
// catalogue does not have, 2 for one that names several assets.
int lookUp(CliContext &ctx, const Options &o, const Session &session, const QStringList &ids,
           QList<CatalogAsset> *assets)
{
    const QString resourceType = o.parser.value(o.resourceType);
    const QString type = o.parser.value(o.type);
    for (const QString &id : ids) {
        if (const int status
            = lookUpAsset(ctx, session.target, *session.catalog, id, resourceType, type, assets);
            status != ExitOk)
            return status;
    }
    return ExitOk;
}

// Waits for @p job, then prints what changed (from the catalogue, as `find` prints it) and each
// failure; the exit status says whether everything was done.
int finish(CliContext &ctx, const Options &o, const Session &session, AssetJob *job,
           const QList<CatalogAsset> &assets)
{
    QEventLoop loop;
    // finished() always comes from the event loop (core::Job), never before this connection.
    QObject::connect(job, &core::Job::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const bool deleting = job->operation() == AssetJob::Operation::Delete;
    QList<CatalogAsset> after;
    QJsonArray deleted;
    for (const CatalogAsset &asset : assets) {
        auto now = session.catalog->asset(asset.assetId);
        if (now && *now)
            after.append(**now);
        else if (now && deleting)
            deleted.append(asset.publicId);
    }
    QJsonArray failed;
    for (const core::Error &failure : job->failures()) {
        failed.append(failureJson(failure));
        ctx.err(u"stratus-cli %1: %2\n"_s.arg(ctx.command(), scrubbed(words::ErrorWords::text(failure), {})));
    }
    if (o.parser.isSet(o.json)) {
        const QJsonObject answer {{u"assets"_s, deleting ? deleted : assetsJson(after)},
                                  {u"failed"_s, failed}};
        ctx.out(QString::fromUtf8(QJsonDocument(answer).toJson(QJsonDocument::Indented)));
    } else if (deleting) {
        for (const QJsonValue &id : std::as_const(deleted))
            ctx.outLine(u"deleted "_s + id.toString());
    } else {
        ctx.out(assetsTable(after));
    }
    return job->failures().isEmpty() ? int(ExitOk) : int(ExitFailure);
}

// Opens the session, looks @p ids up and runs what @p start makes of them.
int run(CliContext &ctx, const Options &o, const QStringList &ids,
        const std::function<AssetJob *(AssetService &, const QList<CatalogAsset> &)> &start)
{
    Session session;
    if (const int status = openSession(ctx, o, &session); status != ExitOk)
        return status;
    QList<CatalogAsset> assets;
    if (const int status = lookUp(ctx, o, session, ids, &assets); status != ExitOk)
        return status;
    const core::ApiContext context = *session.context;
    AssetService service(session.catalog.get(),
                         [context] { return core::Result<core::ApiContext>(context); });
    return finish(ctx, o, session, start(service, assets), assets);
}

QStringList tagList(const QString &text)
{
    QStringList tags;
    for (const QString &tag : text.split(u',', Qt::SkipEmptyParts)) {
        if (const QString trimmed = tag.trimmed(); !trimmed.isEmpty())
            tags.append(trimmed);
    }
    return tags;
}

} // namespace

int runRenameCommand(CliContext &ctx)
{
    Options o;
    bool done = false;
    if (const int status = parse(ctx, o, o.with({}), kRenameHelp, &done); status != ExitOk || done)
        return status;
    const QStringList positional = o.parser.positionalArguments();
    if (positional.size() != 2 || o.parser.isSet(o.stdinIds))
        return ctx.usageError(u"rename takes PUBLIC_ID and NEW_NAME; see 'stratus-cli rename --help'"_s);
    const QString name = positional.at(1);
    if (const std::optional<core::Error> problem = core::assets::nameProblem(name))
        return ctx.usageError(words::ErrorWords::text(*problem));
    return run(ctx, o, {positional.at(0)}, [&name](AssetService &service, const QList<CatalogAsset> &assets) {
        return service.rename(assets.constFirst(), name);
    });
}

int runMoveCommand(CliContext &ctx)
{
    Options o;
    const QCommandLineOption to {u"to"_s, u"folder"_s, u"FOLDER"_s};
    bool done = false;
    if (const int status = parse(ctx, o, o.with({to}), kMoveHelp, &done); status != ExitOk || done)
        return status;
    if (!o.parser.isSet(to))
        return ctx.usageError(u"missing --to FOLDER; see 'stratus-cli move --help'"_s);
    const QString folder = core::assets::normalizedFolder(o.parser.value(to));
    for (const QString &segment : folder.split(u'/', Qt::SkipEmptyParts)) {
        if (const std::optional<core::Error> problem = core::assets::nameProblem(segment))
            return ctx.usageError(words::ErrorWords::text(*problem));
    }
    QStringList ids;
    if (const int status = publicIds(ctx, o, &ids); status != ExitOk)
        return status;
    return run(ctx, o, ids, [&folder](AssetService &service, const QList<CatalogAsset> &assets) {
        return service.move(assets, folder);
    });
}

int runTagCommand(CliContext &ctx)
{
    Options o;
    const QCommandLineOption add {u"add"_s, u"tags"_s, u"T"_s};
    const QCommandLineOption remove {u"remove"_s, u"tags"_s, u"T"_s};
    const QCommandLineOption replace {u"replace"_s, u"tags"_s, u"T"_s};
    bool done = false;
    if (const int status = parse(ctx, o, o.with({add, remove, replace}), kTagHelp, &done);
        status != ExitOk || done)
        return status;
    const QStringList adding = tagList(o.parser.value(add));
    const QStringList removing = tagList(o.parser.value(remove));
    const QStringList replacing = tagList(o.parser.value(replace));
    if (o.parser.isSet(replace) && (o.parser.isSet(add) || o.parser.isSet(remove)))
        return ctx.usageError(u"--replace excludes --add and --remove"_s);
    if (o.parser.isSet(replace) ? replacing.isEmpty() : adding.isEmpty() && removing.isEmpty())
        return ctx.usageError(u"no tags given: pass --add, --remove or --replace with tags T,..."_s);
    QStringList ids;
    if (const int status = publicIds(ctx, o, &ids); status != ExitOk)
        return status;
    const bool replaces = o.parser.isSet(replace);
    return run(ctx, o, ids, [&](AssetService &service, const QList<CatalogAsset> &assets) {
        return replaces ? service.replaceTags(assets, replacing) : service.editTags(assets, adding, removing);
    });
}

int runDeleteCommand(CliContext &ctx)
{
    Options o;
    const QCommandLineOption yes {u"yes"_s, u"yes"_s};
    bool done = false;
    if (const int status = parse(ctx, o, o.with({yes}), kDeleteHelp, &done); status != ExitOk || done)
        return status;
    if (!o.parser.isSet(yes))
        return ctx.usageError(u"deleting cannot be undone: pass --yes to delete; nothing was sent"_s);
    QStringList ids;
    if (const int status = publicIds(ctx, o, &ids); status != ExitOk)
        return status;
    return run(ctx, o, ids, [](AssetService &service, const QList<CatalogAsset> &assets) {
        return service.remove(assets);
    });
}

} // namespace stratus::cli
