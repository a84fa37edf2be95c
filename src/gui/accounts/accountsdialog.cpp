#include "accountsdialog.h"
#include "accountsdialog_p.h"

#include "accountmessages.h"
#include "addenvironmentdialog.h"
#include "checkbatch.h"
#include "checkmessages.h"
#include "logindialog.h"
#include "secretprompt.h"

#include "core/accounts/accountstore.h"
#include "core/api/apiendpoint.h"
#include "core/net/transportsecurity.h"
#include "core/util/secretmemory.h"
#include "words/errorwords.h"

#include "ui_accountsdialog.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QKeySequence>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidgetItemIterator>

using namespace Qt::StringLiterals;

namespace stratus::gui {

namespace {

using namespace accountsdialog;

// How the environment's API calls are made: with a sign-in's tokens, or with its API key (and secret).
QString credentialText(const core::EnvironmentRecord &env)
{
    if (env.embeddedSandbox)
        return AccountsDialog::tr("Built in");
    if (env.usesToken())
        return AccountsDialog::tr("Signed in with Cloudinary");
    return AccountsDialog::tr("API key %1").arg(env.apiKey());
}

QString row(const QString &name, const QString &value)
{
    return u"<tr><td>%1&nbsp;</td><td>%2</td></tr>"_s.arg(name, value);
}

// The host an environment's API calls go to over plain http on another computer; empty if none.
QString insecureHost(const core::CloudinaryUrl &url)
{
    const auto endpoint = core::ApiEndpoint::forEnvironment(url);
    return endpoint && core::sendsInClear(endpoint->baseUrl()) ? endpoint->baseUrl().host() : QString();
}

} // namespace

AccountsDialog::AccountsDialog(core::AccountStore *store, QNetworkAccessManager *network, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AccountsDialog>())
    , m_store(store)
    , m_network(network)
{
    m_ui->setupUi(this);
    setObjectName(u"accountsDialog"_s);
    m_ui->busyIndicator->hide();
    m_ui->accountTree->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_ui->accountTree->setAccessibleName(tr("Accounts and product environments"));

    const struct
    {
        QPushButton *button;
        QKeySequence shortcut;
        QString toolTip;
        void (AccountsDialog::*action)();
    } actions[] = {
        {m_ui->addButton, QKeySequence::New, tr("Add a product environment"),
         &AccountsDialog::addEnvironment},
        {m_ui->editButton, QKeySequence(Qt::Key_F2), tr("Rename the account or environment"),
         &AccountsDialog::editLabel},
        {m_ui->testButton, QKeySequence(Qt::CTRL | Qt::Key_T), tr("Test the credentials against Cloudinary"),
         &AccountsDialog::testConnection},
        {m_ui->logOutButton, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
         tr("Remove the account’s secrets from this computer until you log in again"),
         &AccountsDialog::confirmLogOut},
        {m_ui->logInButton, QKeySequence(Qt::CTRL | Qt::Key_L), tr("Enter the account’s secrets again"),
         &AccountsDialog::logIn},
        {m_ui->removeButton, QKeySequence::Delete, tr("Remove from Stratus; nothing changes in Cloudinary"),
         &AccountsDialog::confirmRemove},
        {m_ui->consoleEmailButton, QKeySequence(Qt::CTRL | Qt::Key_E),
         tr("The e-mail address the Media Library signs in to Cloudinary’s console with"),
         &AccountsDialog::editConsoleEmail},
    };
    for (const auto &entry : actions) {
        entry.button->setShortcut(entry.shortcut);
        entry.button->setAutoDefault(false);
        const QString toolTip
            = tr("%1 (%2)").arg(entry.toolTip, entry.shortcut.toString(QKeySequence::NativeText));
        entry.button->setToolTip(toolTip);
        entry.button->setProperty("defaultToolTip", toolTip);
        connect(entry.button, &QPushButton::clicked, this, entry.action);
    }

    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->remedyButton, &QPushButton::clicked, this, [this] {
        if (auto remedy = std::exchange(m_remedy, nullptr)) {
            m_ui->remedyButton->hide();
            remedy();
        }
    });
    connect(m_ui->accountTree, &QTreeWidget::currentItemChanged, this, [this] {
        updateActions();
        showDetails();
    });
    connect(m_ui->accountTree, &QTreeWidget::itemChanged, this, &AccountsDialog::labelEdited);
    connect(m_ui->allowInsecureCheck, &QCheckBox::clicked, this,
            &AccountsDialog::setInsecureTransportAllowed);
    connect(m_ui->accountTree->itemDelegate(), &QAbstractItemDelegate::closeEditor, this, [this] {
        m_editing = false;
        if (m_rebuildPending)
            QMetaObject::invokeMethod(this, &AccountsDialog::rebuild, Qt::QueuedConnection);
    });
    // Queued: a change may come from inside the tree's own editing (itemChanged), which must not
    // see its items deleted under it.
    connect(m_store, &core::AccountStore::changed, this, &AccountsDialog::rebuild, Qt::QueuedConnection);
    rebuild();
}

AccountsDialog::~AccountsDialog() = default;

std::optional<AccountsDialog::Selection> AccountsDialog::selected() const
{
    const QTreeWidgetItem *item = m_ui->accountTree->currentItem();
    if (!item)
        return std::nullopt;
    const auto kind = Kind(item->data(NameColumn, KindRole).toInt());
    const QString id = item->data(NameColumn, IdRole).toString();
    if (kind == Kind::Account)
        return Selection {kind, id, id};
    const core::EnvironmentRecord *env = m_store->environment(id);
    if (!env)
        return std::nullopt;
    return Selection {kind, id, env->accountId};
}

QTreeWidgetItem *AccountsDialog::findItem(Kind kind, const QString &id) const
{
    for (QTreeWidgetItemIterator it(m_ui->accountTree); *it; ++it) {
        if (Kind((*it)->data(NameColumn, KindRole).toInt()) == kind && (*it)->data(NameColumn, IdRole) == id)
            return *it;
    }
    return nullptr;
}

void AccountsDialog::selectAccount(const QString &accountId)
{
    if (QTreeWidgetItem *item = findItem(Kind::Account, accountId))
        m_ui->accountTree->setCurrentItem(item);
}

void AccountsDialog::selectEnvironment(const QString &environmentId)
{
    if (QTreeWidgetItem *item = findItem(Kind::Environment, environmentId))
        m_ui->accountTree->setCurrentItem(item);
}

void AccountsDialog::rebuild()
{
    if (m_editing) {
        // Clearing the tree would take the open editor away from under the user's typing.
        m_rebuildPending = true;
        return;
    }
    m_rebuildPending = false;
    const QString problems
        = AccountMessages::settingsProblems(m_store->problems(), m_store->layout().settingsFile);
    m_ui->problemsLabel->setText(problems);
    m_ui->problemsLabel->setVisible(!problems.isEmpty());
    const auto previous = selected();
    m_rebuilding = true;
    QTreeWidget *tree = m_ui->accountTree;
    tree->clear();
    const QString localSandbox = tr("Local sandbox (on this computer)");
    const QBrush dim = palette().brush(QPalette::Disabled, QPalette::Text);
    for (const core::AccountRecord &account : m_store->accounts()) {
        auto *accountItem = new QTreeWidgetItem(tree);
        accountItem->setData(NameColumn, KindRole, int(Kind::Account));
        accountItem->setData(NameColumn, IdRole, account.id);
        accountItem->setFlags(accountItem->flags() | Qt::ItemIsEditable);
        // Escaped: a label stored with control characters must not break the row or disguise it.
        accountItem->setText(NameColumn, account.displayLabel());
        QFont bold = accountItem->font(NameColumn);
        bold.setBold(true);
        accountItem->setFont(NameColumn, bold);
        if (account.embeddedSandbox)
            accountItem->setText(CloudColumn, localSandbox);
        else if (account.hasProvisioning)
            accountItem->setText(CloudColumn, tr("Account %1").arg(account.provisioningUrl.accountId()));
        accountItem->setText(StatusColumn,
                             account.embeddedSandbox ? tr("Built in")
                                 : account.loggedIn  ? tr("Logged in")
                                                     : tr("Logged out"));
        for (const core::EnvironmentRecord &env : m_store->environmentsOf(account.id)) {
            auto *envItem = new QTreeWidgetItem(accountItem);
            envItem->setData(NameColumn, KindRole, int(Kind::Environment));
            envItem->setData(NameColumn, IdRole, env.id);
            envItem->setFlags(envItem->flags() | Qt::ItemIsEditable);
            envItem->setText(NameColumn, env.displayName());
            envItem->setText(CloudColumn, env.embeddedSandbox ? localSandbox : env.cloudName());
            envItem->setText(FolderModeColumn, CheckMessages::folderMode(env.folderMode));
            QString status;
            if (!account.loggedIn)
                status = tr("Logged out");
            else if (env.embeddedSandbox && !m_store->isRuntimeAvailable(env.id))
                status = tr("Not running");
            else if (!env.embeddedSandbox && !insecureHost(env.url).isEmpty())
                status = env.allowInsecureTransport ? tr("Unencrypted") : tr("Refused: unencrypted");
            else if (!env.deniedFeatures.isEmpty())
                status = tr("Limited access");
            else if (env.checkedAt.isValid())
                status = tr("Tested %1")
                             .arg(QLocale().toString(env.checkedAt.toLocalTime(), QLocale::ShortFormat));
            else
                status = tr("Not tested yet");
            envItem->setText(StatusColumn, status);
            envItem->setText(CredentialColumn, credentialText(env));
            if (!account.loggedIn) {
                for (int column = 0; column < tree->columnCount(); ++column)
                    envItem->setForeground(column, dim);
            }
        }
    }
    tree->expandAll();
    for (int column = CloudColumn; column < tree->columnCount(); ++column)
        tree->resizeColumnToContents(column);
    QTreeWidgetItem *current = previous ? findItem(previous->kind, previous->id) : nullptr;
    if (!current && previous)
        current = findItem(Kind::Account, previous->accountId);
    tree->setCurrentItem(current ? current : tree->topLevelItem(0));
    m_rebuilding = false;
    updateActions();
    showDetails();
}

void AccountsDialog::updateActions()
{
    const auto selection = selected();
    const core::AccountRecord *account = selection ? m_store->account(selection->accountId) : nullptr;
    const core::EnvironmentRecord *env
        = selection && selection->kind == Kind::Environment ? m_store->environment(selection->id) : nullptr;
    const bool busy = m_batch || m_storeBusy;
    const bool embedded = (account && account->embeddedSandbox) || (env && env->embeddedSandbox);

    bool testable = false;
    if (account && account->loggedIn) {
        const QList<core::EnvironmentRecord> candidates
            = env ? QList<core::EnvironmentRecord> {*env} : m_store->environmentsOf(account->id);
        for (const core::EnvironmentRecord &candidate : candidates)
            testable = testable || !m_store->effectiveUrl(candidate.id).cloudName().isEmpty();
    }
    m_ui->addButton->setEnabled(!busy);
    m_ui->editButton->setEnabled(selection && !busy);
    m_ui->testButton->setEnabled(m_batch || (testable && !busy));
    m_ui->testButton->setText(m_batch ? tr("S&top Test") : tr("&Test Connection"));
    m_ui->logOutButton->setEnabled(account && account->loggedIn && !embedded && !busy);
    m_ui->logInButton->setEnabled(account && !account->loggedIn && !busy);
    m_ui->removeButton->setEnabled(selection && !embedded && !busy);
    m_ui->consoleEmailButton->setEnabled(account && !busy);

    // A disabled button says why, where the reason is not obvious.
    const auto explain = [](QPushButton *button, bool when, const QString &why) {
        button->setToolTip(when ? why : button->property("defaultToolTip").toString());
    };
    explain(
        m_ui->logOutButton, embedded,
        tr("The local sandbox runs inside Stratus on this computer and keeps no secrets in your keychain, "
           "so there is nothing to log out of."));
    explain(m_ui->removeButton, embedded, tr("The local sandbox is part of Stratus and cannot be removed."));
    // An account signed in with Cloudinary logs in in the browser, not with secrets.
    bool signedIn = false;
    if (account) {
        for (const core::EnvironmentRecord &candidate : m_store->environmentsOf(account->id))
            signedIn = signedIn || candidate.usesToken();
    }
    explain(m_ui->logInButton, signedIn,
            tr("Sign in again in your web browser (%1)")
                .arg(m_ui->logInButton->shortcut().toString(QKeySequence::NativeText)));
}

void AccountsDialog::showDetails()
{
    const auto selection = selected();
    m_ui->allowInsecureCheck->hide();
    if (!selection) {
        m_ui->detailsLabel->setText(m_store->accounts().isEmpty()
                                        ? tr("No accounts yet. Choose “Add…” to add a product environment.")
                                        : QString());
        return;
    }
    const core::AccountRecord *account = m_store->account(selection->accountId);
    if (!account)
        return;
    QString html;
    if (selection->kind == Kind::Account) {
        const int count = int(m_store->environmentsOf(account->id).size());
        html = u"<b>%1</b><br>"_s.arg(account->displayLabel().toHtmlEscaped());
        if (account->embeddedSandbox) {
            html += tr("A Cloudinary-compatible server that runs inside Stratus on this computer, with "
                       "sample media, "
                       "so Stratus is useful before any account exists. It cannot be logged out or removed.");
        } else {
            html += account->loggedIn ? tr("Logged in.")
                                      : tr("Logged out: its secrets are not on this computer.");
            html += u' ' + tr("%n product environment(s).", nullptr, count);
            if (account->hasProvisioning)
                html += u' '
                    + tr("Provisioning credentials of account %1 are kept in your keychain.")
                          .arg(account->provisioningUrl.accountId().toHtmlEscaped());
            html += u' '
                + (account->consoleEmail.isEmpty()
                       ? tr("The Media Library asks you to sign in (no console e-mail).")
                       : tr("The Media Library signs in as %1.").arg(account->consoleEmail.toHtmlEscaped()));
        }
    } else {
        const core::EnvironmentRecord *env = m_store->environment(selection->id);
        if (!env)
            return;
        const core::CloudinaryUrl url = m_store->effectiveUrl(env->id);
        html = u"<b>%1</b><table>"_s.arg(env->displayName().toHtmlEscaped());
        html += row(tr("Cloud name:"),
                    env->embeddedSandbox ? tr("Local sandbox (on this computer)")
                                         : env->cloudName().toHtmlEscaped());
        if (!env->embeddedSandbox)
            html += row(tr("Credential:"), credentialText(*env).toHtmlEscaped());
        if (env->usesToken())
            html += row(QString(),
                        tr("Its tokens are in your keychain. Private and authenticated files cannot be "
                           "previewed or linked, because signed URLs need the API secret."));
        html += row(tr("Address:"),
                    url.cloudName().isEmpty() ? tr("not running") : url.toRedactedString().toHtmlEscaped());
        const QString host = env->embeddedSandbox ? QString() : insecureHost(env->url);
        if (!host.isEmpty()) {
            html += row(tr("Connection:"),
                        env->allowInsecureTransport
                            ? tr("<b>Unencrypted</b> (plain http) to %1: the API secret can be read on the "
                                 "way. You allowed this.")
                                  .arg(host.toHtmlEscaped())
                            : tr("Unencrypted (plain http) to %1: refused until you allow it below, or use "
                                 "an https:// address.")
                                  .arg(host.toHtmlEscaped()));
            m_ui->allowInsecureCheck->setText(AccountMessages::insecureTransportConsent(host));
            m_ui->allowInsecureCheck->setChecked(env->allowInsecureTransport);
            m_ui->allowInsecureCheck->show();
        }
        html += row(tr("Folder mode:"), CheckMessages::folderMode(env->folderMode));
        html += row(tr("Last tested:"),
                    env->checkedAt.isValid()
                        ? QLocale().toString(env->checkedAt.toLocalTime(), QLocale::LongFormat)
                        : tr("never"));
        html += u"</table>"_s;
        html += CheckMessages::deniedFeatures(env->deniedFeatures);
        if (const QString last = m_lastResults.value(env->id); !last.isEmpty())
            html += u"<p>"_s + last + u"</p>"_s;
    }
    m_ui->detailsLabel->setText(html);
}

} // namespace stratus::gui
