#include "facetbar.h"

#include <QActionGroup>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPointer>
#include <QPushButton>
#include <QTimeZone>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace stratus::gui {

using core::catalog::CatalogFacets;
using core::catalog::CatalogQuery;
using core::catalog::FacetCount;

namespace {

constexpr qint64 kKiB = 1024;
constexpr qint64 kMiB = 1024 * 1024;
const char *const kStayOpen = "stratusStayOpen";

/// A menu whose tickable entries toggle without closing it, so that several values can be ticked
/// in a row (mouse, Space or Enter); other entries behave as usual.
class StayOpenMenu : public QMenu
{
public:
    using QMenu::QMenu;

protected:
    void mouseReleaseEvent(QMouseEvent *event) override
    {
        if (QAction *action = actionAt(event->position().toPoint()); stays(action)) {
            action->trigger();
            return;
        }
        QMenu::mouseReleaseEvent(event);
    }

    void keyPressEvent(QKeyEvent *event) override
    {
        const bool select = event->key() == Qt::Key_Space || event->key() == Qt::Key_Return
            || event->key() == Qt::Key_Enter;
        if (QAction *action = activeAction(); select && stays(action)) {
            action->trigger();
            return;
        }
        QMenu::keyPressEvent(event);
    }

private:
    static bool stays(const QAction *action)
    {
        return action != nullptr && action->isEnabled() && action->isCheckable()
            && action->property(kStayOpen).toBool();
    }
};

QToolButton *makeButton(QWidget *parent, QMenu *menu, const QString &accessibleName)
{
    auto *button = new QToolButton(parent);
    button->setMenu(menu);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setAutoRaise(true);
    button->setAccessibleName(accessibleName);
    button->setFocusPolicy(Qt::TabFocus);
    return button;
}

/// "Label" or "Label: a, b" or "Label: a, b +3" for the chosen values.
QString summary(const QString &label, const QStringList &values)
{
    if (values.isEmpty())
        return label;
    constexpr int kShown = 2;
    QString text = QStringList(values.mid(0, kShown)).join(u", "_s);
    if (values.size() > kShown)
        text = FacetBar::tr("%1 +%2").arg(text).arg(values.size() - kShown);
    return FacetBar::tr("%1: %2").arg(label, text);
}

void markActive(QToolButton *button, bool active)
{
    QFont font = button->font();
    font.setBold(active);
    button->setFont(font);
}

QDateTime startOfLocalDay(const QDate &date)
{
    return date.startOfDay().toUTC();
}

} // namespace

FacetBar::FacetBar(QWidget *parent)
    : QWidget(parent)
    , m_typeMenu(new StayOpenMenu(this))
    , m_formatMenu(new StayOpenMenu(this))
    , m_tagMenu(new StayOpenMenu(this))
    , m_dateMenu(new QMenu(this))
    , m_sizeMenu(new QMenu(this))
    , m_metadataMenu(new StayOpenMenu(this))
{
    m_typeButton = makeButton(this, m_typeMenu, tr("Filter by type"));
    m_formatButton = makeButton(this, m_formatMenu, tr("Filter by format"));
    m_tagButton = makeButton(this, m_tagMenu, tr("Filter by tag"));
    m_dateButton = makeButton(this, m_dateMenu, tr("Filter by creation date"));
    m_sizeButton = makeButton(this, m_sizeMenu, tr("Filter by size"));
    m_metadataButton = makeButton(this, m_metadataMenu, tr("Filter by structured metadata"));
    m_metadataButton->hide();
    m_clearButton = new QToolButton(this);
    m_clearButton->setText(tr("Clear filters"));
    m_clearButton->setAutoRaise(true);
    m_clearButton->setToolTip(tr("Show every asset of the folder or search again"));
    connect(m_clearButton, &QToolButton::clicked, this, &FacetBar::clear);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *label = new QLabel(tr("Filters:"), this);
    label->setEnabled(false);
    layout->addWidget(label);
    for (QToolButton *button :
         {m_typeButton, m_formatButton, m_tagButton, m_dateButton, m_sizeButton, m_metadataButton})
        layout->addWidget(button);
    layout->addWidget(m_clearButton);
    layout->addStretch(1);

    // The value menus are filled when they open, from the latest counts: a menu is never rebuilt
    // under the pointer while values are being ticked.
    // Fresh counts when a value menu opens, if they come from a source.
    for (QMenu *menu : {m_typeMenu, m_formatMenu, m_tagMenu}) {
        connect(menu, &QMenu::aboutToShow, this, [this] {
            if (m_source)
                m_facets = m_source();
        });
    }
    connect(m_typeMenu, &QMenu::aboutToShow, this, [this] {
        rebuildValueMenu(m_typeMenu, m_facets.resourceTypes, m_resourceTypes, &m_resourceTypes, true);
    });
    connect(m_formatMenu, &QMenu::aboutToShow, this,
            [this] { rebuildValueMenu(m_formatMenu, m_facets.formats, m_formats, &m_formats, false); });
    connect(m_tagMenu, &QMenu::aboutToShow, this,
            [this] { rebuildValueMenu(m_tagMenu, m_facets.tags, m_tags, &m_tags, false); });
    connect(m_dateMenu, &QMenu::aboutToShow, this, &FacetBar::rebuildMenus);
    connect(m_sizeMenu, &QMenu::aboutToShow, this, &FacetBar::rebuildMenus);
    connect(m_metadataMenu, &QMenu::aboutToShow, this, &FacetBar::rebuildMetadataMenu);
    updateButtons();
}

FacetBar::~FacetBar() = default;

QString FacetBar::resourceTypeLabel(const QString &resourceType)
{
    if (resourceType == u"image")
        return tr("Images");
    if (resourceType == u"video")
        return tr("Videos");
    if (resourceType == u"raw")
        return tr("Other files");
    return resourceType;
}

void FacetBar::setFacets(const CatalogFacets &facets)
{
    m_facets = facets;
}

void FacetBar::rebuildValueMenu(QMenu *menu, const QList<FacetCount> &counts, const QStringList &chosen,
                                QStringList *target, bool isType)
{
    menu->clear();
    QList<FacetCount> entries = counts;
    // Ticked values stay offered (with no count) so that they can be unticked.
    for (const QString &value : chosen) {
        const bool listed = std::any_of(entries.cbegin(), entries.cend(),
                                        [&](const FacetCount &c) { return c.value == value; });
        if (!listed)
            entries.append(FacetCount {value, 0});
    }
    if (entries.isEmpty()) {
        menu->addAction(tr("Nothing to filter here"))->setEnabled(false);
        return;
    }
    for (const FacetCount &entry : std::as_const(entries)) {
        const QString name
            = isType ? resourceTypeLabel(entry.value) : (entry.value.isEmpty() ? tr("(none)") : entry.value);
        const QString text = entry.count > 0 ? tr("%1 (%L2)").arg(name).arg(entry.count) : name;
        QAction *action = menu->addAction(text);
        action->setCheckable(true);
        action->setChecked(chosen.contains(entry.value));
        action->setProperty(kStayOpen, true);
        const QString value = entry.value;
        connect(action, &QAction::toggled, this, [this, target, value](bool on) {
            if (on && !target->contains(value))
                target->append(value);
            else if (!on)
                target->removeAll(value);
            changed();
        });
    }
    if (target == &m_tags)
        addTagMatchEntries(menu);
    if (!chosen.isEmpty()) {
        menu->addSeparator();
        connect(menu->addAction(tr("Clear")), &QAction::triggered, this, [this, target] {
            target->clear();
            changed();
        });
    }
}

void FacetBar::addTagMatchEntries(QMenu *menu)
{
    // Said, not guessed: two ticked tags narrow to assets with both unless "any" is chosen.
    menu->addSection(tr("Assets with"));
    auto *group = new QActionGroup(menu);
    const std::pair<TagMatch, QString> choices[] = {
        {TagMatch::All, tr("All ticked tags")},
        {TagMatch::Any, tr("Any ticked tag")},
    };
    for (const auto &[match, text] : choices) {
        QAction *action = menu->addAction(text);
        action->setObjectName(match == TagMatch::All ? u"tagMatchAll"_s : u"tagMatchAny"_s);
        action->setCheckable(true);
        action->setChecked(m_tagMatch == match);
        action->setProperty(kStayOpen, true);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, match = match] { setTagMatch(match); });
    }
}

void FacetBar::rebuildMenus()
{
    m_dateMenu->clear();
    auto *dates = new QActionGroup(m_dateMenu);
    const std::pair<DateRange, QString> datePresets[] = {
        {DateRange::Any, tr("Any time")},
        {DateRange::LastDay, tr("Last 24 hours")},
        {DateRange::LastWeek, tr("Last 7 days")},
        {DateRange::LastMonth, tr("Last 30 days")},
        {DateRange::LastYear, tr("Last 12 months")},
        {DateRange::Custom, tr("Custom range…")},
    };
    for (const auto &[range, text] : datePresets) {
        QAction *action = m_dateMenu->addAction(text);
        action->setCheckable(true);
        action->setChecked(range == m_dateRange);
        dates->addAction(action);
        connect(action, &QAction::triggered, this, [this, range = range] {
            if (range == DateRange::Custom)
                chooseCustomDates();
            else
                setDateRange(range);
        });
    }

    m_sizeMenu->clear();
    auto *sizes = new QActionGroup(m_sizeMenu);
    const std::pair<SizeRange, QString> sizePresets[] = {
        {SizeRange::Any, tr("Any size")},          {SizeRange::Small, tr("Under 100 KB")},
        {SizeRange::Medium, tr("100 KB to 1 MB")}, {SizeRange::Large, tr("1 MB to 10 MB")},
        {SizeRange::Huge, tr("Over 10 MB")},       {SizeRange::Custom, tr("Custom range…")},
    };
    for (const auto &[range, text] : sizePresets) {
        QAction *action = m_sizeMenu->addAction(text);
        action->setCheckable(true);
        action->setChecked(range == m_sizeRange);
        sizes->addAction(action);
        connect(action, &QAction::triggered, this, [this, range = range] {
            if (range == SizeRange::Custom)
                chooseCustomSize();
            else
                setSizeRange(range);
        });
    }
}

void FacetBar::chooseCustomDates()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Created Between"));
    auto *form = new QFormLayout(&dialog);
    auto *from
        = new QDateEdit(m_dateFrom.isValid() ? m_dateFrom : QDate::currentDate().addMonths(-1), &dialog);
    auto *to = new QDateEdit(m_dateTo.isValid() ? m_dateTo : QDate::currentDate(), &dialog);
    for (QDateEdit *edit : {from, to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    }
    form->addRow(tr("&From:"), from);
    form->addRow(tr("&To (inclusive):"), to);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    // A range that ends before it starts is not offered.
    const auto check = [&] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(from->date() <= to->date());
    };
    connect(from, &QDateEdit::dateChanged, &dialog, check);
    connect(to, &QDateEdit::dateChanged, &dialog, check);
    if (dialog.exec() == QDialog::Accepted)
        setDateRange(DateRange::Custom, from->date(), to->date());
    else
        updateButtons();
}

void FacetBar::chooseCustomSize()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Size Between"));
    auto *form = new QFormLayout(&dialog);
    const auto makeSpin = [&](std::optional<qint64> bytes) {
        auto *spin = new QDoubleSpinBox(&dialog);
        spin->setRange(0, 1024 * 1024); // MB, up to a terabyte
        spin->setDecimals(1);
        spin->setSuffix(tr(" MB"));
        spin->setSpecialValueText(tr("No limit"));
        spin->setValue(bytes ? double(*bytes) / double(kMiB) : 0.0);
        return spin;
    };
    auto *minimum = makeSpin(m_minBytes);
    auto *maximum = makeSpin(m_maxBytes);
    form->addRow(tr("&At least:"), minimum);
    form->addRow(tr("A&t most:"), maximum);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted) {
        updateButtons();
        return;
    }
    const auto bytes = [](const QDoubleSpinBox *spin) -> std::optional<qint64> {
        if (spin->value() <= 0)
            return std::nullopt;
        return qint64(spin->value() * double(kMiB));
    };
    auto low = bytes(minimum);
    auto high = bytes(maximum);
    if (low && high && *low > *high)
        std::swap(low, high);
    setSizeRange(low || high ? SizeRange::Custom : SizeRange::Any, low, high);
}

void FacetBar::applyTo(CatalogQuery &query, const QDateTime &now) const
{
    query.resourceTypes = m_resourceTypes;
    query.formats = m_formats;
    query.tags = m_tags;
    query.anyTag = m_tagMatch == TagMatch::Any;
    query.metadata = m_metadata;
    switch (m_dateRange) {
    case DateRange::Any:
        break;
    case DateRange::LastDay:
        query.createdFrom = now.addSecs(-24 * 3600);
        break;
    case DateRange::LastWeek:
        query.createdFrom = now.addDays(-7);
        break;
    case DateRange::LastMonth:
        query.createdFrom = now.addDays(-30);
        break;
    case DateRange::LastYear:
        query.createdFrom = now.addDays(-365);
        break;
    case DateRange::Custom:
        if (m_dateFrom.isValid())
            query.createdFrom = startOfLocalDay(m_dateFrom);
        if (m_dateTo.isValid())
            query.createdBefore = startOfLocalDay(m_dateTo.addDays(1));
        break;
    }
    switch (m_sizeRange) {
    case SizeRange::Any:
        break;
    case SizeRange::Small:
        query.maxBytes = 100 * kKiB - 1;
        break;
    case SizeRange::Medium:
        query.minBytes = 100 * kKiB;
        query.maxBytes = kMiB - 1;
        break;
    case SizeRange::Large:
        query.minBytes = kMiB;
        query.maxBytes = 10 * kMiB - 1;
        break;
    case SizeRange::Huge:
        query.minBytes = 10 * kMiB;
        break;
    case SizeRange::Custom:
        query.minBytes = m_minBytes;
        query.maxBytes = m_maxBytes;
        break;
    }
}

bool FacetBar::hasFilters() const
{
    return !m_resourceTypes.isEmpty() || !m_formats.isEmpty() || !m_tags.isEmpty()
        || m_dateRange != DateRange::Any || m_sizeRange != SizeRange::Any || !m_metadata.isEmpty();
}

void FacetBar::setResourceTypes(const QStringList &values)
{
    m_resourceTypes = values;
    changed();
}

void FacetBar::setFormats(const QStringList &values)
{
    m_formats = values;
    changed();
}

void FacetBar::setTags(const QStringList &values)
{
    m_tags = values;
    changed();
}

void FacetBar::setTagMatch(TagMatch match)
{
    if (match == m_tagMatch)
        return;
    m_tagMatch = match;
    // Only a change of what is shown is a change of the filters.
    if (m_tags.size() > 1)
        changed();
    else
        updateButtons();
}

void FacetBar::setDateRange(DateRange range, const QDate &from, const QDate &to)
{
    m_dateRange = range;
    m_dateFrom = range == DateRange::Custom ? from : QDate();
    m_dateTo = range == DateRange::Custom ? to : QDate();
    changed();
}

void FacetBar::setSizeRange(SizeRange range, std::optional<qint64> minBytes, std::optional<qint64> maxBytes)
{
    m_sizeRange = range;
    m_minBytes = range == SizeRange::Custom ? minBytes : std::nullopt;
    m_maxBytes = range == SizeRange::Custom ? maxBytes : std::nullopt;
    changed();
}

void FacetBar::clear()
{
    if (!hasFilters())
        return;
    m_resourceTypes.clear();
    m_formats.clear();
    m_tags.clear();
    m_dateRange = DateRange::Any;
    m_dateFrom = m_dateTo = {};
    m_sizeRange = SizeRange::Any;
    m_minBytes = m_maxBytes = std::nullopt;
    m_metadata.clear();
    changed();
}

QList<FacetBar::Chip> FacetBar::chips()
{
    QList<Chip> chips;
    // A chip may be clicked after the bar is gone (both are the page's children).
    QPointer<FacetBar> self(this);
    const auto values
        = [&](const QString &format, const QStringList &chosen, QStringList FacetBar::*list, bool isType) {
              for (const QString &value : chosen) {
                  const QString shown
                      = isType ? resourceTypeLabel(value) : (value.isEmpty() ? tr("(none)") : value);
                  chips.append({format.arg(shown), [self, list, value] {
                                    if (!self)
                                        return;
                                    (self.data()->*list).removeAll(value);
                                    self->changed();
                                }});
              }
          };
    values(tr("Type: %1"), m_resourceTypes, &FacetBar::m_resourceTypes, true);
    values(tr("Format: %1"), m_formats, &FacetBar::m_formats, false);
    values(tr("Tag: %1"), m_tags, &FacetBar::m_tags, false);
    if (m_dateRange != DateRange::Any)
        chips.append({dateText(), [self] {
                          if (self)
                              self->setDateRange(DateRange::Any);
                      }});
    if (m_sizeRange != SizeRange::Any)
        chips.append({sizeText(), [self] {
                          if (self)
                              self->setSizeRange(SizeRange::Any);
                      }});
    for (const core::MetadataField &field : std::as_const(m_metadataFields)) {
        for (const QString &id : m_metadata.value(field.externalId)) {
            const QString fieldId = field.externalId;
            chips.append({tr("%1: %2").arg(field.label, field.displayText(id)), [self, fieldId, id] {
                              if (self)
                                  self->removeMetadataChoice(fieldId, id);
                          }});
        }
    }
    return chips;
}

void FacetBar::changed()
{
    updateButtons();
    Q_EMIT filtersChanged();
}

QString FacetBar::dateText() const
{
    QString text = tr("Created");
    switch (m_dateRange) {
    case DateRange::Any:
        break;
    case DateRange::LastDay:
        text = tr("Created: last 24 hours");
        break;
    case DateRange::LastWeek:
        text = tr("Created: last 7 days");
        break;
    case DateRange::LastMonth:
        text = tr("Created: last 30 days");
        break;
    case DateRange::LastYear:
        text = tr("Created: last 12 months");
        break;
    case DateRange::Custom: {
        const QLocale locale;
        text = tr("Created: %1 – %2")
                   .arg(locale.toString(m_dateFrom, QLocale::ShortFormat),
                        locale.toString(m_dateTo, QLocale::ShortFormat));
        break;
    }
    }
    return text;
}

QString FacetBar::sizeText() const
{
    QString text = tr("Size");
    const QLocale locale;
    const auto size = [&](qint64 bytes) {
        return locale.formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
    };
    switch (m_sizeRange) {
    case SizeRange::Any:
        break;
    case SizeRange::Small:
        text = tr("Size: under 100 KB");
        break;
    case SizeRange::Medium:
        text = tr("Size: 100 KB to 1 MB");
        break;
    case SizeRange::Large:
        text = tr("Size: 1 MB to 10 MB");
        break;
    case SizeRange::Huge:
        text = tr("Size: over 10 MB");
        break;
    case SizeRange::Custom:
        if (m_minBytes && m_maxBytes)
            text = tr("Size: %1 to %2").arg(size(*m_minBytes), size(*m_maxBytes));
        else if (m_minBytes)
            text = tr("Size: at least %1").arg(size(*m_minBytes));
        else if (m_maxBytes)
            text = tr("Size: at most %1").arg(size(*m_maxBytes));
        break;
    }
    return text;
}

void FacetBar::updateButtons()
{
    QStringList typeLabels;
    for (const QString &type : std::as_const(m_resourceTypes))
        typeLabels << resourceTypeLabel(type);
    m_typeButton->setText(summary(tr("Type"), typeLabels));
    m_formatButton->setText(summary(tr("Format"), m_formats));
    const QString tagLabel = m_tags.size() < 2 ? tr("Tags")
        : m_tagMatch == TagMatch::Any          ? tr("Tags (any)")
                                               : tr("Tags (all)");
    m_tagButton->setText(summary(tagLabel, m_tags));

    m_dateButton->setText(dateText());
    m_sizeButton->setText(sizeText());

    markActive(m_typeButton, !m_resourceTypes.isEmpty());
    markActive(m_formatButton, !m_formats.isEmpty());
    markActive(m_tagButton, !m_tags.isEmpty());
    markActive(m_dateButton, m_dateRange != DateRange::Any);
    markActive(m_sizeButton, m_sizeRange != SizeRange::Any);
    m_metadataButton->setText(summary(tr("Metadata"), metadataLabels()));
    markActive(m_metadataButton, !m_metadata.isEmpty());
    m_clearButton->setVisible(hasFilters());
}

} // namespace stratus::gui
