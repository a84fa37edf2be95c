#include "showinfolder.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace stratus::gui {

namespace {
// Long enough for a file manager that D-Bus starts on demand, short enough not to feel stuck.
constexpr int kFileManagerTimeoutMs = 5000;
} // namespace

ShowInFolder::ShowInFolder()
    : m_fileManager(&ShowInFolder::callFileManager)
    , m_opener(&ShowInFolder::openWithXdgOpen)
{
}

ShowInFolder::Outcome ShowInFolder::reveal(const QString &path) const
{
    const QFileInfo info(path);
    if (m_fileManager && m_fileManager({QUrl::fromLocalFile(info.absoluteFilePath()).toString()}))
        return Outcome::FileManager;
    if (m_opener && m_opener(info.absolutePath()))
        return Outcome::FolderOpened;
    return Outcome::Failed;
}

bool ShowInFolder::callFileManager(const QStringList &uris)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return false;
    QDBusMessage call = QDBusMessage::createMethodCall(u"org.freedesktop.FileManager1"_s,
                                                       u"/org/freedesktop/FileManager1"_s,
                                                       u"org.freedesktop.FileManager1"_s, u"ShowItems"_s);
    call << uris << QString(); // no startup notification id
    const QDBusMessage reply = bus.call(call, QDBus::Block, kFileManagerTimeoutMs);
    return reply.type() == QDBusMessage::ReplyMessage;
}

bool ShowInFolder::openWithXdgOpen(const QString &folder)
{
    const QString program = QStandardPaths::findExecutable(u"xdg-open"_s);
    if (program.isEmpty())
        return false;
    return QProcess::startDetached(program, {folder});
}

} // namespace stratus::gui
