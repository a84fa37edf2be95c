#include "provisioningapi.h"

#include "jsonfields.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace stratus::core {

using namespace JsonFields;

SubAccount SubAccount::fromJson(const QJsonObject &json)
{
    SubAccount account;
    account.id = text(json, u"id");
    account.cloudName = text(json, u"cloud_name");
    account.name = text(json, u"name");
    account.enabled = boolean(json, u"enabled", true);
    account.createdAt = dateTime(json, u"created_at");
    account.updatedAt = dateTime(json, u"updated_at");
    account.customAttributes = object(json, u"custom_attributes");
    for (const QJsonObject &key : objects(json, u"api_access_keys"))
        account.accessKeys.append(
            AccessKey {text(key, u"key"), text(key, u"secret"), boolean(key, u"enabled", true)});
    account.raw = json;
    return account;
}

SubAccountList SubAccountList::fromJson(const QJsonObject &json)
{
    SubAccountList list;
    for (const QJsonObject &account : objects(json, u"sub_accounts"))
        list.subAccounts.append(SubAccount::fromJson(account));
    list.raw = json;
    return list;
}

AccountUser AccountUser::fromJson(const QJsonObject &json)
{
    AccountUser user;
    user.id = text(json, u"id");
    user.name = text(json, u"name");
    user.role = text(json, u"role");
    user.email = text(json, u"email");
    user.pending = boolean(json, u"pending");
    user.enabled = boolean(json, u"enabled", true);
    user.allSubAccounts = boolean(json, u"all_sub_accounts");
    user.subAccountIds = textList(json, u"sub_account_ids");
    user.createdAt = dateTime(json, u"created_at");
    user.updatedAt = dateTime(json, u"updated_at");
    user.lastLogin = dateTime(json, u"last_login");
    user.raw = json;
    return user;
}

AccountUserList AccountUserList::fromJson(const QJsonObject &json)
{
    AccountUserList list;
    for (const QJsonObject &user : objects(json, u"users"))
        list.users.append(AccountUser::fromJson(user));
    list.raw = json;
    return list;
}

ApiCall<SubAccountList> *ProvisioningApi::subAccounts(const SubAccountFilter &filter, QObject *parent) const
{
    QJsonObject params;
    if (filter.enabled)
        params.insert(u"enabled"_s, *filter.enabled);
    if (!filter.ids.isEmpty())
        params.insert(u"ids"_s, QJsonArray::fromStringList(filter.ids));
    if (!filter.cloudNames.isEmpty())
        params.insert(u"cloud_names"_s, QJsonArray::fromStringList(filter.cloudNames));
    if (!filter.prefix.isEmpty())
        params.insert(u"prefix"_s, filter.prefix);
    return new ApiCall<SubAccountList>(m_context, ApiRequest {"GET", {u"sub_accounts"_s}, params},
                                       &SubAccountList::fromJson, parent);
}

ApiCall<SubAccount> *ProvisioningApi::subAccount(const QString &id, QObject *parent) const
{
    return new ApiCall<SubAccount>(m_context, ApiRequest {"GET", {u"sub_accounts"_s, id}},
                                   &SubAccount::fromJson, parent);
}

ApiCall<AccountUserList> *ProvisioningApi::users(const UserFilter &filter, QObject *parent) const
{
    QJsonObject params;
    if (filter.pending)
        params.insert(u"pending"_s, *filter.pending);
    if (!filter.ids.isEmpty())
        params.insert(u"ids"_s, QJsonArray::fromStringList(filter.ids));
    if (!filter.emails.isEmpty())
        params.insert(u"emails"_s, QJsonArray::fromStringList(filter.emails));
    if (!filter.prefix.isEmpty())
        params.insert(u"prefix"_s, filter.prefix);
    if (!filter.subAccountId.isEmpty())
        params.insert(u"sub_account_id"_s, filter.subAccountId);
    return new ApiCall<AccountUserList>(m_context, ApiRequest {"GET", {u"users"_s}, params},
                                        &AccountUserList::fromJson, parent);
}

} // namespace stratus::core
