#pragma once

#include "core/storage/storagelayout.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdio>

namespace stratus::cli {

/// Exit statuses are part of the CLI contract (README, "stratus-cli").
enum ExitStatus : int {
    ExitOk = 0,
    ExitFailure = 1, ///< the work was attempted and failed (network, server, some files not uploaded)
    ExitUsage = 2, ///< bad input: a one-line message on stderr, nothing on stdout
};

/// What every command gets: its own arguments, buffered stdout/stderr, and where the app's files
/// are (the StorageLayout main() built, shared with the app: accounts.ini, catalogues, journals).
/// Output is written through stdio in binary mode; a command that fails with ExitUsage must not have
/// written stdout.
class CliContext
{
public:
    CliContext(QString command, QStringList args, core::StorageLayout layout);

    [[nodiscard]] const QString &command() const { return m_command; }
    [[nodiscard]] const QStringList &args() const { return m_args; }
    [[nodiscard]] const core::StorageLayout &layout() const { return m_layout; }

    void out(const QString &text);
    void outLine(const QString &text) { out(text + u'\n'); }
    void err(const QString &text);

    /// Prints "stratus-cli COMMAND: MESSAGE" on stderr and returns ExitUsage.
    int usageError(const QString &message);
    /// Prints "stratus-cli COMMAND: MESSAGE" on stderr and returns ExitFailure.
    int failure(const QString &message);
    /// A command line the parser refused: its words without the final period, and where help is
    /// ("see 'stratus-cli HELP --help'"), as usageError().
    int parseError(const QString &parserError, const QString &help);

private:
    QString m_command;
    QStringList m_args;
    core::StorageLayout m_layout;
};

/// The Node SDK config object for the configured product environment: from --cloudinary-url
/// when given, else from the CLOUDINARY_URL environment variable. An empty object when neither
/// is set. On a malformed URL, sets *error (never containing the secret) and returns {}.
[[nodiscard]] QJsonObject resolveSdkConfig(const QString &cloudinaryUrlOption, QString *error);

} // namespace stratus::cli
