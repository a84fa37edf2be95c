#pragma once

#include "apicall.h"
#include "apicontext.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace stratus::core {

/// One API key of a product environment. `secret` is a credential: keep it out of logs and
/// settings; hand it to the keychain.
struct AccessKey
{
    QString key;
    QString secret;
    bool enabled = true;
};

/// A product environment ("sub account") as the Provisioning API describes it.
struct SubAccount
{
    QString id;
    QString cloudName;
    QString name;
    bool enabled = true;
    QDateTime createdAt;
    QDateTime updatedAt;
    QJsonObject customAttributes;
    QList<AccessKey> accessKeys;
    QJsonObject raw; ///< contains the secrets too

    [[nodiscard]] static SubAccount fromJson(const QJsonObject &json);
};

struct SubAccountList
{
    QList<SubAccount> subAccounts;
    QJsonObject raw;

    [[nodiscard]] static SubAccountList fromJson(const QJsonObject &json);
};

struct AccountUser
{
    QString id;
    QString name;
    QString role;
    QString email;
    bool pending = false;
    bool enabled = true;
    bool allSubAccounts = false;
    QStringList subAccountIds;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime lastLogin;
    QJsonObject raw;

    [[nodiscard]] static AccountUser fromJson(const QJsonObject &json);
};

struct AccountUserList
{
    QList<AccountUser> users;
    QJsonObject raw;

    [[nodiscard]] static AccountUserList fromJson(const QJsonObject &json);
};

/// Filters of `GET sub_accounts`.
struct SubAccountFilter
{
    std::optional<bool> enabled;
    QStringList ids;
    QStringList cloudNames;
    QString prefix;
};

/// Filters of `GET users`.
struct UserFilter
{
    std::optional<bool> pending;
    QStringList ids;
    QStringList emails;
    QString prefix;
    QString subAccountId;
};

/// The Provisioning (account) API (reference §f) over Basic auth with the provisioning key and
/// secret; the context's endpoint comes from ApiEndpoint::forAccount(). Read calls only: listing
/// the product environments with their keys is what a multi-environment client needs. Jobs as
/// AdminApi's: owned by `parent`, not started. Cheap to copy.
class ProvisioningApi
{
public:
    explicit ProvisioningApi(ApiContext context)
        : m_context(std::move(context))
    {
    }

    [[nodiscard]] ApiCall<SubAccountList> *subAccounts(const SubAccountFilter &filter, QObject *parent) const;
    [[nodiscard]] ApiCall<SubAccount> *subAccount(const QString &id, QObject *parent) const;
    [[nodiscard]] ApiCall<AccountUserList> *users(const UserFilter &filter, QObject *parent) const;

private:
    ApiContext m_context;
};

} // namespace stratus::core
