#include "clicontext.h"

#include "core/config/cloudinaryurl.h"
#include "words/errorwords.h"

#include <QByteArray>

namespace stratus::cli {

CliContext::CliContext(QString command, QStringList args, core::StorageLayout layout)
    : m_command(std::move(command))
    , m_args(std::move(args))
    , m_layout(std::move(layout))
{
}

void CliContext::out(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout);
}

void CliContext::err(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stderr);
}

int CliContext::usageError(const QString &message)
{
    err(QStringLiteral("stratus-cli %1: %2\n").arg(m_command, message));
    return ExitUsage;
}

int CliContext::parseError(const QString &parserError, const QString &help)
{
    QString message = parserError;
    if (message.endsWith(u'.'))
        message.chop(1);
    return usageError(QStringLiteral("%1; see 'stratus-cli %2 --help'").arg(message, help));
}

int CliContext::failure(const QString &message)
{
    err(QStringLiteral("stratus-cli %1: %2\n").arg(m_command, message));
    return ExitFailure;
}

QJsonObject resolveSdkConfig(const QString &cloudinaryUrlOption, QString *error)
{
    QString text = cloudinaryUrlOption;
    if (text.isEmpty())
        text = qEnvironmentVariable("CLOUDINARY_URL");
    if (text.isEmpty())
        return {};
    auto parsed = core::CloudinaryUrl::parse(text);
    if (!parsed) {
        if (error)
            *error = words::ErrorWords::text(parsed.error());
        return {};
    }
    return parsed->toSdkConfig();
}

} // namespace stratus::cli
