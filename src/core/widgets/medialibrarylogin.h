#pragma once

#include "core/util/result.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringView>

#include <functional>
#include <memory>

namespace stratus::core {

class Clock;
class SecretSource;

/// Which Stratus the Media Library's `integration` object reports: `prod` for released builds,
/// `dev` for development builds (a build without NDEBUG, that is a Debug build).
enum class IntegrationEnvironment {
    Production,
    Development,
};

/// The sign-in options of the Media Library widget for one product environment
/// (reference/cloudinary-widgets.md §1.4 and §1.7), and the `integration` object Cloudinary's
/// partner rules ask of every Media Library configuration (§5).
///
/// - A key environment with the person's console e-mail: the signed login, `cloud_name`,
///   `api_key`, `username`, `timestamp` (from the clock) and `signature`, the SHA-256 login
///   signature computed here; the secret never leaves this object.
/// - A key environment without an e-mail: `cloud_name` and `api_key` only; the console's own
///   sign-in runs inside the view.
/// - A token environment: `cloud_name` (and `api_key` when there is one) and `access_token`, the
///   OAuth access token the widget signs in with; nothing is signed.
///
/// Owned by the Media Library view of the environment; lives in its thread. The clock and the
/// secret source must outlive it.
class MediaLibraryLogin final : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(Result<QJsonObject>)>;

    MediaLibraryLogin(QString cloudName, QString apiKey, std::shared_ptr<const SecretSource> secret,
                      const Clock &clock, QObject *parent = nullptr);
    ~MediaLibraryLogin() override;

    /// The sign-in options for `username` (the console e-mail, trimmed; may be empty), as above.
    /// Calls `done` exactly once with them or an Error (the secret source's, or NoApiSecret when
    /// there is no source), in this object's thread, possibly before loginOptions() returns; never
    /// once this object is destroyed.
    void loginOptions(const QString &username, Callback done);

    /// `cloud_name=<cloud>&timestamp=<ts>&username=<user>`: the parameters sorted by name, joined
    /// by `&`, no URL-encoding (cloudinary-widgets.md §1.7).
    [[nodiscard]] static QString loginStringToSign(QStringView cloudName, qint64 timestamp,
                                                   QStringView username);
    /// Lower-case hex SHA-256 of loginStringToSign() immediately followed by the API secret.
    [[nodiscard]] static QString loginSignature(QStringView cloudName, qint64 timestamp, QStringView username,
                                                QStringView apiSecret);

    /// `{type: "stratus_desktop", platform: "Qt <qt> <os>", version: <stratus>, environment:
    /// "prod"|"dev"}`.
    [[nodiscard]] static QJsonObject integration(IntegrationEnvironment environment, QStringView qtVersion,
                                                 QStringView operatingSystem, QStringView stratusVersion);
    /// The integration object of this build: qVersion(), QSysInfo::prettyProductName(),
    /// STRATUS_VERSION_STRING and buildEnvironment().
    [[nodiscard]] static QJsonObject integration();
    /// Development for a build without NDEBUG, Production otherwise.
    [[nodiscard]] static IntegrationEnvironment buildEnvironment();

private:
    QString m_cloudName;
    QString m_apiKey;
    std::shared_ptr<const SecretSource> m_secret;
    const Clock &m_clock;
};

} // namespace stratus::core
