#include "proxypassword.h"

#include "preferences.h"

#include "core/accounts/secretstore.h"

#include <QApplication>
#include <QAuthenticator>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>

using namespace Qt::StringLiterals;

namespace stratus::gui {

Q_LOGGING_CATEGORY(lcProxy, "stratus.gui.proxy")

ProxyPassword::ProxyPassword(Preferences *preferences, std::shared_ptr<core::SecretStore> secrets,
                             QObject *parent)
    : QObject(parent)
    , m_preferences(preferences)
    , m_secrets(std::move(secrets))
{
    m_prompt = [this](const QNetworkProxy &proxy, QString *user, QString *password) {
        return defaultPrompt(proxy, user, password);
    };
}

ProxyPassword::~ProxyPassword() = default;

void ProxyPassword::follow(std::function<void(core::Result<QString>)> done)
{
    apply();
    connect(m_preferences, &Preferences::proxyChanged, this, [this] {
        m_answers = 0;
        m_prompts = 0;
        apply();
    });
    m_secrets->read(kKeychainKey.toString(), this,
                    [this, done = std::move(done)](core::Result<QString> read) {
                        if (read) {
                            m_password = read.value();
                            apply();
                        } else if (read.error().kind != core::Error::Kind::NotFound) {
                            // Never the password itself: only that the keychain could not give it.
                            qCWarning(lcProxy) << "the proxy password could not be read from the keychain:"
                                               << read.error().message;
                        }
                        if (done)
                            done(std::move(read));
                    });
}

void ProxyPassword::setPassword(const QString &password, std::function<void(core::Result<core::Done>)> done)
{
    auto written = [this, password, done = std::move(done)](core::Result<core::Done> result) {
        if (result) {
            m_password = password;
            m_answers = 0;
            m_prompts = 0;
            apply();
            Q_EMIT passwordChanged();
        }
        if (done)
            done(std::move(result));
    };
    if (password.isEmpty())
        m_secrets->remove(kKeychainKey.toString(), this, std::move(written));
    else
        m_secrets->write(kKeychainKey.toString(), password, this, std::move(written));
}

void ProxyPassword::apply()
{
    const AppSettings &settings = m_preferences->values();
    if (settings.proxyMode != AppSettings::ProxyMode::Manual) {
        applyProxySettings(settings);
        return;
    }
    QNetworkProxy proxy = settings.manualProxy();
    if (!settings.proxyUser.isEmpty())
        proxy.setPassword(m_password);
    QNetworkProxyFactory::setUseSystemConfiguration(false);
    QNetworkProxy::setApplicationProxy(proxy);
}

void ProxyPassword::watch(QNetworkAccessManager *network)
{
    connect(network, &QNetworkAccessManager::proxyAuthenticationRequired, this, &ProxyPassword::answer);
}

void ProxyPassword::answer(const QNetworkProxy &proxy, QAuthenticator *authenticator)
{
    // Qt sends the application proxy's own credentials first and asks only when they were refused
    // (the authenticator then holds them), or when it has none. The stored ones go out once; after
    // that the person is asked once.
    const AppSettings &settings = m_preferences->values();
    const bool storedWereRefused = !authenticator->isNull() && authenticator->user() == settings.proxyUser
        && authenticator->password() == m_password;
    if (m_answers == 0 && !storedWereRefused && !settings.proxyUser.isEmpty() && !m_password.isEmpty()) {
        ++m_answers;
        authenticator->setUser(settings.proxyUser);
        authenticator->setPassword(m_password);
        return;
    }
    if (m_prompts > 0 || !m_prompt)
        return; // refused again: the request fails with Qt's proxy authentication error
    ++m_prompts;
    QString user = settings.proxyUser;
    QString password;
    if (!m_prompt(proxy, &user, &password) || user.isEmpty())
        return;
    ++m_answers;
    authenticator->setUser(user);
    authenticator->setPassword(password);
    // Kept for the next start: the user name in the settings, the password in the keychain.
    if (user != settings.proxyUser) {
        AppSettings changed = settings;
        changed.proxyUser = user;
        if (auto saved = m_preferences->setValues(changed); !saved)
            qCWarning(lcProxy) << "the proxy user name could not be saved:" << saved.error().message;
    }
    const int prompts = m_prompts;
    const int answers = m_answers;
    setPassword(password, [this, prompts, answers](core::Result<core::Done> written) {
        // What was just entered is what Qt uses now: asking again stays once per change.
        m_prompts = prompts;
        m_answers = answers;
        if (!written)
            qCWarning(lcProxy) << "the proxy password could not be kept in the keychain:"
                               << written.error().message;
    });
}

bool ProxyPassword::defaultPrompt(const QNetworkProxy &proxy, QString *user, QString *password)
{
    QDialog dialog(QApplication::activeWindow());
    dialog.setObjectName(u"proxyPasswordDialog"_s);
    dialog.setWindowTitle(tr("Proxy Sign-In"));
    auto *layout = new QFormLayout(&dialog);
    auto *intro = new QLabel(tr("The proxy %1:%2 needs a user name and password. Stratus keeps the password "
                                "in your keychain.")
                                 .arg(proxy.hostName())
                                 .arg(proxy.port()),
                             &dialog);
    intro->setWordWrap(true);
    layout->addRow(intro);
    auto *userEdit = new QLineEdit(*user, &dialog);
    auto *passwordEdit = new QLineEdit(&dialog);
    passwordEdit->setEchoMode(QLineEdit::Password);
    layout->addRow(tr("&User name:"), userEdit);
    layout->addRow(tr("&Password:"), passwordEdit);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addRow(buttons);
    (user->isEmpty() ? userEdit : passwordEdit)->setFocus();
    if (dialog.exec() != QDialog::Accepted)
        return false;
    *user = userEdit->text().trimmed();
    *password = passwordEdit->text();
    return true;
}

} // namespace stratus::gui
