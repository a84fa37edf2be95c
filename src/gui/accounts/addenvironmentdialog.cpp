#include "addenvironmentdialog.h"

#include "accountmessages.h"
#include "checkbatch.h"
#include "checkmessages.h"
#include "environmenturl.h"
#include "provisioningpage.h"
#include "signinpage.h"

#include "core/accounts/accountstore.h"
#include "core/net/neterror.h"
#include "core/net/transportsecurity.h"
#include "core/util/secretmemory.h"
#include "gui/errors/errorpresenter.h"

#include "ui_addenvironmentdialog.h"

#include <QCheckBox>
#include <QPushButton>
#include <QTabBar>

using namespace Qt::StringLiterals;

namespace stratus::gui {

namespace {

core::Error invalid(const QString &message)
{
    return core::makeError(core::Error::Kind::InvalidInput, message);
}

} // namespace

AddEnvironmentDialog::AddEnvironmentDialog(core::AccountStore *store, QNetworkAccessManager *network,
                                           QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AddEnvironmentDialog>())
    , m_store(store)
    , m_network(network)
{
    m_ui->setupUi(this);
    setObjectName(u"addEnvironmentDialog"_s);
    m_provisioning = new ProvisioningPage(store, network, this);
    m_ui->methodTabs->addTab(m_provisioning, tr("From Account (&Provisioning)"));
    // Signing in comes first: it is the way for everyone, also for those who cannot see API keys.
    m_signIn = new SignInPage(network, this);
    m_ui->methodTabs->insertTab(0, m_signIn, tr("Sign &In with Cloudinary"));
    m_ui->methodTabs->setCurrentIndex(0);
    m_oauth = core::OAuthConfig::fromBuild();
    m_addButton = m_ui->buttonBox->addButton(tr("&Add"), QDialogButtonBox::AcceptRole);
    m_addButton->setObjectName(u"addButton"_s);
    m_addButton->setDefault(true);
    m_ui->busyIndicator->hide();
    m_ui->statusLabel->setAccessibleName(tr("Status"));
    fillAccounts();

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &AddEnvironmentDialog::add);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &AddEnvironmentDialog::reject);
    connect(m_ui->methodTabs, &QTabWidget::currentChanged, this, [this] {
        updateForPage();
        inputChanged();
    });
    for (QLineEdit *edit : {m_ui->urlEdit, m_ui->cloudNameEdit, m_ui->apiKeyEdit, m_ui->apiSecretEdit,
                            m_ui->uploadPrefixEdit, m_ui->accountLabelEdit})
        connect(edit, &QLineEdit::textChanged, this, &AddEnvironmentDialog::inputChanged);
    connect(m_ui->nameEdit, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_nameEdited = !text.isEmpty();
        inputChanged();
    });
    connect(m_ui->accountCombo, &QComboBox::currentIndexChanged, this, [this] {
        updateForPage();
        inputChanged();
    });
    connect(m_ui->insecureTransportCheck, &QCheckBox::toggled, this,
            [this] { showStatus(QString(), false); });
    connect(m_provisioning, &ProvisioningPage::edited, this, &AddEnvironmentDialog::inputChanged);
    connect(m_provisioning, &ProvisioningPage::status, this, &AddEnvironmentDialog::showStatus);
    connect(m_provisioning, &ProvisioningPage::busyChanged, this, [this](bool busy) {
        m_ui->busyIndicator->setVisible(busy);
        m_addButton->setEnabled(!busy);
    });
    connect(m_signIn, &SignInPage::signedIn, this, &AddEnvironmentDialog::onSignedIn);
    connect(m_signIn, &SignInPage::apiKeysRequested, this, [this] {
        m_ui->methodTabs->setCurrentWidget(m_ui->urlPage);
        m_ui->urlEdit->setFocus();
    });
    // While the browser is out, the other ways wait: one way at a time.
    connect(m_signIn, &SignInPage::busyChanged, this,
            [this](bool busy) { m_ui->methodTabs->tabBar()->setEnabled(!busy); });
    // The Local sandbox may start (or stop) while the dialog is open.
    connect(m_store, &core::AccountStore::changed, this, &AddEnvironmentDialog::updateSignInWays);
    updateSignInWays();
    updateForPage();
}

AddEnvironmentDialog::~AddEnvironmentDialog()
{
    clearSecrets();
}

void AddEnvironmentDialog::fillAccounts()
{
    m_ui->accountCombo->clear();
    m_ui->accountCombo->addItem(tr("New account"), QString());
    for (const core::AccountRecord &account : m_store->accounts()) {
        // Environments join accounts the user can use now; the local sandbox is the app's own.
        if (account.loggedIn && !account.embeddedSandbox)
            m_ui->accountCombo->addItem(account.label, account.id);
    }
}

void AddEnvironmentDialog::setTargetAccount(const QString &accountId)
{
    const int index = accountId.isEmpty() ? 0 : m_ui->accountCombo->findData(accountId);
    m_ui->accountCombo->setCurrentIndex(qMax(0, index));
}

bool AddEnvironmentDialog::isBusy() const
{
    return m_batch || m_saving || m_provisioning->isBusy() || m_signIn->isBusy();
}

bool AddEnvironmentDialog::onProvisioningPage() const
{
    return m_ui->methodTabs->currentWidget() == m_provisioning;
}

bool AddEnvironmentDialog::onSignInPage() const
{
    return m_ui->methodTabs->currentWidget() == m_signIn;
}

void AddEnvironmentDialog::updateForPage()
{
    // Signing in needs no name, account or Add: the page has its own button, the token names the
    // environment, and it becomes an account of its own.
    const bool signIn = onSignInPage();
    m_ui->introLabel->setVisible(!signIn);
    m_ui->saveGroup->setVisible(!signIn);
    m_addButton->setVisible(!signIn);
    m_addButton->setDefault(!signIn);
    const bool single = !onProvisioningPage();
    m_ui->nameLabel->setVisible(single);
    m_ui->nameEdit->setVisible(single);
    const bool newAccount = m_ui->accountCombo->currentIndex() <= 0;
    m_ui->accountLabelEdit->setEnabled(newAccount);
    m_ui->accountLabelLabel->setEnabled(newAccount);
}

QString AddEnvironmentDialog::enteredCloudName() const
{
    if (m_ui->methodTabs->currentWidget() == m_ui->urlPage) {
        auto url
            = core::CloudinaryUrl::parse(m_ui->urlEdit->text().trimmed(), core::CloudinaryUrl::Kind::Cloud);
        return url ? url->cloudName() : QString();
    }
    if (m_ui->methodTabs->currentWidget() == m_ui->keysPage)
        return m_ui->cloudNameEdit->text().trimmed();
    return {};
}

QString AddEnvironmentDialog::insecureHost() const
{
    QString prefix;
    if (m_ui->methodTabs->currentWidget() == m_ui->urlPage) {
        auto url
            = core::CloudinaryUrl::parse(m_ui->urlEdit->text().trimmed(), core::CloudinaryUrl::Kind::Cloud);
        prefix = url ? url->uploadPrefix() : QString();
    } else if (m_ui->methodTabs->currentWidget() == m_ui->keysPage) {
        prefix = m_ui->uploadPrefixEdit->text().trimmed();
    }
    // Only an address the API could be called at: anything else fails as it is, with its own words.
    const QUrl base(prefix, QUrl::StrictMode);
    if (prefix.isEmpty() || !base.isValid() || base.host().isEmpty() || base.scheme().toLower() != u"http")
        return {};
    return core::sendsInClear(base) ? base.host() : QString();
}

void AddEnvironmentDialog::updateTransportWarning()
{
    const QString host = insecureHost();
    // Consent is for one host: another address asks again.
    if (host != m_insecureHost)
        m_ui->insecureTransportCheck->setChecked(false);
    m_insecureHost = host;
    m_ui->insecureTransportWarning->setVisible(!host.isEmpty());
    m_ui->insecureTransportCheck->setVisible(!host.isEmpty());
    if (host.isEmpty())
        return;
    m_ui->insecureTransportWarning->setText(AccountMessages::insecureTransportWarning(host));
    m_ui->insecureTransportCheck->setText(AccountMessages::insecureTransportConsent(host));
}

void AddEnvironmentDialog::inputChanged()
{
    updateTransportWarning();
    // New input deserves a new test: a permission warning seen before no longer counts.
    if (m_acceptLimited) {
        m_acceptLimited = false;
        m_addButton->setText(tr("&Add"));
        showStatus(QString(), false);
    }
    if (!m_nameEdited)
        m_ui->nameEdit->setText(enteredCloudName());
}

core::Result<AddEnvironmentDialog::Pending> AddEnvironmentDialog::singleEnvironment() const
{
    core::CloudinaryUrl url;
    QString secret;
    if (m_ui->methodTabs->currentWidget() == m_ui->urlPage) {
        const QString text = m_ui->urlEdit->text().trimmed();
        if (text.isEmpty())
            return invalid(tr("Paste the CLOUDINARY_URL of the product environment."));
        auto parsed = core::CloudinaryUrl::parse(text, core::CloudinaryUrl::Kind::Cloud);
        if (!parsed)
            return invalid(
                tr("This is not a CLOUDINARY_URL: %1").arg(ErrorPresenter::richText(parsed.error())));
        if (parsed->apiKey().isEmpty() || !parsed->hasApiSecret())
            return invalid(tr("The URL needs an API key and an API secret: "
                              "cloudinary://API_KEY:API_SECRET@CLOUD_NAME."));
        secret = parsed->apiSecret();
        url = parsed->withoutSecret();
    } else {
        const QString cloud = m_ui->cloudNameEdit->text().trimmed();
        const QString key = m_ui->apiKeyEdit->text().trimmed();
        secret = m_ui->apiSecretEdit->text();
        if (cloud.isEmpty() || key.isEmpty() || secret.isEmpty())
            return invalid(tr("Enter the cloud name, the API key and the API secret."));
        QList<core::CloudinaryUrl::QueryItem> query;
        const QString prefix = m_ui->uploadPrefixEdit->text().trimmed();
        if (!prefix.isEmpty())
            query.append({u"upload_prefix"_s, prefix});
        auto built = environmentUrl(cloud, key, query);
        if (!built)
            return invalid(tr("The cloud name or API key is not valid: %1")
                               .arg(ErrorPresenter::richText(built.error())));
        url = *built;
    }
    Pending pending;
    pending.record.id = core::AccountStore::newId();
    pending.record.url = url;
    pending.record.name = m_ui->nameEdit->text().trimmed();
    if (pending.record.name.isEmpty())
        pending.record.name = url.cloudName();
    if (const core::NameCheck check = core::checkName(pending.record.name); !check.ok())
        return invalid(AccountMessages::nameProblem(check));
    if (m_store->environmentByName(pending.record.name) || m_store->damagedEnvironment(pending.record.name))
        return invalid(tr("An environment named “%1” exists already. Choose another name.")
                           .arg(pending.record.name.toHtmlEscaped()));
    if (const QString host = insecureHost(); !host.isEmpty()) {
        if (!m_ui->insecureTransportCheck->isChecked())
            return invalid(AccountMessages::insecureTransportNeedsConsent(host));
        pending.record.allowInsecureTransport = true;
    }
    pending.secret = secret;
    return pending;
}

core::Result<AddEnvironmentDialog::Plan> AddEnvironmentDialog::makePlan() const
{
    Plan plan;
    const QString existing = m_ui->accountCombo->currentData().toString();
    plan.newAccount = existing.isEmpty();
    if (onProvisioningPage()) {
        auto selection = m_provisioning->selection();
        if (!selection)
            return selection.error();
        for (ProvisioningPage::Choice &choice : selection.value().environments) {
            if (const core::NameCheck check = core::checkName(choice.name); !check.ok())
                return invalid(AccountMessages::nameProblem(check));
            Pending pending;
            pending.record.id = core::AccountStore::newId();
            pending.record.name = choice.name;
            pending.record.url = choice.url;
            pending.secret = std::move(choice.secret);
            plan.environments.append(std::move(pending));
        }
        if (plan.newAccount) {
            plan.account.provisioningUrl = selection->accountUrl;
            plan.account.hasProvisioning = true;
            plan.provisioningSecret = selection->provisioningSecret;
        }
    } else {
        auto single = singleEnvironment();
        if (!single)
            return single.error();
        plan.environments.append(std::move(single).value());
    }

    if (!plan.newAccount) {
        const core::AccountRecord *account = m_store->account(existing);
        if (!account)
            return invalid(tr("The chosen account no longer exists."));
        plan.account = *account;
        return plan;
    }
    plan.account.id = core::AccountStore::newId();
    plan.account.label = m_ui->accountLabelEdit->text().trimmed();
    if (plan.account.label.isEmpty())
        plan.account.label
            = onProvisioningPage() ? m_provisioning->accountId() : plan.environments.first().record.name;
    if (const core::NameCheck check = core::checkName(plan.account.label); !check.ok())
        return invalid(AccountMessages::nameProblem(check));
    if (m_store->accountByLabel(plan.account.label))
        return invalid(tr("An account labelled “%1” exists already. Choose it under Account, or give the new "
                          "account another label.")
                           .arg(plan.account.label.toHtmlEscaped()));
    return plan;
}

void AddEnvironmentDialog::add()
{
    if (isBusy())
        return;
    auto plan = makePlan();
    if (!plan) {
        showStatus(plan.error().message, true);
        return;
    }
    m_plan = std::move(plan).value();
    QList<CheckBatch::Item> items;
    for (const Pending &pending : std::as_const(m_plan->environments))
        items.append(CheckBatch::Item::withTypedSecret(
            pending.record.name, pending.record.url, pending.secret, pending.record.allowInsecureTransport));
    m_batch = CheckBatch::run(
        m_network, std::move(items), this, [this](const QString &text) { showStatus(text, false); },
        [this](const CheckBatch &batch) {
            m_batch.clear();
            onChecked(batch);
        });
    setBusy(true);
}

void AddEnvironmentDialog::onChecked(const CheckBatch &batch)
{
    if (batch.wasCancelled() || !m_plan) {
        m_plan.reset();
        setBusy(false);
        showStatus(tr("The test was cancelled. Nothing was saved."), false);
        return;
    }
    const QList<CheckBatch::Outcome> &outcomes = batch.outcomes();
    const bool limitedOnly = CheckMessages::onlyPermissionProblems(outcomes);
    if (!batch.succeeded() && !(limitedOnly && m_acceptLimited)) {
        m_plan.reset();
        setBusy(false);
        if (limitedOnly) {
            m_acceptLimited = true;
            m_addButton->setText(tr("&Add Anyway"));
        }
        showStatus(CheckMessages::failures(outcomes), true);
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < outcomes.size() && i < m_plan->environments.size(); ++i) {
        core::EnvironmentRecord &record = m_plan->environments[i].record;
        const auto &result = outcomes.at(i).result;
        if (result.ok()) {
            record.folderMode = result->folderMode;
            record.deniedFeatures = result->deniedFeatures;
            record.checkedAt = now;
        } else {
            // Limited keys the user chose to keep: remember what the server refused.
            record.deniedFeatures.insert(QString(core::Feature::Admin), result.error().message);
        }
    }
    save();
}

void AddEnvironmentDialog::save()
{
    m_saving = true;
    showStatus(tr("Saving the secret in your keychain…"), false);
    if (m_plan->newAccount) {
        QList<std::pair<core::EnvironmentRecord, QString>> environments;
        QStringList ids;
        for (const Pending &pending : std::as_const(m_plan->environments)) {
            environments.append({pending.record, pending.secret});
            ids.append(pending.record.id);
        }
        m_store->addAccount(m_plan->account, std::move(environments), m_plan->provisioningSecret, this,
                            [this, ids](core::Result<core::Done> result) {
                                if (result)
                                    saved(ids);
                                else
                                    failed(CheckMessages::storeProblem(result.error()));
                            });
        return;
    }
    QList<Pending> remaining = m_plan->environments;
    for (Pending &pending : remaining)
        pending.record.accountId = m_plan->account.id;
    saveInto(std::move(remaining), {});
}

void AddEnvironmentDialog::saveInto(QList<Pending> remaining, QStringList added)
{
    if (remaining.isEmpty()) {
        saved(added);
        return;
    }
    Pending next = remaining.takeFirst();
    const QString id = next.record.id;
    m_store->addEnvironment(next.record, next.secret, this,
                            [this, remaining, added, id](core::Result<core::Done> result) mutable {
                                if (!result) {
                                    undoAndFail(added, result.error());
                                    return;
                                }
                                added.append(id);
                                saveInto(std::move(remaining), std::move(added));
                            });
    core::wipe(next.secret);
}

void AddEnvironmentDialog::undoAndFail(QStringList added, const core::Error &error)
{
    // Several environments go into an existing account one by one: take back those already in,
    // so that a failure leaves the account as it was.
    if (added.isEmpty()) {
        failed(CheckMessages::storeProblem(error));
        return;
    }
    const QString id = added.takeLast();
    m_store->removeEnvironment(id, this,
                               [this, added, error](core::Result<core::Done>) { undoAndFail(added, error); });
}

void AddEnvironmentDialog::saved(const QStringList &environmentIds)
{
    m_saving = false;
    m_added = environmentIds;
    m_plan.reset();
    setBusy(false);
    Q_EMIT environmentsAdded(environmentIds);
    accept();
}

void AddEnvironmentDialog::failed(const QString &richText)
{
    m_saving = false;
    m_plan.reset();
    setBusy(false);
    showStatus(richText, true);
}

void AddEnvironmentDialog::setBusy(bool busy)
{
    m_ui->busyIndicator->setVisible(busy);
    m_ui->methodTabs->setEnabled(!busy);
    m_ui->saveGroup->setEnabled(!busy);
    m_addButton->setEnabled(!busy);
    if (!busy)
        updateForPage();
}

void AddEnvironmentDialog::showStatus(const QString &richText, bool isError)
{
    m_ui->statusLabel->setProperty("error", isError);
    m_ui->statusLabel->setText(richText);
}

void AddEnvironmentDialog::reject()
{
    if (m_signIn->isBusy() && !m_signedIn) {
        m_signIn->cancel();
        return;
    }
    if (m_batch) {
        m_batch->cancel();
        return;
    }
    if (m_provisioning->isBusy()) {
        m_provisioning->cancel();
        return;
    }
    if (m_saving)
        return; // the keychain answers quickly; leaving now would hide whether it saved
    QDialog::reject();
}

void AddEnvironmentDialog::done(int result)
{
    clearSecrets();
    QDialog::done(result);
}

void AddEnvironmentDialog::clearSecrets()
{
    m_ui->urlEdit->clear();
    m_ui->apiSecretEdit->clear();
    m_provisioning->clearSecrets();
    if (m_plan) {
        for (Pending &pending : m_plan->environments)
            core::wipe(pending.secret);
        core::wipe(m_plan->provisioningSecret);
    }
    m_signedIn.reset();
}

} // namespace stratus::gui
