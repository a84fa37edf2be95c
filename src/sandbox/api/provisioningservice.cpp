#include "provisioningservice.h"

#include "authentication.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace stratus::sandbox {

namespace {

QJsonObject subAccountJson(const EnvironmentConfig &env)
{
    return QJsonObject {
        {QStringLiteral("id"), ProvisioningService::subAccountId(env)},
        {QStringLiteral("cloud_name"), env.cloudName},
        {QStringLiteral("name"), env.name},
        {QStringLiteral("enabled"), true},
        {QStringLiteral("created_at"), QStringLiteral("2026-01-01T00:00:00Z")},
        {QStringLiteral("updated_at"), QStringLiteral("2026-01-01T00:00:00Z")},
        {QStringLiteral("custom_attributes"), QJsonObject()},
        {QStringLiteral("api_access_keys"),
         QJsonArray {QJsonObject {{QStringLiteral("key"), env.apiKey},
                                  {QStringLiteral("secret"), env.apiSecret},
                                  {QStringLiteral("enabled"), true}}}},
    };
}

} // namespace

QString ProvisioningService::subAccountId(const EnvironmentConfig &env)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArray("sub-account:" + env.cloudName.toUtf8()), QCryptographicHash::Md5)
            .toHex());
}

ApiResponse ProvisioningService::handle(const AccountConfig &account,
                                        const QList<EnvironmentConfig> &environments, const QStringList &path,
                                        const ApiRequest &request)
{
    if (!account.enabled())
        return ApiResponse::error(
            404, QStringLiteral("The Provisioning API is not enabled (start with --account)"));
    if (path.value(0) != account.accountId)
        return ApiResponse::error(404, QStringLiteral("Account %1 not found").arg(path.value(0)));
    if (auto refused = checkBasicAuth(request, account.provisioningKey, account.provisioningSecret))
        return *refused;
    if (request.method != "GET")
        return ApiResponse::error(405, QStringLiteral("The sandbox's Provisioning API is read-only"));

    const QString collection = path.value(1);
    if (collection == u"sub_accounts") {
        if (path.size() == 3) {
            for (const EnvironmentConfig &env : environments) {
                if (subAccountId(env) == path.at(2))
                    return ApiResponse::json(subAccountJson(env));
            }
            return ApiResponse::error(404, QStringLiteral("Sub account %1 not found").arg(path.at(2)));
        }
        const QStringList ids = request.arrayParam(QStringLiteral("ids"));
        const QStringList cloudNames = request.arrayParam(QStringLiteral("cloud_names"));
        const QString prefix = request.param(QStringLiteral("prefix")).toLower();
        QJsonArray list;
        for (const EnvironmentConfig &env : environments) {
            if (!ids.isEmpty() && !ids.contains(subAccountId(env)))
                continue;
            if (!cloudNames.isEmpty() && !cloudNames.contains(env.cloudName))
                continue;
            if (!prefix.isEmpty() && !env.name.toLower().startsWith(prefix))
                continue;
            list.append(subAccountJson(env));
        }
        return ApiResponse::json({{QStringLiteral("sub_accounts"), list}});
    }
    if (collection == u"users") {
        QJsonArray subAccountIds;
        for (const EnvironmentConfig &env : environments)
            subAccountIds.append(subAccountId(env));
        const QJsonObject user {
            {QStringLiteral("id"), QStringLiteral("0f1e2d3c4b5a69788796a5b4c3d2e1f0")},
            {QStringLiteral("name"), QStringLiteral("Sandbox Admin")},
            {QStringLiteral("role"), QStringLiteral("master_admin")},
            {QStringLiteral("email"), QStringLiteral("admin@sandbox.invalid")},
            {QStringLiteral("pending"), false},
            {QStringLiteral("enabled"), true},
            {QStringLiteral("created_at"), QStringLiteral("2026-01-01T00:00:00Z")},
            {QStringLiteral("updated_at"), QStringLiteral("2026-01-01T00:00:00Z")},
            {QStringLiteral("last_login"), QStringLiteral("2026-01-01T00:00:00Z")},
            {QStringLiteral("all_sub_accounts"), true},
            {QStringLiteral("sub_account_ids"), subAccountIds},
        };
        return ApiResponse::json({{QStringLiteral("users"), QJsonArray {user}}});
    }
    return ApiResponse::error(404, QStringLiteral("Unsupported Provisioning API path"));
}

} // namespace stratus::sandbox
