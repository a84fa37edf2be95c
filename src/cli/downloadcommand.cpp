// stratus-cli download: the originals of assets, by public id, into a folder, through core's
// DownloadQueue (the one the app's browser uses): delivery URLs, signed for private and
// authenticated assets, a few at a time, each file complete or not there at all.
#include "clicatalog.h"
#include "clicontext.h"
#include "commands.h"

#include "core/search/searchexpression.h"
#include "core/transfers/downloadqueue.h"
#include "words/errorwords.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus::cli {

namespace {

using core::catalog::CatalogAsset;
using core::transfers::DownloadQueue;

const QString kHelp = uR"help(Usage: stratus-cli download PUBLIC_ID... [--to DIR] [OPTIONS]

Downloads the originals of assets (the files as they were uploaded) into DIR (default: the
current folder), named after the public id's last part and the format ("cat.jpg"); a name that
is taken gets " (1)", " (2)"... Nothing is overwritten, and a file that does not arrive whole is
not left behind. Private and authenticated assets are fetched through signed URLs (the API
secret signs them; it never leaves this computer). The assets are looked up by public id in the
local catalogue, which must have been synced ('stratus-cli sync'). Delivery URLs cost no Admin
API calls.

Options:
  --to DIR                   The folder to save into (it must exist). Default: the current one.
  --resource-type T          Only assets of this resource type (image, video, raw).
  --type T                   Only assets of this delivery type (upload, private, ...).
  --stdin                    Also read public ids from stdin, one a line (blank lines skipped).
  --parallel N               Files at once, 1-4 (default 3).
  --json                     Print {"files": [{"public_id", "path", "bytes"}], "failed":
                             [{"subject", "reason", "status", "error"}]}.
)help"_s
    + configOptionsHelp() + uR"help(
Without --json each saved file is a line "downloaded PUBLIC_ID -> PATH" on stdout, each failure
a line on stderr; on a terminal a progress line is drawn on stderr.
Exit status: 0 when every file was saved, 1 when any failed (or an asset is not in the
catalogue), 2 bad input (nothing was fetched).
)help"_s;

// The catalogue commands' options (--env, --cloudinary-url, --json, --help,
// --allow-insecure-transport) and download's own.
struct Options : Parsed
{
    QCommandLineOption to {u"to"_s, u"folder"_s, u"DIR"_s};
    QCommandLineOption resourceType {u"resource-type"_s, u"resource type"_s, u"T"_s};
    QCommandLineOption type {u"type"_s, u"delivery type"_s, u"T"_s};
    QCommandLineOption stdinIds {u"stdin"_s, u"stdin"_s};
    QCommandLineOption parallel {u"parallel"_s, u"parallel"_s, u"N"_s};
};

// The public ids of the arguments, and of stdin with --stdin; each once.
int publicIds(CliContext &ctx, const Options &o, QStringList *ids)
{
    return readPublicIds(ctx, o.parser.positionalArguments(), o.parser.isSet(o.stdinIds), ids);
}

// What the options ask for, checked before anything is looked up or fetched.
int readOptions(CliContext &ctx, Options &o, QString *directory, int *parallel)
{
    o.parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    o.parser.addOptions(
        {o.env, o.url, o.json, o.help, o.insecure, o.to, o.resourceType, o.type, o.stdinIds, o.parallel});
    if (!o.parser.parse(QStringList {u"stratus-cli"_s} + ctx.args()))
        return ctx.usageError(o.parser.errorText() + u"; see 'stratus-cli download --help'"_s);
    *directory = QDir(o.parser.isSet(o.to) ? o.parser.value(o.to) : u"."_s).absolutePath();
    if (!QFileInfo(*directory).isDir())
        return ctx.usageError(u"--to: %1 is not a folder"_s.arg(*directory));
    bool ok = true;
    *parallel = o.parser.isSet(o.parallel) ? o.parser.value(o.parallel).toInt(&ok) : 3;
    if (!ok || *parallel < 1 || *parallel > 4)
        return ctx.usageError(u"--parallel takes 1 to 4, not '%1'"_s.arg(o.parser.value(o.parallel)));
    return ExitOk;
}

// Prints what the queue saved and what failed; the exit status says whether all was saved.
int report(CliContext &ctx, const Options &o, const DownloadQueue &queue, const QList<CatalogAsset> &assets)
{
    QJsonArray files;
    for (const CatalogAsset &asset : assets) {
        const QString path = queue.savedFiles().value(asset.assetId);
        if (path.isEmpty())
            continue;
        files.append(QJsonObject {{u"public_id"_s, asset.publicId},
                                  {u"path"_s, path},
                                  {u"bytes"_s, double(QFileInfo(path).size())}});
    }
    QJsonArray failed;
    for (const DownloadQueue::Failure &failure : queue.failures()) {
        failed.append(failureJson(failure.error));
        ctx.err(
            u"stratus-cli download: %1: %2\n"_s.arg(failure.name, words::ErrorWords::text(failure.error)));
    }
    if (o.parser.isSet(o.json)) {
        ctx.out(QString::fromUtf8(QJsonDocument(QJsonObject {{u"files"_s, files}, {u"failed"_s, failed}})
                                      .toJson(QJsonDocument::Indented)));
    } else {
        for (const QJsonValue &file : std::as_const(files))
            ctx.outLine(
                u"downloaded %1 -> %2"_s.arg(file[u"public_id"].toString(), file[u"path"].toString()));
    }
    return queue.failures().isEmpty() ? int(ExitOk) : int(ExitFailure);
}

} // namespace

int runDownloadCommand(CliContext &ctx)
{
    Options o;
    QString directory;
    int parallel = 3;
    if (const int status = readOptions(ctx, o, &directory, &parallel); status != ExitOk)
        return status;
    if (o.parser.isSet(o.help)) {
        ctx.out(kHelp);
        return ExitOk;
    }
    QStringList ids;
    if (const int status = publicIds(ctx, o, &ids); status != ExitOk)
        return status;
    CatalogTarget target;
    std::unique_ptr<core::catalog::Catalog> catalog;
    if (const int status = openTargetCatalog(ctx, o, &target, &catalog); status != ExitOk)
        return status;
    QList<CatalogAsset> assets;
    for (const QString &id : std::as_const(ids)) {
        if (const int status = lookUpAsset(ctx, target, *catalog, id, o.parser.value(o.resourceType),
                                           o.parser.value(o.type), &assets);
            status != ExitOk)
            return status;
    }

    QNetworkAccessManager network;
    // The secret is only asked for when an asset must be signed; only then may a refusal matter.
    auto context = targetApiContext(ctx, target, &network);
    core::DeliveryEnvironment environment;
    environment.network = &network;
    environment.url = [url = target.url] {
        return url;
    };
    environment.apiContext = [context] {
        return context;
    };
    DownloadQueue queue(environment);
    queue.setParallel(parallel);
    const bool terminal = ::isatty(STDERR_FILENO) == 1 && !o.parser.isSet(o.json);
    QObject::connect(&queue, &DownloadQueue::progress, &queue, [&] {
        if (terminal)
            ctx.err(u"\r%1/%2 files  %3/%4\x1b[K"_s.arg(queue.filesDone())
                        .arg(queue.filesTotal())
                        .arg(humanBytes(queue.bytesReceived()), humanBytes(queue.bytesTotal())));
    });
    QEventLoop loop;
    QObject::connect(&queue, &DownloadQueue::finished, &loop, &QEventLoop::quit);
    queue.start(assets, directory);
    loop.exec();
    if (terminal)
        ctx.err(u"\n"_s);
    return report(ctx, o, queue, assets);
}

} // namespace stratus::cli
