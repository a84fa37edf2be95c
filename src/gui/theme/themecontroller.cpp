#include "themecontroller.h"

#include "colorschemeportal.h"
#include "palettes.h"

#include "gui/settings/preferences.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QStyle>
#include <QStyleFactory>

using namespace Qt::StringLiterals;

namespace stratus::gui {

ThemeController::ThemeController(Preferences *preferences, ColorSchemePortal *portal, QObject *parent)
    : QObject(parent)
    , m_preferences(preferences)
    , m_portal(portal)
    , m_desktop(QApplication::palette())
{
    // Fusion draws everything from the palette, so both schemes look alike on every desktop.
    if (QApplication::style()->name().compare(u"fusion"_s, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    if (m_portal)
        connect(m_portal, &ColorSchemePortal::changed, this, [this] {
            if (m_preferences && m_preferences->values().theme == AppSettings::Theme::System)
                apply(AppSettings::Theme::System);
        });
    if (m_preferences)
        connect(m_preferences, &Preferences::themeChanged, this, [this](AppSettings::Theme choice) {
            apply(choice);
            updateActions();
        });
    apply(m_preferences ? m_preferences->values().theme : AppSettings::Theme::System);
}

ThemeController::~ThemeController() = default;

ThemeController::Scheme ThemeController::decide(AppSettings::Theme choice, std::optional<uint> portal,
                                                const QPalette &desktop)
{
    switch (choice) {
    case AppSettings::Theme::Light:
        return Scheme::Light;
    case AppSettings::Theme::Dark:
        return Scheme::Dark;
    case AppSettings::Theme::System:
        break;
    }
    if (portal == ColorSchemePortal::PreferDark)
        return Scheme::Dark;
    if (portal == ColorSchemePortal::PreferLight)
        return Scheme::Light;
    return palettes::isDark(desktop) ? Scheme::Dark : Scheme::Light;
}

void ThemeController::preview(AppSettings::Theme choice)
{
    apply(choice);
}

void ThemeController::apply(AppSettings::Theme choice)
{
    std::optional<uint> answer;
    if (ColorSchemePortal *portal = m_portal.data();
        portal != nullptr && choice == AppSettings::Theme::System) {
        answer = portal->value();
        if (!answer)
            answer = portal->read();
    }
    const Scheme scheme = decide(choice, answer, m_desktop);
    if (m_applied && scheme == m_scheme)
        return;
    m_applied = true;
    m_scheme = scheme;
    QApplication::setPalette(scheme == Scheme::Dark ? palettes::dark() : palettes::light());
    Q_EMIT schemeChanged(scheme);
}

QActionGroup *ThemeController::actions()
{
    if (m_actions != nullptr)
        return m_actions;
    m_actions = new QActionGroup(this);
    m_actions->setExclusive(true);
    const auto add = [this](AppSettings::Theme choice, const QString &text, const QString &name) {
        auto *action = new QAction(text, m_actions);
        action->setObjectName(name);
        action->setCheckable(true);
        action->setData(int(choice));
        connect(action, &QAction::triggered, this, [this, choice] {
            if (!m_preferences)
                return;
            AppSettings values = m_preferences->values();
            values.theme = choice;
            // Unwritable settings: the scheme still changes for this run.
            if (!m_preferences->setValues(values))
                apply(choice);
        });
    };
    add(AppSettings::Theme::System, tr("&Same as the Desktop"), u"themeSystemAction"_s);
    add(AppSettings::Theme::Light, tr("&Light"), u"themeLightAction"_s);
    add(AppSettings::Theme::Dark, tr("&Dark"), u"themeDarkAction"_s);
    updateActions();
    return m_actions;
}

void ThemeController::addMenuActions(QMenu *menu)
{
    menu->addActions(actions()->actions());
}

void ThemeController::updateActions()
{
    if (m_actions == nullptr || !m_preferences)
        return;
    const int chosen = int(m_preferences->values().theme);
    for (QAction *action : m_actions->actions())
        action->setChecked(action->data().toInt() == chosen);
}

} // namespace stratus::gui
