#include "diskcache.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <tuple>

namespace stratus::core {

DiskCache::DiskCache(QString directory, qint64 maximumBytes)
    : m_directory(std::move(directory))
    , m_maximumBytes(std::max<qint64>(0, maximumBytes))
{
    scan();
    evictFor(0);
}

void DiskCache::setMaximumSize(qint64 bytes)
{
    m_maximumBytes = std::max<qint64>(0, bytes);
    evictFor(0);
}

QString DiskCache::relativePathFor(const QString &key) const
{
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QString::fromLatin1(hash.left(2)) + QLatin1Char('/') + QString::fromLatin1(hash.mid(2));
}

void DiskCache::scan()
{
    m_entries.clear();
    m_totalBytes = 0;
    struct Found
    {
        QDateTime modified;
        QString relative;
        qint64 bytes = 0;
    };
    QList<Found> found;
    QDirIterator it(m_directory, QDir::Files, QDirIterator::Subdirectories);
    const QDir root(m_directory);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        const QString relative = root.relativeFilePath(info.filePath());
        // Only our own names ("ab/cdef…", 40 hex digits in all); leftovers of an interrupted
        // atomic write and strangers are ignored.
        if (relative.size() != 41 || relative.at(2) != QLatin1Char('/'))
            continue;
        found.append({info.lastModified(), relative, info.size()});
    }
    // Numbered in the order of their modification times, the last use of an earlier run.
    std::sort(found.begin(), found.end(), [](const Found &a, const Found &b) {
        return std::tie(a.modified, a.relative) < std::tie(b.modified, b.relative);
    });
    for (const Found &file : std::as_const(found)) {
        Entry &entry = m_entries[file.relative];
        entry.bytes = file.bytes;
        touch(entry);
        m_totalBytes += file.bytes;
    }
}

std::optional<QByteArray> DiskCache::read(const QString &key)
{
    const QString relative = relativePathFor(key);
    const auto it = m_entries.find(relative);
    if (it == m_entries.end())
        return std::nullopt;
    QFile file(m_directory + QLatin1Char('/') + relative);
    if (!file.open(QIODevice::ReadOnly)) {
        removeRelative(relative);
        return std::nullopt;
    }
    QByteArray data = file.readAll();
    touch(*it);
    // The modification time carries the last use across runs.
    file.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
    return data;
}

bool DiskCache::contains(const QString &key) const
{
    return m_entries.contains(relativePathFor(key));
}

bool DiskCache::write(const QString &key, const QByteArray &data)
{
    if (data.size() > m_maximumBytes)
        return false;
    const QString relative = relativePathFor(key);
    removeRelative(relative);
    evictFor(data.size());
    const QString path = m_directory + QLatin1Char('/') + relative;
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return false;
    Entry &entry = m_entries[relative];
    entry.bytes = data.size();
    touch(entry);
    m_totalBytes += data.size();
    return true;
}

void DiskCache::remove(const QString &key)
{
    removeRelative(relativePathFor(key));
}

void DiskCache::removeRelative(const QString &relative)
{
    const auto it = m_entries.find(relative);
    if (it == m_entries.end())
        return;
    m_totalBytes -= it->bytes;
    m_entries.erase(it);
    QFile::remove(m_directory + QLatin1Char('/') + relative);
}

void DiskCache::clear()
{
    const QStringList relatives = m_entries.keys();
    for (const QString &relative : relatives)
        removeRelative(relative);
}

void DiskCache::evictFor(qint64 incoming)
{
    if (m_totalBytes + incoming <= m_maximumBytes)
        return;
    // Down to 90 % of the limit, so that a full cache sorts its index once per many writes rather
    // than at every one. Oldest use first.
    const qint64 target = m_maximumBytes - m_maximumBytes / 10;
    QList<std::pair<quint64, QString>> byAge;
    byAge.reserve(m_entries.size());
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it)
        byAge.append({it->lastUse, it.key()});
    std::sort(byAge.begin(), byAge.end());
    for (const auto &[lastUse, relative] : std::as_const(byAge)) {
        if (m_totalBytes + incoming <= target)
            break;
        removeRelative(relative);
    }
}

} // namespace stratus::core
