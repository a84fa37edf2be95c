#include "videoposter.h"

#include <QFile>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace stratus::sandbox {

namespace {

// The stand-in is a drawing: at most this many pixels, whatever size the video's header claims.
constexpr qint64 kMaxPosterPixels = 25'000'000;

QImage generatedPoster(QSize size)
{
    if (!size.isValid() || size.isEmpty())
        size = QSize(640, 360);
    if (const qint64 pixels = qint64(size.width()) * size.height(); pixels > kMaxPosterPixels)
        size = size.scaled(QSize(5000, 5000), Qt::KeepAspectRatio).expandedTo(QSize(1, 1));
    QImage poster(size, QImage::Format_RGB32);
    QPainter painter(&poster);
    QLinearGradient gradient(0, 0, 0, size.height());
    gradient.setColorAt(0, QColor(0x2b, 0x2f, 0x3a));
    gradient.setColorAt(1, QColor(0x11, 0x13, 0x18));
    painter.fillRect(poster.rect(), gradient);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal r = qMin(size.width(), size.height()) / 6.0;
    const QPointF c(size.width() / 2.0, size.height() / 2.0);
    painter.setBrush(QColor(255, 255, 255, 60));
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(c, r, r);
    QPainterPath triangle;
    triangle.moveTo(c.x() - r * 0.35, c.y() - r * 0.5);
    triangle.lineTo(c.x() + r * 0.55, c.y());
    triangle.lineTo(c.x() - r * 0.35, c.y() + r * 0.5);
    triangle.closeSubpath();
    painter.setBrush(Qt::white);
    painter.drawPath(triangle);
    return poster;
}

} // namespace

QImage videoPosterFrame(const QString &videoPath, QSize videoSize)
{
    const QString ffmpeg = QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
    if (!ffmpeg.isEmpty()) {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("poster.png"));
        QProcess process;
        process.start(ffmpeg,
                      {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), videoPath,
                       QStringLiteral("-frames:v"), QStringLiteral("1"), QStringLiteral("-y"), out});
        if (process.waitForFinished(20000) && process.exitCode() == 0) {
            QImage frame(out);
            if (!frame.isNull())
                return frame;
        }
    }
    return generatedPoster(videoSize);
}

} // namespace stratus::sandbox
