#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

namespace stratus::core {

/// A size-bounded cache of byte blobs on disk, keyed by text (for thumbnails: the delivery URL, so
/// a new version or transformation never shows a stale picture). Least recently used entries go
/// first when a write would exceed the limit. Files are written atomically (a crash leaves the old
/// entry or none, never half a file) and named by the SHA-1 of the key, two levels deep.
///
/// The index of sizes and last uses is built by one scan of the directory when the cache is
/// opened (file modification times carry the order of use across runs); within a run the order is
/// exact, however close together the uses. One thread only; two DiskCache objects must not share
/// a directory.
class DiskCache
{
public:
    DiskCache(QString directory, qint64 maximumBytes);

    [[nodiscard]] const QString &directory() const { return m_directory; }
    [[nodiscard]] qint64 maximumSize() const { return m_maximumBytes; }
    /// Shrinks the cache at once when the new limit is smaller.
    void setMaximumSize(qint64 bytes);
    [[nodiscard]] qint64 size() const { return m_totalBytes; }
    [[nodiscard]] qsizetype count() const { return m_entries.size(); }

    /// The bytes stored for `key`, marking it used; std::nullopt when absent or unreadable.
    [[nodiscard]] std::optional<QByteArray> read(const QString &key);
    [[nodiscard]] bool contains(const QString &key) const;
    /// Stores `data` under `key`, evicting the least recently used entries as needed. A blob larger
    /// than the whole cache is not stored. False when the file could not be written.
    bool write(const QString &key, const QByteArray &data);
    void remove(const QString &key);
    /// Deletes every entry (and the files of the directory's entries).
    void clear();

private:
    struct Entry
    {
        qint64 bytes = 0;
        quint64 lastUse = 0; ///< m_uses when last written or read: larger is more recent
    };
    void touch(Entry &entry) { entry.lastUse = ++m_uses; }
    [[nodiscard]] QString relativePathFor(const QString &key) const;
    void scan();
    void evictFor(qint64 incoming);
    void removeRelative(const QString &relative);

    QString m_directory;
    qint64 m_maximumBytes;
    qint64 m_totalBytes = 0;
    quint64 m_uses = 0;
    QHash<QString, Entry> m_entries; ///< relative path → entry
};

} // namespace stratus::core
