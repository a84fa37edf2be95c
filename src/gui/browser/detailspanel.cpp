// DetailsPanel: what it shows of one asset or of several, and the layout of its sections. Editing is in
// detailspanelediting.cpp, several assets in detailspanelbulk.cpp, links and pictures in
// detailspanellinks.cpp.
#include "detailspanel.h"

#include "detailspanel_p.h"

#include "thumbnaildelegate.h"
#include "thumbnailloader.h"

#include "core/assets/assetservice.h"
#include "core/catalog/catalog.h"
#include "gui/errors/errorpresenter.h"
#include "gui/metadata/metadataeditor.h"
#include "gui/metadata/metadatasection.h"

#include "gui/theme/palettes.h"
#include "gui/theme/palettestylesheet.h"

#include "ui_detailspanel.h"

#include <QCompleter>
#include <QKeyEvent>
#include <QLocale>
#include <QScrollBar>
#include <QStringListModel>
#include <QTimer>

namespace stratus::gui {

using namespace Qt::StringLiterals;
using core::catalog::CatalogAsset;

namespace {

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

/// What an asset is, in words: "JPG image", "MP4 video", "PDF file".
QString kindText(const CatalogAsset &asset)
{
    const QString format = asset.format.toUpper();
    if (asset.resourceType == u"image")
        return format.isEmpty() ? DetailsPanel::tr("Image") : DetailsPanel::tr("%1 image").arg(format);
    static const QStringList audio {u"mp3"_s, u"wav"_s, u"ogg"_s, u"m4a"_s, u"flac"_s, u"aac"_s, u"opus"_s};
    if (asset.resourceType == u"video" && audio.contains(asset.format))
        return DetailsPanel::tr("%1 audio").arg(format);
    if (asset.resourceType == u"video")
        return format.isEmpty() ? DetailsPanel::tr("Video") : DetailsPanel::tr("%1 video").arg(format);
    const QString suffix = asset.publicId.section(u'/', -1).section(u'.', 1).toUpper();
    return suffix.isEmpty() ? DetailsPanel::tr("File") : DetailsPanel::tr("%1 file").arg(suffix);
}

} // namespace

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
    m_displayName = m_ui->displayNameField;
    buildFields();
    styleHeadings();

    m_ui->offlineLabel->setAutoFillBackground(true);
    m_ui->offlineLabel->setBackgroundRole(QPalette::ToolTipBase);
    m_ui->offlineLabel->setForegroundRole(QPalette::ToolTipText);
    QFont title = m_ui->titleLabel->font();
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() * 1.15);
    m_ui->titleLabel->setFont(title);
    m_displayName->setFont(title);
    for (QLabel *muted : {m_ui->subtitleLabel, m_ui->emptyLabel, m_ui->followNoteLabel})
        muted->setForegroundRole(QPalette::PlaceholderText);
    m_ui->previewLabel->setFixedHeight(kPreviewHeight);
    m_ui->metadataGroup->hide();
    m_ui->technicalWidget->hide();

    m_completer->setModel(m_completionTags);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_ui->tagEdit->setCompleter(m_completer);
    // Chips: each tag a rounded box that wraps along the panel.
    setPaletteStyleSheet(
        m_ui->tagList,
        u"QListWidget { background: transparent; border: none; }"
        " QListWidget::item { color: palette(text); border: 1px solid palette(mid); border-radius: 9px;"
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
    // In a multi-selection a value typed is set on all; one left untouched stays as each has it.
    for (QLineEdit *edit : {m_ui->altEdit, m_ui->captionEdit}) {
        connect(edit, &QLineEdit::textEdited, this, [this, edit](const QString &text) {
            bulkTextEdited(edit, text);
            updateActions();
        });
    }
    connect(m_ui->technicalToggle, &QToolButton::toggled, this, [this](bool open) {
        m_ui->technicalToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        m_ui->technicalWidget->setVisible(open && m_asset);
        if (open && m_asset)
            QTimer::singleShot(0, this,
                               [this] { m_ui->scrollArea->ensureWidgetVisible(m_ui->technicalWidget); });
        Q_EMIT technicalExpandedChanged(open);
    });
    connect(m_ui->saveButton, &QPushButton::clicked, this, &DetailsPanel::save);
    connect(m_ui->revertButton, &QPushButton::clicked, this, &DetailsPanel::revert);
    connect(m_ui->copyUrlButton, &QPushButton::clicked, this, &DetailsPanel::copyUrl);
    connect(m_ui->openButton, &QPushButton::clicked, this, &DetailsPanel::openInBrowser);
    // What the link controls say when they are not off for an asset that cannot be linked.
    for (QWidget *widget :
         std::initializer_list<QWidget *> {m_ui->copyUrlButton, m_ui->openButton, m_ui->transformationCombo})
        widget->setProperty("defaultToolTip", widget->toolTip());
    connect(m_loader, &ThumbnailLoader::ready, this, [this](const QString &key, const QImage &image) {
        if (key == m_previewKey)
            showPicture(image);
        else if (QLabel *thumb = m_stripKeys.value(key))
            thumb->setPixmap(fittedPixmap(image, thumb->size(), devicePixelRatioF()));
    });
    connect(m_loader, &ThumbnailLoader::failed, this, [this](const QString &key) {
        if (key == m_previewKey)
            m_ui->previewLabel->setText(tr("No preview"));
    });
    m_ui->tagList->installEventFilter(this);
    m_ui->contextTable->installEventFilter(this);
    m_ui->tagEdit->installEventFilter(this);

    // Structured metadata: its own section with its own Save, for one asset or several (bulk).
    m_metadata = new MetadataSection(m_env, m_assets, this);
    connect(m_metadata, &MetadataSection::assetsChanged, this, &DetailsPanel::assetsChanged);
    setMetadataSection(m_metadata);

    refreshOnlineState();
    showNothing();
}

DetailsPanel::~DetailsPanel() = default;

void DetailsPanel::addField(QFormLayout *form, const QString &key, const QString &label)
{
    auto *edit = new QLineEdit(form->parentWidget());
    QStringList words = key.split(u'_'); // public_id → publicIdField
    for (qsizetype i = 1; i < words.size(); ++i)
        words[i][0] = words[i][0].toUpper();
    edit->setObjectName(words.join(QString()) + u"Field"_s);
    edit->setAccessibleName(label);
    makeReadOnly(edit);
    form->addRow(label, edit);
    // Labels are the quiet part of a row, the value is what is read.
    if (auto *caption = qobject_cast<QLabel *>(form->labelForField(edit)))
        caption->setForegroundRole(QPalette::PlaceholderText);
    m_fields.insert(key, edit);
}

void DetailsPanel::buildFields()
{
    // What people look at first, in the order they read it.
    addField(m_ui->fieldsLayout, u"dimensions"_s, tr("Dimensions"));
    addField(m_ui->fieldsLayout, u"duration"_s, tr("Duration"));
    addField(m_ui->fieldsLayout, u"bytes"_s, tr("Size"));
    addField(m_ui->fieldsLayout, u"kind"_s, tr("Type"));
    addField(m_ui->fieldsLayout, u"created_at"_s, tr("Created"));
    addField(m_ui->fieldsLayout, u"asset_folder"_s, tr("Folder"));
    // What developers look for, folded away.
    addField(m_ui->technicalLayout, u"public_id"_s, tr("Public ID"));
    addField(m_ui->technicalLayout, u"asset_id"_s, tr("Asset ID"));
    addField(m_ui->technicalLayout, u"version"_s, tr("Version"));
    addField(m_ui->technicalLayout, u"etag"_s, tr("ETag"));
    addField(m_ui->technicalLayout, u"resource_type"_s, tr("Resource type"));
    addField(m_ui->technicalLayout, u"type"_s, tr("Delivery type"));
    addField(m_ui->technicalLayout, u"format"_s, tr("Format"));
    addField(m_ui->technicalLayout, u"uploaded_at"_s, tr("Uploaded"));
    addField(m_ui->technicalLayout, u"status"_s, tr("Status"));
    addField(m_ui->technicalLayout, u"url"_s, tr("URL"));
    for (QLabel *caption : {m_ui->altLabel, m_ui->captionLabel})
        caption->setForegroundRole(QPalette::PlaceholderText);
    // One column of labels down the page, whichever section a row is in.
    QList<QLabel *> labels;
    for (QFormLayout *form : {m_ui->fieldsLayout, m_ui->descriptionLayout, m_ui->technicalLayout}) {
        for (int row = 0; row < form->rowCount(); ++row) {
            if (auto *label = qobject_cast<QLabel *>(form->itemAt(row, QFormLayout::LabelRole)
                                                         ? form->itemAt(row, QFormLayout::LabelRole)->widget()
                                                         : nullptr))
                labels.append(label);
        }
    }
    int width = 0;
    for (const QLabel *label : std::as_const(labels))
        width = std::max(width, label->sizeHint().width());
    for (QLabel *label : std::as_const(labels))
        label->setMinimumWidth(width);
}

void DetailsPanel::styleHeadings()
{
    for (QWidget *heading :
         std::initializer_list<QWidget *> {m_ui->tagsHeading, m_ui->metadataHeading, m_ui->contextHeading,
                                           m_ui->shareHeading, m_ui->technicalToggle}) {
        QFont font = heading->font();
        font.setBold(true);
        heading->setFont(font);
    }
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
            if (m_selection.size() > 1)
                removeBulkTags({m_ui->tagList->item(m_ui->tagList->count() - 1)});
            else
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
    if (m_selection.size() > 1)
        layoutStrip();
    if (!m_asset)
        return;
    // A much wider panel deserves a sharper picture.
    if (m_previewPixels.isValid()
        && m_ui->previewLabel->width() * devicePixelRatioF() > m_previewPixels.width() * 1.25)
        requestPreview();
}

void DetailsPanel::setAssets(const QStringList &assetIds)
{
    const bool other = assetIds != m_assetIds;
    stashDraft();
    m_assetIds = assetIds;
    m_asset.reset();
    m_selection.clear();
    m_bulk = {};
    m_previewKey.clear();
    m_previewPixels = {};
    m_stripKeys.clear();
    // A reload of the same assets keeps what the last save said.
    if (other) {
        showStatus({}, false);
        m_ui->followNoteLabel->hide();
        m_ui->previewLabel->clear(); // not another asset's picture while this one's loads
    }
    if (m_metadata)
        m_metadata->setAssets(assetIds); // before the sections: whether it shows depends on its fields
    if (assetIds.isEmpty())
        showNothing();
    else if (assetIds.size() > 1)
        showSummary();
    else
        showAsset();
    updateActions();
    if (other) {
        // Other assets are read from their beginning, not from where the last ones were left.
        m_ui->scrollArea->verticalScrollBar()->setValue(0);
        Q_EMIT shownAssetsChanged(m_assetIds);
    }
}

void DetailsPanel::followAssets(const QStringList &assetIds)
{
    QStringList kept;
    for (const QString &id : assetIds) {
        if (const auto asset = m_env.catalog->asset(id); asset && asset.value())
            kept.append(id);
    }
    setAssets(kept);
    if (kept.isEmpty())
        return;
    QString note = tr("No longer in the list shown.");
    if (m_asset) {
        const QString folder = m_asset->folder(m_env.catalog->folderMode());
        note = tr("No longer in the list shown: now in “%1”.").arg(folder.isEmpty() ? tr("Home") : folder);
    }
    m_ui->followNoteLabel->setText(note);
    m_ui->followNoteLabel->show();
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

void DetailsPanel::setMetadataSection(QWidget *editor)
{
    if (m_metadataEditor == editor)
        return;
    delete m_metadataEditor.data();
    m_metadataEditor = editor;
    if (editor)
        m_ui->metadataLayout->addWidget(editor);
    m_ui->metadataGroup->setVisible(editor && (m_asset || m_selection.size() > 1) && hasMetadataFields());
}

bool DetailsPanel::hasMetadataFields() const
{
    // Another section than Stratus's own editor shows whenever it is there; the editor only when the
    // environment has metadata fields.
    if (!m_metadataEditor)
        return false;
    const MetadataSection *own = m_metadata.data();
    if (own == nullptr || m_metadataEditor.data() != own)
        return true;
    return !own->editor()->fields().isEmpty();
}

bool DetailsPanel::isTechnicalExpanded() const
{
    return m_ui->technicalToggle->isChecked();
}

void DetailsPanel::setTechnicalExpanded(bool expanded)
{
    m_ui->technicalToggle->setChecked(expanded);
}

void DetailsPanel::setSections(bool single, bool several)
{
    const bool any = single || several;
    m_ui->previewLabel->setVisible(single);
    m_ui->displayNameField->setVisible(single);
    m_ui->stripWidget->setVisible(several);
    m_ui->titleLabel->setVisible(several);
    m_ui->subtitleLabel->setVisible(several);
    m_ui->emptyLabel->setVisible(!any);
    m_ui->infoWidget->setVisible(single);
    m_ui->tagsGroup->setVisible(any);
    m_ui->descriptionGroup->setVisible(any);
    m_ui->metadataGroup->setVisible(any && m_metadataEditor && hasMetadataFields());
    m_ui->contextGroup->setVisible(single);
    m_ui->shareGroup->setVisible(single);
    m_ui->technicalToggle->setVisible(single);
    m_ui->technicalWidget->setVisible(single && m_ui->technicalToggle->isChecked());
    m_ui->editBar->setVisible(any);
    if (!single)
        m_ui->signedUrlLimitLabel->hide();
}

void DetailsPanel::showNothing()
{
    m_ui->previewLabel->clear();
    m_ui->titleLabel->clear();
    m_ui->subtitleLabel->clear();
    m_ui->emptyLabel->setText(tr("Select an asset to see its details."));
    setSections(false, false);
}

void DetailsPanel::showAsset()
{
    const auto found = m_env.catalog->asset(m_assetIds.constFirst());
    if (!found || !found.value()) {
        showNothing();
        m_ui->emptyLabel->setText(found ? tr("This asset is not in the catalogue.")
                                        : ErrorPresenter::text(found.error()));
        return;
    }
    m_asset = *found.value();
    setSections(true, false);
    fillFields(*m_asset);
    showLinkLimits();
    const auto draft = m_drafts.find(m_asset->assetId);
    if (draft != m_drafts.end()) {
        loadEditors(*draft);
        m_drafts.erase(draft);
        if (m_ui->statusLabel->text().isEmpty())
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
        edit->setText(text.isEmpty() ? noValue() : text);
        edit->setToolTip(toolTip.isEmpty() ? text : toolTip);
        edit->setCursorPosition(0);
    };
    auto date = [&locale](const QDateTime &when) {
        return when.isValid() ? locale.toString(when.toLocalTime(), QLocale::ShortFormat) : QString();
    };
    set(u"dimensions"_s, asset.width > 0 ? tr("%1 × %2 px").arg(asset.width).arg(asset.height) : QString());
    set(u"duration"_s, asset.duration ? ThumbnailDelegate::durationText(*asset.duration) : QString(),
        asset.duration ? tr("%L1 seconds").arg(*asset.duration, 0, 'f', 2) : QString());
    set(u"bytes"_s, locale.formattedDataSize(asset.bytes), tr("%L1 bytes").arg(asset.bytes));
    set(u"kind"_s, kindText(asset));
    set(u"created_at"_s, date(asset.createdAt), core::catalog::isoUtc(asset.createdAt));
    set(u"asset_folder"_s, asset.folder(mode).isEmpty() ? tr("Home") : asset.folder(mode));
    set(u"public_id"_s, asset.publicId);
    set(u"asset_id"_s, asset.assetId);
    set(u"version"_s, asset.version > 0 ? QString::number(asset.version) : QString());
    set(u"etag"_s, asset.etag);
    set(u"resource_type"_s, asset.resourceType);
    set(u"type"_s, asset.type);
    set(u"format"_s, asset.format);
    set(u"uploaded_at"_s, date(asset.uploadedAt), core::catalog::isoUtc(asset.uploadedAt));
    set(u"status"_s, asset.status);
    m_ui->fieldsLayout->setRowVisible(m_fields.value(u"dimensions"_s), asset.width > 0);
    m_ui->fieldsLayout->setRowVisible(m_fields.value(u"duration"_s), asset.duration.has_value());
    showUrlField();
}

bool DetailsPanel::isDynamicMode() const
{
    return m_env.catalog->folderMode() == core::FolderMode::Dynamic;
}

void DetailsPanel::updateActions()
{
    if (m_loading)
        return;
    const bool several = m_selection.size() > 1;
    const bool editable = (m_asset || several) && m_env.isOnline() && !isSaving();
    const bool modified = isModified();
    for (QWidget *editor :
         std::initializer_list<QWidget *> {m_ui->tagEdit, m_ui->addTagButton, m_ui->altEdit,
                                           m_ui->captionEdit, m_ui->contextTable, m_ui->addContextButton})
        editor->setEnabled(editable);
    m_ui->tagList->setVisible((m_asset || several) && m_ui->tagList->count() > 0);
    m_ui->removeTagButton->setEnabled(editable && !m_ui->tagList->selectedItems().isEmpty());
    m_ui->removeContextButton->setEnabled(editable && !m_ui->contextTable->selectedItems().isEmpty());
    // An empty table is only a header: the Add button says enough.
    m_ui->contextTable->setVisible(m_asset && m_ui->contextTable->rowCount() > 0);
    m_ui->removeContextButton->setVisible(m_ui->contextTable->rowCount() > 0);
    const bool nameEditable = editable && m_asset && isDynamicMode();
    m_displayName->setReadOnly(!nameEditable);
    m_displayName->setFrame(nameEditable);
    QPalette namePalette = palette();
    if (!nameEditable)
        namePalette.setColor(QPalette::Base, Qt::transparent);
    m_displayName->setPalette(namePalette);
    m_ui->saveButton->setText(several ? tr("Apply to %n Assets", nullptr, int(m_selection.size()))
                                      : tr("Save"));
    m_ui->saveButton->setEnabled(editable && modified);
    m_ui->saveButton->setDefault(editable && modified);
    m_ui->revertButton->setEnabled(!isSaving() && modified);
    m_ui->busyBar->setVisible(m_bulkRun ? several
                                        : isSaving() && m_asset && m_asset->assetId == m_savingAssetId);
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
        palette.setColor(QPalette::WindowText, palettes::errorText(palette)); // readable light or dark
    m_ui->statusLabel->setPalette(palette);
    m_ui->statusLabel->setProperty("error", error);
}

} // namespace stratus::gui
