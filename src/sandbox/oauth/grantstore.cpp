#include "grantstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace stratus::sandbox {

Q_LOGGING_CATEGORY(lcGrants, "stratus.sandbox.oauth")

GrantStore::GrantStore()
    : m_connectionName(u"stratus-sandbox-oauth-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

GrantStore::~GrantStore()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QByteArray GrantStore::hashOf(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex();
}

bool GrantStore::open(const QString &directory, QString *error)
{
    const QString file = QDir(directory).absoluteFilePath(u"oauth.sqlite"_s);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    db.setDatabaseName(file);
    if (!db.open()) {
        *error = u"cannot open the sandbox's OAuth database: %1"_s.arg(db.lastError().text());
        return false;
    }
    const char *schema[] = {
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=FULL",
        "CREATE TABLE IF NOT EXISTS signing_key (id INTEGER PRIMARY KEY CHECK (id = 1), key BLOB NOT NULL)",
        "CREATE TABLE IF NOT EXISTS grants (id TEXT PRIMARY KEY, client_id TEXT NOT NULL, subject TEXT NOT "
        "NULL, cloud TEXT NOT NULL, scope TEXT NOT NULL, created_at TEXT NOT NULL, revoked INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS refresh_tokens (hash TEXT PRIMARY KEY, grant_id TEXT NOT NULL, used "
        "INTEGER NOT NULL)",
    };
    for (const char *statement : schema) {
        if (!exec(QString::fromLatin1(statement), {}, error))
            return false;
    }

    QSqlQuery query(db);
    if (query.exec(u"SELECT key FROM signing_key WHERE id = 1"_s) && query.next())
        m_signingKey = query.value(0).toByteArray();
    if (m_signingKey.size() < 32) {
        quint32 words[8];
        QRandomGenerator::system()->fillRange(words);
        m_signingKey = QByteArray(reinterpret_cast<const char *>(words), sizeof words);
        if (!exec(u"INSERT OR REPLACE INTO signing_key (id, key) VALUES (1, ?)"_s, {m_signingKey}, error))
            return false;
    }
    // The signing key is a secret: the database and its journal are the owner's only.
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
        QFile::setPermissions(file + suffix, QFile::ReadOwner | QFile::WriteOwner);
    if (query.exec(u"SELECT id, client_id, subject, cloud, scope, created_at, revoked FROM grants"_s)) {
        while (query.next()) {
            Grant grant {
                query.value(0).toString(), query.value(1).toString(),
                query.value(2).toString(), query.value(3).toString(),
                query.value(4).toString(), QDateTime::fromString(query.value(5).toString(), Qt::ISODate),
                query.value(6).toBool()};
            m_grants.insert(grant.id, grant);
        }
    }
    if (query.exec(u"SELECT hash, grant_id, used FROM refresh_tokens"_s)) {
        while (query.next())
            m_refreshTokens.insert(query.value(0).toByteArray(),
                                   {query.value(1).toString(), query.value(2).toBool()});
    }
    return true;
}

bool GrantStore::exec(const QString &sql, const QVariantList &values, QString *error)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.prepare(sql)) {
        if (error)
            *error = query.lastError().text();
        qCWarning(lcGrants, "cannot prepare a statement: %s", qPrintable(query.lastError().text()));
        return false;
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        if (error)
            *error = u"database error: %1"_s.arg(query.lastError().text());
        qCWarning(lcGrants, "database error: %s", qPrintable(query.lastError().text()));
        return false;
    }
    return true;
}

const Grant *GrantStore::grant(const QString &id) const
{
    const auto it = m_grants.constFind(id);
    return it == m_grants.cend() ? nullptr : &*it;
}

bool GrantStore::addGrant(const Grant &grant)
{
    if (!exec(u"INSERT INTO grants (id, client_id, subject, cloud, scope, created_at, revoked) "
              "VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
              {grant.id, grant.clientId, grant.subject, grant.cloud, grant.scope,
               grant.createdAt.toUTC().toString(Qt::ISODate), grant.revoked ? 1 : 0}))
        return false;
    m_grants.insert(grant.id, grant);
    return true;
}

bool GrantStore::revokeGrant(const QString &id)
{
    auto it = m_grants.find(id);
    if (it == m_grants.end() || it->revoked)
        return false;
    // Refused from now on even if the write fails: a revocation errs on the safe side.
    it->revoked = true;
    exec(u"UPDATE grants SET revoked = 1 WHERE id = ?"_s, {id});
    return true;
}

std::optional<GrantStore::RefreshToken> GrantStore::refreshToken(const QByteArray &hash) const
{
    const auto it = m_refreshTokens.constFind(hash);
    if (it == m_refreshTokens.cend())
        return std::nullopt;
    return *it;
}

bool GrantStore::addRefreshToken(const QByteArray &hash, const QString &grantId)
{
    if (!exec(u"INSERT INTO refresh_tokens (hash, grant_id, used) VALUES (?, ?, 0)"_s,
              {QString::fromLatin1(hash), grantId}))
        return false;
    m_refreshTokens.insert(hash, {grantId, false});
    return true;
}

bool GrantStore::markRefreshTokenUsed(const QByteArray &hash)
{
    auto it = m_refreshTokens.find(hash);
    if (it == m_refreshTokens.end())
        return false;
    it->used = true;
    return exec(u"UPDATE refresh_tokens SET used = 1 WHERE hash = ?"_s, {QString::fromLatin1(hash)});
}

} // namespace stratus::sandbox
