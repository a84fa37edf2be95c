// DetailsPanel with several assets: the summary (count, total size, types, a strip of thumbnails)
// and the bulk editors (tags, alt text, caption), applied as one AssetService::update per asset that
// changes. One asset is in detailspanel.cpp, its editing in detailspanelediting.cpp.
#include "detailspanel.h"
#include "detailspanel_p.h"

#include "browserlogging.h"
#include "signedurllimits.h"
#include "thumbnailloader.h"

#include "core/assets/assetservice.h"
#include "core/catalog/catalog.h"
#include "core/delivery/thumbnailurls.h"
#include "words/errorwords.h"

#include "ui_detailspanel.h"

#include <QLocale>
#include <QScrollBar>
#include <QStyle>

namespace stratus::gui {

using namespace Qt::StringLiterals;
using core::catalog::CatalogAsset;

namespace {

// Updates sent at once: quick enough for a few dozen assets, gentle on the rate limit and the server.
constexpr int kBulkParallel = 3;
// The edge of a thumbnail of the strip, in logical pixels.
constexpr int kStripEdge = 40;
constexpr int kStripSpacing = 4;

const char *const kMixedProperty = "mixed";

} // namespace

QString DetailsPanel::selectionKey() const
{
    QStringList ids = m_assetIds;
    ids.sort();
    return ids.join(u'\n');
}

void DetailsPanel::showSummary()
{
    qint64 bytes = 0;
    QMap<QString, int> formats; // "JPG" → how many
    for (const QString &id : std::as_const(m_assetIds)) {
        const auto asset = m_env.catalog->asset(id);
        if (!asset || !asset.value())
            continue;
        const CatalogAsset &found = *asset.value();
        m_selection.append(found);
        bytes += found.bytes;
        ++formats[found.format.isEmpty() ? found.resourceType.toUpper() : found.format.toUpper()];
    }
    if (m_selection.size() < 2) {
        // Only one of them (or none) is still there: show that as a selection of one.
        m_assetIds = m_selection.isEmpty() ? QStringList() : QStringList {m_selection.constFirst().assetId};
        m_selection.clear();
        if (m_assetIds.isEmpty())
            showNothing();
        else
            showAsset();
        return;
    }
    setSections(false, true);
    const int count = int(m_selection.size());
    m_ui->titleLabel->setText(tr("%n assets · %1", nullptr, count).arg(QLocale().formattedDataSize(bytes)));
    // Their types as counts of each format, the most frequent first: "3 JPG · 1 MP4".
    QList<std::pair<QString, int>> byCount;
    for (auto it = formats.cbegin(); it != formats.cend(); ++it)
        byCount.append({it.key(), it.value()});
    std::stable_sort(byCount.begin(), byCount.end(),
                     [](const auto &one, const auto &other) { return one.second > other.second; });
    QStringList kinds;
    for (const auto &[format, number] : std::as_const(byCount))
        kinds.append(tr("%1 %2", "a count and a file format: 3 JPG").arg(QLocale().toString(number), format));
    QString subtitle = kinds.join(u" · "_s);
    if (const qsizetype missing = m_assetIds.size() - count; missing > 0)
        subtitle += u"\n"_s + tr("%n of them are not in the catalogue.", nullptr, int(missing));
    m_ui->subtitleLabel->setText(subtitle);
    m_stripFit = 0;
    layoutStrip();

    m_bulk = m_bulkDrafts.take(selectionKey());
    loadBulkEditors();
    if (!m_bulk.isEmpty() && m_ui->statusLabel->text().isEmpty())
        showStatus(tr("Unsaved changes from before."), false);
}

void DetailsPanel::loadBulkEditors()
{
    m_loading = true;
    const int count = int(m_selection.size());
    // Each tag with how many of the selected assets have it, in the order they first appear.
    QHash<QString, int> holders;
    QStringList order;
    for (const CatalogAsset &asset : std::as_const(m_selection)) {
        for (const QString &tag : asset.tags) {
            if (!holders.contains(tag))
                order.append(tag);
            ++holders[tag];
        }
    }
    for (const QString &tag : std::as_const(m_bulk.removeTags))
        order.removeAll(tag);
    for (const QString &tag : std::as_const(m_bulk.addTags)) {
        holders[tag] = count;
        if (!order.contains(tag))
            order.append(tag);
    }
    m_ui->tagList->clear();
    for (const QString &tag : std::as_const(order)) {
        const int have = holders.value(tag);
        auto *item = new QListWidgetItem(m_ui->tagList);
        item->setData(kTagRole, tag);
        if (have == count) {
            item->setText(tag);
            item->setToolTip(tr("Every selected asset has this tag."));
        } else {
            // Some have it: said in the chip, quieter than the tags all of them have.
            item->setText(tr("%1 (%2/%3)").arg(tag).arg(have).arg(count));
            item->setForeground(palette().color(QPalette::PlaceholderText));
            item->setToolTip(
                tr("%1 of the %n selected assets have this tag; Add makes it a tag of all.", nullptr, count)
                    .arg(have));
        }
    }
    m_ui->tagEdit->clear();

    // Alt text and caption: the value they share, or "Mixed"; a value typed replaces it on all.
    const std::pair<QLineEdit *, const std::optional<QString> *> fields[]
        = {{m_ui->altEdit, &m_bulk.alt}, {m_ui->captionEdit, &m_bulk.caption}};
    for (const auto &[edit, typed] : fields) {
        const QString key = edit == m_ui->altEdit ? altKey() : captionKey();
        const QString shared = m_selection.constFirst().context.value(key).toVariant().toString();
        const bool mixed
            = std::any_of(m_selection.cbegin(), m_selection.cend(), [&](const CatalogAsset &asset) {
                  return asset.context.value(key).toVariant().toString() != shared;
              });
        edit->setProperty(kMixedProperty, mixed);
        edit->setPlaceholderText(mixed ? tr("Mixed") : QString());
        edit->setToolTip(mixed
                             ? tr("The selected assets differ here; what you type is set on all of them.")
                             : tr("The same on every selected asset; what you type is set on all of them."));
        edit->setText(typed->has_value() ? **typed : (mixed ? QString() : shared));
        edit->setCursorPosition(0);
    }
    m_loading = false;
}

void DetailsPanel::bulkTextEdited(QLineEdit *edit, const QString &text)
{
    if (m_selection.size() < 2)
        return;
    std::optional<QString> &typed = edit == m_ui->altEdit ? m_bulk.alt : m_bulk.caption;
    // Emptied again, a field that was mixed goes back to leaving each asset's value alone.
    if (text.isEmpty() && edit->property(kMixedProperty).toBool())
        typed.reset();
    else
        typed = text;
}

void DetailsPanel::addBulkTag(const QString &tag)
{
    if (tag.isEmpty())
        return;
    m_bulk.removeTags.removeAll(tag);
    if (!m_bulk.addTags.contains(tag))
        m_bulk.addTags.append(tag);
    loadBulkEditors();
    updateActions();
}

void DetailsPanel::removeBulkTags(const QList<QListWidgetItem *> &items)
{
    for (const QListWidgetItem *item : items) {
        const QString tag = item->data(kTagRole).toString();
        m_bulk.addTags.removeAll(tag);
        const bool someHaveIt
            = std::any_of(m_selection.cbegin(), m_selection.cend(),
                          [&tag](const CatalogAsset &asset) { return asset.tags.contains(tag); });
        if (someHaveIt && !m_bulk.removeTags.contains(tag))
            m_bulk.removeTags.append(tag);
    }
    loadBulkEditors();
    updateActions();
}

void DetailsPanel::layoutStrip()
{
    const QMargins margins = m_ui->contentsLayout->contentsMargins();
    const int available = m_ui->scrollArea->viewport()->width() - margins.left() - margins.right();
    const int fit = std::max(1, (available + kStripSpacing) / (kStripEdge + kStripSpacing));
    if (fit == m_stripFit)
        return;
    m_stripFit = fit;
    QLayoutItem *child = nullptr;
    while ((child = m_ui->stripLayout->takeAt(0)) != nullptr) {
        delete child->widget();
        delete child;
    }
    m_stripKeys.clear();
    const int count = int(m_selection.size());
    // As many as fit; when not all do, the last place says how many more there are.
    const int thumbs = count <= fit ? count : fit - 1;
    auto box = [this] {
        auto *label = new QLabel(m_ui->stripWidget);
        label->setFixedSize(kStripEdge, kStripEdge);
        label->setAlignment(Qt::AlignCenter);
        label->setAutoFillBackground(true);
        label->setBackgroundRole(QPalette::AlternateBase);
        m_ui->stripLayout->addWidget(label);
        return label;
    };
    for (int i = 0; i < thumbs; ++i) {
        QLabel *label = box();
        label->setObjectName(u"stripThumbnail"_s);
        label->setToolTip(m_selection.at(i).name(m_env.catalog->folderMode()));
        requestStripThumbnail(m_selection.at(i), label);
    }
    if (thumbs < count) {
        QLabel *more = box();
        more->setObjectName(u"stripMore"_s);
        more->setText(tr("+%1").arg(count - thumbs));
        more->setToolTip(tr("%n more selected", nullptr, count - thumbs));
        more->setForegroundRole(QPalette::PlaceholderText);
    }
    m_ui->stripLayout->addStretch(1);
}

void DetailsPanel::requestStripThumbnail(const CatalogAsset &asset, QLabel *label)
{
    const qreal ratio = devicePixelRatioF();
    const QSize pixels = (QSizeF(kStripEdge, kStripEdge) * ratio).toSize();
    QJsonObject options = pictureOptions(asset, pixels);
    if (options.isEmpty()) {
        const QIcon icon = QIcon::fromTheme(u"text-x-generic"_s, style()->standardIcon(QStyle::SP_FileIcon));
        label->setPixmap(icon.pixmap(kStripEdge / 2, kStripEdge / 2));
        return;
    }
    if (m_env.cannotSignUrls() && core::needsSignature(asset.type)) {
        // No signed URL without the API secret: the lock the grid shows, and why.
        QColor glyph = palette().color(QPalette::WindowText);
        glyph.setAlphaF(0.5f);
        label->setPixmap(
            SignedUrlLimits::lockPixmap(kStripEdge, ratio, glyph, palette().color(QPalette::AlternateBase)));
        label->setToolTip(label->toolTip() + u'\n' + SignedUrlLimits::thumbnailToolTip());
        return;
    }
    options.insert(u"crop"_s, u"fill"_s); // squares, as in the grid
    const QString key = u"details-strip:%1:%2"_s.arg(asset.assetId).arg(pixels.width());
    m_stripKeys.insert(key, label);
    buildAssetUrl(m_env, asset, options, this, [this, key](core::Result<QUrl> url) {
        if (m_stripKeys.contains(key) && url && m_loader)
            m_loader->request(key, url.value(), 1);
    });
}

// Applying ---------------------------------------------------------------------------------------

void DetailsPanel::applyBulk()
{
    if (m_selection.size() < 2 || isSaving() || !m_env.isOnline() || m_bulk.isEmpty())
        return;
    auto run = std::make_unique<BulkRun>();
    run->edits = m_bulk;
    run->key = selectionKey();
    for (const CatalogAsset &asset : std::as_const(m_selection)) {
        core::ResourceUpdate update;
        QStringList tags = asset.tags;
        for (const QString &tag : std::as_const(m_bulk.removeTags))
            tags.removeAll(tag);
        for (const QString &tag : std::as_const(m_bulk.addTags)) {
            if (!tags.contains(tag))
                tags.append(tag);
        }
        if (tags != asset.tags)
            update.tags = tags;
        const QMap<QString, QString> before = contextMap(asset.context);
        QMap<QString, QString> context = before;
        const std::pair<QString, std::optional<QString>> values[]
            = {{altKey(), m_bulk.alt}, {captionKey(), m_bulk.caption}};
        for (const auto &[key, value] : values) {
            if (value && value->isEmpty())
                context.remove(key);
            else if (value)
                context.insert(key, *value);
        }
        if (context != before)
            update.context = context;
        // Only the assets that change cost a call.
        if (update.tags || update.context)
            run->items.append({asset, update});
    }
    if (run->items.isEmpty()) {
        m_bulk = {};
        loadBulkEditors();
        showStatus(tr("Nothing to change: the selected assets have these values already."), false);
        updateActions();
        return;
    }
    m_bulkRun = std::move(run);
    m_ui->busyBar->setRange(0, int(m_bulkRun->items.size()));
    m_ui->busyBar->setValue(0);
    showStatus(tr("Saving %1 of %2…").arg(0).arg(m_bulkRun->items.size()), false);
    updateActions();
    pumpBulk();
}

void DetailsPanel::pumpBulk()
{
    BulkRun &run = *m_bulkRun;
    const core::FolderMode mode = m_env.catalog->folderMode();
    while (run.running < kBulkParallel && run.next < run.items.size()) {
        const BulkRun::Item &item = run.items.at(run.next++);
        ++run.running;
        const QString assetId = item.asset.assetId;
        const QString name = item.asset.name(mode);
        core::assets::AssetJob *job = m_assets->update(item.asset, item.update);
        connect(job, &core::Job::finished, this, [this, job, assetId, name] {
            BulkRun &running = *m_bulkRun;
            --running.running;
            ++running.done;
            QString error;
            if (job->error()) {
                error = words::ErrorWords::text(*job->error());
                qCInfo(lcBrowser) << "bulk update of" << assetId << "failed:" << job->error()->message;
                running.failed.append(assetId);
                running.problems.append(tr("%1: %2").arg(name, error));
            } else {
                running.saved.append(assetId);
            }
            Q_EMIT saveFinished(assetId, error);
            if (selectionKey() == running.key) {
                m_ui->busyBar->setValue(running.done);
                showStatus(tr("Saving %1 of %2…").arg(running.done).arg(running.items.size()), false);
            }
            if (running.done == running.items.size())
                finishBulk();
            else
                pumpBulk();
        });
    }
}

void DetailsPanel::finishBulk()
{
    const std::unique_ptr<BulkRun> run = std::move(m_bulkRun);
    m_ui->busyBar->setRange(0, 0);
    m_completionStale = true;
    // What failed stays as an edit, to apply again (the assets that took it are then left alone).
    const BulkEdits left = run->failed.isEmpty() ? BulkEdits {} : run->edits;
    if (selectionKey() == run->key && m_selection.size() > 1) {
        m_selection.clear();
        m_stripFit = 0;
        m_bulkDrafts.remove(run->key);
        showSummary();
        m_bulk = left;
        loadBulkEditors();
    } else if (!left.isEmpty()) {
        m_bulkDrafts.insert(run->key, left);
    }
    const int total = int(run->items.size());
    if (run->failed.isEmpty()) {
        showStatus(tr("Saved %n asset(s).", nullptr, total), false);
    } else {
        showStatus(tr("Saved %1 of %2 assets; %n failed:", nullptr, int(run->failed.size()))
                           .arg(run->saved.size())
                           .arg(total)
                       + u"\n"_s + run->problems.join(u'\n'),
                   true);
    }
    updateActions();
    if (!run->saved.isEmpty())
        Q_EMIT assetsChanged(run->saved);
    Q_EMIT bulkSaveFinished(run->saved, run->failed);
}

} // namespace stratus::gui
