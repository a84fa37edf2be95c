// The Accounts dialog's parts that concern the embedded web widgets (issue 15): the account's web
// profile, deleted before a log-out or removal, and the console e-mail of the Media Library's sign-in.
#include "accountsdialog.h"

#include "core/accounts/accountstore.h"
#include "gui/errors/errorpresenter.h"
#include "gui/shell/inputdialogs.h"
#include "web/webprofiles.h"

#include "ui_accountsdialog.h"

#include <QInputDialog>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace stratus::gui {

void AccountsDialog::setWebProfiles(web::WebProfiles *profiles)
{
    m_profiles = profiles;
}

void AccountsDialog::removeWebProfile(const QString &accountId,
                                      std::function<void(std::optional<core::Error>)> next)
{
    if (!m_profiles) {
        next(std::nullopt);
        return;
    }
    // First, and to its end: the store then deletes the account's other files (deleteLocalData), which
    // must not run while Chromium still holds the profile's.
    m_profiles->removeProfile(accountId, this,
                              [next = std::move(next)](const core::Result<core::Done> &removed) {
                                  next(removed ? std::nullopt : std::optional<core::Error>(removed.error()));
                              });
}

void AccountsDialog::afterWebProfile(const QString &accountId, const QString &label,
                                     std::function<void(core::AccountStore::DoneCallback)> storeChange,
                                     core::AccountStore::DoneCallback done)
{
    removeWebProfile(accountId, [this, label, storeChange, done](std::optional<core::Error> problem) {
        // The secrets go whatever became of the web profile: a profile left behind is said, not a
        // reason to keep anyone logged in.
        storeChange([this, label, problem, done](core::Result<core::Done> result) {
            done(result);
            if (result && problem)
                showStatus(tr("“%1”: its web sessions (the Media Library’s sign-in and storage) could not "
                              "be deleted from this computer: %2")
                               .arg(label.toHtmlEscaped(), ErrorPresenter::text(*problem).toHtmlEscaped()),
                           true);
        });
    });
}

void AccountsDialog::editConsoleEmail()
{
    const auto selection = selected();
    const core::AccountRecord *account = selection ? m_store->account(selection->accountId) : nullptr;
    if (!account)
        return;
    const QString id = account->id;
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(u"consoleEmailDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Console E-mail"));
    dialog->setLabelText(tr("The e-mail address you sign in to Cloudinary’s console with for “%1”. With it, "
                            "the Media Library signs you in automatically (signed on this computer with "
                            "the API secret, which stays here). Leave it empty to sign in inside the "
                            "Media Library instead.")
                             .arg(account->displayLabel()));
    dialog->setTextValue(account->consoleEmail);
    wrapInputDialogLabel(dialog);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, id](const QString &email) {
        if (auto kept = m_store->setConsoleEmail(id, email); !kept) {
            showStatus(tr("“%1” is not an e-mail address.").arg(email.trimmed().toHtmlEscaped()), true);
            return;
        }
        showStatus(email.trimmed().isEmpty()
                       ? tr("The Media Library will ask you to sign in.")
                       : tr("The Media Library signs in as %1.").arg(email.trimmed().toHtmlEscaped()),
                   false);
    });
    dialog->open();
}

} // namespace stratus::gui
