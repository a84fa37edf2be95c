#include "settingsdialog.h"

#include "preferences.h"
#include "proxypassword.h"

#include "gui/errors/errorpresenter.h"

#include "ui_settingsdialog.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace stratus::gui {

SettingsDialog::SettingsDialog(Preferences *preferences, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_preferences(preferences)
    , m_loaded(preferences->values())
{
    m_ui->setupUi(this);
    setObjectName(u"settingsDialog"_s);

    // Each language by its own name, as a person looking for theirs expects to find it.
    m_ui->languageCombo->addItem(tr("System default"), int(AppSettings::Language::System));
    m_ui->languageCombo->addItem(u"English"_s, int(AppSettings::Language::English));
    m_ui->languageCombo->addItem(u"Deutsch"_s, int(AppSettings::Language::German));
    m_ui->languageCombo->addItem(u"Français"_s, int(AppSettings::Language::French));
    m_ui->themeCombo->addItem(tr("Same as the desktop"), int(AppSettings::Theme::System));
    m_ui->themeCombo->addItem(tr("Light"), int(AppSettings::Theme::Light));
    m_ui->themeCombo->addItem(tr("Dark"), int(AppSettings::Theme::Dark));
    m_ui->proxyTypeCombo->addItem(tr("HTTP"), int(AppSettings::ProxyType::Http));
    m_ui->proxyTypeCombo->addItem(tr("SOCKS5"), int(AppSettings::ProxyType::Socks5));
    m_ui->parallelTransfersSpin->setRange(AppSettings::kMinParallelTransfers,
                                          AppSettings::kMaxParallelTransfers);
    m_ui->thumbnailCacheSpin->setRange(AppSettings::kMinThumbnailCacheMegabytes,
                                       AppSettings::kMaxThumbnailCacheMegabytes);

    connect(m_ui->manualProxyRadio, &QRadioButton::toggled, this, &SettingsDialog::updateProxyFields);
    connect(m_ui->languageCombo, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateLanguageNote);
    connect(m_ui->themeCombo, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT themePreviewed(values().theme); });
    connect(m_ui->resetInfoBarsButton, &QPushButton::clicked, this, [this] {
        m_resetInfoBars = true;
        m_ui->resetInfoBarsButton->setEnabled(false);
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_ui->buttonBox->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] { setValues(AppSettings {}); });
    setValues(m_loaded);
    setProxyPassword(nullptr);
}

void SettingsDialog::setProxyPassword(ProxyPassword *password)
{
    m_proxyPassword = password;
    m_ui->proxyPasswordLabel->setVisible(password != nullptr);
    m_ui->proxyPasswordEdit->setVisible(password != nullptr);
    m_ui->proxyPasswordNote->setVisible(password != nullptr);
    m_ui->proxyPasswordEdit->setText(password != nullptr ? password->password() : QString());
}

SettingsDialog::~SettingsDialog() = default;

AppSettings SettingsDialog::values() const
{
    // What the form does not show (the dock's pin, closed messages, the details panel's Technical section)
    // stays as it is.
    AppSettings values = m_preferences->values();
    if (m_resetInfoBars)
        values.dismissedInfoBars.clear();
    values.theme = AppSettings::Theme(m_ui->themeCombo->currentData().toInt());
    values.language = AppSettings::Language(m_ui->languageCombo->currentData().toInt());
    values.proxyMode = m_ui->manualProxyRadio->isChecked() ? AppSettings::ProxyMode::Manual
        : m_ui->noProxyRadio->isChecked()                  ? AppSettings::ProxyMode::None
                                                           : AppSettings::ProxyMode::System;
    values.proxyType = AppSettings::ProxyType(m_ui->proxyTypeCombo->currentData().toInt());
    values.proxyHost = m_ui->proxyHostEdit->text().trimmed();
    values.proxyPort = m_ui->proxyPortSpin->value();
    values.proxyUser = m_ui->proxyUserEdit->text().trimmed();
    values.parallelTransfers = m_ui->parallelTransfersSpin->value();
    values.thumbnailCacheMegabytes = m_ui->thumbnailCacheSpin->value();
    values.askBeforeUploadingGivenFiles = m_ui->askGivenFilesCheck->isChecked();
    return values;
}

void SettingsDialog::setValues(const AppSettings &values)
{
    m_ui->languageCombo->setCurrentIndex(qMax(0, m_ui->languageCombo->findData(int(values.language))));
    switch (values.proxyMode) {
    case AppSettings::ProxyMode::System:
        m_ui->systemProxyRadio->setChecked(true);
        break;
    case AppSettings::ProxyMode::None:
        m_ui->noProxyRadio->setChecked(true);
        break;
    case AppSettings::ProxyMode::Manual:
        m_ui->manualProxyRadio->setChecked(true);
        break;
    }
    m_ui->proxyTypeCombo->setCurrentIndex(qMax(0, m_ui->proxyTypeCombo->findData(int(values.proxyType))));
    m_ui->proxyHostEdit->setText(values.proxyHost);
    m_ui->proxyPortSpin->setValue(values.proxyPort);
    m_ui->proxyUserEdit->setText(values.proxyUser);
    m_ui->parallelTransfersSpin->setValue(values.parallelTransfers);
    m_ui->thumbnailCacheSpin->setValue(values.thumbnailCacheMegabytes);
    m_ui->askGivenFilesCheck->setChecked(values.askBeforeUploadingGivenFiles);
    m_ui->themeCombo->setCurrentIndex(qMax(0, m_ui->themeCombo->findData(int(values.theme))));
    m_ui->resetInfoBarsButton->setEnabled(!m_resetInfoBars
                                          && !m_preferences->values().dismissedInfoBars.isEmpty());
    m_ui->statusLabel->clear();
    updateProxyFields();
    updateLanguageNote();
}

void SettingsDialog::updateProxyFields()
{
    m_ui->manualProxyFields->setEnabled(m_ui->manualProxyRadio->isChecked());
}

void SettingsDialog::updateLanguageNote()
{
    const bool changed = values().language != m_loaded.language;
    m_ui->languageNote->setText(changed ? tr("The new language is used after you restart Stratus.")
                                        : tr("Stratus uses a new language after a restart."));
}

void SettingsDialog::accept()
{
    const AppSettings chosen = values();
    if (chosen.proxyMode == AppSettings::ProxyMode::Manual && chosen.proxyHost.isEmpty()) {
        m_ui->statusLabel->setText(
            tr("Enter the proxy’s host name, or choose “System default” or “No proxy”."));
        m_ui->proxyHostEdit->setFocus();
        return;
    }
    // The password first: should the keychain refuse it, nothing is changed and the dialog stays.
    const QString password = m_ui->proxyPasswordEdit->text();
    ProxyPassword *proxyPassword = m_proxyPassword.data();
    if (proxyPassword != nullptr && password != proxyPassword->password()) {
        m_ui->buttonBox->setEnabled(false);
        m_ui->statusLabel->setText(tr("Saving the password in your keychain…"));
        proxyPassword->setPassword(password,
                                   [self = QPointer(this)](const core::Result<core::Done> &written) {
                                       if (SettingsDialog *dialog = self.data())
                                           dialog->passwordWritten(written);
                                   });
        return;
    }
    finishAccept();
}

void SettingsDialog::passwordWritten(const core::Result<core::Done> &written)
{
    m_ui->buttonBox->setEnabled(true);
    if (!written) {
        m_ui->statusLabel->setText(ErrorPresenter::text(written.error()));
        return;
    }
    finishAccept();
}

void SettingsDialog::finishAccept()
{
    if (auto saved = m_preferences->setValues(values()); !saved) {
        m_ui->statusLabel->setText(ErrorPresenter::text(saved.error()));
        return;
    }
    m_loaded = m_preferences->values();
    QDialog::accept();
}

void SettingsDialog::reject()
{
    // The preview goes back to what is in use.
    if (values().theme != m_loaded.theme)
        Q_EMIT themePreviewed(m_loaded.theme);
    QDialog::reject();
}

} // namespace stratus::gui
