#include "sandbox/sandboxoptions.h"

#include "stratus/version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stratus-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STRATUS_VERSION_STRING));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A Cloudinary-compatible local server for development, demos and tests.\n"
        "It listens on 127.0.0.1 only and speaks the Upload, Admin, Search and Provisioning APIs\n"
        "and serves delivery URLs with real image transformations."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("TCP port on 127.0.0.1 (0 picks a free one)."),
                                        QStringLiteral("PORT"), QStringLiteral("0"));
    const QCommandLineOption dataOption(QStringLiteral("data"), QStringLiteral("Directory that keeps state across restarts."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption envOption(QStringLiteral("environment"),
                                       QStringLiteral("A product environment as cloudinary://KEY:SECRET@CLOUD?folder_mode=…; repeatable."),
                                       QStringLiteral("URL"));
    const QCommandLineOption accountOption(QStringLiteral("account"),
                                           QStringLiteral("account://KEY:SECRET@ACCOUNT_ID, enables the Provisioning API."),
                                           QStringLiteral("URL"));
    const QCommandLineOption configOption(QStringLiteral("config"), QStringLiteral("JSON file with the same settings."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Fill an empty environment with N sample assets."),
                                        QStringLiteral("N"));
    parser.addOptions({portOption, dataOption, envOption, accountOption, configOption, seedOption});
    parser.process(app);

    QTextStream(stderr) << "stratus-sandbox: the server is not built yet (see issue 3)\n";
    return 1;
}
