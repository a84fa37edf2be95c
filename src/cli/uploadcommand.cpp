// stratus-cli upload: files and folder trees through the upload engine of core (UploadQueue), with
// its journal, so that `upload --resume` finishes what a killed run left (docs/architecture.md,
// "Uploads").
#include "clicatalog.h"
#include "clicontext.h"
#include "commands.h"

#include "core/api/adminapi.h"
#include "core/transfers/uploadjournal.h"
#include "core/transfers/uploadqueue.h"
#include "words/errorwords.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus::cli {

namespace {

using core::transfers::DuplicatePolicy;
using core::transfers::UploadEntry;
using core::transfers::UploadJournal;
using core::transfers::UploadQueue;
using core::transfers::UploadState;

const QString kUploadHelp = uR"(Usage: stratus-cli upload PATH... [OPTIONS]
       stratus-cli upload --resume [OPTIONS]

Uploads files and folders (with everything below them) to an environment, several at a time.
A folder's name and its sub-folders become folders under --folder: asset folders in dynamic
folder mode, public id prefixes in fixed mode. Files over 100 MB go in chunks of 20 MB; every
step is written to a journal ($XDG_DATA_HOME/Stratus/uploads), so that after a crash or a kill
'upload --resume' finishes the transfer where it stopped, without uploading any file twice.
Failed requests are retried with back-off (network errors, 5xx, rate limits).

When the environment's catalogue was synced ('stratus-cli sync'), a file whose MD5 is the etag
of an asset there is a duplicate (see --duplicates), and every upload is added to it.

Only regular files with content are sent. Anything else asked for or found below a folder - a
file or folder that cannot be read, a name that is not valid UTF-8, an empty file, a device,
pipe or socket, a file whose size is only known by reading it (/proc) - is a failed file with
its reason. Hidden files and folders and links to folders are left out, and each is named.

On a terminal a progress bar is drawn on stderr; otherwise one line is printed per file. A
summary follows at the end. Nothing to upload (an empty folder) is not an error.

Options:
  --folder F                 Target folder (default: the root).
  --preset P                 Upload preset.
  --tags T,...               Tags for every file.
  --context K=V|...          Contextual metadata for every file.
  --use-filename             Public ids from the file names (with a random suffix unless
                             --unique-filename false); default: random public ids.
  --unique-filename BOOL     true or false (with --use-filename).
  --overwrite BOOL           Replace an asset with the same public id (default: true).
  --resource-type T          image, video, raw or auto (default).
  --duplicates POLICY        skip (default), upload (anyway) or overwrite (the existing asset).
  --concurrency N            Files in flight at once (default 4).
  --chunk-size BYTES         Chunk size of large files (default 20000000).
  --chunk-threshold BYTES    Larger files go in chunks (default 100000000, at most that).
  --resume                   Finish the journal's unfinished uploads (also those of a killed
                             run) instead of starting new ones.
  --json                     Print a JSON summary: {"uploaded", "skipped", "failed", "files":
                             [{"path", "state", "public_id", "asset_id", "bytes", "error"}],
                             "left_out": [{"path", "reason"}]}.
)"_s + configOptionsHelp()
    + uR"(
Exit status: 0 when every file is uploaded (or already there), 1 when any is not, 2 bad input.
)"_s;

struct Options
{
    QCommandLineParser parser;
    QCommandLineOption env {u"env"_s, u"environment"_s, u"NAME"_s};
    QCommandLineOption url {u"cloudinary-url"_s, u"url"_s, u"URL"_s};
    QCommandLineOption json {u"json"_s, u"json"_s};
    QCommandLineOption help {{u"h"_s, u"help"_s}, u"help"_s};
    QCommandLineOption insecure {u"allow-insecure-transport"_s, u"insecure"_s};
    QCommandLineOption folder {u"folder"_s, u"folder"_s, u"F"_s};
    QCommandLineOption preset {u"preset"_s, u"preset"_s, u"P"_s};
    QCommandLineOption tags {u"tags"_s, u"tags"_s, u"T"_s};
    QCommandLineOption context {u"context"_s, u"context"_s, u"KV"_s};
    QCommandLineOption useFilename {u"use-filename"_s, u"use filename"_s};
    QCommandLineOption uniqueFilename {u"unique-filename"_s, u"unique"_s, u"BOOL"_s};
    QCommandLineOption overwrite {u"overwrite"_s, u"overwrite"_s, u"BOOL"_s};
    QCommandLineOption resourceType {u"resource-type"_s, u"type"_s, u"T"_s};
    QCommandLineOption duplicates {u"duplicates"_s, u"policy"_s, u"POLICY"_s};
    QCommandLineOption concurrency {u"concurrency"_s, u"n"_s, u"N"_s};
    QCommandLineOption chunkSize {u"chunk-size"_s, u"bytes"_s, u"BYTES"_s};
    QCommandLineOption chunkThreshold {u"chunk-threshold"_s, u"bytes"_s, u"BYTES"_s};
    QCommandLineOption resume {u"resume"_s, u"resume"_s};
};

std::optional<bool> boolValue(const QString &text, bool *ok)
{
    *ok = true;
    if (text == u"true" || text == u"1" || text == u"yes")
        return true;
    if (text == u"false" || text == u"0" || text == u"no")
        return false;
    *ok = false;
    return std::nullopt;
}

// The batch options and queue settings from the command line; ExitOk or a usage error.
int readOptions(CliContext &ctx, const Options &o, core::transfers::UploadBatchOptions *batch,
                core::transfers::UploadQueueSettings *settings)
{
    const QCommandLineParser &p = o.parser;
    batch->folder = p.value(o.folder);
    batch->uploadPreset = p.value(o.preset);
    if (p.isSet(o.tags))
        batch->tags = p.value(o.tags).split(u',', Qt::SkipEmptyParts);
    if (p.isSet(o.context)) {
        for (const QString &pair : p.value(o.context).split(u'|', Qt::SkipEmptyParts)) {
            const qsizetype equals = pair.indexOf(u'=');
            if (equals <= 0)
                return ctx.usageError(u"--context wants KEY=VALUE pairs separated by |"_s);
            batch->context.insert(pair.left(equals), pair.mid(equals + 1));
        }
    }
    if (p.isSet(o.useFilename))
        batch->useFilename = true;
    for (const auto &[option, target] : {std::pair {&o.uniqueFilename, &batch->uniqueFilename},
                                         std::pair {&o.overwrite, &batch->overwrite}}) {
        if (!p.isSet(*option))
            continue;
        bool ok = false;
        *target = boolValue(p.value(*option), &ok);
        if (!ok)
            return ctx.usageError(u"--%1 wants true or false"_s.arg(option->names().constFirst()));
    }
    if (p.isSet(o.resourceType)) {
        batch->resourceType = p.value(o.resourceType);
        if (!QStringList {u"image"_s, u"video"_s, u"raw"_s, u"auto"_s}.contains(batch->resourceType))
            return ctx.usageError(u"--resource-type wants image, video, raw or auto"_s);
    }
    batch->duplicates = DuplicatePolicy::Skip;
    if (p.isSet(o.duplicates)) {
        const QString policy = p.value(o.duplicates);
        if (policy != u"skip" && policy != u"upload" && policy != u"overwrite")
            return ctx.usageError(u"--duplicates wants skip, upload or overwrite"_s);
        batch->duplicates = core::transfers::policyFromName(policy);
    }
    for (const auto &[option, target, minimum] :
         {std::tuple {&o.chunkSize, &settings->chunkSize, qint64(1)},
          std::tuple {&o.chunkThreshold, &settings->chunkThreshold, qint64(1)}}) {
        if (!p.isSet(*option))
            continue;
        bool ok = false;
        *target = p.value(*option).toLongLong(&ok);
        if (!ok || *target < minimum)
            return ctx.usageError(u"--%1 wants a number of bytes"_s.arg(option->names().constFirst()));
    }
    if (p.isSet(o.concurrency)) {
        bool ok = false;
        settings->concurrency = p.value(o.concurrency).toInt(&ok);
        if (!ok || settings->concurrency < 1 || settings->concurrency > 64)
            return ctx.usageError(u"--concurrency wants a number from 1 to 64"_s);
    }
    return ExitOk;
}

// The environment's folder mode: stored with the environment, else in its catalogue, else asked
// of the Admin API (one call). Unknown when none can tell (folder trees then use `folder`, which
// both modes understand).
core::FolderMode folderModeOf(const CatalogTarget &target, const core::catalog::Catalog *catalog,
                              const core::ApiContext &context)
{
    if (target.folderMode != core::FolderMode::Unknown)
        return target.folderMode;
    if (catalog && catalog->folderMode() != core::FolderMode::Unknown)
        return catalog->folderMode();
    QObject owner;
    auto *call = core::AdminApi(context).config(&owner);
    QEventLoop loop;
    QObject::connect(call, &core::Job::finished, &loop, &QEventLoop::quit);
    call->start();
    loop.exec();
    return call->result() ? call->result()->folderMode : core::FolderMode::Unknown;
}

QString progressLine(const UploadQueue::Totals &t)
{
    constexpr int width = 24;
    const int files = t.done + t.skipped + t.failed + t.active + t.waiting + t.paused;
    const int finished = t.done + t.skipped + t.failed;
    const int filled = t.bytesTotal > 0 ? int(t.bytesDone * width / t.bytesTotal) : 0;
    return u"\r[%1%2] %3/%4  %5/s  %6/%7 files\x1b[K"_s
        .arg(QString(filled, u'#'), QString(width - filled, u' '), humanBytes(t.bytesDone),
             humanBytes(t.bytesTotal), humanBytes(qint64(t.bytesPerSecond)))
        .arg(finished)
        .arg(files);
}

// The rule that left a path out, as the CLI contract names it.
QString leftOutRule(const core::transfers::LeftOut &left)
{
    return left.rule == core::transfers::LeftOut::Rule::Hidden ? u"hidden"_s : u"a link to a folder"_s;
}

QString fileLine(const UploadEntry &e)
{
    switch (e.state) {
    case UploadState::Done:
        return u"uploaded %1 -> %2"_s.arg(e.filePath, e.resultPublicId);
    case UploadState::Skipped:
        return u"skipped  %1 (already there as %2)"_s.arg(e.filePath, e.resultPublicId);
    case UploadState::Cancelled:
        return u"cancelled %1"_s.arg(e.filePath);
    default:
        return u"FAILED   %1: %2"_s.arg(e.filePath, e.error ? words::ErrorWords::text(*e.error) : QString());
    }
}

QJsonObject fileJson(const UploadEntry &e)
{
    return QJsonObject {{u"path"_s, e.filePath},
                        {u"state"_s, core::transfers::stateName(e.state)},
                        {u"public_id"_s, e.resultPublicId},
                        {u"asset_id"_s, e.assetId},
                        {u"bytes"_s, double(e.fileSize)},
                        {u"error"_s, e.error ? words::ErrorWords::text(*e.error) : QString()},
                        {u"reason"_s, e.error ? core::errorReasonName(e.error->reason) : QString()}};
}

// The --json summary; `left_out` names what the folder rules left out on purpose.
QJsonObject summaryJson(const UploadQueue::Totals &totals, const QJsonArray &files, qint64 elapsedMs,
                        const core::transfers::UploadPlan::Plan &plan)
{
    QJsonArray leftOut;
    for (const core::transfers::LeftOut &left : plan.leftOut)
        leftOut.append(QJsonObject {{u"path"_s, left.path}, {u"reason"_s, leftOutRule(left)}});
    return QJsonObject {{u"uploaded"_s, totals.done},
                        {u"skipped"_s, totals.skipped},
                        {u"failed"_s, totals.failed + totals.cancelled + totals.paused},
                        {u"bytes"_s, double(totals.bytesTotal)},
                        {u"seconds"_s, double(elapsedMs) / 1000.0},
                        {u"files"_s, files},
                        {u"left_out"_s, leftOut}};
}

// Reads the command line into `o`, `batch` and `settings`; an exit status when the command ends
// here (--help, a usage error).
std::optional<int> parseCommandLine(CliContext &ctx, Options &o, core::transfers::UploadBatchOptions *batch,
                                    core::transfers::UploadQueueSettings *settings)
{
    o.parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    o.parser.addOptions({o.env, o.url, o.json, o.help, o.insecure, o.folder, o.preset, o.tags, o.context,
                         o.useFilename, o.uniqueFilename, o.overwrite, o.resourceType, o.duplicates,
                         o.concurrency, o.chunkSize, o.chunkThreshold, o.resume});
    if (!o.parser.parse(QStringList {u"stratus-cli"_s} + ctx.args()))
        return ctx.usageError(o.parser.errorText() + u"; see 'stratus-cli upload --help'"_s);
    if (o.parser.isSet(o.help)) {
        ctx.out(kUploadHelp);
        return ExitOk;
    }
    const bool resume = o.parser.isSet(o.resume);
    const bool noPaths = o.parser.positionalArguments().isEmpty();
    if (resume && !noPaths)
        return ctx.usageError(u"--resume takes no PATH; it finishes the journal's uploads"_s);
    if (!resume && noPaths)
        return ctx.usageError(u"missing PATH; see 'stratus-cli upload --help'"_s);
    if (const int status = readOptions(ctx, o, batch, settings); status != ExitOk)
        return status;
    return std::nullopt;
}

// The catalogue only when it was synced: uploads written into a partial one would make its next
// incremental sync skip what it never read.
std::unique_ptr<core::catalog::Catalog> syncedCatalog(const CatalogTarget &target)
{
    if (auto opened = core::catalog::Catalog::openExisting(target.catalogPath());
        opened && opened.value()->syncState().lastSync.isValid())
        return std::move(opened).value();
    return nullptr;
}

// Shows the queue's progress while it works: on a terminal a bar on stderr (`*barShown` once
// drawn) with failed files above it; otherwise a line per finished file on stdout; with --json
// nothing.
void showProgress(CliContext &ctx, UploadQueue &queue, bool json, bool *barShown)
{
    const bool terminal = ::isatty(STDERR_FILENO) == 1 && !json;
    QObject::connect(&queue, &UploadQueue::progressChanged, &queue, [&ctx, &queue, terminal, barShown]() {
        if (terminal) {
            ctx.err(progressLine(queue.totals()));
            *barShown = true;
        }
    });
    QObject::connect(&queue, &UploadQueue::jobFinished, &queue, [&ctx, &queue, json, terminal](qint64 id) {
        const UploadEntry *e = queue.job(id);
        if (json || !e)
            return;
        if (terminal && e->state != UploadState::Failed)
            return;
        const QString line = fileLine(*e);
        if (terminal) {
            ctx.err(u"\r\x1b[K"_s + line + u'\n');
        } else {
            ctx.outLine(line);
            std::fflush(stdout);
        }
    });
}

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson());
}

// Nothing to upload or resume: not an error. The empty summary with --json, else `message`.
int reportNothingToDo(CliContext &ctx, bool json, const core::transfers::UploadPlan::Plan &plan,
                      const QString &message)
{
    if (json)
        ctx.out(jsonText(summaryJson({}, {}, 0, plan)));
    else
        ctx.outLine(message);
    return ExitOk;
}

// Gives the queue its work: the journal's unfinished uploads with --resume, else the files under
// the command line's paths (`*plan`). An exit status when the command ends here (nothing to do, a
// failure).
std::optional<int> startUploads(CliContext &ctx, const Options &o, const CatalogTarget &target,
                                const core::transfers::UploadBatchOptions &batch, UploadQueue &queue,
                                core::transfers::UploadPlan::Plan *plan)
{
    const bool json = o.parser.isSet(o.json);
    if (o.parser.isSet(o.resume)) {
        auto resumed = queue.resumeFromJournal();
        if (!resumed)
            return ctx.failure(words::ErrorWords::text(resumed.error()));
        if (*resumed == 0)
            return reportNothingToDo(ctx, json, *plan, u"%1: nothing to resume"_s.arg(target.label));
        return std::nullopt;
    }
    const QStringList paths = o.parser.positionalArguments();
    *plan = core::transfers::UploadPlan::expand(paths, batch.folder);
    if (!json) {
        for (const core::transfers::LeftOut &left : std::as_const(plan->leftOut))
            ctx.err(u"left out %1 (%2)\n"_s.arg(left.path, leftOutRule(left)));
    }
    if (plan->isEmpty())
        return reportNothingToDo(
            ctx, json, *plan,
            u"%1: nothing to upload (no file under %2)"_s.arg(target.label, paths.join(u", "_s)));
    if (auto queued = queue.enqueue(*plan, batch); !queued)
        return ctx.failure(words::ErrorWords::text(queued.error()));
    return std::nullopt;
}

// The summary once the queue is idle; ExitOk when every file is uploaded (or already there).
int reportSummary(CliContext &ctx, const UploadQueue &queue, const QString &label, bool json,
                  qint64 elapsedMs, const core::transfers::UploadPlan::Plan &plan)
{
    const UploadQueue::Totals totals = queue.totals();
    const bool allThere = totals.failed == 0 && totals.cancelled == 0 && totals.paused == 0;
    if (json) {
        QJsonArray files;
        for (const qint64 id : queue.jobIds())
            files.append(fileJson(*queue.job(id)));
        ctx.out(jsonText(summaryJson(totals, files, elapsedMs, plan)));
    } else {
        const double seconds = std::max(0.001, double(elapsedMs) / 1000.0);
        ctx.outLine(u"%1: %2 uploaded, %3 already there, %4 failed; %5 in %6 s (%7/s)"_s.arg(label)
                        .arg(totals.done)
                        .arg(totals.skipped)
                        .arg(totals.failed + totals.cancelled + totals.paused)
                        .arg(humanBytes(totals.bytesTotal))
                        .arg(seconds, 0, 'f', 1)
                        .arg(humanBytes(qint64(double(totals.bytesTotal) / seconds))));
    }
    return allThere ? ExitOk : ExitFailure;
}

} // namespace

int runUploadCommand(CliContext &ctx)
{
    Options o;
    core::transfers::UploadBatchOptions batch;
    core::transfers::UploadQueueSettings settings;
    if (const auto status = parseCommandLine(ctx, o, &batch, &settings))
        return *status;

    CatalogTarget target;
    if (const int status = resolveCatalogTarget(
            ctx, {o.parser.value(o.url), o.parser.value(o.env), o.parser.isSet(o.insecure)}, &target);
        status != ExitOk)
        return status;
    QNetworkAccessManager network;
    auto context = targetApiContext(ctx, target, &network);
    if (!context)
        return ctx.usageError(targetProblem(context.error()));

    const std::unique_ptr<core::catalog::Catalog> catalog = syncedCatalog(target);
    auto journal = UploadJournal::open(target.journalPath());
    if (!journal)
        return ctx.failure(words::ErrorWords::text(journal.error()));

    UploadQueue queue(*context, journal->get());
    queue.setSettings(settings);
    queue.setCatalog(catalog.get());
    if (!o.parser.isSet(o.resume))
        queue.setFolderMode(folderModeOf(target, catalog.get(), *context));

    const bool json = o.parser.isSet(o.json);
    bool barShown = false;
    showProgress(ctx, queue, json, &barShown);
    QEventLoop loop;
    QObject::connect(&queue, &UploadQueue::idle, &loop, &QEventLoop::quit);

    QElapsedTimer clock;
    clock.start();
    core::transfers::UploadPlan::Plan plan;
    if (const auto status = startUploads(ctx, o, target, batch, queue, &plan))
        return *status;
    loop.exec();
    if (barShown)
        ctx.err(u"\n"_s);
    return reportSummary(ctx, queue, target.label, json, clock.elapsed(), plan);
}

} // namespace stratus::cli
