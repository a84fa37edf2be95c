#pragma once

// What `stratus-cli sync`, `ls`, `find` and `search` share: which environment (and so which
// catalogue) a command works on, how to reach its API, and how assets are printed.

#include "clicontext.h"
#include "clienvironments.h"

#include "core/api/admintypes.h"
#include "core/api/apicontext.h"
#include "core/catalog/catalog.h"
#include "core/config/cloudinaryurl.h"

#include <QCommandLineParser>
#include <QJsonArray>

#include <memory>

namespace stratus::cli {

/// The environment a catalogue command works on. A stored environment's catalogue is named by its
/// id; a configuration from --cloudinary-url or $CLOUDINARY_URL by "url-" and a hash of the URL
/// without its secret, so the same URL always finds the same catalogue.
struct CatalogTarget
{
    QString environmentId;
    QString label; ///< the stored name, else the cloud name
    core::CloudinaryUrl url; ///< without the secret
    std::shared_ptr<const core::SecretSource> secret; ///< read when a request is authenticated
    core::FolderMode folderMode = core::FolderMode::Unknown; ///< known for stored environments
    std::unique_ptr<core::AccountStore> store; ///< kept alive for the secret source
    core::StorageLayout layout; ///< the command's: where the catalogue and the journal are

    [[nodiscard]] QString catalogPath() const { return layout.catalogFile(environmentId); }
    [[nodiscard]] QString journalPath() const { return layout.uploadJournalFile(environmentId); }
};

/// The options every command on an environment's catalogue and assets takes: --env,
/// --cloudinary-url, --json, --help and --allow-insecure-transport.
struct Parsed
{
    QCommandLineParser parser;
    QCommandLineOption env {QStringLiteral("env"), QStringLiteral("environment"), QStringLiteral("NAME")};
    QCommandLineOption url {QStringLiteral("cloudinary-url"), QStringLiteral("url"), QStringLiteral("URL")};
    QCommandLineOption json {QStringLiteral("json"), QStringLiteral("json")};
    QCommandLineOption help {{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("help")};
    QCommandLineOption insecure {QStringLiteral("allow-insecure-transport"), QStringLiteral("insecure")};
};

/// Parses the command's arguments with @p p's options and @p extra: ExitOk (*done set when --help
/// printed @p help), or a usage error.
[[nodiscard]] int parse(CliContext &ctx, Parsed &p, const QList<QCommandLineOption> &extra,
                        const QString &help, bool *done);

/// Fills *target from --cloudinary-url, else --env NAME, else the current stored environment,
/// else $CLOUDINARY_URL. Prints one line and returns ExitUsage/ExitFailure when there is none or it
/// cannot be used; ExitOk otherwise.
[[nodiscard]] int resolveCatalogTarget(CliContext &ctx, const ConfigChoice &choice, CatalogTarget *target);

/// resolveCatalogTarget() with the command's --cloudinary-url, --env and --allow-insecure-transport.
[[nodiscard]] int resolveTarget(CliContext &ctx, const Parsed &p, CatalogTarget *target);

/// A failed read of the target's catalogue (exit 1); a damaged one says that a sync rebuilds it.
[[nodiscard]] int catalogFailure(CliContext &ctx, const CatalogTarget &target, const core::Error &error);

/// Appends to @p assets the one catalogued asset with public id @p id, narrowed by @p resourceType
/// and @p type (empty: any). Exit 1 for an id the catalogue does not have, 2 for one that names
/// several assets (or is not a public id).
[[nodiscard]] int lookUpAsset(CliContext &ctx, const CatalogTarget &target,
                              const core::catalog::Catalog &catalog, const QString &id,
                              const QString &resourceType, const QString &type,
                              QList<core::catalog::CatalogAsset> *assets);

/// The public ids the asset verbs and download work on: @p arguments, and the lines of stdin when
/// @p fromStdin (--stdin); each once. A usage error when there are none.
[[nodiscard]] int readPublicIds(CliContext &ctx, const QStringList &arguments, bool fromStdin,
                                QStringList *ids);

/// One failure as the asset verbs' and download's --json print it: subject, reason, status, words.
[[nodiscard]] QJsonObject failureJson(const core::Error &error);

/// What to print when targetApiContext() failed: its refusal of plain http (with the option to
/// pass), else words::ErrorWords' words.
[[nodiscard]] QString targetProblem(const core::Error &error);

/// The ApiContext to reach the target's API over @p network. When its credentials would go over
/// plain http to another computer: refused (InsecureTransport, with the words and the option to
/// print) unless allowed, and a warning on stderr each time they are.
[[nodiscard]] core::Result<core::ApiContext> targetApiContext(CliContext &ctx, const CatalogTarget &target,
                                                              QNetworkAccessManager *network,
                                                              core::RateLimitBudget *budget = nullptr);

/// Opens the target's catalogue, which must have been synced: "run stratus-cli sync first" (exit 1)
/// otherwise. Returns ExitOk and sets *catalog on success.
[[nodiscard]] int openSyncedCatalog(CliContext &ctx, const CatalogTarget &target,
                                    std::unique_ptr<core::catalog::Catalog> *catalog);

/// resolveTarget() then openSyncedCatalog(): what every command on the catalogue starts with.
[[nodiscard]] int openTargetCatalog(CliContext &ctx, const Parsed &p, CatalogTarget *target,
                                    std::unique_ptr<core::catalog::Catalog> *catalog);

/// Assets as `--json` prints them (CatalogAsset::toCliJson).
[[nodiscard]] QJsonArray assetsJson(const QList<core::catalog::CatalogAsset> &assets);

/// Assets as a readable table, one line each, with a header; "" for none.
[[nodiscard]] QString assetsTable(const QList<core::catalog::CatalogAsset> &assets);

/// The --env, --cloudinary-url and --help lines of a command's help.
[[nodiscard]] QString configOptionsHelp();

/// A byte count for people: "1.5 MB".
[[nodiscard]] QString humanBytes(qint64 bytes);

} // namespace stratus::cli
