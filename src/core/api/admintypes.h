#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace stratus::core {

// The DTOs of the Admin API (reference §e). Plain values, parsed leniently; `raw` keeps the whole
// answer for fields added after this was written.

/// A short acknowledgement: ping's `status`, create/update/delete `message`, destroy's `result`.
struct ApiMessage
{
    QString status;
    QString message;
    QString result;
    QJsonObject raw;

    [[nodiscard]] static ApiMessage fromJson(const QJsonObject &json);
};

/// One line of the usage report: `{usage, limit, used_percent, credits_usage}` (or a bare number).
struct UsageMetric
{
    double usage = 0;
    double limit = 0;
    double usedPercent = 0;
    double creditsUsage = 0;

    [[nodiscard]] static UsageMetric fromJson(const QJsonValue &json);
};

struct Usage
{
    QString plan;
    QDateTime lastUpdated;
    UsageMetric transformations;
    UsageMetric objects;
    UsageMetric bandwidth;
    UsageMetric storage;
    UsageMetric credits;
    UsageMetric impressions;
    qint64 requests = 0;
    qint64 resources = 0;
    qint64 derivedResources = 0;
    QJsonObject mediaLimits;
    QJsonObject raw;

    [[nodiscard]] static Usage fromJson(const QJsonObject &json);
};

enum class FolderMode { Unknown, Fixed, Dynamic };

/// `GET config?settings=true`: what an integration must know per cloud, chiefly its folder mode.
struct CloudConfig
{
    QString cloudName;
    QDateTime createdAt;
    FolderMode folderMode = FolderMode::Unknown;
    QJsonObject settings;
    QJsonObject raw;

    [[nodiscard]] static CloudConfig fromJson(const QJsonObject &json);
};

struct Folder
{
    QString name;
    QString path;
    QString externalId;
    QDateTime createdAt;

    [[nodiscard]] static Folder fromJson(const QJsonObject &json);
};

struct FolderPage
{
    QList<Folder> folders;
    QString nextCursor;
    qint64 totalCount = -1;
    QJsonObject raw;

    [[nodiscard]] static FolderPage fromJson(const QJsonObject &json);
};

/// `POST folders/<path>`: the folder as created.
struct FolderCreated
{
    bool success = false;
    Folder folder;
    QJsonObject raw;

    [[nodiscard]] static FolderCreated fromJson(const QJsonObject &json);
};

/// `PUT folders/<path>` (dynamic mode): where it was and where it is now.
struct FolderRenamed
{
    Folder from;
    Folder to;
    QJsonObject raw;

    [[nodiscard]] static FolderRenamed fromJson(const QJsonObject &json);
};

/// `DELETE folders/<path>`: the paths deleted.
struct FoldersDeleted
{
    QStringList deleted;
    QJsonObject raw;

    [[nodiscard]] static FoldersDeleted fromJson(const QJsonObject &json);
};

struct TagPage
{
    QStringList tags;
    QString nextCursor;
    QJsonObject raw;

    [[nodiscard]] static TagPage fromJson(const QJsonObject &json);
};

/// `DELETE resources/…`: per public id "deleted" or "not_found"; `partial` with a cursor when a
/// prefix deletion has more to do.
struct DeletedResources
{
    QMap<QString, QString> deleted;
    bool partial = false;
    QString nextCursor;
    QJsonObject raw;

    [[nodiscard]] static DeletedResources fromJson(const QJsonObject &json);
};

/// A line of `GET transformations`. Named transformations come back as `t_<name>`.
struct TransformationSummary
{
    QString name;
    bool allowedForStrict = false;
    bool used = false;
    bool named = false;

    [[nodiscard]] static TransformationSummary fromJson(const QJsonObject &json);
};

struct TransformationPage
{
    QList<TransformationSummary> transformations;
    QString nextCursor;
    QJsonObject raw;

    [[nodiscard]] static TransformationPage fromJson(const QJsonObject &json);
};

/// `GET transformations/<name>`: the steps (`info`) and the derived assets made with it.
struct TransformationDetails
{
    QString name;
    bool allowedForStrict = false;
    bool used = false;
    bool named = false;
    QJsonArray info;
    QJsonArray derived;
    QString nextCursor;
    QJsonObject raw;

    [[nodiscard]] static TransformationDetails fromJson(const QJsonObject &json);
};

struct UploadPreset
{
    QString name;
    bool isUnsigned = false;
    QJsonObject settings;
    QString externalId;
    QJsonObject raw;

    [[nodiscard]] static UploadPreset fromJson(const QJsonObject &json);
};

struct UploadPresetPage
{
    QList<UploadPreset> presets;
    QString nextCursor;
    QJsonObject raw;

    [[nodiscard]] static UploadPresetPage fromJson(const QJsonObject &json);
};

} // namespace stratus::core
