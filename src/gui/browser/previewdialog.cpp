#include "previewdialog.h"

#include "detailspanel.h"
#include "signedurllimits.h"
#include "thumbnaildelegate.h"
#include "thumbnailloader.h"

#include "core/catalog/catalog.h"
#include "core/delivery/originalurls.h"
#include "core/delivery/thumbnailurls.h"
#include "gui/errors/errorpresenter.h"
#include "gui/quicklook/mediaview.h"
#include "gui/quicklook/zoomimageview.h"

#include <QBoxLayout>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QScreen>
#include <QStackedWidget>
#include <QStyle>
#include <QToolButton>

#include <cmath>

namespace stratus::gui {

using namespace Qt::StringLiterals;
using core::catalog::CatalogAsset;

namespace {
constexpr double kScreenShare = 0.8;
// A sharper rendition is asked for with room for a few more zoom steps, up to the full picture.
constexpr double kSharperHeadroom = 1.5;
// The most device pixels a side of a sharper rendition may have: 100 % of a very large original
// shows a 8192-pixel rendition stretched.
constexpr int kLargestSide = 8192;
// Cloudinary rasterises PDF pages at 150 dpi; the asset's width and height are its first page in
// points (1/72 inch).
constexpr double kPdfDensity = 150.0;

QToolButton *barButton(const QString &text, const QString &toolTip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setAccessibleName(toolTip);
    button->setAutoRaise(true);
    // The dialog keeps the keyboard: every button has a key.
    button->setFocusPolicy(Qt::NoFocus);
    return button;
}

QHBoxLayout *barLayout(QWidget *bar)
{
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    return layout;
}
} // namespace

PreviewDialog::PreviewDialog(const BrowserEnvironment &env, ThumbnailLoader *loader, QStringList assetIds,
                             int current, QWidget *parent)
    : QDialog(parent)
    , m_env(env)
    , m_loader(loader ? loader : new ThumbnailLoader(env.network, nullptr, this))
    , m_assetIds(std::move(assetIds))
    , m_stage(new QStackedWidget(this))
    , m_imageView(new ZoomImageView(this))
    , m_mediaView(new MediaView(this))
    , m_name(new QLabel(this))
    , m_info(new QLabel(this))
    , m_position(new QLabel(this))
    , m_pageBar(new QWidget(this))
    , m_previousPage(barButton(u"‹"_s, tr("Previous page (Page Up)"), m_pageBar))
    , m_pageLabel(new QLabel(m_pageBar))
    , m_nextPage(barButton(u"›"_s, tr("Next page (Page Down)"), m_pageBar))
    , m_zoomBar(new QWidget(this))
    , m_zoomLabel(new QLabel(m_zoomBar))
    , m_fitButton(barButton(tr("Fit"), tr("Fit the picture in the window (0)"), m_zoomBar))
    , m_actualSizeButton(barButton(
          tr("100 %"), tr("Actual size: one pixel of the picture on one of the screen (1)"), m_zoomBar))
{
    setWindowTitle(tr("Preview"));
    setAccessibleName(tr("Asset preview"));
    m_stage->addWidget(m_imageView);
    m_stage->addWidget(m_mediaView);
    buildFooter();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_stage, 1);

    auto *footer = new QHBoxLayout;
    footer->setContentsMargins(10, 6, 10, 8);
    footer->setSpacing(12);
    footer->addWidget(m_name, 1);
    footer->addWidget(m_info);
    footer->addWidget(m_pageBar);
    footer->addWidget(m_zoomBar);
    footer->addWidget(m_position);
    layout->addLayout(footer);

    const QScreen *screen = parent ? parent->screen() : QGuiApplication::primaryScreen();
    if (screen)
        resize((QSizeF(screen->availableGeometry().size()) * kScreenShare).toSize());

    connect(m_loader, &ThumbnailLoader::ready, this, [this](const QString &key, const QImage &image) {
        if (key == m_key)
            pictureArrived(image);
    });
    connect(m_loader, &ThumbnailLoader::failed, this, [this](const QString &key, bool offline) {
        if (key == m_key)
            pictureFailed(offline);
    });
    connect(m_imageView, &ZoomImageView::sharperWanted, this, [this](QSize devicePixels) {
        if (m_kind != Kind::Picture && m_kind != Kind::Document)
            return;
        const QSize full = m_imageView->fullSize();
        QSize wanted = (QSizeF(devicePixels) * kSharperHeadroom).toSize().boundedTo(full);
        if (std::max(wanted.width(), wanted.height()) > kLargestSide)
            wanted.scale(kLargestSide, kLargestSide, Qt::KeepAspectRatio);
        requestPicture(wanted, true);
    });
    connect(m_imageView, &ZoomImageView::zoomChanged, this, &PreviewDialog::updateBars);
    setCurrentIndex(current);
}

PreviewDialog::~PreviewDialog() = default;

void PreviewDialog::buildFooter()
{
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_name->setAccessibleName(tr("Name"));
    m_info->setForegroundRole(QPalette::PlaceholderText);
    m_info->setAccessibleName(tr("Details"));
    m_position->setAccessibleName(tr("Position"));

    QHBoxLayout *pages = barLayout(m_pageBar);
    pages->addWidget(m_previousPage);
    pages->addWidget(m_pageLabel);
    pages->addWidget(m_nextPage);
    m_pageLabel->setAccessibleName(tr("Page"));
    connect(m_previousPage, &QToolButton::clicked, this, [this] { showPage(m_page - 1); });
    connect(m_nextPage, &QToolButton::clicked, this, [this] { showPage(m_page + 1); });

    QHBoxLayout *zoom = barLayout(m_zoomBar);
    QToolButton *zoomOut = barButton(u"−"_s, tr("Zoom out (−)"), m_zoomBar);
    QToolButton *zoomIn = barButton(u"+"_s, tr("Zoom in (+)"), m_zoomBar);
    m_zoomLabel->setAccessibleName(tr("Zoom"));
    m_zoomLabel->setToolTip(tr("The mouse wheel zooms; drag or use the arrow keys to look around"));
    m_zoomLabel->setAlignment(Qt::AlignCenter);
    m_zoomLabel->setMinimumWidth(m_zoomLabel->fontMetrics().horizontalAdvance(u"1600 %"_s));
    m_fitButton->setCheckable(true);
    m_actualSizeButton->setCheckable(true);
    zoom->addWidget(zoomOut);
    zoom->addWidget(m_zoomLabel);
    zoom->addWidget(zoomIn);
    zoom->addSpacing(6);
    zoom->addWidget(m_fitButton);
    zoom->addWidget(m_actualSizeButton);
    connect(zoomOut, &QToolButton::clicked, m_imageView, &ZoomImageView::zoomOut);
    connect(zoomIn, &QToolButton::clicked, m_imageView, &ZoomImageView::zoomIn);
    connect(m_fitButton, &QToolButton::clicked, m_imageView, &ZoomImageView::fit);
    connect(m_actualSizeButton, &QToolButton::clicked, m_imageView, &ZoomImageView::showActualSize);
    // Checkable for their look (which one is on); a click never unchecks by itself.
    connect(m_fitButton, &QToolButton::clicked, this, &PreviewDialog::updateBars);
    connect(m_actualSizeButton, &QToolButton::clicked, this, &PreviewDialog::updateBars);
}

PreviewDialog::Kind PreviewDialog::kindOf(const CatalogAsset &asset)
{
    static const QStringList audioFormats
        = {u"mp3"_s, u"wav"_s, u"ogg"_s, u"oga"_s, u"m4a"_s, u"flac"_s, u"aac"_s, u"opus"_s, u"weba"_s};
    if (asset.resourceType == u"raw")
        return Kind::File;
    if (asset.resourceType == u"video")
        return audioFormats.contains(asset.format.toLower()) ? Kind::Audio : Kind::Video;
    if (asset.format.compare(u"pdf"_s, Qt::CaseInsensitive) == 0)
        return Kind::Document;
    return Kind::Picture;
}

void PreviewDialog::setCurrentIndex(int index)
{
    if (m_assetIds.isEmpty())
        return;
    index = std::clamp(index, 0, int(m_assetIds.size()) - 1);
    if (index == m_current)
        return;
    m_current = index;
    showCurrent();
    Q_EMIT currentChanged(currentAssetId());
}

void PreviewDialog::showPage(int page)
{
    if (m_kind != Kind::Document)
        return;
    page = std::max(1, m_lastPage > 0 ? std::min(page, m_lastPage) : page);
    if (page == m_page)
        return;
    m_page = page;
    m_picture = {};
    m_imageView->setMessage(tr("Loading page %1…").arg(m_page));
    updateBars();
    requestFirstPicture();
}

void PreviewDialog::keyPressEvent(QKeyEvent *event)
{
    const bool media = m_kind == Kind::Video || m_kind == Kind::Audio;
    if (media && m_mediaView->handleKey(event))
        return;
    if (!media && m_imageView->handleKey(event))
        return;
    switch (event->key()) {
    case Qt::Key_Space:
        accept();
        return;
    case Qt::Key_PageUp:
        showPage(m_page - 1);
        return;
    case Qt::Key_PageDown:
        showPage(m_page + 1);
        return;
    case Qt::Key_Left:
    case Qt::Key_Up:
        setCurrentIndex(m_current - 1);
        return;
    case Qt::Key_Right:
    case Qt::Key_Down:
        setCurrentIndex(m_current + 1);
        return;
    case Qt::Key_Home:
        setCurrentIndex(0);
        return;
    case Qt::Key_End:
        setCurrentIndex(int(m_assetIds.size()) - 1);
        return;
    default:
        QDialog::keyPressEvent(event);
    }
}

void PreviewDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (m_requestOnShow)
        requestFirstPicture();
}

void PreviewDialog::done(int result)
{
    // Nothing plays on behind a closed quick look.
    m_mediaView->clear();
    QDialog::done(result);
}

QSize PreviewDialog::pictureArea() const
{
    QWidget *shown = m_stage->currentWidget();
    return shown->size().isValid() && shown->width() > 50 ? shown->size() : size() - QSize(0, 48);
}

void PreviewDialog::showCurrent()
{
    if (m_loader && !m_key.isEmpty())
        m_loader->cancel(m_key);
    m_asset.reset();
    m_kind = Kind::None;
    m_picture = {};
    m_key.clear();
    m_requested = {};
    m_pictureUrl.clear();
    m_mediaUrl.clear();
    m_page = 1;
    m_lastPage = 0;
    m_requestOnShow = false;
    m_mediaView->clear();
    m_position->setText(tr("%1 of %2").arg(m_current + 1).arg(m_assetIds.size()));
    const auto found = m_env.catalog->asset(currentAssetId());
    if (!found || !found.value()) {
        m_name->setText(tr("Not in the catalogue"));
        m_info->clear();
        m_stage->setCurrentWidget(m_imageView);
        m_imageView->setMessage(tr("This asset is no longer in the catalogue."));
        updateBars();
        return;
    }
    m_asset = *found.value();
    m_kind = kindOf(*m_asset);
    showInfo();
    const bool media = m_kind == Kind::Video || m_kind == Kind::Audio;
    m_stage->setCurrentWidget(media ? static_cast<QWidget *>(m_mediaView) : m_imageView);
    m_position->setToolTip(media
                               ? tr("Left and Right go to the previous and next asset; Space plays or "
                                    "pauses; Esc closes")
                               : tr("Left and Right go to the previous and next asset; Space or Esc closes"));
    updateBars();
    if (m_kind == Kind::File) {
        const QIcon icon = QIcon::fromTheme(u"text-x-generic"_s, style()->standardIcon(QStyle::SP_FileIcon));
        m_imageView->setImage(icon.pixmap(QSize(128, 128), devicePixelRatioF()).toImage());
        return;
    }
    if (media)
        resolveMedia();
    if (m_kind == Kind::Audio)
        return;
    if (!media)
        m_imageView->setMessage(tr("Loading…"));
    requestFirstPicture();
}

void PreviewDialog::requestFirstPicture()
{
    // Before the dialog is shown its stage has no size yet: asked then, the picture would be of a
    // guessed size, and asked again at once.
    m_requestOnShow = !isVisible();
    if (!m_requestOnShow)
        requestPicture(pictureArea() * devicePixelRatioF(), false);
}

void PreviewDialog::showInfo()
{
    const QString name = m_asset->name(m_env.catalog->folderMode());
    m_name->setText(name);
    m_name->setToolTip(m_asset->publicId);
    setWindowTitle(tr("Preview — %1").arg(name));
    const QLocale locale;
    QStringList info;
    const QString duration
        = m_asset->duration ? ThumbnailDelegate::durationText(*m_asset->duration) : QString();
    if (m_kind == Kind::Video)
        info.append(tr("Video %1").arg(duration).trimmed());
    else if (m_kind == Kind::Audio)
        info.append(tr("Audio %1").arg(duration).trimmed());
    else if (m_kind == Kind::Document)
        info.append(tr("Document"));
    if (m_asset->width > 0 && m_kind != Kind::Document)
        info.append(u"%1 × %2"_s.arg(m_asset->width).arg(m_asset->height));
    info.append(m_asset->format.toUpper());
    info.append(locale.formattedDataSize(m_asset->bytes));
    info.removeAll(QString());
    m_info->setText(info.join(u" · "_s));
}

void PreviewDialog::requestPicture(QSize devicePixels, bool sharper)
{
    if (!m_asset)
        return;
    QJsonObject options = pictureOptions(*m_asset, devicePixels);
    if (options.isEmpty())
        return;
    if (m_env.cannotSignUrls() && core::needsSignature(m_asset->type)) {
        // The same words as the details panel's, not an error: nothing went wrong.
        m_imageView->setMessage(SignedUrlLimits::sentence());
        return;
    }
    if (m_kind == Kind::Document)
        options.insert(u"page"_s, m_page);
    if (m_loader && !m_key.isEmpty())
        m_loader->cancel(m_key); // another page, or a sharper one: the last is not wanted any more
    m_sharper = sharper;
    m_asking = devicePixels;
    if (!sharper)
        m_requested = devicePixels;
    m_key = u"preview:%1:p%2:%3x%4"_s.arg(m_asset->assetId)
                .arg(m_page)
                .arg(devicePixels.width())
                .arg(devicePixels.height());
    const QString key = m_key;
    buildAssetUrl(m_env, *m_asset, options, this, [this, key](core::Result<QUrl> url) {
        if (key != m_key)
            return;
        if (!url) {
            if (!m_sharper)
                m_imageView->setMessage(ErrorPresenter::text(url.error()));
            return;
        }
        m_pictureUrl = url.value();
        if (m_loader)
            m_loader->request(key, url.value(), 0);
    });
}

QSize PreviewDialog::fullSizeOf(const QImage &image) const
{
    if (m_kind == Kind::Document && m_asset->width > 0 && !image.isNull()) {
        // The page at Cloudinary's density; pages of another size than the first keep their shape.
        const int width = int(std::lround(m_asset->width * kPdfDensity / 72.0));
        if (image.width() >= width)
            return image.size();
        return QSize(width, int(std::lround(double(image.height()) * width / image.width())));
    }
    if (m_kind == Kind::Picture && m_asset->width > 0 && m_asset->height > 0)
        return QSize(m_asset->width, m_asset->height);
    return image.size();
}

void PreviewDialog::pictureArrived(const QImage &image)
{
    m_picture = image;
    m_requested = m_asking;
    if (m_kind == Kind::Video) {
        m_mediaView->setPoster(image);
    } else {
        m_imageView->setImage(image, fullSizeOf(image), m_sharper);
        updateBars();
    }
    Q_EMIT pictureShown(currentAssetId());
}

void PreviewDialog::pictureFailed(bool offline)
{
    if (m_sharper)
        return; // the one shown stays
    if (m_kind == Kind::Video)
        return; // the player shows its own frames
    if (m_kind == Kind::Document && m_page > 1 && !offline) {
        // The page after the last: now the number of pages is known.
        m_lastPage = m_page - 1;
        m_page = 0;
        showPage(m_lastPage);
        return;
    }
    m_imageView->setMessage(m_kind == Kind::Document ? tr("Page %1 could not be loaded.").arg(m_page)
                                                     : tr("The picture could not be loaded."));
}

void PreviewDialog::resolveMedia()
{
    const QString assetId = m_asset->assetId;
    const bool audio = m_kind == Kind::Audio;
    core::OriginalUrls::resolve(
        m_env, {*m_asset}, this, [this, assetId, audio](QList<core::Result<QUrl>> urls) {
            if (!m_asset || m_asset->assetId != assetId)
                return;
            if (urls.isEmpty() || !urls.constFirst()) {
                m_mediaView->setMessage(urls.isEmpty() ? tr("No link to play.")
                                                       : ErrorPresenter::text(urls.constFirst().error()));
                return;
            }
            m_mediaUrl = urls.constFirst().value();
            const QImage poster = m_picture;
            m_mediaView->setSource(m_mediaUrl, audio);
            if (!poster.isNull())
                m_mediaView->setPoster(poster);
        });
}

void PreviewDialog::updateBars()
{
    const bool picture = m_kind == Kind::Picture || m_kind == Kind::Document;
    m_zoomBar->setVisible(picture);
    m_pageBar->setVisible(m_kind == Kind::Document);
    if (picture) {
        const double zoom = m_imageView->zoom();
        m_zoomLabel->setText(tr("%1 %", "zoom percentage").arg(std::lround(zoom * 100)));
        m_fitButton->setChecked(m_imageView->isFitted());
        m_actualSizeButton->setChecked(std::abs(zoom - 1.0) < 1e-6);
    }
    if (m_kind == Kind::Document) {
        m_pageLabel->setText(m_lastPage > 0 ? tr("Page %1 of %2").arg(m_page).arg(m_lastPage)
                                            : tr("Page %1").arg(m_page));
        m_previousPage->setEnabled(m_page > 1);
        m_nextPage->setEnabled(m_lastPage == 0 || m_page < m_lastPage);
    }
}

} // namespace stratus::gui
