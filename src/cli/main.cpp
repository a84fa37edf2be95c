#include "clicontext.h"
#include "commands.h"

#include "core/storage/storagelayout.h"
#include "core/util/secretmemory.h"
#include "stratus/version.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstring>

using namespace stratus::cli;

namespace {

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(CliContext &);
};

constexpr Command kCommands[] = {
    {"url", "Print the delivery URL of a public id (Node SDK cloudinary.url options as JSON)", runUrlCommand},
    {"sign", "Print the API signature of a set of request parameters", runSignCommand},
    {"env", "List, add, remove and choose stored environments (secrets in the OS keychain)", runEnvCommand},
    {"login", "Sign in with Cloudinary in the browser and store the environment (no API key needed)",
     runLoginCommand},
    {"logout", "Log out of an environment's account: revoke and delete its sign-in or secret",
     runLogoutCommand},
    {"sync", "Fill or refresh the local catalogue of an environment (Search API)", runSyncCommand},
    {"ls", "List a folder of the local catalogue (offline)", runLsCommand},
    {"find", "Evaluate a Search API expression against the local catalogue (offline)", runFindCommand},
    {"search", "Ask the live Search API for the assets an expression matches", runSearchCommand},
    {"metadata-fields", "List the environment's structured metadata fields", runMetadataFieldsCommand},
    {"upload", "Upload files and folders (parallel, chunked, resumable with --resume)", runUploadCommand},
    {"rename", "Rename an asset (the public id in fixed folder mode, the display name in dynamic)",
     runRenameCommand},
    {"move", "Move assets to another folder", runMoveCommand},
    {"tag", "Add, remove or replace the tags of assets", runTagCommand},
    {"delete", "Delete assets for good (asks for --yes)", runDeleteCommand},
    {"download", "Download the originals of assets into a folder (signed URLs for private ones)",
     runDownloadCommand},
};

void printHelp(const stratus::core::StorageLayout &layout)
{
    QString text = QStringLiteral("Usage: stratus-cli COMMAND [OPTIONS]\n\n"
                                  "The scripting companion of Stratus, a desktop client for Cloudinary.\n\n"
                                  "Commands:\n");
    for (const auto &command : kCommands)
        text += QStringLiteral("  %1  %2\n")
                    .arg(QString::fromLatin1(command.name).leftJustified(8),
                         QString::fromLatin1(command.summary));
    text += QStringLiteral(
        "\nRun 'stratus-cli COMMAND --help' for a command's options.\n"
        "Configuration comes from --cloudinary-url, else --env NAME (a stored environment, see\n"
        "'stratus-cli env --help'), else the current stored environment, else the CLOUDINARY_URL\n"
        "environment variable.\nExit status: 0 success, 1 failure, 2 bad input.\n"
        "QT_LOGGING_RULES='stratus.*=true' logs network requests on stderr.\n");
    CliContext(QString(), {}, layout).out(text);
}

} // namespace

int main(int argc, char *argv[])
{
    // Before anything can hold a secret: it must never end up in a core dump.
    stratus::core::disableCoreDumps();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stratus-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Stratus"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STRATUS_VERSION_STRING));
    // stderr carries one line per failure (the contract); core's logging only when asked for
    // through QT_LOGGING_RULES, which wins over these rules.
    QLoggingCategory::setFilterRules(QStringLiteral("stratus.*=false"));
    // Where the app's files are, asked once and handed to every command (shared with the app).
    const stratus::core::StorageLayout layout = stratus::core::StorageLayout::standard();

    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args.at(1) == u"--help" || args.at(1) == u"-h" || args.at(1) == u"help") {
        printHelp(layout);
        return args.size() < 2 ? ExitUsage : ExitOk;
    }
    if (args.at(1) == u"--version") {
        CliContext(QString(), {}, layout).out(QStringLiteral("stratus-cli " STRATUS_VERSION_STRING "\n"));
        return ExitOk;
    }
    for (const auto &command : kCommands) {
        if (args.at(1) == QLatin1String(command.name)) {
            CliContext ctx(args.at(1), args.mid(2), layout);
            return command.run(ctx);
        }
    }
    CliContext ctx(QStringLiteral("(none)"), {}, layout);
    ctx.err(QStringLiteral("stratus-cli: unknown command '%1'; see 'stratus-cli --help'\n").arg(args.at(1)));
    return ExitUsage;
}
