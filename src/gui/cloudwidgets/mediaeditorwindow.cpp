#include "mediaeditorwindow.h"

#include "snippets.h"
#include "widgethost.h"

#include "core/api/adminapi.h"
#include "core/api/apicall.h"
#include "core/api/uploadtypes.h"
#include "core/session/environmentsession.h"
#include "gui/errors/errorpresenter.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

Q_LOGGING_CATEGORY(lcMediaEditorWindow, "stratus.gui.mediaeditor")

MediaEditorWindow::MediaEditorWindow(web::WebProfiles *profiles, core::EnvironmentSession *session,
                                     QWidget *parent)
    : WidgetWindow(profiles, session, web::WidgetKind::MediaEditor, parent)
    , m_bridge(new web::MediaEditorBridge(this))
    , m_askNewAsset(&MediaEditorWindow::askNewAsset)
{
    setTitle(tr("Media Editor"));
    resize(1000, 760);

    m_result = new QWidget(this);
    m_result->setObjectName(u"exportResult"_s);
    m_transformation = new QLineEdit(m_result);
    m_transformation->setObjectName(u"exportTransformation"_s);
    m_transformation->setReadOnly(true);
    m_url = new QLineEdit(m_result);
    m_url->setObjectName(u"exportUrl"_s);
    m_url->setReadOnly(true);
    auto *copyUrlButton = new QPushButton(tr("Copy &URL"), m_result);
    copyUrlButton->setObjectName(u"copyUrlButton"_s);
    auto *copyTransformationButton = new QPushButton(tr("Copy &Transformation"), m_result);
    copyTransformationButton->setObjectName(u"copyTransformationButton"_s);
    m_studioButton = new QPushButton(tr("Open in Transformation &Studio"), m_result);
    m_studioButton->setObjectName(u"transformationStudioButton"_s);
    m_studioButton->hide(); // there is no studio yet: setTransformationStudio() shows it
    m_saveButton = new QPushButton(tr("&Save as New Asset…"), m_result);
    m_saveButton->setObjectName(u"saveAsNewAssetButton"_s);
    m_status = new QLabel(m_result);
    m_status->setObjectName(u"exportStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    // As the snippet panel of the previews: a heading, then each value with its Copy button beside it
    // (the buttons one width, in their column), then what can be done with the result.
    auto *heading = new QLabel(tr("Exported"), m_result);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    auto *transformationLabel = new QLabel(tr("Transformation:"), m_result);
    transformationLabel->setBuddy(m_transformation);
    auto *urlLabel = new QLabel(tr("URL:"), m_result);
    urlLabel->setBuddy(m_url);
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(6);
    grid->addWidget(transformationLabel, 0, 0, Qt::AlignRight | Qt::AlignVCenter);
    grid->addWidget(m_transformation, 0, 1);
    grid->addWidget(copyTransformationButton, 0, 2);
    grid->addWidget(urlLabel, 1, 0, Qt::AlignRight | Qt::AlignVCenter);
    grid->addWidget(m_url, 1, 1);
    grid->addWidget(copyUrlButton, 1, 2);
    grid->setColumnStretch(1, 1);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_status, 1);
    actions->addWidget(m_studioButton);
    actions->addWidget(m_saveButton);
    auto *line = new QFrame(m_result);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    auto *inner = new QVBoxLayout;
    inner->setContentsMargins(12, 8, 12, 10);
    inner->setSpacing(8);
    inner->addWidget(heading);
    inner->addLayout(grid);
    inner->addLayout(actions);
    auto *resultLayout = new QVBoxLayout(m_result);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    resultLayout->setSpacing(0);
    resultLayout->addWidget(line);
    resultLayout->addLayout(inner);
    m_result->hide();
    contentLayout()->addWidget(m_result);

    connect(copyUrlButton, &QPushButton::clicked, this, &MediaEditorWindow::copyUrl);
    connect(copyTransformationButton, &QPushButton::clicked, this, &MediaEditorWindow::copyTransformation);
    connect(m_saveButton, &QPushButton::clicked, this, &MediaEditorWindow::saveAsNewAsset);
    connect(m_studioButton, &QPushButton::clicked, this, [this] {
        if (m_studio && m_export)
            m_studio(*m_export);
    });
    connect(m_bridge, &web::MediaEditorBridge::exported, this, &MediaEditorWindow::showExport);
    connect(m_bridge, &web::MediaEditorBridge::closeRequested, this, &QDialog::hide);
}

MediaEditorWindow::~MediaEditorWindow() = default;

bool MediaEditorWindow::canEdit(const core::catalog::CatalogAsset &asset)
{
    // The editor delivers what it edits: a private or authenticated asset would need a signature in
    // the page.
    if (!asset.type.isEmpty() && asset.type != u"upload")
        return false;
    if (asset.resourceType == u"video")
        return true;
    static const QStringList documents {u"pdf"_s, u"ai"_s, u"eps"_s, u"psd"_s, u"svg"_s};
    return asset.resourceType == u"image" && !documents.contains(asset.format.toLower());
}

void MediaEditorWindow::setTransformationStudio(TransformationStudio studio)
{
    m_studio = std::move(studio);
    m_studioButton->setVisible(bool(m_studio));
}

void MediaEditorWindow::openFor(const core::catalog::CatalogAsset &asset)
{
    core::EnvironmentSession *env = session();
    if (env == nullptr || !canEdit(asset))
        return;
    present();
    if (asset.assetId == m_asset.assetId && asset.version == m_asset.version && pageUsable())
        return;
    m_asset = asset;
    m_export.reset();
    m_result->hide();
    m_status->clear();
    const bool video = asset.resourceType == u"video";
    setTitle(video ? tr("Trim %1").arg(asset.name(folderMode()))
                   : tr("Edit %1").arg(asset.name(folderMode())));
    const QJsonObject editor {
        {u"cloudName"_s, env->effectiveUrl().cloudName()},
        {u"mode"_s, u"inline"_s},
        {u"publicIds"_s,
         QJsonArray {QJsonObject {{u"publicId"_s, asset.publicId},
                                  {u"resourceType"_s, asset.resourceType},
                                  {u"type"_s, asset.type.isEmpty() ? u"upload"_s : asset.type}}}},
        {u"image"_s,
         QJsonObject {{u"steps"_s, QJsonArray {u"resizeAndCrop"_s, u"export"_s}},
                      {u"export"_s,
                       QJsonObject {{u"formats"_s, QJsonArray {u"auto"_s, u"jpg"_s, u"png"_s, u"webp"_s}},
                                    {u"download"_s, false},
                                    {u"share"_s, false}}}}},
        {u"video"_s, QJsonObject {{u"steps"_s, QJsonArray {u"trim"_s}}}},
    };
    const QJsonObject text {
        {u"failedTitle"_s, tr("The Media Editor could not start")},
        {u"exportTitle"_s, tr("Export not received")},
        {u"exportText"_s, tr("Stratus did not accept what the editor exported.")},
    };
    const QString page = snippets::hostPage(
        u"media-editor"_s,
        {{u"SCRIPT"_s,
          snippets::htmlEscaped(
              host()->sources().script(web::WidgetKind::MediaEditor).toString(QUrl::FullyEncoded))},
         {u"CONFIG"_s, web::jsonForScript(QJsonObject {{u"editor"_s, editor}, {u"text"_s, text}})}});
    host()->load(m_bridge, page);
}

void MediaEditorWindow::showExport(const web::MediaEditorExport &result)
{
    m_export = result;
    m_transformation->setText(result.transformation);
    m_url->setText(result.url.toString());
    m_url->setCursorPosition(0);
    m_status->clear();
    m_saveButton->setEnabled(!m_saving);
    m_result->show();
    Q_EMIT exported(result);
}

void MediaEditorWindow::copyUrl()
{
    if (m_export)
        QGuiApplication::clipboard()->setText(m_export->url.toString());
}

void MediaEditorWindow::copyTransformation()
{
    if (m_export)
        QGuiApplication::clipboard()->setText(m_export->transformation);
}

std::optional<std::pair<QString, QString>>
MediaEditorWindow::askNewAsset(QWidget *parent, const QString &folder, const QString &name)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(tr("Save as New Asset"));
    auto *folderEdit = new QLineEdit(folder, &dialog);
    folderEdit->setPlaceholderText(tr("Home"));
    auto *nameEdit = new QLineEdit(name, &dialog);
    auto *form = new QFormLayout(&dialog);
    form->addRow(
        new QLabel(tr("The edited picture becomes a new asset; the original stays as it is."), &dialog));
    form->addRow(tr("&Folder:"), folderEdit);
    form->addRow(tr("&Name:"), nameEdit);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, &dialog);
    form->addRow(box);
    connect(box, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(nameEdit, &QLineEdit::textChanged, box, [box](const QString &text) {
        box->button(QDialogButtonBox::Save)->setEnabled(!text.trimmed().isEmpty());
    });
    nameEdit->selectAll();
    nameEdit->setFocus();
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return std::pair {folderEdit->text().trimmed(), nameEdit->text().trimmed()};
}

void MediaEditorWindow::saveAsNewAsset()
{
    core::EnvironmentSession *env = session();
    if (!m_export || env == nullptr || m_saving)
        return;
    const core::FolderMode mode = folderMode();
    const auto answer = m_askNewAsset(this, m_asset.folder(mode), m_asset.name(mode) + u"_edited"_s);
    if (!answer || answer->second.isEmpty())
        return;
    upload(answer->first, answer->second);
}

void MediaEditorWindow::upload(const QString &folder, const QString &name)
{
    core::EnvironmentSession *env = session();
    const auto context = env->apiContext();
    if (!context) {
        m_status->setText(tr("Not saved: %1").arg(ErrorPresenter::text(context.error())));
        Q_EMIT saveFinished({}, m_status->text());
        return;
    }
    const QString cleanFolder = folder.split(u'/', Qt::SkipEmptyParts).join(u'/');
    QJsonObject params {{u"file"_s, m_export->url.toString(QUrl::FullyEncoded)}, {u"overwrite"_s, false}};
    if (folderMode() == core::FolderMode::Dynamic) {
        if (!cleanFolder.isEmpty())
            params.insert(u"asset_folder"_s, cleanFolder);
        params.insert(u"display_name"_s, name);
    } else {
        params.insert(u"public_id"_s, cleanFolder.isEmpty() ? name : cleanFolder + u'/' + name);
    }
    const QString resourceType = m_asset.resourceType == u"video" ? u"video"_s : u"image"_s;
    auto *call = new core::ApiCall<core::UploadResult>(
        context.value(),
        core::ApiRequest {
            "POST", {resourceType, u"upload"_s}, params, false, core::NetworkJob::Authentication::Signature},
        &core::UploadResult::fromJson, this);
    m_saving = true;
    m_saveButton->setEnabled(false);
    m_status->setText(tr("Saving %1…").arg(name));
    connect(call, &core::Job::finished, this, [this, call] {
        call->deleteLater();
        m_saving = false;
        m_saveButton->setEnabled(bool(m_export));
        const auto &result = call->result();
        if (!result) {
            m_status->setText(tr("Not saved: %1").arg(ErrorPresenter::text(result.error())));
            Q_EMIT saveFinished({}, m_status->text());
            return;
        }
        readBack(result->raw);
    });
    call->start();
}

void MediaEditorWindow::readBack(const QJsonObject &uploaded)
{
    core::EnvironmentSession *env = session();
    const QString publicId = uploaded.value(u"public_id"_s).toString();
    core::catalog::Catalog *catalog = env != nullptr ? env->catalog() : nullptr;
    // The Upload API's answer is the server's: written through as the uploads of the queue are.
    if (catalog != nullptr) {
        if (const auto written = catalog->upsertResources({uploaded}); !written)
            qCWarning(lcMediaEditorWindow)
                << "write-through to the catalogue failed:" << written.error().message;
    }
    const core::catalog::CatalogAsset saved = core::catalog::CatalogAsset::fromResourceJson(uploaded);
    const QString folder = saved.folder(folderMode());
    m_status->setText(folder.isEmpty() ? tr("Saved as %1 in Home").arg(saved.name(folderMode()))
                                       : tr("Saved as %1 in %2").arg(saved.name(folderMode()), folder));
    Q_EMIT assetsWritten({uploaded.value(u"asset_id"_s).toString()});
    Q_EMIT saveFinished(publicId, {});
}

} // namespace stratus::gui
