#pragma once

#include "browserenvironment.h"

#include "core/catalog/catalogasset.h"

#include <QDialog>
#include <QImage>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <optional>

class QLabel;
class QStackedWidget;
class QToolButton;

namespace stratus::gui {

class MediaView;
class ThumbnailLoader;
class ZoomImageView;

/// The quick look (Space): one asset of a list shown large, in about 80% of the screen, with its
/// name, size and position in the list; Left and Right (Up, Down, Home, End) go through the list,
/// Esc closes, and Space closes too except on media, which it plays.
///
/// - Pictures fit, or zoom (the wheel, + − 0 1, the zoom buttons) and pan (drag, arrows while zoomed)
///   at the screen's device pixel ratio (ZoomImageView): the delivery URL is asked for the device
///   pixels shown (c_limit, never enlarged), and again, sharper, when zooming in shows more.
/// - PDFs show page 1, then others with Page Up/Page Down or the page buttons: each page a picture
///   through Cloudinary's `pg_N`. Their number is not in the catalogue: the page after the last one
///   fails, which ends the document.
/// - Videos and audio play from their original's delivery URL (signed for private and authenticated
///   assets) in a MediaView: play/pause, seek, volume, time; a video's poster frame shows first.
/// - Raw files show an icon and their name.
///
/// Made by the browser for the selected (or all visible) assets; reads them from `env.catalog`,
/// which must outlive the dialog, and loads pictures through @p loader (null: one of its own, with
/// no disk cache; as for DetailsPanel, not the grid's loader, which cancels other requests).
/// Deletes nothing; the caller owns it (e.g. WA_DeleteOnClose + open()). GUI thread only.
class PreviewDialog : public QDialog
{
    Q_OBJECT

public:
    /// How the current asset is shown.
    enum class Kind { None, Picture, Document, Video, Audio, File };
    Q_ENUM(Kind)

    PreviewDialog(const BrowserEnvironment &env, ThumbnailLoader *loader, QStringList assetIds, int current,
                  QWidget *parent = nullptr);
    ~PreviewDialog() override;

    [[nodiscard]] int currentIndex() const { return m_current; }
    [[nodiscard]] QString currentAssetId() const { return m_assetIds.value(m_current); }
    /// Shows the asset at @p index of the list (clamped).
    void setCurrentIndex(int index);
    [[nodiscard]] Kind kind() const { return m_kind; }

    /// The picture shown for the current asset as it arrived (a video's poster; null while it
    /// loads, for raw files and when it failed), and the device pixels it was asked for.
    [[nodiscard]] QImage picture() const { return m_picture; }
    [[nodiscard]] QSize requestedPixels() const { return m_requested; }
    /// The delivery URL of the last picture asked for (the page of a PDF, a video's poster).
    [[nodiscard]] QUrl pictureUrl() const { return m_pictureUrl; }
    /// The delivery URL a video or audio streams from (empty until it is known, and for others).
    [[nodiscard]] QUrl mediaUrl() const { return m_mediaUrl; }

    /// The page of a PDF shown (1-based), and the last one when known (0 until then).
    [[nodiscard]] int page() const { return m_page; }
    [[nodiscard]] int lastPage() const { return m_lastPage; }
    void showPage(int page);

    [[nodiscard]] ZoomImageView *imageView() const { return m_imageView; }
    [[nodiscard]] MediaView *mediaView() const { return m_mediaView; }

    /// How @p asset is shown: PDFs as documents, audio formats (a video to Cloudinary) as audio.
    [[nodiscard]] static Kind kindOf(const core::catalog::CatalogAsset &asset);

Q_SIGNALS:
    /// Another asset of the list is shown (so the browser can follow with its selection).
    void currentChanged(const QString &assetId);
    /// The current asset's picture (or page, or poster) arrived and is shown.
    void pictureShown(const QString &assetId);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void done(int result) override;

private:
    void buildFooter();
    void showCurrent();
    void showInfo();
    void requestPicture(QSize devicePixels, bool sharper);
    void requestFirstPicture();
    void pictureArrived(const QImage &image);
    void pictureFailed(bool offline);
    void resolveMedia();
    void updateBars();
    [[nodiscard]] QSize pictureArea() const;
    [[nodiscard]] QSize fullSizeOf(const QImage &image) const;

    BrowserEnvironment m_env;
    QPointer<ThumbnailLoader> m_loader;
    QStringList m_assetIds;
    int m_current = -1;
    std::optional<core::catalog::CatalogAsset> m_asset;
    Kind m_kind = Kind::None;
    QString m_key;
    bool m_sharper = false; ///< the picture asked for is a sharper rendition of the one shown
    QSize m_asking;
    QSize m_requested;
    QImage m_picture;
    QUrl m_pictureUrl;
    QUrl m_mediaUrl;
    int m_page = 1;
    int m_lastPage = 0;
    bool m_requestOnShow = false; ///< the stage's size is known once shown
    QStackedWidget *m_stage;
    ZoomImageView *m_imageView;
    MediaView *m_mediaView;
    QLabel *m_name;
    QLabel *m_info;
    QLabel *m_position;
    QWidget *m_pageBar;
    QToolButton *m_previousPage;
    QLabel *m_pageLabel;
    QToolButton *m_nextPage;
    QWidget *m_zoomBar;
    QLabel *m_zoomLabel;
    QToolButton *m_fitButton;
    QToolButton *m_actualSizeButton;
};

} // namespace stratus::gui
