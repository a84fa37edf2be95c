// stratus-sandbox keeps an `updated_at` per asset, as Cloudinary's Search API evaluates it: set at
// upload, moved on by every change (Admin API update of tags, context, metadata, display name or
// asset folder; Upload API tags, context, explicit and rename; a folder rename), reported in
// resource objects, searchable (`updated_at>"…"`, sort_by updated_at), kept across a restart, and
// read back as uploaded_at from a data directory written before it was kept.

#include "../integration/sandboxprocess.h"

#include "core/api/adminapi.h"
#include "core/api/searchapi.h"
#include "core/api/uploadapi.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace stratus;
using namespace stratus::core;
using namespace Qt::StringLiterals;

namespace {

const QString kEnvironment = u"cloudinary://k1:s1@upd?folder_mode=dynamic&admin_rate_limit=100000"_s;

// The assets of the test, one per kind of change, and one that is left alone.
const QStringList kChanges
    = {u"admin_tags"_s,  u"admin_context"_s,  u"admin_metadata"_s,  u"admin_display"_s, u"admin_folder"_s,
       u"upload_tags"_s, u"upload_context"_s, u"upload_explicit"_s, u"upload_rename"_s, u"folder_rename"_s};
const QString kUntouched = u"untouched"_s;

QDateTime date(const QJsonObject &resource, QLatin1String key)
{
    return QDateTime::fromString(resource.value(key).toString(), Qt::ISODate);
}

} // namespace

class TestSandboxUpdatedAt : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<test::SandboxProcess> m_sandbox;
    QHash<QString, QString> m_assetIds; // name → asset id
    QHash<QString, QString> m_updated; // asset id → updated_at as answered before the restart
    QDateTime m_newestUpload;

    bool startSandbox(QString *error)
    {
        m_sandbox = std::make_unique<test::SandboxProcess>();
        return m_sandbox->start({u"--data"_s, m_dir.filePath(u"data"_s), u"--environment"_s, kEnvironment}, 1,
                                false, error);
    }

    template<typename T> std::optional<T> run(ApiCall<T> *call)
    {
        std::unique_ptr<ApiCall<T>> owned(call);
        if (!test::runToEnd(call) || !call->result()) {
            qWarning("call failed: %s", test::errorText(call).constData());
            return std::nullopt;
        }
        return call->result().value();
    }

    // Every resource the Search API returns for @p expression, sorted by updated_at descending.
    QList<QJsonObject> search(const QString &expression)
    {
        SearchQuery query;
        query.expression = expression;
        query.sortBy = {{u"updated_at"_s, u"desc"_s}};
        query.maxResults = 500;
        auto page = run(SearchApi(m_sandbox->context(0)).search(query, nullptr));
        QList<QJsonObject> out;
        if (page) {
            for (const Resource &resource : page->resources)
                out.append(resource.raw);
        }
        return out;
    }

    static QStringList assetIdsOf(const QList<QJsonObject> &resources)
    {
        QStringList ids;
        for (const QJsonObject &resource : resources)
            ids.append(resource.value("asset_id"_L1).toString());
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(startSandbox(&error), qPrintable(error));
        // Metadata values are checked against the environment's fields: define the one used here.
        const auto field = m_sandbox->raw("POST", u"/v1_1/upd/metadata_fields"_s,
                                          {{"Authorization", "Basic " + QByteArray("k1:s1").toBase64()},
                                           {"Content-Type", "application/json"}},
                                          R"({"type":"integer","external_id":"rank","label":"Rank"})");
        QCOMPARE(field.status, 200);
    }

    void uploadSetsUpdatedAt()
    {
        const QString file = m_dir.filePath(u"note.txt"_s);
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly) && out.write("a note\n") > 0);
        }
        UploadApi uploads(m_sandbox->context(0));
        for (const QString &name : kChanges + QStringList {kUntouched}) {
            UploadOptions options;
            options.resourceType = u"raw"_s;
            options.publicId = name;
            options.assetFolder = name == u"folder_rename" ? u"box/inner"_s : u"box"_s;
            std::unique_ptr<UploadJob> job(uploads.upload(file, options, nullptr));
            QVERIFY2(test::runToEnd(job.get()) && !job->error(), test::errorText(job.get()).constData());
            const QJsonObject json = job->result()->raw;
            QVERIFY2(json.value("updated_at"_L1).isString(), json.keys().join(u',').toUtf8().constData());
            QCOMPARE(date(json, "updated_at"_L1), date(json, "uploaded_at"_L1));
            QCOMPARE(json.value("last_updated"_L1).toObject().value("updated_at"_L1),
                     json.value("updated_at"_L1));
            m_assetIds.insert(name, json.value("asset_id"_L1).toString());
            m_newestUpload = qMax(m_newestUpload, date(json, "uploaded_at"_L1));
        }
    }

    void everyChangeMovesUpdatedAt()
    {
        // Dates have whole seconds: let the clock pass the second of the last upload. The sandbox is
        // another process with the system clock (its clock can be set only in-process), so real
        // time must pass: waited for as a condition on the clock, not as a guessed sleep.
        QVERIFY(QTest::qWaitFor(
            [this] { return QDateTime::currentDateTimeUtc() >= m_newestUpload.addMSecs(1100); }, 5000));
        AdminApi admin(m_sandbox->context(0));
        UploadApi uploads(m_sandbox->context(0));
        const auto ref = [](const QString &publicId) {
            return AssetRef {publicId, u"raw"_s, u"upload"_s};
        };
        const auto update = [&](const QString &publicId, const ResourceUpdate &change) {
            return run(admin.updateResource(ref(publicId), change, nullptr)).has_value();
        };
        ResourceUpdate tags;
        tags.tags = QStringList {u"edited"_s};
        QVERIFY(update(u"admin_tags"_s, tags));
        ResourceUpdate context;
        context.context = QMap<QString, QString> {{u"alt"_s, u"changed"_s}};
        QVERIFY(update(u"admin_context"_s, context));
        ResourceUpdate metadata;
        metadata.metadata = QJsonObject {{u"rank"_s, u"3"_s}};
        QVERIFY(update(u"admin_metadata"_s, metadata));
        ResourceUpdate display;
        display.displayName = u"Renamed for people"_s;
        QVERIFY(update(u"admin_display"_s, display));
        ResourceUpdate folder;
        folder.assetFolder = u"elsewhere"_s;
        QVERIFY(update(u"admin_folder"_s, folder));
        QVERIFY(
            run(uploads.tags(TagCommand::Replace, {u"replaced"_s}, {u"upload_tags"_s}, nullptr, u"raw"_s)));
        QVERIFY(run(uploads.context(ContextCommand::Add, {{u"caption"_s, u"new"_s}}, {u"upload_context"_s},
                                    nullptr, u"raw"_s)));
        ExplicitOptions explicitOptions;
        explicitOptions.tags = QStringList {u"explicit"_s};
        QVERIFY(run(uploads.explicitUpdate(ref(u"upload_explicit"_s), explicitOptions, nullptr)));
        QVERIFY(run(uploads.rename(ref(u"upload_rename"_s), u"upload_renamed"_s, {}, nullptr)));
        QVERIFY(run(admin.renameFolder(u"box/inner"_s, u"box/moved"_s, nullptr)));

        // Searchable: exactly the changed assets were updated after the last upload's second.
        const QList<QJsonObject> changed
            = search(u"updated_at>\"%1\""_s.arg(m_newestUpload.toUTC().toString(Qt::ISODate)));
        QStringList expected;
        for (const QString &name : kChanges)
            expected.append(m_assetIds.value(name));
        QStringList found = assetIdsOf(changed);
        found.sort();
        expected.sort();
        QCOMPARE(found, expected);
        for (const QJsonObject &resource : changed) {
            QVERIFY(date(resource, "updated_at"_L1) > date(resource, "uploaded_at"_L1));
            m_updated.insert(resource.value("asset_id"_L1).toString(),
                             resource.value("updated_at"_L1).toString());
        }
        // Relative dates and sort_by: everything changed within the hour, newest change first.
        const QList<QJsonObject> recent = search(u"updated_at>1h"_s);
        QCOMPARE(recent.size(), kChanges.size() + 1);
        QCOMPARE(recent.last().value("asset_id"_L1).toString(), m_assetIds.value(kUntouched));
        QCOMPARE(search(u"updated_at<1h"_s).size(), qsizetype(0));
        const QList<QJsonObject> untouched = search(u"public_id=untouched"_s);
        QCOMPARE(untouched.size(), qsizetype(1));
        QCOMPARE(date(untouched.first(), "updated_at"_L1), date(untouched.first(), "uploaded_at"_L1));
        m_updated.insert(m_assetIds.value(kUntouched), untouched.first().value("updated_at"_L1).toString());
    }

    void updatedAtSurvivesARestart()
    {
        m_sandbox->stop();
        QString error;
        QVERIFY2(startSandbox(&error), qPrintable(error));
        const QList<QJsonObject> all = search({});
        QCOMPARE(all.size(), kChanges.size() + 1);
        for (const QJsonObject &resource : all)
            QCOMPARE(resource.value("updated_at"_L1).toString(),
                     m_updated.value(resource.value("asset_id"_L1).toString()));
        const QString tagsUpdated = m_updated.value(m_assetIds.value(u"admin_tags"_s));
        QVERIFY(assetIdsOf(search(u"updated_at:\"%1\""_s.arg(tagsUpdated)))
                    .contains(m_assetIds.value(u"admin_tags"_s)));
        QCOMPARE(search(u"updated_at>\"%1\""_s.arg(m_newestUpload.toUTC().toString(Qt::ISODate))).size(),
                 kChanges.size());
    }

    void olderDataDirectoriesReadUploadedAt()
    {
        // A row written before updated_at was kept: the asset counts as unchanged since its upload.
        m_sandbox->stop();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"edit"_s);
            db.setDatabaseName(m_dir.filePath(u"data/sandbox.sqlite"_s));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"UPDATE assets SET json = json_remove(json, '$.updated_at')"_s));
            QCOMPARE(qsizetype(query.numRowsAffected()), kChanges.size() + 1);
            db.close();
        }
        QSqlDatabase::removeDatabase(u"edit"_s);
        QString error;
        QVERIFY2(startSandbox(&error), qPrintable(error));
        const QList<QJsonObject> all = search({});
        QCOMPARE(all.size(), kChanges.size() + 1);
        for (const QJsonObject &resource : all)
            QCOMPARE(date(resource, "updated_at"_L1), date(resource, "uploaded_at"_L1));
        const QString since = m_newestUpload.toUTC().toString(Qt::ISODate);
        QCOMPARE(search(u"updated_at>\"%1\""_s.arg(since)).size(), qsizetype(0));
    }
};

QTEST_GUILESS_MAIN(TestSandboxUpdatedAt)
#include "tst_sandboxupdatedat.moc"
