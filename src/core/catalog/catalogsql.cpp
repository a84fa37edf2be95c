#include "catalogsql_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace stratus::core::catalog::sql {

QLatin1StringView assetColumns()
{
    return "asset_id, public_id, resource_type, type, format, bytes, width, height, duration, version, "
           "etag, created_at, uploaded_at, asset_folder, public_id_folder, display_name, tags, context, "
           "metadata, status"_L1;
}

CatalogAsset assetFromRow(const QSqlQuery &query)
{
    CatalogAsset a;
    a.assetId = query.value(0).toString();
    a.publicId = query.value(1).toString();
    a.resourceType = query.value(2).toString();
    a.type = query.value(3).toString();
    a.format = query.value(4).toString();
    a.bytes = query.value(5).toLongLong();
    a.width = query.value(6).toInt();
    a.height = query.value(7).toInt();
    if (!query.isNull(8))
        a.duration = query.value(8).toDouble();
    a.version = query.value(9).toLongLong();
    a.etag = query.value(10).toString();
    if (!query.isNull(11))
        a.createdAt = QDateTime::fromMSecsSinceEpoch(query.value(11).toLongLong(), Qt::UTC);
    if (!query.isNull(12))
        a.uploadedAt = QDateTime::fromMSecsSinceEpoch(query.value(12).toLongLong(), Qt::UTC);
    a.assetFolder = query.value(13).toString();
    a.publicIdFolder = query.value(14).toString();
    a.displayName = query.value(15).toString();
    const QJsonArray tags = QJsonDocument::fromJson(query.value(16).toByteArray()).array();
    for (const QJsonValue &tag : tags)
        a.tags.append(tag.toString());
    a.context = QJsonDocument::fromJson(query.value(17).toByteArray()).object();
    a.metadata = QJsonDocument::fromJson(query.value(18).toByteArray()).object();
    a.status = query.value(19).toString();
    return a;
}

Error error(const QSqlQuery &query, ErrorReason reason)
{
    constexpr int kSqliteCorrupt = 11;
    constexpr int kSqliteNotADatabase = 26;
    const QSqlError sqlError = query.lastError();
    const int code = sqlError.nativeErrorCode().toInt() & 0xff; // the primary code of an extended one
    const bool damaged = code == kSqliteCorrupt || code == kSqliteNotADatabase;
    return Error::because(damaged ? Error::Kind::Damaged : Error::Kind::Io, reason, {}, sqlError.text());
}

Result<Done> drained(const QSqlQuery &query)
{
    if (query.lastError().isValid())
        return error(query, ErrorReason::CatalogReadStopped);
    return Done {};
}

Result<QSqlQuery> run(const QSqlDatabase &db, const QString &statement, const QVariantList &binds)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(statement))
        return error(query, ErrorReason::CatalogQueryFailed);
    // A null QString binds as NULL, and `folder = NULL` matches nothing: text is never NULL here.
    for (const QVariant &value : binds) {
        if (value.typeId() == QMetaType::QString && value.toString().isNull())
            query.addBindValue(QString(u""_s));
        else
            query.addBindValue(value);
    }
    if (!query.exec())
        return error(query, ErrorReason::CatalogQueryFailed);
    return query;
}

QString ftsMatch(QStringView text)
{
    QStringList words;
    QString word;
    auto flush = [&] {
        if (!word.isEmpty())
            words.append(u'"' + word + u"\"*"_s);
        word.clear();
    };
    for (const QChar c : text) {
        if (c.isLetterOrNumber())
            word += c;
        else
            flush();
    }
    flush();
    return words.join(u' ');
}

Condition conditionFor(const CatalogQuery &query)
{
    QStringList parts;
    QVariantList binds;
    auto anyOf = [&](const QString &column, const QStringList &values) {
        if (values.isEmpty())
            return;
        QStringList marks;
        for (const QString &value : values) {
            marks.append(u"?"_s);
            binds.append(value);
        }
        parts.append(u"%1 COLLATE NOCASE IN (%2)"_s.arg(column, marks.join(u',')));
    };
    if (const QString match = ftsMatch(query.text); !match.isEmpty()) {
        parts.append(u"assets.rowid IN (SELECT rowid FROM assets_fts WHERE assets_fts MATCH ?)"_s);
        binds.append(match);
    }
    anyOf(u"resource_type"_s, query.resourceTypes);
    anyOf(u"format"_s, query.formats);
    if (query.anyTag && !query.tags.isEmpty()) {
        QStringList marks;
        for (const QString &tag : query.tags) {
            marks.append(u"?"_s);
            binds.append(tag);
        }
        parts.append(u"EXISTS (SELECT 1 FROM json_each(assets.tags) WHERE json_each.value IN (%1))"_s.arg(
            marks.join(u',')));
    } else {
        for (const QString &tag : query.tags) {
            parts.append(u"EXISTS (SELECT 1 FROM json_each(assets.tags) WHERE json_each.value = ?)"_s);
            binds.append(tag);
        }
    }
    if (query.createdFrom.isValid()) {
        parts.append(u"created_at >= ?"_s);
        binds.append(query.createdFrom.toMSecsSinceEpoch());
    }
    if (query.createdBefore.isValid()) {
        parts.append(u"created_at < ?"_s);
        binds.append(query.createdBefore.toMSecsSinceEpoch());
    }
    if (query.minBytes) {
        parts.append(u"bytes >= ?"_s);
        binds.append(*query.minBytes);
    }
    if (query.maxBytes) {
        parts.append(u"bytes <= ?"_s);
        binds.append(*query.maxBytes);
    }
    if (query.folder) {
        parts.append(u"folder = ?"_s);
        binds.append(*query.folder);
    }
    // json_each over a scalar yields the scalar, over an array its elements: one test serves single
    // values and multi-selects. Numbers compare as their text.
    for (auto it = query.metadata.cbegin(); it != query.metadata.cend(); ++it) {
        if (it.value().isEmpty())
            continue;
        QString path = it.key();
        binds.append(u"$.\"%1\""_s.arg(path.replace(u'"', "\\\""_L1)));
        QStringList marks;
        for (const QString &value : it.value()) {
            marks.append(u"?"_s);
            binds.append(value);
        }
        parts.append(
            u"EXISTS (SELECT 1 FROM json_each(assets.metadata, ?) WHERE CAST(json_each.value AS TEXT) IN (%1))"_s
                .arg(marks.join(u',')));
    }
    return {parts.isEmpty() ? u"1"_s : parts.join(u" AND "_s), binds};
}

QString orderBy(CatalogSort sort, Qt::SortOrder order)
{
    QString column;
    switch (sort) {
    case CatalogSort::Name:
        column = u"name COLLATE NOCASE"_s;
        break;
    case CatalogSort::PublicId:
        column = u"public_id"_s;
        break;
    case CatalogSort::CreatedAt:
        column = u"created_at"_s;
        break;
    case CatalogSort::UploadedAt:
        column = u"uploaded_at"_s;
        break;
    case CatalogSort::Bytes:
        column = u"bytes"_s;
        break;
    case CatalogSort::Format:
        column = u"format COLLATE NOCASE"_s;
        break;
    case CatalogSort::ResourceType:
        column = u"resource_type"_s;
        break;
    case CatalogSort::Pixels:
        column = u"(width * height)"_s;
        break;
    }
    const QString direction = order == Qt::AscendingOrder ? u"ASC"_s : u"DESC"_s;
    return u"ORDER BY %1 %2, asset_id %2"_s.arg(column, direction);
}

QString dateText(const QDateTime &dateTime)
{
    return dateTime.isValid() ? dateTime.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime dateFromText(const QString &text)
{
    QDateTime date = QDateTime::fromString(text, Qt::ISODateWithMs);
    return date.isValid() ? date.toUTC() : QDateTime();
}

QVariant dateValue(const QDateTime &dateTime)
{
    return dateTime.isValid() ? QVariant(dateTime.toMSecsSinceEpoch()) : QVariant();
}

QString lastSegment(const QString &path)
{
    return path.mid(path.lastIndexOf(u'/') + 1);
}

} // namespace stratus::core::catalog::sql
