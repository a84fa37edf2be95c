#include "signedurllimits.h"

#include <QColor>
#include <QPainter>
#include <QPainterPath>
#include <QRectF>

#include <algorithm>

namespace stratus::gui {

QString SignedUrlLimits::sentence()
{
    return tr("This environment is signed in with Cloudinary: private and authenticated files cannot be "
              "previewed or linked here, because signed URLs need the API secret.");
}

QString SignedUrlLimits::thumbnailToolTip()
{
    return tr("No preview: this environment is signed in with Cloudinary, and a private or authenticated "
              "file’s signed URL needs the API secret.");
}

QString SignedUrlLimits::linkToolTip()
{
    return tr("Private and authenticated files cannot be linked here: this environment is signed in with "
              "Cloudinary, and signed URLs need the API secret.");
}

void SignedUrlLimits::paintLock(QPainter *painter, const QRectF &area, const QColor &color,
                                const QColor &background)
{
    // A padlock about a third of the area's shorter side: a body with a keyhole, and a shackle.
    const qreal unit = std::min(area.width(), area.height()) / 3;
    const QPointF centre = area.center();
    const QRectF body(centre.x() - unit * 0.5, centre.y() - unit * 0.1, unit, unit * 0.75);
    const qreal pen = std::max(1.0, unit / 8);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(color, pen, Qt::SolidLine, Qt::RoundCap));
    painter->setBrush(Qt::NoBrush);
    const QRectF shackle(body.left() + unit * 0.18, body.top() - unit * 0.5, unit * 0.64, unit * 0.9);
    QPainterPath arch;
    arch.moveTo(shackle.left(), body.top());
    arch.lineTo(shackle.left(), shackle.top() + shackle.width() / 2);
    arch.arcTo(QRectF(shackle.left(), shackle.top(), shackle.width(), shackle.width()), 180, -180);
    arch.lineTo(shackle.right(), body.top());
    painter->drawPath(arch);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawRoundedRect(body, unit / 8, unit / 8);
    // The keyhole, in what is behind the lock.
    painter->setBrush(background);
    const QPointF hole(body.center().x(), body.top() + body.height() * 0.42);
    painter->drawEllipse(hole, unit * 0.09, unit * 0.09);
    painter->drawRect(QRectF(hole.x() - unit * 0.04, hole.y(), unit * 0.08, body.height() * 0.3));
    painter->restore();
}

QPixmap SignedUrlLimits::lockPixmap(int edge, qreal devicePixelRatio, const QColor &color,
                                    const QColor &background)
{
    QPixmap pixmap(QSize(edge, edge) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    paintLock(&painter, QRectF(0, 0, edge, edge), color, background);
    return pixmap;
}

} // namespace stratus::gui
