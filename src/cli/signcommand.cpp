// stratus-cli sign: the API signature of a set of request parameters, as the Node SDK's
// cloudinary.utils.api_sign_request(params, api_secret, algorithm, signature_version) computes it.
//
// --batch answers each line as soon as it is read, in order: its signature, or an empty line when
// the line is bad ("line N: …" on stderr, exit status 2); the same contract as url --batch.
#include "clicontext.h"
#include "clienvironments.h"
#include "commands.h"
#include "stdinlines.h"

#include "core/signing/apisigner.h"
#include "core/signing/signbatch.h"
#include "words/errorwords.h"

#include <QCommandLineParser>
#include <QJsonObject>

#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;

namespace stratus::cli {

namespace {

const QString kHelp = uR"(Usage: stratus-cli sign --params JSON [OPTIONS]
       stratus-cli sign --batch [OPTIONS] < LINES

Prints the lower-case hex API signature of a set of request parameters, computed with the
API secret of the configured product environment, exactly as the Node SDK's
cloudinary.utils.api_sign_request() does: the parameters are signed as given (no timestamp is
added and no key is left out; file, cloud_name, resource_type and api_key are never signed in a
real request, so do not pass them), null and empty values are dropped, arrays are joined with
commas, names are sorted and the pairs joined with '&'.

Options:
  --params JSON              The parameters, a JSON object.
  --algorithm sha1|sha256    Digest (default: the configuration's signature_algorithm, else sha1).
  --signature-version 1|2    2 escapes '&' in values as %26 (default: the configuration's
                             signature_version, else 2).
  --env NAME                 A stored environment (see 'stratus-cli env'); its secret is read from
                             the OS keychain. Default: the current environment, else $CLOUDINARY_URL.
  --cloudinary-url URL       cloudinary://API_KEY:API_SECRET@CLOUD_NAME instead of a stored
                             environment.
  --batch                    Read JSON lines from stdin, each
                             {"params":{...},"algorithm":"sha1","signature_version":2}
                             ("algorithm" and "signature_version" optional), and answer each
                             as soon as it is read with one line: its signature, or an empty
                             line when it is bad (stderr then says 'line N: why' and the exit
                             status is 2). Blank lines are skipped. A line may hold 4 MiB; a
                             longer one ends the batch (exit 2).
  -h, --help                 Show this help.

Exit status: 0 success, 1 failure (the keychain cannot be read), 2 bad input (one line on
stderr, nothing on stdout; with --batch, the other lines are still answered).
)"_s;

std::optional<core::SignatureVersion> versionFromText(QStringView text)
{
    if (text == u"1")
        return core::SignatureVersion::V1;
    if (text == u"2")
        return core::SignatureVersion::V2;
    return std::nullopt;
}

// What the command line asks for.
struct SignOptions
{
    bool batch = false;
    std::optional<QJsonObject> params; ///< --params, without --batch
    std::optional<core::SignatureAlgorithm> algorithm;
    std::optional<core::SignatureVersion> version;
    QString cloudinaryUrl;
    QString environment;
};

// Reads the command line into *options; an exit status when the command ends here (help, bad
// arguments).
std::optional<int> readSignOptions(CliContext &ctx, SignOptions *options)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption paramsOption(u"params"_s, QString(), u"JSON"_s);
    const QCommandLineOption algorithmOption(u"algorithm"_s, QString(), u"NAME"_s);
    const QCommandLineOption versionOption(u"signature-version"_s, QString(), u"VERSION"_s);
    const QCommandLineOption urlOption(u"cloudinary-url"_s, QString(), u"URL"_s);
    const QCommandLineOption envOption(u"env"_s, QString(), u"NAME"_s);
    const QCommandLineOption batchOption(u"batch"_s);
    const QCommandLineOption helpOption(QStringList {u"h"_s, u"help"_s});
    parser.addOptions(
        {paramsOption, algorithmOption, versionOption, urlOption, envOption, batchOption, helpOption});
    if (!parser.parse(QStringList {u"stratus-cli sign"_s} + ctx.args())) {
        return ctx.parseError(parser.errorText(), u"sign"_s);
    }
    if (parser.isSet(helpOption)) {
        ctx.out(kHelp);
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return ctx.usageError(u"unexpected argument '%1'; see 'stratus-cli sign --help'"_s.arg(
            parser.positionalArguments().constFirst()));
    options->batch = parser.isSet(batchOption);
    if (options->batch == parser.isSet(paramsOption))
        return ctx.usageError(options->batch
                                  ? u"--params and --batch exclude each other"_s
                                  : u"missing --params JSON (or --batch); see 'stratus-cli sign --help'"_s);
    if (parser.isSet(algorithmOption)) {
        options->algorithm = core::signatureAlgorithmFromName(parser.value(algorithmOption));
        if (!options->algorithm)
            return ctx.usageError(
                u"unknown --algorithm '%1'; expected sha1 or sha256"_s.arg(parser.value(algorithmOption)));
    }
    if (parser.isSet(versionOption)) {
        options->version = versionFromText(parser.value(versionOption));
        if (!options->version)
            return ctx.usageError(u"--signature-version must be 1 or 2"_s);
    }
    if (!options->batch) {
        core::Result<QJsonObject> parsed = core::parseJsonObject(parser.value(paramsOption).toUtf8());
        if (!parsed)
            return ctx.usageError(u"--params: "_s + words::ErrorWords::text(parsed.error()));
        options->params = std::move(parsed).value();
    }
    options->cloudinaryUrl = parser.value(urlOption);
    options->environment = parser.value(envOption);
    return std::nullopt;
}

// --batch: answers the lines of stdin as they come, with `signature(params, algorithm, version)`.
int signLines(CliContext &ctx, const auto &signature)
{
    bool badLines = false;
    const int status = answerStdinLines(ctx, [&](QByteArrayView lines, qsizetype firstLine) {
        QString answers, errors;
        forEachLine(lines, firstLine, [&](QByteArrayView line, qsizetype number) {
            if (core::isBlankLine(line))
                return;
            const core::Result<core::SignRequest> request = core::SignRequest::parseLine(line);
            if (!request) {
                errors += u"stratus-cli sign: line %1: %2\n"_s.arg(number).arg(
                    words::ErrorWords::text(request.error()));
                answers += u'\n';
                return;
            }
            answers += signature(request->params, request->algorithm, request->version) + u'\n';
        });
        // The reasons first, then the answers: a co-process that reads an empty line finds why.
        if (!errors.isEmpty()) {
            badLines = true;
            ctx.err(errors);
            std::fflush(stderr);
        }
        ctx.out(answers);
        return std::fflush(stdout) == 0 ? int(ExitOk) : ctx.failure(u"cannot write stdout"_s);
    });
    if (status != ExitOk)
        return status;
    return badLines ? int(ExitUsage) : int(ExitOk);
}

} // namespace

int runSignCommand(CliContext &ctx)
{
    SignOptions options;
    if (const std::optional<int> done = readSignOptions(ctx, &options))
        return *done;

    // The configuration holds the secret: keep it in this scope only.
    QJsonObject config;
    if (const int status = resolveCommandConfig(
            ctx, {options.cloudinaryUrl, options.environment}, [] { return true; }, &config);
        status != ExitOk)
        return status;
    const QJsonValue secret = config.value(u"api_secret");
    if (!secret.isString() || secret.toString().isEmpty())
        return ctx.usageError(u"no API secret configured; pass --env NAME, set CLOUDINARY_URL or pass "
                              u"--cloudinary-url cloudinary://API_KEY:API_SECRET@CLOUD_NAME"_s);
    const core::Result<core::ApiSigner> defaults = core::ApiSigner::fromSdkConfig(config);
    if (!defaults)
        return ctx.usageError(words::ErrorWords::text(defaults.error()));
    const QString apiSecret = secret.toString();
    // Most specific first: the batch line, then the command line, then the configuration.
    auto signature = [&](const QJsonObject &request, std::optional<core::SignatureAlgorithm> lineAlgorithm,
                         std::optional<core::SignatureVersion> lineVersion) {
        const core::ApiSigner signer(
            lineAlgorithm.value_or(options.algorithm.value_or(defaults->algorithm())),
            lineVersion.value_or(options.version.value_or(defaults->version())));
        return signer.sign(request, apiSecret);
    };

    if (!options.batch) {
        ctx.outLine(signature(*options.params, std::nullopt, std::nullopt));
        return ExitOk;
    }
    return signLines(ctx, signature);
}

} // namespace stratus::cli
