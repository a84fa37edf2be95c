#pragma once

// Test files of random bytes, written in blocks of 1 MiB (the upload tests' inputs).

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTest>

namespace stratus::test {

/// Writes `size` random bytes to `path`, creating its folder; fails the calling test otherwise.
inline void writeRandomFile(const QString &path, qint64 size)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray block(qMin<qint64>(size, 1 << 20), Qt::Uninitialized);
    for (qint64 written = 0; written < size;) {
        const qint64 n = qMin<qint64>(block.size(), size - written);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(block.data()), int(n / 4));
        QCOMPARE(file.write(block.constData(), n), n);
        written += n;
    }
}

} // namespace stratus::test
