#pragma once

#include <QObject>

#include <memory>
#include <optional>

class QDBusConnection;
class QDBusVariant;

namespace stratus::gui {

/// The desktop's colour scheme as the freedesktop portal tells it (xdg-desktop-portal's
/// org.freedesktop.portal.Settings, namespace "org.freedesktop.appearance", key "color-scheme":
/// 0 no preference, 1 prefer dark, 2 prefer light) — GNOME, KDE and others answer there, and Qt 6.4
/// has no QStyleHints::colorScheme to ask instead. read() asks once with a short timeout (a desktop
/// without the portal must not delay the start); afterwards the portal's SettingChanged signal keeps
/// value() current and says changed().
///
/// Made by the composition root over the session bus (tests pass a private bus with a stand-in
/// portal). GUI thread only.
class ColorSchemePortal : public QObject
{
    Q_OBJECT

public:
    enum Preference : uint { NoPreference = 0, PreferDark = 1, PreferLight = 2 };

    /// Over the session bus.
    explicit ColorSchemePortal(QObject *parent = nullptr);
    ColorSchemePortal(const QDBusConnection &bus, QObject *parent = nullptr);
    ~ColorSchemePortal() override;

    /// Asks the portal now, waiting at most @p timeoutMs; empty when no portal answered.
    std::optional<uint> read(int timeoutMs = 400);
    /// The last answer or change; empty while no portal answered.
    [[nodiscard]] std::optional<uint> value() const { return m_value; }

Q_SIGNALS:
    /// The desktop's scheme changed (value() has the new one).
    void changed();

private Q_SLOTS:
    void onSettingChanged(const QString &nameSpace, const QString &key, const QDBusVariant &value);

private:
    std::unique_ptr<QDBusConnection> m_bus;
    std::optional<uint> m_value;
};

} // namespace stratus::gui
