#pragma once

#include <QFile>
#include <QIODevice>

namespace stratus::core {

/// A read-only, seekable window [offset, offset + length) onto a file, for streaming one chunk of
/// a large upload through QHttpMultiPart without reading it into memory. The bytes are read from
/// disk as the network asks for them. Owned by the multipart body it feeds.
class FileRangeDevice final : public QIODevice
{
    Q_OBJECT

public:
    FileRangeDevice(const QString &path, qint64 offset, qint64 length, QObject *parent = nullptr);

    /// Opens the file (read-only) and checks that the window lies inside it.
    bool open(OpenMode mode) override;
    void close() override;

    [[nodiscard]] bool isSequential() const override { return false; }
    [[nodiscard]] qint64 size() const override { return m_length; }
    bool seek(qint64 pos) override;

    /// open() failed because the file is now shorter than the window (it changed since it was
    /// planned); errorString() is then empty: the caller words it (ErrorReason::FileChanged).
    [[nodiscard]] bool fileShrank() const { return m_shrank; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    QFile m_file;
    qint64 m_offset;
    qint64 m_length;
    bool m_shrank = false;
};

} // namespace stratus::core
