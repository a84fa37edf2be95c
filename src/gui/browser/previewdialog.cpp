#include "previewdialog.h"

#include "detailspanel.h"
#include "thumbnaildelegate.h"
#include "thumbnailloader.h"

#include "core/catalog/catalog.h"
#include "gui/errors/errorpresenter.h"

#include <QBoxLayout>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QScreen>
#include <QStyle>

namespace stratus::gui {

using namespace Qt::StringLiterals;

namespace {
constexpr double kScreenShare = 0.8;
} // namespace

PreviewDialog::PreviewDialog(const BrowserEnvironment &env, ThumbnailLoader *loader, QStringList assetIds,
                             int current, QWidget *parent)
    : QDialog(parent)
    , m_env(env)
    , m_loader(loader ? loader : new ThumbnailLoader(env.network, nullptr, this))
    , m_assetIds(std::move(assetIds))
    , m_image(new QLabel(this))
    , m_name(new QLabel(this))
    , m_info(new QLabel(this))
    , m_position(new QLabel(this))
{
    setWindowTitle(tr("Preview"));
    setAccessibleName(tr("Asset preview"));

    // The picture on a dark stage, whatever the theme: photographs are judged against neutral dark.
    m_image->setAlignment(Qt::AlignCenter);
    m_image->setAutoFillBackground(true);
    QPalette stage = m_image->palette();
    stage.setColor(QPalette::Window, QColor(0x1e, 0x1e, 0x1e));
    stage.setColor(QPalette::WindowText, QColor(0xdd, 0xdd, 0xdd));
    m_image->setPalette(stage);
    m_image->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_image->setAccessibleName(tr("Picture"));
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_name->setAccessibleName(tr("Name"));
    m_info->setForegroundRole(QPalette::PlaceholderText);
    m_info->setAccessibleName(tr("Details"));
    m_position->setAccessibleName(tr("Position"));
    m_position->setToolTip(tr("Left and Right go to the previous and next asset; Space or Esc closes"));

    auto *footer = new QHBoxLayout;
    footer->setContentsMargins(10, 6, 10, 8);
    footer->setSpacing(12);
    footer->addWidget(m_name, 1);
    footer->addWidget(m_info);
    footer->addWidget(m_position);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_image, 1);
    layout->addLayout(footer);

    const QScreen *screen = parent ? parent->screen() : QGuiApplication::primaryScreen();
    if (screen)
        resize((QSizeF(screen->availableGeometry().size()) * kScreenShare).toSize());

    connect(m_loader, &ThumbnailLoader::ready, this, [this](const QString &key, const QImage &image) {
        if (key != m_key)
            return;
        m_picture = image;
        paintPicture();
        Q_EMIT pictureShown(currentAssetId());
    });
    connect(m_loader, &ThumbnailLoader::failed, this, [this](const QString &key) {
        if (key == m_key)
            m_image->setText(tr("The picture could not be loaded."));
    });
    setCurrentIndex(current);
}

PreviewDialog::~PreviewDialog() = default;

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

void PreviewDialog::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Space:
        accept();
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

void PreviewDialog::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    const QSize wanted = pictureArea() * devicePixelRatioF();
    // Grown well past what was asked for: a sharper picture; otherwise the one there is rescaled.
    if (m_requested.isValid()
        && (wanted.width() > m_requested.width() * 1.25 || wanted.height() > m_requested.height() * 1.25))
        requestPicture();
    else
        paintPicture();
}

QSize PreviewDialog::pictureArea() const
{
    return m_image->size().isValid() && m_image->width() > 50 ? m_image->size() : size() - QSize(0, 40);
}

void PreviewDialog::showCurrent()
{
    m_asset.reset();
    m_picture = {};
    m_key.clear();
    m_requested = {};
    m_image->clear();
    m_position->setText(tr("%1 of %2").arg(m_current + 1).arg(m_assetIds.size()));
    const auto found = m_env.catalog->asset(currentAssetId());
    if (!found || !found.value()) {
        m_name->setText(tr("Not in the catalogue"));
        m_info->clear();
        return;
    }
    m_asset = *found.value();
    const QString name = m_asset->name(m_env.catalog->folderMode());
    m_name->setText(name);
    m_name->setToolTip(m_asset->publicId);
    setWindowTitle(tr("Preview — %1").arg(name));
    const QLocale locale;
    QStringList info;
    if (m_asset->resourceType == u"video")
        info.append(
            tr("Video %1")
                .arg(m_asset->duration ? ThumbnailDelegate::durationText(*m_asset->duration) : QString())
                .trimmed());
    if (m_asset->width > 0)
        info.append(u"%1 × %2"_s.arg(m_asset->width).arg(m_asset->height));
    info.append(m_asset->format.toUpper());
    info.append(locale.formattedDataSize(m_asset->bytes));
    info.removeAll(QString());
    m_info->setText(info.join(u" · "_s));
    requestPicture();
}

void PreviewDialog::requestPicture()
{
    if (!m_asset)
        return;
    const QSize pixels = pictureArea() * devicePixelRatioF();
    const QJsonObject options = pictureOptions(*m_asset, pixels);
    if (options.isEmpty()) {
        const QIcon icon = QIcon::fromTheme(u"text-x-generic"_s, style()->standardIcon(QStyle::SP_FileIcon));
        m_image->setPixmap(icon.pixmap(128, 128));
        return;
    }
    m_requested = pixels;
    m_key = u"preview:%1:%2x%3"_s.arg(m_asset->assetId).arg(pixels.width()).arg(pixels.height());
    if (m_picture.isNull())
        m_image->setText(tr("Loading…"));
    const QString key = m_key;
    buildAssetUrl(m_env, *m_asset, options, this, [this, key](core::Result<QUrl> url) {
        if (key != m_key)
            return;
        if (!url)
            m_image->setText(ErrorPresenter::text(url.error()));
        else if (m_loader)
            m_loader->request(key, url.value(), 0);
    });
}

void PreviewDialog::paintPicture()
{
    if (m_picture.isNull())
        return;
    m_image->setPixmap(fittedPixmap(m_picture, pictureArea(), devicePixelRatioF()));
}

} // namespace stratus::gui
