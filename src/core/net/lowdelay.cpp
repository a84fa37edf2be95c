#include "lowdelay.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <QDir>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#endif

namespace stratus::core {

void lowerTcpDelay()
{
#ifdef Q_OS_LINUX
    const QStringList entries = QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System);
    for (const QString &entry : entries) {
        bool number = false;
        const int fd = entry.toInt(&number);
        if (!number)
            continue;
        struct stat info
        {
        };
        if (::fstat(fd, &info) != 0 || !S_ISSOCK(info.st_mode))
            continue;
        int value = 0;
        socklen_t length = sizeof value;
        if (::getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &value, &length) != 0
            || (value != AF_INET && value != AF_INET6))
            continue;
        length = sizeof value;
        if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &value, &length) != 0 || value != SOCK_STREAM)
            continue;
        length = sizeof value;
        if (::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &value, &length) != 0 || value != 0)
            continue;
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    }
#endif
}

} // namespace stratus::core
