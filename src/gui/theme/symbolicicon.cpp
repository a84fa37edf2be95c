#include "symbolicicon.h"

#include <QFile>
#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmapCache>
#include <QRegularExpression>
#include <QSvgRenderer>

using namespace Qt::StringLiterals;

namespace stratus::gui {

namespace {

class SymbolicIconEngine : public QIconEngine
{
public:
    explicit SymbolicIconEngine(QString resource)
        : m_resource(std::move(resource))
    {
        QFile file(m_resource);
        if (file.open(QIODevice::ReadOnly))
            m_svg = QString::fromUtf8(file.readAll());
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        const QColor color = colorFor(mode);
        QString svg = m_svg;
        static const QRegularExpression paint(uR"re((stroke|fill)="#(?!ffffff"|fff")[0-9a-fA-F]{3,6}")re"_s,
                                              QRegularExpression::CaseInsensitiveOption);
        svg.replace(paint, u"\\1=\""_s + color.name() + u'"');
        QSvgRenderer renderer(svg.toUtf8());
        renderer.render(painter, QRectF(rect));
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        const QSize device = (QSizeF(size) * scale).toSize();
        const QString key = u"stratus-symbolic:%1:%2x%3:%4"_s.arg(m_resource)
                                .arg(device.width())
                                .arg(device.height())
                                .arg(colorFor(mode).name());
        QPixmap cached;
        if (QPixmapCache::find(key, &cached))
            return cached;
        QPixmap image(device);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            paint(&painter, QRect(QPoint(), device), mode, state);
        }
        image.setDevicePixelRatio(scale);
        QPixmapCache::insert(key, image);
        return image;
    }

    QSize actualSize(const QSize &size, QIcon::Mode, QIcon::State) override { return size; }
    QIconEngine *clone() const override { return new SymbolicIconEngine(m_resource); }
    QString key() const override { return u"stratus-symbolic"_s; }

private:
    static QColor colorFor(QIcon::Mode mode)
    {
        const QPalette palette = QGuiApplication::palette();
        return palette.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active,
                             QPalette::ButtonText);
    }

    QString m_resource;
    QString m_svg;
};

} // namespace

QIcon symbolicIcon(const QString &resource)
{
    return QIcon(new SymbolicIconEngine(resource));
}

} // namespace stratus::gui
