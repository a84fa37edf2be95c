#pragma once

#include "asset.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <vector>

namespace stratus::sandbox {

/// The sandbox's state: every product environment's assets, folders, named transformations,
/// upload presets and metadata fields, kept in memory for fast listing and search and written through to
/// SQLite (WAL, synchronous=FULL) in the data directory, with each original as a file beside it.
///
/// Durability: an original is written to a temporary file, flushed and fsync'ed, renamed into
/// place, and only then is its row committed; a kill -9 at any point leaves either the old state
/// or the new one (an orphaned file is removed at the next open). Used from one thread.
class AssetStore
{
public:
    AssetStore();
    ~AssetStore();
    AssetStore(const AssetStore &) = delete;
    AssetStore &operator=(const AssetStore &) = delete;

    /// Opens (creating) the store in `directory`. Returns false with *error set on failure.
    bool open(const QString &directory, QString *error);
    [[nodiscard]] QString directory() const { return m_directory; }

    // Assets -----------------------------------------------------------------------------------
    [[nodiscard]] const Asset *find(const QString &cloud, const QString &resourceType, const QString &type,
                                    const QString &publicId) const;
    [[nodiscard]] const Asset *findById(const QString &cloud, const QString &assetId) const;
    /// Every asset of an environment, in no particular order. Pointers stay valid until the next write.
    [[nodiscard]] std::vector<const Asset *> assets(const QString &cloud) const;
    [[nodiscard]] qsizetype assetCount(const QString &cloud) const;

    /// Stores `asset` with the original at `stagedFile` (moved into the store; must be on the same
    /// file system, e.g. from stagingDirectory()). Replaces an asset with the same key. An invalid
    /// updatedAt becomes uploadedAt.
    bool putAsset(const QString &cloud, Asset asset, const QString &stagedFile, QString *error);
    /// Changes metadata only (tags, context, folder, display name, …); the key must exist. Callers set
    /// Asset::updatedAt to the time of the change (as for rekeyAsset).
    bool updateAsset(const QString &cloud, const Asset &asset, QString *error);
    /// Moves an asset to a new key (rename); the original file stays.
    bool rekeyAsset(const QString &cloud, const QString &oldKey, const Asset &renamed, QString *error);
    bool removeAsset(const QString &cloud, const QString &key, QString *error);

    /// The original's path on disk.
    [[nodiscard]] QString filePath(const QString &cloud, const Asset &asset) const;
    /// A directory for staging uploads (same file system as the store).
    [[nodiscard]] QString stagingDirectory() const;
    /// A directory for derived (transformed) results of an environment.
    [[nodiscard]] QString derivedDirectory(const QString &cloud) const;

    /// Groups many writes in one transaction (seeding). Nesting is not supported.
    void beginBatch();
    bool commitBatch(QString *error);

    // Folders (explicitly created ones; folders implied by assets are derived by callers) -----
    [[nodiscard]] QMap<QString, QDateTime> explicitFolders(const QString &cloud) const;
    bool addFolder(const QString &cloud, const QString &path, QString *error);
    bool removeFolder(const QString &cloud, const QString &path, QString *error);

    // Named transformations and upload presets -------------------------------------------------
    [[nodiscard]] QMap<QString, QString> namedTransformations(const QString &cloud) const;
    bool putNamedTransformation(const QString &cloud, const QString &name, const QString &transformation,
                                QString *error);
    bool removeNamedTransformation(const QString &cloud, const QString &name, QString *error);

    [[nodiscard]] QMap<QString, QJsonObject> uploadPresets(const QString &cloud) const;
    bool putUploadPreset(const QString &cloud, const QString &name, const QJsonObject &preset,
                         QString *error);
    bool removeUploadPreset(const QString &cloud, const QString &name, QString *error);

    // Structured metadata field definitions, in their order (the Admin API's JSON) --------------
    [[nodiscard]] QJsonArray metadataFields(const QString &cloud) const;
    bool putMetadataFields(const QString &cloud, const QJsonArray &fields, QString *error);

private:
    struct Environment
    {
        QHash<QString, Asset> assets; // key → asset
        QHash<QString, QString> byId; // asset id → key
        QMap<QString, QDateTime> folders;
        QMap<QString, QString> named;
        QMap<QString, QJsonObject> presets;
        QJsonArray metadataFields;
    };

    Environment &env(const QString &cloud);
    [[nodiscard]] const Environment *envIfAny(const QString &cloud) const;
    bool exec(const QString &sql, const QVariantList &values, QString *error);
    bool load(QString *error);
    void removeOrphans();
    [[nodiscard]] QString filesDirectory(const QString &cloud) const;

    QString m_directory;
    QString m_connectionName;
    QHash<QString, Environment> m_environments;
    bool m_inBatch = false;
};

} // namespace stratus::sandbox
