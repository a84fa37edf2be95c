#pragma once

// Media files made by tests, with nothing but QtGui: PDFs of coloured pages (QPdfWriter) and a
// short WAV tone. Header-only; used by the sandbox's delivery tests and the quick look's.

#include <QColor>
#include <QFile>
#include <QList>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QString>
#include <QtEndian>

#include <cmath>

namespace stratus::test {

/// An A4 PDF at @p path with one page per colour, each filled with it and showing its number.
inline bool writeColouredPdf(const QString &path, const QList<QColor> &pages)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins({0, 0, 0, 0});
    writer.setResolution(72);
    QPainter painter;
    if (!painter.begin(&writer))
        return false;
    for (qsizetype i = 0; i < pages.size(); ++i) {
        if (i > 0)
            writer.newPage();
        const QRect page(0, 0, writer.width(), writer.height());
        painter.fillRect(page, pages.at(i));
        QFont font = painter.font();
        font.setPixelSize(120);
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(page.adjusted(0, 0, 0, -page.height() / 2), Qt::AlignCenter, QString::number(i + 1));
    }
    return painter.end();
}

/// A mono 16-bit PCM WAV at @p path: @p seconds of a 440 Hz tone at 8 kHz.
inline bool writeToneWav(const QString &path, double seconds)
{
    constexpr int kRate = 8000;
    const int samples = int(seconds * kRate);
    QByteArray data(samples * 2, Qt::Uninitialized);
    for (int i = 0; i < samples; ++i)
        qToLittleEndian<qint16>(qint16(8000 * std::sin(2 * M_PI * 440 * i / kRate)), data.data() + 2 * i);
    QByteArray header;
    auto put32 = [&header](quint32 value) {
        char bytes[4];
        qToLittleEndian(value, bytes);
        header.append(bytes, 4);
    };
    auto put16 = [&header](quint16 value) {
        char bytes[2];
        qToLittleEndian(value, bytes);
        header.append(bytes, 2);
    };
    header.append("RIFF");
    put32(quint32(36 + data.size()));
    header.append("WAVEfmt ");
    put32(16);
    put16(1); // PCM
    put16(1); // mono
    put32(kRate);
    put32(kRate * 2);
    put16(2);
    put16(16);
    header.append("data");
    put32(quint32(data.size()));
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(header + data) == header.size() + data.size();
}

} // namespace stratus::test
