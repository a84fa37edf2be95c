// stratus-cli sign: the API signature of a set of request parameters, as the Node SDK's
// cloudinary.utils.api_sign_request(params, api_secret, algorithm, signature_version) computes it.
#include "clicontext.h"
#include "clienvironments.h"
#include "commands.h"

#include "core/signing/apisigner.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

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
                             ("algorithm" and "signature_version" optional), and print one
                             signature per line, in order. Nothing is printed if any line is bad.
  -h, --help                 Show this help.

Exit status: 0 success, 1 failure (the keychain cannot be read), 2 bad input (one line on
stderr, nothing on stdout).
)"_s;

struct Request
{
    QJsonObject params;
    std::optional<core::SignatureAlgorithm> algorithm;
    std::optional<core::SignatureVersion> version;
};

std::optional<core::SignatureVersion> versionFromText(QStringView text)
{
    if (text == u"1")
        return core::SignatureVersion::V1;
    if (text == u"2")
        return core::SignatureVersion::V2;
    return std::nullopt;
}

// Parses JSON text that must be an object; on failure returns an empty optional and sets *error.
std::optional<QJsonObject> parseObject(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = u"invalid JSON (%1 at offset %2)"_s.arg(parseError.errorString()).arg(parseError.offset);
        return std::nullopt;
    }
    if (!document.isObject()) {
        *error = u"expected a JSON object"_s;
        return std::nullopt;
    }
    return document.object();
}

std::optional<Request> parseBatchLine(const QByteArray &line, QString *error)
{
    const std::optional<QJsonObject> object = parseObject(line, error);
    if (!object)
        return std::nullopt;
    Request request;
    const QJsonValue params = object->value(u"params");
    if (!params.isObject()) {
        *error = u"\"params\" must be a JSON object"_s;
        return std::nullopt;
    }
    request.params = params.toObject();

    const QJsonValue algorithm = object->value(u"algorithm");
    if (!algorithm.isUndefined() && !algorithm.isNull()) {
        request.algorithm = core::signatureAlgorithmFromName(algorithm.toString());
        if (!request.algorithm) {
            *error = u"unknown \"algorithm\"; expected \"sha1\" or \"sha256\""_s;
            return std::nullopt;
        }
    }
    const QJsonValue version = object->value(u"signature_version");
    if (!version.isUndefined() && !version.isNull()) {
        const double number = version.toDouble(-1);
        if (number == 1 || number == 2)
            request.version = number == 1 ? core::SignatureVersion::V1 : core::SignatureVersion::V2;
        if (!request.version) {
            *error = u"\"signature_version\" must be 1 or 2"_s;
            return std::nullopt;
        }
    }
    return request;
}

QByteArray readStandardInput()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    return in.readAll();
}

} // namespace

int runSignCommand(CliContext &ctx)
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
        QString message = parser.errorText();
        if (message.endsWith(u'.'))
            message.chop(1);
        return ctx.usageError(message + u"; see 'stratus-cli sign --help'"_s);
    }
    if (parser.isSet(helpOption)) {
        ctx.out(kHelp);
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return ctx.usageError(u"unexpected argument '%1'; see 'stratus-cli sign --help'"_s.arg(
            parser.positionalArguments().constFirst()));
    const bool batch = parser.isSet(batchOption);
    if (batch == parser.isSet(paramsOption))
        return ctx.usageError(batch ? u"--params and --batch exclude each other"_s
                                    : u"missing --params JSON (or --batch); see 'stratus-cli sign --help'"_s);

    std::optional<core::SignatureAlgorithm> algorithm;
    if (parser.isSet(algorithmOption)) {
        algorithm = core::signatureAlgorithmFromName(parser.value(algorithmOption));
        if (!algorithm)
            return ctx.usageError(
                u"unknown --algorithm '%1'; expected sha1 or sha256"_s.arg(parser.value(algorithmOption)));
    }
    std::optional<core::SignatureVersion> version;
    if (parser.isSet(versionOption)) {
        version = versionFromText(parser.value(versionOption));
        if (!version)
            return ctx.usageError(u"--signature-version must be 1 or 2"_s);
    }

    QList<Request> requests;
    if (batch) {
        const QList<QByteArray> lines = readStandardInput().split('\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            if (line.isEmpty())
                continue;
            QString error;
            std::optional<Request> request = parseBatchLine(line, &error);
            if (!request)
                return ctx.usageError(u"line %1: %2"_s.arg(i + 1).arg(error));
            requests.append(std::move(*request));
        }
    } else {
        QString error;
        std::optional<QJsonObject> params = parseObject(parser.value(paramsOption).toUtf8(), &error);
        if (!params)
            return ctx.usageError(u"--params: "_s + error);
        requests.append({std::move(*params), std::nullopt, std::nullopt});
    }

    QString output;
    {
        // The configuration holds the secret: keep it in this scope only.
        QJsonObject config;
        if (const int status = resolveCommandConfig(
                ctx, {parser.value(urlOption), parser.value(envOption)}, [] { return true; }, &config);
            status != ExitOk)
            return status;
        const QJsonValue secret = config.value(u"api_secret");
        if (!secret.isString() || secret.toString().isEmpty())
            return ctx.usageError(u"no API secret configured; pass --env NAME, set CLOUDINARY_URL or pass "
                                  u"--cloudinary-url cloudinary://API_KEY:API_SECRET@CLOUD_NAME"_s);
        const core::Result<core::ApiSigner> defaults = core::ApiSigner::fromSdkConfig(config);
        if (!defaults)
            return ctx.usageError(defaults.error().message);

        const QString apiSecret = secret.toString();
        for (const Request &request : std::as_const(requests)) {
            // Most specific first: the batch line, then the command line, then the configuration.
            const core::ApiSigner signer(
                request.algorithm.value_or(algorithm.value_or(defaults->algorithm())),
                request.version.value_or(version.value_or(defaults->version())));
            output += signer.sign(request.params, apiSecret) + u'\n';
        }
    }
    ctx.out(output);
    return ExitOk;
}

} // namespace stratus::cli
