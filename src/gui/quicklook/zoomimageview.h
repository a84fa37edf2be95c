#pragma once

#include <QImage>
#include <QPixmap>
#include <QPointF>
#include <QWidget>

class QKeyEvent;

namespace stratus::gui {

/// The quick look's picture: fits the view, or zooms (100 %, the mouse wheel, + − 0 1) and pans
/// (dragging, arrow keys while zoomed in), on a dark stage.
///
/// Zoom is counted in device pixels per pixel of the full picture, so 100 % puts one pixel of the
/// original on one pixel of the screen whatever its device pixel ratio, drawn without smoothing
/// (crisp). The picture shown may be a smaller rendition of the full one (what the delivery URL
/// gave for the fitted view): it is drawn stretched to the full picture's geometry, and
/// sharperWanted() asks for a bigger one as soon as the zoom shows more pixels than it has.
///
/// Owned by its parent (the quick look); keys come from the dialog through handleKey(), so the
/// dialog keeps the focus. GUI thread only.
class ZoomImageView : public QWidget
{
    Q_OBJECT

public:
    explicit ZoomImageView(QWidget *parent = nullptr);

    /// Shows @p image as the picture whose full size is @p fullSize (its pixels at 100 %; the image
    /// itself if empty). A sharper rendition of the picture already shown (@p keepView) keeps the
    /// zoom and pan; a new picture is fitted.
    void setImage(const QImage &image, QSize fullSize = {}, bool keepView = false);
    /// No picture: @p text in the middle of the stage instead ("Loading…", an error).
    void setMessage(const QString &text);

    [[nodiscard]] QImage image() const { return m_image; }
    [[nodiscard]] QSize fullSize() const { return m_fullSize; }
    [[nodiscard]] QString message() const { return m_message; }

    /// Device pixels per pixel of the full picture: 1 is 100 %.
    [[nodiscard]] double zoom() const { return m_zoom; }
    /// Whether the zoom follows the view's size (Fit), as a new picture starts.
    [[nodiscard]] bool isFitted() const { return m_fitted; }
    /// The zoom at which the whole picture fits the view, at most 1 (small pictures are not enlarged).
    [[nodiscard]] double fitZoom() const;
    /// Where the picture's middle is, from the view's middle, in logical pixels.
    [[nodiscard]] QPointF panOffset() const { return m_pan; }
    /// Where the picture is drawn, in logical pixels of the view.
    [[nodiscard]] QRectF pictureRect() const;
    /// Whether the picture is larger than the view, so there is something to pan to.
    [[nodiscard]] bool canPan() const;

    void fit();
    void showActualSize();
    void zoomIn();
    void zoomOut();
    /// Zooms to @p zoom (bounded), keeping the picture's point under @p anchor (view
    /// coordinates) where it is.
    void zoomAt(double zoom, QPointF anchor);
    void panBy(QPointF delta);

    /// + and = zoom in, − zooms out, 0 fits, 1 is 100 %; the arrow keys pan while zoomed in.
    /// False for a key it does not use (the dialog's then: arrows go through the assets).
    bool handleKey(QKeyEvent *event);

    static constexpr double kMaximumZoom = 16.0;

Q_SIGNALS:
    void zoomChanged(double zoom);
    /// The zoom shows more pixels than the image has, and the full picture has more: a sharper
    /// rendition of @p devicePixels (the full picture at this zoom, at most its full size) is worth
    /// loading. Once per image: the next setImage() arms it again.
    void sharperWanted(QSize devicePixels);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    void setZoom(double zoom, bool fitted);
    void clampPan();
    void updateCursor();
    void checkSharpness();
    [[nodiscard]] double minimumZoom() const;
    [[nodiscard]] QPixmap scaledFor(const QRect &devicePixels) const;

    QImage m_image;
    QSize m_fullSize;
    QString m_message;
    double m_zoom = 1.0;
    bool m_fitted = true;
    bool m_sharperAsked = false;
    QPointF m_pan;
    QPointF m_dragFrom;
    bool m_dragging = false;
    mutable QPixmap m_scaled; ///< the image smoothly reduced for the current zoom
    mutable QSize m_scaledFor;
};

} // namespace stratus::gui
