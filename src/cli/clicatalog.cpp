#include "clicatalog.h"
#include "stdinlines.h"

#include "core/accounts/accounts.h"
#include "core/accounts/apicontextfor.h"
#include "core/net/secretsource.h"
#include "core/net/transportsecurity.h"
#include "core/search/searchexpression.h"
#include "words/errorwords.h"

#include <QCryptographicHash>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace stratus::cli {

namespace {

int targetFromUrl(CliContext &ctx, const QString &text, bool allowInsecureTransport, CatalogTarget *target)
{
    auto parsed = core::CloudinaryUrl::parse(text);
    if (!parsed)
        return ctx.usageError(errorText(parsed.error()));
    const core::CloudinaryUrl withoutSecret = parsed->withoutSecret();
    target->environmentId = u"url-"_s
        + QString::fromLatin1(QCryptographicHash::hash(withoutSecret.toString().toUtf8(),
                                                       QCryptographicHash::Sha256)
                                  .toHex()
                                  .left(16));
    target->label = parsed->cloudName();
    target->url = withoutSecret;
    target->secret = std::make_shared<core::FixedSecret>(
        parsed->apiSecret(),
        allowInsecureTransport ? core::InsecureTransport::Allowed : core::InsecureTransport::Refused);
    return ExitOk;
}

} // namespace

int resolveCatalogTarget(CliContext &ctx, const ConfigChoice &choice, CatalogTarget *target)
{
    if (!choice.cloudinaryUrl.isEmpty() && !choice.environment.isEmpty())
        return ctx.usageError(u"--env and --cloudinary-url exclude each other"_s);
    target->layout = ctx.layout();
    if (!choice.cloudinaryUrl.isEmpty())
        return targetFromUrl(ctx, choice.cloudinaryUrl, choice.allowInsecureTransport, target);

    std::unique_ptr<core::AccountStore> store = openAccountStore(ctx);
    const core::EnvironmentRecord *environment = nullptr;
    if (const int status = loadChosenEnvironment(ctx, *store, choice.environment, &environment);
        status != ExitOk)
        return status;
    if (!environment) {
        const QString text = qEnvironmentVariable("CLOUDINARY_URL");
        if (text.isEmpty())
            return ctx.usageError(u"no environment configured; pass --env NAME, set CLOUDINARY_URL or pass "
                                  u"--cloudinary-url cloudinary://API_KEY:API_SECRET@CLOUD_NAME"_s);
        return targetFromUrl(ctx, text, choice.allowInsecureTransport, target);
    }
    if (environment->embeddedSandbox)
        return ctx.failure(u"the environment '%1' is the app's embedded sandbox, which exists only while "
                           u"Stratus runs"_s.arg(environment->displayName()));
    const core::AccountRecord *account = store->account(environment->accountId);
    if (account && !account->loggedIn)
        return ctx.failure(u"the account '%1' of environment '%2' is logged out; %3"_s.arg(
            account->displayLabel(), environment->displayName(),
            environment->usesToken()
                ? u"sign in again with 'stratus-cli login %1'"_s.arg(environment->displayName())
                : u"log in again in Stratus"_s));
    target->environmentId = environment->id;
    target->label = environment->displayName();
    target->url = store->effectiveUrl(environment->id);
    target->secret = store->secretSource(environment->id);
    // The keychain entry of a token environment holds its tokens, never to be sent as an API secret:
    // only a source that hands out the access token (Bearer) may serve it.
    if (environment->usesToken()
        && (!target->secret || target->secret->kind() != core::CredentialKind::AccessToken))
        return ctx.failure(
            u"the environment '%1' is signed in with Cloudinary, and this stratus-cli cannot use "
            u"its sign-in for API calls"_s.arg(environment->displayName()));
    if (choice.allowInsecureTransport)
        target->secret = allowingInsecureTransport(std::move(target->secret));
    target->folderMode = environment->folderMode;
    target->store = std::move(store);
    return ExitOk;
}

int parse(CliContext &ctx, Parsed &p, const QList<QCommandLineOption> &extra, const QString &help, bool *done)
{
    p.parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    p.parser.addOptions({p.env, p.url, p.json, p.help, p.insecure});
    p.parser.addOptions(extra);
    *done = false;
    if (!p.parser.parse(QStringList {u"stratus-cli"_s} + ctx.args()))
        return ctx.usageError(p.parser.errorText() + u"; see 'stratus-cli %1 --help'"_s.arg(ctx.command()));
    if (p.parser.isSet(p.help)) {
        ctx.out(help);
        *done = true;
    }
    return ExitOk;
}

int resolveTarget(CliContext &ctx, const Parsed &p, CatalogTarget *target)
{
    return resolveCatalogTarget(
        ctx, {p.parser.value(p.url), p.parser.value(p.env), p.parser.isSet(p.insecure)}, target);
}

int catalogFailure(CliContext &ctx, const CatalogTarget &target, const core::Error &error)
{
    if (error.kind == core::Error::Kind::Damaged)
        return ctx.failure(u"the catalogue of '%1' is damaged (%2); 'stratus-cli sync' rebuilds it"_s.arg(
            target.label, scrubbed(error.message, {})));
    return ctx.failure(errorText(error));
}

QString targetProblem(const core::Error &error)
{
    return error.kind == core::Error::Kind::InsecureTransport && !error.message.isEmpty() ? error.message
                                                                                          : errorText(error);
}

core::Result<core::ApiContext> targetApiContext(CliContext &ctx, const CatalogTarget &target,
                                                QNetworkAccessManager *network, core::RateLimitBudget *budget)
{
    auto context = core::apiContextFor(target.url, target.secret, network, budget);
    if (!context) {
        if (context.error().kind != core::Error::Kind::InsecureTransport)
            return context;
        core::Error error = context.error();
        const auto endpoint = core::ApiEndpoint::forEnvironment(target.url);
        error.message
            = insecureTransportRefusal(endpoint ? endpoint->baseUrl().host() : target.url.uploadPrefix());
        return error;
    }
    if (target.secret && core::sendsInClear(context->endpoint.baseUrl()))
        warn(ctx, insecureTransportWarning(target.label, context->endpoint.baseUrl().host()));
    return context;
}

int openSyncedCatalog(CliContext &ctx, const CatalogTarget &target,
                      std::unique_ptr<core::catalog::Catalog> *catalog)
{
    const QString noCatalog
        = u"there is no catalogue of '%1' yet; run stratus-cli sync first"_s.arg(target.label);
    auto opened = core::catalog::Catalog::openExisting(target.catalogPath());
    if (!opened) {
        if (opened.error().kind == core::Error::Kind::NotFound)
            return ctx.failure(noCatalog);
        return catalogFailure(ctx, target, opened.error());
    }
    if (!opened.value()->syncState().lastSync.isValid() && opened.value()->assetCount() == 0)
        return ctx.failure(noCatalog);
    *catalog = std::move(opened).value();
    return ExitOk;
}

int openTargetCatalog(CliContext &ctx, const Parsed &p, CatalogTarget *target,
                      std::unique_ptr<core::catalog::Catalog> *catalog)
{
    if (const int status = resolveTarget(ctx, p, target); status != ExitOk)
        return status;
    return openSyncedCatalog(ctx, *target, catalog);
}

QJsonArray assetsJson(const QList<core::catalog::CatalogAsset> &assets)
{
    QJsonArray array;
    for (const auto &asset : assets)
        array.append(asset.toCliJson());
    return array;
}

QString configOptionsHelp()
{
    return uR"(  --env NAME                 A stored environment (see 'stratus-cli env'). Default: the current
                             environment, else $CLOUDINARY_URL.
  --cloudinary-url URL       cloudinary://API_KEY:API_SECRET@CLOUD_NAME instead.
  --allow-insecure-transport Let the API credentials go over plain http to another computer, this
                             once (a warning says so each time); refused otherwise.
  -h, --help                 Show this help.
)"_s;
}

QString humanBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString assetsTable(const QList<core::catalog::CatalogAsset> &assets)
{
    if (assets.isEmpty())
        return {};
    const QStringList header
        = {u"PUBLIC_ID"_s, u"TYPE"_s, u"FORMAT"_s, u"SIZE"_s, u"PIXELS"_s, u"CREATED"_s, u"TAGS"_s};
    QList<QStringList> rows {header};
    for (const auto &a : assets) {
        rows.append({a.publicId, a.resourceType + u'/' + a.type, a.format.isEmpty() ? u"-"_s : a.format,
                     humanBytes(a.bytes), a.width > 0 ? u"%1x%2"_s.arg(a.width).arg(a.height) : u"-"_s,
                     core::catalog::isoUtc(a.createdAt), a.tags.join(u',')});
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList &row : std::as_const(rows)) {
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = qMax(widths[i], row.at(i).size());
    }
    QString text;
    for (const QStringList &row : std::as_const(rows)) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row.at(i).leftJustified(widths[i] + 2) : row.at(i);
        text += line.trimmed() + u'\n';
    }
    return text;
}

namespace {

// `public_id="ID"` as the Search API's syntax writes an exact value.
QString exactPublicId(const QString &publicId)
{
    QString quoted;
    for (const QChar c : publicId) {
        if (c == u'"' || c == u'\\' || c == u'*')
            quoted += u'\\';
        quoted += c;
    }
    return u"public_id=\""_s + quoted + u'"';
}

} // namespace

int lookUpAsset(CliContext &ctx, const CatalogTarget &target, const core::catalog::Catalog &catalog,
                const QString &id, const QString &resourceType, const QString &type,
                QList<core::catalog::CatalogAsset> *assets)
{
    auto expression = core::search::Expression::parse(exactPublicId(id));
    if (!expression)
        return ctx.usageError(u"'%1' is not a public id: %2"_s.arg(id, errorText(expression.error())));
    auto found = catalog.find(*expression);
    if (!found)
        return catalogFailure(ctx, target, found.error());
    QList<core::catalog::CatalogAsset> matches;
    for (const core::catalog::CatalogAsset &asset : std::as_const(*found)) {
        if (asset.publicId == id && (resourceType.isEmpty() || asset.resourceType == resourceType)
            && (type.isEmpty() || asset.type == type))
            matches.append(asset);
    }
    if (matches.isEmpty())
        return ctx.failure(u"there is no asset '%1' in the catalogue of '%2'; run 'stratus-cli sync' if it "
                           u"is new"_s.arg(id, target.label));
    if (matches.size() > 1)
        return ctx.usageError(
            u"'%1' names %2 assets; choose one with --resource-type and --type"_s.arg(id).arg(
                matches.size()));
    assets->append(matches.constFirst());
    return ExitOk;
}

int readPublicIds(CliContext &ctx, const QStringList &arguments, bool fromStdin, QStringList *ids)
{
    *ids = arguments;
    if (fromStdin) {
        const int status = answerStdinLines(ctx, [ids](QByteArrayView lines, qsizetype firstLine) {
            forEachLine(lines, firstLine, [ids](QByteArrayView line, qsizetype) {
                if (const QString id = QString::fromUtf8(line).trimmed(); !id.isEmpty())
                    ids->append(id);
            });
            return int(ExitOk);
        });
        if (status != ExitOk)
            return status;
    }
    ids->removeDuplicates();
    if (ids->isEmpty())
        return ctx.usageError(u"missing PUBLIC_ID; see 'stratus-cli %1 --help'"_s.arg(ctx.command()));
    return ExitOk;
}

QJsonObject failureJson(const core::Error &error)
{
    return {{u"subject"_s, error.subject},
            {u"reason"_s, core::errorReasonName(error.reason)},
            {u"status"_s, error.httpStatus},
            {u"error"_s, scrubbed(words::ErrorWords::text(error), {})}};
}

} // namespace stratus::cli
