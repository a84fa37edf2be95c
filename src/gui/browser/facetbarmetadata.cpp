// FacetBar's structured metadata filter: the Metadata menu (the choices of the environment's
// single- and multi-select fields, grouped by field) and what it puts in a CatalogQuery.
#include "facetbar.h"

#include <QMenu>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace stratus::gui {

void FacetBar::setMetadataFields(const QList<core::MetadataField> &fields)
{
    m_metadataFields.clear();
    for (const core::MetadataField &field : fields) {
        if (field.isSelect())
            m_metadataFields.append(field);
    }
    m_metadataButton->setVisible(!m_metadataFields.isEmpty());
    // A filter on a field or choice that is gone would hide every asset without saying why.
    QMap<QString, QStringList> kept;
    for (const core::MetadataField &field : std::as_const(m_metadataFields)) {
        for (const QString &id : m_metadata.value(field.externalId)) {
            if (field.option(id))
                kept[field.externalId].append(id);
        }
    }
    if (kept != m_metadata) {
        m_metadata = kept;
        changed();
    } else {
        updateButtons();
    }
}

void FacetBar::setMetadataFilter(const QMap<QString, QStringList> &filter)
{
    m_metadata = filter;
    changed();
}

void FacetBar::removeMetadataChoice(const QString &fieldId, const QString &optionId)
{
    auto it = m_metadata.find(fieldId);
    if (it == m_metadata.end())
        return;
    it->removeAll(optionId);
    if (it->isEmpty())
        m_metadata.erase(it);
    changed();
}

QStringList FacetBar::metadataLabels() const
{
    QStringList labels;
    for (const core::MetadataField &field : m_metadataFields) {
        for (const QString &id : m_metadata.value(field.externalId))
            labels.append(field.displayText(id));
    }
    return labels;
}

void FacetBar::rebuildMetadataMenu()
{
    m_metadataMenu->clear();
    for (const core::MetadataField &field : std::as_const(m_metadataFields)) {
        m_metadataMenu->addSection(field.label);
        const QStringList chosen = m_metadata.value(field.externalId);
        for (const core::MetadataOption &option : field.options) {
            // Withdrawn choices stay listed while assets may still have them, marked as such.
            QAction *action = m_metadataMenu->addAction(
                option.active ? option.value : tr("%1 (withdrawn)").arg(option.value));
            action->setCheckable(true);
            action->setChecked(chosen.contains(option.externalId));
            action->setProperty("stratusStayOpen", true); // see StayOpenMenu in facetbar.cpp
            const QString fieldId = field.externalId;
            const QString optionId = option.externalId;
            connect(action, &QAction::toggled, this, [this, fieldId, optionId](bool on) {
                QStringList &ids = m_metadata[fieldId];
                if (on && !ids.contains(optionId))
                    ids.append(optionId);
                else if (!on)
                    ids.removeAll(optionId);
                if (ids.isEmpty())
                    m_metadata.remove(fieldId);
                changed();
            });
        }
    }
    if (m_metadataFields.isEmpty())
        m_metadataMenu->addAction(tr("No list fields in this environment"))->setEnabled(false);
}

} // namespace stratus::gui
