#include "sandbox.h"
#include "sandboxoptions.h"
#include "seeder.h"

#include "stratus/version.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
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

    SandboxCommandLine commandLine;
    commandLine.parser().process(app);
    const auto parsed = commandLine.options();
    if (!parsed)
        return fail(parsed.error().message);
    SandboxOptions options = parsed.value();

    QTemporaryDir temporary;
    const bool persistent = !options.dataDirectory.isEmpty();
    if (!persistent)
        options.dataDirectory = temporary.path();
    if (!QDir().mkpath(options.dataDirectory))
        return fail(QStringLiteral("cannot create %1").arg(options.dataDirectory));
    if (options.environments.isEmpty())
        options.environments.append(defaultEnvironment(options.dataDirectory, persistent));

    Sandbox sandbox;
    QString error;
    if (!sandbox.open(options.dataDirectory, options.environments, options.account, &error)
        || !sandbox.setAuthorization(options.authorization, &error))
        return fail(error);
    for (const EnvironmentConfig &env : sandbox.environments()) {
        if (!Seeder::seed(sandbox.store(), env, options.seed, &error))
            return fail(QStringLiteral("seeding %1: %2").arg(env.cloudName, error));
    }
    sandbox.setRequestRecording(options.recordRequests);
    const quint16 listening = sandbox.listen(options.port);
    if (listening == 0)
        return fail(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(options.port));

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
    if (options.account.enabled())
        say(QStringLiteral("CLOUDINARY_ACCOUNT_URL=%1").arg(options.account.clientUrl(listening)));
    return QCoreApplication::exec();
}
