#pragma once

#include "core/util/result.h"

#include <QNetworkProxy>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QAuthenticator;
class QNetworkAccessManager;

namespace stratus::core {
class SecretStore;
}

namespace stratus::gui {

class Preferences;

/// The manual proxy's password: kept in the OS keychain (a SecretStore, key kKeychainKey), never in
/// the settings file, and handed to Qt with the proxy (QNetworkProxy::setApplicationProxy), so that
/// every request of the app authenticates to the proxy. Replaces followProxySettings in the app:
/// it applies Preferences' proxy with the password, now and after every change.
///
/// When the proxy refuses the credentials (QNetworkAccessManager::proxyAuthenticationRequired on a
/// watched network after the stored ones were tried), the person is asked once (the prompt; by
/// default a small dialog), and what they enter is used, and kept in the keychain and Preferences;
/// should the proxy refuse that too, requests fail with Qt's proxy authentication error until the
/// password or the proxy changes (no loop of dialogs).
///
/// Built by the composition root over the Preferences and the app's SecretStore, which must outlive
/// it. GUI thread. passwordChanged() fires once a new password is in the keychain and applied.
class ProxyPassword : public QObject
{
    Q_OBJECT

public:
    static constexpr QStringView kKeychainKey = u"app/proxy/password";

    /// What to ask when the proxy refuses: @p user and @p password in and out; false: cancelled.
    using Prompt = std::function<bool(const QNetworkProxy &proxy, QString *user, QString *password)>;

    ProxyPassword(Preferences *preferences, std::shared_ptr<core::SecretStore> secrets,
                  QObject *parent = nullptr);
    ~ProxyPassword() override;

    /// Applies the proxy now (without a password), reads the password from the keychain and applies
    /// it with the proxy when it answers, and from then on after every change of the proxy settings.
    /// @p done (optional) hears how the read went (NotFound: there is none, which is fine).
    void follow(std::function<void(core::Result<QString>)> done = {});

    /// The password as last read or written ("" when there is none).
    [[nodiscard]] const QString &password() const { return m_password; }
    /// Writes @p password to the keychain ("" removes it) and applies it; @p done hears the outcome
    /// in this object's thread (never after it is destroyed). On failure nothing changes.
    void setPassword(const QString &password, std::function<void(core::Result<core::Done>)> done = {});

    /// Answers @p network's proxyAuthenticationRequired from the stored credentials (and the prompt).
    void watch(QNetworkAccessManager *network);
    void setPrompt(Prompt prompt) { m_prompt = std::move(prompt); }
    /// How many times the prompt was shown since the proxy or the password last changed.
    [[nodiscard]] int promptsShown() const { return m_prompts; }

    /// The answer to one proxyAuthenticationRequired (public for tests of the decisions).
    void answer(const QNetworkProxy &proxy, QAuthenticator *authenticator);

Q_SIGNALS:
    void passwordChanged();

private:
    void apply();
    [[nodiscard]] bool defaultPrompt(const QNetworkProxy &proxy, QString *user, QString *password);

    Preferences *m_preferences;
    std::shared_ptr<core::SecretStore> m_secrets;
    QString m_password;
    Prompt m_prompt;
    int m_answers = 0; ///< credentials handed out since the last change
    int m_prompts = 0;
};

} // namespace stratus::gui
