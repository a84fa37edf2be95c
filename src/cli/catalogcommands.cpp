// stratus-cli sync, ls, find and search: the local catalogue of an environment, and the live Search
// API it is filled from (docs/architecture.md, "The local catalogue").
#include "clicatalog.h"
#include "clicontext.h"
#include "commands.h"

#include "core/api/adminapi.h"
#include "core/api/searchapi.h"
#include "core/catalog/catalogsync.h"
#include "core/net/ratelimitbudget.h"
#include "core/search/searchexpression.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus::cli {

namespace {

using core::catalog::Catalog;
using core::catalog::CatalogAsset;
using core::catalog::CatalogSync;

const QString kConfigHelp = configOptionsHelp();

const QString kSyncHelp = uR"(Usage: stratus-cli sync [--full] [OPTIONS]

Fills or refreshes the local catalogue of an environment through the Search API, 500 assets per
call: the first sync reads every asset, later ones what was uploaded since the last one, and
every 10th sync (or --full) reads everything again and drops what was deleted. At the Admin API
rate limit it waits for the reset and says so. A progress bar is drawn on a terminal; a one-line
summary is printed at the end. The catalogue lives in $XDG_DATA_HOME/Stratus/catalog.

Options:
  --full                     Read every asset and remove what no longer exists.
)"_s + kConfigHelp
    + uR"(
Exit status: 0 when the sync completed, 1 when it did not (what was read is kept), 2 bad input.
)"_s;

const QString kLsHelp = uR"(Usage: stratus-cli ls [FOLDER] [--json] [OPTIONS]

Lists a folder of the local catalogue (the root when FOLDER is omitted): its sub-folders with
their asset counts (including sub-folders), then its assets by name. No API call is made.
In fixed folder mode a folder is a public id path, in dynamic mode an asset folder.

Options:
  --json                     Print {"folder", "folders": [{"path","name","asset_count",
                             "direct_count"}], "assets": [...]} with assets as 'find --json'.
)"_s + kConfigHelp
    + uR"(
Exit status: 0 success, 1 no catalogue yet (run 'stratus-cli sync') or no such folder, 2 bad input.
)"_s;

const QString kFindHelp = uR"(Usage: stratus-cli find EXPRESSION [--json] [OPTIONS]

Evaluates a Search API expression (e.g. 'tags:cat AND bytes>1m') against the local catalogue,
offline, and prints the matching assets newest first -- the assets 'stratus-cli search' returns
for the same expression once the catalogue is synced.

Options:
  --json                     Print a JSON array of assets (asset_id, public_id, resource_type,
                             type, format, bytes, width, height, tags, asset_folder,
                             display_name, created_at, uploaded_at, duration for videos).
)"_s + kConfigHelp
    + uR"(
Exit status: 0 success, 1 no catalogue yet (run 'stratus-cli sync'), 2 bad expression.
)"_s;

const QString kSearchHelp = uR"(Usage: stratus-cli search EXPRESSION [--json] [--max N] [OPTIONS]

Asks the live Search API for the assets an expression matches (every page, 500 per call, each
call counted against the Admin API rate limit) and prints them newest first.

Options:
  --json                     Print a JSON array of assets, as 'find --json'.
  --max N                    Stop after N assets.
)"_s + kConfigHelp
    + uR"(
Exit status: 0 success, 1 failure (network, server, credentials), 2 bad expression or input.
)"_s;

// The one EXPRESSION argument of find and search.
int expressionArgument(CliContext &ctx, const Parsed &p, QString *expression)
{
    const QStringList positional = p.parser.positionalArguments();
    if (positional.isEmpty())
        return ctx.usageError(u"missing EXPRESSION; see 'stratus-cli %1 --help'"_s.arg(ctx.command()));
    if (positional.size() > 1)
        return ctx.usageError(u"unexpected argument '%1' (quote the expression)"_s.arg(positional.at(1)));
    *expression = positional.constFirst();
    return ExitOk;
}

// find's and search's output: a JSON array with --json, else a table.
int printAssets(CliContext &ctx, const Parsed &p, const QList<CatalogAsset> &assets)
{
    if (p.parser.isSet(p.json))
        ctx.out(QString::fromUtf8(QJsonDocument(assetsJson(assets)).toJson(QJsonDocument::Indented)));
    else
        ctx.out(assetsTable(assets));
    return ExitOk;
}

QString progressBar(qint64 fetched, qint64 expected)
{
    constexpr int width = 30;
    if (expected <= 0)
        return u"\r%1 assets"_s.arg(fetched);
    const int filled = int(qMin<qint64>(width, fetched * width / expected));
    return u"\r[%1%2] %3/%4 assets"_s.arg(QString(filled, u'#'), QString(width - filled, u' '))
        .arg(fetched)
        .arg(expected);
}

QString failureText(const core::Error &error, const CatalogTarget &target)
{
    if (error.kind == core::Error::Kind::Auth && error.httpStatus == 0)
        return u"no API secret for '%1' is available (keychain or CLOUDINARY_URL)"_s.arg(target.label);
    return errorText(error);
}

} // namespace

int runSyncCommand(CliContext &ctx)
{
    Parsed p;
    const QCommandLineOption full {u"full"_s, u"full"_s};
    bool done = false;
    if (const int status = parse(ctx, p, {full}, kSyncHelp, &done); status != ExitOk || done)
        return status;
    if (!p.parser.positionalArguments().isEmpty())
        return ctx.usageError(u"unexpected argument '%1'"_s.arg(p.parser.positionalArguments().constFirst()));
    CatalogTarget target;
    if (const int status = resolveTarget(ctx, p, &target); status != ExitOk)
        return status;

    QString damage;
    auto opened = Catalog::openRepairing(target.catalogPath(), &damage);
    if (!opened)
        return ctx.failure(errorText(opened.error()));
    std::unique_ptr<Catalog> catalog = std::move(opened).value();
    if (target.folderMode != core::FolderMode::Unknown && catalog->folderMode() != target.folderMode) {
        if (auto set = catalog->setFolderMode(target.folderMode); !set)
            return ctx.failure(errorText(set.error()));
    }
    QNetworkAccessManager network;
    core::RateLimitBudget budget;
    auto context = targetApiContext(ctx, target, &network, &budget);
    if (!context)
        return ctx.usageError(targetProblem(context.error()));

    CatalogSync sync(catalog.get(), *context);
    sync.setMode(p.parser.isSet(full) ? CatalogSync::Mode::Full : CatalogSync::Mode::Auto);
    const bool terminal = ::isatty(STDERR_FILENO) == 1;
    bool barShown = false;
    QObject::connect(&sync, &CatalogSync::progress, &sync, [&](qint64 fetched, qint64 expected) {
        if (terminal) {
            ctx.err(progressBar(fetched, expected));
            barShown = true;
        }
    });
    QObject::connect(&sync, &CatalogSync::pausedUntil, &sync, [&](const QDateTime &until) {
        ctx.err(u"%1rate limit reached; paused until %2 (UTC)\n"_s.arg(barShown ? u"\n"_s : QString(),
                                                                       until.toUTC().toString(Qt::ISODate)));
    });
    QEventLoop loop;
    QObject::connect(&sync, &core::Job::finished, &loop, &QEventLoop::quit);
    sync.start();
    loop.exec();
    if (barShown)
        ctx.err(u"\n"_s);

    const CatalogSync::Summary &summary = sync.summary();
    if (damage.isEmpty())
        damage = summary.damage;
    if (!damage.isEmpty())
        ctx.err(
            u"%1: the catalogue was damaged (%2); it was replaced and filled again by a full sync\n"_s.arg(
                target.label, damage));
    if (sync.error())
        return ctx.failure(u"%1 (%2 assets stored so far; run it again to continue)"_s.arg(
            failureText(*sync.error(), target), QString::number(summary.fetched)));
    const bool wasFull = summary.performed == CatalogSync::Mode::Full;
    ctx.outLine(u"%1: %2 sync complete, %3 assets read, %4 removed, %5 in the catalogue%6"_s
                    .arg(target.label, wasFull ? u"full"_s : u"incremental"_s)
                    .arg(summary.fetched)
                    .arg(summary.removed)
                    .arg(summary.catalogued)
                    .arg(summary.pauses > 0 ? u" (paused %1 times at the rate limit)"_s.arg(summary.pauses)
                                            : QString()));
    return ExitOk;
}

int runLsCommand(CliContext &ctx)
{
    Parsed p;
    bool done = false;
    if (const int status = parse(ctx, p, {}, kLsHelp, &done); status != ExitOk || done)
        return status;
    const QStringList positional = p.parser.positionalArguments();
    if (positional.size() > 1)
        return ctx.usageError(u"unexpected argument '%1'"_s.arg(positional.at(1)));
    QString folder = positional.value(0);
    while (folder.startsWith(u'/'))
        folder.remove(0, 1);
    while (folder.endsWith(u'/'))
        folder.chop(1);

    CatalogTarget target;
    std::unique_ptr<Catalog> catalog;
    if (const int status = openTargetCatalog(ctx, p, &target, &catalog); status != ExitOk)
        return status;
    if (!folder.isEmpty()) {
        auto info = catalog->folderInfo(folder);
        if (!info)
            return catalogFailure(ctx, target, info.error());
        if (!*info)
            return ctx.failure(
                u"there is no folder '%1' in the catalogue of '%2'"_s.arg(folder, target.label));
    }
    auto folders = catalog->childFolders(folder);
    auto assets = catalog->listFolder(folder);
    if (!folders || !assets)
        return catalogFailure(ctx, target, !folders ? folders.error() : assets.error());

    if (p.parser.isSet(p.json)) {
        QJsonArray folderArray;
        for (const auto &f : std::as_const(*folders))
            folderArray.append(QJsonObject {{u"path"_s, f.path},
                                            {u"name"_s, f.name},
                                            {u"asset_count"_s, double(f.totalCount)},
                                            {u"direct_count"_s, double(f.directCount)}});
        const QJsonObject answer {
            {u"folder"_s, folder}, {u"folders"_s, folderArray}, {u"assets"_s, assetsJson(assets->assets)}};
        ctx.out(QString::fromUtf8(QJsonDocument(answer).toJson(QJsonDocument::Indented)));
        return ExitOk;
    }
    QString text;
    for (const auto &f : std::as_const(*folders))
        text += u"%1/  (%2 assets)\n"_s.arg(f.name).arg(f.totalCount);
    text += assetsTable(assets->assets);
    ctx.out(text);
    return ExitOk;
}

int runFindCommand(CliContext &ctx)
{
    Parsed p;
    bool done = false;
    if (const int status = parse(ctx, p, {}, kFindHelp, &done); status != ExitOk || done)
        return status;
    QString text;
    if (const int status = expressionArgument(ctx, p, &text); status != ExitOk)
        return status;
    auto expression = core::search::Expression::parse(text);
    if (!expression)
        return ctx.usageError(errorText(expression.error()));

    CatalogTarget target;
    std::unique_ptr<Catalog> catalog;
    if (const int status = openTargetCatalog(ctx, p, &target, &catalog); status != ExitOk)
        return status;
    auto found = catalog->find(*expression);
    if (!found)
        return catalogFailure(ctx, target, found.error());
    return printAssets(ctx, p, *found);
}

int runSearchCommand(CliContext &ctx)
{
    Parsed p;
    const QCommandLineOption maxOption {u"max"_s, u"max"_s, u"N"_s};
    bool done = false;
    if (const int status = parse(ctx, p, {maxOption}, kSearchHelp, &done); status != ExitOk || done)
        return status;
    QString text;
    if (const int status = expressionArgument(ctx, p, &text); status != ExitOk)
        return status;
    qint64 max = -1;
    if (p.parser.isSet(maxOption)) {
        bool ok = false;
        max = p.parser.value(maxOption).toLongLong(&ok);
        if (!ok || max < 1)
            return ctx.usageError(u"--max must be a positive number"_s);
    }
    CatalogTarget target;
    if (const int status = resolveTarget(ctx, p, &target); status != ExitOk)
        return status;
    QNetworkAccessManager network;
    core::RateLimitBudget budget;
    auto context = targetApiContext(ctx, target, &network, &budget);
    if (!context)
        return ctx.usageError(targetProblem(context.error()));

    // The server's default order (created_at, newest first), as `find` prints.
    QList<CatalogAsset> assets;
    core::SearchQuery query;
    query.expression = text;
    query.withField = {u"tags"_s, u"context"_s, u"metadata"_s};
    do {
        query.maxResults = int(max < 0 ? 500 : qMin<qint64>(500, max - assets.size()));
        std::unique_ptr<core::ApiCall<core::ResourcePage>> call(
            core::SearchApi(*context).search(query, nullptr));
        QEventLoop loop;
        QObject::connect(call.get(), &core::Job::finished, &loop, &QEventLoop::quit);
        call->start();
        loop.exec();
        const auto &page = call->result();
        if (!page) {
            if (page.error().httpStatus == 400)
                return ctx.usageError(scrubbed(page.error().message, {}));
            return ctx.failure(failureText(page.error(), target));
        }
        for (const core::Resource &resource : page->resources)
            assets.append(CatalogAsset::fromResourceJson(resource.raw));
        query.nextCursor = page->resources.isEmpty() ? QString() : page->nextCursor;
    } while (!query.nextCursor.isEmpty() && (max < 0 || assets.size() < max));

    return printAssets(ctx, p, assets);
}

namespace {

const QString kMetadataFieldsHelp = uR"(Usage: stratus-cli metadata-fields list [--json] [OPTIONS]

Lists the environment's structured metadata fields, as the Admin API's metadata_fields answers
(one call, counted against the Admin API rate limit): external id, type, label, and the word
mandatory when a value is required; select fields list their choices (external id = value),
withdrawn ones marked inactive.

Options:
  --json                     Print the definitions as the API gives them (a JSON array).
)"_s + kConfigHelp
    + uR"(
Exit status: 0 success, 1 failure (network, server, credentials), 2 bad input.
)"_s;

} // namespace

int runMetadataFieldsCommand(CliContext &ctx)
{
    Parsed p;
    bool done = false;
    if (const int status = parse(ctx, p, {}, kMetadataFieldsHelp, &done); status != ExitOk || done)
        return status;
    const QStringList positional = p.parser.positionalArguments();
    if (positional != QStringList {u"list"_s})
        return ctx.usageError(u"expected 'list'; see 'stratus-cli metadata-fields --help'"_s);
    CatalogTarget target;
    if (const int status = resolveTarget(ctx, p, &target); status != ExitOk)
        return status;
    QNetworkAccessManager network;
    core::RateLimitBudget budget;
    auto context = targetApiContext(ctx, target, &network, &budget);
    if (!context)
        return ctx.usageError(targetProblem(context.error()));
    std::unique_ptr<core::ApiCall<QList<core::MetadataField>>> call(
        core::AdminApi(*context).metadataFields(nullptr));
    QEventLoop loop;
    QObject::connect(call.get(), &core::Job::finished, &loop, &QEventLoop::quit);
    call->start();
    loop.exec();
    const auto &fields = call->result();
    if (!fields)
        return ctx.failure(failureText(fields.error(), target));
    if (p.parser.isSet(p.json)) {
        QJsonArray array;
        for (const core::MetadataField &field : *fields)
            array.append(field.raw);
        ctx.outLine(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)).trimmed());
        return ExitOk;
    }
    for (const core::MetadataField &field : *fields) {
        QStringList columns {field.externalId, field.raw.value("type"_L1).toString(), field.label};
        if (field.mandatory)
            columns.append(u"mandatory"_s);
        ctx.outLine(columns.join(u'\t'));
        for (const core::MetadataOption &option : field.options)
            ctx.outLine(u"  %1 = %2%3"_s.arg(option.externalId, option.value,
                                             option.active ? QString() : u" (inactive)"_s));
    }
    return ExitOk;
}

} // namespace stratus::cli
