#include "uploadentry.h"

#include <QJsonArray>

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace stratus::core::transfers {

namespace {

constexpr std::array kStates {
    std::pair {UploadState::Pending, "pending"},     std::pair {UploadState::Hashing, "hashing"},
    std::pair {UploadState::Asking, "asking"},       std::pair {UploadState::Running, "running"},
    std::pair {UploadState::Paused, "paused"},       std::pair {UploadState::Done, "done"},
    std::pair {UploadState::Skipped, "skipped"},     std::pair {UploadState::Failed, "failed"},
    std::pair {UploadState::Cancelled, "cancelled"},
};

constexpr std::array kPolicies {
    std::pair {DuplicatePolicy::Ask, "ask"},
    std::pair {DuplicatePolicy::Skip, "skip"},
    std::pair {DuplicatePolicy::UploadAnyway, "upload"},
    std::pair {DuplicatePolicy::Overwrite, "overwrite"},
};

template<typename Table, typename Value> QString nameIn(const Table &table, Value value)
{
    for (const auto &[candidate, name] : table) {
        if (candidate == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template<typename Table, typename Value>
Value valueIn(const Table &table, const QString &name, Value fallback)
{
    for (const auto &[candidate, text] : table) {
        if (name == QLatin1StringView(text))
            return candidate;
    }
    return fallback;
}

QJsonValue flagJson(std::optional<bool> flag)
{
    return flag ? QJsonValue(*flag) : QJsonValue();
}

std::optional<bool> flagFrom(const QJsonValue &value)
{
    return value.isBool() ? std::optional<bool>(value.toBool()) : std::nullopt;
}

} // namespace

QString stateName(UploadState state)
{
    return nameIn(kStates, state);
}

UploadState stateFromName(const QString &name)
{
    return valueIn(kStates, name, UploadState::Pending);
}

bool isFinal(UploadState state)
{
    return state == UploadState::Done || state == UploadState::Skipped || state == UploadState::Failed
        || state == UploadState::Cancelled;
}

QString policyName(DuplicatePolicy policy)
{
    return nameIn(kPolicies, policy);
}

DuplicatePolicy policyFromName(const QString &name)
{
    return valueIn(kPolicies, name, DuplicatePolicy::Ask);
}

QJsonObject UploadEntry::optionsToJson(const UploadOptions &o)
{
    QJsonObject context;
    for (auto it = o.context.constBegin(); it != o.context.constEnd(); ++it)
        context.insert(it.key(), it.value());
    return QJsonObject {
        {u"resource_type"_s, o.resourceType},
        {u"type"_s, o.type},
        {u"public_id"_s, o.publicId},
        {u"folder"_s, o.folder},
        {u"asset_folder"_s, o.assetFolder},
        {u"display_name"_s, o.displayName},
        {u"use_filename"_s, flagJson(o.useFilename)},
        {u"unique_filename"_s, flagJson(o.uniqueFilename)},
        {u"overwrite"_s, flagJson(o.overwrite)},
        {u"tags"_s, QJsonArray::fromStringList(o.tags)},
        {u"context"_s, context},
        {u"upload_preset"_s, o.uploadPreset},
        {u"unsigned"_s, o.unsignedUpload},
        {u"extra"_s, o.extra},
        {u"file_name"_s, o.fileName},
    };
}

UploadOptions UploadEntry::optionsFromJson(const QJsonObject &json)
{
    UploadOptions o;
    o.resourceType = json.value(u"resource_type"_s).toString(u"auto"_s);
    o.type = json.value(u"type"_s).toString();
    o.publicId = json.value(u"public_id"_s).toString();
    o.folder = json.value(u"folder"_s).toString();
    o.assetFolder = json.value(u"asset_folder"_s).toString();
    o.displayName = json.value(u"display_name"_s).toString();
    o.useFilename = flagFrom(json.value(u"use_filename"_s));
    o.uniqueFilename = flagFrom(json.value(u"unique_filename"_s));
    o.overwrite = flagFrom(json.value(u"overwrite"_s));
    for (const QJsonValue &tag : json.value(u"tags"_s).toArray())
        o.tags.append(tag.toString());
    const QJsonObject context = json.value(u"context"_s).toObject();
    for (auto it = context.constBegin(); it != context.constEnd(); ++it)
        o.context.insert(it.key(), it.value().toString());
    o.uploadPreset = json.value(u"upload_preset"_s).toString();
    o.unsignedUpload = json.value(u"unsigned"_s).toBool();
    o.extra = json.value(u"extra"_s).toObject();
    o.fileName = json.value(u"file_name"_s).toString();
    return o;
}

} // namespace stratus::core::transfers
