#pragma once

#include "gui/settings/appsettings.h"

#include <QObject>
#include <QPalette>
#include <QPointer>

#include <optional>

class QActionGroup;
class QMenu;

namespace stratus::gui {

class ColorSchemePortal;
class Preferences;

/// Light or dark for the whole application (issue 13, point 12). The Fusion style with Stratus'
/// light or dark palette (palettes.h), as the preferences choose: Light, Dark, or System — the
/// desktop's colour scheme from the freedesktop portal, followed live, else the lightness of the
/// desktop's own palette (a light one when there is none). Every widget that paints with palette
/// roles follows a change at once; QApplication's palette is the one truth.
///
/// Made by the composition root after the preferences and before the first window; the
/// preferences and the portal (may be null: no desktop to ask) must outlive it. Applies the scheme
/// in its constructor. GUI thread only.
class ThemeController : public QObject
{
    Q_OBJECT

public:
    enum class Scheme { Light, Dark };
    Q_ENUM(Scheme)

    ThemeController(Preferences *preferences, ColorSchemePortal *portal, QObject *parent = nullptr);
    ~ThemeController() override;

    /// What a choice comes to: Light and Dark as they say; System as the portal says (1 dark,
    /// 2 light), and with no portal or no preference there, as dark as @p desktop's window colour.
    [[nodiscard]] static Scheme decide(AppSettings::Theme choice, std::optional<uint> portal,
                                       const QPalette &desktop);

    [[nodiscard]] Scheme scheme() const { return m_scheme; }
    /// Shows @p choice without storing it (the Settings dialog while its combo box changes).
    void preview(AppSettings::Theme choice);

    /// Light, Dark and "Same as the Desktop" as radio items, for a View → Theme menu: choosing one
    /// stores it in the preferences (and so applies it). The group is made on the first call.
    QActionGroup *actions();
    void addMenuActions(QMenu *menu);

Q_SIGNALS:
    void schemeChanged(stratus::gui::ThemeController::Scheme scheme);

private:
    void apply(AppSettings::Theme choice);
    void updateActions();

    Preferences *m_preferences; // may be null; outlives this
    QPointer<ColorSchemePortal> m_portal;
    QPalette m_desktop; ///< the application's palette before Stratus set its own
    Scheme m_scheme = Scheme::Light;
    bool m_applied = false;
    QActionGroup *m_actions = nullptr;
};

} // namespace stratus::gui
