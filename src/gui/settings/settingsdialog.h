#pragma once

#include "appsettings.h"

#include <QDialog>

#include <memory>

class QSettings;

namespace Ui {
class SettingsDialog;
}

namespace stratus::gui {

/// Edit → Settings: language (after a restart), network proxy (system default, none, or manual
/// HTTP/SOCKS5 without a stored password), parallel transfers and the thumbnail cache size.
/// On OK it writes the values to `settings`, applies the proxy to the whole application
/// (applyProxySettings) and emits settingsApplied() for what else must follow (transfer engine,
/// thumbnail cache). Cancel changes nothing.
///
/// Created by the main window; `settings` must outlive it. GUI thread.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QSettings *settings, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    /// The values as the form shows them now.
    [[nodiscard]] AppSettings values() const;
    void setValues(const AppSettings &values);

    void accept() override;

Q_SIGNALS:
    /// After OK wrote and applied new values.
    void settingsApplied(const stratus::gui::AppSettings &settings);

private:
    void updateProxyFields();
    void updateLanguageNote();

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    QSettings *m_settings;
    AppSettings m_loaded;
};

} // namespace stratus::gui
