#include "detailspanel.h"

#include "detailspanel_p.h"

#include "browserlogging.h"
#include "core/delivery/thumbnailurls.h"
#include "thumbnaildelegate.h"
#include "thumbnailloader.h"

#include "core/api/adminapi.h"
#include "core/assets/assetservice.h"
#include "core/catalog/catalog.h"
#include "core/delivery/deliveryurl.h"
#include "core/net/secretsource.h"
#include "gui/errors/errorpresenter.h"
#include "gui/metadata/metadataeditor.h"
#include "gui/metadata/metadatasection.h"

#include "ui_detailspanel.h"

#include <QClipboard>
#include <QCompleter>
#include <QDesktopServices>
#include <QGroupBox>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLocale>
#include <QStringListModel>
#include <QStyle>

namespace stratus::gui {

using namespace Qt::StringLiterals;
using core::catalog::CatalogAsset;

namespace {

constexpr int kPreviewHeight = 200;

const QString kNone = u"—"_s;

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

// A read-only value that looks like text, not like an input: no frame, the window's background;
// still selectable and reachable by keyboard, and scrollable when longer than the panel.
void makeReadOnly(QLineEdit *edit)
{
    edit->setReadOnly(true);
    edit->setFrame(false);
    QPalette palette = edit->palette();
    palette.setColor(QPalette::Base, Qt::transparent);
    edit->setPalette(palette);
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

DetailsPanel::DetailsPanel(const BrowserEnvironment &env, ThumbnailLoader *loader, QWidget *parent,
                           core::assets::AssetService *assets)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::DetailsPanel>())
    , m_env(env)
    , m_assets(assets ? assets
                      : new core::assets::AssetService(
                          env.catalog, [env] { return env.changeContext(); }, this))
    , m_loader(loader ? loader : new ThumbnailLoader(env.network, nullptr, this))
    , m_completer(new QCompleter(this))
    , m_completionTags(new QStringListModel(this))
{
    m_ui->setupUi(this);
    buildFields();

    m_ui->offlineLabel->setAutoFillBackground(true);
    m_ui->offlineLabel->setBackgroundRole(QPalette::ToolTipBase);
    m_ui->offlineLabel->setForegroundRole(QPalette::ToolTipText);
    QFont title = m_ui->titleLabel->font();
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() * 1.15);
    m_ui->titleLabel->setFont(title);
    m_ui->subtitleLabel->setForegroundRole(QPalette::PlaceholderText);
    m_ui->previewLabel->setFixedHeight(kPreviewHeight);

    m_completer->setModel(m_completionTags);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_ui->tagEdit->setCompleter(m_completer);
    // Chips: each tag a rounded box that wraps along the panel.
    m_ui->tagList->setStyleSheet(u"QListWidget::item { border: 1px solid palette(mid); border-radius: 9px;"
                                 " padding: 1px 8px; }"_s);
    m_ui->contextTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    m_ui->transformationCombo->addItems({tr("Original"), u"f_auto,q_auto"_s, u"c_fill,w_400,h_400"_s,
                                         u"c_limit,w_1200"_s, u"c_thumb,g_auto,w_200,h_200"_s});

    connect(m_ui->tagEdit, &QLineEdit::returnPressed, this, &DetailsPanel::addTagsFromEdit);
    connect(m_ui->addTagButton, &QPushButton::clicked, this, &DetailsPanel::addTagsFromEdit);
    connect(m_ui->removeTagButton, &QPushButton::clicked, this, &DetailsPanel::removeSelectedTags);
    connect(m_ui->tagList, &QListWidget::itemSelectionChanged, this, &DetailsPanel::updateActions);
    connect(m_ui->addContextButton, &QPushButton::clicked, this, &DetailsPanel::addContextRow);
    connect(m_ui->removeContextButton, &QPushButton::clicked, this, &DetailsPanel::removeSelectedContextRows);
    connect(m_ui->contextTable, &QTableWidget::itemChanged, this, &DetailsPanel::updateActions);
    connect(m_ui->contextTable, &QTableWidget::itemSelectionChanged, this, &DetailsPanel::updateActions);
    connect(m_displayName, &QLineEdit::textEdited, this, &DetailsPanel::updateActions);
    connect(m_ui->saveButton, &QPushButton::clicked, this, &DetailsPanel::save);
    connect(m_ui->revertButton, &QPushButton::clicked, this, &DetailsPanel::revert);
    connect(m_ui->copyUrlButton, &QPushButton::clicked, this, &DetailsPanel::copyUrl);
    connect(m_ui->openButton, &QPushButton::clicked, this, &DetailsPanel::openInBrowser);
    connect(m_loader, &ThumbnailLoader::ready, this, [this](const QString &key, const QImage &image) {
        if (key == m_previewKey)
            showPicture(image);
    });
    connect(m_loader, &ThumbnailLoader::failed, this, [this](const QString &key) {
        if (key == m_previewKey)
            m_ui->previewLabel->setText(tr("No preview"));
    });
    m_ui->tagList->installEventFilter(this);
    m_ui->contextTable->installEventFilter(this);
    m_ui->tagEdit->installEventFilter(this);

    // Structured metadata: its own section with its own Save, for one asset or several (bulk).
    auto *metadataGroup = new QGroupBox(tr("Structured metadata"), m_ui->scrollContents);
    metadataGroup->setObjectName(u"metadataGroup"_s);
    auto *metadataLayout = new QVBoxLayout(metadataGroup);
    m_metadata = new MetadataSection(m_env, m_assets, metadataGroup);
    metadataLayout->addWidget(m_metadata);
    m_metadataGroup = metadataGroup;
    m_ui->contentsLayout->insertWidget(m_ui->contentsLayout->indexOf(m_ui->detailsStack) + 1, metadataGroup);
    connect(m_metadata, &MetadataSection::assetsChanged, this, &DetailsPanel::assetsChanged);

    refreshOnlineState();
    showNothing();
}

DetailsPanel::~DetailsPanel() = default;

void DetailsPanel::buildFields()
{
    const std::pair<QString, QString> rows[] = {
        {u"public_id"_s, tr("Public ID")},
        {u"display_name"_s, tr("Display name")},
        {u"asset_folder"_s, tr("Folder")},
        {u"type"_s, tr("Type")},
        {u"resource_type"_s, tr("Resource type")},
        {u"format"_s, tr("Format")},
        {u"dimensions"_s, tr("Dimensions")},
        {u"duration"_s, tr("Duration")},
        {u"bytes"_s, tr("Size")},
        {u"created_at"_s, tr("Created")},
        {u"uploaded_at"_s, tr("Uploaded")},
        {u"version"_s, tr("Version")},
        {u"etag"_s, tr("ETag")},
        {u"asset_id"_s, tr("Asset ID")},
        {u"status"_s, tr("Status")},
    };
    for (const auto &[key, label] : rows) {
        auto *edit = new QLineEdit(m_ui->fieldsGroup);
        QStringList words = key.split(u'_'); // public_id → publicIdField
        for (qsizetype i = 1; i < words.size(); ++i)
            words[i][0] = words[i][0].toUpper();
        edit->setObjectName(words.join(QString()) + u"Field"_s);
        edit->setAccessibleName(label);
        makeReadOnly(edit);
        m_ui->fieldsLayout->addRow(label, edit);
        m_fields.insert(key, edit);
    }
    m_displayName = m_fields.value(u"display_name"_s);
}

bool DetailsPanel::eventFilter(QObject *watched, QEvent *event)
{
    // The catalogue's tags are counted when they are about to be needed, and again after a change.
    if (event->type() == QEvent::FocusIn && watched == m_ui->tagEdit && m_completionStale)
        refreshTagCompletion();
    if (event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        const bool remove = key == Qt::Key_Delete || key == Qt::Key_Backspace;
        // Backspace in an empty tag editor takes back the last tag, as chip editors do.
        if (key == Qt::Key_Backspace && watched == m_ui->tagEdit && m_ui->tagEdit->text().isEmpty()
            && m_ui->tagList->count() > 0 && m_ui->tagEdit->isEnabled()) {
            delete m_ui->tagList->takeItem(m_ui->tagList->count() - 1);
            updateActions();
            return true;
        }
        if (remove && watched == m_ui->tagList && m_ui->removeTagButton->isEnabled()) {
            removeSelectedTags();
            return true;
        }
        // (The cell editors are children of the table: their keys do not pass here.)
        if (remove && watched == m_ui->contextTable && m_ui->removeContextButton->isEnabled()) {
            removeSelectedContextRows();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void DetailsPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (!m_asset)
        return;
    elideTitle();
    // A much wider panel deserves a sharper picture.
    if (m_previewPixels.isValid()
        && m_ui->previewLabel->width() * devicePixelRatioF() > m_previewPixels.width() * 1.25)
        requestPreview();
}

void DetailsPanel::elideTitle()
{
    const QString name = m_asset ? m_asset->name(m_env.catalog->folderMode()) : QString();
    m_ui->titleLabel->setText(m_ui->titleLabel->fontMetrics().elidedText(
        name, Qt::ElideMiddle, std::max(40, m_ui->scrollContents->width() - 20)));
}

void DetailsPanel::setAssets(const QStringList &assetIds)
{
    stashDraft();
    m_assetIds = assetIds;
    m_asset.reset();
    m_previewKey.clear();
    m_previewPixels = {};
    showStatus({}, false);
    if (assetIds.isEmpty())
        showNothing();
    else if (assetIds.size() > 1)
        showSummary();
    else
        showAsset();
    m_metadata->setAssets(assetIds);
    m_metadataGroup->setVisible(!assetIds.isEmpty() && !m_metadata->editor()->fields().isEmpty());
    updateActions();
}

void DetailsPanel::reload()
{
    m_completionStale = true;
    setAssets(m_assetIds);
}

void DetailsPanel::refreshOnlineState()
{
    const QString reason = m_env.offlineReason ? m_env.offlineReason() : QString();
    m_ui->offlineLabel->setText(tr("Offline — edits are unavailable: %1").arg(reason));
    m_ui->offlineLabel->setVisible(!reason.isEmpty());
    if (m_metadata)
        m_metadata->refreshOnlineState();
    updateActions();
}

void DetailsPanel::showNothing()
{
    m_ui->previewLabel->clear();
    m_ui->previewLabel->hide();
    m_ui->titleLabel->clear();
    m_ui->subtitleLabel->clear();
    m_ui->detailsStack->setCurrentWidget(m_ui->emptyPage);
    m_ui->editBar->hide();
}

void DetailsPanel::showSummary()
{
    showNothing();
    qint64 bytes = 0;
    int known = 0;
    for (const QString &id : std::as_const(m_assetIds)) {
        if (const auto asset = m_env.catalog->asset(id); asset && asset.value()) {
            bytes += asset.value()->bytes;
            ++known;
        }
    }
    m_ui->titleLabel->setText(tr("%n assets selected", nullptr, int(m_assetIds.size())));
    m_ui->subtitleLabel->setText(tr("Total size: %1").arg(QLocale().formattedDataSize(bytes)));
    if (known < m_assetIds.size())
        m_ui->subtitleLabel->setText(
            m_ui->subtitleLabel->text() + u"\n"_s
            + tr("%n of them are not in the catalogue.", nullptr, int(m_assetIds.size() - known)));
}

void DetailsPanel::showAsset()
{
    const auto found = m_env.catalog->asset(m_assetIds.constFirst());
    if (!found || !found.value()) {
        showNothing();
        m_ui->titleLabel->setText(found ? tr("This asset is not in the catalogue.")
                                        : ErrorPresenter::text(found.error()));
        return;
    }
    m_asset = *found.value();
    m_ui->detailsStack->setCurrentWidget(m_ui->singlePage);
    m_ui->previewLabel->show();
    m_ui->editBar->show();
    fillFields(*m_asset);
    const auto draft = m_drafts.find(m_asset->assetId);
    if (draft != m_drafts.end()) {
        loadEditors(*draft);
        m_drafts.erase(draft);
        showStatus(tr("Unsaved changes from before."), false);
    } else {
        loadEditors(storedState());
    }
    requestPreview();
}

void DetailsPanel::fillFields(const CatalogAsset &asset)
{
    const QLocale locale;
    const core::FolderMode mode = m_env.catalog->folderMode();
    auto set = [this](const QString &key, const QString &text, const QString &toolTip = {}) {
        QLineEdit *edit = m_fields.value(key);
        edit->setText(text.isEmpty() ? kNone : text);
        edit->setToolTip(toolTip.isEmpty() ? text : toolTip);
        edit->setCursorPosition(0);
    };
    auto date = [&locale](const QDateTime &when) {
        return when.isValid() ? locale.toString(when.toLocalTime(), QLocale::ShortFormat) : QString();
    };
    set(u"public_id"_s, asset.publicId);
    set(u"asset_folder"_s, asset.folder(mode).isEmpty() ? tr("Home") : asset.folder(mode));
    set(u"type"_s, asset.type);
    set(u"resource_type"_s, asset.resourceType);
    set(u"format"_s, asset.format);
    set(u"dimensions"_s, asset.width > 0 ? tr("%1 × %2 px").arg(asset.width).arg(asset.height) : QString());
    set(u"duration"_s, asset.duration ? ThumbnailDelegate::durationText(*asset.duration) : QString(),
        asset.duration ? tr("%L1 seconds").arg(*asset.duration, 0, 'f', 2) : QString());
    set(u"bytes"_s, locale.formattedDataSize(asset.bytes), tr("%L1 bytes").arg(asset.bytes));
    set(u"created_at"_s, date(asset.createdAt), core::catalog::isoUtc(asset.createdAt));
    set(u"uploaded_at"_s, date(asset.uploadedAt), core::catalog::isoUtc(asset.uploadedAt));
    set(u"version"_s, asset.version > 0 ? QString::number(asset.version) : QString());
    set(u"etag"_s, asset.etag);
    set(u"asset_id"_s, asset.assetId);
    set(u"status"_s, asset.status);
    m_ui->fieldsLayout->setRowVisible(m_fields.value(u"dimensions"_s), asset.width > 0);
    m_ui->fieldsLayout->setRowVisible(m_fields.value(u"duration"_s), asset.duration.has_value());

    m_ui->titleLabel->setToolTip(asset.name(mode));
    QStringList summary {asset.format.toUpper(), locale.formattedDataSize(asset.bytes)};
    if (asset.width > 0)
        summary.insert(1, u"%1 × %2"_s.arg(asset.width).arg(asset.height));
    if (asset.duration)
        summary.insert(1, ThumbnailDelegate::durationText(*asset.duration));
    summary.removeAll(QString());
    m_ui->subtitleLabel->setText(summary.join(u" · "_s));
    elideTitle();
}

bool DetailsPanel::isDynamicMode() const
{
    return m_env.catalog->folderMode() == core::FolderMode::Dynamic;
}

void DetailsPanel::updateActions()
{
    if (m_loading)
        return;
    const bool editable = m_asset && m_env.isOnline() && !isSaving();
    const bool modified = isModified();
    for (QWidget *editor :
         {static_cast<QWidget *>(m_ui->tagEdit), static_cast<QWidget *>(m_ui->addTagButton),
          static_cast<QWidget *>(m_ui->contextTable), static_cast<QWidget *>(m_ui->addContextButton)})
        editor->setEnabled(editable);
    m_ui->removeTagButton->setEnabled(editable && !m_ui->tagList->selectedItems().isEmpty());
    m_ui->removeContextButton->setEnabled(editable && !m_ui->contextTable->selectedItems().isEmpty());
    const bool nameEditable = editable && isDynamicMode();
    m_displayName->setReadOnly(!nameEditable);
    m_displayName->setFrame(nameEditable);
    m_displayName->setPalette(nameEditable ? palette() : m_fields.value(u"public_id"_s)->palette());
    m_ui->saveButton->setEnabled(editable && modified);
    m_ui->saveButton->setDefault(editable && modified);
    m_ui->revertButton->setEnabled(!isSaving() && modified);
    m_ui->busyBar->setVisible(isSaving() && m_asset && m_asset->assetId == m_savingAssetId);
    if (m_ui->statusLabel->text().isEmpty() && modified)
        showStatus(tr("Unsaved changes."), false);
    else if (!modified && m_ui->statusLabel->text() == tr("Unsaved changes."))
        showStatus({}, false);
}

void DetailsPanel::showStatus(const QString &text, bool error)
{
    m_ui->statusLabel->setText(text);
    m_ui->statusLabel->setVisible(!text.isEmpty());
    QPalette palette = this->palette();
    if (error)
        palette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_ui->statusLabel->setPalette(palette);
    m_ui->statusLabel->setProperty("error", error);
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
