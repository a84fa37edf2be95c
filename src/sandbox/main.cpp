#include "sandbox.h"
#include "seeder.h"

#include "stratus/version.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QUrl>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace stratus::sandbox;

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

int fail(const QString &message)
{
    std::fprintf(stderr, "stratus-sandbox: %s\n", qPrintable(message));
    return 2;
}

void say(const QString &line)
{
    std::fprintf(stdout, "%s\n", line.toUtf8().constData());
    std::fflush(stdout);
}

// With no --environment, the sandbox makes one; with --data it keeps that one's credentials so a
// restarted sandbox is the same environment.
EnvironmentConfig defaultEnvironment(const QString &dataDirectory, bool persistent)
{
    const QString file = dataDirectory + QStringLiteral("/default-environment.json");
    if (persistent) {
        QFile existing(file);
        if (existing.open(QIODevice::ReadOnly)) {
            const QJsonObject json = QJsonDocument::fromJson(existing.readAll()).object();
            auto parsed = EnvironmentConfig::fromUrl(json.value(QStringLiteral("url")).toString());
            if (parsed)
                return *parsed;
        }
    }
    EnvironmentConfig env = EnvironmentConfig::generated(QStringLiteral("sandbox"));
    if (persistent) {
        QSaveFile out(file);
        if (out.open(QIODevice::WriteOnly)) {
            out.write(QJsonDocument(
                          QJsonObject {{QStringLiteral("url"),
                                        QStringLiteral("cloudinary://%1:%2@%3?name=%4")
                                            .arg(env.apiKey, env.apiSecret, env.cloudName,
                                                 QString::fromLatin1(QUrl::toPercentEncoding(env.name)))}})
                          .toJson());
            out.commit();
            QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
        }
    }
    return env;
}

} // namespace

int main(int argc, char *argv[])
{
    // Text overlays and generated samples draw with QPainter, which needs a GUI application; the
    // sandbox never shows a window, so it runs on the offscreen platform unless told otherwise.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stratus-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STRATUS_VERSION_STRING));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A Cloudinary-compatible local server for development, demos and tests.\n"
        "It listens on 127.0.0.1 only and speaks the Upload, Admin, Search and Provisioning APIs\n"
        "and serves delivery URLs with real image transformations.\n\n"
        "Environment URLs take sandbox settings as query keys: folder_mode=fixed|dynamic,\n"
        "admin_rate_limit=N (Admin/Search calls per hour), denied_apis=usage,config (answered 403),\n"
        "max_image_bytes, max_video_bytes,\n"
        "max_raw_bytes, max_request_bytes (an Upload API request's body; default 150 MiB),\n"
        "cname or upload_prefix (another name the sandbox answers to), name=LABEL,\n"
        "and fault_latency_ms, fault_error_rate, fault_drop_rate,\n"
        "fault_force_420, fault_slow_body_bytes. Faults also switch at runtime:\n"
        "POST /_sandbox/faults/<cloud> with the same keys without the fault_ prefix, as JSON\n"
        "(Content-Type: application/json)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("TCP port on 127.0.0.1 (0 picks a free one)."),
                                        QStringLiteral("PORT"), QStringLiteral("0"));
    const QCommandLineOption dataOption(
        QStringLiteral("data"),
        QStringLiteral("Directory that keeps state across restarts (default: a temporary one)."),
        QStringLiteral("DIR"));
    const QCommandLineOption envOption(
        QStringLiteral("environment"),
        QStringLiteral("A product environment as cloudinary://KEY:SECRET@CLOUD?folder_mode=…; repeatable."),
        QStringLiteral("URL"));
    const QCommandLineOption accountOption(
        QStringLiteral("account"),
        QStringLiteral("account://KEY:SECRET@ACCOUNT_ID, enables the Provisioning API."),
        QStringLiteral("URL"));
    const QCommandLineOption configOption(
        QStringLiteral("config"),
        QStringLiteral("JSON file with the same settings: {\"port\", \"data\", \"environments\": [URL…], "
                       "\"account\", \"seed\"}."),
        QStringLiteral("FILE"));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
                                        QStringLiteral("Fill each empty environment with N sample assets."),
                                        QStringLiteral("N"));
    parser.addOptions({portOption, dataOption, envOption, accountOption, configOption, seedOption});
    parser.process(app);

    QJsonObject config;
    if (parser.isSet(configOption)) {
        QFile file(parser.value(configOption));
        if (!file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("cannot read %1").arg(file.fileName()));
        QJsonParseError error;
        config = QJsonDocument::fromJson(file.readAll(), &error).object();
        if (error.error != QJsonParseError::NoError)
            return fail(QStringLiteral("%1 is not valid JSON: %2").arg(file.fileName(), error.errorString()));
    }

    bool ok = true;
    const int port = parser.isSet(portOption) ? parser.value(portOption).toInt(&ok)
                                              : config.value(QStringLiteral("port")).toInt();
    if (!ok || port < 0 || port > 65535)
        return fail(QStringLiteral("--port must be a number from 0 to 65535"));
    const int seed = parser.isSet(seedOption) ? parser.value(seedOption).toInt(&ok)
                                              : config.value(QStringLiteral("seed")).toInt();
    if (!ok || seed < 0)
        return fail(QStringLiteral("--seed must be a positive number"));

    QString dataDirectory = parser.isSet(dataOption) ? parser.value(dataOption)
                                                     : config.value(QStringLiteral("data")).toString();
    QTemporaryDir temporary;
    const bool persistent = !dataDirectory.isEmpty();
    if (!persistent)
        dataDirectory = temporary.path();
    if (!QDir().mkpath(dataDirectory))
        return fail(QStringLiteral("cannot create %1").arg(dataDirectory));

    QStringList environmentUrls = parser.values(envOption);
    for (const QJsonValue &value : config.value(QStringLiteral("environments")).toArray())
        environmentUrls.append(value.toString());
    QList<EnvironmentConfig> environments;
    for (const QString &url : environmentUrls) {
        auto env = EnvironmentConfig::fromUrl(url);
        if (!env)
            return fail(QStringLiteral("--environment: %1").arg(env.error().message));
        environments.append(*env);
    }
    if (environments.isEmpty())
        environments.append(defaultEnvironment(dataDirectory, persistent));

    AccountConfig account;
    const QString accountUrl = parser.isSet(accountOption)
        ? parser.value(accountOption)
        : config.value(QStringLiteral("account")).toString();
    if (!accountUrl.isEmpty()) {
        auto parsed = AccountConfig::fromUrl(accountUrl);
        if (!parsed)
            return fail(QStringLiteral("--account: %1").arg(parsed.error().message));
        account = *parsed;
    }

    Sandbox sandbox;
    QString error;
    if (!sandbox.open(dataDirectory, environments, account, &error))
        return fail(error);
    for (const EnvironmentConfig &env : sandbox.environments()) {
        if (!Seeder::seed(sandbox.store(), env, seed, &error))
            return fail(QStringLiteral("seeding %1: %2").arg(env.cloudName, error));
    }
    const quint16 listening = sandbox.listen(quint16(port));
    if (listening == 0)
        return fail(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(port));

    // Shut down cleanly on SIGINT/SIGTERM (the temporary data directory is removed then).
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }

    say(QStringLiteral("listening on http://127.0.0.1:%1").arg(listening));
    for (const EnvironmentConfig &env : sandbox.environments())
        say(QStringLiteral("CLOUDINARY_URL=%1").arg(sandbox.clientUrl(env)));
    if (account.enabled())
        say(QStringLiteral("CLOUDINARY_ACCOUNT_URL=%1").arg(account.clientUrl(listening)));
    return QCoreApplication::exec();
}
