#pragma once

#include "core/catalog/catalogtypes.h"
#include "core/metadata/metadatafield.h"

#include <QDateTime>
#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QActionGroup;
class QMenu;
class QToolButton;

namespace stratus::gui {

/// The browser's filters, as a row of drop-down buttons above the assets: resource type, format and
/// tags (several may be ticked; each entry shows how many assets it has in the current scope; tags
/// match all the ticked ones or any of them, as the tag menu says), the
/// creation date (presets or a custom range), the size (presets or a custom range), structured
/// metadata (the choices of the environment's select fields), and "Clear
/// filters" while any is set. Filters narrow whatever the browser shows: the open folder, or the
/// whole catalogue while a search is typed.
///
/// The bar only holds the choice: the browser reads it with applyTo() when filtersChanged() fires
/// and feeds back the counts of its scope with setFacets(). Keyboard: every button opens its menu
/// with Space/Down; ticked entries stay open so that several can be ticked in a row.
class FacetBar : public QWidget
{
    Q_OBJECT

public:
    enum class DateRange { Any, LastDay, LastWeek, LastMonth, LastYear, Custom };
    Q_ENUM(DateRange)
    enum class SizeRange { Any, Small, Medium, Large, Huge, Custom };
    Q_ENUM(SizeRange)
    /// Several ticked tags: an asset must have all of them, or any one.
    enum class TagMatch { All, Any };
    Q_ENUM(TagMatch)

    /// One chosen filter value, in words ("Tag: sea"), and how to take it back.
    struct Chip
    {
        QString text;
        std::function<void()> remove;
    };

    explicit FacetBar(QWidget *parent = nullptr);
    ~FacetBar() override;

    /// The counts of the current scope (without the bar's own filters) for the type, format and tag
    /// menus. Ticked values stay listed even when the scope no longer has them.
    void setFacets(const core::catalog::CatalogFacets &facets);
    /// Where the counts come from instead: asked each time a value menu opens (so that typing in
    /// the search box does not count facets at every key).
    void setFacetSource(std::function<core::catalog::CatalogFacets()> source)
    {
        m_source = std::move(source);
    }

    /// Narrows @p query by the chosen filters; relative dates count back from @p now.
    void applyTo(core::catalog::CatalogQuery &query,
                 const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    [[nodiscard]] bool hasFilters() const;

    [[nodiscard]] QStringList resourceTypes() const { return m_resourceTypes; }
    [[nodiscard]] QStringList formats() const { return m_formats; }
    [[nodiscard]] QStringList tags() const { return m_tags; }
    [[nodiscard]] TagMatch tagMatch() const { return m_tagMatch; }
    [[nodiscard]] DateRange dateRange() const { return m_dateRange; }
    [[nodiscard]] SizeRange sizeRange() const { return m_sizeRange; }

    void setResourceTypes(const QStringList &values);
    void setFormats(const QStringList &values);
    void setTags(const QStringList &values);
    void setTagMatch(TagMatch match);
    /// @p from / @p to (inclusive days) only for Custom.
    void setDateRange(DateRange range, const QDate &from = {}, const QDate &to = {});
    /// @p minBytes / @p maxBytes (inclusive, unset = open) only for Custom.
    void setSizeRange(SizeRange range, std::optional<qint64> minBytes = {},
                      std::optional<qint64> maxBytes = {});
    /// The structured metadata fields whose choices the Metadata menu offers (single- and
    /// multi-select fields; the button hides when there are none). Choices no field has any more are
    /// dropped from the filter.
    void setMetadataFields(const QList<core::MetadataField> &fields);
    /// External id → the chosen option ids (any of them; every field listed must match).
    [[nodiscard]] QMap<QString, QStringList> metadataFilter() const { return m_metadata; }
    void setMetadataFilter(const QMap<QString, QStringList> &filter);
    [[nodiscard]] QToolButton *metadataButton() const { return m_metadataButton; }

    /// Clears every filter (one filtersChanged()).
    void clear();
    /// Every chosen value on its own, in the order of the buttons, for a line of removable chips.
    /// A chip's remove() emits filtersChanged().
    [[nodiscard]] QList<Chip> chips();

    [[nodiscard]] QToolButton *typeButton() const { return m_typeButton; }
    [[nodiscard]] QToolButton *formatButton() const { return m_formatButton; }
    [[nodiscard]] QToolButton *tagButton() const { return m_tagButton; }
    [[nodiscard]] QToolButton *dateButton() const { return m_dateButton; }
    [[nodiscard]] QToolButton *sizeButton() const { return m_sizeButton; }
    [[nodiscard]] QToolButton *clearButton() const { return m_clearButton; }

    /// The label of a resource type ("image" → "Images").
    [[nodiscard]] static QString resourceTypeLabel(const QString &resourceType);

Q_SIGNALS:
    void filtersChanged();

private:
    void rebuildValueMenu(QMenu *menu, const QList<core::catalog::FacetCount> &counts,
                          const QStringList &chosen, QStringList *target, bool isType);
    void rebuildMenus();
    void chooseCustomDates();
    void chooseCustomSize();
    void addTagMatchEntries(QMenu *menu);
    void updateButtons();
    [[nodiscard]] QString dateText() const;
    [[nodiscard]] QString sizeText() const;
    void changed();
    void rebuildMetadataMenu();
    void removeMetadataChoice(const QString &fieldId, const QString &optionId);
    [[nodiscard]] QStringList metadataLabels() const;

    QToolButton *m_typeButton;
    QToolButton *m_formatButton;
    QToolButton *m_tagButton;
    QToolButton *m_dateButton;
    QToolButton *m_sizeButton;
    QToolButton *m_clearButton;
    QToolButton *m_metadataButton;
    QMenu *m_typeMenu;
    QMenu *m_formatMenu;
    QMenu *m_tagMenu;
    QMenu *m_dateMenu;
    QMenu *m_sizeMenu;
    QMenu *m_metadataMenu;

    core::catalog::CatalogFacets m_facets;
    std::function<core::catalog::CatalogFacets()> m_source;
    QStringList m_resourceTypes;
    QStringList m_formats;
    QStringList m_tags;
    TagMatch m_tagMatch = TagMatch::All;
    DateRange m_dateRange = DateRange::Any;
    QDate m_dateFrom;
    QDate m_dateTo;
    SizeRange m_sizeRange = SizeRange::Any;
    std::optional<qint64> m_minBytes;
    std::optional<qint64> m_maxBytes;
    QList<core::MetadataField> m_metadataFields; ///< select fields only
    QMap<QString, QStringList> m_metadata;
};

} // namespace stratus::gui
