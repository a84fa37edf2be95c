#include "signindialog.h"

#include "checkmessages.h"
#include "signinpage.h"

#include "core/auth/tokenendpoint.h"
#include "core/config/cloudinaryurl.h"
#include "core/net/transportsecurity.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

SignInDialog::SignInDialog(QNetworkAccessManager *network, core::OAuthConfig config, QString cloudName,
                           StoreFunction store, QWidget *parent)
    : QDialog(parent)
    , m_network(network)
    , m_config(std::move(config))
    , m_cloudName(std::move(cloudName))
    , m_store(std::move(store))
{
    setObjectName(u"signInDialog"_s);
    setWindowTitle(tr("Sign In to %1").arg(m_cloudName));
    m_page = new SignInPage(network, this);
    m_page->setConfigs(m_config, std::nullopt);
    m_page->setIntro(tr("Sign in to Cloudinary again for “%1”: your web browser opens, and Stratus gets new "
                        "access once you allow it there.")
                         .arg(m_cloudName));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_page, 1);
    layout->addWidget(buttons);
    resize(520, 300);
    connect(m_page, &SignInPage::signedIn, this, &SignInDialog::onSignedIn);
}

SignInDialog::~SignInDialog() = default;

core::OAuthConfig SignInDialog::configFor(const core::CloudinaryUrl &url, const core::OAuthConfig &cloudinary)
{
    const QUrl api(url.uploadPrefix());
    if (api.scheme() == u"http" && core::isLoopbackHost(api.host()) && api.port() > 0)
        return core::OAuthConfig::forSandbox(api.adjusted(QUrl::RemovePath | QUrl::RemoveQuery));
    return cloudinary;
}

void SignInDialog::setLoginHint(const QString &hint)
{
    m_page->setLoginHint(hint);
}

void SignInDialog::start()
{
    m_page->begin(m_config);
}

void SignInDialog::onSignedIn(const core::TokenPair &tokens, const core::AccessTokenClaims &claims)
{
    if (claims.cloudName != m_cloudName) {
        revoke(tokens);
        m_page->showFailure(tr("You signed in for the product environment “%1”, but this is “%2”. Sign in as "
                               "someone who may use “%2”, and choose it in the browser.")
                                .arg(claims.cloudName.toHtmlEscaped(), m_cloudName.toHtmlEscaped()));
        return;
    }
    m_storing = true;
    m_page->showProgress(tr("Saving the sign-in in your keychain…"));
    m_store(tokens, [this, guard = QPointer<SignInDialog>(this), tokens](core::Result<core::Done> stored) {
        if (!guard)
            return;
        m_storing = false;
        if (!stored) {
            revoke(tokens);
            m_page->showFailure(CheckMessages::storeProblem(stored.error()));
            return;
        }
        accept();
    });
}

void SignInDialog::revoke(const core::TokenPair &tokens)
{
    if (!m_network)
        return;
    // Tokens that are not kept should not stay valid; best effort, owned by the network.
    auto *job = new core::RevokeTokenJob(m_network, tokens, m_network.data());
    job->setAutoDelete(true);
    job->start();
}

void SignInDialog::reject()
{
    if (m_storing)
        return; // the keychain answers quickly; leaving now would hide whether it saved
    // Escape while the browser is out: stop waiting and close, as the person asked.
    if (m_page->isBusy())
        m_page->cancel();
    QDialog::reject();
}

} // namespace stratus::gui
