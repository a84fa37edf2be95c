// DetailsPanel's links and pictures: delivery URLs (signed for private and authenticated assets),
// Copy URL and Open in Browser, the preview, and the picture helpers PreviewDialog shares. Showing an
// asset is in detailspanel.cpp.
#include "detailspanel.h"
#include "detailspanel_p.h"

#include "thumbnailloader.h"

#include "core/catalog/catalog.h"
#include "core/delivery/deliveryurl.h"
#include "core/delivery/thumbnailurls.h"
#include "core/net/secretsource.h"
#include "gui/errors/errorpresenter.h"

#include "ui_detailspanel.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QStyle>

namespace stratus::gui {

using namespace Qt::StringLiterals;
using core::catalog::CatalogAsset;

namespace {

/// The options of a link to @p asset: the original, or with @p transformation (free text).
QJsonObject linkOptions(const CatalogAsset &asset, const QString &transformation)
{
    QJsonObject options;
    if (!transformation.isEmpty())
        options.insert(u"raw_transformation"_s, transformation);
    if (asset.resourceType != u"raw" && !asset.format.isEmpty())
        options.insert(u"format"_s, asset.format);
    return options;
}

} // namespace

core::Result<core::ApiContext> apiContextOf(const BrowserEnvironment &env)
{
    if (env.apiContext)
        return env.apiContext();
    return core::Error::because(core::Error::Kind::Unavailable, core::ErrorReason::EnvironmentNotReady);
}

void buildAssetUrl(const BrowserEnvironment &env, const CatalogAsset &asset, QJsonObject options,
                   QObject *context, std::function<void(core::Result<QUrl>)> done)
{
    const core::CloudinaryUrl url = env.url ? env.url() : core::CloudinaryUrl();
    if (url.cloudName().isEmpty()) {
        done(core::Error::because(core::Error::Kind::Unavailable, core::ErrorReason::EnvironmentNotReady));
        return;
    }
    const QJsonObject delivery = core::deliveryOptions(url);
    for (auto it = delivery.begin(); it != delivery.end(); ++it)
        options.insert(it.key(), it.value());
    options.insert(u"resource_type"_s, asset.resourceType.isEmpty() ? u"image"_s : asset.resourceType);
    options.insert(u"type"_s, asset.type.isEmpty() ? u"upload"_s : asset.type);
    if (asset.version > 0)
        options.insert(u"version"_s, asset.version);
    auto build = [config = url.toSdkConfig(), publicId = asset.publicId](const QJsonObject &all) {
        const auto text = core::buildDeliveryUrl(publicId, all, config);
        return text ? core::Result<QUrl>(QUrl(text.value())) : core::Result<QUrl>(text.error());
    };
    if (!core::needsSignature(asset.type)) {
        done(build(options));
        return;
    }
    const auto api = apiContextOf(env);
    if (!api || !api->secret) {
        // A private or authenticated asset's link must be signed.
        done(api ? core::Error::because(core::Error::Kind::Auth, core::ErrorReason::NoApiSecret)
                 : api.error());
        return;
    }
    if (api->secret->kind() != core::CredentialKind::ApiSecret) {
        done(core::Error::because(core::Error::Kind::Auth, core::ErrorReason::NeedsApiSecret));
        return;
    }
    // The secret lives in this callback only: it signs one URL and is gone.
    api->secret->fetch(context,
                       [secret = api->secret, build, options, done](core::Result<QString> text) mutable {
                           if (!text) {
                               done(text.error());
                               return;
                           }
                           options.insert(u"sign_url"_s, true);
                           options.insert(u"api_secret"_s, text.value());
                           done(build(options));
                       });
}

QJsonObject pictureOptions(const CatalogAsset &asset, const QSize &devicePixels)
{
    if (asset.resourceType == u"raw" || devicePixels.isEmpty())
        return {};
    const bool png = asset.resourceType == u"image" && asset.format == u"png";
    return {{u"width"_s, devicePixels.width()},
            {u"height"_s, devicePixels.height()},
            {u"crop"_s, u"limit"_s},
            {u"format"_s, png ? u"png"_s : u"jpg"_s}};
}

QPixmap fittedPixmap(const QImage &image, const QSize &box, qreal ratio)
{
    const QSize pixels = (QSizeF(box) * ratio).toSize();
    QPixmap pixmap = QPixmap::fromImage(image);
    if (pixmap.width() > pixels.width() || pixmap.height() > pixels.height())
        pixmap = pixmap.scaled(pixels, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    pixmap.setDevicePixelRatio(ratio);
    return pixmap;
}

// Links and preview -----------------------------------------------------------------------------

QString DetailsPanel::transformation() const
{
    QString text = m_ui->transformationCombo->currentText().trimmed();
    if (text == tr("Original"))
        return {};
    return text.remove(u' ');
}

void DetailsPanel::withUrl(const std::function<void(const QUrl &)> &use)
{
    if (!m_asset)
        return;
    const QString assetId = m_asset->assetId;
    buildAssetUrl(m_env, *m_asset, linkOptions(*m_asset, transformation()), this,
                  [this, assetId, use](core::Result<QUrl> url) {
                      if (!m_asset || m_asset->assetId != assetId)
                          return;
                      if (!url) {
                          m_ui->linkStatusLabel->setText(
                              tr("No link: %1").arg(ErrorPresenter::text(url.error())));
                          return;
                      }
                      use(url.value());
                  });
}

void DetailsPanel::showUrlField()
{
    QLineEdit *field = m_fields.value(u"url"_s);
    if (core::needsSignature(m_asset->type)) {
        // Its links are signed with the secret, made when asked for (Copy URL), never kept on screen.
        field->setText(tr("Signed when copied"));
        field->setToolTip({});
        return;
    }
    const QString assetId = m_asset->assetId;
    buildAssetUrl(m_env, *m_asset, linkOptions(*m_asset, {}), this,
                  [this, field, assetId](core::Result<QUrl> url) {
                      if (!m_asset || m_asset->assetId != assetId)
                          return;
                      field->setText(url ? url->toString(QUrl::FullyEncoded) : noValue());
                      field->setToolTip(field->text());
                      field->setCursorPosition(0);
                  });
}

void DetailsPanel::copyUrl()
{
    withUrl([this](const QUrl &url) {
        QGuiApplication::clipboard()->setText(url.toString(QUrl::FullyEncoded));
        m_ui->linkStatusLabel->setText(tr("Copied the link to the clipboard."));
        m_ui->linkStatusLabel->setToolTip(url.toString(QUrl::FullyEncoded));
    });
}

void DetailsPanel::openInBrowser()
{
    withUrl([this](const QUrl &url) {
        if (!QDesktopServices::openUrl(url))
            m_ui->linkStatusLabel->setText(tr("No web browser could be started."));
    });
}

void DetailsPanel::requestPreview()
{
    if (!m_asset)
        return;
    const qreal ratio = devicePixelRatioF();
    const int width = m_ui->previewLabel->width() > 50 ? m_ui->previewLabel->width() : 320;
    const QSize pixels = (QSizeF(width, kPreviewHeight) * ratio).toSize();
    const QJsonObject options = pictureOptions(*m_asset, pixels);
    if (options.isEmpty()) {
        showIcon();
        return;
    }
    m_previewPixels = pixels;
    const QString key = u"details:%1:%2x%3"_s.arg(m_asset->assetId).arg(pixels.width()).arg(pixels.height());
    m_previewKey = key;
    if (m_ui->previewLabel->pixmap().isNull())
        m_ui->previewLabel->setText(tr("Loading preview…"));
    buildAssetUrl(m_env, *m_asset, options, this, [this, key](core::Result<QUrl> url) {
        if (key != m_previewKey)
            return;
        if (url && m_loader)
            m_loader->request(key, url.value(), 0);
        else
            m_ui->previewLabel->setText(tr("No preview"));
    });
}

void DetailsPanel::showPicture(const QImage &image)
{
    m_ui->previewLabel->setPixmap(fittedPixmap(image, m_ui->previewLabel->size(), devicePixelRatioF()));
}

void DetailsPanel::showIcon()
{
    const QIcon icon = QIcon::fromTheme(u"text-x-generic"_s, style()->standardIcon(QStyle::SP_FileIcon));
    m_ui->previewLabel->setPixmap(icon.pixmap(96, 96));
}

} // namespace stratus::gui
