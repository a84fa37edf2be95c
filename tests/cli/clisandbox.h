#pragma once

// What the stratus-cli tests against a sandbox share: one stratus-sandbox process on loopback, and
// stratus-cli run as a process with its XDG folders in a temporary directory (no stored
// environments) and CLOUDINARY_URL naming the sandbox's environment.

#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

namespace test {

/// How a stratus-cli run ended: exit code (-1: crashed or timed out) and what it printed.
struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/// What is wrong with @p run as the contract's answer to bad input (exit 2, nothing on stdout, one
/// line on stderr that says @p message); empty when nothing is.
inline QByteArray usageErrorProblem(const CliRun &run, const QByteArray &message)
{
    if (run.exitCode != 2)
        return "exit " + QByteArray::number(run.exitCode) + ", not 2: " + run.err;
    if (!run.out.isEmpty())
        return "stdout is not empty: " + run.out;
    if (!run.err.contains(message) || run.err.count('\n') != 1)
        return "stderr is not one line saying " + message + ": " + run.err;
    return {};
}

/// The environment stratus-cli runs in for a test: its XDG data folder @p dataDir, its config folder
/// @p configDir (no stored environments there) and CLOUDINARY_URL @p url.
inline QProcessEnvironment cliEnvironment(const QString &dataDir, const QString &configDir,
                                          const QString &url)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dataDir);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), configDir);
    env.insert(QStringLiteral("CLOUDINARY_URL"), url);
    return env;
}

/// Runs @p program with @p args in @p env, @p input on stdin (then closed); killed, and a crashed
/// CliRun, when it has not ended after @p timeoutMs.
inline CliRun runProcess(const QString &program, const QStringList &args, const QProcessEnvironment &env,
                         const QByteArray &input = {}, int timeoutMs = 120000)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(program, args);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

class CliSandbox
{
public:
    ~CliSandbox() { stop(); }

    /// Starts the sandbox serving @p environment (a CLOUDINARY_URL) with @p seed sample assets;
    /// false when it printed no CLOUDINARY_URL within 30 s.
    bool start(const QString &environment, int seed)
    {
        m_sandbox.setProgram(QStringLiteral(STRATUS_SANDBOX_PATH));
        m_sandbox.setArguments({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data"),
                                path(QStringLiteral("sandbox")), QStringLiteral("--seed"),
                                QString::number(seed), QStringLiteral("--environment"), environment});
        m_sandbox.start();
        if (!m_sandbox.waitForStarted())
            return false;
        QElapsedTimer clock;
        clock.start();
        while (m_url.isEmpty() && clock.elapsed() < 30000) {
            if (!m_sandbox.canReadLine() && !m_sandbox.waitForReadyRead(500))
                continue;
            const QString line = QString::fromUtf8(m_sandbox.readLine()).trimmed();
            if (line.startsWith(QStringLiteral("CLOUDINARY_URL=")))
                m_url = line.mid(15);
        }
        return !m_url.isEmpty();
    }

    void stop()
    {
        if (m_sandbox.state() == QProcess::NotRunning)
            return;
        m_sandbox.terminate();
        m_sandbox.waitForFinished(5000);
    }

    /// @p relative in the temporary directory.
    [[nodiscard]] QString path(const QString &relative) const { return m_dir.filePath(relative); }

    /// Runs stratus-cli with @p args and @p input on stdin; its XDG data folder is @p data in the
    /// temporary directory (another name: another machine's catalogues of the same environment).
    CliRun cli(const QStringList &args, const QByteArray &input = {},
               const QString &data = QStringLiteral("data"))
    {
        return runProcess(QStringLiteral(STRATUS_CLI_PATH), args,
                          cliEnvironment(path(data), path(QStringLiteral("config")), m_url), input);
    }

private:
    QTemporaryDir m_dir;
    QProcess m_sandbox;
    QString m_url;
};

} // namespace test
