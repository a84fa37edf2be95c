#include "metadatasection.h"

#include "metadataeditor.h"

#include "core/assets/assetjob.h"
#include "core/assets/assetservice.h"
#include "core/catalog/catalog.h"
#include "words/errorwords.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLoggingCategory>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

Q_LOGGING_CATEGORY(lcMetadata, "stratus.gui.metadata")

MetadataSection::MetadataSection(const BrowserEnvironment &env, core::assets::AssetService *assets,
                                 QWidget *parent)
    : QWidget(parent)
    , m_env(env)
    , m_assets(assets)
    , m_editor(new MetadataEditor(this))
    , m_status(new QLabel(this))
    , m_save(new QPushButton(tr("Save Metadata"), this))
    , m_revert(new QPushButton(tr("Revert"), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor);
    m_status->setWordWrap(true);
    m_status->hide();
    layout->addWidget(m_status);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    layout->addLayout(buttons);
    m_save->setObjectName(u"saveMetadata"_s);
    m_revert->setObjectName(u"revertMetadata"_s);
    connect(m_editor, &MetadataEditor::edited, this, [this] {
        m_status->hide();
        updateActions();
    });
    connect(m_save, &QPushButton::clicked, this, &MetadataSection::save);
    connect(m_revert, &QPushButton::clicked, this, &MetadataSection::revert);
    reload();
}

MetadataSection::~MetadataSection() = default;

void MetadataSection::setAssets(const QStringList &assetIds)
{
    m_assetIds = assetIds;
    m_status->hide();
    reload();
}

void MetadataSection::reload()
{
    if (!m_env.catalog)
        return;
    auto fields = m_env.catalog->metadataFields();
    if (!fields)
        qCWarning(lcMetadata) << "metadata fields not read:" << fields.error().message;
    const QList<core::MetadataField> definitions = fields ? *fields : QList<core::MetadataField>();
    // Rebuilt only when the definitions changed, so focus and scrolling stay.
    bool same = definitions.size() == m_editor->fields().size();
    for (qsizetype i = 0; same && i < definitions.size(); ++i)
        same = definitions.at(i).raw == m_editor->fields().at(i).raw;
    if (!same)
        m_editor->setFields(definitions);
    QList<QJsonObject> values;
    for (const QString &id : std::as_const(m_assetIds)) {
        if (auto asset = m_env.catalog->asset(id); asset && asset.value())
            values.append(asset.value()->metadata);
    }
    m_editor->setValues(values);
    m_editor->setEnabled(!values.isEmpty());
    updateActions();
}

void MetadataSection::updateActions()
{
    const bool modified = m_editor->isModified();
    m_save->setEnabled(modified && !isSaving() && m_editor->invalidFields().isEmpty() && m_env.isOnline());
    m_revert->setEnabled(modified && !isSaving());
    m_save->setVisible(!m_editor->fields().isEmpty());
    m_revert->setVisible(!m_editor->fields().isEmpty());
    m_save->setToolTip(m_env.isOnline() ? QString() : m_env.offlineReason());
}

void MetadataSection::showStatus(const QString &text, bool error)
{
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, error ? QColor(0xc0, 0x1c, 0x28) : palette.color(QPalette::Text));
    m_status->setPalette(palette);
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void MetadataSection::revert()
{
    m_status->hide();
    reload();
}

void MetadataSection::save()
{
    if (isSaving() || !m_editor->isModified() || !m_env.catalog)
        return;
    if (!m_editor->invalidFields().isEmpty() || !m_editor->changes()) {
        showStatus(tr("Correct the values marked in red first."), true);
        return;
    }
    QList<core::catalog::CatalogAsset> assets;
    for (const QString &id : std::as_const(m_assetIds)) {
        if (auto asset = m_env.catalog->asset(id); asset && asset.value())
            assets.append(*asset.value());
    }
    m_saved.clear();
    m_errors.clear();
    for (const core::catalog::CatalogAsset &asset : std::as_const(assets)) {
        const auto changes = m_editor->changes(asset.metadata);
        if (!changes || changes->isEmpty())
            continue;
        core::ResourceUpdate update;
        update.metadata = *changes;
        core::assets::AssetJob *job = m_assets->update(asset, update);
        ++m_pending;
        const QString assetId = asset.assetId;
        connect(job, &core::Job::finished, this, [this, job, assetId] {
            --m_pending;
            if (job->error()) {
                qCInfo(lcMetadata) << "saving the metadata of" << assetId
                                   << "failed:" << job->error()->message;
                m_errors.append(words::ErrorWords::text(*job->error()));
            } else {
                m_saved.append(assetId);
            }
            if (m_pending > 0)
                return;
            const QStringList saved = m_saved;
            const QString error = m_errors.isEmpty() ? QString() : m_errors.first();
            reload();
            if (error.isEmpty())
                showStatus(tr("Saved."), false);
            else if (m_errors.size() > 1)
                showStatus(tr("%n assets could not be saved: %1", nullptr, int(m_errors.size())).arg(error),
                           true);
            else
                showStatus(error, true);
            if (!saved.isEmpty())
                Q_EMIT assetsChanged(saved);
            Q_EMIT saveFinished(error);
        });
    }
    if (m_pending > 0)
        showStatus(tr("Saving…"), false);
    updateActions();
}

} // namespace stratus::gui
