#include "diagnostics.h"

#include "stratus/version.h"

#include <QGuiApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace stratus::gui {

namespace {

RecentProblems *g_installed = nullptr; // the one the message handler feeds
QtMessageHandler g_previous = nullptr;

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    if (RecentProblems *problems = g_installed)
        problems->record(type, QString::fromLatin1(context.category ? context.category : "default"), text);
    if (g_previous)
        g_previous(type, context, text);
}

const QString kRedacted = u"[removed]"_s;

} // namespace

RecentProblems::~RecentProblems()
{
    if (m_installed && g_installed == this) {
        qInstallMessageHandler(g_previous);
        g_installed = nullptr;
    }
}

void RecentProblems::install()
{
    if (m_installed)
        return;
    m_installed = true;
    g_installed = this;
    g_previous = qInstallMessageHandler(handleMessage);
}

void RecentProblems::record(QtMsgType type, const QString &category, const QString &text)
{
    if (type == QtDebugMsg || type == QtInfoMsg)
        return;
    const QString line = u"%1 %2: %3"_s.arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate), category,
                                            Diagnostics::redact(text).simplified());
    const std::lock_guard lock(m_mutex);
    m_lines.append(line);
    if (m_lines.size() > kKept)
        m_lines.remove(0, m_lines.size() - kKept);
}

QStringList RecentProblems::lines() const
{
    const std::lock_guard lock(m_mutex);
    return m_lines;
}

QString Diagnostics::redact(QString text)
{
    static const QList<std::pair<QRegularExpression, QString>> rules {
        // Credentials in any URL, and the configuration URLs whole (they carry the secret).
        {QRegularExpression(u"\\b(cloudinary|account)://\\S+"_s, QRegularExpression::CaseInsensitiveOption),
         u"\\1://"_s + kRedacted},
        {QRegularExpression(u"(\\b[a-z][a-z0-9+.-]*://)[^\\s/@:]+:[^\\s/@]*@"_s,
                            QRegularExpression::CaseInsensitiveOption),
         u"\\1"_s + kRedacted + u"@"_s},
        // Signed delivery URL components (s--SIGNATURE--) and authentication tokens.
        {QRegularExpression(u"/s--[A-Za-z0-9_-]+--"_s), u"/s--"_s + kRedacted + u"--"_s},
        {QRegularExpression(u"__cld_token__=\\S+"_s), u"__cld_token__="_s + kRedacted},
        // Query strings of any URL: signatures, timestamps, expiry, tokens.
        {QRegularExpression(u"(\\bhttps?://[^\\s?#]+)\\?\\S*"_s, QRegularExpression::CaseInsensitiveOption),
         u"\\1?"_s + kRedacted},
        // key=value and "key": "value" pairs that are secrets.
        {QRegularExpression(u"\\b(api_secret|secret|signature|password|passwd|token|access_token|"
                            u"refresh_token|client_secret|auth_token)(\\s*[=:]\\s*\"?)[^\\s\"&,;}]+"_s,
                            QRegularExpression::CaseInsensitiveOption),
         u"\\1\\2"_s + kRedacted},
        {QRegularExpression(u"\\b(Authorization|Proxy-Authorization)(\\s*:\\s*)\\S+(\\s+\\S+)?"_s,
                            QRegularExpression::CaseInsensitiveOption),
         u"\\1\\2"_s + kRedacted},
    };
    for (const auto &[pattern, replacement] : rules)
        text.replace(pattern, replacement);
    return text;
}

QString Diagnostics::environmentLine(bool embeddedSandbox, const QString &folderMode,
                                     const QString &connection)
{
    return u"%1, %2 folders, %3"_s.arg(embeddedSandbox ? u"Local sandbox"_s : u"Cloudinary"_s, folderMode,
                                       connection);
}

QString Diagnostics::report(const QStringList &environments, const QStringList &recentProblems)
{
    QStringList lines;
    lines << u"Stratus %1"_s.arg(QStringLiteral(STRATUS_VERSION_STRING));
    lines << u"Qt %1 (built with %2)"_s.arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR));
    lines << u"System: %1 (%2 %3, %4)"_s.arg(QSysInfo::prettyProductName(), QSysInfo::kernelType(),
                                             QSysInfo::kernelVersion(), QSysInfo::currentCpuArchitecture());
    lines << u"Display: %1"_s.arg(QGuiApplication::platformName());
    lines << u"Language: %1"_s.arg(QLocale().name());
    lines << u"Environments: %1"_s.arg(environments.size());
    for (const QString &environment : environments)
        lines << u"  - "_s + redact(environment);
    lines << u"Recent problems:"_s;
    if (recentProblems.isEmpty())
        lines << u"  none"_s;
    for (const QString &problem : recentProblems)
        lines << u"  "_s + redact(problem);
    return lines.join(u'\n') + u'\n';
}

} // namespace stratus::gui
