// The Accounts dialog's changes: adding, renaming, testing, logging out and in, removing, and what
// it offers when one fails (accountsdialog.cpp builds the dialog and shows what is stored).
#include "accountsdialog.h"
#include "accountsdialog_p.h"

#include "accountmessages.h"
#include "addenvironmentdialog.h"
#include "checkbatch.h"
#include "checkmessages.h"
#include "logindialog.h"
#include "secretprompt.h"
#include "signindialog.h"

#include "core/accounts/accountstore.h"
#include "core/auth/tokenrevocation.h"
#include "core/util/secretmemory.h"
#include "words/errorwords.h"

#include "ui_accountsdialog.h"

#include <QCheckBox>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidgetItem>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::gui {

using namespace accountsdialog;

void AccountsDialog::addEnvironment()
{
    auto *dialog = new AddEnvironmentDialog(m_store, m_network, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOAuthConfig(m_oauth);
    if (const auto selection = selected())
        dialog->setTargetAccount(selection->accountId);
    connect(dialog, &AddEnvironmentDialog::environmentsAdded, this, [this](const QStringList &ids) {
        rebuild();
        if (!ids.isEmpty())
            selectEnvironment(ids.first());
        showStatus(tr("Added %n product environment(s).", nullptr, int(ids.size())), false);
    });
    dialog->open();
}

void AccountsDialog::editLabel()
{
    if (QTreeWidgetItem *item = m_ui->accountTree->currentItem()) {
        m_editing = true;
        m_ui->accountTree->setFocus();
        m_ui->accountTree->editItem(item, NameColumn);
    }
}

void AccountsDialog::labelEdited(QTreeWidgetItem *item, int column)
{
    if (m_rebuilding || column != NameColumn)
        return;
    const auto kind = Kind(item->data(NameColumn, KindRole).toInt());
    const QString id = item->data(NameColumn, IdRole).toString();
    const QString text = item->text(NameColumn).trimmed();
    core::Result<core::Done> result = core::Done {};
    // What is shown (escaped) and left unchanged is no rename.
    const auto changed = [&text](const QString &stored) {
        return text != stored && text != core::displaySafe(stored);
    };
    bool wanted = false;
    if (kind == Kind::Account) {
        const core::AccountRecord *account = m_store->account(id);
        wanted = account && changed(account->label);
    } else {
        const core::EnvironmentRecord *env = m_store->environment(id);
        wanted = env && changed(env->name);
    }
    if (wanted) {
        if (const core::NameCheck check = core::checkName(text); !check.ok()) {
            showStatus(AccountMessages::nameProblem(check), true);
            QMetaObject::invokeMethod(this, &AccountsDialog::rebuild, Qt::QueuedConnection);
            return;
        }
        result = kind == Kind::Account ? m_store->setAccountLabel(id, text)
                                       : m_store->renameEnvironment(id, text);
    }
    if (!result) {
        showStatus(CheckMessages::storeProblem(result.error()), true);
        // Show the stored name again, once the editor has let go of the item.
        QMetaObject::invokeMethod(this, &AccountsDialog::rebuild, Qt::QueuedConnection);
    }
}

void AccountsDialog::setInsecureTransportAllowed(bool allowed)
{
    const auto selection = selected();
    if (!selection || selection->kind != Kind::Environment)
        return;
    if (auto set = m_store->setInsecureTransportAllowed(selection->id, allowed); !set)
        showStatus(CheckMessages::storeProblem(set.error()), true);
    showDetails();
}

void AccountsDialog::testConnection()
{
    if (m_batch) {
        m_batch->cancel();
        return;
    }
    const auto selection = selected();
    if (!selection)
        return;
    QList<core::EnvironmentRecord> environments;
    if (selection->kind == Kind::Environment) {
        if (const core::EnvironmentRecord *env = m_store->environment(selection->id))
            environments.append(*env);
    } else {
        environments = m_store->environmentsOf(selection->accountId);
    }
    QList<CheckBatch::Item> items;
    m_testedIds.clear();
    for (const core::EnvironmentRecord &env : std::as_const(environments)) {
        const core::CloudinaryUrl url = m_store->effectiveUrl(env.id);
        if (url.cloudName().isEmpty())
            continue; // the local sandbox when it is not running
        items.append({env.displayName(), url, m_store->secretSource(env.id)});
        m_testedIds.append(env.id);
    }
    if (items.isEmpty())
        return;
    m_batch = CheckBatch::run(
        m_network, std::move(items), this, [this](const QString &text) { showStatus(text, false); },
        [this](const CheckBatch &batch) {
            m_batch.clear();
            onTested(batch);
        });
    setBusy(true);
}

void AccountsDialog::onTested(const CheckBatch &batch)
{
    const QList<CheckBatch::Outcome> &outcomes = batch.outcomes();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString storeError;
    for (int i = 0; i < outcomes.size() && i < m_testedIds.size(); ++i) {
        const QString &id = m_testedIds.at(i);
        const auto &result = outcomes.at(i).result;
        if (!result.ok()) {
            m_lastResults.insert(id, CheckMessages::problem(result.error(), outcomes.at(i).cloudName));
            continue;
        }
        m_lastResults.insert(
            id, tr("<b>The connection works.</b>") + u"<br>"_s + CheckMessages::summary(*result));
        const core::EnvironmentRecord *stored = m_store->environment(id);
        if (!stored)
            continue;
        core::EnvironmentRecord checked = *stored;
        checked.folderMode = result->folderMode;
        checked.deniedFeatures = result->deniedFeatures;
        checked.checkedAt = now;
        if (auto updated = m_store->updateCheck(checked); !updated)
            storeError = CheckMessages::storeProblem(updated.error());
    }
    setBusy(false);
    if (batch.wasCancelled())
        showStatus(tr("The test was stopped."), false);
    else if (!storeError.isEmpty())
        showStatus(storeError, true);
    else if (batch.succeeded())
        showStatus(outcomes.size() == 1
                       ? tr("The connection to “%1” works.").arg(outcomes.first().label.toHtmlEscaped())
                       : tr("All %n product environments answered.", nullptr, int(outcomes.size())),
                   false);
    else
        showStatus(CheckMessages::failures(outcomes), true);
    showDetails();
    // One environment's failure: its remedy (try again, or enter the secret again).
    if (!batch.wasCancelled() && storeError.isEmpty() && outcomes.size() == 1 && !outcomes.first().result.ok()
        && !m_testedIds.isEmpty())
        offerRemedy(outcomes.first().result.error(), m_testedIds.first(), [this] { testConnection(); });
}

void AccountsDialog::confirmLogOut()
{
    const auto selection = selected();
    const core::AccountRecord *account = selection ? m_store->account(selection->accountId) : nullptr;
    if (!account || !account->loggedIn || account->embeddedSandbox)
        return;
    const QString id = account->id;
    const QString label = account->displayLabel();
    const QList<core::EnvironmentRecord> environments = m_store->environmentsOf(id);
    const bool signedIn = std::any_of(environments.cbegin(), environments.cend(),
                                      [](const core::EnvironmentRecord &env) { return env.usesToken(); });
    if (signedIn) {
        confirm(
            u"confirmLogOut"_s, tr("Log Out"),
            tr("Log out of “%1”?\n\nStratus ends its sign-in with Cloudinary, removes its tokens from your "
               "keychain, and deletes what it keeps of it on this computer: asset catalogues, unfinished "
               "uploads, cached thumbnails and web sessions. It stays listed here; log in again by "
               "signing in in your browser.")
                .arg(label),
            tr("Log Out"), [this, id, label] {
                showStatus(tr("Logging out…"), false);
                storeCall(tr("Logged out of “%1”. Its sign-in was ended and its tokens removed from your "
                             "keychain.")
                              .arg(label.toHtmlEscaped()),
                          [this, id, label](core::AccountStore::DoneCallback done) {
                              // The server forgets the tokens first, while the keychain still has
                              // them; an unreachable server does not keep anyone logged in.
                              core::revokeAccountTokens(
                                  *m_store, id, m_network, this,
                                  [this, id, label, done](core::Result<core::Done>) {
                                      afterWebProfile(
                                          id, label,
                                          [this, id](core::AccountStore::DoneCallback then) {
                                              m_store->logOut(id, this, then);
                                          },
                                          done);
                                  });
                          });
            });
        return;
    }
    confirm(
        u"confirmLogOut"_s, tr("Log Out"),
        tr("Log out of “%1”?\n\nIts API secrets are removed from your keychain, and what Stratus keeps of "
           "it on this computer is deleted: asset catalogues, unfinished uploads, cached thumbnails and web "
           "sessions. Its environments stay listed here; log in again with the API secrets to use them.")
            .arg(label),
        tr("Log Out"), [this, id, label] {
            showStatus(tr("Logging out…"), false);
            storeCall(tr("Logged out of “%1”. Its secrets were removed from your keychain.")
                          .arg(label.toHtmlEscaped()),
                      [this, id, label](core::AccountStore::DoneCallback done) {
                          afterWebProfile(
                              id, label,
                              [this, id](core::AccountStore::DoneCallback then) {
                                  m_store->logOut(id, this, then);
                              },
                              done);
                      });
        });
}

void AccountsDialog::logIn()
{
    const auto selection = selected();
    const core::AccountRecord *account = selection ? m_store->account(selection->accountId) : nullptr;
    if (!account || account->loggedIn)
        return;
    for (const core::EnvironmentRecord &env : m_store->environmentsOf(account->id)) {
        if (env.usesToken()) {
            signInAgain(account->id, env);
            return;
        }
    }
    auto *dialog = new LogInDialog(m_store, m_network, account->id, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString label = account->displayLabel();
    connect(dialog, &QDialog::accepted, this,
            [this, label] { showStatus(tr("Logged in to “%1”.").arg(label.toHtmlEscaped()), false); });
    dialog->open();
}

void AccountsDialog::signInAgain(const QString &accountId, const core::EnvironmentRecord &env)
{
    const core::AccountRecord *account = m_store->account(accountId);
    if (!account)
        return;
    const QString label = account->displayLabel();
    const QString envId = env.id;
    auto store = [this, accountId, envId](const core::TokenPair &tokens,
                                          std::function<void(core::Result<core::Done>)> done) {
        QString stored = tokens.toStoredText();
        m_store->logIn(accountId, {{envId, stored}}, QString(), this, std::move(done));
        core::wipe(stored);
    };
    auto *dialog = new SignInDialog(m_network, SignInDialog::configFor(env.url, m_oauth), env.cloudName(),
                                    std::move(store), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setLoginHint(account->label);
    connect(dialog, &QDialog::accepted, this,
            [this, label] { showStatus(tr("Logged in to “%1”.").arg(label.toHtmlEscaped()), false); });
    dialog->open();
    dialog->start();
}

void AccountsDialog::renewSignIn(const QString &environmentId)
{
    const core::EnvironmentRecord *env = m_store->environment(environmentId);
    if (!env)
        return;
    auto store = [this, environmentId](const core::TokenPair &tokens,
                                       std::function<void(core::Result<core::Done>)> done) {
        QString stored = tokens.toStoredText();
        m_store->replaceSecret(environmentId, stored, this, std::move(done));
        core::wipe(stored);
    };
    auto *dialog = new SignInDialog(m_network, SignInDialog::configFor(env->url, m_oauth), env->cloudName(),
                                    std::move(store), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Then the test that failed, again, with the new tokens.
    connect(dialog, &QDialog::accepted, this, [this, environmentId] {
        selectEnvironment(environmentId);
        testConnection();
    });
    dialog->open();
    dialog->start();
}

void AccountsDialog::confirmRemove()
{
    const auto selection = selected();
    const core::AccountRecord *account = selection ? m_store->account(selection->accountId) : nullptr;
    if (!account || account->embeddedSandbox)
        return;
    const QString accountId = account->id;
    const QList<core::EnvironmentRecord> siblings = m_store->environmentsOf(accountId);
    const core::EnvironmentRecord *env
        = selection->kind == Kind::Environment ? m_store->environment(selection->id) : nullptr;
    if (selection->kind == Kind::Environment && !env)
        return;
    // The last environment of an account goes with its account, and the question says so.
    if (!env || siblings.size() <= 1) {
        const QString label = account->displayLabel();
        confirm(
            u"confirmRemove"_s, tr("Remove Account"),
            tr("Remove the account “%1” and its %n product environment(s) from Stratus?\n\nTheir secrets, "
               "settings, asset catalogues, unfinished uploads and caches are deleted from this computer. "
               "Nothing changes in Cloudinary.",
               nullptr, int(siblings.size()))
                .arg(label),
            tr("Remove"), [this, accountId, label] {
                storeCall(tr("Removed “%1”.").arg(label.toHtmlEscaped()),
                          [this, accountId, label](core::AccountStore::DoneCallback done) {
                              afterWebProfile(
                                  accountId, label,
                                  [this, accountId](core::AccountStore::DoneCallback then) {
                                      m_store->removeAccount(accountId, this, then);
                                  },
                                  done);
                          });
            });
        return;
    }
    const QString id = env->id;
    const QString name = env->displayName();
    confirm(u"confirmRemove"_s, tr("Remove Product Environment"),
            tr("Remove the product environment “%1” from Stratus?\n\nIts secret, settings, asset catalogue, "
               "unfinished uploads and cache are deleted from this computer. Nothing changes in Cloudinary.")
                .arg(name),
            tr("Remove"), [this, id, name] {
                storeCall(tr("Removed “%1”.").arg(name.toHtmlEscaped()),
                          [this, id](core::AccountStore::DoneCallback done) {
                              m_store->removeEnvironment(id, this, done);
                          });
            });
}

void AccountsDialog::storeCall(const QString &success,
                               const std::function<void(core::AccountStore::DoneCallback)> &call)
{
    m_storeBusy = true;
    setBusy(true);
    call([this, success, call](core::Result<core::Done> result) {
        m_storeBusy = false;
        setBusy(false);
        showStatus(result ? success : CheckMessages::storeProblem(result.error()), !result.ok());
        if (!result)
            offerRemedy(result.error(), QString(), [this, success, call] { storeCall(success, call); });
    });
}

void AccountsDialog::confirm(const QString &name, const QString &title, const QString &text,
                             const QString &acceptText, std::function<void()> onAccept)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Cancel, this);
    box->setObjectName(name);
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *accept = box->addButton(acceptText, QMessageBox::AcceptRole);
    accept->setObjectName(u"confirmButton"_s);
    // A destructive action is never what Enter does by accident.
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [box, accept, onAccept = std::move(onAccept)] {
        if (box->clickedButton() == accept)
            onAccept();
    });
    box->open();
}

void AccountsDialog::setBusy(bool busy)
{
    m_ui->busyIndicator->setVisible(busy);
    updateActions();
}

void AccountsDialog::showStatus(const QString &richText, bool isError)
{
    m_ui->statusLabel->setProperty("error", isError);
    m_ui->statusLabel->setText(richText);
    // A new status ends the remedy of the one before; offerRemedy() comes after it.
    m_remedy = nullptr;
    m_ui->remedyButton->hide();
}

void AccountsDialog::offerRemedy(const core::Error &error, const QString &environmentId,
                                 std::function<void()> retry)
{
    const words::Remedy remedy = words::ErrorWords::remedy(error);
    if (remedy == words::Remedy::Retry && retry) {
        m_remedy = std::move(retry);
    } else if (remedy == words::Remedy::ReenterSecret && !environmentId.isEmpty()) {
        m_remedy = [this, environmentId] {
            reenterSecret(environmentId);
        };
    } else if (remedy == words::Remedy::SignInAgain && !environmentId.isEmpty()) {
        m_remedy = [this, environmentId] {
            renewSignIn(environmentId);
        };
    } else {
        return;
    }
    m_ui->remedyButton->setText(words::ErrorWords::remedyLabel(remedy));
    m_ui->remedyButton->show();
}

void AccountsDialog::reenterSecret(const QString &environmentId)
{
    const core::EnvironmentRecord *env = m_store->environment(environmentId);
    if (!env)
        return;
    const QString label = env->displayName();
    QString secret = SecretPrompt::ask(this, label);
    if (secret.isEmpty())
        return;
    // Not through storeCall(): its Retry would keep the secret in memory for as long as it is offered.
    m_storeBusy = true;
    setBusy(true);
    m_store->replaceSecret(
        environmentId, secret, this, [this, environmentId, label](core::Result<core::Done> result) {
            m_storeBusy = false;
            setBusy(false);
            if (!result) {
                showStatus(CheckMessages::storeProblem(result.error()), true);
                return;
            }
            showStatus(tr("The API secret of “%1” was replaced.").arg(label.toHtmlEscaped()), false);
            selectEnvironment(environmentId);
            testConnection();
        });
    core::wipe(secret);
}

} // namespace stratus::gui
