#include "zoomimageview.h"

#include <QKeyEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace stratus::gui {

namespace {
// One step of the keys, and of one notch of the wheel.
constexpr double kZoomStep = 1.25;
// How close to 100 % a step lands on it.
constexpr double kSnap = 0.05;
// What an arrow key pans, as a share of the view.
constexpr double kPanShare = 0.15;
// Photographs are judged against a neutral dark, whatever the theme.
const QColor kStage(0x1e, 0x1e, 0x1e);
const QColor kStageText(0xcc, 0xcc, 0xcc);
} // namespace

ZoomImageView::ZoomImageView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    setMinimumSize(120, 90);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAccessibleName(tr("Picture"));
}

void ZoomImageView::setImage(const QImage &image, QSize fullSize, bool keepView)
{
    const bool sameGeometry = keepView && !m_image.isNull() && fullSize == m_fullSize;
    m_image = image;
    m_fullSize = fullSize.isEmpty() ? image.size() : fullSize;
    m_message.clear();
    m_scaled = {};
    m_scaledFor = {};
    m_sharperAsked = false;
    if (sameGeometry && !m_fitted) {
        update();
        checkSharpness();
        return;
    }
    setZoom(fitZoom(), true);
}

void ZoomImageView::setMessage(const QString &text)
{
    m_image = {};
    m_fullSize = {};
    m_scaled = {};
    m_scaledFor = {};
    m_message = text;
    m_pan = {};
    m_fitted = true;
    m_dragging = false;
    updateCursor();
    update();
}

double ZoomImageView::fitZoom() const
{
    if (m_fullSize.isEmpty() || width() <= 0 || height() <= 0)
        return 1.0;
    const double ratio = devicePixelRatioF();
    const double zoom
        = std::min(width() * ratio / m_fullSize.width(), height() * ratio / m_fullSize.height());
    return std::min(1.0, zoom);
}

double ZoomImageView::minimumZoom() const
{
    return std::min(fitZoom(), 1.0);
}

QRectF ZoomImageView::pictureRect() const
{
    if (m_fullSize.isEmpty())
        return {};
    const double ratio = devicePixelRatioF();
    const QSizeF size = QSizeF(m_fullSize) * m_zoom / ratio;
    const QPointF centre = QPointF(width() / 2.0, height() / 2.0) + m_pan;
    // On the device pixel grid: at 100 % each pixel of the picture lands on one of the screen.
    const QPointF topLeft(std::round((centre.x() - size.width() / 2) * ratio) / ratio,
                          std::round((centre.y() - size.height() / 2) * ratio) / ratio);
    return {topLeft, size};
}

bool ZoomImageView::canPan() const
{
    const QRectF picture = pictureRect();
    return picture.width() > width() + 0.5 || picture.height() > height() + 0.5;
}

void ZoomImageView::fit()
{
    setZoom(fitZoom(), true);
}

void ZoomImageView::showActualSize()
{
    zoomAt(1.0, QRectF(rect()).center());
}

void ZoomImageView::zoomIn()
{
    double next = m_zoom * kZoomStep;
    // Steps stop at 100 % on the way (and do not stop just short of it): the size people come back to.
    if (m_zoom < 1.0 - 1e-6 && next > 1.0 - kSnap)
        next = 1.0;
    zoomAt(next, QPointF(width() / 2.0, height() / 2.0));
}

void ZoomImageView::zoomOut()
{
    double next = m_zoom / kZoomStep;
    if (m_zoom > 1.0 + 1e-6 && next < 1.0 + kSnap)
        next = 1.0;
    zoomAt(next, QPointF(width() / 2.0, height() / 2.0));
}

void ZoomImageView::zoomAt(double zoom, QPointF anchor)
{
    if (m_image.isNull())
        return;
    zoom = std::clamp(zoom, minimumZoom(), kMaximumZoom);
    if (zoom <= fitZoom() + 1e-9) {
        fit();
        return;
    }
    const double ratio = devicePixelRatioF();
    const QPointF viewCentre(width() / 2.0, height() / 2.0);
    // The point of the picture under the anchor, in full pixels from the picture's middle.
    const QPointF picturePoint = (anchor - (viewCentre + m_pan)) * ratio / m_zoom;
    m_pan = anchor - picturePoint * zoom / ratio - viewCentre;
    setZoom(zoom, false);
}

void ZoomImageView::panBy(QPointF delta)
{
    m_pan += delta;
    clampPan();
    update();
}

bool ZoomImageView::handleKey(QKeyEvent *event)
{
    if (m_image.isNull())
        return false;
    const QPointF step(width() * kPanShare, height() * kPanShare);
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return true;
    case Qt::Key_Minus:
    case Qt::Key_Underscore:
        zoomOut();
        return true;
    case Qt::Key_0:
        fit();
        return true;
    case Qt::Key_1:
        showActualSize();
        return true;
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down:
        // Fitted, the arrows go through the assets; zoomed in, they look around the picture.
        if (m_fitted || !canPan())
            return false;
        if (event->key() == Qt::Key_Left)
            panBy({step.x(), 0});
        else if (event->key() == Qt::Key_Right)
            panBy({-step.x(), 0});
        else if (event->key() == Qt::Key_Up)
            panBy({0, step.y()});
        else
            panBy({0, -step.y()});
        return true;
    default:
        return false;
    }
}

void ZoomImageView::setZoom(double zoom, bool fitted)
{
    const bool changed = !qFuzzyCompare(zoom, m_zoom);
    m_zoom = zoom;
    m_fitted = fitted;
    if (fitted)
        m_pan = {};
    clampPan();
    updateCursor();
    update();
    if (changed)
        Q_EMIT zoomChanged(m_zoom);
    checkSharpness();
}

void ZoomImageView::clampPan()
{
    const QSizeF size = QSizeF(m_fullSize) * m_zoom / devicePixelRatioF();
    // The picture never leaves a gap on a side it overflows, and stays centred on one it fits.
    const double spareX = std::max(0.0, (size.width() - width()) / 2);
    const double spareY = std::max(0.0, (size.height() - height()) / 2);
    m_pan.setX(std::clamp(m_pan.x(), -spareX, spareX));
    m_pan.setY(std::clamp(m_pan.y(), -spareY, spareY));
}

void ZoomImageView::updateCursor()
{
    if (m_dragging)
        setCursor(Qt::ClosedHandCursor);
    else if (!m_image.isNull() && canPan())
        setCursor(Qt::OpenHandCursor);
    else
        unsetCursor();
}

void ZoomImageView::checkSharpness()
{
    if (m_sharperAsked || m_image.isNull() || m_image.width() >= m_fullSize.width())
        return;
    const QSizeF shown = QSizeF(m_fullSize) * m_zoom;
    if (shown.width() <= m_image.width() * 1.05 && shown.height() <= m_image.height() * 1.05)
        return;
    m_sharperAsked = true;
    const QSize wanted(std::min(m_fullSize.width(), int(std::ceil(shown.width()))),
                       std::min(m_fullSize.height(), int(std::ceil(shown.height()))));
    Q_EMIT sharperWanted(wanted);
}

QPixmap ZoomImageView::scaledFor(const QRect &devicePixels) const
{
    if (m_scaledFor != devicePixels.size() || m_scaled.isNull()) {
        m_scaled = QPixmap::fromImage(
            m_image.scaled(devicePixels.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
        m_scaledFor = devicePixels.size();
    }
    return m_scaled;
}

void ZoomImageView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), kStage);
    if (m_image.isNull()) {
        painter.setPen(kStageText);
        painter.drawText(rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    const double ratio = devicePixelRatioF();
    const QRectF target = pictureRect();
    const QSize devicePixels = (target.size() * ratio).toSize();
    if (devicePixels.width() < m_image.width() && devicePixels.height() < m_image.height()) {
        // Reduced: smoothed once per zoom, then panned for free.
        QPixmap reduced = scaledFor(QRect(QPoint(), devicePixels));
        reduced.setDevicePixelRatio(ratio);
        painter.drawPixmap(target.topLeft(), reduced);
        return;
    }
    // Enlarged or 1:1. Pixels of the full picture stay sharp squares (what people zoom in to see);
    // a smaller rendition stretched until the sharper one arrives is smoothed.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, m_image.width() < m_fullSize.width());
    const QRectF visible = target.intersected(QRectF(rect()));
    if (visible.isEmpty())
        return;
    const double scaleX = m_image.width() / target.width();
    const double scaleY = m_image.height() / target.height();
    const QRectF source((visible.left() - target.left()) * scaleX, (visible.top() - target.top()) * scaleY,
                        visible.width() * scaleX, visible.height() * scaleY);
    painter.drawImage(visible, m_image, source);
}

void ZoomImageView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_fitted)
        setZoom(fitZoom(), true);
    else
        clampPan();
    updateCursor();
}

void ZoomImageView::wheelEvent(QWheelEvent *event)
{
    const int notches = event->angleDelta().y();
    if (m_image.isNull() || notches == 0) {
        event->ignore();
        return;
    }
    zoomAt(m_zoom * std::pow(kZoomStep, notches / 120.0), event->position());
    event->accept();
}

void ZoomImageView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !canPan()) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_dragging = true;
    m_dragFrom = event->position();
    updateCursor();
}

void ZoomImageView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging) {
        QWidget::mouseMoveEvent(event);
        return;
    }
    panBy(event->position() - m_dragFrom);
    m_dragFrom = event->position();
}

void ZoomImageView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_dragging) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_dragging = false;
    updateCursor();
}

void ZoomImageView::mouseDoubleClickEvent(QMouseEvent *event)
{
    // Between the whole picture and its pixels, at the point clicked.
    if (m_fitted && fitZoom() < 1.0)
        zoomAt(1.0, event->position());
    else
        fit();
}

} // namespace stratus::gui
