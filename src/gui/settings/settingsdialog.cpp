#include "settingsdialog.h"

#include "preferences.h"

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
    m_ui->proxyTypeCombo->addItem(tr("HTTP"), int(AppSettings::ProxyType::Http));
    m_ui->proxyTypeCombo->addItem(tr("SOCKS5"), int(AppSettings::ProxyType::Socks5));
    m_ui->parallelTransfersSpin->setRange(AppSettings::kMinParallelTransfers,
                                          AppSettings::kMaxParallelTransfers);
    m_ui->thumbnailCacheSpin->setRange(AppSettings::kMinThumbnailCacheMegabytes,
                                       AppSettings::kMaxThumbnailCacheMegabytes);

    connect(m_ui->manualProxyRadio, &QRadioButton::toggled, this, &SettingsDialog::updateProxyFields);
    connect(m_ui->languageCombo, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateLanguageNote);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_ui->buttonBox->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] { setValues(AppSettings {}); });
    setValues(m_loaded);
}

SettingsDialog::~SettingsDialog() = default;

AppSettings SettingsDialog::values() const
{
    // What the dialog does not show (the details panel's Technical section) stays as it is.
    AppSettings values = m_preferences->values();
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
    if (auto saved = m_preferences->setValues(chosen); !saved) {
        m_ui->statusLabel->setText(ErrorPresenter::text(saved.error()));
        return;
    }
    m_loaded = m_preferences->values();
    QDialog::accept();
}

} // namespace stratus::gui
