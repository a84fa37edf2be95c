#include "scopebar.h"

#include "gui/theme/palettestylesheet.h"

#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace stratus::gui {

namespace {

QToolButton *makeScopeButton(QWidget *parent, const QString &objectName)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setCheckable(true);
    button->setAutoExclusive(true);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::TabFocus);
    return button;
}

/// A folder's name as the scope button shows it: the last part, elided when long.
QString shownFolder(const QWidget *widget, const QString &folder)
{
    if (folder.isEmpty())
        return ScopeBar::tr("Home");
    return widget->fontMetrics().elidedText(folder.section(u'/', -1), Qt::ElideMiddle, 200);
}

} // namespace

ScopeBar::ScopeBar(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_folderButton(makeScopeButton(this, u"scopeFolder"_s))
    , m_everywhereButton(makeScopeButton(this, u"scopeEverywhere"_s))
    , m_tagMatchButton(new QToolButton(this))
    , m_chipLayout(new QHBoxLayout)
{
    setObjectName(u"scopeBar"_s);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_everywhereButton->setText(tr("Everywhere"));
    m_everywhereButton->setToolTip(tr("Look in every folder of the environment"));
    m_folderButton->setToolTip(tr("Look only among the assets of the open folder"));
    connect(m_folderButton, &QToolButton::clicked, this, [this] { Q_EMIT scopeChosen(Scope::Folder); });
    connect(m_everywhereButton, &QToolButton::clicked, this,
            [this] { Q_EMIT scopeChosen(Scope::Everywhere); });

    auto *matchMenu = new QMenu(m_tagMatchButton);
    QAction *all = matchMenu->addAction(tr("Assets with all ticked tags"));
    QAction *any = matchMenu->addAction(tr("Assets with any ticked tag"));
    connect(all, &QAction::triggered, this, [this] { Q_EMIT tagMatchChosen(FacetBar::TagMatch::All); });
    connect(any, &QAction::triggered, this, [this] { Q_EMIT tagMatchChosen(FacetBar::TagMatch::Any); });
    m_tagMatchButton->setObjectName(u"tagMatchButton"_s);
    m_tagMatchButton->setMenu(matchMenu);
    m_tagMatchButton->setPopupMode(QToolButton::InstantPopup);
    m_tagMatchButton->setAutoRaise(true);
    m_tagMatchButton->setFocusPolicy(Qt::TabFocus);
    m_tagMatchButton->setToolTip(tr("Whether an asset needs every ticked tag or one of them"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(4);
    m_label->setObjectName(u"scopeLabel"_s);
    layout->addWidget(m_label);
    layout->addWidget(m_folderButton);
    layout->addWidget(m_everywhereButton);
    m_chipLayout->setSpacing(4);
    layout->addSpacing(8);
    layout->addLayout(m_chipLayout);
    layout->addWidget(m_tagMatchButton);
    layout->addStretch(1);
    // Chips in the palette's colours, so that they read in light and dark themes alike (and follow a
    // switch between them).
    setPaletteStyleSheet(
        this,
        u"QToolButton#filterChip { border: 1px solid palette(mid); border-radius: 9px;"
        u" padding: 1px 8px; background: palette(alternate-base); }"
        u" QToolButton#filterChip:hover, QToolButton#filterChip:focus { border-color: palette(highlight); }"_s);
}

ScopeBar::~ScopeBar() = default;

void ScopeBar::showState(bool searching, Scope scope, const QString &folder,
                         const QList<FacetBar::Chip> &chips, int tags, FacetBar::TagMatch match)
{
    m_label->setText(searching ? tr("Search in:") : tr("Filter in:"));
    m_folderButton->setText(tr("This folder (%1)").arg(shownFolder(this, folder)));
    m_folderButton->setAccessibleName(tr("Only this folder"));
    m_everywhereButton->setAccessibleName(tr("Everywhere"));
    (scope == Scope::Folder ? m_folderButton : m_everywhereButton)->setChecked(true);

    for (QToolButton *chip : std::as_const(m_chips)) {
        chip->hide();
        chip->deleteLater(); // it may be the one clicked
    }
    m_chips.clear();
    for (const FacetBar::Chip &chip : chips) {
        auto *button = new QToolButton(this);
        button->setObjectName(u"filterChip"_s);
        button->setText(tr("%1  ✕").arg(chip.text));
        button->setToolTip(tr("Remove this filter"));
        button->setAccessibleName(tr("Remove filter %1").arg(chip.text));
        button->setFocusPolicy(Qt::TabFocus);
        const std::function<void()> remove = chip.remove;
        connect(button, &QToolButton::clicked, this, [remove] {
            if (remove)
                remove();
        });
        m_chipLayout->addWidget(button);
        m_chips.append(button);
    }
    m_tagMatchButton->setText(match == FacetBar::TagMatch::Any ? tr("Any of the tags")
                                                               : tr("All of the tags"));
    m_tagMatchButton->setAccessibleName(tr("Tags to match: %1").arg(m_tagMatchButton->text()));
    m_tagMatchButton->setVisible(tags > 1);
}

} // namespace stratus::gui
