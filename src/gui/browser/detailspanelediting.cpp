// DetailsPanel's editing: tags (with completion), context rows, and saving what changed through the
// environment's AssetService. Showing an asset is in detailspanel.cpp.
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

void DetailsPanel::addTagsFromEdit()
{
    // Tags travel comma-separated, so a comma can only separate tags.
    const QStringList tags = m_ui->tagEdit->text().split(u',', Qt::SkipEmptyParts);
    for (const QString &tag : tags)
        addTag(tag.trimmed());
    m_ui->tagEdit->clear();
}

void DetailsPanel::addTag(const QString &tag)
{
    if (tag.isEmpty() || !m_asset)
        return;
    const QList<QListWidgetItem *> existing = m_ui->tagList->findItems(tag, Qt::MatchExactly);
    if (existing.isEmpty())
        m_ui->tagList->addItem(tag);
    m_ui->tagList->scrollToBottom();
    updateActions();
}

void DetailsPanel::removeSelectedTags()
{
    const int current = m_ui->tagList->currentRow();
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
    if (!m_asset || isSaving())
        return;
    loadEditors(storedState());
    showStatus({}, false);
    updateActions();
}

// Links and preview -----------------------------------------------------------------------------

} // namespace stratus::gui
