#pragma once

#include "appsettings.h"

#include "core/util/result.h"

#include <QDialog>
#include <QPointer>

#include <memory>

namespace Ui {
class SettingsDialog;
}

namespace stratus::gui {

class Preferences;
class ProxyPassword;

/// Edit → Settings: language (after a restart), appearance (System, Light, Dark: shown at once as it
/// is chosen, kept on OK, undone on Cancel), network proxy (system default, none, or manual
/// HTTP/SOCKS5, its password in the keychain through ProxyPassword), parallel transfers and the
/// thumbnail cache size.
/// On OK it hands the values to `preferences`, which writes them and signals what changed, so that
/// everything but the language applies at once (Preferences says who listens). Cancel changes
/// nothing; a file that cannot be written keeps the dialog open and says so.
///
/// Created by the main window; `preferences` must outlive it. GUI thread.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(Preferences *preferences, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    /// The values as the form shows them now.
    [[nodiscard]] AppSettings values() const;
    void setValues(const AppSettings &values);

    /// Where the proxy password goes (the keychain); without one the password field is hidden.
    void setProxyPassword(ProxyPassword *password);

    void accept() override;
    void reject() override;

Q_SIGNALS:
    /// The appearance chosen in the form, for a preview (ThemeController::preview); on Cancel, the
    /// one that was in use.
    void themePreviewed(stratus::gui::AppSettings::Theme theme);

private:
    void updateProxyFields();
    void updateLanguageNote();
    void finishAccept();
    void passwordWritten(const core::Result<core::Done> &written);

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    Preferences *m_preferences;
    AppSettings m_loaded;
    QPointer<ProxyPassword> m_proxyPassword;
    bool m_resetInfoBars = false;
};

} // namespace stratus::gui
