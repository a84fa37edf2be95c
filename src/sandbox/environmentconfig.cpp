#include "environmentconfig.h"

#include "core/config/cloudinaryurl.h"

#include <QRandomGenerator>
#include <QUrl>

namespace stratus::sandbox {

namespace {

QString randomDigits(int count)
{
    QString out;
    for (int i = 0; i < count; ++i)
        out += QChar(u'0' + QRandomGenerator::system()->bounded(10));
    return out;
}

QString randomSecret()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    QString out;
    for (int i = 0; i < 27; ++i)
        out += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof alphabet - 1))]);
    return out;
}

bool jsonBool(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool();
    if (value.isDouble())
        return value.toDouble() != 0;
    const QString text = value.toString().toLower();
    return text == u"1" || text == u"true" || text == u"yes";
}

double jsonNumber(const QJsonValue &value)
{
    return value.isDouble() ? value.toDouble() : value.toString().toDouble();
}

} // namespace

QJsonObject FaultSettings::toJson() const
{
    return QJsonObject {
        {QStringLiteral("latency_ms"), latencyMs},
        {QStringLiteral("error_rate"), errorRate},
        {QStringLiteral("drop_rate"), dropRate},
        {QStringLiteral("force_420"), force420},
        {QStringLiteral("slow_body_bytes"), slowBodyBytesPerTick},
        {QStringLiteral("include_delivery"), includeDelivery},
    };
}

void FaultSettings::apply(const QJsonObject &json)
{
    if (json.contains(QStringLiteral("latency_ms")))
        latencyMs = qMax(0, int(jsonNumber(json.value(QStringLiteral("latency_ms")))));
    if (json.contains(QStringLiteral("error_rate")))
        errorRate = qBound(0.0, jsonNumber(json.value(QStringLiteral("error_rate"))), 1.0);
    if (json.contains(QStringLiteral("drop_rate")))
        dropRate = qBound(0.0, jsonNumber(json.value(QStringLiteral("drop_rate"))), 1.0);
    if (json.contains(QStringLiteral("force_420")))
        force420 = jsonBool(json.value(QStringLiteral("force_420")));
    if (json.contains(QStringLiteral("slow_body_bytes")))
        slowBodyBytesPerTick = qMax(0, int(jsonNumber(json.value(QStringLiteral("slow_body_bytes")))));
    if (json.contains(QStringLiteral("include_delivery")))
        includeDelivery = jsonBool(json.value(QStringLiteral("include_delivery")));
}

core::Result<EnvironmentConfig> EnvironmentConfig::fromUrl(const QString &url)
{
    auto parsed = core::CloudinaryUrl::parse(url);
    if (!parsed)
        return parsed.error();
    if (parsed->kind() != core::CloudinaryUrl::Kind::Cloud)
        return core::Error::invalidInput(QStringLiteral("an environment needs a cloudinary:// URL"));
    if (parsed->apiSecret().isEmpty())
        return core::Error::invalidInput(
            QStringLiteral("the environment %1 needs an API secret").arg(parsed->cloudName()));

    EnvironmentConfig config;
    config.cloudName = parsed->cloudName();
    config.apiKey = parsed->apiKey();
    config.apiSecret = parsed->apiSecret();
    config.name = config.cloudName;

    const QJsonObject settings = parsed->toSdkConfig();
    QJsonObject faults;
    for (auto it = settings.begin(); it != settings.end(); ++it) {
        const QString key = it.key();
        const QString value = it.value().toString();
        if (key == u"folder_mode") {
            if (value == u"fixed")
                config.folderMode = FolderMode::Fixed;
            else if (value == u"dynamic")
                config.folderMode = FolderMode::Dynamic;
            else
                return core::Error::invalidInput(
                    QStringLiteral("folder_mode must be fixed or dynamic, not '%1'").arg(value));
        } else if (key == u"admin_rate_limit") {
            config.adminRateLimit = value.toInt();
        } else if (key == u"plan") {
            config.planName = value;
        } else if (key == u"credits_limit") {
            bool ok = false;
            config.creditsLimit = value.toDouble(&ok);
            if (!ok || config.creditsLimit <= 0)
                return core::Error::invalidInput(
                    QStringLiteral("credits_limit must be a positive number, not '%1'").arg(value));
        } else if (key == u"storage_limit") {
            bool ok = false;
            config.storageLimit = value.toLongLong(&ok);
            if (!ok || config.storageLimit <= 0)
                return core::Error::invalidInput(
                    QStringLiteral("storage_limit must be a positive number of bytes, not '%1'").arg(value));
        } else if (key == u"max_image_bytes") {
            config.maxImageBytes = value.toLongLong();
        } else if (key == u"max_video_bytes") {
            config.maxVideoBytes = value.toLongLong();
        } else if (key == u"max_raw_bytes") {
            config.maxRawBytes = value.toLongLong();
        } else if (key == u"max_request_bytes") {
            bool ok = false;
            config.maxRequestBytes = value.toLongLong(&ok);
            if (!ok || config.maxRequestBytes <= 0)
                return core::Error::invalidInput(
                    QStringLiteral("max_request_bytes must be a positive number, not '%1'").arg(value));
        } else if (key == u"cname") {
            config.hostNames.append(value);
        } else if (key == u"upload_prefix") {
            const QUrl prefix(value);
            if (!prefix.host().isEmpty())
                config.hostNames.append(prefix.port() < 0
                                            ? prefix.host()
                                            : prefix.host() + u':' + QString::number(prefix.port()));
        } else if (key == u"name") {
            config.name = value;
        } else if (key == u"denied_apis") {
            config.deniedApis = value.split(u',', Qt::SkipEmptyParts);
        } else if (key.startsWith(u"fault_")) {
            faults.insert(key.mid(6), value);
        }
    }
    config.faults.apply(faults);
    return config;
}

EnvironmentConfig EnvironmentConfig::generated(const QString &cloudName)
{
    EnvironmentConfig config;
    config.cloudName = cloudName;
    config.name = QStringLiteral("Local sandbox");
    config.apiKey = randomDigits(15);
    config.apiSecret = randomSecret();
    return config;
}

QString EnvironmentConfig::clientUrl(quint16 port) const
{
    const QString host = QStringLiteral("127.0.0.1:%1").arg(port);
    return QStringLiteral("cloudinary://%1:%2@%3?upload_prefix=http://%4&cname=%4&secure=false")
        .arg(apiKey, apiSecret, cloudName, host);
}

core::Result<AccountConfig> AccountConfig::fromUrl(const QString &url)
{
    auto parsed = core::CloudinaryUrl::parse(url);
    if (!parsed)
        return parsed.error();
    if (parsed->kind() != core::CloudinaryUrl::Kind::Account)
        return core::Error::invalidInput(QStringLiteral("--account needs an account:// URL"));
    AccountConfig account;
    account.accountId = parsed->accountId();
    account.provisioningKey = parsed->apiKey();
    account.provisioningSecret = parsed->apiSecret();
    return account;
}

QString AccountConfig::clientUrl(quint16 port) const
{
    const QString prefix = QStringLiteral("http://127.0.0.1:%1").arg(port);
    return QStringLiteral("account://%1:%2@%3?upload_prefix=%4")
        .arg(provisioningKey, provisioningSecret, accountId, prefix);
}

} // namespace stratus::sandbox
