#include "logindialog.h"

#include "checkbatch.h"
#include "checkmessages.h"

#include "core/accounts/accountstore.h"

#include "ui_logindialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace stratus::gui {

LogInDialog::LogInDialog(core::AccountStore *store, QNetworkAccessManager *network, QString accountId,
                         QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::LogInDialog>())
    , m_store(store)
    , m_network(network)
    , m_accountId(std::move(accountId))
{
    m_ui->setupUi(this);
    setObjectName(u"logInDialog"_s);
    m_ui->busyIndicator->hide();
    m_logInButton = m_ui->buttonBox->addButton(tr("&Log In"), QDialogButtonBox::AcceptRole);
    m_logInButton->setObjectName(u"logInButton"_s);
    m_logInButton->setDefault(true);

    const core::AccountRecord *account = m_store->account(m_accountId);
    const QString label = account ? account->displayLabel() : QString();
    setWindowTitle(tr("Log In to %1").arg(label));
    m_ui->introLabel->setText(
        tr("Enter the API secret of each product environment of “%1” again. Stratus tests "
           "them before it stores them in your keychain.")
            .arg(label));
    for (const core::EnvironmentRecord &env : m_store->environmentsOf(m_accountId)) {
        if (env.embeddedSandbox)
            continue;
        auto *edit = new QLineEdit(this);
        edit->setObjectName(u"secretEdit_"_s + env.name);
        edit->setEchoMode(QLineEdit::Password);
        edit->setPlaceholderText(tr("API secret"));
        auto *fieldLabel = new QLabel(
            tr("%1 (cloud %2, key %3):").arg(env.displayName(), env.cloudName(), env.apiKey()), this);
        fieldLabel->setBuddy(edit);
        m_ui->secretsLayout->addRow(fieldLabel, edit);
        m_secretEdits.insert(env.id, edit);
    }
    if (account && account->hasProvisioning) {
        m_provisioningEdit = new QLineEdit(this);
        m_provisioningEdit->setObjectName(u"provisioningSecretEdit"_s);
        m_provisioningEdit->setEchoMode(QLineEdit::Password);
        m_provisioningEdit->setPlaceholderText(tr("Optional"));
        auto *fieldLabel = new QLabel(
            tr("Provisioning secret (account %1):").arg(account->provisioningUrl.accountId()), this);
        fieldLabel->setBuddy(m_provisioningEdit);
        m_ui->secretsLayout->addRow(fieldLabel, m_provisioningEdit);
    }

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &LogInDialog::logIn);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &LogInDialog::reject);
}

LogInDialog::~LogInDialog()
{
    clearSecrets();
}

bool LogInDialog::isBusy() const
{
    return m_batch || m_saving;
}

void LogInDialog::logIn()
{
    if (isBusy())
        return;
    QList<CheckBatch::Item> items;
    m_checkedIds.clear();
    for (const core::EnvironmentRecord &env : m_store->environmentsOf(m_accountId)) {
        QLineEdit *edit = m_secretEdits.value(env.id);
        if (!edit)
            continue;
        if (edit->text().isEmpty()) {
            showStatus(tr("Enter the API secret of “%1”.").arg(env.displayName().toHtmlEscaped()), true);
            edit->setFocus();
            return;
        }
        // The secret may go where the stored environment lets it, no further.
        items.append(CheckBatch::Item::withTypedSecret(env.displayName(), m_store->effectiveUrl(env.id),
                                                       edit->text(), env.allowInsecureTransport));
        m_checkedIds.append(env.id);
    }
    m_batch = CheckBatch::run(
        m_network, std::move(items), this, [this](const QString &text) { showStatus(text, false); },
        [this](const CheckBatch &batch) {
            m_batch.clear();
            onChecked(batch);
        });
    setBusy(true);
}

void LogInDialog::onChecked(const CheckBatch &batch)
{
    if (batch.wasCancelled()) {
        setBusy(false);
        showStatus(tr("The test was cancelled. You are still logged out."), false);
        return;
    }
    if (!batch.succeeded()) {
        setBusy(false);
        showStatus(CheckMessages::failures(batch.outcomes()), true);
        return;
    }
    QHash<QString, QString> secrets;
    for (auto it = m_secretEdits.cbegin(); it != m_secretEdits.cend(); ++it)
        secrets.insert(it.key(), it.value()->text());
    const QString provisioningSecret = m_provisioningEdit ? m_provisioningEdit->text() : QString();
    const QList<CheckBatch::Outcome> outcomes = batch.outcomes();
    const QStringList ids = m_checkedIds;
    m_saving = true;
    showStatus(tr("Saving the secrets in your keychain…"), false);
    m_store->logIn(m_accountId, std::move(secrets), provisioningSecret, this,
                   [this, outcomes, ids](core::Result<core::Done> result) {
                       m_saving = false;
                       setBusy(false);
                       if (!result) {
                           showStatus(CheckMessages::storeProblem(result.error()), true);
                           return;
                       }
                       // What the tests learnt is news worth keeping (folder mode, denied features).
                       const QDateTime now = QDateTime::currentDateTimeUtc();
                       for (int i = 0; i < outcomes.size() && i < ids.size(); ++i) {
                           const core::EnvironmentRecord *stored = m_store->environment(ids.at(i));
                           if (!stored || !outcomes.at(i).result.ok())
                               continue;
                           core::EnvironmentRecord checked = *stored;
                           checked.folderMode = outcomes.at(i).result->folderMode;
                           checked.deniedFeatures = outcomes.at(i).result->deniedFeatures;
                           checked.checkedAt = now;
                           (void)m_store->updateCheck(checked);
                       }
                       accept();
                   });
}

void LogInDialog::setBusy(bool busy)
{
    m_ui->busyIndicator->setVisible(busy);
    m_logInButton->setEnabled(!busy);
    for (QLineEdit *edit : std::as_const(m_secretEdits))
        edit->setEnabled(!busy);
    if (m_provisioningEdit)
        m_provisioningEdit->setEnabled(!busy);
}

void LogInDialog::showStatus(const QString &richText, bool isError)
{
    m_ui->statusLabel->setProperty("error", isError);
    m_ui->statusLabel->setText(richText);
}

void LogInDialog::reject()
{
    if (m_batch) {
        m_batch->cancel();
        return;
    }
    if (m_saving)
        return;
    QDialog::reject();
}

void LogInDialog::done(int result)
{
    clearSecrets();
    QDialog::done(result);
}

void LogInDialog::clearSecrets()
{
    for (QLineEdit *edit : std::as_const(m_secretEdits))
        edit->clear();
    if (m_provisioningEdit)
        m_provisioningEdit->clear();
}

} // namespace stratus::gui
