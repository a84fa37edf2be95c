#include "admintypes.h"

#include "jsonfields.h"

namespace stratus::core {

using namespace JsonFields;

ApiMessage ApiMessage::fromJson(const QJsonObject &json)
{
    return ApiMessage {text(json, u"status"), text(json, u"message"), text(json, u"result"), json};
}

UsageMetric UsageMetric::fromJson(const QJsonValue &json)
{
    UsageMetric metric;
    if (json.isDouble()) {
        metric.usage = json.toDouble();
        return metric;
    }
    const QJsonObject object = json.toObject();
    metric.usage = number(object, u"usage");
    metric.limit = number(object, u"limit");
    metric.usedPercent = number(object, u"used_percent");
    metric.creditsUsage = number(object, u"credits_usage");
    return metric;
}

Usage Usage::fromJson(const QJsonObject &json)
{
    Usage usage;
    usage.plan = text(json, u"plan");
    usage.lastUpdated = dateTime(json, u"last_updated");
    if (!usage.lastUpdated.isValid()) {
        // Often a bare date ("2024-05-01").
        const QDate date = QDate::fromString(text(json, u"last_updated"), Qt::ISODate);
        if (date.isValid())
            usage.lastUpdated = QDateTime(date, QTime(0, 0), Qt::UTC);
    }
    usage.transformations = UsageMetric::fromJson(json.value(u"transformations"));
    usage.objects = UsageMetric::fromJson(json.value(u"objects"));
    usage.bandwidth = UsageMetric::fromJson(json.value(u"bandwidth"));
    usage.storage = UsageMetric::fromJson(json.value(u"storage"));
    usage.credits = UsageMetric::fromJson(json.value(u"credits"));
    usage.impressions = UsageMetric::fromJson(json.value(u"impressions"));
    usage.requests = integer(json, u"requests");
    usage.resources = integer(json, u"resources");
    usage.derivedResources = integer(json, u"derived_resources");
    usage.mediaLimits = object(json, u"media_limits");
    usage.raw = json;
    return usage;
}

CloudConfig CloudConfig::fromJson(const QJsonObject &json)
{
    CloudConfig config;
    config.cloudName = text(json, u"cloud_name");
    config.createdAt = dateTime(json, u"created_at");
    config.settings = object(json, u"settings");
    const QString mode = text(config.settings, u"folder_mode").toLower();
    config.folderMode = mode == u"dynamic" ? FolderMode::Dynamic
        : mode == u"fixed"                 ? FolderMode::Fixed
                                           : FolderMode::Unknown;
    config.raw = json;
    return config;
}

Folder Folder::fromJson(const QJsonObject &json)
{
    return Folder {text(json, u"name"), text(json, u"path"), text(json, u"external_id"),
                   dateTime(json, u"created_at")};
}

FolderPage FolderPage::fromJson(const QJsonObject &json)
{
    FolderPage page;
    for (const QJsonObject &folder : objects(json, u"folders"))
        page.folders.append(Folder::fromJson(folder));
    page.nextCursor = text(json, u"next_cursor");
    page.totalCount = integer(json, u"total_count", -1);
    page.raw = json;
    return page;
}

FolderCreated FolderCreated::fromJson(const QJsonObject &json)
{
    return FolderCreated {boolean(json, u"success"), Folder::fromJson(json), json};
}

FolderRenamed FolderRenamed::fromJson(const QJsonObject &json)
{
    return FolderRenamed {Folder::fromJson(object(json, u"from")), Folder::fromJson(object(json, u"to")),
                          json};
}

FoldersDeleted FoldersDeleted::fromJson(const QJsonObject &json)
{
    return FoldersDeleted {textList(json, u"deleted"), json};
}

TagPage TagPage::fromJson(const QJsonObject &json)
{
    return TagPage {textList(json, u"tags"), text(json, u"next_cursor"), json};
}

DeletedResources DeletedResources::fromJson(const QJsonObject &json)
{
    DeletedResources result;
    const QJsonObject deleted = object(json, u"deleted");
    for (auto it = deleted.constBegin(); it != deleted.constEnd(); ++it)
        result.deleted.insert(it.key(), text(deleted, it.key()));
    result.partial = boolean(json, u"partial");
    result.nextCursor = text(json, u"next_cursor");
    result.raw = json;
    return result;
}

TransformationSummary TransformationSummary::fromJson(const QJsonObject &json)
{
    return TransformationSummary {text(json, u"name"), boolean(json, u"allowed_for_strict"),
                                  boolean(json, u"used"), boolean(json, u"named")};
}

TransformationPage TransformationPage::fromJson(const QJsonObject &json)
{
    TransformationPage page;
    for (const QJsonObject &transformation : objects(json, u"transformations"))
        page.transformations.append(TransformationSummary::fromJson(transformation));
    page.nextCursor = text(json, u"next_cursor");
    page.raw = json;
    return page;
}

TransformationDetails TransformationDetails::fromJson(const QJsonObject &json)
{
    TransformationDetails details;
    details.name = text(json, u"name");
    details.allowedForStrict = boolean(json, u"allowed_for_strict");
    details.used = boolean(json, u"used");
    details.named = boolean(json, u"named");
    details.info = array(json, u"info");
    details.derived = array(json, u"derived");
    details.nextCursor = text(json, u"next_cursor");
    details.raw = json;
    return details;
}

UploadPreset UploadPreset::fromJson(const QJsonObject &json)
{
    return UploadPreset {text(json, u"name"), boolean(json, u"unsigned"), object(json, u"settings"),
                         text(json, u"external_id"), json};
}

UploadPresetPage UploadPresetPage::fromJson(const QJsonObject &json)
{
    UploadPresetPage page;
    for (const QJsonObject &preset : objects(json, u"presets"))
        page.presets.append(UploadPreset::fromJson(preset));
    page.nextCursor = text(json, u"next_cursor");
    page.raw = json;
    return page;
}

} // namespace stratus::core
