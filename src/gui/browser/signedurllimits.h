#pragma once

#include <QCoreApplication>
#include <QPixmap>
#include <QString>

class QColor;
class QPainter;
class QRectF;

namespace stratus::gui {

/// What the browser says and shows where an environment signed in with Cloudinary cannot make a
/// delivery URL: private and authenticated assets are delivered only through signed URLs, and
/// signing needs the API secret, which such an environment does not have. One place for the
/// words (thumbnails' tooltips, the details panel, disabled Copy URL) and the lock they show.
class SignedUrlLimits
{
    Q_DECLARE_TR_FUNCTIONS(stratus::gui::SignedUrlLimits)

public:
    /// The details panel's sentence.
    [[nodiscard]] static QString sentence();
    /// A locked thumbnail's tooltip (after the asset's public ID).
    [[nodiscard]] static QString thumbnailToolTip();
    /// Why Copy URL and Open in Browser are off for such an asset.
    [[nodiscard]] static QString linkToolTip();

    /// A padlock in the middle of `area`, in `color`, its keyhole in `background` (what is behind
    /// it); drawn, so it shows without an icon theme.
    static void paintLock(QPainter *painter, const QRectF &area, const QColor &color,
                          const QColor &background);
    /// The padlock on a transparent square of `edge` device-independent pixels.
    [[nodiscard]] static QPixmap lockPixmap(int edge, qreal devicePixelRatio, const QColor &color,
                                            const QColor &background);
};

} // namespace stratus::gui
