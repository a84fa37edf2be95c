// DetailsPanel's editing: the editors and drafts, tags (with completion), context rows, and saving what
// changed through the environment's AssetService. Showing an asset is in detailspanel.cpp.
#include "detailspanel.h"
#include "detailspanel_p.h"

#include "browserlogging.h"

#include "core/api/adminapi.h"
#include "core/assets/assetservice.h"
#include "core/catalog/catalog.h"
#include "words/errorwords.h"

#include "ui_detailspanel.h"

#include <QCompleter>
#include <QStringListModel>

namespace stratus::gui {

using namespace Qt::StringLiterals;
using core::catalog::CatalogAsset;

namespace {

// The most used tags offered for completion.
constexpr int kCompletionTags = 1000;

} // namespace

QMap<QString, QString> contextMap(const QJsonObject &context)
{
    QMap<QString, QString> map;
    for (auto it = context.begin(); it != context.end(); ++it)
        map.insert(it.key(), it.value().toVariant().toString());
    return map;
}

// The editors ----------------------------------------------------------------------------------

bool DetailsPanel::editTags()
{
    if ((!m_asset && m_selection.size() < 2) || !m_ui->tagEdit->isEnabled())
        return false;
    m_ui->scrollArea->ensureWidgetVisible(m_ui->tagsGroup);
    m_ui->tagEdit->setFocus(Qt::ShortcutFocusReason);
    return true;
}

bool DetailsPanel::isModified() const
{
    if (m_selection.size() > 1)
        return !m_bulk.isEmpty();
    return m_asset && editorState() != storedState();
}

QStringList DetailsPanel::unsavedAssetIds() const
{
    QStringList ids = m_drafts.keys();
    if (m_asset && isModified() && !ids.contains(m_asset->assetId))
        ids.append(m_asset->assetId);
    return ids;
}

void DetailsPanel::loadEditors(const Edits &edits)
{
    m_loading = true;
    m_ui->tagList->clear();
    for (const QString &tag : edits.tags) {
        auto *item = new QListWidgetItem(tag, m_ui->tagList);
        item->setData(kTagRole, tag);
    }
    m_ui->tagEdit->clear();
    m_ui->altEdit->setText(edits.context.value(altKey()));
    m_ui->captionEdit->setText(edits.context.value(captionKey()));
    for (QLineEdit *edit : {m_ui->altEdit, m_ui->captionEdit}) {
        edit->setPlaceholderText({});
        edit->setCursorPosition(0);
    }
    m_ui->contextTable->setRowCount(0);
    for (auto it = edits.context.begin(); it != edits.context.end(); ++it) {
        if (it.key() == altKey() || it.key() == captionKey())
            continue;
        const int row = m_ui->contextTable->rowCount();
        m_ui->contextTable->insertRow(row);
        m_ui->contextTable->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_ui->contextTable->setItem(row, 1, new QTableWidgetItem(it.value()));
    }
    if (isDynamicMode()) {
        m_displayName->setText(edits.displayName);
        m_displayName->setToolTip(tr("The name shown in the Media Library; it does not change the URL."));
    } else if (m_asset) {
        m_displayName->setText(m_asset->name(core::FolderMode::Fixed));
        m_displayName->setToolTip(tr("In fixed folder mode an asset's name is the last part of its public "
                                     "ID; renaming it changes the public ID and its URLs."));
    }
    m_displayName->setCursorPosition(0);
    m_loading = false;
}

DetailsPanel::Edits DetailsPanel::editorState() const
{
    Edits edits;
    for (int row = 0; row < m_ui->tagList->count(); ++row)
        edits.tags.append(m_ui->tagList->item(row)->data(kTagRole).toString());
    for (int row = 0; row < m_ui->contextTable->rowCount(); ++row) {
        const QTableWidgetItem *key = m_ui->contextTable->item(row, 0);
        const QTableWidgetItem *value = m_ui->contextTable->item(row, 1);
        if (key && !key->text().trimmed().isEmpty())
            edits.context.insert(key->text().trimmed(), value ? value->text() : QString());
    }
    // An empty alt text or caption is none.
    if (const QString alt = m_ui->altEdit->text(); !alt.isEmpty())
        edits.context.insert(altKey(), alt);
    if (const QString caption = m_ui->captionEdit->text(); !caption.isEmpty())
        edits.context.insert(captionKey(), caption);
    edits.displayName = isDynamicMode() ? m_displayName->text() : storedState().displayName;
    return edits;
}

DetailsPanel::Edits DetailsPanel::storedState() const
{
    if (!m_asset)
        return {};
    QMap<QString, QString> context = contextMap(m_asset->context);
    for (const QString &key : {altKey(), captionKey()}) {
        if (context.value(key).isEmpty())
            context.remove(key);
    }
    return {m_asset->tags, context, m_asset->displayName};
}

void DetailsPanel::stashDraft()
{
    if (m_asset && m_asset->assetId != m_savingAssetId && isModified())
        m_drafts.insert(m_asset->assetId, editorState());
    if (m_selection.size() > 1 && !m_bulkRun && !m_bulk.isEmpty())
        m_bulkDrafts.insert(selectionKey(), m_bulk);
}

// Tags ------------------------------------------------------------------------------------------

void DetailsPanel::addTagsFromEdit()
{
    // Tags travel comma-separated, so a comma can only separate tags.
    const QStringList tags = m_ui->tagEdit->text().split(u',', Qt::SkipEmptyParts);
    for (const QString &tag : tags) {
        if (m_selection.size() > 1)
            addBulkTag(tag.trimmed());
        else
            addTag(tag.trimmed());
    }
    m_ui->tagEdit->clear();
}

void DetailsPanel::addTag(const QString &tag)
{
    if (tag.isEmpty() || !m_asset)
        return;
    const QList<QListWidgetItem *> existing = m_ui->tagList->findItems(tag, Qt::MatchExactly);
    if (existing.isEmpty()) {
        auto *item = new QListWidgetItem(tag, m_ui->tagList);
        item->setData(kTagRole, tag);
    }
    updateActions();
}

void DetailsPanel::removeSelectedTags()
{
    const int current = m_ui->tagList->currentRow();
    if (m_selection.size() > 1)
        removeBulkTags(m_ui->tagList->selectedItems());
    else
        qDeleteAll(m_ui->tagList->selectedItems());
    // The keyboard stays where it was, on the next tag.
    if (m_ui->tagList->count() > 0) {
        const int row = std::clamp(current, 0, m_ui->tagList->count() - 1);
        m_ui->tagList->setCurrentRow(row, QItemSelectionModel::ClearAndSelect);
    }
    updateActions();
}

void DetailsPanel::refreshTagCompletion()
{
    const auto facets = m_env.catalog->facets(core::catalog::CatalogQuery {}, kCompletionTags);
    if (!facets)
        return;
    QStringList tags;
    for (const auto &tag : facets->tags)
        tags.append(tag.value);
    m_completionTags->setStringList(tags);
    m_completionStale = false;
}

// Context ---------------------------------------------------------------------------------------

void DetailsPanel::addContextRow()
{
    QTableWidget *table = m_ui->contextTable;
    const int row = table->rowCount();
    table->insertRow(row);
    table->setItem(row, 0, new QTableWidgetItem());
    table->setItem(row, 1, new QTableWidgetItem());
    updateActions(); // shows the table if it was empty
    table->setCurrentCell(row, 0);
    table->setFocus();
    table->editItem(table->item(row, 0));
}

void DetailsPanel::removeSelectedContextRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_ui->contextTable->selectionModel()->selectedIndexes())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (int row : std::as_const(rows))
        m_ui->contextTable->removeRow(row);
    updateActions();
}

// Saving ----------------------------------------------------------------------------------------

void DetailsPanel::save()
{
    if (m_selection.size() > 1) {
        applyBulk();
        return;
    }
    if (!m_asset || isSaving() || !m_env.isOnline())
        return;
    const Edits now = editorState();
    const Edits before = storedState();
    if (now == before)
        return;
    core::ResourceUpdate update;
    if (now.tags != before.tags)
        update.tags = now.tags;
    if (now.context != before.context)
        update.context = now.context;
    if (isDynamicMode() && now.displayName != before.displayName)
        update.displayName = now.displayName;

    const QString assetId = m_asset->assetId;
    core::assets::AssetJob *job = m_assets->update(*m_asset, update);
    m_savingAssetId = assetId;
    m_savingEdits = now;
    connect(job, &core::Job::finished, this, [this, assetId, job] { finishSave(assetId, job); });
    showStatus(tr("Saving…"), false);
    updateActions();
}

void DetailsPanel::finishSave(const QString &assetId, const core::assets::AssetJob *job)
{
    m_savingAssetId.clear();
    const bool shown = m_asset && m_asset->assetId == assetId;
    if (job->error()) {
        const QString error = words::ErrorWords::text(*job->error());
        qCInfo(lcBrowser) << "saving" << assetId << "failed:" << job->error()->message;
        if (shown)
            showStatus(error, true);
        else
            m_drafts.insert(assetId, m_savingEdits); // kept to try again when it is shown
        updateActions();
        Q_EMIT saveFinished(assetId, error);
        return;
    }
    m_drafts.remove(assetId);
    m_completionStale = true;
    if (shown) {
        if (const auto fresh = m_env.catalog->asset(assetId); fresh && fresh.value())
            m_asset = *fresh.value();
        fillFields(*m_asset);
        loadEditors(storedState());
        showStatus(tr("Saved."), false);
    }
    updateActions();
    Q_EMIT assetsChanged({assetId});
    Q_EMIT saveFinished(assetId, {});
}

void DetailsPanel::revert()
{
    if (m_selection.size() > 1 && !isSaving()) {
        m_bulk = {};
        loadBulkEditors();
        showStatus({}, false);
        updateActions();
        return;
    }
    if (!m_asset || isSaving())
        return;
    loadEditors(storedState());
    showStatus({}, false);
    updateActions();
}

} // namespace stratus::gui
