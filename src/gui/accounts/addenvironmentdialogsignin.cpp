// Add Account's first way, "Sign in with Cloudinary": the ways offered, and what happens to the
// tokens a sign-in brings (tested, saved as a new account, or revoked). The dialog and its API-key
// ways are in addenvironmentdialog.cpp.
#include "addenvironmentdialog.h"

#include "accountmessages.h"
#include "checkbatch.h"
#include "checkmessages.h"
#include "environmenturl.h"
#include "signinpage.h"

#include "core/accounts/accountstore.h"
#include "core/auth/tokenendpoint.h"
#include "core/util/secretmemory.h"
#include "gui/errors/errorpresenter.h"

#include <functional>

using namespace Qt::StringLiterals;

namespace stratus::gui {

void AddEnvironmentDialog::setOAuthConfig(const core::OAuthConfig &config)
{
    m_oauth = config;
    updateSignInWays();
}

std::optional<core::OAuthConfig> AddEnvironmentDialog::localSandboxSignIn() const
{
    for (const core::EnvironmentRecord &env : m_store->environments()) {
        if (!env.embeddedSandbox || !m_store->isRuntimeAvailable(env.id))
            continue;
        const QUrl base(m_store->effectiveUrl(env.id).uploadPrefix());
        if (base.isValid() && !base.host().isEmpty())
            return core::OAuthConfig::forSandbox(base);
    }
    return std::nullopt;
}

void AddEnvironmentDialog::updateSignInWays()
{
    if (!m_signIn->isBusy())
        m_signIn->setConfigs(m_oauth, localSandboxSignIn());
}

namespace {

// `wanted`, or `wanted-2`, `wanted-3`… (as stratus-cli login names them), whichever `taken` does
// not know.
QString freeName(const QString &wanted, const std::function<bool(const QString &)> &taken)
{
    QString name = wanted;
    for (int n = 2; taken(name); ++n)
        name = u"%1-%2"_s.arg(wanted).arg(n);
    return name;
}

} // namespace

void AddEnvironmentDialog::onSignedIn(const core::TokenPair &tokens, const core::AccessTokenClaims &claims)
{
    auto url = signedInEnvironmentUrl(claims.cloudName, m_signIn->currentConfig().server);
    if (!url) {
        m_signedIn = SignedIn {{}, {}, tokens};
        dropSignedIn(ErrorPresenter::richText(url.error()));
        return;
    }
    SignedIn signedIn;
    signedIn.tokens = tokens;
    core::EnvironmentRecord &record = signedIn.record;
    record.id = core::AccountStore::newId();
    record.url = url.value();
    record.credential = core::CredentialKind::AccessToken;
    // The cloud's name; a cloud added before (by keys, or signed in as someone else) keeps its own.
    record.name = freeName(claims.cloudName, [this](const QString &name) {
        return m_store->environmentByName(name) || m_store->damagedEnvironment(name);
    });
    signedIn.account.id = core::AccountStore::newId();
    // The account is the person who signed in (the token's subject, an e-mail), as stratus-cli labels it.
    const QString subject = claims.subject.trimmed();
    const QString person = !subject.isEmpty() && core::checkName(subject).ok() ? subject : claims.cloudName;
    signedIn.account.label = freeName(
        person, [this](const QString &label) { return m_store->accountByLabel(label) != nullptr; });
    record.accountId = signedIn.account.id;
    if (const core::NameCheck check = core::checkName(record.name); !check.ok()) {
        m_signedIn = std::move(signedIn);
        dropSignedIn(AccountMessages::nameProblem(check));
        return;
    }
    m_signedIn = std::move(signedIn);
    const core::EnvironmentRecord &saving = m_signedIn->record;
    QList<CheckBatch::Item> items {CheckBatch::Item::withAccessToken(saving.displayName(), saving.url,
                                                                     m_signedIn->tokens.accessToken, false)};
    m_batch = CheckBatch::run(
        m_network, std::move(items), this, [this](const QString &text) { m_signIn->showProgress(text); },
        [this](const CheckBatch &batch) {
            m_batch.clear();
            onSignInChecked(batch);
        });
}

void AddEnvironmentDialog::onSignInChecked(const CheckBatch &batch)
{
    if (!m_signedIn)
        return;
    if (batch.wasCancelled()) {
        dropSignedIn({});
        return;
    }
    const QList<CheckBatch::Outcome> &outcomes = batch.outcomes();
    // A role that may not use every API is what it is: the environment is added with what it may
    // do, as "Add Anyway" does for limited keys.
    if (!batch.succeeded() && !CheckMessages::onlyPermissionProblems(outcomes)) {
        dropSignedIn(CheckMessages::failures(outcomes));
        return;
    }
    core::EnvironmentRecord &record = m_signedIn->record;
    if (!outcomes.isEmpty()) {
        const auto &result = outcomes.first().result;
        if (result.ok()) {
            record.folderMode = result->folderMode;
            record.deniedFeatures = result->deniedFeatures;
            record.checkedAt = QDateTime::currentDateTimeUtc();
        } else {
            record.deniedFeatures.insert(QString(core::Feature::Admin), result.error().message);
        }
    }
    saveSignedIn();
}

void AddEnvironmentDialog::saveSignedIn()
{
    m_saving = true;
    m_signIn->showProgress(tr("Saving the sign-in in your keychain…"));
    QString stored = m_signedIn->tokens.toStoredText();
    const QString id = m_signedIn->record.id;
    m_store->addAccount(m_signedIn->account, {{m_signedIn->record, stored}}, QString(), this,
                        [this, id](core::Result<core::Done> result) {
                            m_saving = false;
                            if (!result) {
                                dropSignedIn(CheckMessages::storeProblem(result.error()));
                                return;
                            }
                            m_signedIn.reset();
                            saved({id});
                        });
    core::wipe(stored);
}

void AddEnvironmentDialog::dropSignedIn(const QString &richText)
{
    if (m_signedIn && m_network) {
        // Tokens Stratus does not keep should not stay valid on the server either. Best effort: the
        // person has other worries if it fails, and the tokens expire anyway. The network owns the
        // job: the dialog may close before it is done.
        auto *revoke = new core::RevokeTokenJob(m_network, m_signedIn->tokens, m_network.data());
        revoke->setAutoDelete(true);
        revoke->start();
    }
    m_signedIn.reset();
    if (richText.isEmpty()) {
        m_signIn->showStart();
        showStatus(tr("The test was cancelled. Nothing was saved."), false);
    } else {
        m_signIn->showFailure(richText);
    }
}

} // namespace stratus::gui
