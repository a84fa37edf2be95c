#include "medialibrarylogin.h"

#include "core/net/secretsource.h"
#include "core/signing/clock.h"
#include "core/signing/signaturealgorithm.h"
#include "core/util/secretmemory.h"
#include "stratus/version.h"

#include <QSysInfo>

#include <utility>

using namespace Qt::StringLiterals;

namespace stratus::core {

MediaLibraryLogin::MediaLibraryLogin(QString cloudName, QString apiKey,
                                     std::shared_ptr<const SecretSource> secret, const Clock &clock,
                                     QObject *parent)
    : QObject(parent)
    , m_cloudName(std::move(cloudName))
    , m_apiKey(std::move(apiKey))
    , m_secret(std::move(secret))
    , m_clock(clock)
{
}

MediaLibraryLogin::~MediaLibraryLogin() = default;

void MediaLibraryLogin::loginOptions(const QString &username, Callback done)
{
    QJsonObject options {{u"cloud_name"_s, m_cloudName}};
    if (!m_apiKey.isEmpty())
        options.insert(u"api_key"_s, m_apiKey);
    const QString user = username.trimmed();
    const bool token = m_secret && m_secret->kind() == CredentialKind::AccessToken;
    if (!token && user.isEmpty()) {
        done(options);
        return;
    }
    if (!m_secret) {
        done(Error::because(Error::Kind::Auth, ErrorReason::NoApiSecret));
        return;
    }
    m_secret->fetch(
        this, [this, options, user, token, done = std::move(done)](Result<QString> fetched) mutable {
            if (!fetched) {
                done(fetched.error());
                return;
            }
            if (token) {
                options.insert(u"access_token"_s, fetched.value());
            } else {
                const qint64 timestamp = m_clock.unixTimestamp();
                options.insert(u"username"_s, user);
                options.insert(u"timestamp"_s, timestamp);
                options.insert(u"signature"_s, loginSignature(m_cloudName, timestamp, user, fetched.value()));
            }
            wipe(fetched.value());
            done(std::move(options));
        });
}

QString MediaLibraryLogin::loginStringToSign(QStringView cloudName, qint64 timestamp, QStringView username)
{
    // cloudinary-widgets.md §1.7: hex(SHA-256("cloud_name=<cloud>&timestamp=<ts>&username=<user>" +
    // api_secret)), the order of Cloudinary's API signatures (names sorted), values as they are.
    return u"cloud_name="_s + cloudName + u"&timestamp="_s + QString::number(timestamp) + u"&username="_s
        + username;
}

QString MediaLibraryLogin::loginSignature(QStringView cloudName, qint64 timestamp, QStringView username,
                                          QStringView apiSecret)
{
    return secretSuffixedHexDigest(loginStringToSign(cloudName, timestamp, username).toUtf8(), apiSecret,
                                   SignatureAlgorithm::Sha256);
}

QJsonObject MediaLibraryLogin::integration(IntegrationEnvironment environment, QStringView qtVersion,
                                           QStringView operatingSystem, QStringView stratusVersion)
{
    return QJsonObject {
        {u"type"_s, u"stratus_desktop"_s},
        {u"platform"_s, u"Qt %1 %2"_s.arg(qtVersion, operatingSystem)},
        {u"version"_s, stratusVersion.toString()},
        {u"environment"_s, environment == IntegrationEnvironment::Development ? u"dev"_s : u"prod"_s},
    };
}

QJsonObject MediaLibraryLogin::integration()
{
    return integration(buildEnvironment(), QString::fromLatin1(qVersion()), QSysInfo::prettyProductName(),
                       QStringLiteral(STRATUS_VERSION_STRING));
}

IntegrationEnvironment MediaLibraryLogin::buildEnvironment()
{
#ifdef NDEBUG
    return IntegrationEnvironment::Production;
#else
    return IntegrationEnvironment::Development;
#endif
}

} // namespace stratus::core
