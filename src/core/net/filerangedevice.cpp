#include "filerangedevice.h"

namespace stratus::core {

FileRangeDevice::FileRangeDevice(const QString &path, qint64 offset, qint64 length, QObject *parent)
    : QIODevice(parent)
    , m_file(path)
    , m_offset(offset)
    , m_length(length)
{
}

bool FileRangeDevice::open(OpenMode mode)
{
    // Only reading makes sense (and a window inside the file): a caller's mistake, left without
    // words of ours, as the system gives none either.
    if ((mode & QIODevice::WriteOnly) || m_offset < 0 || m_length < 0)
        return false;
    if (!m_file.open(QIODevice::ReadOnly)) {
        setErrorString(m_file.errorString());
        return false;
    }
    if (m_offset + m_length > m_file.size()) {
        m_shrank = true;
        m_file.close();
        return false;
    }
    return QIODevice::open(mode | QIODevice::Unbuffered);
}

void FileRangeDevice::close()
{
    m_file.close();
    QIODevice::close();
}

bool FileRangeDevice::seek(qint64 pos)
{
    if (pos < 0 || pos > m_length)
        return false;
    return QIODevice::seek(pos);
}

qint64 FileRangeDevice::readData(char *data, qint64 maxSize)
{
    const qint64 left = m_length - pos();
    if (left <= 0)
        return 0;
    if (!m_file.seek(m_offset + pos()))
        return -1;
    return m_file.read(data, qMin(maxSize, left));
}

qint64 FileRangeDevice::writeData(const char *, qint64)
{
    return -1;
}

} // namespace stratus::core
