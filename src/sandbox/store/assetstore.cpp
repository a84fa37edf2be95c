#include "assetstore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <cstdio>
#include <unistd.h>

namespace stratus::sandbox {

namespace {

QString toText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject fromText(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

// Makes a rename durable: fsync the directory that holds the new name.
void syncDirectory(const QString &path)
{
    QFile dir(path);
    if (dir.open(QIODevice::ReadOnly))
        ::fsync(dir.handle());
}

} // namespace

AssetStore::AssetStore()
    : m_connectionName(QStringLiteral("stratus-sandbox-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

AssetStore::~AssetStore()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool AssetStore::open(const QString &directory, QString *error)
{
    m_directory = QDir(directory).absolutePath();
    if (!QDir().mkpath(m_directory + QStringLiteral("/files")) || !QDir().mkpath(stagingDirectory())) {
        *error = QStringLiteral("cannot create the data directory %1").arg(m_directory);
        return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(m_directory + QStringLiteral("/sandbox.sqlite"));
    if (!db.open()) {
        *error = QStringLiteral("cannot open the sandbox database: %1").arg(db.lastError().text());
        return false;
    }
    const char *schema[] = {
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=FULL",
        "CREATE TABLE IF NOT EXISTS assets (cloud TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL,"
        " PRIMARY KEY (cloud, key))",
        "CREATE TABLE IF NOT EXISTS folders (cloud TEXT NOT NULL, path TEXT NOT NULL, created_at TEXT NOT "
        "NULL,"
        " PRIMARY KEY (cloud, path))",
        "CREATE TABLE IF NOT EXISTS named_transformations (cloud TEXT NOT NULL, name TEXT NOT NULL,"
        " transformation TEXT NOT NULL, PRIMARY KEY (cloud, name))",
        "CREATE TABLE IF NOT EXISTS upload_presets (cloud TEXT NOT NULL, name TEXT NOT NULL, json TEXT NOT "
        "NULL,"
        " PRIMARY KEY (cloud, name))",
        "CREATE TABLE IF NOT EXISTS metadata_fields (cloud TEXT NOT NULL PRIMARY KEY, json TEXT NOT NULL)",
    };
    for (const char *statement : schema) {
        if (!exec(QString::fromLatin1(statement), {}, error))
            return false;
    }
    if (!load(error))
        return false;
    removeOrphans();
    // Staged uploads of a previous run that never completed.
    QDir staging(stagingDirectory());
    for (const QString &name : staging.entryList(QDir::Files))
        staging.remove(name);
    return true;
}

bool AssetStore::exec(const QString &sql, const QVariantList &values, QString *error)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.prepare(sql)) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        if (error)
            *error = QStringLiteral("database error: %1").arg(query.lastError().text());
        return false;
    }
    return true;
}

bool AssetStore::load(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT cloud, json FROM assets"))) {
        *error = query.lastError().text();
        return false;
    }
    while (query.next()) {
        Asset asset = Asset::fromStorageJson(fromText(query.value(1).toString()));
        Environment &e = env(query.value(0).toString());
        e.byId.insert(asset.assetId, asset.key());
        e.assets.insert(asset.key(), std::move(asset));
    }
    query.exec(QStringLiteral("SELECT cloud, path, created_at FROM folders"));
    while (query.next())
        env(query.value(0).toString())
            .folders.insert(query.value(1).toString(),
                            QDateTime::fromString(query.value(2).toString(), Qt::ISODate));
    query.exec(QStringLiteral("SELECT cloud, name, transformation FROM named_transformations"));
    while (query.next())
        env(query.value(0).toString()).named.insert(query.value(1).toString(), query.value(2).toString());
    query.exec(QStringLiteral("SELECT cloud, name, json FROM upload_presets"));
    while (query.next())
        env(query.value(0).toString())
            .presets.insert(query.value(1).toString(), fromText(query.value(2).toString()));
    query.exec(QStringLiteral("SELECT cloud, json FROM metadata_fields"));
    while (query.next())
        env(query.value(0).toString()).metadataFields
            = QJsonDocument::fromJson(query.value(1).toString().toUtf8()).array();
    return true;
}

void AssetStore::removeOrphans()
{
    // Files moved into place whose row never committed (a crash in between), in every
    // environment folder on disk, including those of environments that have no rows yet.
    QDir files(m_directory + QStringLiteral("/files"));
    for (const QString &cloud : files.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QSet<QString> referenced;
        if (const Environment *e = envIfAny(cloud)) {
            for (const Asset &asset : e->assets)
                referenced.insert(asset.storageName);
        }
        QDir dir(filesDirectory(cloud));
        for (const QString &name : dir.entryList(QDir::Files)) {
            if (!referenced.contains(name))
                dir.remove(name);
        }
    }
}

AssetStore::Environment &AssetStore::env(const QString &cloud)
{
    return m_environments[cloud];
}

const AssetStore::Environment *AssetStore::envIfAny(const QString &cloud) const
{
    const auto it = m_environments.constFind(cloud);
    return it == m_environments.cend() ? nullptr : &*it;
}

QString AssetStore::filesDirectory(const QString &cloud) const
{
    return m_directory + QStringLiteral("/files/") + cloud;
}

QString AssetStore::stagingDirectory() const
{
    return m_directory + QStringLiteral("/staging");
}

QString AssetStore::derivedDirectory(const QString &cloud) const
{
    return m_directory + QStringLiteral("/derived/") + cloud;
}

QString AssetStore::filePath(const QString &cloud, const Asset &asset) const
{
    return filesDirectory(cloud) + u'/' + asset.storageName;
}

const Asset *AssetStore::find(const QString &cloud, const QString &resourceType, const QString &type,
                              const QString &publicId) const
{
    const Environment *e = envIfAny(cloud);
    if (!e)
        return nullptr;
    const auto it = e->assets.constFind(Asset::keyOf(resourceType, type, publicId));
    return it == e->assets.cend() ? nullptr : &*it;
}

const Asset *AssetStore::findById(const QString &cloud, const QString &assetId) const
{
    const Environment *e = envIfAny(cloud);
    if (!e)
        return nullptr;
    const auto key = e->byId.constFind(assetId);
    if (key == e->byId.cend())
        return nullptr;
    const auto it = e->assets.constFind(*key);
    return it == e->assets.cend() ? nullptr : &*it;
}

std::vector<const Asset *> AssetStore::assets(const QString &cloud) const
{
    std::vector<const Asset *> out;
    if (const Environment *e = envIfAny(cloud)) {
        out.reserve(std::size_t(e->assets.size()));
        for (const Asset &asset : e->assets)
            out.push_back(&asset);
    }
    return out;
}

qsizetype AssetStore::assetCount(const QString &cloud) const
{
    const Environment *e = envIfAny(cloud);
    return e ? e->assets.size() : 0;
}

bool AssetStore::putAsset(const QString &cloud, Asset asset, const QString &stagedFile, QString *error)
{
    const QString dir = filesDirectory(cloud);
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create %1").arg(dir);
        return false;
    }
    {
        QFile staged(stagedFile);
        if (!staged.open(QIODevice::ReadWrite)) {
            *error = QStringLiteral("cannot open the staged upload");
            return false;
        }
        if (!m_inBatch)
            ::fsync(staged.handle());
    }
    asset.storageName = asset.assetId + u'-' + QString::number(asset.version);
    if (!asset.updatedAt.isValid())
        asset.updatedAt = asset.uploadedAt;
    const QString target = dir + u'/' + asset.storageName;
    QFile::remove(target);
    if (!QFile::rename(stagedFile, target)) {
        *error = QStringLiteral("cannot move the upload into the store");
        return false;
    }
    if (!m_inBatch)
        syncDirectory(dir);

    Environment &e = env(cloud);
    const auto previous = e.assets.constFind(asset.key());
    const QString previousFile = previous != e.assets.cend() && previous->storageName != asset.storageName
        ? dir + u'/' + previous->storageName
        : QString();
    if (!exec(QStringLiteral("INSERT OR REPLACE INTO assets (cloud, key, json) VALUES (?, ?, ?)"),
              {cloud, asset.key(), toText(asset.toStorageJson())}, error)) {
        QFile::remove(target);
        return false;
    }
    if (previous != e.assets.cend())
        e.byId.remove(previous->assetId);
    e.byId.insert(asset.assetId, asset.key());
    e.assets.insert(asset.key(), std::move(asset));
    if (!previousFile.isEmpty())
        QFile::remove(previousFile);
    return true;
}

bool AssetStore::updateAsset(const QString &cloud, const Asset &asset, QString *error)
{
    Environment &e = env(cloud);
    if (!e.assets.contains(asset.key())) {
        *error = QStringLiteral("Resource not found - %1").arg(asset.publicId);
        return false;
    }
    if (!exec(QStringLiteral("UPDATE assets SET json = ? WHERE cloud = ? AND key = ?"),
              {toText(asset.toStorageJson()), cloud, asset.key()}, error))
        return false;
    e.assets.insert(asset.key(), asset);
    return true;
}

bool AssetStore::rekeyAsset(const QString &cloud, const QString &oldKey, const Asset &renamed, QString *error)
{
    Environment &e = env(cloud);
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    const bool ownTransaction = !m_inBatch && db.transaction();
    const bool ok
        = exec(QStringLiteral("DELETE FROM assets WHERE cloud = ? AND key = ?"), {cloud, oldKey}, error)
        && exec(QStringLiteral("INSERT OR REPLACE INTO assets (cloud, key, json) VALUES (?, ?, ?)"),
                {cloud, renamed.key(), toText(renamed.toStorageJson())}, error);
    if (ownTransaction) {
        if (!ok || !db.commit()) {
            db.rollback();
            return false;
        }
    } else if (!ok) {
        return false;
    }
    e.assets.remove(oldKey);
    e.assets.insert(renamed.key(), renamed);
    e.byId.insert(renamed.assetId, renamed.key());
    return true;
}

bool AssetStore::removeAsset(const QString &cloud, const QString &key, QString *error)
{
    Environment &e = env(cloud);
    const auto it = e.assets.find(key);
    if (it == e.assets.end())
        return true;
    if (!exec(QStringLiteral("DELETE FROM assets WHERE cloud = ? AND key = ?"), {cloud, key}, error))
        return false;
    QFile::remove(filesDirectory(cloud) + u'/' + it->storageName);
    e.byId.remove(it->assetId);
    e.assets.erase(it);
    return true;
}

void AssetStore::beginBatch()
{
    QSqlDatabase::database(m_connectionName, false).transaction();
    m_inBatch = true;
}

bool AssetStore::commitBatch(QString *error)
{
    m_inBatch = false;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.commit()) {
        *error = db.lastError().text();
        return false;
    }
    return true;
}

QMap<QString, QDateTime> AssetStore::explicitFolders(const QString &cloud) const
{
    const Environment *e = envIfAny(cloud);
    return e ? e->folders : QMap<QString, QDateTime>();
}

bool AssetStore::addFolder(const QString &cloud, const QString &path, QString *error)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!exec(QStringLiteral("INSERT OR IGNORE INTO folders (cloud, path, created_at) VALUES (?, ?, ?)"),
              {cloud, path, now.toString(Qt::ISODate)}, error))
        return false;
    Environment &e = env(cloud);
    if (!e.folders.contains(path))
        e.folders.insert(path, now);
    return true;
}

bool AssetStore::removeFolder(const QString &cloud, const QString &path, QString *error)
{
    if (!exec(QStringLiteral("DELETE FROM folders WHERE cloud = ? AND path = ?"), {cloud, path}, error))
        return false;
    env(cloud).folders.remove(path);
    return true;
}

QMap<QString, QString> AssetStore::namedTransformations(const QString &cloud) const
{
    const Environment *e = envIfAny(cloud);
    return e ? e->named : QMap<QString, QString>();
}

bool AssetStore::putNamedTransformation(const QString &cloud, const QString &name,
                                        const QString &transformation, QString *error)
{
    if (!exec(QStringLiteral("INSERT OR REPLACE INTO named_transformations (cloud, name, transformation) "
                             "VALUES (?, ?, ?)"),
              {cloud, name, transformation}, error))
        return false;
    env(cloud).named.insert(name, transformation);
    return true;
}

bool AssetStore::removeNamedTransformation(const QString &cloud, const QString &name, QString *error)
{
    if (!exec(QStringLiteral("DELETE FROM named_transformations WHERE cloud = ? AND name = ?"), {cloud, name},
              error))
        return false;
    env(cloud).named.remove(name);
    return true;
}

QMap<QString, QJsonObject> AssetStore::uploadPresets(const QString &cloud) const
{
    const Environment *e = envIfAny(cloud);
    return e ? e->presets : QMap<QString, QJsonObject>();
}

bool AssetStore::putUploadPreset(const QString &cloud, const QString &name, const QJsonObject &preset,
                                 QString *error)
{
    if (!exec(QStringLiteral("INSERT OR REPLACE INTO upload_presets (cloud, name, json) VALUES (?, ?, ?)"),
              {cloud, name, toText(preset)}, error))
        return false;
    env(cloud).presets.insert(name, preset);
    return true;
}

bool AssetStore::removeUploadPreset(const QString &cloud, const QString &name, QString *error)
{
    if (!exec(QStringLiteral("DELETE FROM upload_presets WHERE cloud = ? AND name = ?"), {cloud, name},
              error))
        return false;
    env(cloud).presets.remove(name);
    return true;
}

QJsonArray AssetStore::metadataFields(const QString &cloud) const
{
    const Environment *e = envIfAny(cloud);
    return e ? e->metadataFields : QJsonArray();
}

bool AssetStore::putMetadataFields(const QString &cloud, const QJsonArray &fields, QString *error)
{
    const QString text = QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact));
    if (!exec(QStringLiteral("INSERT OR REPLACE INTO metadata_fields (cloud, json) VALUES (?, ?)"),
              {cloud, text}, error))
        return false;
    env(cloud).metadataFields = fields;
    return true;
}

} // namespace stratus::sandbox
